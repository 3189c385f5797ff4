"""Quality gate: scores on the planted-contradiction benchmark (../shared/bench) must not drop.

The floors are pinned per benchmark folder together with the sha256 of its gold.csv, so a change
of the gold data is noticed instead of silently moving the goalposts. Folders not listed here are
scored by benchmarks/quality.py but not gated.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimcheck.corpus import load_corpus
from claimcheck.evaluate import GoldRow, KindScore, Score, read_gold, read_traps, score
from claimcheck.pipeline import run
from claimcheck.settings import Settings
from claimcheck.types import Flag, FlagKind, Result, Severity

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"

# folder -> sha256 of gold.csv (and of traps.csv where the folder has one)
GOLD = {
    "botox_b_rewrite": "bae92cc9cf76aab1d6f4f9912798f492d6debbf7ace5b2005903003ad93ccb1c",
    "vitamin_d": "c1fa6efb96aab117531f2e08abcbbdd80a647158cce09eea244476a425212c69",
    "court_ruling": "5e72e431b36bcff59fcc012d131b2866a7f7fe9f59a8a84a86726940f51cf33e",
    "museum_theft": "bf5755742d99db6bce8fb3876322ef1dcdf4c7f7559e8c758d660abc222633c0",
    "product_recall": "79d41f66a82f47b65ec553c7b36634b602264da6d84ffff5ac32ee3439864f43",
    "space_launch": "cc025c1571bf2f330c7a07d0f97d5399ba5d9408cb828001637f65510b1d3e9d",
    "sports_final": "7f4ea9b0633bb20c953f8a4e85e3da87523300a7a315f0dca467a97f981536c7",
    "storm_landfall": "58bf1f8b99550ba245a56f6862506607b23bd246246f6baadadf11d530711963",
}
TRAPS = {
    "court_ruling": "862c431413ecd2a297df3689cf9edb54a71748a0b1fc3e4fabf5d29fce7577f1",
    "museum_theft": "67a1a08f5f4a8568b72eb76c38b0ec4190d3d0c21e7a9b1c0f6c3d8ff0dae6d3",
    "product_recall": "0bc4fc2f832ec4c0679f0170179b5dff62af095e2a7d3a420905f560694110bf",
    "space_launch": "5f7186320b2b30c6e578ea1b976bd71f83080097de4f7f52ce2abab01b53445a",
    "sports_final": "ad231fd25352d39255b67cbfa702ffc86d1c4b3d5fb22a8a98691f424cec2add",
    "storm_landfall": "0ab94e92501b54dd1338ccf5bc98820c8639ab58d8028acda34e76b66a49fb4f",
}
LEGACY = ("botox_b_rewrite", "vitamin_d")  # the two sets the first rules were written beside
# all eight folders together (measured: recall 0.71, kind 0.70, precision 1.00, agree aligned 41/57, 0/24 traps)
FLOORS = {"recall": 0.69, "kind_recall": 0.68, "precision": 0.95, "alignment_recall": 0.66}
LEGACY_FLOORS = {"recall": 0.86, "precision": 0.95, "alignment_recall": 0.88}  # measured 0.87, 1.00, 1.00

needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH}")


def _score(name: str, model: str | None) -> Score:
    folder = BENCH / name
    settings = Settings(model=model)
    return score(run(load_corpus(folder, settings), settings), read_gold(folder / "gold.csv"), read_traps(folder / "traps.csv"))


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {name: _score(name, None) for name in GOLD}


@needs_bench
@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_data_is_the_pinned_version(name):
    digest = hashlib.sha256((BENCH / name / "gold.csv").read_bytes()).hexdigest()
    assert digest == GOLD[name], f"{name}/gold.csv changed: re-measure and re-pin the floors"
    if name in TRAPS:
        digest = hashlib.sha256((BENCH / name / "traps.csv").read_bytes()).hexdigest()
        assert digest == TRAPS[name], f"{name}/traps.csv changed: re-measure and re-pin the floors"


@needs_bench
def test_overall_scores_stay_above_floors(scores):
    total = sum(scores.values(), Score())
    assert total.recall >= FLOORS["recall"], total.missed
    assert total.kind_recall >= FLOORS["kind_recall"], total.missed
    assert total.precision >= FLOORS["precision"], total.false_flags
    assert total.alignment_recall >= FLOORS["alignment_recall"], total.unaligned
    assert total.agree_flagged == 0
    assert total.traps_flagged == 0, total.flagged_traps


@needs_bench
def test_legacy_sets_stay_above_floors(scores):
    total = sum((scores[name] for name in LEGACY), Score())
    assert total.recall >= LEGACY_FLOORS["recall"], total.missed
    assert total.precision >= LEGACY_FLOORS["precision"], total.false_flags
    assert total.alignment_recall >= LEGACY_FLOORS["alignment_recall"]


@needs_bench
@pytest.mark.parametrize("name", LEGACY)
def test_no_folder_collapses(scores, name):
    s = scores[name]
    assert s.recall >= 0.8 and s.precision >= 0.8 and s.agree_flagged == 0, (s.missed, s.false_flags)


@needs_bench
def test_bundled_pipeline_is_no_worse_than_the_rule_based_fallback(scores):
    bundled = sum((scores[name] for name in LEGACY), Score())
    fallback = sum((_score(name, "fallback") for name in LEGACY), Score())
    assert bundled.recall >= fallback.recall
    assert bundled.precision >= fallback.precision
    assert bundled.alignment_recall >= fallback.alignment_recall


@needs_bench
@pytest.mark.parametrize("name", LEGACY)
def test_blocked_alignment_recalls_as_much_as_all_pairs(name):
    folder = BENCH / name
    blocked = Settings()
    unblocked = Settings(blocking=False)
    corpus = load_corpus(folder, blocked)
    gold = read_gold(folder / "gold.csv")
    fast = score(run(corpus, blocked), gold)
    slow = score(run(corpus, unblocked), gold)
    assert fast.alignment_recall >= slow.alignment_recall
    assert (fast.found, fast.true_flags) == (slow.found, slow.true_flags)


def _flag(kind: FlagKind, doc_a: str, sent_a: str, doc_b: str, sent_b: str) -> Flag:
    return Flag(kind, Severity.HIGH, 0.9, doc_a, sent_a, doc_b, sent_b, "")


def _result(*flags: Flag) -> Result:
    return Result(articles=(), claims=(), alignments=(), flags=flags)


def test_gold_text_with_curly_quotes_matches_a_straightened_sentence():
    row = GoldRow("a", "Sunday\u2019s final at the park was   \u201cwild\u201d", "b", "the final was played on Saturday", "date")
    flag = _flag(FlagKind.DATE, "b", "So the final was played on Saturday.", "a", "Sunday's final at the park was \"wild\".")
    s = score(_result(flag), (row,))
    assert (s.found, s.found_same_kind, s.true_flags) == (1, 1, 1)


def test_flagged_traps_are_counted_and_a_flag_of_another_kind_is_found_but_not_right():
    gold = (GoldRow("a", "the crowd was 61,412 people", "b", "a crowd of 47,850 watched", "numeric"),)
    traps = (GoldRow("a", "rovers lost last year's final", "b", "rovers won this year's final", "trap"),
             GoldRow("a", "the crowd was 61,412 people", "b", "18,000 rovers fans were there", "trap"))
    flags = (_flag(FlagKind.ANTONYM, "a", "The crowd was 61,412 people.", "b", "A crowd of 47,850 watched."),
             _flag(FlagKind.ANTONYM, "b", "Rovers won this year's final.", "a", "Rovers lost last year's final."))
    s = score(_result(*flags), gold, traps)
    assert (s.traps, s.traps_flagged) == (2, 1)
    assert (s.found, s.found_same_kind) == (1, 0)
    assert dict(s.kinds)["numeric"] == KindScore(gold=1, found=1, same_kind=0)
    total = s + s
    assert dict(total.kinds)["numeric"] == KindScore(gold=2, found=2, same_kind=0) and total.traps_flagged == 2


PAIRS_BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "pairs.py"
HELDOUT = PAIRS_BENCHMARK.parent / "heldout" / "pairs2.py"
# benchmarks/heldout/pairs2.py, unread until the ninth session (measured then: 46/110 flagged, 42 of
# the right kind; 0/30 paraphrases and 5/30 traps flagged): a guard against losing what generalises
HELDOUT_FLOORS = {"flagged": 45, "right_kind": 41, "paraphrases_flagged": 1, "traps_flagged": 6}


def test_held_out_pairs_stay_above_floors():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("pairs_benchmark", PAIRS_BENCHMARK)
    pairs = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))  # a dataclass looks its module up
    spec.loader.exec_module(pairs)
    result = pairs.tally(pairs.load_pairs(HELDOUT), Settings())
    assert result.flagged() >= HELDOUT_FLOORS["flagged"]
    assert result.right_kind() >= HELDOUT_FLOORS["right_kind"]
    assert sum(bool(k) for _, _, k in result.entailment) <= HELDOUT_FLOORS["paraphrases_flagged"]
    assert sum(bool(k) for _, _, k in result.neutral) <= HELDOUT_FLOORS["traps_flagged"]
