"""Pick the model with the best score."""
import json
import sys
from pathlib import Path

out, *model_dirs = sys.argv[1:]
scores = [json.loads((Path(d) / "score.json").read_text(encoding="utf8")) for d in model_dirs]
best = max(scores, key=lambda s: s["score"])
Path(out).parent.mkdir(parents=True, exist_ok=True)
Path(out).write_text(json.dumps({"best": best, "all": scores}, indent=1) + "\n", encoding="utf8")
for s in scores:
    print(f"{s['size']:<8} {s['score']:.3f}{'  <- best' if s is best else ''}")
