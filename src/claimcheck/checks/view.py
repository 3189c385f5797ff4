"""A claim's frame as the checks read it.

``frame_of`` returns ``Claim.frame`` when extraction built one. Claims from before frame
extraction (caches, the fallback pipeline) get a frame derived from the claim's older fields and
its text: enough for the checks to run, no better than those fields.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable

from claimcheck import lexicon as lx
from claimcheck.lexicon import stem
from claimcheck.quantities import NUMBER_WORDS
from claimcheck.types import (
    Argument,
    Claim,
    Comparative,
    Frame,
    Modality,
    Place,
    Polarity,
    Predicate,
    Quantifier,
    Quantity,
    Source,
    Tense,
    TimeRef,
)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)", re.I)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")s?\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+({_MONTH_RE})\b", re.I)
_RELATIVE = re.compile(r"\b(last|this|next|previous|past|coming)\s+(year|season|week|month|weekend|time)\b", re.I)

_MODALS: tuple[tuple[re.Pattern[str], Modality], ...] = tuple(
    (re.compile(p, re.I), m)
    for p, m in (
        (r"\b(?:must|may|should|can) ?not\b|\bmustn't\b|\b(?:banned|barred|forbidden|prohibited) from\b", Modality.FORBIDDEN),
        (r"\bruled? out\b|\brules out\b|\bruling out\b|\bcannot\b|\bcan't\b|\bimpossible\b", Modality.EXCLUDED),
        (r"\bmust\b|\b(?:has|have|had) to\b|\b(?:is|are|was|were) required to\b|\bshall\b|\bobliged to\b", Modality.REQUIRED),
        (r"\bmight\b|\bcould\b|\bmay\b|\bpossibly\b|\bperhaps\b", Modality.POSSIBLE),
        (r"\b(?:is|are|was|were) (?:likely|expected) to\b|\bshould\b|\bprobably\b|\blikely\b", Modality.LIKELY),
        (r"\bwill\b|\b'll\b|\b(?:is|are) set to\b|\b(?:is|are) going to\b|\bwon't\b", Modality.CERTAIN),
    )
)
_PERMIT = re.compile(r"\b(?:may|can)\b|\b(?:is|are) (?:allowed|permitted|free) to\b", re.I)
_PLACE = re.compile(r"\b(?:in|at|near|outside|off|to|from)\s+((?:the\s+)?(?:(?:St\.|[A-Z][\w'\u2019.-]*)\s?){1,5})")
_SOURCE_AFTER = re.compile(r"\b(?:said|says|told [a-z]+|added|according to)\s+([^,.;:\"\u201d]{2,60}?)(?=\s*(?:[,.;]|$))")
_SOURCE_BEFORE = re.compile(r"[\"\u201d],?\s+([^,\"\u201d]{2,80}?)\s+(?:said|says|added)\b")
EARLIER_REPORT = re.compile(r"\b(?:initially|originally|at first|first statement|early reports?|earlier reports?|later (?:revised|corrected))\b", re.I)
_FORECAST = re.compile(r"\b(?:predicted|forecast|forecasters?|projected|anticipated|had planned|(?:was|were) supposed to|had warned|had expected|(?:was|were) expected to)\b", re.I)
_NOT_PLACES = frozenset((*_WEEKDAYS, "january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "sept", "the", "a.m", "p.m"))


def plain(text: str) -> str:
    """Text with curly quotes straightened."""
    return text.translate(_QUOTES)


def normalised(text: str) -> str:
    """Text for comparing sentences: straight quotes, lower case, one space."""
    return " ".join(plain(text).lower().split())


def keys_of(text: str, claim: Claim) -> tuple[str, ...]:
    """Content keys of a phrase of the claim: its words that are among the claim's content stems."""
    known = set(claim.lemmas) | set(claim.entities)
    out = []
    for word in re.findall(r"[\w'.-]+", plain(text).lower()):
        word = word.strip(".'-").removesuffix("'s")
        for key in (word, stem(word)):
            if key in known and key not in out:
                out.append(key)
                break
    return tuple(out)


