"""What a line of text looks like: a heading, the end of a sentence, a list item, a label."""

from __future__ import annotations

import re

from claimcheck.ingest.mapped import Mapped

SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on onto or over per the to up via vs with".split()
)
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr mt no nos vs etc e.g i.e eg ie fig figs approx inc ltd co corp gen "
    "gov sen rep lt col sgt capt u.s u.k a.m p.m dept est vol ed eds pp".split()
)
_SENTENCE_END = re.compile(r"""[.!?:;\u2026]["'\u201d\u2019)\]]*$""")
_WORD = re.compile(r"\S+")

# "- item", "* item", "• item", "1. item", "1) item", "(a) item", "a) item".
LIST_MARKER = re.compile(
    r"^[ \t]*(?:[-*+\u2022\u00b7\u2023\u2043\u25aa\u25ab\u25e6\u25cf\u25cb\u25a0\u25a1\u2013\u2014\u27a2\u2192]"
    r"|\(?\d{1,3}[.)]|\(?[a-zA-Z]\)|\([ivxIVX]{1,4}\))[ \t]+(?=\S)"
)
# A short label ending in a colon at the start of a list item: "The Cost: ...".
_LABEL = re.compile(r"^([^\s:][^:.!?;]{0,60}?):[ \t]+(?=\S)")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title_case(text: str) -> bool:
    """Most significant words capitalized and the first word too ("The Effects of Botox")."""
    tokens = [w.strip("\"'()[]\u201c\u201d\u2018\u2019,:;!?") for w in words(text)]
    tokens = [w for w in tokens if w]
    if not tokens or not (tokens[0][0].isupper() or tokens[0][0].isdigit()):
        return False
    significant = [w for w in tokens[1:] if w.lower() not in SMALL_WORDS]
    if not significant:
        return True
    capitalized = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capitalized >= 0.75 * len(significant)


def ends_sentence(text: str) -> bool:
    """Does the text end with sentence-final punctuation (not an abbreviation's full stop)?"""
    text = text.rstrip()
    if not _SENTENCE_END.search(text):
        return False
    if text.endswith("."):
        last = text.split()[-1].rstrip(".").lower() if text.split() else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            return False
    return True


def looks_like_heading(text: str, max_words: int = 10) -> bool:
    """A short line without sentence punctuation that is Title Case or only a few words.

    A question mark is allowed when the line is Title Case ("Could Botox Be Used For Pain?").
    """
    text = text.strip()
    tokens = words(text)
    if not 1 <= len(tokens) <= max_words or not text[0].isalnum() and text[0] not in "\"'\u201c\u2018":
        return False
    if re.search(r"[.!?;:,]\s", text):  # a sentence inside
        return False
    title_case = is_title_case(text)
    if text[-1] in ".!;:,\u2026":
        return False
    if text[-1] == "?":
        return title_case
    first = text.lstrip("\"'\u201c\u2018")
    short = len(tokens) <= 3 and bool(first) and (first[0].isupper() or first[0].isdigit())
    return title_case or short


def strip_list_marker(line: Mapped) -> Mapped | None:
    """The item text without its marker, or None when the line is not a list item."""
    match = LIST_MARKER.match(line.text)
    if not match:
        return None
    return line.slice(match.end())


def strip_label(item: Mapped) -> Mapped:
    """Drop a short label before a colon ("The Cost: the cost of ..."): a label is not a claim.

    The label must be Title Case ("Not Approved by FDA:"), or at most four words followed by a
    capitalized sentence ("Inadequate research data: Very few studies ...").
    """
    match = _LABEL.match(item.text)
    if not match:
        return item
    label = match.group(1)
    rest = item.text[match.end() :]
    n = len(words(label))
    if n > 6 or not rest.strip():
        return item
    if is_title_case(label) or (n <= 4 and rest[0].isupper()):
        return item.slice(match.end())
    return item
