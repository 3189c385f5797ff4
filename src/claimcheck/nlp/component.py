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
                context["last_mention"] = None  # a later pronoun may refer to something said here
                continue
            claims.extend(sentence_claims(sent, index, context))
        doc._.claims = tuple(claims)
        return doc


@Language.factory("claimcheck_claims", default_config={"min_words": 4})
def make_claim_extractor(nlp: Language, name: str, min_words: int) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, min_words)


_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "fig", "approx", "mt", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "det", "insp", "supt", "rev", "hon", "ft", "ave", "blvd"}
)  # a title or name part: the word after its full stop never starts a sentence
_MAY_END = frozenset({"etc", "no", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k"})  # the parser decides
_MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", '"', "”", "’", "'", ")", "]"})
_OPENERS = frozenset({'"', "“", "'", "‘", "("})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


def _abbreviation_before(doc: Doc, i: int) -> str:
    """The abbreviation (lower case, no dot) whose full stop ends just before token ``i``, or ""."""
    prev = doc[i - 1]
    if prev.text == "." and i >= 2 and not doc[i - 2].whitespace_:
        return doc[i - 2].lower_
    if prev.text.endswith(".") and len(prev.text) > 1:  # kept whole by the tokenizer: "Sept.", "Dr."
        return prev.lower_.rstrip(".")
    return ""


class SentenceHints:
    """Presets sentence boundaries the parser gets wrong, before it runs (it keeps preset ones).

    A start: after ". ! ?" before a capitalized word ("... vitamin D. Fatty fish ..."), and at
    line breaks. Not a start: after a title or a month's abbreviation ("Dr. Lowe", "Sept. 23"),
    after "No." before a number ("No. 3"), and any word, number or symbol that does not follow
    sentence-final punctuation or a line break ("€" + "40m", "Judge" + "Ng").
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            tok, prev = doc[i], doc[i - 1]
            prev_text = prev.text
            line_break = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev_text)
            if tok.is_space or tok.is_punct and tok.text not in _OPENERS:
                if not tok.is_space and prev_text not in _SENTENCE_FINAL and not line_break and not prev.is_space:
                    tok.is_sent_start = False  # a comma, closing bracket or "%" never opens a sentence
                continue
            if line_break:
                tok.is_sent_start = True
                continue
            if tok.text in _CLOSING_QUOTES and prev_text in {".", "!", "?"} and not prev.whitespace_:
                tok.is_sent_start = False  # 'it was over." The crowd ...': the quote closes the sentence
                continue
            if prev_text in _CLOSING_QUOTES and prev.whitespace_ and i >= 2 and doc[i - 2].text in {".", "!", "?"} and tok.is_title:
                tok.is_sent_start = True  # ... and the next one starts after it
                continue
            if prev_text in _OPENERS and not prev.whitespace_ and (i == 1 or prev.is_sent_start):
                tok.is_sent_start = False  # the word an opening quote opens: '... $6 million. "Harbour at Dusk" fetched ...'
                continue
            if prev_text in _CLOSING_QUOTES and i >= 2 and doc[i - 2].text == ",":
                tok.is_sent_start = False  # '"... everything," Mayor Okafor said': a comma ends no sentence
                continue
            if prev_text not in _SENTENCE_FINAL and not prev_text.endswith("."):
                tok.is_sent_start = False  # no full stop, no line break: the sentence goes on ("Judge Ng")
                continue
            abbreviation = _abbreviation_before(doc, i)
            if abbreviation in _ABBREVIATIONS or (
                abbreviation in _MONTH_ABBREVIATIONS | {"no", "nos"} and (tok.is_digit or tok.like_num)
            ):
                doc[i].is_sent_start = False
                continue
            if abbreviation in _MAY_END and tok.is_title and tok.is_stop:
                doc[i].is_sent_start = True  # "... in the U.S. The company ..."
                continue
            if prev_text not in _SENTENCE_FINAL:
                continue  # a word ending in a full stop ("U.S.", "a.m."): the parser decides
            if prev.text in {".", "!", "?"} and prev.whitespace_ and (tok.is_title or tok.is_upper or tok.is_digit or tok.text in {'"', "“"}):
                before = doc[i - 2] if i >= 2 else None
                if before is None or before.lower_.rstrip(".") in _ABBREVIATIONS:
                    continue
                if before.lower_.rstrip(".") in _MAY_END:
                    if tok.is_title and tok.is_stop:
                        doc[i].is_sent_start = True  # "... in the U.S. The company ..."
                    continue
                if len(before.text) == 1 and before.is_upper and not (i >= 3 and doc[i - 3].is_lower):
                    doc[i].is_sent_start = False
                    continue  # an initial ("John F. Kennedy"), unless a lower-case word precedes ("vitamin D.")
                doc[i].is_sent_start = True
        return doc


@Language.factory("claimcheck_sentences")
def make_sentence_hints(nlp: Language, name: str) -> SentenceHints:
    return SentenceHints(nlp, name)
