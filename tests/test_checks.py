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
    likely_slot,
    location,
    modality,
    negation,
    numeric,
    predicate_relation,
    role_swap,
    same_event,
)
from claimcheck.checks.gates import gate
from claimcheck.checks.view import kinds_of_one_thing
from claimcheck.lexicon import stem
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
    Tense,
    TimeRef,
)


def arg(text: str, entity: str = "") -> Argument:
    words = [w.lower().strip(".,'") for w in text.split() if w.lower() not in {"the", "a", "its", "of"}]
    return Argument(text=text, head=words[-1], keys=tuple(stem(w) for w in words), entity=entity)


def frame(lemma: str = "sue", **slots) -> Frame:
    predicate = slots.pop("predicate", None) or Predicate(lemma=lemma, text=lemma)
    return Frame(predicate=predicate, **slots)


def claim(doc: str, text: str, f: Frame, sentence: str = "", entities: tuple[str, ...] = ()) -> Claim:
    words = tuple(stem(w.lower().strip(".,'\"")) for w in text.split())
    return Claim(
        id=f"{doc}:0.0", doc_id=doc, sentence_index=0, clause_index=0, start=0, end=len(text), claim_start=0,
        claim_end=len(text), sentence=sentence or text + ".", text=text, subject="", predicate=f.predicate.lemma,
        object="", polarity=f.predicate.polarity, predicate_lemma=f.predicate.lemma, lemmas=words, entities=entities,
        worthiness=0.6, frame=f,
    )


def pair(fa: Frame, fb: Frame, text: str = "the event happened", sa: str = "", sb: str = "") -> tuple[Claim, Claim]:
    """Two claims with the same words in two articles' sentences (not one sentence copied)."""
    return claim("x", text, fa, sa or f"X reports that {text}."), claim("y", text, fb, sb or f"Y reports that {text}.")


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


@pytest.mark.parametrize(
    ("fa", "fb", "kind"),
    [
        pytest.param(frame("knock", quantities=(q("48,000 homes", 48000, "home", "count"),)),
                     frame("lose", quantities=(q("roughly 12,000 households", 12000, "household", "count", True),)),
                     FlagKind.NUMERIC, id="counts-of-two-nouns"),
        pytest.param(frame("reopen", times=(TimeRef("Sept. 4", "date", "--09-04"),)),
                     frame("flow", times=(TimeRef("19 September", "date", "--09-19"),)), FlagKind.DATE, id="date-other-verb"),
        pytest.param(frame("hold", places=(Place("in Geneva", "geneva"),)),
                     frame("take", places=(Place("in Vienna", "vienna"),)), FlagKind.LOCATION, id="place-other-verb"),
    ],
)
def test_a_contradiction_told_in_other_words_is_typed_by_its_loose_slot(fa: Frame, fb: Frame, kind: FlagKind) -> None:
    a, b = pair(fa, fb)
    assert differing_slot(a, b) is None  # the rules cannot tell the two values measure one thing
    assert likely_slot(a, b) is kind and likely_slot(b, a) is kind


def test_a_loose_slot_needs_values_apart_and_only_one_slot() -> None:
    near = pair(frame("knock", quantities=(q("about 12,000 homes", 12000, "home", "count", True),)),
                frame("lose", quantities=(q("12,500 households", 12500, "household", "count"),)))
    assert likely_slot(*near) is None
    two = pair(frame("hold", places=(Place("in Geneva", "geneva"),), quantities=(q("300 delegates", 300, "delegate", "count"),)),
               frame("take", places=(Place("in Vienna", "vienna"),), quantities=(q("800 people", 800, "people", "count"),)))
    assert likely_slot(*two) is None


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


@pytest.mark.parametrize("whole", ["in total", "in all", "worldwide", "altogether", "nationally"])
def test_gate_a_whole_and_a_smaller_figure(whole: str) -> None:
    fa = frame("employ", quantities=(q("5,000 people", 5000, "person", "count"),))
    fb = frame("employ", quantities=(q("800 people", 800, "person", "count"),))
    a, b = pair(fa, fb, sa=f"The company employs 5,000 people {whole}.", sb="The plant employs 800 people.")
    assert gate(a, b, FlagKind.NUMERIC) == "a part and the whole"
    # a "whole" smaller than the other figure cannot hold it: the two disagree
    a, b = pair(fb, fa, sa=f"The company employs 800 people {whole}.", sb="The company employs 5,000 people.")
    assert gate(a, b, FlagKind.NUMERIC) == ""


