"""The checks of stage 4 on hand-built frames: one conflict per family, the gates against false
flags, and the two functions a verifier uses (same_event, differing_slot)."""

from __future__ import annotations

import dataclasses

import pytest

from claimcheck.checks import (
    attribution,
    check_pair,
    conflicts,
    date,
    differing_slot,
    location,
    modality,
    role_swap,
    same_event,
)
from claimcheck.checks.gates import gate
from claimcheck.types import (
    Argument,
    Claim,
    Comparative,
    FlagKind,
    Frame,
    Modality,
    Place,
    Polarity,
    Predicate,
    Quantifier,
    Quantity,
    Source,
    TimeRef,
)


def arg(text: str, entity: str = "") -> Argument:
    keys = tuple(w.lower().strip(".,'") for w in text.split() if w.lower() not in {"the", "a", "its", "of"})
    return Argument(text=text, head=keys[-1], keys=keys, entity=entity)


def frame(lemma: str = "sue", **slots) -> Frame:
    predicate = slots.pop("predicate", None) or Predicate(lemma=lemma, text=lemma)
    return Frame(predicate=predicate, **slots)


def claim(doc: str, text: str, f: Frame, sentence: str = "", entities: tuple[str, ...] = ()) -> Claim:
    words = tuple(w.lower().strip(".,'\"") for w in text.split())
    return Claim(
        id=f"{doc}:0.0", doc_id=doc, sentence_index=0, clause_index=0, start=0, end=len(text), claim_start=0,
        claim_end=len(text), sentence=sentence or text + ".", text=text, subject="", predicate=f.predicate.lemma,
        object="", polarity=f.predicate.polarity, predicate_lemma=f.predicate.lemma, lemmas=words, entities=entities,
        worthiness=0.6, frame=f,
    )


def pair(fa: Frame, fb: Frame, text: str = "the event happened", sa: str = "", sb: str = "") -> tuple[Claim, Claim]:
    return claim("x", text, fa, sa), claim("y", text, fb, sb)


KELMONT, VARGA = arg("Kelmont", "ORG"), arg("Varga Components", "ORG")


def q(text: str, value: float, unit: str, dimension: str, approximate: bool = False) -> Quantity:
    return Quantity(text, value, value, unit, dimension, approximate)


# -- one conflict per family, the explanation naming both values -------------------------------------


@pytest.mark.parametrize(
    ("fa", "fb", "kind", "values"),
    [
        pytest.param(frame("derail", times=(TimeRef("6:42 a.m.", "time", "06:42"),)),
                     frame("derail", times=(TimeRef("7:42 a.m.", "time", "07:42"),)),
                     FlagKind.DATE, ("6:42 a.m.", "7:42 a.m."), id="time"),
        pytest.param(frame("kick", times=(TimeRef("Saturday", "weekday", "saturday"),)),
                     frame("kick", times=(TimeRef("Sunday", "weekday", "sunday"),)),
                     FlagKind.DATE, ("Saturday", "Sunday"), id="weekday"),
        pytest.param(frame("find", places=(Place("a quarry near Tilbury Cross", "tilbury cross", "near"),)),
                     frame("find", places=(Place("a car park in Ashcombe", "ashcombe", "in"),)),
                     FlagKind.LOCATION, ("Tilbury Cross", "Ashcombe"), id="place"),
        pytest.param(frame("watch", quantities=(q("61,412", 61412, "people", "count"),)),
                     frame("watch", quantities=(q("47,850", 47850, "people", "count"),)),
                     FlagKind.NUMERIC, ("61,412", "47,850"), id="number"),
        pytest.param(frame(agent=KELMONT, patient=VARGA), frame(agent=VARGA, patient=KELMONT),
                     FlagKind.ROLE_SWAP, ("Kelmont sue Varga", "Varga Components sue Kelmont"), id="role-swap"),
        pytest.param(frame("appeal"), frame(predicate=Predicate("appeal", "appeal", Polarity.NEGATIVE, "not")),
                     FlagKind.NEGATION, ("not", "appeal"), id="negation"),
        pytest.param(frame("rise", agent=arg("shares")), frame("fall", agent=arg("shares")),
                     FlagKind.ANTONYM, ("rise", "fall"), id="antonym"),
        pytest.param(frame("come", quantifier=Quantifier.MOST, quantifier_text="most of the players"),
                     frame("come", quantifier=Quantifier.FEW, quantifier_text="few of the players"),
                     FlagKind.QUANTIFIER, ("most of the players", "few of the players"), id="quantifier"),
        pytest.param(frame(predicate=Predicate("parade", "parade", modality=Modality.CERTAIN, modal="will")),
                     frame(predicate=Predicate("parade", "parade", modality=Modality.EXCLUDED, modal="ruled out")),
                     FlagKind.MODALITY, ("will", "ruled out"), id="will-vs-ruled-out"),
        pytest.param(frame(predicate=Predicate("boil", "boil", modality=Modality.REQUIRED, modal="must")),
                     frame(predicate=Predicate("boil", "boil", modality=Modality.PERMITTED, modal="may")),
                     FlagKind.MODALITY, ("must", "may"), id="must-vs-may"),
        pytest.param(frame("strike", comparatives=(Comparative("after the patrol", "after", "order", 1),)),
                     frame("strike", comparatives=(Comparative("before the patrol", "before", "order", -1),)),
                     FlagKind.COMPARATIVE, ("after the patrol", "before the patrol"), id="before-vs-after"),
    ],
)
def test_each_family_names_the_conflicting_slot_and_both_values(fa: Frame, fb: Frame, kind: FlagKind, values: tuple[str, str]) -> None:
    a, b = pair(fa, fb)
    found = check_pair(a, b)
    assert found is not None and found.kind is kind
    assert all(v in found.explanation for v in values), found.explanation
    assert "x" in found.explanation and "y" in found.explanation
    assert differing_slot(a, b) is kind


