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
from claimcheck.evaluate import GoldRow, KindScore, Score, read_gold, score
from claimcheck.pipeline import run
from claimcheck.settings import Settings
from claimcheck.types import Flag, FlagKind, Result, Severity

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"

# folder -> sha256 of gold.csv
GOLD = {
    "botox_b_rewrite": "bae92cc9cf76aab1d6f4f9912798f492d6debbf7ace5b2005903003ad93ccb1c",
    "vitamin_d": "c1fa6efb96aab117531f2e08abcbbdd80a647158cce09eea244476a425212c69",
}
FLOORS = {"recall": 0.93, "precision": 0.93, "alignment_recall": 0.88}

needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH}")


def _score(name: str, model: str | None) -> Score:
    folder = BENCH / name
    settings = Settings(model=model)
    return score(run(load_corpus(folder, settings), settings), read_gold(folder / "gold.csv"))


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {name: _score(name, None) for name in GOLD}


@needs_bench
@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_data_is_the_pinned_version(name):
    digest = hashlib.sha256((BENCH / name / "gold.csv").read_bytes()).hexdigest()
    assert digest == GOLD[name], f"{name}/gold.csv changed: re-measure and re-pin the floors"


@needs_bench
def test_overall_scores_stay_above_floors(scores):
    total = sum(scores.values(), Score())
    assert total.recall >= FLOORS["recall"], total.missed
    assert total.precision >= FLOORS["precision"], total.false_flags
    assert total.alignment_recall >= FLOORS["alignment_recall"]
    assert total.agree_flagged == 0


@needs_bench
@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_folder_collapses(scores, name):
    s = scores[name]
    assert s.recall >= 0.8 and s.precision >= 0.8 and s.agree_flagged == 0, (s.missed, s.false_flags)


@needs_bench
def test_bundled_pipeline_is_no_worse_than_the_rule_based_fallback(scores):
    bundled = sum(scores.values(), Score())
    fallback = sum((_score(name, "fallback") for name in GOLD), Score())
    assert bundled.recall >= fallback.recall
    assert bundled.precision >= fallback.precision
    assert bundled.alignment_recall >= fallback.alignment_recall


@needs_bench
@pytest.mark.parametrize("name", sorted(GOLD))
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