def test_gate_an_earlier_report_explicitly_corrected() -> None:
    fa = frame("steal", quantities=(q("five", 5, "painting", "count"),), corrected=True)
    fb = frame("steal", quantities=(q("four", 4, "painting", "count"),))
    assert_gated_until_cleared(fa, fb, "corrected")


def test_gate_a_forecast_and_the_outcome() -> None:
    fa = frame("reach", quantities=(q("14 feet", 14, "ft", "length"),), forecast=True)
    fb = frame("reach", quantities=(q("nine feet", 9, "ft", "length"),))
    assert_gated_until_cleared(fa, fb, "forecast")


def test_two_forecasts_are_not_a_forecast_and_its_outcome() -> None:
    """"will close" / "are set to close": both say what will be, so their quantifiers clash."""
    fa = frame(predicate=Predicate("close", "close", modality=Modality.CERTAIN, modal="will", tense=Tense.FUTURE),
               quantifier=Quantifier.MOST, quantifier_text="the majority of branches")
    fb = frame(predicate=Predicate("close", "close", modality=Modality.CERTAIN, modal="set to"),
               quantifier=Quantifier.FEW, quantifier_text="only a few of branches", forecast=True)
    a, b = pair(fa, fb)
    assert gate(a, b, FlagKind.QUANTIFIER) == "" and check_pair(a, b) is not None
    outcome = frame("close", quantifier=Quantifier.MOST, quantifier_text="the majority of branches")  # "closed": what happened
    assert gate(*pair(outcome, fb), FlagKind.QUANTIFIER) == "a forecast and the outcome"


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


def test_role_swap_through_an_apposition_but_not_a_reordered_coordination() -> None:
    museum, insurer = arg("The museum"), arg("its insurer")
    wexford = Argument("Wexford Mutual, the museum's insurer", "mutual", ("wexford", "mutual", "museum", stem("insurer")), "ORG")
    a, b = pair(frame(agent=museum, patient=insurer), frame(agent=wexford, patient=arg("the museum")))
    found = role_swap(a, b)
    assert found is not None and "Wexford Mutual" in found.explanation
    # "Albertsons and Ralphs locked out their workers" / "Ralphs and Albertsons locked out their workers"
    both, workers = arg("Albertsons and Ralphs chain"), arg("their workers")
    reordered = Argument("Ralphs chain and Albertsons", "albertsons", tuple(reversed(both.keys)))
    assert role_swap(*pair(frame("lock", agent=both, patient=workers), frame("lock", agent=reordered, patient=workers))) is None
    # an argument that is its own patient is a misparse, never a swap
    victims = arg("The victims")
    assert role_swap(*pair(frame("identify", agent=victims, patient=victims), frame("identify", agent=victims, patient=victims))) is None


def test_before_and_after_the_same_event_conflict() -> None:
    a, b = pair(frame("strike"), frame("strike"))
    a = dataclasses.replace(a, text="The thieves struck after the guards' 2 a.m. patrol")
    b = dataclasses.replace(b, text="The thieves struck before the guards' 2 a.m. patrol, investigators believe")
    found = check_pair(a, b)
    assert found is not None and found.kind is FlagKind.COMPARATIVE
    assert "after the guards" in found.explanation and "before the guards" in found.explanation
    other = dataclasses.replace(b, text="The thieves struck before the storm reached the town")
    assert check_pair(a, other) is None  # ordered against another event


def test_a_place_both_name_is_set_aside() -> None:
    plant = Place("Trevane's plant", "trevane plant", "at")
    fa = frame("leak", places=(plant, Place("Ridgeway", "ridgeway", "in")))
    fb = frame("leak", places=(plant, Place("Dunsford", "dunsford", "in")))
    found = location(*pair(fa, fb))
    assert found is not None and "Ridgeway" in found.explanation and "Dunsford" in found.explanation
    assert location(*pair(fa, frame("leak", places=(plant,)))) is None


def test_predicates_relate_in_british_spelling_too() -> None:
    from claimcheck.checks.lexical import predicate_relation

    assert predicate_relation("praise", "criticise") == "antonym"
    assert predicate_relation("criticise", "praise") == "antonym"
    assert predicate_relation("praise", "laud") in ("same", "synonym", "hypernym", "")  # never an opposition
    a, b = pair(frame("praise", agent=arg("Halm")), frame("criticise", agent=arg("Halm")))
    found = check_pair(a, b)
    assert found is not None and found.kind is FlagKind.ANTONYM


