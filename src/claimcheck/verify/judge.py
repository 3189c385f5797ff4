"""The verifier's word on what the rules found (stage 4b): drop, add, and settle agreement.

After the rules have run over the aligned pairs, the learned verifier reads each candidate pair of
sentences (the other way round too where that could change a decision: ``_both_ways``) and:

- drops a rule flag whose pair it judges entailment with high confidence (logged at debug level),
  except the kinds it cannot see (swapped roles, another source: the frames own those);
- drops a rule flag whose pair it judges neutral with high confidence both ways round: two
  sentences that, read whole, speak of different things (another kick of the match, another
  country, another version of a record) although one slot of their frames differs;
- adds a flag where it judges contradiction with high confidence and no rule fired, but only when
  both claims state an event in two different sentences (``checks.two_statements``) and their
  frames say both speak of the same subject, time and scope (``checks.same_event``), and inside
  one article only where one slot differs (a figure, a time, a place, the polarity): two lines of
  one article that differ in a name alone are items of a list ("Release date to be confirmed on
  GameCube." / "... on DS."), and the verifier's reading inside one article tells nothing more;
  its kind is the one frame slot that differs (``checks.likely_slot``), else ``contradiction`` (inside one article:
  ``self_contradiction``), its ``confidence`` the verifier's P(contradiction), and its explanation
  names the words in which the two sentences differ;
- adds a flag where two aligned sentences give another time, figure or place for one slot
  (``checks.clashing_values``) and, read with the second's values swapped for the first's, each
  entails the other: the same statement told in other words with another value ("The Arlow
  Bridge reopened to traffic on Sept. 4" / "Traffic began flowing again across the Arlow Bridge on
  19 September"), which the rules, needing one predicate, miss; the frames' gates still hold;
- keeps an alignment ``agree`` only when it judges entailment in at least one direction (a
  sentence that the other repeats word for word is not read: it entails itself).

Thresholds come with the model (its config.json: chosen on the NLI dev split and the public
benchmark, never on MultiNLI dev), so a retrained model brings its own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import numpy as np

from claimcheck.align import AlignmentSet, Pair
from claimcheck.cache import CheckCache, NoCheckCache
from claimcheck.checks import clashing_values, likely_slot, same_event, two_statements
from claimcheck.checks.gates import gate
from claimcheck.checks.view import normalised
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Claim, Flag, FlagKind, Relation, Severity, ValueClash
from claimcheck.verify.runtime import CONTRADICTION, ENTAILMENT, NEUTRAL, load_verifier
from claimcheck.verify.scoring import score_pairs

LOGGER = logging.getLogger(__name__)

# kinds the verifier cannot judge (it reads "A sued B" / "B sued A" and two sources' identical
# quotes as entailment): their rule flags stand whatever it says
BLIND_KINDS = frozenset({FlagKind.ROLE_SWAP, FlagKind.ATTRIBUTION, FlagKind.CAUSAL_INCOHERENCE})
# alignment below which a pair is not read for a flag of the verifier's own: a flag no rule
# explains needs the alignment a flag inside one article needs (Settings.min_self_alignment). On
# all 2,225 BBC articles the pairs between 0.5 and this were 10,873 of 12,433 candidates, half of
# all pairs read, and raised none of its flags; on the held-out pairs one of 15 (benchmarks/pairs.py)
VERIFY_FLOOR = 0.6
DEFAULTS = {"drop_entailment": 0.9, "drop_neutral": 0.9, "flag_contradiction": 0.9, "agree_entailment": 0.5, "same_after_swap": 0.75}
_WORD = re.compile(r"[\w$€£%.,:'’-]+")
_STOP = frozenset(
    "a an the of to in on at by for and or but is are was were be been it its this that these those with as from "
    "he she they his her their has have had will would said says".split()
)


def thresholds() -> dict[str, float]:
    """The model's decision thresholds (its config.json's ``thresholds``), with defaults."""
    chosen = load_verifier().config.get("thresholds", {})
    return {name: float(chosen.get(name, default)) if isinstance(chosen, dict) else default for name, default in DEFAULTS.items()}


def _words(sentence: str) -> list[str]:
    return [w.strip(".,:'’-") for w in _WORD.findall(sentence)]


def differing_words(a: str, b: str, most: int = 4) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content words of each sentence that the other lacks (case folded), in text order."""
    wa, wb = _words(a), _words(b)
    la, lb = {w.lower() for w in wa}, {w.lower() for w in wb}
    only_a = [w for w in dict.fromkeys(wa) if w and w.lower() not in lb and w.lower() not in _STOP]
    only_b = [w for w in dict.fromkeys(wb) if w and w.lower() not in la and w.lower() not in _STOP]
    return tuple(only_a[:most]), tuple(only_b[:most])


