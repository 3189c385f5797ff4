"""Quality benchmark: run claimcheck on every folder of planted contradictions and score the flags.

    python benchmarks/quality.py                      # ../shared/bench, best available pipeline
    python benchmarks/quality.py --model fallback     # the rule-based fallback, for comparison
    python benchmarks/quality.py --verbose            # list missed contradictions, false flags, flagged traps
    python benchmarks/quality.py --verifier on        # with the learned verifier
    python benchmarks/quality.py --json               # the same figures as JSON

Each folder holds a small corpus plus gold.csv (doc_a,text_a,doc_b,text_b,label) and optionally
traps.csv (same columns, label "trap"). Prints per folder and overall: recall of gold contradictions
(any kind, and with the gold kind), precision of flags, flags on agree pairs, alignment recall of
agree pairs and flagged traps; then per gold kind: how many, found, found with the right kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimcheck.corpus import load_corpus
from claimcheck.evaluate import Score, read_gold, read_traps, score
from claimcheck.pipeline import run
from claimcheck.settings import Settings

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def evaluate(bench: Path, settings: Settings) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for folder in sorted(p for p in bench.iterdir() if (p / "gold.csv").is_file()):
        result = run(load_corpus(folder, settings), settings)
        scores[folder.name] = score(result, read_gold(folder / "gold.csv"), read_traps(folder / "traps.csv"))
    return scores


def _figures(s: Score) -> dict[str, object]:
    return {
        "recall": s.recall, "kind_recall": s.kind_recall, "precision": s.precision, "contradictions": s.contradictions,
        "found": s.found, "found_same_kind": s.found_same_kind, "flags": s.flags, "agree_pairs": s.agree_pairs,
        "agree_flagged": s.agree_flagged, "agree_aligned": s.agree_aligned, "alignment_recall": s.alignment_recall,
        "traps": s.traps, "traps_flagged": s.traps_flagged,
        "kinds": {k: {"gold": v.gold, "found": v.found, "same_kind": v.same_kind} for k, v in s.kinds},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--model", default=None)
    parser.add_argument("--all-pairs", action="store_true", help="score every claim pair (no blocking)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--verifier", choices=("on", "off"), default="off", help="the learned verifier (default off, as in compare)")
    args = parser.parse_args(argv)
    settings = Settings(model=args.model, blocking=not args.all_pairs, verifier=args.verifier == "on")
    scores = evaluate(args.bench, settings)
    total = sum(scores.values(), Score())
    rows = {**scores, "OVERALL": total}
    if args.json:
        print(json.dumps({k: _figures(s) for k, s in rows.items()}, indent=2))
        return 0
    print(f"{'folder':<18} {'gold':>4} {'recall':>6} {'kind':>6} {'flags':>5} {'prec':>5} {'agree_flagged':>13} {'aligned':>9} {'traps_flagged':>13}")
    for name, s in rows.items():
        print(f"{name:<18} {s.contradictions:>4} {s.recall:>6.2f} {s.kind_recall:>6.2f} {s.flags:>5} {s.precision:>5.2f} "
              f"{s.agree_flagged:>6}/{s.agree_pairs:<6} {s.agree_aligned:>4}/{s.agree_pairs:<4} {s.traps_flagged:>6}/{s.traps:<6}")
    print()
    print(f"{'kind':<20} {'gold':>4} {'found':>5} {'right kind':>10} {'kind recall':>11}")
    for label, k in total.kinds:
        print(f"{label:<20} {k.gold:>4} {k.found:>5} {k.same_kind:>10} {k.kind_recall:>11.2f}")
    if args.verbose:
        for header, lines in (("missed", total.missed), ("false flag", total.false_flags),
                              ("flagged trap", total.flagged_traps), ("unaligned agree", total.unaligned)):
            for line in lines:
                print(f"  {header}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