def test_attribution_needs_the_same_quotation_and_another_speaker() -> None:
    quote = '"This is for everyone who stuck with us through the lean years,"'
    fa = frame("be", source=Source("Calloway", "calloway", "say"))
    fb = frame("be", source=Source("Rovers captain Tomas Reyes", "tomas reyes", "say"))
    a, b = pair(fa, fb, sa=f"{quote} said Calloway.", sb=f"{quote} Rovers captain Tomas Reyes said.")
    found = attribution(a, b)
    assert found is not None and "Calloway" in found.explanation and "Tomas Reyes" in found.explanation
    # the same words in one's own voice is no quotation: two people may say the same thing
    a, b = pair(fa, fb, sa="The plan works, said Calloway.", sb="The plan works, Reyes said.")
    assert attribution(a, b) is None
    # the same speaker
    a, b = pair(fa, dataclasses.replace(fb, source=Source("Ines Calloway", "ines calloway", "say")),
                sa=f"{quote} said Calloway.", sb=f"{quote} said Ines Calloway.")
    assert attribution(a, b) is None


@pytest.mark.parametrize(
    ("fa", "fb"),
    [
        pytest.param(frame(agent=KELMONT, patient=VARGA), frame(agent=KELMONT, patient=VARGA), id="same-roles"),
        pytest.param(frame(predicate=Predicate("derail", "derail"), times=(TimeRef("6:42", "time", "06:42"),)),
                     frame(predicate=Predicate("derail", "derail"), times=(TimeRef("06:42 a.m.", "time", "06:42"),)), id="same-time"),
        pytest.param(frame("find", places=(Place("in Port Averly", "port averly"),)),
                     frame("find", places=(Place("at Port Averly's airport", "port averly airport"),)), id="place-inside-place"),
        pytest.param(frame("weigh", quantities=(q("18 kilograms", 18.0, "kg", "mass", True),)),
                     frame("weigh", quantities=(q("40 pounds", 18.14, "kg", "mass", True),)), id="equal-in-other-units"),
        pytest.param(frame("reach", quantities=(q("5 km", 5000.0, "m", "length"),)),
                     frame("reach", quantities=(q("3.1 miles", 4988.9, "m", "length"),)), id="5-km-is-3.1-miles"),
        pytest.param(frame("cost", quantities=(q("$500", 500, "usd", "money"),)),
                     frame("cost", quantities=(q("£500", 500, "gbp", "money"),)), id="units-not-converted"),
    ],
)
def test_compatible_slots_raise_no_conflict(fa: Frame, fb: Frame) -> None:
    a, b = pair(fa, fb)
    assert conflicts(a, b) == [] and conflicts(b, a) == []
    assert differing_slot(a, b) is None


def test_a_converse_with_swapped_roles_says_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck import lexicon as lx
    from claimcheck.checks.lexical import predicate_relation

    monkeypatch.setattr(lx, "converses", lambda w: {"buy": frozenset({"sell"}), "sell": frozenset({"buy"})}.get(w, frozenset()))
    predicate_relation.cache_clear()
    try:
        bought = frame("buy", agent=KELMONT, patient=VARGA)
        sold = frame("sell", agent=VARGA, patient=KELMONT)
        assert role_swap(*pair(bought, sold)) is None
        found = role_swap(*pair(bought, frame("sell", agent=KELMONT, patient=VARGA)))
        assert found is not None and found.kind is FlagKind.ROLE_SWAP
    finally:
        predicate_relation.cache_clear()


def test_two_slots_differing_are_two_events() -> None:
    fa = frame("find", places=(Place("in Ashcombe", "ashcombe"),), times=(TimeRef("Monday", "weekday", "monday"),))
    fb = frame("find", places=(Place("in Dunmore", "dunmore"),), times=(TimeRef("Friday", "weekday", "friday"),))
    a, b = pair(fa, fb)
    assert {f.kind for f in conflicts(a, b)} == {FlagKind.DATE, FlagKind.LOCATION}
    assert check_pair(a, b) is None and differing_slot(a, b) is None


