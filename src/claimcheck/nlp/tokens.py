"""Token tests that work on any pipeline: a UD parse, an en_core_web (ClearNLP) parse, or none.

Each test prefers the richest annotation the Doc has (dependency labels, then fine-grained tags,
then coarse POS) and falls back to word lists, so the claim rules above it never need to know
which pipeline produced the Doc.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimcheck.lexicon import AUXILIARIES, FINITE_AUXILIARIES, NEGATION_CUES

# Both label schemes: UD (nsubj:pass, obj, obl) and ClearNLP (nsubjpass, dobj, pobj, neg).
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass", "csubj:pass", "expl"})
RELATIVE_DEPS = frozenset({"relcl", "acl:relcl", "acl"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose", "where"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
VERB_TAGS = frozenset({"VB", "VBZ", "VBP", "VBD", "VBN", "VBG", "MD"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD", "EX"})


@dataclass(frozen=True)
class Annotation:
    """Which annotation layers a Doc carries."""

    dep: bool
    tag: bool
    pos: bool
    lemma: bool

    @classmethod
    def of(cls, doc: Doc) -> Annotation:
        return cls(
            dep=doc.has_annotation("DEP"),
            tag=doc.has_annotation("TAG"),
            pos=doc.has_annotation("POS"),
            lemma=doc.has_annotation("LEMMA"),
        )


def _lookups_table(name: str) -> dict:
    """One English table of spacy-lookups-data ("en_lemma_index"), or {} without the package."""
    try:
        import spacy_lookups_data  # noqa: PLC0415

        from importlib.resources import files  # noqa: PLC0415

        return json.loads(gzip.decompress((files(spacy_lookups_data) / "data" / f"{name}.json.gz").read_bytes()))
    except (ImportError, OSError, ValueError):
        return {}


@lru_cache(maxsize=1)
def _lookup_index() -> dict[str, frozenset[str]]:
    """Word lists by part of speech from spacy-lookups-data (used when a Doc has no tags)."""
    return {k: frozenset(v) for k, v in _lookups_table("en_lemma_index").items()}


@lru_cache(maxsize=1)
def _irregular_tables() -> dict[str, dict[str, str]]:
    """Irregular forms -> lemma by part of speech, from spacy-lookups-data's exception lists
    (WordNet's: 2,400 verb forms, 1,500 adjective forms)."""
    tables = _lookups_table("en_lemma_exc")
    return {
        pos: {form: lemmas[0] for form, lemmas in tables.get(pos, {}).items() if lemmas and form != lemmas[0]}
        for pos in ("verb", "adj")
    }


def irregular_verb(word: str) -> str:
    """The verb lemma of an irregular verb form ("drew" -> draw, "underwent" -> undergo), else ""."""
    return _irregular_tables().get("verb", {}).get(word, "")


def repaired_lemma(tok: Token, lem: str) -> str:
    """``lem``, or the lookup tables' lemma of an irregular verb form that a small lemmatizer left
    as it was ("rose", "sank": taken for the flower, for no verb) or cut to no verb ("fled" -> "fl")."""
    irregular = irregular_verb(tok.lower_)
    if irregular and tok.pos_ in {"VERB", "AUX"} and (lem == tok.lower_ or lem not in verb_forms()):
        return irregular
    return lem


def irregular_lemma(word: str) -> str:
    """The lemma of an irregular verb or adjective form ("fled" -> flee, "worse" -> bad), else ""."""
    return irregular_verb(word) or _irregular_tables().get("adj", {}).get(word, "")


def verb_forms() -> frozenset[str]:
    """Verb lemmas known to spaCy's lookup tables (empty without spacy-lookups-data)."""
    return _lookup_index().get("verb", frozenset())


def lemma(tok: Token) -> str:
    """Lower-case lemma, falling back to the lower-cased word; a plural noun the lemmatizer left
    as it was ("patients", "wives") by the singular the lookup tables know as a noun."""
    lem = tok.lemma_.lower() if tok.lemma_ else tok.lower_
    return singular_noun(lem) if tok.tag_ == "NNS" and lem == tok.lower_ else lem


@lru_cache(maxsize=8192)
def singular_noun(word: str) -> str:
    """The singular of a plural noun that is no noun lemma itself ("patients" -> patient, "wives"
    -> wife, "pcs" -> pc), else the word ("politics", "headquarters", "finances")."""
    nouns = _lookup_index().get("noun", frozenset())
    if not nouns or word in nouns or not word.endswith("s"):
        return word
    stems = (word[:-3] + "y", word[:-3] + "f", word[:-3] + "fe") if word.endswith(("ies", "ves")) else ()
    stems += (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)
    return next((c for c in stems if c in nouns), word)


CLOSING_MARKS = "\"'”’)"  # what may follow a sentence's final stop: 'was it over?"', "(it was.)"
_SIGNS = frozenset({"%", "‰"})  # spaCy counts them punctuation; they are a figure's unit ("rose 3%.")


def is_punct(tok: Token) -> bool:
    """Punctuation that may be trimmed off a clause's ends: not a figure's sign."""
    return tok.is_punct and tok.text not in _SIGNS


_NEGATION_POS = frozenset({"PART", "ADV", "DET", "PRON", "CCONJ", ""})  # the parts of speech a negation has


def in_no_longer(tok: Token) -> bool:
    """Whether the token is the "no" or the "longer" of "no longer" (a negation of what follows)."""
    doc = tok.doc
    if tok.lower_ == "no":
        return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "longer"
    return tok.lower_ == "longer" and tok.i > 0 and doc[tok.i - 1].lower_ == "no"


def is_negation(tok: Token) -> bool:
    if tok.lower_ in NEGATION_CUES or tok.dep_ == "neg":
        return True
    return tok.pos_ in _NEGATION_POS and "Neg" in tok.morph.get("Polarity")  # morphology is slow to read: only where it can say so


def is_finite_verb(tok: Token, ann: Annotation) -> bool:
    if ann.tag and tok.tag_:
        if tok.tag_ in FINITE_TAGS:
            return True
        if tok.tag_ in VERB_TAGS or tok.tag_ in NOUN_TAGS:
            return False
    if ann.pos and tok.pos_:
        if tok.pos_ in {"VERB", "AUX"}:
            return "Fin" in tok.morph.get("VerbForm") or tok.lower_ in FINITE_AUXILIARIES
        return False
    low = tok.lower_
    if low in FINITE_AUXILIARIES:
        return True
    verbs = _lookup_index().get("verb", frozenset())
    if low in verbs and low not in _lookup_index().get("noun", frozenset()):
        return True
    if low.endswith("s") and low[:-1] in verbs and len(low) > 3:
        return True
    return low.endswith("ed") and (low[:-2] in verbs or low[:-1] in verbs)


def is_verbal(tok: Token, ann: Annotation) -> bool:
    """Any verb form, finite or not (used to extend a verb group)."""
    if ann.tag and tok.tag_:
        return tok.tag_ in VERB_TAGS
    if ann.pos and tok.pos_:
        return tok.pos_ in {"VERB", "AUX"}
    low = tok.lower_
    if low in AUXILIARIES:
        return True
    verbs = _lookup_index().get("verb", frozenset())
    return low in verbs or (low.endswith("ed") and (low[:-2] in verbs or low[:-1] in verbs)) or (
        low.endswith("ing") and low[:-3] in verbs
    )


def is_nominal(tok: Token, ann: Annotation) -> bool:
    if tok.lower_ in RELATIVE_PRONOUNS:
        return False
    if ann.tag and tok.tag_:
        return tok.tag_ in NOUN_TAGS
    if ann.pos and tok.pos_:
        return tok.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
    return tok.is_alpha and tok.lower_ not in AUXILIARIES


def is_adjective(tok: Token, ann: Annotation) -> bool:
    if ann.tag and tok.tag_:
        return tok.tag_.startswith("JJ")
    if ann.pos and tok.pos_:
        return tok.pos_ == "ADJ"
    return tok.lower_ in _lookup_index().get("adj", frozenset())


def is_noun(tok: Token, ann: Annotation) -> bool:
    if ann.tag and tok.tag_:
        return tok.tag_.startswith("NN")
    if ann.pos and tok.pos_:
        return tok.pos_ in {"NOUN", "PROPN"}
    low = tok.lower_
    nouns = _lookup_index().get("noun", frozenset())
    return low in nouns or (low.endswith("s") and low[:-1] in nouns) or tok.is_title


_IRREGULAR_COMPARATIVES = frozenset({"more", "less", "fewer", "worse", "lesser", "better"})


def is_comparative(tok: Token, ann: Annotation) -> bool:
    if ann.tag and tok.tag_ in {"JJR", "RBR"}:
        return True
    low = tok.lower_
    if not (low.endswith("er") or low in _IRREGULAR_COMPARATIVES):
        return False  # an English comparative ends in -er or is one of a few words: no morphology needed
    if ann.pos and "Cmp" in tok.morph.get("Degree"):
        return True
    tagged_other = (ann.tag and tok.tag_ and tok.tag_ not in {"JJ", "RB"}) or (not ann.tag and ann.pos and tok.pos_ and tok.pos_ not in {"ADJ", "ADV"})
    if tagged_other and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "than"):
        return False  # a noun, verb or preposition ending in -er ("water", "officer", "matter", "after")
    # tags miss some ("weaker" as JJ): fall back to the word lists
    if low in {"more", "less", "fewer"}:
        return True
    adjs = _lookup_index().get("adj", frozenset())
    stem = low[:-2] if low.endswith("er") else ""
    return bool(stem) and (stem in adjs or stem + "e" in adjs or (stem.endswith("i") and stem[:-1] + "y" in adjs) or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in adjs))


