"""Tokenize reviews and split them into train and dev sets."""
import argparse
import json
import random
import re
from pathlib import Path

TOKEN = re.compile(r"[a-z]+")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("source")
    ap.add_argument("out_dir")
    ap.add_argument("--dev-split", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.source, encoding="utf8")]
    for row in rows:
        row["tokens"] = TOKEN.findall(row["text"].lower())
    random.Random(args.seed).shuffle(rows)
    n_dev = int(len(rows) * args.dev_split)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, part in (("dev", rows[:n_dev]), ("train", rows[n_dev:])):
        with open(out / f"{name}.jsonl", "w", encoding="utf8") as f:
            for row in part:
                f.write(json.dumps(row, sort_keys=True) + "\n")
        print(f"{name}: {len(part)} reviews")


if __name__ == "__main__":
    main()
