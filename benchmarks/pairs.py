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
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from claimcheck.corpus import article_from_text
from claimcheck.pipeline import run
from claimcheck.settings import Settings

DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "verifier_pairs.py"


# the flag kinds that type a pair of each kind right: an order of events is a comparison in time
RIGHT_KINDS = {"before_after": {"comparative", "date"}}


@dataclass(frozen=True)
class Tally:
    """Each pair of a pairs file with the kinds of the flags raised on it."""

    contradictions: dict[str, list[tuple[str, str, list[str]]]]  # kind -> (a, b, flag kinds)
    entailment: list[tuple[str, str, list[str]]]
    neutral: list[tuple[str, str, list[str]]]

    def flagged(self) -> int:
        return sum(bool(k) for rows in self.contradictions.values() for _, _, k in rows)

    def right_kind(self) -> int:
        return sum(of_right_kind(kind, k) for kind, rows in self.contradictions.items() for _, _, k in rows)


def of_right_kind(kind: str, flagged: list[str]) -> bool:
    return bool(set(flagged) & RIGHT_KINDS.get(kind, {kind}))


def load_pairs(path: Path) -> ModuleType:
    """A pairs file: CONTRADICTION (kind -> pairs), ENTAILMENT and NEUTRAL."""
    spec = importlib.util.spec_from_file_location("pairs_under_test", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot read pairs from {path}")
    source = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(source)
    return source


def tally(source: ModuleType, settings: Settings) -> Tally:
    """Run each pair as two one-sentence articles."""
    def kinds(a: str, b: str) -> list[str]:
        return [f.kind.value for f in run([article_from_text("a", a), article_from_text("b", b)], settings).flags]

    def rows(pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
        return [(a, b, kinds(a, b)) for a, b in pairs]

    return Tally({kind: rows(pairs) for kind, pairs in source.CONTRADICTION.items()}, rows(source.ENTAILMENT), rows(source.NEUTRAL))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifier", choices=("on", "off"), default="off")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="a Python file of pairs (default: the tests' own)")
    args = parser.parse_args()
    result = tally(load_pairs(args.pairs), Settings(verifier=args.verifier == "on"))
    total = 0
    for kind, rows in result.contradictions.items():
        for a, b, flagged in rows if args.verbose else ():
            if not flagged:
                print(f"   missed {kind}: {a} / {b}")
            elif not of_right_kind(kind, flagged):
                print(f"   flagged as {','.join(flagged)}, not {kind}: {a} / {b}")
        hits, typed = sum(bool(k) for _, _, k in rows), sum(of_right_kind(kind, k) for _, _, k in rows)
        print(f"{kind:14} {hits:2}/{len(rows)}, right kind {typed:2}")
        total += len(rows)
    print(f"contradictions flagged {result.flagged()}/{total}, with the right kind {result.right_kind()}")
    for label, rows in (("entailment", result.entailment), ("neutral", result.neutral)):
        wrong = [(a, b, k) for a, b, k in rows if k]
        print(f"{label} pairs flagged {len(wrong)}/{len(rows)}")
        for a, b, k in wrong if args.verbose else ():
            print(f"   false {','.join(k)}: {a} / {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