def is_superlative(tok: Token, ann: Annotation) -> bool:
    if ann.tag and tok.tag_:
        return tok.tag_ in {"JJS", "RBS"}
    if ann.pos and tok.pos_:
        return "Sup" in tok.morph.get("Degree")
    return tok.lower_.endswith("est") and len(tok.lower_) > 4


def subject_token(span: Span, ann: Annotation) -> Token | None:
    """The clause's subject: a subject-labelled token whose head lies in the span (parse), else None."""
    if not ann.dep:
        return None
    for tok in span:
        if (
            tok.dep_ in SUBJECT_DEPS
            and tok.lower_ not in RELATIVE_PRONOUNS
            and span.start <= tok.head.i < span.end
            and not in_relative_clause(tok, span)
        ):
            return tok
    return None


_CLAUSE_CONJUNCTIONS = frozenset({"but", "and", "while", "whereas", "although", "though", "yet", "so"})


def in_other_clause(tok: Token, verbs: range, ann: Annotation) -> bool:
    """Whether ``tok`` belongs to a verb outside ``verbs`` (token indices of a clause's verb group):
    a comma or semicolon and a conjunction lie between them ("No bid emerged, but he continued"),
    or the first verb up its chain of heads is another's."""
    doc = tok.doc
    lo, hi = (tok.i, verbs.start) if tok.i < verbs.start else (verbs.stop, tok.i)
    for j in range(lo, hi - 1):
        if doc[j].text in {",", ";"} and doc[j + 1].lower_ in _CLAUSE_CONJUNCTIONS:
            return True
    if not ann.dep:
        return False
    node = tok
    for _ in range(12):
        if node.head is node:
            return False
        node = node.head
        if is_verbal(node, ann):
            return node.i not in verbs
    return False


def in_relative_clause(tok: Token, span: Span) -> bool:
    """Whether ``tok`` sits inside a relative clause that modifies a noun of ``span`` (parse only)."""
    node = tok
    for _ in range(8):
        if node.dep_ in RELATIVE_DEPS:
            return True
        if node.head is node or not (span.start <= node.head.i < span.end):
            return False
        node = node.head
    return False
