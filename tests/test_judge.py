"""The verifier's word on the rules (claimcheck.verify.judge): with the verifier's scores set by the
test, a confident entailment drops a rule flag (not a role swap), a confident contradiction that no
rule caught becomes a typed flag with its confidence, and agreement needs entailment."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.corpus import article_from_text
from claimcheck.pipeline import check, run
from claimcheck.settings import Settings
from claimcheck.types import FlagKind, Relation
from claimcheck.verify import judge as judge_module

ON = Settings(verifier=True, jobs=1)
OFF = Settings(verifier=False, jobs=1)


def articles(a: str, b: str):
    return (article_from_text("first", a), article_from_text("second", b))


def scripted(entail: float, contra: float):
    """A stand-in for score_pairs giving every pair, both ways, these probabilities."""

    def score(premises, hypotheses, settings, both_directions=False, verifier=None):
        row = np.array([entail, max(0.0, 1 - entail - contra), contra], dtype=np.float32)
        return np.tile(row, (len(premises), 2, 1) if both_directions else (len(premises), 1))

    return score


@pytest.fixture
def thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judge_module, "thresholds", lambda: dict(judge_module.DEFAULTS))


def result_with(monkeypatch: pytest.MonkeyPatch, entail: float, contra: float, a: str, b: str):
    monkeypatch.setattr(judge_module, "score_pairs", scripted(entail, contra))
    off = run(articles(a, b), OFF)
    on = run(articles(a, b), ON)
    return off, on


def test_off_is_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the verifier was called although it is off")

    monkeypatch.setattr(judge_module, "score_pairs", refuse)
    result = run(articles("The council approved the budget on Monday.", "The council rejected the budget on Monday."), OFF)
    assert result.flags  # the rules still flag it


def test_confident_entailment_drops_a_rule_flag(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    off, on = result_with(monkeypatch, 0.99, 0.005, "The council approved the budget on Monday.", "The council rejected the budget on Monday.")
    assert off.flags and not on.flags


def test_confident_neutral_both_ways_drops_a_rule_flag(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """Read whole, the two sentences speak of different things: the rule's flag goes."""
    off, on = result_with(monkeypatch, 0.02, 0.02, "The council approved the budget on Monday.", "The council rejected the budget on Monday.")
    assert off.flags and not on.flags


