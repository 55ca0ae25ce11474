"""Count the words of the train set: the toy model."""
import argparse
import json
from collections import Counter
from pathlib import Path

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("train")
ap.add_argument("model")
ap.add_argument("--min-count", type=int, default=1)
args = ap.parse_args()
counts = Counter(open(args.train, encoding="utf8").read().split())
vocab = {w: n for w, n in sorted(counts.items()) if n >= args.min_count}
Path(args.model).parent.mkdir(parents=True, exist_ok=True)
Path(args.model).write_text(json.dumps(vocab, indent=1, sort_keys=True), encoding="utf8")
print(f"{len(vocab)} words")
