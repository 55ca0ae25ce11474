"""Train a multinomial naive Bayes classifier with add-one smoothing."""
import argparse
import json
import math
from collections import Counter
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train")
    ap.add_argument("out_dir")
    ap.add_argument("--min-count", type=int, default=1)
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.train, encoding="utf8")]
    totals = Counter(tok for row in rows for tok in row["tokens"])
    vocab = sorted(t for t, n in totals.items() if n >= args.min_count)
    labels = sorted({row["label"] for row in rows})
    model = {"type": "bayes", "labels": labels, "priors": {}, "log_probs": {}}
    for label in labels:
        mine = [row for row in rows if row["label"] == label]
        counts = Counter(tok for row in mine for tok in row["tokens"] if tok in totals)
        denom = sum(counts[t] for t in vocab) + len(vocab)
        model["priors"][label] = math.log(len(mine) / len(rows))
        model["log_probs"][label] = {t: math.log((counts[t] + 1) / denom) for t in vocab}
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "model.json", "w", encoding="utf8") as f:
        json.dump(model, f, sort_keys=True, indent=1)
    print(f"bayes: {len(vocab)} words, {len(labels)} labels, {len(rows)} examples")


if __name__ == "__main__":
    main()
