"""attribution: the same statement credited to another person or body.

Only words given as a direct quotation, or a statement "according to" one named source, are
compared: two people may well say the same thing in their own words, but a quotation has one speaker.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import frame_of, plain
from claimcheck.types import Claim, FlagKind

_QUOTED = re.compile(r'"([^"]{12,})"')
MIN_QUOTE_MATCH = 88  # rapidfuzz ratio of the two quotations


def _quotation(sentence: str) -> str:
    m = _QUOTED.search(plain(sentence))
    return m.group(1).strip(" ,.").lower() if m else ""


def attribution(a: Claim, b: Claim) -> Finding | None:
    sa, sb = frame_of(a).source, frame_of(b).source
    if sa is None or sb is None or set(sa.key.split()) & set(sb.key.split()):
        return None
    qa, qb = _quotation(a.sentence), _quotation(b.sentence)
    if not qa or not qb or fuzz.ratio(qa, qb, processor=None) < MIN_QUOTE_MATCH:
        return None
    return Finding(FlagKind.ATTRIBUTION, versus("attribution", sa.text, a.doc_id, sb.text, b.doc_id, "quotation"),
                   (sa.text,), (sb.text,))
