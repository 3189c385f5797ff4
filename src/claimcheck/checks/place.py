"""location: another place for the same event ("in a quarry near Tilbury Cross" / "in a car park in Ashcombe")."""

from __future__ import annotations

import re

from claimcheck import lexicon as lx
from claimcheck.lexicon import stem
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.lexical import same_event_predicate, same_participants
from claimcheck.checks.view import arg_keys, frame_of, plain
from claimcheck.types import Claim, FlagKind, Place


def _words(place: Place) -> set[str]:
    """The words that name a place: "St. Aldric's Hospital" -> {"aldric"}; a generic place noun
    ("hospital", "park", "plant") names no particular place unless it is all there is."""
    words = {w.replace(".", "") for w in place.key.split() if len(w.replace(".", "")) > 1}
    names = {w for w in words if not lx.is_place_noun(w)}
    found = {stem(w) for w in names or words}  # stems: "Olympics" / "Olympic"
    initials = "".join(w[0] for w in place.key.split() if w[:1].isalpha())
    return found | {initials} if len(initials) > 1 else found  # "United Nations" is also "un" ("U.N.")


_LOCATED = re.compile(r"(?:\b(?:in|at|near|inside|outside)\s+(?:the\s+)?|,\s+)((?:[A-Z][\w'.-]*\s*){1,4})")


def _located_words(claim: Claim) -> set[str]:
    """Names the claim's sentence places something at, in any clause: after "in", "at", "near", or
    after a comma that follows a name ("Miami Beach, Florida")."""
    return {stem(w.lower().strip(".")) for m in _LOCATED.finditer(plain(claim.sentence)) for w in m.group(1).split()
            if not lx.is_place_noun(w.lower())}


def _occasion(place: Place) -> bool:
    """The place is an occasion ("at the European Championships", "at the conference"), which happens
    in a town or a hall: it does not clash with one."""
    return any(lx.is_event_noun(w) or lx.is_event_noun(w.removesuffix("s")) for w in place.key.split())


def _participants(claim: Claim) -> frozenset[str]:
    frame = frame_of(claim)
    return arg_keys(frame.agent) | arg_keys(frame.patient)


def places_clash(a: Claim, b: Claim) -> tuple[Place, Place] | None:
    """Both claims place their event, and after setting aside the places both name ("Trevane's
    plant"), a place of each is left that shares no name with any place of the other."""
    pa, pb = frame_of(a).places, frame_of(b).places
    if not pa or not pb:
        return None
    # a place the other sentence also places something at is set aside too ("in Florida" / "in Miami
    # Beach, Florida"; "at the Olympic Village" / "a test at the Olympic village")
    # and so is a place that is the other claim's doer or thing done to: a participant there ("lent
    # 40 million euros to the city of Valbonne" / "Valbonne borrowed €40m from Ostra Energy")
    words_a = set().union(*(_words(p) for p in pa), _located_words(a), _participants(a))
    words_b = set().union(*(_words(p) for p in pb), _located_words(b), _participants(b))
    only_a = [p for p in pa if _words(p) and not _words(p) & words_b]
    only_b = [p for p in pb if _words(p) and not _words(p) & words_a]
    # the same place, or one inside the other ("Port Averly" / "Port Averly's airport"); an
    # occasion and a town ("at the European Championships" / "in Madrid") are both true at once
    return next(((x, y) for x in only_a for y in only_b if _occasion(x) == _occasion(y)), None)


def location(a: Claim, b: Claim) -> Finding | None:
    if not (same_event_predicate(a, b) or same_participants(a, b, "time")):
        return None  # "his role in Closer" / "success at the Golden Globes": other events, other places
    found = places_clash(a, b)
    if found is None:
        return None
    x, y = found
    return Finding(FlagKind.LOCATION, versus("location", x.text, a.doc_id, y.text, b.doc_id), (x.text,), (y.text,))
