"""Minimal rewrites: claimcheck on the hand-written pairs of tests/verifier_pairs.py.

    python benchmarks/pairs.py                 # rules alone (the default of compare)
    python benchmarks/pairs.py --verifier on   # with the learned verifier
    python benchmarks/pairs.py -v              # list the misses and the false flags
    python benchmarks/pairs.py --pairs FILE.py # other pairs, in the same form (CONTRADICTION by kind,
                                               # ENTAILMENT, NEUTRAL)

Each pair becomes two one-sentence articles run through the whole pipeline. Prints, per kind,
how many contradictions are flagged (and with the right kind), then how many paraphrases (entailment) and
trap-like pairs (neutral) are flagged. The pairs were written for the verifier's tests, not taken
from the benchmark or any article; the rules were since developed with this figure in view, so
it measures minimal rewrites, not text nobody here has read.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from claimcheck.corpus import article_from_text
from claimcheck.pipeline import run
from claimcheck.settings import Settings

DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "verifier_pairs.py"


# the flag kinds that type a pair of each kind right: an order of events is a comparison in time
RIGHT_KINDS = {"before_after": {"comparative", "date"}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifier", choices=("on", "off"), default="off")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="a Python file of pairs (default: the tests' own)")
    args = parser.parse_args()
    settings = Settings(verifier=args.verifier == "on")
    spec = importlib.util.spec_from_file_location("pairs_under_test", args.pairs)
    if spec is None or spec.loader is None:
        parser.error(f"cannot read pairs from {args.pairs}")
    source = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(source)

    def kinds(a: str, b: str) -> list[str]:
        return [f.kind.value for f in run([article_from_text("a", a), article_from_text("b", b)], settings).flags]

    found = right = total = 0
    for kind, pairs in source.CONTRADICTION.items():
        hits = typed = 0
        for a, b in pairs:
            flagged = kinds(a, b)
            hits += bool(flagged)
            typed += bool(set(flagged) & RIGHT_KINDS.get(kind, {kind}))
            if args.verbose and not flagged:
                print(f"   missed {kind}: {a} / {b}")
            elif args.verbose and not set(flagged) & RIGHT_KINDS.get(kind, {kind}):
                print(f"   flagged as {','.join(flagged)}, not {kind}: {a} / {b}")
        print(f"{kind:14} {hits:2}/{len(pairs)}, right kind {typed:2}")
        found, right, total = found + hits, right + typed, total + len(pairs)
    print(f"contradictions flagged {found}/{total}, with the right kind {right}")
    for label, pairs in (("entailment", source.ENTAILMENT), ("neutral", source.NEUTRAL)):
        wrong = [(a, b, k) for a, b in pairs if (k := kinds(a, b))]
        print(f"{label} pairs flagged {len(wrong)}/{len(pairs)}")
        for a, b, k in wrong if args.verbose else ():
            print(f"   false {','.join(k)}: {a} / {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