def test_a_quantifier_opening_the_claim_is_its_subjects() -> None:
    from claimcheck.checks.view import frame_of

    f = frame("loan", quantifier=Quantifier.ALL, quantifier_text="all four belong")
    c = claim("y", "None of the stolen paintings were on loan; all four belong to the museum", f)
    assert frame_of(c).quantifier is Quantifier.NONE
    most = claim("x", "Most of the stolen paintings were on loan from private collectors",
                 frame("loan", quantifier=Quantifier.MOST, quantifier_text="Most of the stolen paintings"))
    found = check_pair(most, c)
    assert found is not None and found.kind is FlagKind.QUANTIFIER


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [("'We will not raise taxes,' the minister told parliament.", "we will not raise taxes"),
     ("The pledge 'We will not raise taxes' was made by the minister.", "we will not raise taxes"),
     ('He said "the plant will close in June" on Monday.', "the plant will close in june"),
     ("The council's plan and the mayor's budget don't match, it's said.", ""),
     ("It was the players' best season and the fans' worst in years.", "")],
)
def test_a_quotation_in_single_or_double_quotes_but_no_apostrophes(sentence: str, quoted: str) -> None:
    from claimcheck.checks.attribution import _quotation

    assert _quotation(sentence) == quoted


def test_one_text_written_by_two_authors_whatever_the_writing_verb() -> None:
    report = arg("the institute's housing report")
    a, b = pair(frame("write", agent=arg("economist Farah Nadim"), patient=report),
                frame("author", agent=arg("economist Paul Gerrard"), patient=report),
                sa="The institute's housing report was written by economist Farah Nadim.",
                sb="Economist Paul Gerrard authored the institute's housing report, the institute said.")
    b = dataclasses.replace(b, frame=dataclasses.replace(b.frame, source=Source("the institute", "institute", "say")))
    found = attribution(a, b)
    assert found is not None and found.kind is FlagKind.ATTRIBUTION
    assert "Farah Nadim" in found.explanation and "Paul Gerrard" in found.explanation
    same = pair(frame("write", agent=arg("economist Farah Nadim"), patient=report),
                frame("author", agent=arg("Farah Nadim"), patient=report),
                sa="The report was written by economist Farah Nadim.", sb="Farah Nadim authored the report.")
    assert attribution(*same) is None


def test_the_same_quotation_found_by_its_words_even_when_its_clauses_do_not_align() -> None:
    from claimcheck.checks.attribution import same_quotation

    words = '\u201cThe rocket did its job until it didn\u2019t, and we owe our customer answers,\u201d'
    mayor = frame("say", source=Source("Mayor Dale", "dale", "say"))
    chief = frame("say", source=Source("Police Chief Ray Voss", "ray voss", "say"))
    a = claim("x", "The rocket did its job", mayor, sentence=f"{words} said Mayor Dale.")
    b = claim("y", "The rocket did its job", chief, sentence=words.replace("\u2019", "'") + " said Police Chief Ray Voss.")
    (found,) = same_quotation([a, b])
    assert found[2].kind is FlagKind.ATTRIBUTION and "Mayor Dale" in found[2].explanation and "Ray Voss" in found[2].explanation
    same = claim("y", "The rocket did its job", frame("say", source=Source("Dale", "dale", "say")), sentence=f"{words} Dale said.")
    assert same_quotation([a, same]) == []


@pytest.mark.parametrize(("phrase", "value"), __import__("claimcheck.lexicon").lexicon.QUANTIFIER_PHRASES)
def test_every_quantifier_phrase_opening_a_claim_is_read(phrase: str, value: Quantifier) -> None:
    from claimcheck.checks.view import quantifier_in

    for text in (f"{phrase} the affected households moved away", f"{phrase.capitalize()} of them moved away"):
        found, said = quantifier_in(text)
        assert found is not None and said.lower().startswith(phrase.split()[0])


