"""Stage 3: Claims -> Alignments. All rapidfuzz use lives here.

Candidate pairs come from claims' content stems (blocking: a sparse claims x stems incidence
matrix times its transpose counts the stems each pair shares), so the work grows with the number
of pairs that share words, not with the square of the claims. Each candidate is scored with
rapidfuzz on the normalized stem strings and combined with an IDF-weighted overlap of stems and
shared entities, all as array operations.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import rapidfuzz
from rapidfuzz import fuzz, process
from scipy import sparse

from claimcheck.cache import PairCache
from claimcheck.checks.view import times_in
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Claim, Quantity

LOGGER = logging.getLogger(__name__)

SCORER = fuzz.token_sort_ratio
MIN_SHARED = 2  # content stems two claims must share to be compared at all
MAX_POSTING = 300  # a stem shared by more claims than this is too common to block on


@dataclass(frozen=True)
class Pair:
    """A scored pair of claims (indices into the claim list given to ``align``)."""

    i: int
    j: int
    score: float
    fuzz: float
    overlap: float


@dataclass(frozen=True)
class AlignmentSet:
    claims: tuple[Claim, ...]
    across: tuple[Pair, ...]  # claims from different articles
    within: tuple[Pair, ...]  # claims from different sentences of one article
    candidates: int = 0  # pairs scored with rapidfuzz

    def alignment(self, pair: Pair, relation) -> Alignment:
        a, b = self.claims[pair.i], self.claims[pair.j]
        return Alignment(
            claim_a=a.id, claim_b=b.id, doc_a=a.doc_id, doc_b=b.doc_id, sentence_a=a.sentence, sentence_b=b.sentence,
            text_a=a.text, text_b=b.text, score=pair.score, fuzz=pair.fuzz, overlap=pair.overlap, relation=relation,
        )


def value_keys(claim: Claim) -> tuple[str, ...]:
    """Keys for the values a claim states, the same however they are written: "$4.2 billion" and
    "4.2 billion dollars" -> "#money:4.2e+09"; "Oct. 8" and "8 October" -> "@date:--10-08"; "2-1" and
    "two to one" -> "#score:1-2".
    They join the content stems for blocking and overlap (not the rapidfuzz strings)."""
    keys = [f"#{q.dimension}:{_key_value(q)}" + (f"-{q.high:g}" if q.dimension == "score" else "")
            for q in claim.quantities if q.low == q.low]
    times = claim.frame.times if claim.frame is not None else times_in(claim.text)
    keys.extend(f"@{t.kind}:{t.value}" for t in times if t.kind != "relative")
    return tuple(dict.fromkeys(keys))


def _key_value(q: Quantity) -> str:
    """A figure to three significant digits ("$4.2 billion" and "4.23 billion dollars" alike); a year
    exactly ("2009" is not "2010")."""
    return f"{q.low:g}" if q.dimension == "date" else f"{float(f'{q.low:.3g}'):g}"


MEASURED_TIMES = frozenset({"time", "date", "weekday"})


def measure_keys(claim: Claim) -> frozenset[str]:
    """What a claim's values measure, whatever the values: "about 2,300 households" -> "#count:household",
    "310 km" -> "#length:m", "at 3:11 a.m." -> "@time". Two claims of one event that measure the same
    thing are one statement to check, even in few shared words ("Police reached the museum at 3:11
    a.m." / "Officers arrived at the museum at 3:45 a.m.")."""
    keys = {f"#{q.dimension}:{q.unit}" for q in claim.quantities if q.dimension not in ("number", "date")}
    times = claim.frame.times if claim.frame is not None else times_in(claim.text)
    return frozenset(keys | {f"@{t.kind}" for t in times if t.kind in MEASURED_TIMES})


def _keys(claim: Claim, values: Sequence[str] | None = None) -> frozenset[str]:
    return frozenset((*claim.lemmas, *(value_keys(claim) if values is None else values)))


@dataclass(frozen=True)
class KeyIndex:
    """Claims' key sets as integer arrays (CSR): the keys of claim ``i`` are
    ``ids[ptr[i]:ptr[i + 1]]``, ascending, each key numbered ``0 .. size - 1``."""

    ptr: np.ndarray
    ids: np.ndarray
    size: int  # number of distinct keys

    @classmethod
    def build(cls, keysets: Sequence[Iterable[str]]) -> KeyIndex:
        lengths = np.fromiter((len(ks) for ks in keysets), dtype=np.int64, count=len(keysets))
        flat = [k for ks in keysets for k in ks]
        ids, vocab = pd.factorize(pd.Series(flat, dtype=object)) if flat else (np.empty(0, dtype=np.int64), ())
        size = len(vocab)
        owners = np.repeat(np.arange(len(keysets), dtype=np.int64), lengths)
        codes = np.sort(owners * max(size, 1) + ids)
        codes = codes[np.concatenate(([True], np.diff(codes) != 0))] if len(codes) else codes  # one per (claim, key)
        ptr = np.searchsorted(codes, np.arange(len(keysets) + 1, dtype=np.int64) * max(size, 1))
        return cls(ptr.astype(np.int64), (codes % max(size, 1)).astype(np.int64), size)

    @property
    def claims(self) -> int:
        return len(self.ptr) - 1

    def owners(self) -> np.ndarray:
        """The claim of each entry of ``ids``."""
        return np.repeat(np.arange(self.claims, dtype=np.int64), np.diff(self.ptr))

    def document_frequency(self) -> np.ndarray:
        return np.bincount(self.ids, minlength=self.size)

    def shared(self, pairs: np.ndarray, weights: np.ndarray | None = None, chunk: int = 400_000) -> np.ndarray:
        """Per pair (i, j): the number of keys both claims have, or the sum of their ``weights``."""
        out = np.zeros(len(pairs), dtype=np.float64 if weights is not None else np.int64)
        if not len(pairs) or not len(self.ids):
            return out
        codes = self.owners() * self.size + self.ids
        for start in range(0, len(pairs), chunk):
            i, j = pairs[start : start + chunk, 0], pairs[start : start + chunk, 1]
            lengths = self.ptr[i + 1] - self.ptr[i]
            rows = np.repeat(np.arange(len(i)), lengths)
            offsets = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            keys = self.ids[self.ptr[i][rows] + offsets]
            wanted = j[rows] * self.size + keys
            pos = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
            hit = codes[pos] == wanted
            if weights is None:
                out[start : start + len(i)] = np.bincount(rows[hit], minlength=len(i))
            else:
                out[start : start + len(i)] = np.bincount(rows[hit], weights=weights[keys[hit]], minlength=len(i))
        return out


def _idf(index: KeyIndex) -> np.ndarray:
    df = index.document_frequency()
    with np.errstate(divide="ignore"):
        return np.log(1.0 + index.claims / df)  # a key with no claims never gets looked up


def candidate_pairs(keysets: Sequence[frozenset[str]], min_shared: int = MIN_SHARED) -> np.ndarray:
    """Pairs (i < j) of claims sharing at least ``min_shared`` keys (keys of at most MAX_POSTING claims)."""
    return _candidates(KeyIndex.build(keysets), min_shared)


def _candidates(index: KeyIndex, min_shared: int, block: int = 2048) -> np.ndarray:
    """Pairs (i < j) sharing at least ``min_shared`` keys of at most MAX_POSTING claims each.

    The shared-key counts of the pairs are the sparse product (claims x keys) @ (keys x claims),
    computed a block of claims at a time against the claims from the block on (only pairs with
    i < j are wanted: about half the product); its cost grows with the pairs that share a key,
    not with the square of the claims.
    """
    n = index.claims
    df = index.document_frequency()
    rare = ((df > 1) & (df <= MAX_POSTING))[index.ids]
    incidence = sparse.csr_matrix(
        (np.ones(int(rare.sum()), dtype=np.int32), (index.owners()[rare], index.ids[rare])), shape=(n, index.size)
    )
    found: list[np.ndarray] = []
    for first in range(0, n, block):  # a block of rows at a time: memory for one block's pairs only
        later = incidence[first:].T.tocsr()  # keys x claims first .. n - 1
        shared = (incidence[first : first + block] @ later).tocoo()
        rows = shared.row.astype(np.int64) + first
        cols = shared.col.astype(np.int64) + first
        keep = (shared.data >= min_shared) & (cols > rows)
        found.append(rows[keep] * n + cols[keep])
    codes = np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    return np.stack([codes // n, codes % n], axis=1)


def all_pairs(n: int) -> np.ndarray:
    """Every pair (i < j): the unblocked baseline."""
    a, b = np.triu_indices(n, 1)
    return np.stack([a, b], axis=1).astype(np.int64)


@dataclass(frozen=True)
class Prepared:
    """What scoring needs about the usable claims, computed once (and shipped to Dask workers)."""

    strings: tuple[str, ...]  # normalized stem strings, the rapidfuzz input
    index: KeyIndex  # content keys
    idf: np.ndarray  # per key id
    weight: np.ndarray  # per claim: the idf sum of its keys
    entities: KeyIndex  # named entities
    docs: np.ndarray  # article index of each claim
    sentences: np.ndarray  # sentence index of each claim
    predicates: tuple[str, ...] = ()  # each claim's predicate lemma (frame, else the claim's own)
    arguments: tuple[frozenset[str], ...] = ()  # each claim's agent and patient keys
    values: tuple[frozenset[str], ...] = ()  # each claim's value keys (figures, dates, times)
    measures: tuple[frozenset[str], ...] = ()  # what each claim's values measure (measure_keys)


def _roles(claim: Claim) -> tuple[str, frozenset[str]]:
    frame = claim.frame
    if frame is None:
        return claim.predicate_lemma, frozenset()
    keys = frozenset(k for arg in (frame.agent, frame.patient) if arg is not None for k in (*arg.keys, arg.head) if k)
    return frame.predicate.lemma, keys


def prepare(usable: Sequence[Claim]) -> Prepared:
    values = [frozenset(value_keys(c)) for c in usable]
    index = KeyIndex.build([_keys(c, v) for c, v in zip(usable, values)])
    roles = [_roles(c) for c in usable]
    idf = _idf(index)
    doc_index: dict[str, int] = {}
    docs = np.array([doc_index.setdefault(c.doc_id, len(doc_index)) for c in usable], dtype=np.int64)
    return Prepared(
        strings=tuple(" ".join(c.lemmas) for c in usable), index=index, idf=idf,
        weight=np.bincount(index.owners(), weights=idf[index.ids], minlength=len(usable)),
        entities=KeyIndex.build([c.entities for c in usable]), docs=docs,
        sentences=np.array([c.sentence_index for c in usable], dtype=np.int64),
        predicates=tuple(r[0] for r in roles), arguments=tuple(r[1] for r in roles), values=tuple(values),
        measures=tuple(measure_keys(c) for c in usable),
    )


def candidates(usable: Sequence[Claim], prep: Prepared, blocking: bool) -> np.ndarray:
    """Pairs (i < j) worth scoring: sharing >= MIN_SHARED stems, never two clauses of one sentence."""
    if blocking:
        pairs = _candidates(prep.index, MIN_SHARED)
    else:
        pairs = all_pairs(len(usable))
        pairs = pairs[prep.index.shared(pairs) >= MIN_SHARED]
    if len(pairs):
        i, j = pairs[:, 0], pairs[:, 1]
        pairs = pairs[(prep.docs[i] != prep.docs[j]) | (prep.sentences[i] != prep.sentences[j])]
    return pairs


def _exact(value: str) -> bool:
    """A value key naming one figure or one day exactly ("1,800 troops", "$300m", "9 ft", "Oct. 8",
    "6:42 a.m."): not a bare number, a year, a percentage, a duration ("three months"), a count
    under ten, a month or a weekday, which many statements of one story share."""
    if value.startswith(("@date:", "@time:")):
        return True
    kind, _, number = value.partition(":")
    if kind in ("#number", "#date", "#ratio") or kind.startswith("#duration") or not kind.startswith("#"):
        return False
    return kind != "#count" or float(number) >= 10


def _sharing_an_exact_value(pairs: np.ndarray, kept: np.ndarray, prep: Prepared) -> list[int]:
    """The pairs rapidfuzz pruned whose claims share one exact figure or day (:func:`_exact`):
    one statement in other words is often too unlike on the surface for the cutoff, and one exact
    value shared is the evidence the frame bonus then weighs."""
    if not prep.values:
        return []
    exact = [frozenset(filter(_exact, v)) for v in prep.values]
    has = np.array([bool(v) for v in exact])
    rows = np.flatnonzero(~kept & has[pairs[:, 0]] & has[pairs[:, 1]])
    return [int(k) for k in rows if exact[pairs[k, 0]] & exact[pairs[k, 1]]]


ENTITY_BONUS = 0.05
FRAME_BONUS = 0.1  # one statement by frames: a shared argument, and related predicates or the same value
ONE_EVENT = frozenset({"same", "synonym", "hypernym", "converse"})  # predicate relations that tell one event


def _frame_bonus(pairs: np.ndarray, score: np.ndarray, prep: Prepared, floor: float) -> np.ndarray:
    """Raise the pairs just below the floor whose frames say they make one statement in other words:
    a shared argument with related predicates (the same, a synonym, an antonym, a converse) or the
    same figure or date ("the winners collect €2.4m in prize money" / "Rovers will receive 2.4
    million euros in prize money"); one exact figure or day, whatever else is shared ("insured for
    $300m" / "holds insurance cover of 300 million dollars": :func:`_exact`); or predicates of one
    event measuring the same thing ("reached the museum at 3:11 a.m." / "arrived at the museum at
    3:45 a.m."). Only the few pairs in that window are looked at."""
    if not prep.predicates:
        return score
    window = np.flatnonzero((score < floor) & (score + FRAME_BONUS >= floor))
    if not len(window):
        return score
    from claimcheck.checks.lexical import predicate_relation  # stage 4's lexicon of relations

    score = score.copy()
    for k in window.tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        shared_argument, shared_measure = prep.arguments[i] & prep.arguments[j], prep.measures[i] & prep.measures[j]
        shared_values = prep.values[i] & prep.values[j]
        if shared_values and (shared_argument or any(map(_exact, shared_values))):
            score[k] += FRAME_BONUS
            continue
        if not (shared_argument or shared_measure):
            continue  # the predicates' relation (the costly part) cannot matter
        related = predicate_relation(prep.predicates[i], prep.predicates[j])
        if shared_argument and related or related in ONE_EVENT and shared_measure:
            score[k] += FRAME_BONUS
    return score


def _combine(shared: np.ndarray, wa: np.ndarray, wb: np.ndarray, fz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Combined score (without the entity bonus) and idf-weighted Dice overlap, per pair."""
    total, smaller = wa + wb, np.minimum(wa, wb)
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(total > 0, 2 * shared / total, 0.0)
        contain = np.where(smaller > 0, shared / smaller, 0.0)
    return 0.3 * fz / 100.0 + 0.35 * dice + 0.35 * contain, dice


def fuzz_pairs(pairs: np.ndarray, prep: Prepared, settings: Settings) -> np.ndarray:
    """Rapidfuzz scores of the candidate pairs (0 below ``align_cutoff``): cpdist, the element-wise
    sibling of cdist, on the pairs' normalized stem strings."""
    if not len(pairs):
        return np.zeros(0, dtype=np.uint8)
    return np.asarray(
        process.cpdist(
            [prep.strings[i] for i in pairs[:, 0]],
            [prep.strings[j] for j in pairs[:, 1]],
            scorer=SCORER,
            processor=None,
            score_cutoff=settings.align_cutoff,
            dtype=np.uint8,
            workers=-1,
        )
    )


def _cached_fuzz(pairs: np.ndarray, prep: Prepared, settings: Settings, cache: PairCache) -> np.ndarray:
    """:func:`fuzz_pairs`, scoring only the pairs the pair cache does not hold, then saving all."""
    keys = PairCache.keys(prep.strings)
    a, b = keys[pairs[:, 0]], keys[pairs[:, 1]]
    scores, found = cache.lookup(a, b)
    scores[~found] = fuzz_pairs(pairs[~found], prep, settings)
    LOGGER.info("pair cache: %d candidate pairs read back, %d scored", cache.hits, cache.misses)
    cache.save(a, b, scores)
    return scores


def score_pairs(
    pairs: np.ndarray, prep: Prepared, settings: Settings, matrix: np.ndarray | None = None, known: np.ndarray | None = None
) -> list[Pair]:
    """Score candidate pairs: rapidfuzz first (``score_cutoff`` prunes; the ``known`` scores when
    given, else taken from ``matrix`` or computed), then the combined score."""
    if not len(pairs):
        return []
    if known is not None:
        fuzz_scores = np.asarray(known)
    elif matrix is not None:
        fuzz_scores = matrix[pairs[:, 0], pairs[:, 1]]
    else:
        fuzz_scores = fuzz_pairs(pairs, prep, settings)
    fz_all = fuzz_scores.astype(np.float64)
    keep = fuzz_scores > 0  # below score_cutoff rapidfuzz returns 0
    for k in _sharing_an_exact_value(pairs, keep, prep):  # "collect prize money of €2.4m" / "will receive 2.4 million euros"
        keep[k] = True
        fz_all[k] = SCORER(prep.strings[pairs[k, 0]], prep.strings[pairs[k, 1]], processor=None)
    pairs, fz = pairs[keep], fz_all[keep]
    i, j = pairs[:, 0], pairs[:, 1]
    base, dice = _combine(prep.index.shared(pairs, prep.idf), prep.weight[i], prep.weight[j], fz)
    near = np.flatnonzero(base + ENTITY_BONUS + FRAME_BONUS >= settings.min_alignment)
    pairs, base, dice, fz = pairs[near], base[near], dice[near], fz[near]
    score = np.minimum(1.0, np.where(prep.entities.shared(pairs) > 0, base + ENTITY_BONUS, base))
    score = _frame_bonus(pairs, score, prep, settings.min_alignment)
    kept = score >= settings.min_alignment
    return [
        Pair(a, b, round(s, 4), f, round(d, 4))
        for a, b, s, f, d in zip(pairs[kept, 0].tolist(), pairs[kept, 1].tolist(), score[kept].tolist(), fz[kept].tolist(), dice[kept].tolist())
    ]


def split(usable: Sequence[Claim], scored: Sequence[Pair], candidates_count: int) -> AlignmentSet:
    across = tuple(p for p in scored if usable[p.i].doc_id != usable[p.j].doc_id)
    within = tuple(p for p in scored if usable[p.i].doc_id == usable[p.j].doc_id)
    LOGGER.info("scored %d candidate pairs of %d claims: %d alignments", candidates_count, len(usable), len(across))
    return AlignmentSet(tuple(usable), across, within, candidates=candidates_count)


def usable_claims(claims: Sequence[Claim], settings: Settings) -> tuple[Claim, ...]:
    return tuple(c for c in claims if c.worthiness >= settings.min_worthiness and len(c.lemmas) >= 2)


def align(claims: Sequence[Claim], settings: Settings) -> AlignmentSet:
    """Score claim pairs across articles (and across sentences inside one article)."""
    usable = usable_claims(claims, settings)
    if len(usable) < 2:
        return AlignmentSet(usable, (), ())
    prep = prepare(usable)
    pairs = candidates(usable, prep, settings.blocking)
    matrix = known = None
    if not settings.blocking and len(pairs):
        # the all-pairs baseline: one symmetric matrix (same list object for both sides)
        strings = list(prep.strings)
        matrix = process.cdist(
            strings, strings, scorer=SCORER, processor=None, score_cutoff=settings.align_cutoff, dtype=np.uint8, workers=-1
        )
    elif settings.cache_dir is not None and len(pairs):
        known = _cached_fuzz(pairs, prep, settings, PairCache(settings.cache_dir, pair_setup(settings)))
    return split(usable, score_pairs(pairs, prep, settings, matrix, known), len(pairs))


def pair_setup(settings: Settings) -> str:
    """What a cached rapidfuzz score depends on besides the two strings."""
    return f"{SCORER.__module__}.{SCORER.__name__} rapidfuzz {rapidfuzz.__version__} cutoff {settings.align_cutoff}"


def pair_score(a: Claim, b: Claim, idf: dict[str, float] | None = None) -> float:
    """Combined similarity of two claims on their own (used by tests and tools)."""
    ka, kb = _keys(a), _keys(b)
    idf = idf or {k: 1.0 for k in ka | kb}
    wa, wb, shared = (sum(idf[k] for k in keys) for keys in (ka, kb, ka & kb))
    fz = float(SCORER(" ".join(a.lemmas), " ".join(b.lemmas), processor=None))
    base, _ = _combine(np.array([shared]), np.array([wa]), np.array([wb]), np.array([fz]))
    bonus = ENTITY_BONUS if set(a.entities) & set(b.entities) else 0.0
    return min(1.0, float(base[0]) + bonus)