def _argument(text: str, claim: Claim) -> Argument | None:
    text = text.strip(" ,")
    keys = keys_of(text, claim)
    if not keys:
        return None
    return Argument(text=text, head=keys[-1], keys=keys)


def _patient(claim: Claim) -> Argument | None:
    head = re.split(r"\s(?:in|at|on|for|from|to|with|by|over|after|before|when|as|during|until|since|near)\s|,", " " + claim.object + " ")[0]
    return _argument(head, claim)


def times_in(text: str, claim: Claim | None = None) -> tuple[TimeRef, ...]:
    """Clock times, weekdays, month-day dates, years and relative periods mentioned in a text."""
    text = plain(text)
    out: list[TimeRef] = []
    for m in _CLOCK.finditer(text):
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        hour += 12 if m.group(3).lower().startswith("p") else 0
        out.append(TimeRef(m.group(0), "time", f"{hour:02d}:{minute:02d}"))
    out.extend(TimeRef(m.group(0), "weekday", m.group(1).lower()) for m in _WEEKDAY.finditer(text))
    for m in _MONTH_DAY.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.append(TimeRef(m.group(0), "date", f"--{_MONTHS.index(month[:3].lower()) + 1:02d}-{int(day):02d}"))
    out.extend(TimeRef(m.group(0), "relative", f"{m.group(1).lower()} {m.group(2).lower()}") for m in _RELATIVE.finditer(text))
    if claim is not None:
        out.extend(TimeRef(q.text, "year", str(int(q.low))) for q in claim.quantities if q.dimension == "date" and q.low == q.high)
    return tuple(out)


def _places(text: str) -> tuple[Place, ...]:
    out = []
    for m in _PLACE.finditer(plain(text)):
        words = [w.strip(".").removesuffix("'s") for w in m.group(1).split()]
        words = [w for w in words if w.lower() not in _NOT_PLACES and not w.isdigit()]
        if words and words[0][:1].isupper():
            rel = m.group(0).split()[0].lower()
            out.append(Place(m.group(1).strip(), " ".join(w.lower() for w in words), rel))
    return tuple(out)


def _source(sentence: str) -> Source | None:
    sentence = plain(sentence)
    for pattern in (_SOURCE_BEFORE, _SOURCE_AFTER):
        m = pattern.search(sentence)
        if m:
            names = [w.strip(".,").removesuffix("'s").lower() for w in m.group(1).split() if w[:1].isupper()]
            if names:
                verb = "according to" if "according" in m.group(0) else "say"
                return Source(m.group(1).strip(), " ".join(names), verb)
    return None


def _modality(text: str) -> tuple[Modality, str]:
    for pattern, modality in _MODALS:
        m = pattern.search(text)
        if m:
            if modality is Modality.POSSIBLE and _PERMIT.search(text) and m.group(0).lower() == "may":
                return Modality.PERMITTED, m.group(0)
            return modality, m.group(0)
    return Modality.FACT, ""


def effective_polarity(claim: Claim) -> Polarity:
    """Polarity of what the claim asserts: negating a reporting verb ("people don't talk about X")
    does not deny X."""
    if claim.polarity is Polarity.NEGATIVE and claim.predicate_lemma in lx.REPORTING_VERBS:
        return Polarity.POSITIVE
    return claim.polarity


def surface(claim: Claim, lemma: str) -> str:
    """The word of the claim's text whose stem is the lemma's ("approve" -> "approved"), else the lemma."""
    key = stem(lemma)
    return next((w for w in re.findall(r"[\w'-]+", claim.text) if stem(w.lower()) == key), lemma)


_QUANTIFIER_START = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p, _ in sorted(lx.QUANTIFIER_PHRASES, key=lambda x: -len(x[0]))) + r")\b(?: of)?", re.I
)


