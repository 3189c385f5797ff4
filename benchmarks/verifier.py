"""The learned verifier on its own (no extraction, no alignment): pair-mode figures.

    python benchmarks/verifier.py [--limit N] [--threads 2] [--only mnli,eval,bench,speed]

(a) MultiNLI matched dev (../shared/data/mnli-dev, held out: never trained or tuned on): 3-way
    accuracy; contradiction precision and recall at the shipped threshold (config.json
    ``contradiction_threshold``, chosen on the training dev split and the benchmark by
    training/nli/evaluate.py); the best recall at precision >= 0.85.
(b) Accuracy per held-out set in ../shared/data/nli/eval (two-way sets: entailment vs the rest).
(c) AUC of P(contradiction) on ../shared/bench pairs, both directions: gold contradictions
    against agree rows and traps, overall and per kind.
(d) Throughput in pairs/s at claim-like lengths (benchmark sentences).
Reads ../shared; prints tables; writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from claimcheck.verify import CONTRADICTION, ENTAILMENT, LABELS, Verifier
from claimcheck.verify.runtime import MODEL_DIR

SHARED = Path(__file__).resolve().parents[2] / "shared"
TWO_WAY = {"negation_rte", "rte_glue", "scitail_dev", "monli"}  # entailment vs the rest
NOT_PAIRS = {"causal_incoherence"}  # one-sided gold rows: no second text


def bench_pairs(root: Path = SHARED / "bench") -> list[tuple[str, str, str, str]]:
    """(text_a, text_b, label, set) of every two-sided gold and trap row of the benchmark."""
    rows = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for name in ("gold.csv", "traps.csv"):
            path = folder / name
            if not path.is_file():
                continue
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    if row["label"] in NOT_PAIRS or not row["text_b"].strip():
                        continue
                    rows.append((row["text_a"], row["text_b"], row["label"], folder.name))
    return rows


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not len(positive) or not len(negative):
        return float("nan")
    scores = np.concatenate([positive, negative])
    ranks = np.empty(len(scores))
    order = np.argsort(scores, kind="mergesort")
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):  # average ranks of ties
        tie = scores == value
        ranks[tie] = ranks[tie].mean()
    return float((ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2) / (len(positive) * len(negative)))


def precision_recall(scores: np.ndarray, gold: np.ndarray, threshold: float) -> tuple[float, float]:
    predicted = scores >= threshold
    tp = int((predicted & gold).sum())
    return (tp / predicted.sum() if predicted.sum() else float("nan")), tp / max(1, gold.sum())


def recall_at_precision(scores: np.ndarray, gold: np.ndarray, floor: float) -> tuple[float, float]:
    """The best recall over thresholds whose precision is at least ``floor``, and that threshold."""
    order = np.argsort(-scores, kind="mergesort")
    tp = np.cumsum(gold[order])
    precision = tp / np.arange(1, len(scores) + 1)
    ok = np.flatnonzero(precision >= floor)
    if not len(ok):
        return 0.0, float("nan")
    best = ok[np.argmax(tp[ok])]
    return float(tp[best] / gold.sum()), float(scores[order][best])


def read_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def mnli(verifier: Verifier, threshold: float, limit: int | None) -> None:
    with (SHARED / "data/mnli-dev/mnli_dev_matched.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    probs = verifier.score([(r["premise"], r["hypothesis"]) for r in rows])
    gold = np.array([LABELS.index(r["label"]) for r in rows])
    accuracy = float((probs.argmax(1) == gold).mean())
    is_c = gold == CONTRADICTION
    p, r = precision_recall(probs[:, CONTRADICTION], is_c, threshold)
    r85, t85 = recall_at_precision(probs[:, CONTRADICTION], is_c, 0.85)
    print(f"## (a) MultiNLI matched dev, pair mode ({len(rows)} pairs)")
    print(f"3-way accuracy                                  {accuracy:.3f}")
    print(f"contradiction P / R at threshold {threshold:.2f}          {p:.3f} / {r:.3f}")
    print(f"contradiction recall at precision >= 0.85       {r85:.3f} (threshold {t85:.3f})")
    for i, label in enumerate(LABELS):
        mask = gold == i
        print(f"  {label:<14} n={mask.sum():5d}  recall {float((probs[mask].argmax(1) == i).mean()):.3f}")
    print()


def eval_sets(verifier: Verifier, limit: int | None) -> None:
    print("## (b) held-out NLI sets (../shared/data/nli/eval)")
    print(f"{'set':<24} {'pairs':>6} {'mode':>6} {'accuracy':>9}")
    for path in sorted((SHARED / "data/nli/eval").glob("*.jsonl.gz")):
        rows = read_jsonl(path)[:limit]
        name = path.name.removesuffix(".jsonl.gz")
        probs = verifier.score([(r["premise"], r["hypothesis"]) for r in rows])
        if name in TWO_WAY:
            gold = np.array([r["label"] == "entailment" for r in rows])
            accuracy = float(((probs.argmax(1) == ENTAILMENT) == gold).mean())
            mode = "2-way"
        else:
            gold = np.array([LABELS.index(r["label"]) for r in rows])
            accuracy = float((probs.argmax(1) == gold).mean())
            mode = "3-way"
        print(f"{name:<24} {len(rows):>6} {mode:>6} {accuracy:>9.3f}")
    print()


def bench(verifier: Verifier, threshold: float) -> None:
    rows = bench_pairs()
    forward = verifier.score([(a, b) for a, b, _, _ in rows])[:, CONTRADICTION]
    backward = verifier.score([(b, a) for a, b, _, _ in rows])[:, CONTRADICTION]
    labels = np.array([label for _, _, label, _ in rows])
    negative = np.isin(labels, ["agree", "trap"])
    both = np.concatenate([forward, backward])
    labels2 = np.concatenate([labels, labels])
    neg2 = np.concatenate([negative, negative])
    highest = np.maximum(forward, backward)
    print(f"## (c) ../shared/bench pairs: AUC of P(contradiction), contradictions vs agree + traps")
    print(f"pairs: {(~negative).sum()} contradictions, {(labels == 'agree').sum()} agree, {(labels == 'trap').sum()} traps")
    print(f"AUC, each direction a sample                    {auc(both[~neg2], both[neg2]):.3f}")
    print(f"AUC, higher of the two directions               {auc(highest[~negative], highest[negative]):.3f}")
    fired = highest >= threshold
    print(f"at threshold {threshold:.2f} (either direction): contradictions {fired[~negative].mean():.2f}, "
          f"agree {fired[labels == 'agree'].mean():.2f}, traps {fired[labels == 'trap'].mean():.2f}")
    print(f"{'kind':<20} {'n':>3} {'AUC':>6} {'fired':>6}")
    kinds = defaultdict(list)
    for i, label in enumerate(labels):
        if not negative[i]:
            kinds[label].append(i)
    for kind, index in sorted(kinds.items()):
        index = np.array(index)
        mask = np.isin(labels2, [kind])
        print(f"{kind:<20} {len(index):>3} {auc(both[mask], both[neg2]):>6.3f} {fired[index].mean():>6.2f}")
    print()


def speed(verifier: Verifier, threads: int) -> None:
    rows = bench_pairs()
    pairs = [(a, b) for a, b, _, _ in rows]
    pairs = (pairs * (1000 // len(pairs) + 1))[:1000]
    lengths = [len(e.ids) for e in verifier.tokenizer.encode_batch(pairs)]
    verifier.score(pairs[:64])
    print(f"## (d) throughput ({threads} runs at once, {len(pairs)} benchmark pairs, mean {np.mean(lengths):.0f} tokens a pair)")
    for batch_size in (1, 64, 1):
        start = time.perf_counter()
        verifier.score(pairs, batch_size=batch_size)
        seconds = time.perf_counter() - start
        print(f"batch size {batch_size:>2}: {len(pairs) / seconds:.0f} pairs/s")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N pairs per data set (quick look)")
    parser.add_argument("--threads", type=int, default=2, help="model runs at once, one thread each")
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="model folder (default: the shipped one)")
    parser.add_argument("--only", default="mnli,eval,bench,speed")
    args = parser.parse_args()
    verifier = Verifier(args.model, threads=args.threads)
    config = json.loads((args.model / "config.json").read_text(encoding="utf-8"))
    threshold = float(config.get("contradiction_threshold", 0.5))
    size = (args.model / "model.onnx").stat().st_size
    print(f"# verifier {args.model} ({size / 1e6:.1f} MB, sha256 {verifier.model_hash[:12]}), "
          f"contradiction threshold {threshold:.2f}\n")
    parts = set(args.only.split(","))
    if "mnli" in parts:
        mnli(verifier, threshold, args.limit)
    if "eval" in parts:
        eval_sets(verifier, args.limit)
    if "bench" in parts:
        bench(verifier, threshold)
    if "speed" in parts:
        speed(verifier, args.threads)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