# -- gates against false flags, one test each ---------------------------------------------------


def test_gate_different_subjects() -> None:
    fa = frame("finish", agent=arg("Rovers", "ORG"), quantifier=Quantifier.MOST, quantifier_text="most games")
    fb = frame("finish", agent=arg("City", "ORG"), quantifier=Quantifier.FEW, quantifier_text="few games")
    a, b = claim("x", "Rovers won most games", fa, entities=("rovers",)), claim("y", "City won few games", fb, entities=("city",))
    assert conflicts(a, b) and check_pair(a, b) is None
    assert gate(a, b, FlagKind.QUANTIFIER).startswith("different subjects")
    assert not same_event(a, b)


def test_gate_different_times_marked_in_the_text() -> None:
    fa = frame("win", agent=arg("Rovers"), times=(TimeRef("last year", "relative", "last year"),))
    fb = frame(predicate=Predicate("win", "win", Polarity.NEGATIVE, "not"), agent=arg("Rovers"),
               times=(TimeRef("this year", "relative", "this year"),))
    a, b = pair(fa, fb)
    assert conflicts(a, b) and check_pair(a, b) is None
    assert gate(a, b, FlagKind.NEGATION).startswith("different times")
    # a different year is another event for a figure, but the conflict itself for a date
    fa = frame("rise", quantities=(q("12 percent", 12, "percent", "ratio"),), times=(TimeRef("2022", "year", "2022"),))
    fb = frame("rise", quantities=(q("5 percent", 5, "percent", "ratio"),), times=(TimeRef("2023", "year", "2023"),))
    assert check_pair(*pair(fa, fb)) is None


def test_gate_a_part_and_the_whole() -> None:
    fa = frame("sell", quantities=(q("1.5 million", 1.5e6, "dehumidifier", "count"),))
    fb = frame("sell", quantities=(q("210,000", 210_000, "dehumidifier", "count"),))
    a, b = pair(fa, fb, sa="The recall covers about 1.5 million dehumidifiers.",
                sb="About 210,000 of the recalled dehumidifiers were sold in Canada.")
    assert conflicts(a, b) and check_pair(a, b) is None
    a, b = pair(fa, fb, sa="The works are valued at $18 million.", sb="The Marrow painting alone is valued at $6 million.")
    assert gate(a, b, FlagKind.NUMERIC) == "a part and the whole"
    a, b = pair(fa, fb, sa="The recall covers 1.5 million units.", sb="The recall covers 210,000 units.")
    assert check_pair(a, b) is not None  # control: two totals


def test_gate_an_earlier_report_explicitly_corrected() -> None:
    fa = frame("steal", quantities=(q("five", 5, "painting", "count"),), corrected=True)
    fb = frame("steal", quantities=(q("four", 4, "painting", "count"),))
    assert_gated_until_cleared(fa, fb, "corrected")


def test_gate_a_forecast_and_the_outcome() -> None:
    fa = frame("reach", quantities=(q("14 feet", 14, "ft", "length"),), forecast=True)
    fb = frame("reach", quantities=(q("nine feet", 9, "ft", "length"),))
    assert_gated_until_cleared(fa, fb, "forecast")


def assert_gated_until_cleared(fa: Frame, fb: Frame, mark: str) -> None:
    """The pair conflicts but is not flagged while ``fa`` carries the mark, and is flagged without it."""
    a, b = pair(fa, fb)
    assert conflicts(a, b) and check_pair(a, b) is None
    assert check_pair(*pair(dataclasses.replace(fa, **{mark: False}), fb)) is not None


def test_gate_a_claim_the_article_reports_someone_making() -> None:
    fa = frame("work", source=Source("critics", "critics", "say"))
    fb = frame(predicate=Predicate("work", "work", Polarity.NEGATIVE, "not"))
    a, b = pair(fa, fb, sa="Critics say the plan works.", sb="The plan does not work.")
    assert conflicts(a, b) and check_pair(a, b) is None
    assert gate(a, b, FlagKind.NEGATION).startswith("a claim reported")
    a, b = pair(dataclasses.replace(fa, source=None), fb, sa="The plan works.", sb="The plan does not work.")
    assert check_pair(a, b) is not None


def test_same_event_for_a_verifier_flag() -> None:
    base = frame("close", agent=arg("the bridge"), times=(TimeRef("Friday", "weekday", "friday"),))
    a, b = pair(base, base)
    assert same_event(a, b)
    later = dataclasses.replace(base, times=(TimeRef("next week", "relative", "next week"),))
    earlier = dataclasses.replace(base, times=(TimeRef("last week", "relative", "last week"),))
    assert not same_event(*pair(earlier, later))
    assert not same_event(*pair(base, dataclasses.replace(base, forecast=True)))