@pytest.mark.parametrize(
    ("qa", "qb", "agree"),
    [
        (q("0.7 per cent", 0.7, "percent", "ratio"), q("0.66 percent", 0.66, "percent", "ratio"), True),
        (dataclasses.replace(q("two miles", 3218.7, "m", "length"), stated_unit="mile"),
         dataclasses.replace(q("three kilometres", 3000.0, "m", "length"), stated_unit="kilometer"), True),
        (q("two automakers", 2, "automaker", "count"), q("three automakers", 3, "automaker", "count"), False),
        (q("2 cents", 2, "cent", "money"), q("4 cents", 4, "cent", "money"), False),
    ],
)
def test_figures_agree_within_the_rounding_of_their_digits(qa: Quantity, qb: Quantity, agree: bool) -> None:
    a, b = pair(frame("fall", quantities=(qa,)), frame("fall", quantities=(qb,)))
    assert (numeric(a, b) is None) is agree


@pytest.mark.parametrize(
    ("sa", "sb"),
    [
        pytest.param("That does not mean they are not calling people.", "They are calling people.", id="double-negation"),
        pytest.param("Even if the plan does not work, they will go on.", "The plan works.", id="hypothetical"),
    ],
)
def test_negation_needs_a_plain_denial(sa: str, sb: str) -> None:
    fa = frame(predicate=Predicate("work", "work", Polarity.NEGATIVE, "not"), agent=arg("the plan"))
    fb = frame("work", agent=arg("the plan"))
    a = claim("x", sa.rstrip("."), fa, sa)
    b = claim("y", sb.rstrip("."), fb, sb)
    assert check_pair(a, b) is None


def test_one_sentence_copied_into_two_articles_is_never_a_conflict() -> None:
    sentence = "It doesn't make it better or worse."
    fa = frame("make", comparatives=(Comparative("better", "good", "quality", 1),))
    fb = frame("make", comparatives=(Comparative("worse", "bad", "quality", -1),))
    assert check_pair(claim("x", "it makes it better", fa, sentence), claim("y", "it makes it worse", fb, sentence)) is None


def test_a_place_or_time_of_another_event_is_no_conflict() -> None:
    fa = frame("repeat", places=(Place("in Closer", "closer", "in"),))
    fb = frame("win", places=(Place("at the Golden Globes", "golden globes", "at"),))
    assert location(*pair(fa, fb)) is None
    fa = frame("open", times=(TimeRef("Monday", "weekday", "monday"),))
    fb = frame("close", times=(TimeRef("Friday", "weekday", "friday"),))
    assert date(*pair(fa, fb)) is None


def test_a_clause_is_no_participant_of_a_role_swap() -> None:
    consumers, ericsson = arg("Consumers"), arg("Ericsson", "ORG")
    fa = frame("show", agent=consumers, patient=ericsson)
    fb = frame("show", agent=ericsson, patient=Argument("that consumers divide into tribes", "divide", ("consumers", "divid")))
    assert role_swap(*pair(fa, fb)) is None


def test_real_news_false_flags_stay_unflagged() -> None:
    """Classes seen when reading flags on BBC story groups (benchmarks/news_groups.py)."""
    # different months for a change of a figure: two readings, not one event
    fa = frame("fall", agent=arg("the index"), times=(TimeRef("in February", "month", "--02"),))
    fb = frame("increase", agent=arg("the index"), times=(TimeRef("in December", "month", "--12"),))
    assert check_pair(*pair(fa, fb)) is None
    # "September 2004" / "September": the same month
    fa = frame("return", times=(TimeRef("September 2004", "month", "2004-09"),))
    fb = frame("return", times=(TimeRef("September", "month", "--09"),))
    assert date(*pair(fa, fb)) is None
    # "sold to a shell company" / "the firm which has bought its asset": a converse, roles unknown
    from claimcheck.checks.lexical import predicate_relation

    if predicate_relation("sell", "buy") in ("converse", "antonym"):
        sold = frame("sell", patient=arg("Yugansk"))
        bought = frame("buy", agent=arg("the firm"), patient=arg("its main asset"))
        assert check_pair(*pair(sold, bought)) is None
    # the positive side's own sentence says "not" before the predicate: a parse that lost it
    neg = frame(predicate=Predicate("racist", "racist", Polarity.NEGATIVE, "not"), agent=arg("the plans"))
    lost = frame("racist", agent=arg("the plans"))
    a, b = pair(neg, lost, sa="Plans to cut immigration are not racist, Howard said.",
                sb="Howard said the plans were not racist.")
    assert check_pair(a, b) is None
    # "Lord Bingham" speaks for "the Law Lords": a shared name, singular or plural
    from claimcheck.checks.attribution import speaker_names

    assert speaker_names(Source("senior law lord Lord Bingham", "lord bingham")) & speaker_names(Source("The Law Lords", "law lords"))


