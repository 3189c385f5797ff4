"""location: another place for the same event ("in a quarry near Tilbury Cross" / "in a car park in Ashcombe")."""

from __future__ import annotations

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import frame_of, plain
from claimcheck.types import Claim, FlagKind, Place


def _words(place: Place) -> set[str]:
    """The words that name a place: "St. Aldric's Hospital" -> {"aldric"}; a generic place noun
    ("hospital", "park", "plant") names no particular place unless it is all there is."""
    words = {w for w in place.key.split() if len(w) > 1}
    names = {w for w in words if not lx.is_place_noun(w)}
    return names or words


def places_clash(a: Claim, b: Claim) -> tuple[Place, Place] | None:
    """Both claims place their event, and no place of one shares a word with a place of the other."""
    pa, pb = frame_of(a).places, frame_of(b).places
    if not pa or not pb:
        return None
    words_a = set().union(*(_words(p) for p in pa))
    words_b = set().union(*(_words(p) for p in pb))
    if not words_a or not words_b or words_a & words_b:
        return None  # the same place, or one inside the other ("Port Averly" / "Port Averly's airport")
    text_a, text_b = plain(a.text).lower(), plain(b.text).lower()
    if any(w in text_b for w in words_a) or any(w in text_a for w in words_b):
        return None  # the other claim names the place too ("in the U.S. and Canada")
    return pa[0], pb[0]


def location(a: Claim, b: Claim) -> Finding | None:
    found = places_clash(a, b)
    if found is None:
        return None
    x, y = found
    return Finding(FlagKind.LOCATION, versus("location", x.text, a.doc_id, y.text, b.doc_id), (x.text,), (y.text,))