def quantifier_in(text: str) -> tuple[Quantifier | None, str]:
    """A quantifier opening the text ("Most of the affected households ...") and the quantified
    phrase up to the verb, else (None, "")."""
    m = _QUANTIFIER_START.match(plain(text).strip())
    if not m:
        return None, ""
    phrases = dict(lx.QUANTIFIER_PHRASES)
    phrase = " ".join(m.group(0).lower().split())
    value = phrases.get(phrase) or phrases.get(phrase.removesuffix(" of"))
    if value is None:
        return None, ""
    rest = re.split(r"\s(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|did|do|does)\b|[,;]", text[m.end():], maxsplit=1)[0]
    words = rest.split()[:4]
    return value, " ".join([m.group(0), *words])


def derived_frame(claim: Claim) -> Frame:
    """A frame from a claim's older fields and its text (claims extracted without frames)."""
    text = plain(claim.text)
    modality, modal = _modality(text)
    quantifier, quantifier_text = quantifier_in(text)
    if quantifier is None or quantifier is claim.quantifier:
        quantifier, quantifier_text = claim.quantifier, claim.quantifier_text
    polarity = effective_polarity(claim)
    if modality in (Modality.FORBIDDEN, Modality.EXCLUDED):
        polarity = Polarity.POSITIVE  # the modality carries the "not"
    # a copula's complement is the predicate ("is unsafe" -> unsafe); a fragment without a verb has none
    lemma = claim.predicate_lemma
    if lemma == "be" or lemma in lx.NEGATION_CUES:
        complement = [k for k in (claim.focus, *keys_of(claim.object, claim)) if k and k not in lx.NEGATION_CUES]
        lemma = complement[0] if complement else "be"
    predicate = Predicate(
        lemma=lemma, text=surface(claim, lemma), polarity=polarity,
        negation=claim.negations[0] if claim.negations and polarity is Polarity.NEGATIVE else "",
        modality=modality, modal=modal, tense=Tense.FUTURE if modality is Modality.CERTAIN else Tense.PRESENT,
    )
    return Frame(
        predicate=predicate, agent=_argument(claim.subject, claim), patient=_patient(claim),
        quantities=tuple(q for q in claim.quantities if q.dimension != "date"), times=times_in(claim.text, claim),
        places=_places(claim.text), source=_source(claim.sentence), quantifier=quantifier, quantifier_text=quantifier_text, hedges=claim.hedges, comparatives=claim.comparatives,
        corrected=bool(EARLIER_REPORT.search(claim.sentence)), forecast=bool(_FORECAST.search(claim.sentence)),
    )


def _known(arg: Argument | None) -> Argument | None:
    """An argument with something to match on ("it" with no resolved antecedent has nothing)."""
    return arg if arg is not None and arg.keys else None


# predicates whose content is their complement: a modal there governs the complement ("means Trevane must pay")
_COMPLEMENT_TAKERS = frozenset({"mean", "show", "suggest", "indicate", "say", "think", "believe", "expect", "hope"})


def _governs(modal: str, predicate: Predicate, text: str) -> bool:
    """Whether the modal the text shows bears on the frame's predicate ("will be released" does,
    "details have been released about how it might function" does not)."""
    if predicate.lemma in _COMPLEMENT_TAKERS:
        return True
    m = re.search(rf"\b{re.escape(modal)}\s+(?:not\s+|n't\s+)?(?:be\s+|have\s+|been\s+|able\s+to\s+)*([a-z]+)", plain(text), re.I)
    return bool(m) and stem(m.group(1).lower()) in (stem(predicate.lemma), stem(predicate.text.lower()))