def test_more_real_news_classes_stay_unflagged() -> None:
    # "will play games" / "can play games": an ability, not a doubt
    will = frame(predicate=Predicate("play", "play", modality=Modality.CERTAIN, modal="will"))
    can = frame(predicate=Predicate("play", "play", modality=Modality.POSSIBLE, modal="can"))
    assert modality(*pair(will, can)) is None
    # "the case could not be brought" / "they brought the case": a possibility against a fact
    could_not = frame(predicate=Predicate("bring", "brought", Polarity.NEGATIVE, "not", Modality.POSSIBLE, "could"),
                      patient=arg("the case"))
    assert check_pair(*pair(could_not, frame("bring", patient=arg("the case")))) is None
    # "the Athens Olympics" / "the Olympic Village": one name, singular or plural
    fa = frame("withdraw", places=(Place("the Athens Olympics", "athens olympics"),))
    fb = frame("withdraw", places=(Place("the Olympic Village", "olympic village"),))
    assert location(*pair(fa, fb)) is None
    # a negation in another clause of the sentence is no double negation of this one
    never = frame(predicate=Predicate("sound", "sounded", Polarity.NEGATIVE, "never"), agent=arg("the alarm"))
    a, b = pair(never, frame("sound", agent=arg("the alarm")), text="the alarm never sounded",
                sa="The alarm never sounded, and the guard heard nothing.", sb="The alarm sounded at 3:04 a.m.")
    found = check_pair(a, b)
    assert found is not None and found.kind is FlagKind.NEGATION


@pytest.mark.parametrize(
    ("qa", "qb", "agree"),
    [
        (q("about 2,300", 2300, "household", "count", True), q("about 3,200", 3200, "household", "count", True), False),
        (q("about 310 km", 310_000, "m", "length", True), q("roughly 240 km", 240_000, "m", "length", True), False),
        (q("about 1.5 million", 1.5e6, "unit", "count", True), q("1.4 million", 1.4e6, "unit", "count"), True),
    ],
)
def test_about_stretches_a_figure_by_its_looseness_not_by_a_quarter(qa: Quantity, qb: Quantity, agree: bool) -> None:
    a, b = pair(frame("leave", quantities=(qa,)), frame("leave", quantities=(qb,)))
    assert (numeric(a, b) is None) is agree


def test_a_count_names_its_measure_whoever_the_subjects_are() -> None:
    fa = frame("include", agent=arg("the class"), patient=arg("about 2,300 households"),
               quantities=(q("about 2,300 households", 2300, "household", "count", True),))
    fb = frame("bring", patient=arg("the class action"), quantities=(q("about 3,200", 3200, "household", "count", True),))
    a, b = pair(fa, fb)
    assert gate(a, b, FlagKind.NUMERIC) == ""
    # money names no measure of its own: what is valued decides
    fa = frame("value", patient=arg("the shares"), quantities=(q("$5m", 5e6, "usd", "money"),))
    fb = frame("value", patient=arg("the profit"), quantities=(q("$7m", 7e6, "usd", "money"),))
    assert gate(*pair(fa, fb), FlagKind.NUMERIC).startswith("different measures")


def test_a_part_of_another_count_is_no_part_of_this_one() -> None:
    fa = frame("receive", quantities=(q("76 reports", 76, "report", "count"), q("23 fires", 23, "fire", "count")))
    fb = frame("receive", quantities=(q("41 fires", 41, "fire", "count"),))
    a, b = pair(fa, fb, sa="Kelmont has received 76 reports of units overheating, including 23 fires.",
                sb="Kelmont has received reports of 41 fires.")
    assert gate(a, b, FlagKind.NUMERIC) == ""
    assert check_pair(a, b).kind is FlagKind.NUMERIC


@pytest.mark.parametrize(
    ("modality", "modal", "flagged"),
    [(Modality.LIKELY, "should", False), (Modality.REQUIRED, "must", False), (Modality.POSSIBLE, "can", True)],
)
def test_a_demand_does_not_deny_a_refusal_but_a_possibility_meets_a_denial(modality: Modality, modal: str, flagged: bool) -> None:
    fa = frame(predicate=Predicate("publish", "publish", Polarity.NEGATIVE, "refuses"), agent=arg("the government"),
               patient=arg("the advice"))
    fb = frame(predicate=Predicate("publish", "published", modality=modality, modal=modal), patient=arg("the advice"))
    a, b = claim("x", "the government refuses to publish the advice", fa), claim("y", f"the advice {modal} be published", fb)
    assert (check_pair(a, b) is not None) is flagged


