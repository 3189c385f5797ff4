"""Stage 4: the contradiction rules on hand-built claims, then ``find_flags`` end to end.

Claims are built by a small factory that derives content keys the way extraction does (stop
words dropped, ``stem`` applied), so the rules see what they would see after a real parse.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from claimcheck.align import AlignmentSet, Pair
from claimcheck.checks import (
    PAIR_CHECKS,
    antonym,
    causal_incoherence,
    check_pair,
    comparative,
    effective_polarity,
    negation,
    numeric,
    quantifier,
)
from claimcheck.checks.attribution import credits_only
from claimcheck.contradict import find_flags
from claimcheck.lexicon import stem
from claimcheck.quantities import find_quantities
from claimcheck.settings import Settings
from claimcheck.types import CausalRole, Claim, Comparative, FlagKind, Polarity, Quantifier, Relation, Severity, Term


ENTITIES = ("fda", "botox", "aspirin", "vitamin d")
_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "not", "never", "n't",
                "don't", "yet", "can", "may", "might", "will", "a", "the", "that"}


def keys(text: str) -> tuple[str, ...]:
    """Content keys of a text: lower-cased words, stop words and negations dropped, stemmed."""
    words = re.findall(r"[a-z][a-z\-]*", text.lower())
    return tuple(dict.fromkeys(stem(w) for w in words if w not in STOP_WORDS and len(w) > 1))


def term(text: str, lemma: str | None = None, arg: str = "") -> Term:
    return Term(lemma or text.lower(), text, stem(arg) if arg else "")


def claim(
    marked: str,
    *,
    doc: str = "a",
    sentence: int = 0,
    clause: int = 0,
    sentence_text: str | None = None,
    negations: tuple[str, ...] = (),
    **fields,
) -> Claim:
    """A claim with sensible defaults.

    ``marked`` is the clause text with its subject in brackets: "[The FDA] approved Botox". Polarity
    comes from the negation cues; content keys, quantities and entities from the text.
    """
    text = marked.replace("[", "").replace("]", "")
    subject = m.group(1) if (m := re.search(r"\[([^\]]+)\]", marked)) else ""
    after = [w for w in re.findall(r"[a-z']+", marked.split("]", 1)[-1].lower()) if w not in _AUXILIARIES]
    defaults = dict(
        id=f"{doc}:{sentence}.{clause}",
        doc_id=doc,
        sentence_index=sentence,
        clause_index=clause,
        start=0,
        end=len(sentence_text or text),
        claim_start=0,
        claim_end=len(text),
        sentence=sentence_text or text + ".",
        text=text,
        subject=subject,
        predicate="",
        object="",
        polarity=Polarity.NEGATIVE if len(negations) % 2 else Polarity.POSITIVE,
        negations=negations,
        quantities=tuple(f.quantity for f in find_quantities(text)),
        lemmas=keys(text),
        entities=tuple(e for e in ENTITIES if re.search(rf"\b{e}\b", text.lower())),
        worthiness=0.6,
        predicate_lemma=stem(after[0]) if after else "",
    )
    defaults.update(fields)
    return Claim(**defaults)


def fired(a: Claim, b: Claim) -> list[FlagKind]:
    """The kinds of every pair check that finds a conflict between (a, b)."""
    return [f.kind for check in PAIR_CHECKS if (f := check(a, b)) is not None]


# -- effective polarity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "predicate_lemma", "expected"),
    [
        (Polarity.POSITIVE, "approve", Polarity.POSITIVE),
        (Polarity.NEGATIVE, "approve", Polarity.NEGATIVE),
        (Polarity.NEGATIVE, "talk", Polarity.POSITIVE),  # "people don't talk about X" does not deny X
        (Polarity.NEGATIVE, "realize", Polarity.POSITIVE),
        (Polarity.POSITIVE, "talk", Polarity.POSITIVE),
    ],
)
def test_effective_polarity(polarity: Polarity, predicate_lemma: str, expected: Polarity) -> None:
    c = claim("[people] talk about the side effects of Botox", polarity=polarity, predicate_lemma=predicate_lemma)
    assert effective_polarity(c) is expected


# -- negation ----------------------------------------------------------------------------------

NEGATIONS = [
    # (positive claim, negative claim, negation cue, focus lemma, negated word, affirmed word)
    ("[The FDA] approved Botox for back pain", "[The FDA] has not approved Botox for back pain", "not", "approve", "approved", "approved"),
    ("[Botox] relieves chronic back pain", "[Botox] does not relieve chronic back pain", "not", "relieve", "relieve", "relieves"),
    ("[Vitamin D] is absorbed through the skin", "[Vitamin D] is never absorbed through the skin", "never", "absorb", "absorbed", "absorbed"),
]


@pytest.mark.parametrize(("pos_text", "neg_text", "cue", "focus", "neg_word", "pos_word"), NEGATIONS)
@pytest.mark.parametrize("negative_first", [False, True])
def test_negation_flags_a_denial(pos_text: str, neg_text: str, cue: str, focus: str, neg_word: str, pos_word: str, negative_first: bool) -> None:
    pos = claim(pos_text, doc="pos")
    neg = claim(neg_text, doc="neg", negations=(cue,), focus=stem(focus))
    a, b = (neg, pos) if negative_first else (pos, neg)
    found = negation(a, b)
    assert found is not None and found.kind is FlagKind.NEGATION
    neg_terms, pos_terms = (found.terms_a, found.terms_b) if negative_first else (found.terms_b, found.terms_a)
    assert neg_terms == (cue, neg_word)
    assert pos_terms == (pos_word,)
    for word in (cue, neg_word, pos_word, "neg", "pos"):
        assert word in found.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            claim("[Botox] is approved for back pain"),
            claim("[Botox] is not recommended for migraines", negations=("not",), focus=stem("recommend")),
            id="focus-absent-from-the-other-claim",
        ),
        pytest.param(
            claim("[Botox] relieves pain"),
            claim("[Aspirin] does not relieve itching", negations=("not",), focus=stem("relieve")),
            id="too-little-shared",
        ),
        pytest.param(
            claim("[Botox] relieves chronic back pain"),
            claim("[Patients] don't talk about how Botox relieves chronic back pain", negations=("n't",), focus=stem("relieve"), predicate_lemma="talk"),
            id="negated-reporting-verb",
        ),
    ],
)
def test_negation_needs_the_same_statement_denied(a: Claim, b: Claim) -> None:
    assert check_pair(a, b) is None
    assert check_pair(b, a) is None


# -- numeric -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text_a", "text_b", "qa", "qb"),
    [
        ("A Botox session costs about $50", "A Botox session costs around $500", "about $50", "around $500"),
        ("Adults need 600 IU of vitamin D a day", "Adults need 6,000 international units of vitamin D a day", "600 IU", "6,000 international units"),
        ("Botox helps 30% of patients with migraines", "Botox helps 50 per cent of patients with migraines", "30%", "50 per cent"),
    ],
)
def test_numeric_flags_values_that_cannot_both_hold(text_a: str, text_b: str, qa: str, qb: str) -> None:
    found = numeric(claim(text_a, doc="a"), claim(text_b, doc="b"))
    assert found is not None and found.kind is FlagKind.NUMERIC
    assert (found.terms_a, found.terms_b) == ((qa,), (qb,))
    assert qa in found.explanation and qb in found.explanation


@pytest.mark.parametrize(
    ("text_a", "text_b", "score"),
    [
        ("A Botox session costs $500", "A Botox session costs around $500", 0.8),
        ("Take 400 mg of magnesium a day", "Take 0.4 g of magnesium a day", 0.8),
        ("Take 400 mg of magnesium a day", "Take 400 milligrams of magnesium a day", 0.8),
        ("Doctors have used Botox for a decade or two", "Doctors have used Botox for twenty years", 0.8),
        ("A Botox session costs $500 in Boston", "A Botox session costs £500 in London", 0.8),  # different currencies
        ("The FDA approved Botox for migraines in 1950", "The FDA approved Botox for migraines in 2015", 0.8),  # years: a date
        ("A session costs $50 or $500", "A session costs $500", 0.8),  # one of the values agrees
    ],
)
def test_numeric_leaves_agreeing_or_incomparable_values(text_a: str, text_b: str, score: float) -> None:
    assert numeric(claim(text_a), claim(text_b, doc="b")) is None


@pytest.mark.parametrize(
    ("text_a", "text_b", "qa", "qb"),
    [
        ("Its shares were down 10% at 119 pence", "Its shares were down 6% at 119 pence", "10%", "6%"),
        ("Its shares were at 119 pence, down 10%", "Its shares were at 64 pence, down 10%", "119 pence", "64 pence"),
        ("Its shares were down 10% at 119 pence", "Its shares were down 6% at 64 pence", None, None),
    ],
)
def test_numeric_names_the_one_conflicting_measure(text_a: str, text_b: str, qa: str | None, qb: str | None) -> None:
    # two measures that both differ (the change and the price) tell two occurrences: no conflict
    found = numeric(claim(text_a, doc="a"), claim(text_b, doc="b"))
    assert (found.terms_a, found.terms_b) == ((qa,), (qb,)) if qa else found is None


# -- quantifier --------------------------------------------------------------------------------


def quantified(text: str, q: Quantifier, qtext: str, **fields) -> Claim:
    return claim(text, quantifier=q, quantifier_text=qtext, **fields)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (quantified("[Very few studies] show Botox relieves back pain", Quantifier.FEW, "very few studies"),
         quantified("[Many studies] show Botox relieves back pain", Quantifier.MANY, "many studies", doc="b")),
        (quantified("[No studies] show Botox relieves back pain", Quantifier.NONE, "no studies"),
         quantified("[Some studies] show Botox relieves back pain", Quantifier.SOME, "some studies", doc="b")),
        (quantified("[All patients] respond to Botox", Quantifier.ALL, "all patients"),
         quantified("[Not all patients] respond to Botox", Quantifier.NOT_ALL, "not all patients", doc="b")),
        (quantified("[Few doctors] recommend Botox for back pain", Quantifier.FEW, "few doctors"),
         quantified("[Most doctors] recommend Botox for back pain", Quantifier.MOST, "most doctors", doc="b")),
    ],
)
def test_quantifier_flags_clashing_amounts(a: Claim, b: Claim) -> None:
    for x, y in ((a, b), (b, a)):
        found = quantifier(x, y)
        assert found is not None and found.kind is FlagKind.QUANTIFIER
        assert (found.terms_a, found.terms_b) == ((x.quantifier_text,), (y.quantifier_text,))
        assert repr(x.quantifier_text) in found.explanation and repr(y.quantifier_text) in found.explanation


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        pytest.param(
            quantified("[Very few studies] show that Botox relieves back pain", Quantifier.FEW, "very few studies"),
            quantified("There are [studies] that show Botox relieves back pain", Quantifier.SOME, "there are studies", doc="b"),
            0.8, id="few-is-some",
        ),
        pytest.param(
            quantified("[Few studies] show Botox relieves back pain", Quantifier.FEW, "few studies"),
            quantified("[Few trials] show Botox relieves back pain", Quantifier.FEW, "few trials", doc="b"),
            0.8, id="same-amount",
        ),
        pytest.param(
            quantified("[Few doctors] prescribe Botox", Quantifier.FEW, "few doctors"),
            quantified("[Many patients] ask for Botox", Quantifier.MANY, "many patients", doc="b"),
            0.5, id="different-sets",
        ),
        pytest.param(
            quantified("[Few studies] show Botox relieves back pain", Quantifier.FEW, "few studies"),
            quantified("[Many studies] do not show Botox relieves back pain", Quantifier.MANY, "many studies", doc="b", negations=("not",)),
            0.8, id="opposite-polarity-agrees",
        ),
        pytest.param(
            quantified("[Few studies] show Botox relieves back pain", Quantifier.FEW, "few studies"),
            claim("[Studies] show Botox relieves back pain", doc="b"),
            0.8, id="no-quantifier",
        ),
    ],
)
def test_quantifier_leaves_compatible_amounts(a: Claim, b: Claim, score: float) -> None:
    assert quantifier(a, b) is None
    assert quantifier(b, a) is None


# -- comparative -------------------------------------------------------------------------------

MORE_COSTLY = Comparative("more costly than painkillers", "costly", "cost", 1, target="botox", than="painkillers")
CHEAPER = Comparative("cheaper than painkillers", "cheap", "cost", -1, target="botox", than="painkillers")
MORE_PRONOUNCED = Comparative("more pronounced", "pronounced", "strength", 1, target="effect")
WEAKER = Comparative("weaker", "weak", "strength", -1, target="effect")
STRONGER = Comparative("stronger", "strong", "strength", 1, target="effect")


def compared(text: str, *comparatives: Comparative, **fields) -> Claim:
    return claim(text, comparatives=comparatives, **fields)


@pytest.mark.parametrize(
    ("ca", "cb", "word_a", "word_b"),
    [
        (MORE_COSTLY, CHEAPER, "more costly", "cheaper"),
        (MORE_PRONOUNCED, WEAKER, "more pronounced", "weaker"),
    ],
)
def test_comparative_flags_opposite_directions(ca: Comparative, cb: Comparative, word_a: str, word_b: str) -> None:
    a = compared(f"[Botox] is {ca.text}", ca)
    b = compared(f"[Botox] is {cb.text}", cb, doc="b")
    found = comparative(a, b)
    assert found is not None and found.kind is FlagKind.COMPARATIVE
    assert (found.terms_a, found.terms_b) == ((word_a,), (word_b,))
    assert repr(ca.text) in found.explanation and repr(cb.text) in found.explanation


def test_comparative_leaves_comparisons_of_different_things() -> None:
    a = compared("[The effect] is stronger", STRONGER)
    b = compared("[The smell] is weaker", Comparative("weaker", "weak", "strength", -1, target="smell"), doc="b")
    assert comparative(a, b) is None and comparative(b, a) is None


@pytest.mark.parametrize(
    ("ca", "cb", "score"),
    [
        (MORE_PRONOUNCED, STRONGER, 0.8),  # same direction
        (MORE_COSTLY, WEAKER, 0.8),  # different scales
    ],
)
def test_comparative_leaves_compatible_comparisons(ca: Comparative, cb: Comparative, score: float) -> None:
    a = compared(f"[The effect] is {ca.text}", ca)
    b = compared(f"[The effect] is {cb.text}", cb, doc="b")
    assert comparative(a, b) is None


# -- antonym -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text_a", "term_a", "text_b", "term_b"),
    [
        ("[Vitamin D] raises calcium levels", term("raises", "raise", "calcium"), "[Vitamin D] lowers calcium levels", term("lowers", "lower", "calcium")),
        ("[Botox] is safe for most adults", term("safe", arg="botox"), "[Botox] is toxic for most adults", term("toxic", arg="botox")),
        ("[Botox treatment] is cheap", term("cheap", arg="treatment"), "[Botox treatment] is expensive", term("expensive", arg="treatment")),
        ("[The effect of Botox] is strong", term("strong", arg="effect"), "[The effect of Botox] is mild", term("mild", arg="effect")),
    ],
)
def test_antonym_flags_opposite_words_about_the_same_thing(text_a: str, term_a: Term, text_b: str, term_b: Term) -> None:
    found = antonym(claim(text_a, terms=(term_a,)), claim(text_b, doc="b", terms=(term_b,)))
    assert found is not None and found.kind is FlagKind.ANTONYM
    assert (found.terms_a, found.terms_b) == ((term_a.text,), (term_b.text,))
    assert repr(term_a.text) in found.explanation and repr(term_b.text) in found.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            claim("[Vitamin D] raises calcium levels", terms=(term("raises", "raise", "calcium"),)),
            claim("[Vitamin D] lowers cholesterol levels", doc="b", terms=(term("lowers", "lower", "cholesterol"),)),
            id="different-things",
        ),
        pytest.param(
            claim("[Botox] raises the risk of bruising", terms=(term("raises", "raise", "risk"),)),
            claim("[Botox] lowers back pain", doc="b", terms=(term("lowers", "lower", "back"),)),
            id="different-things-same-subject",
        ),
        pytest.param(
            claim("[Botox] is not cheap", negations=("not",), terms=(term("cheap", arg="botox"),)),
            claim("[Botox] is expensive", doc="b", terms=(term("expensive", arg="botox"),)),
            id="negated-antonym-agrees",
        ),
        pytest.param(
            claim("[Botox] raises some levels and lowers others", terms=(term("raises", "raise", "level"), term("lowers", "lower", "level"))),
            claim("[Botox] lowers some levels and raises others", doc="b", terms=(term("lowers", "lower", "level"), term("raises", "raise", "level"))),
            id="both-words-in-both",
        ),
    ],
)
def test_antonym_leaves_words_that_do_not_oppose(a: Claim, b: Claim) -> None:
    assert antonym(a, b) is None
    assert antonym(b, a) is None


# -- pairs no rule may flag --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            claim("[Botox] is not cheap", negations=("not",), focus=stem("cheap"), terms=(term("cheap", arg="botox"),)),
            claim(
                "[Botox] is more costly than cheap painkillers", doc="b", comparatives=(MORE_COSTLY,),
                terms=(term("costly", arg="botox"), term("cheap", arg="painkillers")),
            ),
            id="not-cheap-vs-more-costly",
        ),
        pytest.param(
            quantified("[Very few studies] show that Botox relieves back pain", Quantifier.FEW, "very few studies"),
            quantified("There are [studies] that show Botox relieves back pain", Quantifier.SOME, "there are studies", doc="b"),
            id="very-few-vs-there-are",
        ),
        pytest.param(
            claim("[Botox] raises the risk of bruising", terms=(term("raises", "raise", "risk"),)),
            claim("[Botox] lowers chronic back pain", doc="b", terms=(term("lowers", "lower", "back"),)),
            id="different-things",
        ),
        pytest.param(
            claim("[A Botox session] costs about $500"),
            claim("[A Botox session] costs $480 in most clinics", doc="b"),
            id="values-within-approximation",
        ),
    ],
)
def test_no_rule_flags_agreeing_statements(a: Claim, b: Claim) -> None:
    assert fired(a, b) == [] and fired(b, a) == []


# -- causal incoherence ------------------------------------------------------------------------


def cause(marked: str, valence: int, *words: Term) -> Claim:
    return claim(marked, clause=0, causal_role=CausalRole.CAUSE, valence=valence, terms=words, valence_terms=tuple(w.text for w in words))


def effect(marked: str, valence: int, *words: Term) -> Claim:
    return claim(marked, clause=1, causal_role=CausalRole.EFFECT, valence=valence, terms=words, valence_terms=tuple(w.text for w in words))


@pytest.mark.parametrize(
    ("causes", "effects", "cue", "cause_words", "effect_words"),
    [
        pytest.param(
            [cause("[Botox treatments] are more costly than painkillers", -1, term("costly"))],
            [effect("[people] make this their preferred method to relieve back pain", 1, term("preferred", "prefer"))],
            "disadvantage", ("costly",), ("preferred",), id="cost-as-reason-for-preference",
        ),
        pytest.param(
            [cause("[Botox] is cheap and safe", 1, term("cheap"), term("safe"))],
            [effect("[doctors] avoid it", -1, term("avoid"))],
            "advantage", ("cheap", "safe"), ("avoid",), id="advantage-as-reason-for-drawback",
        ),
        pytest.param(
            [cause("[vitamin D] strengthens bones", 1, term("strengthens", "strengthen"))],
            [effect("[a lack of it] is healthy", 1, term("healthy"))],
            "absence", ("strengthens",), ("healthy",), id="absence-of-a-good-thing-called-good",
        ),
    ],
)
def test_causal_incoherence_flags(causes: list[Claim], effects: list[Claim], cue: str, cause_words: tuple[str, ...], effect_words: tuple[str, ...]) -> None:
    found = causal_incoherence(causes, effects)
    assert found is not None and found.kind is FlagKind.CAUSAL_INCOHERENCE
    assert (found.terms_a, found.terms_b) == (cause_words, effect_words)
    assert cue in found.explanation
    for word in cause_words + effect_words:
        assert word in found.explanation


@pytest.mark.parametrize(
    ("causes", "effects"),
    [
        pytest.param(
            [cause("[Botox treatments] are more costly than painkillers", -1, term("costly"))],
            [effect("[few patients] choose them", -1)],
            id="cost-as-reason-for-avoidance",
        ),
        pytest.param(
            [cause("[Botox] is cheap", 1, term("cheap"))],
            [effect("[it] is a popular choice", 1, term("popular"))],
            id="advantage-as-reason-for-preference",
        ),
        pytest.param(
            [cause("[vitamin D] strengthens bones", 1, term("strengthens", "strengthen"))],
            [effect("[a lack of it] weakens them", -1, term("weakens", "weaken"))],
            id="absence-of-a-good-thing-called-bad",
        ),
        pytest.param(
            [cause("[painkillers] are cheap", 1, term("cheap"))],
            [effect("[Botox injections] leave bruising", -1)],
            id="judges-something-else",
        ),
        pytest.param(
            [cause("[the clinic] opened in 2015", 0)],
            [effect("[it] is a popular choice", 1, term("popular"))],
            id="neutral-reason",
        ),
        pytest.param(
            [cause("[Chelsea] have a good team", 1, term("good"))],
            [effect("[it] is going to be a difficult match for us", -1, term("difficult"))],
            id="a-rival-s-strength-the-speaker-s-trouble",
        ),
    ],
)
def test_causal_incoherence_leaves_coherent_reasons(causes: list[Claim], effects: list[Claim]) -> None:
    assert causal_incoherence(causes, effects) is None


# -- find_flags end to end ---------------------------------------------------------------------


def aligned(claims: list[Claim], *pairs: tuple[int, int, float]) -> AlignmentSet:
    """An alignment set with the given (i, j, score) pairs, split into across/within articles."""
    across = tuple(Pair(i, j, s, 100 * s, s) for i, j, s in pairs if claims[i].doc_id != claims[j].doc_id)
    within = tuple(Pair(i, j, s, 100 * s, s) for i, j, s in pairs if claims[i].doc_id == claims[j].doc_id)
    return AlignmentSet(tuple(claims), across, within)


SENTENCE_A = "A Botox session costs about $50, but the FDA has not approved Botox for back pain."
SENTENCE_B = "A Botox session costs around $500 and the FDA approved Botox for back pain."
TWO_SENTENCES = [
    claim("[A Botox session] costs about $50", doc="a", clause=0, sentence_text=SENTENCE_A),
    claim("[the FDA] has not approved Botox for back pain", doc="a", clause=1, sentence_text=SENTENCE_A,
          negations=("not",), focus=stem("approve"), terms=(term("approved", "approve"),)),
    claim("[A Botox session] costs around $500", doc="b", clause=0, sentence_text=SENTENCE_B),
    claim("[the FDA] approved Botox for back pain", doc="b", clause=1, sentence_text=SENTENCE_B, terms=(term("approved", "approve"),)),
]


def test_find_flags_keeps_one_flag_per_sentence_pair() -> None:
    flags, alignments = find_flags(TWO_SENTENCES, aligned(TWO_SENTENCES, (0, 2, 0.8), (1, 3, 0.7)), Settings())
    assert len(flags) == 1
    (flag,) = flags
    assert (flag.kind, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b) == (FlagKind.NUMERIC, "a", SENTENCE_A, "b", SENTENCE_B)
    assert [a.relation for a in alignments] == [Relation.CONTRADICT, Relation.CONTRADICT]


@pytest.mark.parametrize(
    ("pair", "kind"),
    [((0, 2, 0.8), FlagKind.NUMERIC), ((1, 3, 0.7), FlagKind.NEGATION)],
)
def test_find_flags_each_clause_pair_alone_is_flagged(pair: tuple[int, int, float], kind: FlagKind) -> None:
    """Control for the test above: both clause pairs are contradictions on their own."""
    flags, _ = find_flags(TWO_SENTENCES, aligned(TWO_SENTENCES, pair), Settings())
    assert [f.kind for f in flags] == [kind]


CAUSE_TEXT = "Botox treatments are more costly than painkillers"
EFFECT_TEXT = "people make Botox their preferred method to relieve back pain"
CAUSAL_SENTENCE = f"Because {CAUSE_TEXT}, {EFFECT_TEXT}."


def causal_link(cause_valence: int) -> list[Claim]:
    link = dict(doc="a", sentence_text=CAUSAL_SENTENCE, cause=CAUSE_TEXT, effect=EFFECT_TEXT)
    return [
        claim("[Botox treatments] are more costly than painkillers", clause=0, causal_role=CausalRole.CAUSE,
              valence=cause_valence, partner="a:0.1", terms=(term("costly"),), **link),
        claim("[people] make Botox their preferred method to relieve back pain", clause=1, causal_role=CausalRole.EFFECT,
              valence=1, partner="a:0.0", terms=(term("preferred", "prefer"),), **link),
    ]


DENIAL_B = claim("[people] do not make Botox their preferred method to relieve back pain", doc="b", sentence=3, negations=("not",))


@pytest.mark.parametrize(
    ("cause_valence", "expected"),
    [
        (-1, [(FlagKind.CAUSAL_INCOHERENCE, "a", CAUSAL_SENTENCE, "a", "")]),  # the broken effect is not compared again
        (1, [(FlagKind.NEGATION, "a", CAUSAL_SENTENCE, "b", DENIAL_B.sentence)]),  # control: a coherent effect is compared
    ],
)
def test_find_flags_does_not_reuse_the_effect_of_an_incoherent_cause(cause_valence: int, expected: list) -> None:
    claims = [*causal_link(cause_valence), DENIAL_B]
    flags, _ = find_flags(claims, aligned(claims, (1, 2, 0.8)), Settings())
    assert [(f.kind, f.doc_a, f.sentence_a, f.doc_b, f.sentence_b) for f in flags] == expected


@pytest.mark.parametrize(
    ("hedges", "score", "severity"),
    [
        ((), 0.8, Severity.HIGH),
        (("may",), 0.8, Severity.MEDIUM),
    ],
)
def test_find_flags_lowers_severity_for_hedged_claims(hedges: tuple[str, ...], score: float, severity: Severity) -> None:
    a = claim("[A Botox session] may cost about $50", hedges=hedges)
    b = claim("[A Botox session] costs around $500", doc="b")
    flags, _ = find_flags([a, b], aligned([a, b], (0, 1, score)), Settings())
    assert [(f.kind, f.severity) for f in flags] == [(FlagKind.NUMERIC, severity)]


@pytest.mark.parametrize(("score", "severity"), [(0.8, Severity.HIGH), (0.6, Severity.MEDIUM), (0.46, Severity.LOW)])
def test_find_flags_grades_severity_by_alignment(score: float, severity: Severity) -> None:
    a = claim("[Very few studies] support Botox for back pain", quantifier=Quantifier.FEW, quantifier_text="very few studies")
    b = claim("[Dozens of studies] support Botox for back pain", doc="b", quantifier=Quantifier.MANY, quantifier_text="Dozens studies")
    flags, _ = find_flags([a, b], aligned([a, b], (0, 1, score)), Settings())
    assert [(f.kind, f.severity) for f in flags] == [(FlagKind.QUANTIFIER, severity)]


def test_find_flags_ignores_weak_alignments() -> None:
    # a figure below VALUE_FLOOR: "it" may be anything, so nothing says the two measure one thing
    a, b = claim("[A Botox session] costs about $50"), claim("[It] costs around $500", doc="b")
    flags, alignments = find_flags([a, b], aligned([a, b], (0, 1, 0.44)), Settings())
    assert flags == ()
    assert [x.relation for x in alignments] == [Relation.RELATED]


def test_find_flags_inside_one_article_is_a_self_contradiction() -> None:
    a = claim("[A Botox session] costs about $50", sentence=0)
    b = claim("[A Botox session] costs around $500", sentence=4)
    flags, _ = find_flags([a, b], aligned([a, b], (0, 1, 0.7)), Settings())
    assert [(f.kind, f.doc_a, f.doc_b) for f in flags] == [(FlagKind.SELF_CONTRADICTION, "a", "a")]
    assert flags[0].explanation.startswith("inside a,")
    weak, _ = find_flags([a, b], aligned([a, b], (0, 1, 0.55)), Settings())
    assert weak == ()


def test_find_flags_kinds_filter_leaves_out_other_kinds() -> None:
    a, b = claim("[A Botox session] costs about $50"), claim("[A Botox session] costs around $500", doc="b")
    flags, _ = find_flags([a, b], aligned([a, b], (0, 1, 0.8)), Settings(kinds=frozenset({FlagKind.NEGATION})))
    assert flags == ()
    flags, _ = find_flags([a, b], aligned([a, b], (0, 1, 0.8)), Settings(kinds=frozenset({FlagKind.NUMERIC})))
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_a_pair_differing_in_two_slots_is_two_events_not_a_contradiction() -> None:
    """A value and a polarity both differ: two statements, not one told two ways."""
    a = claim("[The FDA] approved Botox for back pain at about $50", doc="a")
    b = claim("[The FDA] has not approved Botox for back pain at around $500", doc="b", negations=("not",))
    assert numeric(a, b) is not None and negation(a, b) is not None
    assert check_pair(a, b) is None
    flags, alignments = find_flags([a, b], aligned([a, b], (0, 1, 0.8)), Settings())
    assert flags == () and [x.relation for x in alignments] == [Relation.RELATED]


def _flags_between(text_a: str, text_b: str):
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import run

    return run([article_from_text("a", text_a), article_from_text("b", text_b)], Settings()).flags


def test_a_figure_as_the_subject_is_the_value_not_another_measure() -> None:
    flags = _flags_between("The average length of a rural route is 55 miles.", "100 miles is the average for a rural route.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_one_event_in_other_words_measured_alike_is_checked() -> None:
    flags = _flags_between("Police reached the museum at 3:11 a.m. after the alarm.",
                           "Officers arrived at the museum at 3:45 a.m. after the alarm.")
    assert [f.kind for f in flags] == [FlagKind.DATE]


def test_a_month_outside_a_quarter_is_another_time() -> None:
    """Two figures of one measure, one for January, the other for the fourth quarter: two periods."""
    assert _flags_between("French consumers increased their spending by 1.5% in January.",
                          "Consumer spending was up by 1.2% in the fourth quarter.") == ()
    flags = _flags_between("French consumers increased their spending by 1.5% in the fourth quarter.",
                           "Consumer spending was up by 1.2% in the fourth quarter.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_figures_each_told_of_another_time_are_two_periods() -> None:
    """Times of kinds the date check cannot set against each other ("in January" / "last month",
    "before April" / "before 2015"): for a figure, two periods, not one figure told two ways."""
    assert _flags_between("According to Labor Department figures, US firms added 146,000 jobs in January.",
                          "According to Labor Department figures, US firms added 157,000 jobs last month.") == ()
    flags = _flags_between("According to Labor Department figures, US firms added 146,000 jobs in January.",
                           "According to Labor Department figures, US firms added 157,000 jobs in January.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_a_doer_named_by_apposition_is_a_different_subject() -> None:
    """"Kanye West, the rapper who leads ..." and "Usher is leading ..." speak of two people."""
    assert _flags_between("Kanye West, the rapper who leads the awards with 10 nominations, will perform.",
                          "Chart-topping R&B star Usher is leading the field at the awards, with five nominations.") == ()


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [("Spain sold 40 fighter jets to France in 2019.", "France sold 40 fighter jets to Spain in 2019."),
     ("The Marren Bay Electric Cooperative sent 1,200 line workers to help Tidewater restore service.",
      "Tidewater sent 1,200 line workers to help the Marren Bay Electric Cooperative restore service.")],
)
def test_doers_trading_places_with_a_third_party_are_a_role_swap(text_a: str, text_b: str) -> None:
    """The thing done stays; who did it and for or to whom are reversed: never an agreement."""
    flags = _flags_between(text_a, text_b)
    assert [f.kind for f in flags] == [FlagKind.ROLE_SWAP]


@pytest.mark.parametrize(
    "text_b",
    ["Spain sold 40 fighter jets to France last year.",  # the same parties in the same places
     "France bought 40 fighter jets from Spain in 2019.",  # a converse: the same sale
     "France sold 40 tanks to Spain in 2019."],  # another thing done: another sale
)
def test_the_same_parties_a_converse_or_another_thing_done_is_no_third_party_swap(text_b: str) -> None:
    flags = _flags_between("Spain sold 40 fighter jets to France in 2019.", text_b)
    assert FlagKind.ROLE_SWAP not in [f.kind for f in flags]


def test_two_doers_named_in_another_order_are_no_role_swap() -> None:
    flags = _flags_between("Albertsons and Kroger's Ralphs chain locked out their workers in response.",
                           "Kroger's Ralphs chain and Albertsons immediately locked out their grocery workers.")
    assert FlagKind.ROLE_SWAP not in [f.kind for f in flags]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [("Both mayoral candidates accepted the debate invitation.", "Neither mayoral candidate accepted the debate invitation."),
     ("Most residents of Parrow support the new bypass.", "Only a small minority of Parrow residents support the new bypass.")],
)
def test_neither_and_a_small_minority_are_quantifiers(text_a: str, text_b: str) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [FlagKind.QUANTIFIER]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [("The Kelso Tower is taller than the Marden Building.", "The Marden Building is taller than the Kelso Tower."),
     ("Lake Varn is deeper than Lake Osk.", "Lake Osk is deeper than Lake Varn."),
     ("Eastfield recorded fewer burglaries than Westfield last year.", "Last year, Westfield had fewer burglaries than Eastfield.")],
)
def test_a_comparison_the_other_way_round_is_a_contradiction(text_a: str, text_b: str) -> None:
    """Who is compared with whom is reversed: before, the pair was an agreement."""
    assert [f.kind for f in _flags_between(text_a, text_b)] == [FlagKind.COMPARATIVE]


@pytest.mark.parametrize(
    "text_b",
    ["The Marden Building is shorter than the Kelso Tower.",  # the same comparison, told from the other side
     "The Kelso Tower is taller than the Marden Building, officials said."],
)
def test_one_comparison_told_from_either_side_is_no_contradiction(text_b: str) -> None:
    assert _flags_between("The Kelso Tower is taller than the Marden Building.", text_b) == ()


def test_a_doer_unknown_is_no_evidence_of_one_event() -> None:
    flags = _flags_between("The comedy broke records on New Year's Day, when it took $18m.",
                           "The Incredibles took $300m outside the US, while the comedy topped charts.")
    assert flags == ()


def test_an_article_reporting_two_people_who_disagree_does_not_contradict_itself() -> None:
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import run

    text = ("The film critic Charles Gant said the director Mike Leigh will not win the award this year. "
            "The film critic Wendy Ide said the director Mike Leigh will win the award this year.")
    assert run([article_from_text("a", text)], Settings()).flags == ()


def test_one_named_doer_said_to_do_and_undo_inside_one_article_contradicts_itself() -> None:
    """Loosely aligned sentences (other details around them) still clash when one named doer is
    said to do a thing and its opposite."""
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import run

    text = ("The Kessler Street bridge reopened to traffic on Monday after three weeks of repairs.\n\n"
            "The Kessler Street bridge remains closed to all vehicles while inspections continue.")
    flags = run([article_from_text("a", text)], Settings(verifier=False)).flags
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.SELF_CONTRADICTION, ("reopened",), ("closed",))]


def test_closely_aligned_sentences_of_one_article_oppose_each_other_only_when_said_of_one_named_doer() -> None:
    """"this mechanism does not work" / "it works for other countries": a pronoun is not shown to
    be the named thing; an article contradicts itself by polarity only about one named doer."""
    (mechanism,) = _run("But this particular mechanism does not work for the United States.").claims
    it_works = _run("It works for other countries, and that is fine.").claims[0]
    one_article = [replace(mechanism, doc_id="a"), replace(it_works, doc_id="a", id="a:1.0", sentence_index=1)]
    assert check_pair(*one_article) is not None  # the sentences oppose each other ...
    flags, _ = find_flags(one_article, aligned(one_article, (0, 1, 0.7)), Settings())
    assert flags == ()  # ... but "it" is not shown to be the mechanism


def test_two_subjects_sharing_a_head_noun_are_not_one_doer() -> None:
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import run

    text = ("Sales at hardware stores fell in December, the department said.\n\n"
            "Sales at restaurants rose in December, the department said.")
    assert run([article_from_text("a", text)], Settings(verifier=False)).flags == ()


def test_a_short_claim_of_three_words_is_still_checked() -> None:
    """Subject, verb and object alone make a claim: a minimal pair of them is compared."""
    flags = _flags_between("The union will appeal the verdict.", "The union will not appeal the verdict.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("The Orion console is not a gaming device.", "The Orion console is an entertainment device."),
        ("Rovers won their opening match of the season.", "Rovers lost their closing match of the season."),
    ],
)
def test_things_of_one_kind_told_apart_by_a_modifier_are_two_things(text_a: str, text_b: str) -> None:
    assert _flags_between(text_a, text_b) == ()


@pytest.mark.parametrize(
    ("text_a", "text_b", "kind"),
    [
        ("The storm destroyed 14 homes on the hillside.", "The storm destroyed 40 homes on the hillside.", FlagKind.NUMERIC),
        ("Most residents support the new park.", "Few residents support the new park.", FlagKind.QUANTIFIER),
        ("The new phone is heavier than its predecessor.", "The new phone is lighter than its predecessor.", FlagKind.COMPARATIVE),
    ],
)
def test_figures_and_the_words_in_conflict_are_not_modifiers_that_tell_things_apart(text_a: str, text_b: str, kind: FlagKind) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [kind]


def test_not_all_denies_every_one_not_this_one() -> None:
    assert _flags_between("Priya Nair may have won but she was not at her best.", '"You can\'t win them all," said Nair afterwards.') == ()
    flags = _flags_between("The club won every match in March.", "The club did not win every match in March.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]


def test_a_reciprocal_predicate_either_way_round_is_one_event() -> None:
    assert _flags_between("Carla Mendes met Joan Pike in Geneva.", "Joan Pike met Carla Mendes in Geneva.") == ()
    flags = _flags_between("Carla Mendes sued Joan Pike in Geneva.", "Joan Pike sued Carla Mendes in Geneva.")
    assert [f.kind for f in flags] == [FlagKind.ROLE_SWAP]


def test_another_numbered_part_of_one_whole_is_another_time() -> None:
    assert _flags_between("Okafor scored in the first half.", "Okafor did not score in the second half.") == ()
    flags = _flags_between("Okafor scored in the first half.", "Okafor did not score in the first half.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]


@pytest.mark.parametrize(
    ("text_a", "text_b", "kind"),
    [
        # a year is the time itself, not another figure beside it
        ("The bakery first opened in 1962.", "The bakery first opened in 1994.", FlagKind.DATE),
        # the hour of a clock time is no figure of its own
        ("The ferry left the harbour at 7 a.m. on Friday.", "The ferry left the harbour at 11 a.m. on Friday.", FlagKind.DATE),
        # a known place after "to", tagged as a plain noun or not
        ("The insurer is moving its head office to Denver.", "The insurer is moving its head office to Atlanta.", FlagKind.LOCATION),
        # a short sentence that differs only in the place: one statement, whatever the alignment score
        ("The plant will be built in northern Portugal.", "The plant will be built in southern Greece.", FlagKind.LOCATION),
    ],
)
def test_a_rewrite_that_changed_one_value_is_flagged(text_a: str, text_b: str, kind: FlagKind) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [kind]


def test_a_town_named_like_a_common_word_is_not_a_known_place() -> None:
    from claimcheck.lexicon import is_known_place

    assert is_known_place("Reykjavik") and is_known_place("Denver") and is_known_place("China")
    assert not any(is_known_place(w) for w in ("Reading", "Nice", "Mobile", "March", "Police"))


def test_two_days_or_a_span_of_days_name_each_day() -> None:
    from claimcheck.nlp.times import find_times

    assert [t.value for t in find_times("over the weekend of 9 and 10 July")] == ["--07-09", "--07-10"]
    assert [t.value for t in find_times("from 3 to 5 March 2024")] == ["2024-03-03", "2024-03-04", "2024-03-05"]
    assert _flags_between("The festival runs over the weekend of 9 and 10 July in Leeds.", "The festival runs on 9 July in Leeds.") == ()


def test_a_place_of_another_event_named_by_a_noun_does_not_place_this_one() -> None:
    assert _flags_between("The coach has made two changes to the side for Saturday's trip to France.",
                          "The coach has made two changes to the side in Rome.") == ()
    flags = _flags_between("The insurer moved its head office to Denver.", "The insurer moved its head office to Atlanta.")
    assert [f.kind for f in flags] == [FlagKind.LOCATION]


def test_a_span_of_days_is_no_score() -> None:
    flags = _flags_between("The open runs from 10-16 January in Sydney.", "The open runs from 9-15 January in Sydney.")
    assert FlagKind.NUMERIC not in [f.kind for f in flags]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ('"Every family will be back home by spring," said the mayor.', '"Every family will be back home by spring," said the fire chief.'),
        ("The harbour master said the pier would stay shut until the repairs were done.",
         "The ferry operator said the pier would stay shut until the repairs were done."),
    ],
)
def test_one_statement_credited_to_two_described_speakers_is_an_attribution_conflict(text_a: str, text_b: str) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [FlagKind.ATTRIBUTION]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        # a body and someone speaking for it
        ("The council said the pier would stay shut until the repairs were done.",
         "A spokeswoman said the pier would stay shut until the repairs were done."),
        # "its chief": someone of a body named elsewhere
        ('"The talks were friendly and useful," the exchange said.', '"The talks were friendly and useful," its chief said.'),
        # a name against a role may be one person
        ("Dale Fenwick said the pier would stay shut until the repairs were done.",
         "The mayor said the pier would stay shut until the repairs were done."),
    ],
)
def test_speakers_who_may_be_one_are_not_an_attribution_conflict(text_a: str, text_b: str) -> None:
    assert FlagKind.ATTRIBUTION not in [f.kind for f in _flags_between(text_a, text_b)]


def test_an_abbreviated_speaker_or_cited_evidence_is_no_attribution_conflict() -> None:
    assert _flags_between("The ceasefire is holding in the north, a United Nations spokesman said.",
                          "The ceasefire is holding in the north, a U.N. spokesman said.") == ()
    assert _flags_between("Acme test results show that the chip has reached speeds of 70 teraflops.",
                          "Government test results show that the chip has reached speeds of 70 teraflops.") == ()


def test_unlikely_to_is_expected_not_to() -> None:
    flags = _flags_between("The central bank will raise its main rate in June.", "The central bank is unlikely to raise its main rate in June.")
    assert [f.kind for f in flags] == [FlagKind.MODALITY]


@pytest.mark.parametrize(
    ("text_a", "text_b", "kind"),
    [
        ("The jury found the defendant guilty.", "The jury found the defendant innocent.", FlagKind.ANTONYM),
        ("Water levels are above the seasonal average.", "Water levels are below the seasonal average.", FlagKind.COMPARATIVE),
        ("The new hospital is in the east of the city.", "The new hospital is in the west of the city.", FlagKind.LOCATION),
    ],
)
def test_a_rewrite_that_changed_one_word_for_its_opposite(text_a: str, text_b: str, kind: FlagKind) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [kind]


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("The jury found the defendant guilty.", "The jury found the defendant guilty of fraud."),  # more said, not other
        ("The jury found the first defendant guilty.", "The jury found the second defendant innocent."),  # two words
    ],
)
def test_a_rewrite_with_more_than_one_word_changed_is_no_one_word_opposite(text_a: str, text_b: str) -> None:
    assert not [f for f in _flags_between(text_a, text_b) if f.kind is FlagKind.ANTONYM]


def test_the_same_doer_thing_and_time_make_one_event_whatever_the_verbs() -> None:
    flags = _flags_between("The blaze destroyed the old mill in Ashby on Friday.", "The blaze gutted the old mill in Corton on Friday.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.LOCATION, ("Ashby",), ("Corton",))]
    # another thing done to, or no time both state: two events, or nothing to tie them
    assert not _flags_between("The blaze destroyed the old mill in Ashby on Friday.", "The blaze gutted a barn in Corton on Friday.")
    assert not _flags_between("The blaze destroyed the old mill in Ashby.", "The blaze gutted the old mill in Corton.")


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("Everyone on board survived.", "No one on board survived."),
        ("The ferry always leaves on time.", "The ferry never leaves on time."),
        ("Both unions accepted the offer.", "Neither union accepted the offer."),
    ],
)
def test_an_all_against_a_denial_that_is_a_none_is_a_quantifier_conflict(text_a: str, text_b: str) -> None:
    assert [f.kind for f in _flags_between(text_a, text_b)] == [FlagKind.QUANTIFIER]


def test_will_against_may_not_is_a_modality_conflict() -> None:
    flags = _flags_between("The council will approve the budget.", "The council may not approve the budget.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.MODALITY, ("will",), ("may not",))]


@pytest.mark.parametrize("no_obligation", ["need not stop", "don't have to stop", "do not need to stop"])
def test_must_against_no_obligation_is_a_modality_conflict(no_obligation: str) -> None:
    flags = _flags_between("Drivers must stop at the checkpoint.", f"Drivers {no_obligation} at the checkpoint.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.MODALITY, ("must",), ("need not",))]
    assert not _flags_between(f"Drivers {no_obligation} at the checkpoint.", "Drivers are not required to stop at the checkpoint.")


def test_an_admission_grants_what_a_denial_denies() -> None:
    flags = _flags_between("The driver admitted causing the accident.", "The driver denied causing the accident.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.NEGATION, ("causing",), ("denied", "causing"))]
    assert not _flags_between("The driver admitted causing the accident.", "The driver caused the accident.")


def test_a_possessive_everyone_quantifies_nothing() -> None:
    flags = _flags_between("Sentiment when meeting you is beyond everyone's expectations.", "No one would ever think of sentiment when meeting you.")
    assert FlagKind.QUANTIFIER not in {f.kind for f in flags}


def test_a_spokesman_of_another_body_is_another_speaker() -> None:
    statement = "the new bridge will be finished by the end of the year"
    flags = _flags_between(f"According to the transport ministry, {statement}.", f"According to an opposition spokesman, {statement}.")
    assert [f.kind for f in flags] == [FlagKind.ATTRIBUTION]
    assert not _flags_between(f"According to the builder, {statement}.", f"According to a builder's spokeswoman, {statement}.")
    assert not _flags_between(f"According to the builder, {statement}.", f"According to a spokeswoman, {statement}.")


def test_the_same_text_credited_to_two_authors() -> None:
    flags = _flags_between("The open letter was signed by the city's chief engineer.", "The open letter was signed by the tenants' association.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [
        (FlagKind.ATTRIBUTION, ("the city's chief engineer",), ("the tenants' association",))]
    assert "for the same letter" in flags[0].explanation
    assert not _flags_between("The open letter was signed by the tenants' association.", "The tenants' association signed the open letter.")
    assert not _flags_between("The open letter was signed by the city's chief engineer.", "The open letter was read by the tenants' association.")


def test_taller_against_shorter_is_one_scale() -> None:
    flags = _flags_between("The new stand is taller than the old clock tower.", "The new stand is shorter than the old clock tower.")
    assert [f.kind for f in flags] == [FlagKind.COMPARATIVE]


@pytest.mark.parametrize(("verb_a", "verb_b"), [("supports", "opposes"), ("praised", "condemned"), ("welcomed", "criticised")])
def test_opposite_stances_on_the_same_thing(verb_a: str, verb_b: str) -> None:
    flags = _flags_between(f"The union {verb_a} the new pay deal.", f"The union {verb_b} the new pay deal.")
    assert [f.kind for f in flags] == [FlagKind.ANTONYM]


def test_someone_of_the_subjects_own_is_another_subject() -> None:
    assert not _flags_between("The mayor supports the new stadium.", "The mayor's deputy opposes the new stadium.")
    assert not _flags_between("The mayor praised the plan.", "The mayor's critics condemned the plan.")


def test_a_more_general_verb_tells_the_same_deed_for_a_role_swap() -> None:
    flags = _flags_between("Harlow Foods acquired Denby Dairies last spring.", "Denby Dairies bought Harlow Foods last spring.")
    assert [f.kind for f in flags] == [FlagKind.ROLE_SWAP]
    assert not _flags_between("Harlow Foods acquired Denby Dairies last spring.", "Harlow Foods bought Denby Dairies last spring.")


@pytest.mark.parametrize(("up", "down"), [("soared", "plunged"), ("surged", "slumped"), ("jumped", "tumbled")])
def test_a_figure_told_moving_up_and_down(up: str, down: str) -> None:
    flags = _flags_between(f"Shares in Corran Mining {up} on Tuesday.", f"Shares in Corran Mining {down} on Tuesday.")
    assert [f.kind for f in flags] == [FlagKind.ANTONYM]


def test_a_place_that_is_the_other_claims_participant_is_no_other_place() -> None:
    """A converse told from the other side: "to the city of Dorvalle" is where the money went, and
    Dorvalle is the borrower of the other sentence, not another place."""
    assert _flags_between("Harrow Energy lent 40 million euros to the city of Dorvalle.",
                          "The city of Dorvalle borrowed €40m from Harrow Energy.") == ()


def test_a_passive_without_a_doer_has_no_agent_to_swap() -> None:
    """"are to be shut" names what is shut, not who shuts it: no role swap with "will close"."""
    assert _flags_between("Brightway Foods will close a quarter of its 80 stores.",
                          "Twenty of Brightway Foods's 80 stores are to be shut.") == ()


def test_a_passive_naming_no_doer_is_one_event_by_what_was_done_to() -> None:
    flags = _flags_between("The tribunal heard closing statements on March 3 in Kelso.",
                           "Closing statements in the case were heard on April 9.")
    assert [f.kind for f in flags] == [FlagKind.DATE]


def test_a_passive_naming_no_doer_is_about_what_was_done_to() -> None:
    """"the Vanta is released" is about the Vanta, which is not the Orbit that Kestrel releases."""
    assert _flags_between("Kestrel Games will release the Orbit in Europe on 11 March.",
                          "The Vanta is released in Europe on 24 March.") == ()


def test_a_share_in_words_against_a_percentage_of_the_same_people() -> None:
    flags = _flags_between("Six in ten voters in Marlow backed the bypass plan, a survey found.",
                           "Only 38% of voters in Marlow backed the bypass plan, a survey found.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]
    assert _flags_between("Six in ten voters in Marlow backed the bypass plan, a survey found.",
                          "A survey found 60% of voters in Marlow backed the bypass plan.") == ()


def test_a_phrasal_verb_opposes_or_repeats_a_word() -> None:
    assert [f.kind for f in _flags_between("Arden College will open its Riverside campus next year.",
                                           "Arden College will shut down its Riverside campus next year.")] == [FlagKind.ANTONYM]
    assert [f.kind for f in _flags_between("Transport Minister Helen Cray resigned on Monday.",
                                           "Transport Minister Helen Cray refused to step down on Monday.")] == [FlagKind.NEGATION]


def _run(*texts: str):
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import run

    return run([article_from_text(f"doc{k}", f"Title {k}\n\n{text}\n") for k, text in enumerate(texts)], Settings(cache_dir=None, verifier=False))


def test_two_clauses_that_only_credit_one_speaker_are_no_agreement() -> None:
    result = _run('"The council will pay for the repairs," Ms Hale told the Reuters news agency.',
                  '"We expect the bridge to reopen in May," Ms Hale told the Reuters news agency.')
    credits = [al for al in result.alignments if al.text_a == al.text_b == "Ms Hale told the Reuters news agency"]
    assert credits, "aligned: who told whom may still conflict"
    assert [al.relation for al in credits] == [Relation.RELATED], "two quotations are not one statement"


def test_a_clause_that_says_more_than_who_said_it_is_no_mere_credit() -> None:
    result = _run("The company said profits rose, and the company also cut 500 jobs.", "Police said the thieves were two men.",
                  'Ms Cole said that after being "tortured and abused" in prison, the men were released.',
                  '"Repairs will take three months," Ms Hale told the Reuters news agency. Sales rose 5%, the company said on Monday.')
    credits = {c.text for c in result.claims if c.id in credits_only(result.claims)}
    assert credits == {"Ms Hale told the Reuters news agency", "the company said on Monday"}


def test_a_whole_told_in_parts_that_add_up_is_no_numeric_conflict() -> None:
    assert _flags_between("Last year 185,000 people were tested for TB at Heathrow and Gatwick airports.",
                          "Last year checks were carried out on 175,000 people at Heathrow and 10,000 at Gatwick.") == ()
    flags = _flags_between("Last year 185,000 people were tested for TB at Heathrow airport.",
                           "Last year 175,000 people were tested for TB at Heathrow airport.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]  # control: two counts of one thing


def test_a_refusal_to_say_denies_no_statement_about_something_else() -> None:
    assert _flags_between("The spokesman declined to say whether the minister backed the plans.",
                          "The spokesman said: \"Let us wait for the consultation to finish.\"") == ()
    flags = _flags_between("The spokesman commented on the allegations.", "The spokesman declined to comment on the allegations.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]  # the same act of saying, done and refused


def test_one_sentence_telling_both_opposites_is_two_occasions() -> None:
    """"dropped in December, after a 0.6% rise in November" tells the rise too: no antonym with it."""
    assert _flags_between("Retail sales rose by 0.6% in November.",
                          "Retail sales dropped by 1% in December, after a 0.6% rise in November.") == ()
    flags = _flags_between("Retail sales rose sharply in December.", "Retail sales dropped sharply in December.")
    assert [f.kind for f in flags] == [FlagKind.ANTONYM]


def test_times_of_other_kinds_in_other_years_are_other_times() -> None:
    assert _flags_between("He has not played for England since November 2003.",
                          "He played for England in all three Lions Tests in 2001.") == ()


def test_a_word_in_an_apposition_describes_a_participant_not_the_claim() -> None:
    assert _flags_between("Mirza, a junior doubles title winner, became the first Indian woman to reach the third round.",
                          "Mirza became the first Indian woman to reach the third round before losing to Serena Williams.") == ()


def test_other_parts_of_a_run_are_other_periods() -> None:
    assert _flags_between("The film took $22.7m in its first three days of release.",
                          "The film took $11.8m in its second week of release.") == ()
    flags = _flags_between("The film took $22.7m in its first three days of release.",
                           "The film took $11.8m in its first three days of release.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_an_occasion_and_a_town_do_not_clash_as_places() -> None:
    assert _flags_between("Kelly will compete in the pentathlon at the European Championships next month.",
                          "Kelly will compete in the pentathlon in Madrid next month.") == ()
    flags = _flags_between("Kelly will compete in the pentathlon at the European Championships next month.",
                           "Kelly will compete in the pentathlon at the Commonwealth Games next month.")
    assert [f.kind for f in flags] == [FlagKind.LOCATION]


def test_there_is_no_x_denies_x_not_the_words_around_it() -> None:
    assert _flags_between("There's no mention of a Grand Slam among the players.", "The Grand Slam is gone.") == ()
    assert _flags_between("There was no immediate comment from the lawyers.", "The lawyers were immediately told.") == ()
    flags = _flags_between("There's no mention of a Grand Slam among the players.",
                           "A Grand Slam has been mentioned among the players.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]
    # "no evidence that X" denies X
    a, b = _run("There was no evidence that the detainees were tortured.", "The detainees were tortured.").claims
    assert negation(a, b) is not None
    flags = _flags_between("There are no gas stations open all night in the town.", "Two gas stations in the town are open all night.")
    assert [f.kind for f in flags] == [FlagKind.NEGATION]


def test_a_quantifier_counts_its_own_set_not_a_noun_elsewhere_in_the_other_claim() -> None:
    assert _flags_between("No date for the trial has been set.", "All three defendants are awaiting a trial date.") == ()
    # what a copula says the set is, is the set itself: "none of these are quotations"
    flags = _flags_between("They are all quotations from the Book of Ruth.", "None of these are quotations from the Book of Ruth.")
    assert [f.kind for f in flags] == [FlagKind.QUANTIFIER]
    # a quantifier the parse kept apart from the subject it counts still counts it
    flags = _flags_between("None of the stolen paintings has been recovered.", "All of the stolen paintings have been recovered.")
    assert [f.kind for f in flags] == [FlagKind.QUANTIFIER]


def test_a_count_is_of_the_noun_a_compound_modifies() -> None:
    # however the number attached ("41,000 pickup" / "14,000 ... trucks"), both count trucks
    flags = _flags_between("Vantrell Motors recalled 14,000 pickup trucks over a faulty brake sensor.",
                           "Vantrell Motors recalled 41,000 pickup trucks over a faulty brake sensor.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_each_measure_is_compared_on_its_own() -> None:
    # a figure both agree on (five hospitals) does not hide one they differ on (patients)
    flags = _flags_between("The trial of the drug Lorvexa enrolled 240 patients at five hospitals.",
                           "Researchers recruited 420 patients across five hospitals for the trial of the drug Lorvexa.")
    assert [(f.kind, f.terms_a, f.terms_b) for f in flags] == [(FlagKind.NUMERIC, ("240 patients",), ("420 patients",))]
    assert _flags_between("The trial of the drug Lorvexa enrolled 240 patients at five hospitals.",
                          "Researchers recruited 240 patients across six hospitals for the trial of the drug Lorvexa.")


def test_figures_of_what_the_same_slot_names_differently_are_other_measures() -> None:
    assert _flags_between("Kelmont's shares rose 5% on Monday.", "Kelmont's profit rose 8% on Monday.") == ()
    assert _flags_between("US exports rose 12.3% to $1.15 trillion.", "Imports rose by 3.4%, while exports increased by only 0.6%.") == ()
    # a participant of one in the other slot of the other is no measure shared: a role changed
    assert _flags_between("Fabrice Santoro was beaten 6-3 6-0 by Nikolay Davydenko.", "Fabrice Santoro beat Thomas Johansson 6-4 6-2.") == ()


def test_one_sum_in_two_currencies_is_one_measure() -> None:
    assert _flags_between("Ebbers is accused of overseeing an $11bn (£5.8bn) fraud.", "Ebbers is accused of being behind an $11bn (£6bn) fraud.") == ()


def test_an_expectation_of_a_figure_is_a_forecast() -> None:
    assert _flags_between("Analysts expected Orlin Bank to report a quarterly profit of $1.2bn.",
                          "Orlin Bank reported a quarterly profit of $900 million on Thursday.") == ()


@pytest.mark.parametrize(("a", "b"), [("deeper", "shallower"), ("wider", "narrower"), ("heavier", "lighter")])
def test_comparatives_of_opposite_words_are_one_scale(a: str, b: str) -> None:
    flags = _flags_between(f"The Tamsin River is {a} than the Orle River.", f"The Tamsin River is {b} than the Orle River.")
    assert [f.kind for f in flags] == [FlagKind.COMPARATIVE]
    assert _flags_between(f"The Tamsin River is {a} than the Orle River.", f"The Orle River is {b} than the Tamsin River.") == ()


@pytest.mark.parametrize(("required", "optional"), [
    ("Masks are required on all Dorval city buses.", "Masks are optional on all Dorval city buses."),
    ("Restaurants must post calorie counts on their menus.", "Posting calorie counts on menus is voluntary for restaurants."),
    ("The levy is mandatory for all small businesses.", "The levy is not compulsory for small businesses."),
])
def test_a_predicate_that_is_an_obligation_or_a_choice_is_a_modality(required: str, optional: str) -> None:
    assert [f.kind for f in _flags_between(required, optional)] == [FlagKind.MODALITY]


def test_recurring_periods_are_other_times() -> None:
    assert _flags_between("Masks are required on Dorval city buses during weekday rush hours.",
                          "Masks are optional on Dorval city buses at weekends.") == ()


def test_a_plan_is_a_forecast_that_a_ruling_out_denies() -> None:
    flags = _flags_between("The Carrick Theatre board has ruled out selling the building.", "The Carrick Theatre board is planning to sell the building.")
    assert [f.kind for f in flags] == [FlagKind.MODALITY]
    assert _flags_between("The council plans to cut 500 jobs.", "The council cut 300 jobs last year.") == ()


def test_a_figure_that_leaves_a_part_out_is_another_measure() -> None:
    assert _flags_between("In December, overall retail sales rose by 1.1%.",
                          "In December, if cars are excluded, retail sales rose by 0.3%.") == ()
    flags = _flags_between("In December, overall retail sales rose by 1.1%.", "In December, retail sales rose by 0.3%.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


@pytest.mark.parametrize(("sure", "unsure"), [
    ("A retrial for Carl Hanley is certain.", "A retrial for Carl Hanley is possible."),
    ("Layoffs at the Weston plant are unavoidable.", "Layoffs at the Weston plant are not certain."),
    ("The vaccine shipment is guaranteed to arrive in Tellan by March.",
     "Health officials warned that delivery of the vaccine shipment to Tellan by March is unlikely."),
])
def test_a_predicate_that_says_how_sure_an_event_is_is_a_modality(sure: str, unsure: str) -> None:
    assert [f.kind for f in _flags_between(sure, unsure)] == [FlagKind.MODALITY]


def test_two_words_for_one_degree_of_certainty_agree() -> None:
    assert _flags_between("A retrial for Carl Hanley is certain.", "A retrial for Carl Hanley is inevitable.") == ()
    assert _flags_between("A retrial for Carl Hanley is possible.", "A retrial for Carl Hanley is not certain.") == ()


def test_a_phrasal_verb_is_opposed_through_its_one_word_synonyms() -> None:
    flags = _flags_between("The Fenwick Dam project was approved by the planning committee.",
                           "The planning committee turned down the Fenwick Dam project.")
    assert [f.kind for f in flags] == [FlagKind.ANTONYM]
    # a one-word verb is not read through its synonyms: "reach" ~ "arrive at" is no opposite of "left X short of"
    assert _flags_between("The launch left the satellite in the wrong orbit.", "The launch reached the satellite's orbit.") == ()


def test_the_same_report_credited_to_two_named_bodies_is_an_attribution_conflict() -> None:
    flags = _flags_between("The report linking the outbreak to a catering firm was published by the National Food Agency.",
                           "The report linking the outbreak to a catering firm was published by the Institute for Public Health.")
    assert [f.kind for f in flags] == [FlagKind.ATTRIBUTION]


def test_one_quotation_credited_to_two_people_of_one_body() -> None:
    quote = '"We were simply outplayed tonight,"'
    flags = _flags_between(f"{quote} Bristow City coach Mel Harding said after the 4-0 loss.",
                           f"{quote} Bristow City captain Owen Lacey said after the 4-0 loss.")
    assert [f.kind for f in flags] == [FlagKind.ATTRIBUTION]
    assert _flags_between(f"{quote} Bristow City coach Mel Harding said after the 4-0 loss.",
                          f"{quote} coach Harding said after the 4-0 loss.") == ()


def test_two_forecasters_forecasts_are_no_conflict() -> None:
    assert _flags_between("Kodak expects earnings of 5 cents to 25 cents a share in the quarter.",
                          "Analysts had expected Kodak to earn 68 cents a share for the quarter.") == ()
    flags = _flags_between("The company expects to cut 500 jobs this year.", "The company expects to cut 300 jobs this year.")
    assert [f.kind for f in flags] == [FlagKind.NUMERIC]


def test_two_bodies_signing_two_agreements_is_no_attribution_conflict() -> None:
    assert _flags_between("Rover and SAIC signed a technology-sharing agreement in August.",
                          "Lockheed said it had signed an agreement with Hindustan Aeronautics to share information.") == ()
