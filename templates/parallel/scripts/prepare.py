"""Split lines of raw text into train and dev files."""
import argparse
import random
from pathlib import Path

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("source")
ap.add_argument("out_dir")
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
lines = [l.strip() for l in open(args.source, encoding="utf8") if l.strip()]
random.Random(args.seed).shuffle(lines)
n_dev = max(1, len(lines) // 4)
out = Path(args.out_dir)
out.mkdir(parents=True, exist_ok=True)
(out / "dev.txt").write_text("\n".join(lines[:n_dev]) + "\n", encoding="utf8")
(out / "train.txt").write_text("\n".join(lines[n_dev:]) + "\n", encoding="utf8")
print(f"train: {len(lines) - n_dev} lines, dev: {n_dev} lines")