def test_a_quotation_is_nobody_else_s_when_its_sentence_names_both_speakers() -> None:
    quote = '"all aspects of the directive"'
    fa = frame("review", source=Source("Some major tech firms", "tech firms", "say"))
    fb = frame("review", source=Source("The EC", "ec", "say"))
    a, b = pair(fa, fb, sa=f"Some major tech firms say it is needed The EC says it would review {quote}.",
                sb=f"The EC says it would review {quote}.")
    assert attribution(a, b) is None
    a, b = pair(fa, fb, sa=f"Some major tech firms say they would review {quote}.", sb=f"The EC says it would review {quote}.")
    assert attribution(a, b) is not None  # control: each names only its own speaker


def test_one_event_told_with_a_prepositional_verb_or_a_more_general_one() -> None:
    assert predicate_relation("reach", "arrive") == "synonym"  # WordNet's "arrive at"
    assert predicate_relation("murder", "kill") == "hypernym"
    assert predicate_relation("bump", "murder") == ""  # "bump off" means what "bump" alone does not


def test_a_doer_parsed_inside_what_is_done_to_is_no_role_swap() -> None:
    # as parsed: "Sources told the BBC Mr Howard had always been in favour" / "... Michael Howard has always been ..."
    fa = frame("favour", agent=Argument("Howard", "howard", ("mr", "howard"), "PROPN"),
               patient=Argument("the BBC Mr Howard had always been", "howard", ("bbc", "mr", "howard")))
    fb = frame("favour", agent=Argument("Michael Howard", "michael", ("michael", "howard"), "PROPN"),
               patient=Argument("the BBC Michael Howard has always been", "howard", ("bbc", "michael", "howard")))
    assert role_swap(*pair(fa, fb)) is None
    # control: an apposition naming the patient inside the agent still swaps
    fa = frame("sue", agent=arg("The museum"), patient=arg("its insurer Wexford Mutual"))
    fb = frame("sue", agent=arg("Wexford Mutual the museum's insurer"), patient=arg("the museum"))
    assert role_swap(*pair(fa, fb)) is not None


@pytest.mark.parametrize(
    ("sa", "sb", "clash"),
    [
        ("Officials approved the request late Thursday.", "As of Friday afternoon, officials have yet to approve the request.", False),
        ("Kelmont had complaints as early as 2021.", "Kelmont had no complaints before 2023.", False),
        ("Owners have until June 30 to claim a refund.", "Owners have until Dec. 31 to claim a refund.", True),
        ("The rocket lifted off on Wednesday.", "The rocket lifted off on Tuesday.", True),
    ],
)
def test_only_times_in_the_same_relation_to_the_event_clash(sa: str, sb: str, clash: bool) -> None:
    def times(sentence: str) -> tuple[TimeRef, ...]:
        known = {"Thursday": "thursday", "Friday": "friday", "Wednesday": "wednesday", "Tuesday": "tuesday"}
        found = [TimeRef(w, "weekday", v) for w, v in known.items() if w in sentence]
        found += [TimeRef(y, "year", y) for y in ("2021", "2023") if y in sentence]
        found += [TimeRef(d, "date", v) for d, v in (("June 30", "--06-30"), ("Dec. 31", "--12-31")) if d in sentence]
        return tuple(found)

    a, b = pair(frame("approve", times=times(sa)), frame("approve", times=times(sb)), sa=sa, sb=sb)
    assert (date(a, b) is not None) is clash


def test_a_denial_of_other_things_is_no_negation() -> None:
    fa = frame("receive", agent=KELMONT, patient=arg("reports of 41 fires"))
    fb = frame(predicate=Predicate("receive", "receiving", Polarity.NEGATIVE, "denied"), agent=KELMONT,
               patient=arg("any overheating complaints"))
    assert negation(*pair(fa, fb)) is None
    fb = dataclasses.replace(fb, patient=arg("any reports of fires"))
    assert negation(*pair(fa, fb)) is not None


def test_two_results_clash_whatever_their_goals() -> None:
    qa = Quantity("3-1", 1.0, 3.0, "", "score")
    qb = Quantity("2-0", 0.0, 2.0, "", "score")
    assert numeric(*pair(frame("beat", quantities=(qa,)), frame("beat", quantities=(qb,)))) is not None


