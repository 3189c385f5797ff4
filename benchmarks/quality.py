"""Quality benchmark: run claimcheck on every folder of planted contradictions and score the flags.

    python benchmarks/quality.py                      # ../shared/bench, best available pipeline
    python benchmarks/quality.py --model fallback     # the rule-based fallback, for comparison
    python benchmarks/quality.py --verbose            # list missed contradictions and false flags

Each folder holds a small corpus plus gold.csv (doc_a,text_a,doc_b,text_b,label). Prints per folder
and overall: recall of gold contradictions (any kind, and with the gold kind), precision of flags,
flags on agree pairs, and alignment recall of agree pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimcheck.corpus import load_corpus
from claimcheck.evaluate import Score, read_gold, score
from claimcheck.pipeline import run
from claimcheck.settings import Settings

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def evaluate(bench: Path, settings: Settings) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for folder in sorted(p for p in bench.iterdir() if (p / "gold.csv").is_file()):
        result = run(load_corpus(folder, settings), settings)
        scores[folder.name] = score(result, read_gold(folder / "gold.csv"))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--model", default=None)
    parser.add_argument("--all-pairs", action="store_true", help="score every claim pair (no blocking)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    settings = Settings(model=args.model, blocking=not args.all_pairs)
    scores = evaluate(args.bench, settings)
    total = sum(scores.values(), Score())
    rows = {**scores, "OVERALL": total}
    if args.json:
        print(json.dumps({k: {"recall": s.recall, "kind_recall": s.kind_recall, "precision": s.precision, "agree_flagged": s.agree_flagged, "alignment_recall": s.alignment_recall, "contradictions": s.contradictions, "flags": s.flags} for k, s in rows.items()}, indent=2))
        return 0
    print(f"{'folder':<22} {'gold':>4} {'recall':>7} {'kind':>7} {'flags':>5} {'prec':>6} {'agree_flagged':>13} {'align_recall':>12}")
    for name, s in rows.items():
        print(f"{name:<22} {s.contradictions:>4} {s.recall:>7.2f} {s.kind_recall:>7.2f} {s.flags:>5} {s.precision:>6.2f} {s.agree_flagged:>6}/{s.agree_pairs:<6} {s.alignment_recall:>12.2f}")
    if args.verbose:
        for line in total.missed:
            print("  missed:", line)
        for line in total.false_flags:
            print("  false flag:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