def _fmt(words: tuple[str, ...]) -> str:
    return ", ".join(repr(w) for w in words) if words else "nothing"


def sentence_key(a: str, b: str) -> tuple[str, str]:
    """A pair of sentences in sorted order: the same key whichever way round."""
    return (a, b) if a <= b else (b, a)


def open_to_flag(a: Claim, b: Claim) -> bool:
    """Whether the verifier may flag the pair: both claims state an event in two sentences, their
    frames say one subject, time and scope, and inside one article one slot differs."""
    return two_statements(a, b) and same_event(a, b) and (a.doc_id != b.doc_id or likely_slot(a, b) is not None)


def reading(
    aligned: AlignmentSet,
    flags: tuple[Flag, ...],
    alignments: tuple[Alignment, ...],
    settings: Settings,
    memo: CheckCache | NoCheckCache = NoCheckCache(),
) -> tuple[dict[tuple[str, str], int], list[tuple[Pair, bool]]]:
    """What the verifier reads: the sentence pairs a rule flagged or called agreement (to confirm
    them; not one sentence and its copy), and the closely aligned pairs the frames say speak of
    one event (where it may add a flag). Returns each sentence pair's row in the score array (pairs in sorted order, so either
    way round is one row) and the aligned pairs that may get a flag of its own, with whether
    they lie inside one article."""
    usable = aligned.claims
    judged = {sentence_key(f.sentence_a, f.sentence_b) for f in flags if f.sentence_b}
    judged |= {sentence_key(al.sentence_a, al.sentence_b) for al in alignments
               if al.relation is Relation.AGREE and normalised(al.sentence_a) != normalised(al.sentence_b)}
    candidates: list[tuple[Pair, bool]] = []
    for pairs, inside, floor in ((aligned.across, False, settings.min_flag_alignment), (aligned.within, True, settings.min_self_alignment)):
        for pair in pairs:
            if pair.score >= max(floor, VERIFY_FLOOR) and memo.answer("open", usable[pair.i], usable[pair.j], open_to_flag):
                candidates.append((pair, inside))
    index: dict[tuple[str, str], int] = {key: n for n, key in enumerate(sorted(judged))}
    for pair, _ in candidates:
        index.setdefault(sentence_key(usable[pair.i].sentence, usable[pair.j].sentence), len(index))
    return index, candidates


def swapped(sentence: str, values: tuple[tuple[str, str], ...]) -> str | None:
    """The sentence with each value of the other claim's in place of its own ((theirs, ours)
    pairs), or None when one is not found in it."""
    for theirs, ours in values:
        at = sentence.find(ours)
        if at < 0:
            return None
        sentence = sentence[:at] + theirs + sentence[at + len(ours):]
    return sentence


def swap_reading(aligned: AlignmentSet, skip: set[tuple[str, str]], settings: Settings) -> list["Swap"]:
    """The aligned pairs (their sentences not in ``skip``) whose sentences give another value for
    one slot and that no gate keeps apart: each with its sentence key, whether it lies inside one
    article, the clash, and the second sentence with the first's values."""
    usable = aligned.claims
    out = []
    for pairs, inside, floor in ((aligned.across, False, settings.min_flag_alignment), (aligned.within, True, settings.min_self_alignment)):
        for pair in pairs:
            a, b = usable[pair.i], usable[pair.j]
            key = sentence_key(a.sentence, b.sentence)
            if pair.score < floor or key in skip or not two_statements(a, b):
                continue
            clash = clashing_values(a, b)
            if clash is None or gate(a, b, clash.kind, tuple(v for two in clash.values for v in two), same_statement=True):
                continue
            other = swapped(b.sentence, clash.values)
            if other is not None and other != b.sentence:
                out.append((key, pair, inside, clash, other))
    return out