def test_two_measures_that_both_differ_tell_two_occurrences() -> None:
    fa = frame("take", quantities=(q("second place", 2, "place", "rank"), q("$12.7m", 12.7e6, "usd", "money")))
    fb = frame("take", quantities=(q("fourth place", 4, "place", "rank"), q("$10.7m", 10.7e6, "usd", "money")))
    assert numeric(*pair(fa, fb)) is None
    fb = frame("take", quantities=(q("second place", 2, "place", "rank"), q("$10.7m", 10.7e6, "usd", "money")))
    assert numeric(*pair(fa, fb)) is not None  # control: one measure differs


def test_another_day_with_other_figures_is_another_occurrence() -> None:
    fa = frame("close", times=(TimeRef("Friday", "weekday", "friday"),), quantities=(q("270.25p", 2.7025, "gbp", "money"),))
    fb = frame("close", times=(TimeRef("Monday", "weekday", "monday"),), quantities=(q("4.75%", 4.75, "percent", "ratio"),))
    assert date(*pair(fa, fb)) is None
    fb = dataclasses.replace(fb, quantities=fa.quantities)
    assert date(*pair(fa, fb)) is not None  # control: the same figure on another day


def test_a_place_inside_a_place_the_other_names_is_no_conflict() -> None:
    fa = frame("find", places=(Place("Florida", "florida", "in"),))
    fb = frame("find", places=(Place("Miami Beach", "miami beach", "in"),))
    a, b = pair(fa, fb, sa="He was found dead in his hotel room in Florida.",
                sb="He was found dead in his hotel room in Miami Beach, Florida.")
    assert location(a, b) is None
    a, b = pair(fa, fb, sa="He was found dead in his hotel room in Florida.", sb="He was found dead in his hotel room in Miami Beach.")
    assert location(a, b) is not None  # control: nothing sets Florida aside


def test_other_figures_of_one_measure_tell_another_occurrence() -> None:
    fa, fb = frame("rise", agent=arg("Brent crude")), frame("fall", agent=arg("Brent crude"))

    def claims(sa: str, sb: str) -> tuple[Claim, Claim]:
        return claim("x", sa.split(",")[0], fa, sa), claim("y", sb.split(",")[0], fb, sb)

    a, b = claims("Brent crude rose in London trading, adding 89 cents to $48.62 at the close.", "Brent crude fell 32 cents to $49.74.")
    assert gate(a, b, FlagKind.ANTONYM).startswith("other figures")
    a, b = claims("Brent crude rose 9 percent.", "Brent crude fell 9 percent.")
    assert gate(a, b, FlagKind.ANTONYM) == ""  # control: the same figure, told two ways
    a, b = claims("Brent crude rose in London, but shares fell to $48.62.", "Brent crude fell to $49.74.")
    assert gate(a, b, FlagKind.ANTONYM) == ""  # control: the figure is another clause's


def test_what_someone_asks_is_no_statement_to_deny() -> None:
    fa = frame("be", agent=arg("Mr Finegold"), patient=arg("a war criminal"))
    fb = frame(predicate=Predicate("be", "was", Polarity.NEGATIVE, "n't"), agent=arg("Mr Finegold"), patient=arg("a war criminal"))
    a = claim("x", "Mr Livingstone is heard asking Mr Finegold if he is a war criminal", fa)
    b = claim("y", "Mr Finegold was not a war criminal", fb)
    assert negation(a, b) is None
    assert negation(claim("x", "Mr Finegold is a war criminal", fa), b) is not None


def test_having_is_no_doing_that_can_be_swapped() -> None:
    fa = frame("have", agent=arg("Nintendo"), patient=arg("a pool of fans"))
    fb = frame("have", agent=arg("a pool of fans"), patient=arg("Nintendo"))
    assert role_swap(*pair(fa, fb)) is None


def test_a_short_quotation_is_one_statement_only_with_the_words_around_it() -> None:
    fa = frame("be", source=Source("A spokeswoman for Human Rights Watch", "human rights watch", "say"))
    fb = frame("be", source=Source("Tony Blair", "tony blair", "say"))
    a, b = pair(fa, fb, sa='A spokeswoman for Human Rights Watch said it was a "basic principle" that trials be fair.',
                sb='Tony Blair said there could be no concession on the "basic principle".')
    assert attribution(a, b) is None
    a, b = pair(fa, fb, sa='A spokeswoman for Human Rights Watch said the jury had heard "ample evidence" that it knew.',
                sb='Tony Blair said the jury had heard "ample evidence" that it knew.')
    assert attribution(a, b) is not None  # control: the same statement around the phrase


