"""Train an averaged perceptron over bag-of-words features."""
import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train")
    ap.add_argument("out_dir")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.train, encoding="utf8")]
    labels = sorted({row["label"] for row in rows})
    weights = {label: defaultdict(float) for label in labels}
    totals = {label: defaultdict(float) for label in labels}
    rnd = random.Random(args.seed)
    step = 0
    for epoch in range(args.epochs):
        rnd.shuffle(rows)
        errors = 0
        for row in rows:
            step += 1
            scores = {l: sum(weights[l][t] for t in row["tokens"]) for l in labels}
            guess = max(labels, key=lambda l: (scores[l], l))
            if guess != row["label"]:
                errors += 1
                for t in row["tokens"]:
                    weights[row["label"]][t] += 1
                    weights[guess][t] -= 1
            for l in labels:
                for t, w in weights[l].items():
                    totals[l][t] += w
        print(f"epoch {epoch + 1}: {errors} errors")
    averaged = {l: {t: v / step for t, v in sorted(totals[l].items()) if v} for l in labels}
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "model.json", "w", encoding="utf8") as f:
        json.dump({"type": "perceptron", "labels": labels, "weights": averaged}, f,
                  sort_keys=True, indent=1)


if __name__ == "__main__":
    main()
