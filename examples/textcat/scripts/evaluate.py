"""Score a trained model on the dev set."""
import argparse
import json
from pathlib import Path


def predict(model, tokens):
    if model["type"] == "bayes":
        scores = {l: model["priors"][l] + sum(model["log_probs"][l].get(t, 0.0) for t in tokens)
                  for l in model["labels"]}
    else:
        scores = {l: sum(model["weights"][l].get(t, 0.0) for t in tokens) for l in model["labels"]}
    return max(model["labels"], key=lambda l: (scores[l], l))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dev")
    ap.add_argument("model_dir")
    ap.add_argument("out")
    args = ap.parse_args()
    model = json.load(open(Path(args.model_dir) / "model.json", encoding="utf8"))
    rows = [json.loads(line) for line in open(args.dev, encoding="utf8")]
    correct = sum(predict(model, row["tokens"]) == row["label"] for row in rows)
    metrics = {"model": model["type"], "examples": len(rows), "accuracy": round(correct / len(rows), 4)}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf8") as f:
        json.dump(metrics, f, sort_keys=True, indent=1)
    print(f"{model['type']}: accuracy {metrics['accuracy']:.2%} on {len(rows)} reviews")


if __name__ == "__main__":
    main()