def test_a_verb_done_again_takes_the_opposites_of_the_verb() -> None:
    assert predicate_relation("reopen", "close") == "antonym"  # WordNet: "open again or anew"
    assert predicate_relation("report", "starboard") == ""  # "report" is no "port" again


def test_no_role_swap_on_a_party_that_is_a_resolved_pronoun() -> None:
    """"She was joined by Judge Pratt": the patient is whoever "she" was resolved to, a guess."""
    castellano, pratt = arg("Judge Miriam Castellano"), arg("Judge Owen Pratt")
    sa = "She was joined by Judge Owen Pratt."
    a = claim("x", "She was joined by Judge Owen Pratt", frame("join", agent=pratt, patient=castellano), sa)
    b = claim("y", "Judge Owen Pratt was joined by Judge Miriam Castellano", frame("join", agent=castellano, patient=pratt))
    assert role_swap(a, b) is None
    named = claim("x", "Judge Miriam Castellano was joined by Judge Owen Pratt", frame("join", agent=pratt, patient=castellano))
    found = role_swap(named, b)
    assert found is not None and found.kind is FlagKind.ROLE_SWAP


def test_a_light_verb_is_no_synonym_outside_its_own_senses() -> None:
    """WordNet files "take" under the first sense of "lead" ("take someone somewhere"); "take the
    title" and "led Labour" are not one deed. "Acquire" and "get" still are."""
    assert predicate_relation("take", "lead") == ""
    assert predicate_relation("acquire", "get") == "synonym"


def test_clashing_values_name_one_slot_and_every_value_to_swap() -> None:
    from claimcheck.checks import clashing_values

    fa = frame("lift off", times=(TimeRef("6:12 a.m.", "time", "06:12"), TimeRef("Wednesday", "weekday", "wednesday")))
    fb = frame("climb", times=(TimeRef("9:40 p.m.", "time", "21:40"), TimeRef("Tuesday", "weekday", "tuesday")))
    clash = clashing_values(*pair(fa, fb))
    assert clash is not None and clash.kind is FlagKind.DATE
    assert clash.values == (("6:12 a.m.", "9:40 p.m."), ("Wednesday", "Tuesday"))
    # the finest time both name agrees: no clash of times; two slots apart: no one slot
    same_hour = frame("climb", times=(TimeRef("6:12 a.m.", "time", "06:12"), TimeRef("Tuesday", "weekday", "tuesday")))
    assert clashing_values(*pair(fa, same_hour)) is None
    both = frame("climb", times=fb.times, quantities=(q("40 tonnes", 4e10, "mg", "mass"),))
    with_mass = frame("lift off", times=fa.times, quantities=(q("30 tonnes", 3e10, "mg", "mass"),))
    assert clashing_values(*pair(with_mass, both)) is None
    fa = frame("sell", quantities=(q("£2.5m", 2.5e6, "gbp", "money"),))
    fb = frame("fetch", quantities=(q("7 million pounds", 7e6, "gbp", "money"),))
    assert clashing_values(*pair(fa, fb)).values == (("£2.5m", "7 million pounds"),)


def test_no_real_advances_denies_significant_advances_in_the_same_field() -> None:
    """Two claims that a thing exists, one denying it: the same head noun, whatever degree word
    qualifies it, and the field it is a thing of shared."""
    text = "advances chronic pain management"  # the claims' content words
    no = Predicate("be", "been", Polarity.NEGATIVE, "no")
    a = claim("x", text, frame("be", patient=arg("significant advances")))
    b = claim("y", text, frame(predicate=no, patient=arg("no real advances")))
    found = negation(a, b)
    assert found is not None and "significant advances" in found.explanation and "no real advances" in found.explanation
    other = claim("y", "advances rail transport", frame(predicate=no, patient=arg("no real advances")))
    assert negation(a, other) is None  # advances of another field


def test_a_degree_word_tells_no_kinds_apart() -> None:
    assert not kinds_of_one_thing(arg("significant advances"), arg("no real advances"), frozenset({"no"}))
    assert kinds_of_one_thing(arg("a gaming device"), arg("an entertainment device"))
    assert kinds_of_one_thing(arg("no major changes"), arg("minor changes"), frozenset({"no"}))  # the low end is another thing
    assert kinds_of_one_thing(arg("a bad song"), arg("a great song"))
