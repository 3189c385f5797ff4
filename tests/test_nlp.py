"""Claim extraction on hand-built parses, in both label schemes (UD and en_core_web/ClearNLP).

No model is loaded: Docs are built with heads, labels, tags and lemmas given, the way spaCy's own
tests do, and the ``claimcheck_claims`` component runs on them directly.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimcheck.lexicon import stem
from claimcheck.nlp.component import ClaimExtractor
from claimcheck.contradict import effective_polarity
from claimcheck.types import CausalRole, Polarity

NLP = spacy.blank("en")

# (word, head, ud_dep, clear_head, clear_dep, pos, tag, lemma, morph)
COST = [
    ("Because", 5, "mark", 3, "mark", "SCONJ", "IN", "because", ""),
    ("botox", 2, "compound", 2, "compound", "NOUN", "NN", "botox", ""),
    ("treatments", 5, "nsubj", 3, "nsubj", "NOUN", "NNS", "treatment", ""),
    ("are", 5, "cop", 10, "advcl", "AUX", "VBP", "be", "VerbForm=Fin"),
    ("more", 5, "advmod", 5, "advmod", "ADV", "RBR", "more", ""),
    ("costly", 10, "advcl", 3, "acomp", "ADJ", "JJ", "costly", ""),
    ("than", 7, "case", 5, "prep", "ADP", "IN", "than", ""),
    ("painkillers", 5, "obl", 6, "pobj", "NOUN", "NNS", "painkiller", ""),
    (",", 5, "punct", 10, "punct", "PUNCT", ",", ",", ""),
    ("people", 10, "nsubj", 10, "nsubj", "NOUN", "NNS", "people", ""),
    ("make", 10, "root", 10, "ROOT", "VERB", "VBP", "make", "VerbForm=Fin"),
    ("this", 10, "obj", 10, "dobj", "PRON", "DT", "this", ""),
    ("their", 14, "nmod:poss", 14, "poss", "PRON", "PRP$", "their", ""),
    ("preferred", 14, "amod", 14, "amod", "VERB", "VBN", "prefer", ""),
    ("method", 10, "xcomp", 10, "oprd", "NOUN", "NN", "method", ""),
    ("to", 16, "mark", 16, "aux", "PART", "TO", "to", ""),
    ("relieve", 14, "acl", 14, "acl", "VERB", "VB", "relieve", ""),
    ("chronic", 19, "amod", 19, "amod", "ADJ", "JJ", "chronic", ""),
    ("back", 19, "compound", 19, "compound", "NOUN", "NN", "back", ""),
    ("pain", 16, "obj", 16, "dobj", "NOUN", "NN", "pain", ""),
    (".", 10, "punct", 10, "punct", "PUNCT", ".", ".", ""),
]
FDA = [
    ("the", 1, "det", 1, "det", "DET", "DT", "the", ""),
    ("FDA", 5, "nsubj", 5, "nsubj", "PROPN", "NNP", "FDA", ""),
    ("has", 5, "aux", 5, "aux", "AUX", "VBZ", "have", "VerbForm=Fin"),
    ("not", 5, "advmod", 5, "neg", "PART", "RB", "not", "Polarity=Neg"),
    ("yet", 5, "advmod", 5, "advmod", "ADV", "RB", "yet", ""),
    ("approved", 5, "root", 5, "ROOT", "VERB", "VBN", "approve", ""),
    ("botox", 5, "obj", 5, "dobj", "NOUN", "NN", "botox", ""),
    ("as", 9, "case", 5, "prep", "ADP", "IN", "as", ""),
    ("a", 9, "det", 9, "det", "DET", "DT", "a", ""),
    ("painkiller", 5, "obl", 7, "pobj", "NOUN", "NN", "painkiller", ""),
    (".", 5, "punct", 5, "punct", "PUNCT", ".", ".", ""),
]
TALK = [
    ("Most", 1, "amod", 1, "amod", "ADJ", "JJS", "most", ""),
    ("people", 4, "nsubj", 4, "nsubj", "NOUN", "NNS", "people", ""),
    ("do", 4, "aux", 4, "aux", "AUX", "VBP", "do", "VerbForm=Fin"),
    ("n't", 4, "advmod", 4, "neg", "PART", "RB", "not", "Polarity=Neg"),
    ("talk", 4, "root", 4, "ROOT", "VERB", "VB", "talk", ""),
    ("about", 7, "case", 4, "prep", "ADP", "IN", "about", ""),
    ("the", 7, "det", 7, "det", "DET", "DT", "the", ""),
    ("uses", 4, "obl", 5, "pobj", "NOUN", "NNS", "use", ""),
    ("of", 9, "case", 7, "prep", "ADP", "IN", "of", ""),
    ("botox", 7, "nmod", 8, "pobj", "NOUN", "NN", "botox", ""),
    ("that", 15, "nsubj", 11, "nsubj", "PRON", "WDT", "that", ""),
    ("are", 15, "cop", 7, "relcl", "AUX", "VBP", "be", "VerbForm=Fin"),
    ("not", 15, "advmod", 11, "neg", "PART", "RB", "not", "Polarity=Neg"),
    ("for", 15, "case", 11, "prep", "ADP", "IN", "for", ""),
    ("cosmetic", 15, "amod", 15, "amod", "ADJ", "JJ", "cosmetic", ""),
    ("reasons", 7, "acl:relcl", 13, "pobj", "NOUN", "NNS", "reason", ""),
    (".", 4, "punct", 4, "punct", "PUNCT", ".", ".", ""),
]


def build(rows, scheme: str) -> Doc:
    words = [r[0] for r in rows]
    heads = [r[1] if scheme == "ud" else r[3] for r in rows]
    deps = [r[2] if scheme == "ud" else r[4] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][5] != "PUNCT" and rows[i + 1][0] != "n't" for i in range(len(rows))]
    return Doc(
        NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=[r[5] for r in rows],
        tags=[r[6] for r in rows], lemmas=[r[7] for r in rows], morphs=[r[8] for r in rows],
    )


def claims_of(rows, scheme):
    doc = build(rows, scheme)
    assert doc.has_annotation("DEP")
    return ClaimExtractor(NLP, "claimcheck_claims")(doc)._.claims


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_causal_sentence_gives_cause_effect_and_comparative(scheme):
    claims = claims_of(COST, scheme)
    assert [c.causal_role for c in claims] == [CausalRole.CAUSE, CausalRole.EFFECT]
    cause, effect = claims
    assert cause.text == "botox treatments are more costly than painkillers"
    assert effect.text.startswith("people make this their preferred method")
    assert cause.cause == cause.text and cause.effect == effect.text == effect.effect
    assert cause.partner == effect.id and effect.partner == cause.id
    (comp,) = cause.comparatives
    assert (comp.word, comp.scale, comp.direction, comp.than) == ("costly", "cost", 1, "painkillers")
    assert cause.valence == -1 and effect.valence == 1  # a disadvantage given as reason for a preference


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_predicate_negation_is_found_in_both_schemes(scheme):
    (claim,) = claims_of(FDA, scheme)
    assert claim.polarity is Polarity.NEGATIVE
    assert claim.negations == ("not",)
    assert claim.focus == stem("approve")
    assert claim.subject == "the FDA"
    assert "fda" in claim.entities


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_negated_reporting_verb_keeps_content_positive_and_relative_negation_is_a_modifier(scheme):
    (claim,) = claims_of(TALK, scheme)
    assert claim.polarity is Polarity.NEGATIVE and claim.negations == ("n't",)
    assert effective_polarity(claim) is Polarity.POSITIVE
    assert "non_" + stem("cosmetic") in claim.lemmas
    assert claim.quantifier is not None and claim.quantifier.name == "MOST"


@pytest.mark.parametrize("text", [
    "Why is it not offered as a first line treatment to patients with chronic pain?",
    'He asked: "Why is it not offered as a first line treatment to patients with chronic pain?"',
    "A laptop computer is not a gadget!",
])
def test_questions_and_exclamations_give_no_claims(text):
    assert ClaimExtractor(NLP, "claimcheck_claims")(NLP(text))._.claims == ()


def test_coordinated_clauses_are_split_without_a_parse():
    from claimcheck.nlp import load_pipeline

    nlp = load_pipeline("fallback")
    doc = nlp("This is not a cheap procedure at all, one vial of Botox can cost around $500, and majority of that cost is passed on to the client.")
    texts = [c.text for c in doc._.claims]
    assert texts == [
        "This is not a cheap procedure at all",
        "one vial of Botox can cost around $500",
        "majority of that cost is passed on to the client",
    ]
    assert doc._.claims[0].polarity is Polarity.NEGATIVE
    assert doc._.claims[1].quantities[0].unit == "usd" and doc._.claims[1].quantities[0].low == 500


def test_the_c_stemmer_in_use_gives_the_pure_python_snowball_stems() -> None:
    """claimcheck stems with PyStemmer (C) when installed; it must agree with snowballstemmer's own
    English stemmer, or claims would depend on which one a machine has."""
    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    from claimcheck import lexicon as lx

    assert isinstance(lx._STEMMER, Stemmer.Stemmer)
    words = {w for table in (lx.SYNONYMS, lx.IRREGULAR_FORMS) for pair in table.items() for w in pair}
    words |= set(lx.HEDGE_WORDS | lx.REPORTING_VERBS | lx.UNIT_WORDS) | {
        "generously", "relational", "conditional", "happily", "dying", "skies", "news", "proceedings", "arguing",
    }
    python = EnglishStemmer()
    assert [lx._STEMMER.stemWord(w) for w in sorted(words)] == [python.stemWord(w) for w in sorted(words)]


@pytest.mark.parametrize(("plural", "singular"), [("patients", "patient"), ("wives", "wife"), ("companies", "company"),
                                                  ("boxes", "box"), ("politics", "politics"), ("headquarters", "headquarters")])
def test_a_plural_noun_the_lemmatizer_left_is_read_as_its_singular(plural: str, singular: str) -> None:
    from claimcheck.nlp.tokens import lemma

    doc = Doc(NLP.vocab, words=["420", plural], tags=["CD", "NNS"], lemmas=["420", plural])
    assert lemma(doc[1]) == singular
    assert lemma(Doc(NLP.vocab, words=[plural], tags=["NNP"], lemmas=[plural])[0]) == plural  # a name is left as it is
