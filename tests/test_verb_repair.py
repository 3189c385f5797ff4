"""The parse repair for news sentences the bundled parser reads as noun phrases (nlp/repair.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimcheck.nlp import load_pipeline
from claimcheck.nlp.repair import VerbRepair


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str], pos: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def repaired(doc: Doc) -> list[tuple[str, str, str, str]]:
    doc = VerbRepair(None, "claimcheck_verb_repair")(doc)
    return [(t.text, t.tag_, t.dep_, t.head.text) for t in doc]


def test_a_noun_root_with_a_past_form_after_it_becomes_subject_and_verb() -> None:
    # "The rocket lifted off from the island." read as "the rocket [that was] lifted off ..."
    doc = parsed(["The", "rocket", "lifted", "off", "from", "the", "island", "."], [1, 1, 1, 2, 6, 6, 2, 1],
                 ["det", "ROOT", "acl", "compound:prt", "case", "det", "obl", "punct"],
                 ["DT", "NN", "VBN", "RP", "IN", "DT", "NN", "."], ["DET", "NOUN", "VERB", "ADP", "ADP", "DET", "NOUN", "PUNCT"])
    assert repaired(doc) == [("The", "DT", "det", "rocket"), ("rocket", "NN", "nsubj", "lifted"), ("lifted", "VBD", "ROOT", "lifted"),
                             ("off", "RP", "compound:prt", "lifted"), ("from", "IN", "case", "island"), ("the", "DT", "det", "island"),
                             ("island", "NN", "obl", "lifted"), (".", ".", "punct", "lifted")]


def test_an_ing_form_taken_for_the_main_verb_goes_with_the_repaired_one() -> None:
    # "Sales climbed 5%, lifting shares." with "lifting" as root and "climbed" a participle of "Sales"
    doc = parsed(["Sales", "climbed", "5", "%", ",", "lifting", "shares", "."], [5, 0, 3, 1, 5, 5, 5, 5],
                 ["nsubj", "acl", "nummod", "obj", "punct", "ROOT", "obj", "punct"],
                 ["NNS", "VBN", "CD", "NN", "，", "VBG", "NNS", "."], ["NOUN", "VERB", "NUM", "SYM", "PUNCT", "VERB", "NOUN", "PUNCT"])
    result = {w: (tag, dep, head) for w, tag, dep, head in repaired(doc)}
    assert result["climbed"] == ("VBD", "ROOT", "climbed")
    assert result["Sales"] == ("NNS", "nsubj", "climbed")
    assert result["lifting"] == ("VBG", "advcl", "climbed")


def test_a_name_hung_on_a_bare_participle_root_becomes_its_subject() -> None:
    doc = parsed(["Vesta-2", "lifted", "off", "."], [1, 1, 1, 1], ["advmod", "ROOT", "compound:prt", "punct"],
                 ["NNP", "VBN", "RP", "."], ["PROPN", "VERB", "ADP", "PUNCT"])
    assert repaired(doc)[:2] == [("Vesta-2", "NNP", "nsubj", "lifted"), ("lifted", "VBD", "ROOT", "lifted")]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "why"),
    [
        (["The", "man", "killed", "in", "the", "crash", "was", "45", "."], [1, 7, 1, 5, 5, 2, 7, 7, 7],
         ["det", "nsubj", "acl", "case", "det", "obl", "cop", "ROOT", "punct"], ["DT", "NN", "VBN", "IN", "DT", "NN", "VBD", "CD", "."],
         "a finite verb: the participle is a real reduced relative"),
        (["The", "paintings", "taken", "from", "the", "museum", "."], [1, 1, 1, 5, 5, 2, 1],
         ["det", "ROOT", "acl", "case", "det", "obl", "punct"], ["DT", "NNS", "VBN", "IN", "DT", "NN", "."], "a participle-only form"),
        (["Man", "killed", "in", "the", "crash"], [0, 0, 4, 4, 1], ["ROOT", "acl", "case", "det", "obl"], ["NN", "VBN", "IN", "DT", "NN"],
         "a headline: no full stop"),
    ],
)
def test_real_reduced_relatives_and_headlines_are_left_alone(words, heads, deps, tags, why) -> None:
    pos = ["VERB" if t.startswith("VB") else "NOUN" if t.startswith("NN") else "NUM" if t == "CD" else "X" for t in tags]
    doc = parsed(words, heads, deps, tags, pos)
    before = [(t.tag_, t.dep_, t.head.i) for t in doc]
    VerbRepair(None, "claimcheck_verb_repair")(doc)
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == before, why


def test_the_repaired_sentence_gives_a_frame_with_doer_and_predicate() -> None:
    nlp = load_pipeline()
    for text in ("The rocket lifted off from the island at 9:40 p.m. on Tuesday.",
                 "KERRIN ISLAND - The Vesta-2 rocket lifted off from Kerrin Island at 9:40 p.m. on Tuesday, lighting up the sky."):
        claim = nlp(text)._.claims[0]
        assert claim.frame.predicate.lemma == "lift off", text
        assert claim.frame.agent is not None and claim.frame.agent.head == "rocket", text
