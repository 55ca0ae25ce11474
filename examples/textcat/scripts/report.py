"""Print the evaluation results side by side."""
import json
import sys

print(f"{'model':<12} {'accuracy':>8}")
for path in sys.argv[1:]:
    m = json.load(open(path, encoding="utf8"))
    print(f"{m['model']:<12} {m['accuracy']:>8.2%}")