def judge(
    aligned: AlignmentSet,
    flags: tuple[Flag, ...],
    alignments: tuple[Alignment, ...],
    settings: Settings,
    memo: CheckCache | NoCheckCache = NoCheckCache(),
) -> tuple[tuple[Flag, ...], tuple[Alignment, ...]]:
    """The rule flags and alignments after the verifier's word (unchanged when it is off); the
    frames' answers per pair read from ``memo`` where it holds them."""
    if not settings.verifier:
        return flags, alignments
    usable = aligned.claims
    index, candidates = reading(aligned, flags, alignments, settings, memo)
    ruled = {sentence_key(f.sentence_a, f.sentence_b) for f in flags if f.sentence_b}  # a rule's flag, kept or dropped
    swaps = swap_reading(aligned, ruled, settings)
    if not index and not swaps:
        return flags, alignments  # nothing to read: the model is not loaded
    limits = thresholds()
    entail = contra = np.zeros(len(index))
    kept: list[Flag] = list(flags)
    if index:
        # what each pair is read for: its entailment against a threshold, or its contradiction
        needs = {key: 0.0 for key in index}
        for f in flags:
            if f.sentence_b:
                needs[sentence_key(f.sentence_a, f.sentence_b)] = limits["drop_entailment"]
        for al in alignments:
            key = sentence_key(al.sentence_a, al.sentence_b)
            if al.relation is Relation.AGREE and key in needs:
                needs[key] = max(needs[key], limits["agree_entailment"])
        flaggable = {index[sentence_key(usable[p.i].sentence, usable[p.j].sentence)] for p, _ in candidates}
        vetoable = {index[sentence_key(f.sentence_a, f.sentence_b)] for f in flags if f.sentence_b and f.kind not in BLIND_KINDS}
        scored_pairs = _both_ways(list(index), [needs[key] for key in index], flaggable, vetoable, limits, settings)
        if scored_pairs is None:
            return flags, alignments
        entail, contra, neutral = scored_pairs
        kept = []
        for flag in flags:
            k = index.get(sentence_key(flag.sentence_a, flag.sentence_b)) if flag.sentence_b else None
            if k is not None and flag.kind not in BLIND_KINDS:
                if entail[k] >= limits["drop_entailment"]:
                    LOGGER.debug("verifier drops %s flag (P(entailment) %.2f): %r / %r", flag.kind.value, entail[k], flag.sentence_a, flag.sentence_b)
                    continue
                if neutral[k] >= limits["drop_neutral"]:
                    LOGGER.debug("verifier drops %s flag (P(neutral) %.2f both ways): %r / %r", flag.kind.value, neutral[k], flag.sentence_a, flag.sentence_b)
                    continue
            kept.append(flag)
    flagged = {sentence_key(f.sentence_a, f.sentence_b) for f in kept if f.sentence_b}
    added: dict[tuple[str, str], Flag] = {}
    for pair, inside in candidates:
        a, b = usable[pair.i], usable[pair.j]
        key = sentence_key(a.sentence, b.sentence)
        k = index[key]
        if key in flagged or key in added or contra[k] < limits["flag_contradiction"]:
            continue
        flag = _verifier_flag(a, b, inside, float(contra[k]), pair.score)
        if flag.kind in settings.kinds:
            added[key] = flag
    unread = [swap for swap in swaps if swap[0] not in added]
    for key, flag in _read_swapped(aligned, unread, limits["same_after_swap"], settings).items():
        if flag.kind in settings.kinds:
            added[key] = flag
    if added:
        LOGGER.info("verifier: %d flags the rules did not raise", len(added))
    contradicted = flagged | set(added)
    relations = []
    for al in alignments:
        key = sentence_key(al.sentence_a, al.sentence_b)
        k = index.get(key)
        if key in added:
            al = replace(al, relation=Relation.CONTRADICT)
        elif al.relation is Relation.AGREE and (key in contradicted or (k is not None and entail[k] < limits["agree_entailment"])):
            al = replace(al, relation=Relation.RELATED)
        relations.append(al)
    return tuple(kept) + tuple(added.values()), tuple(relations)


Swap = tuple[tuple[str, str], Pair, bool, ValueClash, str]  # sentence key, pair, inside one article, clash, swapped sentence


def _read_swapped(aligned: AlignmentSet, found: list[Swap], at: float, settings: Settings) -> dict[tuple[str, str], Flag]:
    """Flags for the pairs of ``swap_reading`` that, read with the values swapped, entail each
    other both ways with P(entailment) of at least ``at``."""
    if not found:
        return {}
    probs = score_pairs([aligned.claims[pair.i].sentence for _, pair, *_ in found], [other for *_, other in found], settings, both_directions=True)
    if probs is None:
        return {}
    out: dict[tuple[str, str], Flag] = {}
    for (key, pair, inside, clash, _), p in zip(found, probs):
        forward, backward = float(p[0, ENTAILMENT]), float(p[1, ENTAILMENT])
        if min(forward, backward) >= at and key not in out:
            out[key] = _swap_flag(aligned.claims[pair.i], aligned.claims[pair.j], inside, clash, (forward, backward), pair.score)
    return out


