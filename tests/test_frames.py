"""Claim frames: who did what to whom, when, where, how much, and on whose word.

The first tests build parsed Docs by hand (UD labels, no model); the rest run the bundled
pipeline on short sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from claimcheck import lexicon as lx
from claimcheck.nlp import load_pipeline
from claimcheck.nlp.component import ClaimExtractor
from claimcheck.nlp.times import anchored, article_date, find_times
from claimcheck.types import Modality, Polarity, Tense

BLANK = spacy.blank("en")

# (word, head, dep, pos, tag, lemma, morph)
ACTIVE = [
    ("Kelmont", 1, "nsubj", "PROPN", "NNP", "Kelmont", "Number=Sing"),
    ("sued", 1, "root", "VERB", "VBD", "sue", "Tense=Past|VerbForm=Fin"),
    ("Varga", 3, "compound", "PROPN", "NNP", "Varga", ""),
    ("Components", 1, "obj", "PROPN", "NNPS", "Components", "Number=Plur"),
    ("in", 5, "case", "ADP", "IN", "in", ""),
    ("March", 1, "obl", "PROPN", "NNP", "March", ""),
    (".", 1, "punct", "PUNCT", ".", ".", ""),
]
PASSIVE = [
    ("Kelmont", 3, "nsubj:pass", "PROPN", "NNP", "Kelmont", "Number=Sing"),
    ("was", 3, "aux:pass", "AUX", "VBD", "be", "Tense=Past|VerbForm=Fin"),
    ("quickly", 3, "advmod", "ADV", "RB", "quickly", ""),
    ("sued", 3, "root", "VERB", "VBN", "sue", "Tense=Past|VerbForm=Part|Voice=Pass"),
    ("by", 6, "case", "ADP", "IN", "by", ""),
    ("Varga", 6, "compound", "PROPN", "NNP", "Varga", ""),
    ("Components", 3, "obl:agent", "PROPN", "NNPS", "Components", "Number=Plur"),
    (".", 3, "punct", "PUNCT", ".", ".", ""),
]


def claims_of(rows):
    """The claims of a hand-parsed sentence: rows of (word, head, dep, pos, tag, lemma, morph)."""
    doc = Doc(
        BLANK.vocab, words=[r[0] for r in rows], spaces=[i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" for i in range(len(rows))],
        heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows], morphs=[r[6] for r in rows],
    )
    return ClaimExtractor(BLANK, "claimcheck_claims")(doc)._.claims


def frame_of(rows):
    (claim,) = claims_of(rows)
    return claim.frame


def test_agent_and_patient_are_normalised_for_voice() -> None:
    active, passive = frame_of(ACTIVE), frame_of(PASSIVE)
    assert (active.agent.head, active.patient.head) == ("kelmont", "components")
    assert active.predicate.voice == "active" and passive.predicate.voice == "passive"
    assert passive.agent.keys == active.patient.keys  # "A was sued by B" has B as agent
    assert passive.patient.keys == active.agent.keys
    assert active.predicate.lemma == passive.predicate.lemma == "sue"
    assert active.predicate.tense is passive.predicate.tense is Tense.PAST


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def frames(nlp, text: str):
    return [c.frame for c in nlp(text)._.claims]


def test_swapped_roles_are_visible(nlp) -> None:
    (a,) = frames(nlp, "The Lorne council sued the Harwick water board over the spill.")
    (b,) = frames(nlp, "The Harwick water board sued the Lorne council over the spill.")
    assert "harwick" in b.agent.keys and "harwick" in a.patient.keys
    assert "lorn" in a.agent.keys and "lorn" in b.patient.keys
    assert a.predicate.lemma == b.predicate.lemma == "sue"


@pytest.mark.parametrize(
    ("text", "source_key", "verb", "endorsed"),
    [
        ("The bridge reopened on Friday morning, the transport ministry said.", "transport ministry", "say", False),
        ("Inspectors found no damage to the bridge, according to the county engineer.", "county engineer", "according to", False),
        ("The county engineer said that the bridge was safe for traffic.", "county engineer", "say", False),
        ("The bridge was safe for traffic, said Mayor Dale Fenwick.", "dale fenwick", "say", False),
        ("'The data speak for themselves,' said lead researcher Dr. Ken Ito.", "ken ito", "say", False),
        ("The company confirmed that the heaters had overheated in several homes.", "company", "confirm", True),
        ("Officials stressed that evacuation of the coastal zone is voluntary.", "officials", "stress", False),
    ],
)
def test_source_of_a_reported_clause(nlp, text: str, source_key: str, verb: str, endorsed: bool) -> None:
    frame = frames(nlp, text)[0]
    assert frame.source is not None
    assert (frame.source.key, frame.source.verb, frame.source.endorsed) == (source_key, verb, endorsed)


def test_reported_speech_frames_the_content(nlp) -> None:
    (frame,) = frames(nlp, "The county engineer said that the bridge was unsafe for heavy lorries.")
    assert frame.predicate.lemma == "unsafe"
    assert frame.agent.head == "bridge"


@pytest.mark.parametrize(
    ("text", "modality", "forecast"),
    [
        ("The club will parade the trophy through the town on Monday.", Modality.CERTAIN, False),
        ("The satellite might reach its planned orbit within three months.", Modality.POSSIBLE, False),
        ("Residents must boil their tap water until further notice.", Modality.REQUIRED, False),
        ("Residents may drink the tap water without boiling it.", Modality.PERMITTED, False),
        ("The club has ruled out a parade through the town.", Modality.EXCLUDED, False),
        ("The storm is expected to make landfall on Thursday night.", Modality.LIKELY, True),
        ("The bridge reopened to traffic on Friday morning.", Modality.FACT, False),
    ],
)
def test_modality_and_forecast(nlp, text: str, modality: Modality, forecast: bool) -> None:
    frame = frames(nlp, text)[0]
    assert frame.predicate.modality is modality
    assert frame.forecast is forecast


def test_an_early_figure_that_was_revised_is_marked_corrected(nlp) -> None:
    (frame,) = frames(nlp, "Officials initially reported 12 deaths, a figure later revised to nine.")
    assert frame.corrected and "initially" in frame.hedges
    (plain,) = frames(nlp, "Officials reported 12 deaths in the county on Friday.")
    assert not plain.corrected


def test_implicit_negative_is_the_predicate_negation(nlp) -> None:
    frame = frames(nlp, "The mayor declined to comment on the flooding.")[0]
    assert frame.predicate.polarity is Polarity.NEGATIVE
    assert (frame.predicate.lemma, frame.predicate.negation) == ("comment", "declined to")


def test_places_from_prepositional_phrases(nlp) -> None:
    (frame,) = frames(nlp, "The strongest gust was recorded at the Marren Bay lighthouse on Thursday.")
    assert [(p.key, p.relation) for p in frame.places] == [("marren bay lighthouse", "at")]


def test_places_flown_over_are_places(nlp) -> None:
    (frame,) = frames(nlp, "The jets flew over Denver on Thursday.")
    assert [p.key for p in frame.places] == ["denver"]


def test_times_and_quantities_in_a_frame(nlp) -> None:
    (frame,) = frames(nlp, "The rocket lifted off at 6:42 a.m. on Sept. 23 with a payload of 2,500 kg.")
    assert [(t.kind, t.value) for t in frame.times] == [("time", "06:42"), ("date", "--09-23")]
    (mass,) = frame.quantities
    assert (mass.low, mass.unit) == (2_500_000_000, "mg")


@pytest.mark.parametrize(
    ("a", "b"),
    [("6:42 a.m.", "06:42"), ("Sept. 23, 2024", "23 September 2024"), ("on Saturday", "Saturday's game"), ("3 p.m.", "15:00"),
     ("from Jan. 2019 through Nov. 2023", "between January 2019 and November 2023")],
)
def test_equal_times_normalise_alike(a: str, b: str) -> None:
    assert [t.value for t in find_times(a)] == [t.value for t in find_times(b)]


def test_other_times_differ() -> None:
    assert find_times("at 6:42 a.m.")[0].value != find_times("at 7:42 a.m.")[0].value
    assert find_times("on Tuesday")[0].value != find_times("on Wednesday")[0].value


@pytest.mark.parametrize(
    ("text", "value"),
    [("last year", "2023"), ("this year", "2024"), ("yesterday", "2024-09-24"), ("last month", "2024-08"), ("next week", "next week")],
)
def test_relative_times_anchor_to_the_article_date(text: str, value: str) -> None:
    (time,) = find_times(text)
    assert anchored(time, dt.date(2024, 9, 25)).value == value
    assert anchored(time, None) == time


def test_article_date_from_a_dateline() -> None:
    assert article_date("By Jane Roe\nPublished Sept. 24, 2024\n\nThe storm ...") == dt.date(2024, 9, 24)
    assert article_date("The storm hit the coast last year.") is None


def test_recurring_periods_are_times_of_their_own_kind() -> None:
    assert [(t.kind, t.value) for t in find_times("during weekday rush hours")] == [("period", "weekday"), ("period", "rush hour")]
    assert [t.value for t in find_times("at weekends")] == [t.value for t in find_times("every week-end")] == ["weekend"]
    assert [t.value for t in find_times("open overnight")] == [t.value for t in find_times("at night")] == ["night"]


def test_words_that_look_like_days_are_not_times() -> None:
    assert find_times("The sun sat low and the crowd wed its hopes to the team.") == ()


def test_wordnet_lexicon_ships_antonyms_converses_and_noun_classes() -> None:
    assert "dangerous" in lx.antonyms("safe") and "calm" in lx.antonyms("stormy")
    assert lx.converses("buy") == {"sell"} and "lose" in lx.converses("win") and lx.converses("before") == {"after"}
    assert lx.is_person_noun("spokeswoman") and not lx.is_person_noun("heater")
    assert lx.is_place_noun("airport") and not lx.is_place_noun("referee")


def test_a_quotation_takes_the_source_of_its_reporting_verb(nlp) -> None:
    found = frames(nlp, '"We acted too late, and we are sorry for the delay," said the firm\'s chief executive, Raymond Tull.')
    assert found and all(f.source is not None and f.source.key == "raymond tull" for f in found)


def test_a_bare_attribution_is_its_own_source(nlp) -> None:
    found = frames(nlp, "The alarm sounded at 3:04 a.m. on Friday, police said.")
    assert [f.source.key for f in found] == ["police", "police"]
    assert found[0].predicate.lemma == "sound" and found[1].predicate.lemma == "say"


def test_a_noun_in_apposition_to_a_name_takes_the_name(nlp) -> None:
    """The doer of "who leads" is "the rapper", which is Kanye West: the name joins its keys."""
    found = frames(nlp, "Kanye West, the rapper who leads the awards with 10 nominations, will perform in Los Angeles.")
    lead = next(f for f in found if f.predicate.lemma == "lead")
    assert {"kany", "west"} <= set(lead.agent.keys) and "rapper" in lead.agent.keys
    assert lead.agent.entity


def test_quarters_are_times() -> None:
    assert [(t.kind, t.value) for t in find_times("Spending was up 1.2% in the fourth quarter.")] == [("quarter", "--Q4")]
    assert [t.value for t in find_times("profits for the third quarter of 2004 and Q1 2005")] == ["2004-Q3", "2005-Q1"]
    assert find_times("It took three quarters of an hour.") == ()


def test_irregular_past_forms_are_read_as_their_verb(nlp) -> None:
    (frame,) = frames(nlp, "Shares in the firm rose 9 percent on Tuesday.")
    assert frame.predicate.lemma == "rise"


def test_most_of_is_a_quantifier(nlp) -> None:
    (claim,) = nlp("Most of the affected households have since moved away from the town.")._.claims
    assert claim.quantifier is not None and claim.quantifier.name == "MOST"
    assert claim.frame.agent.head == "household"


@pytest.mark.parametrize(
    "text",
    ["The testimony of the expert should never have been admitted at trial.", "Moreno added a third goal two minutes from time."],
)
def test_a_reporting_verb_that_reports_nothing_is_no_source(nlp, text: str) -> None:
    assert all(f.source is None for f in frames(nlp, text))


def test_the_main_clause_wins_over_a_subordinate_subject(nlp) -> None:
    (a,) = frames(nlp, "Harwick United beat Lorne 3-1 when the teams met in April.")
    assert a.predicate.lemma == "beat"
    assert "harwick" in a.agent.keys and "lorn" in a.patient.keys


def test_a_reporting_verb_joined_to_another_takes_its_subject(nlp) -> None:
    found = nlp("Earlier, Tony Blair dismissed questions about the advice, and said his statement had been a fair summary.")._.claims
    said = [c for c in found if c.frame is not None and c.frame.source is not None]
    assert said and all(c.frame.source.text == "Tony Blair" for c in said)


@pytest.mark.parametrize(("text", "lemma"), [("Kelmont denied receiving any complaints about the heaters.", "receive"),
                                              ("The company denied that its heaters were faulty.", "faulty")])
def test_a_denial_frames_what_it_denies(nlp, text: str, lemma: str) -> None:
    frame = nlp(text)._.claims[0].frame
    assert frame.predicate.lemma == lemma
    assert frame.predicate.polarity is Polarity.NEGATIVE and frame.predicate.negation == "denied"


@pytest.mark.parametrize(("word", "lemmatized", "lemma"), [("upheld", "upheld", "uphold"), ("fled", "fl", "flee"),
                                                           ("drew", "drow", "draw"), ("rose", "rose", "rise")])
def test_an_irregular_verb_the_lemmatizer_missed_takes_the_lookup_tables_lemma(word: str, lemmatized: str, lemma: str) -> None:
    rows = [
        ("The", 1, "det", "DET", "DT", "the", ""),
        ("court", 2, "nsubj", "NOUN", "NN", "court", "Number=Sing"),
        (word, 2, "root", "VERB", "VBD", lemmatized, "Tense=Past|VerbForm=Fin"),
        ("the", 4, "det", "DET", "DT", "the", ""),
        ("ruling", 2, "obj", "NOUN", "NN", "ruling", "Number=Sing"),
        (".", 2, "punct", "PUNCT", ".", ".", ""),
    ]
    assert frame_of(rows).predicate.lemma == lemma


@pytest.mark.parametrize(("text", "lemma"), [("The college will shut down its campus next year.", "shut down"),
                                             ("The minister refused to step down on Monday.", "step down"),
                                             ("The board turned down the offer.", "turn down")])
def test_a_phrasal_verb_wordnet_knows_keeps_its_particle(nlp, text: str, lemma: str) -> None:
    assert nlp(text)._.claims[0].frame.predicate.lemma == lemma


def test_phrasal_verbs_relate_like_words() -> None:
    from claimcheck.checks.lexical import predicate_relation

    assert predicate_relation("shut down", "open") == "antonym"  # through its sense's "close"
    assert predicate_relation("step down", "resign") == "synonym"
    assert predicate_relation("turn down", "reject") == "synonym"


def test_a_comma_set_conjunct_without_a_coordinator_is_an_apposition() -> None:
    """A small parser labels "its supplier, Varga Components," a conjunction: its name still joins."""
    rows = [
        ("Kelmont", 1, "nsubj", "PROPN", "NNP", "Kelmont", "Number=Sing"),
        ("sued", 1, "root", "VERB", "VBD", "sue", "Tense=Past|VerbForm=Fin"),
        ("its", 3, "nmod:poss", "PRON", "PRP$", "its", ""),
        ("supplier", 1, "obj", "NOUN", "NN", "supplier", "Number=Sing"),
        (",", 6, "punct", "PUNCT", ",", ",", ""),
        ("Varga", 6, "compound", "PROPN", "NNP", "Varga", ""),
        ("Components", 3, "conj", "PROPN", "NNPS", "Components", "Number=Plur"),
        (",", 6, "punct", "PUNCT", ",", ",", ""),
        ("in", 9, "case", "ADP", "IN", "in", ""),
        ("March", 1, "obl", "PROPN", "NNP", "March", ""),
        (".", 1, "punct", "PUNCT", ".", ".", ""),
    ]
    assert {"varga", "compon"} <= set(frame_of(rows).patient.keys)
    coordinated = list(rows)
    coordinated[7] = ("and", 6, "cc", "CCONJ", "CC", "and", "")  # "its supplier, Varga Components and in ...": a list
    assert "varga" not in frame_of(coordinated).patient.keys
    stray = [*rows[:4], ("-", 3, "conj", "PUNCT", ":", "-", ""), *rows[8:]]  # a dash the parser made a conjunct
    stray = [(w, h - 3 if h > 4 else h, *rest) for w, h, *rest in stray]
    assert frame_of(stray).patient.head == "supplier"


def test_a_name_the_parser_made_a_second_subject_is_an_apposition() -> None:
    """"The mining company Norrak Resources cut its dividend", with "company" and "Norrak" both
    subjects of "cut", as a small parser gave it: the company is Norrak Resources."""
    rows = [
        ("The", 2, "det", "DET", "DT", "the", ""),
        ("mining", 2, "compound", "NOUN", "NN", "mining", "Number=Sing"),
        ("company", 5, "nsubj", "NOUN", "NN", "company", "Number=Sing"),
        ("Norrak", 5, "nsubj", "PROPN", "NNP", "Norrak", "Number=Sing"),
        ("Resources", 3, "flat", "PROPN", "NNPS", "Resources", "Number=Plur"),
        ("cut", 5, "root", "VERB", "VBD", "cut", "Tense=Past|VerbForm=Fin"),
        ("its", 7, "nmod:poss", "PRON", "PRP$", "its", ""),
        ("dividend", 5, "obj", "NOUN", "NN", "dividend", "Number=Sing"),
        (".", 5, "punct", "PUNCT", ".", ".", ""),
    ]
    agent = frame_of(rows).agent
    assert agent.head == "company" and {"norrak", "resourc"} <= set(agent.keys)
    common = [*rows[:3], ("chief", 5, "nsubj", "NOUN", "NN", "chief", "Number=Sing"), *rows[4:]]
    assert "chief" not in frame_of(common).agent.keys  # a second subject that names no one: no apposition


def test_the_words_after_a_quotations_reporting_verb_are_its_speaker_whatever_their_labels() -> None:
    """'"...," said Aurelian's chief executive, Dr. Priya Halloran.' with "executive" an adjective
    complement and the name a parataxis, as a small parser gave it."""
    rows = [
        ('"', 3, "punct", "PUNCT", "``", '"', ""),
        ("Prices", 3, "nsubj", "NOUN", "NNS", "price", "Number=Plur"),
        ("will", 3, "aux", "AUX", "MD", "will", "VerbForm=Fin"),
        ("rise", 6, "ccomp", "VERB", "VB", "rise", "VerbForm=Inf"),
        (",", 3, "punct", "PUNCT", ",", ",", ""),
        ('"', 3, "punct", "PUNCT", "''", '"', ""),
        ("said", 6, "root", "VERB", "VBD", "say", "Tense=Past|VerbForm=Fin"),
        ("Aurelian", 10, "nmod:poss", "PROPN", "NNP", "Aurelian", ""),
        ("'s", 7, "case", "PART", "POS", "'s", ""),
        ("chief", 10, "amod", "ADJ", "JJ", "chief", ""),
        ("executive", 6, "ccomp", "ADJ", "JJ", "executive", ""),
        (",", 14, "punct", "PUNCT", ",", ",", ""),
        ("Dr.", 14, "compound", "PROPN", "NNP", "Dr.", ""),
        ("Priya", 14, "compound", "PROPN", "NNP", "Priya", ""),
        ("Halloran", 10, "parataxis", "PROPN", "NNP", "Halloran", ""),
        (".", 6, "punct", "PUNCT", ".", ".", ""),
    ]
    assert {c.frame.source.key for c in claims_of(rows) if c.frame.source is not None} == {"priya halloran"}


@pytest.mark.parametrize(
    "sentence",
    ["Williams won her first title since 2003 with victory over Lindsay Davenport.",
     "The ceremony will include a rendition of The Beatles' Across The Universe by Bono."],
)
def test_a_name_after_over_or_inside_a_title_is_no_place(nlp, sentence: str) -> None:
    assert all(not f.places for f in frames(nlp, sentence))
