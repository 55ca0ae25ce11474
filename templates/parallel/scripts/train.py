"""Train a toy model of a given size; prints the device slot it was given."""
import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

SIZES = {"small": 1, "medium": 2, "large": 3}

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("size", choices=sorted(SIZES))
ap.add_argument("train")
ap.add_argument("dev")
ap.add_argument("out_dir")
ap.add_argument("--epochs", type=int, default=3)
args = ap.parse_args()
print(f"{args.size}: training on device {os.environ.get('WFGEN_SLOT', '?')}", flush=True)
words = open(args.train, encoding="utf8").read().split()
# The toy model keeps n-grams up to the model's size.
grams = Counter()
for epoch in range(1, args.epochs + 1):
    time.sleep(0.2 * SIZES[args.size])  # stands in for real work
    for n in range(1, SIZES[args.size] + 1):
        grams.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    print(f"{args.size}: epoch {epoch}/{args.epochs}", flush=True)
dev = open(args.dev, encoding="utf8").read().split()
score = sum(w in grams for w in dev) / max(1, len(dev)) + 0.01 * SIZES[args.size]
out = Path(args.out_dir)
out.mkdir(parents=True, exist_ok=True)
(out / "model.json").write_text(json.dumps(sorted(grams), indent=1), encoding="utf8")
(out / "score.json").write_text(json.dumps({"size": args.size, "score": round(score, 4)}) + "\n",
                                encoding="utf8")
print(f"{args.size}: score {score:.3f}")