def test_a_flag_neutral_one_way_only_stands(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    def score(premises, hypotheses, settings, both_directions=False, verifier=None):
        rows = [[0.02, 0.96, 0.02] if "approved" in p else [0.1, 0.5, 0.4] for p in premises]
        return np.array(rows, dtype=np.float32)

    monkeypatch.setattr(judge_module, "score_pairs", score)
    a, b = "The council approved the budget on Monday.", "The council rejected the budget on Monday."
    assert run(articles(a, b), OFF).flags and run(articles(a, b), ON).flags


def test_a_role_swap_stands_whatever_the_verifier_says(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    off, on = result_with(monkeypatch, 0.99, 0.005, "Kelmont Holdings sued Varga Logistics in March.", "Varga Logistics sued Kelmont Holdings in March.")
    swaps = [f for f in off.flags if f.kind is FlagKind.ROLE_SWAP]
    assert swaps and [f for f in on.flags if f.kind is FlagKind.ROLE_SWAP] == swaps


def test_confident_contradiction_adds_a_flag_with_its_confidence(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    a = "The ferry service between the two islands resumed on Tuesday after the storm."
    b = "The ferry service between the two islands stayed suspended on Tuesday after the storm."
    off, on = result_with(monkeypatch, 0.01, 0.98, a, b)
    added = [f for f in on.flags if f not in off.flags]
    assert added, (off.flags, on.flags)
    flag = added[0]
    assert flag.confidence == pytest.approx(0.98, abs=1e-3)
    assert "verifier" in flag.explanation and flag.terms_a and flag.terms_b
    assert {flag.doc_a, flag.doc_b} == {"first", "second"}


@pytest.mark.parametrize(
    ("a", "b"),
    [("Film - The Aviator; director - Martin Scorsese; actor - Jamie Foxx; actress - Hilary Swank.",
      "Film - Sideways; director - Alexander Payne; actor - Jamie Foxx; actress - Hilary Swank."),
     ("Best lighting design - His Dark Materials designed by Paule Constable at the Olivier",
      "Best lighting design - His Dark Materials designed by Paule Constable at the Olivier")],
)
def test_no_flag_of_its_own_on_a_fragment_or_a_copied_sentence(monkeypatch: pytest.MonkeyPatch, thresholds: None, a: str, b: str) -> None:
    """A list of picks states no event, and one sentence copied into two articles says the same."""
    off, on = result_with(monkeypatch, 0.0, 1.0, a, b)
    assert on.flags == off.flags


def test_no_flag_of_its_own_below_the_alignment_a_self_contradiction_needs(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """Aligned at about 0.5 (one subject, told in other words): the rules' to judge, not the verifier's."""
    a = "Museum experts attributed the newly found painting to the Dutch master Jan Steen."
    b = "Museum experts concluded the newly found painting is the work of Flemish painter David Teniers."
    off, on = result_with(monkeypatch, 0.0, 1.0, a, b)
    assert off.alignments and all(al.score < judge_module.VERIFY_FLOOR for al in off.alignments)
    assert on.flags == off.flags


def test_no_flag_of_its_own_inside_one_article_where_no_slot_differs(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """Two lines of one article that differ in a name alone are items of a list, not a self-contradiction."""
    monkeypatch.setattr(judge_module, "score_pairs", scripted(0.0, 1.0))
    text = ("Nintendo will release the puzzle game in Europe in the spring. "
            "The release date for the game is yet to be confirmed on GameCube. "
            "The release date for the game is yet to be confirmed on DS.")
    docs = (article_from_text("only", text),)
    off, on = run(docs, OFF), run(docs, ON)
    assert on.flags == off.flags
    # the same pair with a slot that differs is read, and flagged
    monkeypatch.setattr(judge_module, "likely_slot", lambda a, b: FlagKind.LOCATION)
    added = [f for f in run(docs, ON).flags if f not in off.flags]
    assert [f.kind for f in added] == [FlagKind.SELF_CONTRADICTION]


def test_agreement_needs_entailment(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    a = "The museum reopened its east wing to visitors on Saturday morning."
    b = "On Saturday morning the museum reopened its east wing to visitors."
    off, on = result_with(monkeypatch, 0.1, 0.1, a, b)
    assert any(al.relation is Relation.AGREE for al in off.alignments)
    assert not any(al.relation is Relation.AGREE for al in on.alignments)
    _, entailed = result_with(monkeypatch, 0.95, 0.01, a, b)
    assert any(al.relation is Relation.AGREE for al in entailed.alignments)


def test_a_copied_sentence_agrees_unread(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """A sentence and its copy (case, quotes and spacing aside) entail each other: not read."""
    a = "The museum reopened its east wing to visitors on Saturday morning."
    b = "The museum  reopened its East Wing to visitors on Saturday morning."
    read: list[str] = []

    def score(premises, hypotheses, settings, both_directions=False, verifier=None):
        read.extend(premises)
        return scripted(0.0, 0.0)(premises, hypotheses, settings, both_directions, verifier)

    monkeypatch.setattr(judge_module, "score_pairs", score)
    on = run(articles(a, b), ON)
    assert any(al.relation is Relation.AGREE for al in on.alignments) and not read


def test_check_runs_the_shipped_model_offline() -> None:
    """The real model, through the stage function: runs, and every confidence is a probability."""
    from claimcheck.align import align
    from claimcheck.extract import extract_corpus

    arts = articles("The bridge will reopen in May, officials said.", "The bridge will not reopen in May, officials said.")
    by_doc, _ = extract_corpus(arts, ON)
    claims = tuple(c for a in arts for c in by_doc[a.id])
    flags, _ = check(claims, align(claims, ON), ON)
    assert all(0.0 <= f.confidence <= 1.0 for f in flags)


def test_the_second_reading_is_skipped_only_where_it_cannot_change_a_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pair read one way, then the other way only where that could matter: the decisions are
    those of reading every pair both ways."""
    rng = np.random.default_rng(7)
    table = {}

    def probs(a: str, b: str) -> np.ndarray:
        if (a, b) not in table:
            e = rng.choice([0.001, 0.3, 0.6, 0.995])
            c = rng.choice([0.0, 0.5, 0.985, 0.999]) * (1 - e)
            table[(a, b)] = np.array([e, 1 - e - c, c], dtype=np.float32)
        return table[(a, b)]

    asked = []

    def score(premises, hypotheses, settings, both_directions=False, verifier=None):
        asked.append(len(premises))
        return np.array([probs(a, b) for a, b in zip(premises, hypotheses)])

    monkeypatch.setattr(judge_module, "score_pairs", score)
    texts = [(f"a{k}", f"b{k}") for k in range(600)]
    needed = [0.99] * 200 + [0.5] * 200 + [0.0] * 200  # rule flags, agreements, candidates only
    flaggable = set(range(200, 600, 2))
    vetoable = set(range(200))
    limits = {"flag_contradiction": 0.99, "drop_neutral": 0.5}
    entail, contra, neutral = judge_module._both_ways(texts, needed, flaggable, vetoable, limits, ON)
    full_e = np.array([max(probs(a, b)[0], probs(b, a)[0]) for a, b in texts])
    full_c = np.array([(probs(a, b)[2] + probs(b, a)[2]) / 2 for a, b in texts])
    full_n = np.array([min(probs(a, b)[1], probs(b, a)[1]) for a, b in texts])
    for rows, limit in ((slice(0, 200), 0.99), (slice(200, 400), 0.5)):
        assert ((entail[rows] >= limit) == (full_e[rows] >= limit)).all()
    rows = sorted(flaggable)
    assert ((contra[rows] >= 0.99) == (full_c[rows] >= 0.99)).all()
    rows = sorted(vetoable)
    assert ((neutral[rows] >= 0.5) == (full_n[rows] >= 0.5)).all()
    assert asked[0] == 600 and asked[1] < 400  # second readings for fewer than two pairs in three


def swap_scorer(entail_when_same: float):
    """Entailment ``entail_when_same`` for two sentences that give the same date (the second read
    with the first's value swapped in), 0.1 otherwise; never a confident contradiction."""

    def score(premises, hypotheses, settings, both_directions=False, verifier=None):
        rows = []
        for p, h in zip(premises, hypotheses):
            same = ("Sept. 4" in p) == ("Sept. 4" in h)
            e = entail_when_same if same else 0.1
            rows.append([e, 1 - e - 0.05, 0.05])
        probs = np.array(rows, dtype=np.float32)
        return np.stack([probs, probs], axis=1) if both_directions else probs

    return score


ARLOW = ("The Arlow Bridge reopened to traffic on Sept. 4.", "Traffic began flowing again across the Arlow Bridge on 19 September.")


def test_one_statement_told_twice_with_another_value_is_flagged_after_the_swap(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """Other words, one event: read with the dates swapped, each sentence says the other."""
    monkeypatch.setattr(judge_module, "score_pairs", swap_scorer(0.9))
    off, on = run(articles(*ARLOW), OFF), run(articles(*ARLOW), ON)
    assert not off.flags  # the rules need one predicate: "reopened" is not "began flowing"
    (flag,) = on.flags
    assert flag.kind is FlagKind.DATE and flag.confidence == pytest.approx(0.9, abs=1e-3)
    assert (flag.terms_a, flag.terms_b) == (("Sept. 4",), ("19 September",))
    assert "swapped" in flag.explanation and "'Sept. 4'" in flag.explanation
    assert [al.relation for al in on.alignments] == [Relation.CONTRADICT]


def test_a_swapped_reading_below_the_threshold_is_no_flag(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    monkeypatch.setattr(judge_module, "score_pairs", swap_scorer(judge_module.DEFAULTS["same_after_swap"] - 0.05))
    assert run(articles(*ARLOW), ON).flags == ()


def test_the_frames_gates_hold_for_a_swapped_reading(monkeypatch: pytest.MonkeyPatch, thresholds: None) -> None:
    """Two bridges, each named: whatever the verifier reads, two subjects."""
    monkeypatch.setattr(judge_module, "score_pairs", swap_scorer(0.99))
    assert run(articles("The Arlow Bridge reopened to traffic on Sept. 4.", "The Kelso Bridge reopened to traffic on 19 September."), ON).flags == ()


def test_swapped_puts_each_value_of_the_first_in_the_second() -> None:
    sentence = "The Vesta-2 rocket lifted off at 9:40 p.m. on Tuesday."
    assert judge_module.swapped(sentence, (("6:12 a.m.", "9:40 p.m."), ("Wednesday", "Tuesday"))) == (
        "The Vesta-2 rocket lifted off at 6:12 a.m. on Wednesday.")
    assert judge_module.swapped(sentence, (("6:12 a.m.", "noon"),)) is None
