"""attribution: the same statement credited to another person or body.

Only words given as a direct quotation, or a statement "according to" one named source, are
compared: two people may well say the same thing in their own words, but a quotation has one speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import frame_of, plain
from claimcheck.lexicon import stem
from claimcheck.types import Claim, FlagKind, Source

_QUOTED = re.compile(r'"([^"]{12,})"')
MIN_QUOTE_MATCH = 88  # rapidfuzz ratio of the two quotations
STATEMENT_WORDS = 4  # a shorter quotation is a phrase: the statements around it must match too


def _quotation(sentence: str) -> str:
    m = _QUOTED.search(plain(sentence))
    quoted = m.group(1).strip(" ,.").lower() if m else ""
    return quoted


_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "they", "we", "it", "mr", "mrs", "ms", "dr", "sir", "u.s", "us",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def speaker_names(source: Source) -> frozenset[str]:
    """The names in a source ("Mayor Dale Fenwick" -> dale, fenwick): capitalised words that are not
    a title or role (WordNet person nouns: mayor, judge, director), a pronoun, a day or an owner."""
    text = source.text.replace("\u2019", "'")
    words = (w.strip(".,'").lower() for w in text.split() if w[:1].isupper() and not w.rstrip(",").endswith("'s"))  # "Kelmont's" owns, it does not speak
    return frozenset(stem(w) for w in words if w and w not in _NOT_NAMES and not lx.is_person_noun(w))  # "Lords" is "Lord"


def _different_speakers(sa: Source | None, sb: Source | None) -> bool:
    """Both sources name someone, and no name is shared: "the judge" or "he" may be anyone."""
    if sa is None or sb is None:
        return False
    na, nb = speaker_names(sa), speaker_names(sb)
    return bool(na and nb and not na & nb)


def _names_in(sentence: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in re.findall(r"[A-Za-z][\w-]*", plain(sentence)))


def credited_apart(a: Claim, sa: Source | None, b: Claim, sb: Source | None) -> bool:
    """Different speakers, neither named in the other's sentence (where a sentence names both, the
    quotation may be either's: "Some say X, the EC says Y and said it would review 'Z'")."""
    if not _different_speakers(sa, sb):
        return False
    return not (speaker_names(sb) <= _names_in(a.sentence) or speaker_names(sa) <= _names_in(b.sentence))


def attribution(a: Claim, b: Claim) -> Finding | None:
    sa, sb = frame_of(a).source, frame_of(b).source
    if not credited_apart(a, sa, b, sb):
        return None
    qa, qb = _quotation(a.sentence), _quotation(b.sentence)
    if not qa or not qb or fuzz.ratio(qa, qb, processor=None) < MIN_QUOTE_MATCH:
        return None
    if len(qa.split()) < STATEMENT_WORDS and fuzz.token_sort_ratio(_around(a.sentence), _around(b.sentence)) < MIN_QUOTE_MATCH:
        return None  # a quoted phrase ("a 'basic principle'") in two statements that say different things
    return Finding(FlagKind.ATTRIBUTION, versus("attribution", sa.text, a.doc_id, sb.text, b.doc_id, "quotation"),
                   (sa.text,), (sb.text,))


def _around(sentence: str, words: int = 6) -> str:
    """The quotation with the words either side of it: the statement a short quotation is part of."""
    text = plain(sentence).lower()
    m = _QUOTED.search(text)
    if not m:
        return ""
    before, after = text[: m.start()].split()[-words:], text[m.end() :].split()[:words]
    return " ".join([*before, m.group(1), *after])


def _quote_key(sentence: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _quotation(sentence)).strip()


def _speaker(claims: list[Claim], key: str) -> Source | None:
    """Who the sentence credits with the quotation: the source of the clause that holds it, else
    of the sentence's first clause that names one ("Some say X; the EC said it would review 'Y'")."""
    holding = [c for c in claims if key and key in re.sub(r"[^a-z0-9]+", " ", plain(c.text).lower())]
    return next((s for c in (*holding, *claims) if (s := frame_of(c).source) is not None), None)


def same_quotation(claims: Iterable[Claim]) -> list[tuple[Claim, Claim, Finding]]:
    """The same direct quotation credited to different speakers in different articles, found by
    the quotation itself: the clauses of a quotation are often too short to align on their own."""
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault((c.doc_id, c.sentence_index), []).append(c)
    by_quote: dict[str, list[list[Claim]]] = {}
    for group in by_sentence.values():
        key = _quote_key(group[0].sentence)
        if len(key.split()) >= STATEMENT_WORDS:
            by_quote.setdefault(key, []).append(group)
    found = []
    for key, groups in by_quote.items():
        for i, ga in enumerate(groups):
            for gb in groups[i + 1 :]:
                a, b = ga[0], gb[0]
                sa, sb = _speaker(ga, key), _speaker(gb, key)
                if a.doc_id == b.doc_id or not credited_apart(a, sa, b, sb):
                    continue
                expl = versus("attribution", sa.text, a.doc_id, sb.text, b.doc_id, "quotation")
                found.append((a, b, Finding(FlagKind.ATTRIBUTION, expl, (sa.text,), (sb.text,))))
    return found