def _filled(frame: Frame, derived: Frame, opening: bool, text: str) -> Frame:
    """The extraction's frame with the slots it left empty taken from the derived one (a parse
    misses a patient, a quantifier or a "not" that the claim's older fields caught). A passive
    without a "by" phrase names no doer: its subject is what was done to, never the agent."""
    predicate = frame.predicate
    if predicate.polarity is Polarity.POSITIVE and derived.predicate.polarity is Polarity.NEGATIVE and not predicate.negation:
        predicate = dataclasses.replace(predicate, polarity=Polarity.NEGATIVE, negation=derived.predicate.negation)
    if predicate.modality is Modality.FACT and derived.predicate.modality is not Modality.FACT and _governs(derived.predicate.modal, predicate, text):
        predicate = dataclasses.replace(predicate, modality=derived.predicate.modality, modal=derived.predicate.modal)
    quantified = derived.quantifier is not None and (frame.quantifier is None or opening)
    return dataclasses.replace(
        frame, predicate=predicate, agent=_known(frame.agent) or (derived.agent if predicate.voice != "passive" else None),
        patient=_known(frame.patient) or derived.patient,
        times=frame.times or derived.times, source=frame.source or derived.source,
        quantifier=derived.quantifier if quantified else frame.quantifier,
        quantifier_text=derived.quantifier_text if quantified else frame.quantifier_text,
        corrected=frame.corrected or derived.corrected, forecast=frame.forecast or derived.forecast,
    )


@functools.lru_cache(maxsize=65_536)
def frame_of(claim: Claim) -> Frame:
    """The claim's frame: the one extraction built (its empty slots filled from the claim's other
    fields), else one derived from those fields alone."""
    derived = derived_frame(claim)
    # a quantifier opening the claim is its subject's ("None of the paintings ...; all four belong ...")
    opening = quantifier_in(claim.text)[0] is not None
    return derived if claim.frame is None else _filled(claim.frame, derived, opening, claim.text)


def arg_keys(arg: Argument | None) -> frozenset[str]:
    if arg is None:
        return frozenset()
    return frozenset((*arg.keys, arg.head) if arg.head else arg.keys)


# a doer named by a pronoun alone: who it is, another sentence tells
UNKNOWN_DOERS = frozenset({"it", "he", "she", "they", "this", "that", "these", "those", "we", "i", "you", "which", "who"})


def named_doer(arg: Argument | None) -> bool:
    """The argument is there and names someone or something, not by a pronoun alone."""
    return arg is not None and arg.text.lower() not in UNKNOWN_DOERS


def figures(claim: Claim) -> tuple[Quantity, ...]:
    """The claim's quantities that are not its times: not "1987", nor the "10" of "10 p.m.", nor
    the "10-16" of "10-16 January"."""
    frame = frame_of(claim)
    times = [t.text for t in frame.times]
    return tuple(q for q in frame.quantities if q.dimension not in ("date", "time") and not any(q.text in t for t in times))


def kinds_of_one_thing(x: Argument | None, y: Argument | None, ignore: frozenset[str] = frozenset()) -> bool:
    """Two arguments with one head word, each with a modifier the other lacks ("a gaming device" /
    "an entertainment device", "their opening match" / "their final match"): two things of one
    kind, not one thing."""
    if x is None or y is None or not x.head or not y.head or stem(x.head) != stem(y.head):
        return False
    kx, ky = _modifiers(x) - ignore, _modifiers(y) - ignore
    if (kx & _LOW_DEGREE and ky & _HIGH_DEGREE) or (ky & _LOW_DEGREE and kx & _HIGH_DEGREE):
        return True  # "no major changes" / "minor changes": the two ends of a scale are two things
    kx, ky = kx - _HIGH_DEGREE, ky - _HIGH_DEGREE
    return bool(kx - ky) and bool(ky - kx)


# adjectives that stress how much a thing counts, not which kind it is: "no real advances" /
# "significant advances" speak of one thing; the low end of that scale does not ("minor changes")
_HIGH_DEGREE = frozenset({"real", "genuine", "true", "actual", "major", "significant", "considerable", "substantial",
                          "serious", "notable", "meaningful", "marked", "noticeable"})
