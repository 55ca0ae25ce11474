"""How many dev words the model knows."""
import argparse
import json
from pathlib import Path

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("model")
ap.add_argument("dev")
ap.add_argument("scores")
args = ap.parse_args()
vocab = json.loads(Path(args.model).read_text(encoding="utf8"))
words = open(args.dev, encoding="utf8").read().split()
coverage = sum(w in vocab for w in words) / max(1, len(words))
Path(args.scores).parent.mkdir(parents=True, exist_ok=True)
Path(args.scores).write_text(json.dumps({"coverage": round(coverage, 4)}) + "\n", encoding="utf8")
print(f"coverage: {coverage:.1%}")