_SLOT_NAMES = {FlagKind.DATE: "time", FlagKind.NUMERIC: "figure", FlagKind.LOCATION: "place"}


def _swap_flag(a: Claim, b: Claim, inside: bool, clash: ValueClash, entail: tuple[float, float], score: float) -> Flag:
    """A flag for one statement told twice with another value: the values, and the verifier's reading."""
    kind = FlagKind.SELF_CONTRADICTION if inside else clash.kind
    (value_a, value_b), p = clash.values[0], min(entail)
    where = f"inside {a.doc_id}, " if inside else ""
    explanation = (
        f"{where}{clash.kind.value}: {value_a!r} in {a.doc_id} vs {value_b!r} in {b.doc_id}; with the "
        f"{_SLOT_NAMES[clash.kind]}s swapped the verifier reads each sentence as saying the other "
        f"(P(entailment) {entail[0]:.2f}, {entail[1]:.2f}): one statement told with two values"
    )
    severity = Severity.HIGH if p >= 0.9 and not (a.hedges or b.hedges) else Severity.MEDIUM
    terms_a = tuple(x for x, _ in clash.values)
    terms_b = tuple(y for _, y in clash.values)
    return Flag(kind, severity, round(score * p, 3), a.doc_id, a.sentence, b.doc_id, b.sentence, explanation,
                a.id, b.id, terms_a, terms_b, round(p, 3))


def _both_ways(
    texts: list[tuple[str, str]], entail_needed: list[float], flaggable: set[int], vetoable: set[int],
    limits: dict[str, float], settings: Settings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """P(entailment) in the likelier direction, P(contradiction) averaged over both and, for the
    rule flags (``vetoable``), P(neutral) in the less neutral direction, per pair.

    The second direction is read only where it can change a decision: a pair read to test its
    entailment against a threshold (``entail_needed``: a rule flag's drop threshold, an
    agreement's, else 0) that its first reading already reaches needs no other; a mean over
    two readings reaches the contradiction threshold t only if each reading is at least 2t - 1;
    and a rule flag (``vetoable``) is neutral both ways only if its first reading is. So the
    decisions are those of reading every pair both ways, for fewer model runs."""
    forward = score_pairs([a for a, _ in texts], [b for _, b in texts], settings)
    if forward is None:
        return None
    entail, contra, neutral = (forward[:, label].copy() for label in (ENTAILMENT, CONTRADICTION, NEUTRAL))
    flag_at, neutral_at = limits["flag_contradiction"], limits["drop_neutral"]
    need = [k for k in range(len(texts))
            if entail[k] < entail_needed[k] or (k in flaggable and contra[k] >= 2 * flag_at - 1)
            or (k in vetoable and neutral[k] >= neutral_at)]
    if need:
        backward = score_pairs([texts[k][1] for k in need], [texts[k][0] for k in need], settings)
        rows = np.array(need)
        entail[rows] = np.maximum(entail[rows], backward[:, ENTAILMENT])
        contra[rows] = (contra[rows] + backward[:, CONTRADICTION]) / 2
        neutral[rows] = np.minimum(neutral[rows], backward[:, NEUTRAL])
    lone = np.ones(len(texts), dtype=bool)
    lone[need] = False
    contra[lone] = 0.0  # read one way only: below 2t - 1 there, so its mean is below t
    return entail, contra, neutral


def _verifier_flag(a: Claim, b: Claim, inside: bool, p: float, score: float) -> Flag:
    """A flag the verifier raised: typed by the frame slot that differs."""
    slot = likely_slot(a, b)
    kind = FlagKind.SELF_CONTRADICTION if inside else (slot or FlagKind.CONTRADICTION)
    words_a, words_b = differing_words(a.sentence, b.sentence)
    where = f"inside {a.doc_id}, " if inside else ""
    what = f"{slot.value}: " if slot else ""
    explanation = (
        f"{where}{what}the verifier judges these cannot both be true (P(contradiction) {p:.2f}); "
        f"{a.doc_id} says {_fmt(words_a)} where {b.doc_id} says {_fmt(words_b)}"
    )
    severity = Severity.HIGH if p >= 0.97 and not (a.hedges or b.hedges) else Severity.MEDIUM
    return Flag(kind, severity, round(score * p, 3), a.doc_id, a.sentence, b.doc_id, b.sentence, explanation,
                a.id, b.id, words_a, words_b, round(p, 3))