_LOW_DEGREE = frozenset({"minor", "slight", "modest", "small", "little", "marginal", "negligible", "insignificant"})


def agentless_passive(frame: Frame) -> bool:
    """A passive that names no doer ("the PSP is released in the US"): what it is about is its patient."""
    return frame.agent is None and frame.predicate.voice == "passive"


def one_thing_named(x: Argument | None, y: Argument | None) -> bool:
    """Two arguments that name one thing in more than a head noun: the same head with a modifier
    in common ("oral arguments" / "Oral arguments in the appeal"), or a name in common; "attacks"
    / "bigger attacks" may be any attacks."""
    if x is None or y is None or not x.head or not y.head:
        return False
    if x.entity and y.entity and set(x.keys) & set(y.keys):
        return True
    return stem(x.head) == stem(y.head) and bool({w.lower() for w in _modifiers(x)} & {w.lower() for w in _modifiers(y)})


# determiners and prepositions: where the words that modify a head noun stop
PHRASE_BREAKS = frozenset(
    "a an the this that these those its their his her our my your some any each every all both "
    "of in on at by for with from into onto to than as and or but over under about after before between during "
    "which who whose".split()
)
_WORD = re.compile(r"[\w'’-]+")


def standard_keys(comparison: Comparative) -> frozenset[str]:
    """The stems of what a comparison compares against ("fewer burglaries than Westfield last year"
    -> westfield, last, year)."""
    return frozenset(stem(w.lower().strip(".,'’")) for w in comparison.than.split())


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The lower-case words of some texts (a finding's terms: "most residents" -> most, residents)."""
    return frozenset(w.lower() for text in texts for w in _WORD.findall(text))


def _modifiers(arg: Argument) -> set[str]:
    """The words right before an argument's head, back to a determiner or a preposition ("their
    opening match" -> {"opening"}; "the one Odell drove into the harbor" -> nothing); figures are
    values, not modifiers."""
    words = [w.lower() for w in _WORD.findall(arg.text)]
    head = stem(arg.head)
    at = next((k for k, w in enumerate(words) if w == arg.head or stem(w) == head), 0)
    found: set[str] = set()
    for w in reversed(words[max(0, at - 3) : at]):
        if w in PHRASE_BREAKS:
            break
        if w.isalpha() and w not in NUMBER_WORDS:
            found.add(w)
    return found


def _head(arg: Argument | None) -> str:
    return stem(arg.head) if arg is not None and arg.head else ""


def swapped(a: Claim, b: Claim) -> bool:
    """Whether the agent of each claim is the patient of the other (and not its agent)."""
    fa, fb = frame_of(a), frame_of(b)
    aa, pa, ab, pb = arg_keys(fa.agent), arg_keys(fa.patient), arg_keys(fb.agent), arg_keys(fb.patient)
    if (aa and aa == pa) or (ab and ab == pb):
        return False  # an agent that is its own patient is a misparse
    if any(f.patient is not None and f.patient.text.split()[:1] in (["that"], ["whether"], ["how"], ["if"]) for f in (fa, fb)):
        return False  # a clause ("shown that consumers divide ...") is no participant
    if aa and pa and ab and pb and (aa & pb or ab & pa):
        if bool(aa & pb) and bool(ab & pa) and not aa & ab and not pa & pb:
            return True
        # appositions widen an argument ("Wexford Mutual, the museum's insurer"): compare heads
        ha, hb, hpa, hpb = _head(fa.agent), _head(fb.agent), _head(fa.patient), _head(fb.patient)
        distinct = aa != ab  # "A and B" / "B and A" is the same doer
        return bool(distinct and ha and hb and ha != hb and ha in pb and (hb in pa or hpa in ab) and hpb != hb)
    return False
