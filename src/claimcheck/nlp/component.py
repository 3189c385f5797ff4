"""The ``claimcheck_claims`` spaCy component: sets ``Doc._.claims`` to the Doc's atomic claims."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.nlp.clauses import sentence_claims
from claimcheck.nlp.tokens import Annotation

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=())


class ClaimExtractor:
    """Turns every check-worthy declarative sentence of a Doc into claims.

    Uses the dependency parse when the Doc has one (UD or ClearNLP labels), else tags, else
    word lists. Claims' offsets are relative to the Doc; ids are "<sentence>.<clause>".
    """

    def __init__(self, nlp: Language, name: str, min_words: int = 4) -> None:
        self.name = name
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        ann = Annotation.of(doc)
        # without a parser or sentencizer the whole Doc is one sentence
        sents = doc.sents if doc.has_annotation("SENT_START") or ann.dep else [doc[:]]
        context: dict = {"ann": ann}
        claims = []
        for index, sent in enumerate(sents):
            if sum(t.is_alpha for t in sent) < self.min_words:
                continue
            claims.extend(sentence_claims(sent, index, context))
        doc._.claims = tuple(claims)
        return doc


@Language.factory("claimcheck_claims", default_config={"min_words": 4})
def make_claim_extractor(nlp: Language, name: str, min_words: int) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, min_words)


_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "jr", "sr", "no", "fig", "approx", "u.s", "u.k", "mt"}
)


class SentenceHints:
    """Marks sentence starts the parser tends to miss: after ". ! ?" before a capitalized word
    ("... vitamin D. Fatty fish ..."), and at line breaks. The parser keeps preset boundaries."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            tok, prev = doc[i], doc[i - 1]
            if tok.is_space or tok.is_punct and tok.text not in {'"', "“", "'", "‘", "("}:
                continue
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                doc[i].is_sent_start = True
            elif prev.text in {".", "!", "?"} and prev.whitespace_ and (tok.is_title or tok.is_upper or tok.is_digit or tok.text in {'"', "“"}):
                before = doc[i - 2] if i >= 2 else None
                if before is None or before.lower_.rstrip(".") in _ABBREVIATIONS:
                    continue
                if len(before.text) == 1 and before.is_upper and not (i >= 3 and doc[i - 3].is_lower):
                    doc[i].is_sent_start = False
                    continue  # an initial ("John F. Kennedy"), unless a lower-case word precedes ("vitamin D.")
                doc[i].is_sent_start = True
        return doc


@Language.factory("claimcheck_sentences")
def make_sentence_hints(nlp: Language, name: str) -> SentenceHints:
    return SentenceHints(nlp, name)
