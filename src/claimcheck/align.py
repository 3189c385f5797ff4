"""Stage 3: Claims -> Alignments. All rapidfuzz use lives here.

Candidate pairs come from an inverted index over claims' content stems (blocking), so the work
grows with the number of pairs that share words, not with the square of the claims. Each
candidate is scored with rapidfuzz on the normalized stem strings and combined with an
IDF-weighted overlap of stems, entities and numbers.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from claimcheck.settings import Settings
from claimcheck.types import Alignment, Claim

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


def _keys(claim: Claim) -> frozenset[str]:
    return frozenset(claim.lemmas)


def _idf(keysets: Sequence[frozenset[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for ks in keysets:
        df.update(ks)
    n = len(keysets)
    return {k: math.log(1.0 + n / d) for k, d in df.items()}


def candidate_pairs(keysets: Sequence[frozenset[str]], min_shared: int = MIN_SHARED, batch: int = 4_000_000) -> np.ndarray:
    """Pairs (i < j) of claims sharing at least ``min_shared`` stems, from an inverted index.

    Pair codes are counted in batches (unique + counts per batch, then merged), so memory stays
    proportional to the distinct pairs, not to every pair of every posting list.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keysets):
        for k in ks:
            postings[k].append(i)
    n = len(keysets)
    pending: list[np.ndarray] = []
    pending_size = 0
    uniques: list[np.ndarray] = []
    counts: list[np.ndarray] = []

    def flush() -> None:
        nonlocal pending, pending_size
        if pending:
            u, c = np.unique(np.concatenate(pending), return_counts=True)
            uniques.append(u)
            counts.append(c)
        pending, pending_size = [], 0

    for ids in postings.values():
        if 1 < len(ids) <= MAX_POSTING:
            arr = np.asarray(ids, dtype=np.int64)
            a, b = np.triu_indices(len(arr), 1)
            pending.append(arr[a] * n + arr[b])
            pending_size += len(a)
            if pending_size >= batch:
                flush()
    flush()
    if not uniques:
        return np.empty((0, 2), dtype=np.int64)
    codes, weights = np.concatenate(uniques), np.concatenate(counts)
    order = np.argsort(codes, kind="stable")
    codes, weights = codes[order], weights[order]
    starts = np.concatenate(([0], np.flatnonzero(np.diff(codes)) + 1))
    codes, totals = codes[starts], np.add.reduceat(weights, starts)
    codes = codes[totals >= min_shared]
    return np.stack([codes // n, codes % n], axis=1)


def all_pairs(n: int) -> np.ndarray:
    """Every pair (i < j): the unblocked baseline."""
    a, b = np.triu_indices(n, 1)
    return np.stack([a, b], axis=1).astype(np.int64)


def _combine(ka: frozenset[str], kb: frozenset[str], ea: frozenset[str], eb: frozenset[str], idf: dict[str, float], fz: float) -> tuple[float, float]:
    shared = ka & kb
    wa = sum(idf[k] for k in ka)
    wb = sum(idf[k] for k in kb)
    ws = sum(idf[k] for k in shared)
    dice = 2 * ws / (wa + wb) if wa + wb else 0.0
    contain = ws / min(wa, wb) if min(wa, wb) else 0.0
    score = 0.3 * fz / 100.0 + 0.35 * dice + 0.35 * contain
    if ea & eb:
        score += 0.05
    return min(1.0, score), dice


@dataclass(frozen=True)
class Prepared:
    """What scoring needs about the usable claims, computed once (and shipped to Dask workers)."""

    strings: tuple[str, ...]  # normalized stem strings, the rapidfuzz input
    keysets: tuple[frozenset[str], ...]
    entities: tuple[frozenset[str], ...]
    docs: np.ndarray  # article index of each claim
    idf: dict[str, float]


def prepare(usable: Sequence[Claim]) -> Prepared:
    keysets = tuple(_keys(c) for c in usable)
    doc_index: dict[str, int] = {}
    docs = np.array([doc_index.setdefault(c.doc_id, len(doc_index)) for c in usable], dtype=np.int64)
    return Prepared(
        strings=tuple(" ".join(c.lemmas) for c in usable), keysets=keysets,
        entities=tuple(frozenset(c.entities) for c in usable), docs=docs, idf=_idf(keysets),
    )


def candidates(usable: Sequence[Claim], prep: Prepared, blocking: bool) -> np.ndarray:
    """Pairs (i < j) worth scoring: sharing >= MIN_SHARED stems, never two clauses of one sentence."""
    pairs = candidate_pairs(prep.keysets) if blocking else all_pairs(len(usable))
    if not blocking and len(pairs):
        shared = np.array([len(prep.keysets[i] & prep.keysets[j]) for i, j in pairs], dtype=np.int64)
        pairs = pairs[shared >= MIN_SHARED]
    if len(pairs):
        sentence = np.array([c.sentence_index for c in usable], dtype=np.int64)
        i, j = pairs[:, 0], pairs[:, 1]
        pairs = pairs[(prep.docs[i] != prep.docs[j]) | (sentence[i] != sentence[j])]
    return pairs


def score_pairs(pairs: np.ndarray, prep: Prepared, settings: Settings, matrix: np.ndarray | None = None) -> list[Pair]:
    """Score candidate pairs: rapidfuzz first (``score_cutoff`` prunes), then the combined score."""
    if not len(pairs):
        return []
    if matrix is None:
        # only the candidates: rapidfuzz's element-wise sibling of cdist
        fuzz_scores = process.cpdist(
            [prep.strings[i] for i in pairs[:, 0]],
            [prep.strings[j] for j in pairs[:, 1]],
            scorer=SCORER,
            processor=None,
            score_cutoff=settings.align_cutoff,
            dtype=np.uint8,
            workers=-1,
        )
    else:
        fuzz_scores = matrix[pairs[:, 0], pairs[:, 1]]
    fuzz_scores = np.asarray(fuzz_scores)
    keep = fuzz_scores > 0  # below score_cutoff rapidfuzz returns 0
    out: list[Pair] = []
    for (i, j), fz in zip(pairs[keep].tolist(), fuzz_scores[keep].tolist()):
        score, overlap = _combine(prep.keysets[i], prep.keysets[j], prep.entities[i], prep.entities[j], prep.idf, float(fz))
        if score >= settings.min_alignment:
            out.append(Pair(i, j, round(score, 4), float(fz), round(overlap, 4)))
    return out


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
    matrix = None
    if not settings.blocking and len(pairs):
        # the all-pairs baseline: one symmetric matrix (same list object for both sides)
        strings = list(prep.strings)
        matrix = process.cdist(
            strings, strings, scorer=SCORER, processor=None, score_cutoff=settings.align_cutoff, dtype=np.uint8, workers=-1
        )
    return split(usable, score_pairs(pairs, prep, settings, matrix), len(pairs))


def pair_score(a: Claim, b: Claim, idf: dict[str, float] | None = None) -> float:
    """Combined similarity of two claims on their own (used by tests and tools)."""
    ka, kb = _keys(a), _keys(b)
    idf = idf or {k: 1.0 for k in ka | kb}
    fz = float(SCORER(" ".join(a.lemmas), " ".join(b.lemmas), processor=None))
    return _combine(ka, kb, frozenset(a.entities), frozenset(b.entities), idf, fz)[0]
