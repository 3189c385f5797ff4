"""The claim matrix: the same statement across articles, and which article says what.

Claims are grouped into *clusters* — one statement in different words — and each cluster gets a
row with one cell per article: ``supports``, ``contradicts`` or ``silent``.

Clustering (greedy, deterministic, no threshold of its own):

* **Links.** Two claims of different articles are linked when the run found them in conflict (a
  flag between them) or in agreement (an alignment with relation ``agree``: score at least
  ``Settings.agree_score`` and the same polarity). ``related`` alignments do not link.
* **Merging.** Links are taken strongest first — conflicts first (a pair the rules found in
  conflict is about the same thing), then agreements, each by alignment score — and merge the two
  clusters they join, but only when

  1. the merged cluster still has **at most one claim per article** (so a chain of weak links
     can never be longer than the number of articles, and each cell is one sentence), and
  2. **at least half** of the claim pairs across the two clusters are aligned at all (any
     alignment or flag), so a cluster does not grow through a single weak link.

  A merge that breaks a rule is skipped; the clusters stay apart (nothing is split afterwards).
* Only clusters spanning two or more articles are reported.

Cells. Inside a cluster, agreement links say "same side" and conflict links "opposite sides";
the articles are two-coloured along them. When a cluster holds a conflict:

* the **smaller side contradicts** and the larger side supports;
* on a **tie** (for example two articles that contradict each other) **both sides contradict**:
  there is no majority to side with;
* when the links cannot be two-coloured consistently (three articles giving three different
  figures), every article with a conflict in the cluster contradicts.

Every other article in the cluster supports; an article with no claim in the cluster is silent.
The article columns are pandas categoricals of the three stances (a big corpus has thousands).
The representative statement is the supporting claim best linked inside the cluster. Clusters
are sorted by disagreement: most contradicting articles first, then the most severe flag, then
the most articles, then the position of their first claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations

import numpy as np
import pandas as pd

from claimcheck.report.frames import SEPARATOR, alignments_frame, claims_frame, flags_frame
from claimcheck.lexicon import CLAIM_TYPES, OTHER_TYPE
from claimcheck.types import FlagKind, Relation, Result, Severity

MATRIX_COLUMNS = ["cluster_id", "statement", "claim_type", "articles", "contradicting", "kinds", "claim_ids"]
ARTICLE_COLUMN_PREFIX = "article:"  # only for an article id that equals a fixed column's name


class Stance(str, Enum):
    """What one article says about a cluster's statement."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    SILENT = "silent"


STANCES = tuple(Stance)  # the categories of the matrix's article columns, in this order


@dataclass(frozen=True)
class Cluster:
    """One statement across articles: its claims (one per article) and each article's stance."""

    claim_ids: tuple[str, ...]  # in article order
    doc_ids: tuple[str, ...]  # the article of each claim
    stances: tuple[Stance, ...]  # the stance of each of those articles
    representative: str  # claim id
    statement: str
    claim_type: str
    kinds: tuple[str, ...]  # kinds of the flags inside the cluster, in FlagKind order
    severity: int  # rank of the most severe flag inside the cluster, 0 without one

    @property
    def contradicting(self) -> int:
        return sum(s is Stance.CONTRADICTS for s in self.stances)


@dataclass(frozen=True)
class _Claim:
    id: str
    doc: str
    order: int
    text: str
    claim_type: str
    worthiness: float


def article_column(doc_id: str) -> str:
    """The matrix column of an article: its id, unless that id is a fixed column's name."""
    return f"{ARTICLE_COLUMN_PREFIX}{doc_id}" if doc_id in MATRIX_COLUMNS else doc_id


def column_doc_id(column: str) -> str:
    """The article id of a matrix article column (the inverse of :func:`article_column`)."""
    rest = column.removeprefix(ARTICLE_COLUMN_PREFIX)
    return rest if rest != column and rest in MATRIX_COLUMNS else column


def matrix_frame(result: Result) -> pd.DataFrame:
    """The claim matrix of ``result``: one row per cluster, one column per article (corpus order)."""
    return build_matrix(
        claims_frame(result), alignments_frame(result), flags_frame(result), [a.id for a in result.articles]
    )


def build_matrix(
    claims: pd.DataFrame, alignments: pd.DataFrame, flags: pd.DataFrame, doc_ids: Sequence[str]
) -> pd.DataFrame:
    """The claim matrix from the report tables (as written to / read from the CSV files)."""
    clusters = claim_clusters(claims, alignments, flags)
    docs = list(dict.fromkeys([*doc_ids, *(d for c in clusters for d in c.doc_ids)]))
    position = {d: i for i, d in enumerate(docs)}
    codes = np.full((len(docs), len(clusters)), STANCES.index(Stance.SILENT), dtype=np.int8)  # one row per article
    fixed = []
    for number, cluster in enumerate(clusters):
        for doc_id, stance in zip(cluster.doc_ids, cluster.stances):
            codes[position[doc_id], number] = STANCES.index(stance)
        fixed.append(
            [
                f"C{number + 1}",
                cluster.statement,
                cluster.claim_type,
                len(cluster.claim_ids),
                cluster.contradicting,
                SEPARATOR.join(cluster.kinds),
                SEPARATOR.join(cluster.claim_ids),
            ]
        )
    frame = pd.DataFrame(fixed, columns=MATRIX_COLUMNS).astype({"articles": "int64", "contradicting": "int64"})
    stance_type = pd.CategoricalDtype([s.value for s in STANCES])
    cells = {
        article_column(d): pd.Categorical.from_codes(codes[k], dtype=stance_type, validate=False) for k, d in enumerate(docs)
    }
    return pd.concat([frame, pd.DataFrame(cells, index=frame.index)], axis=1)


def claim_clusters(claims: pd.DataFrame, alignments: pd.DataFrame, flags: pd.DataFrame) -> list[Cluster]:
    """Clusters spanning two or more articles, most disputed first (see the module docstring)."""
    ids, docs, texts, types, worthiness = (claims[c].tolist() for c in ["claim_id", "doc_id", "claim", "claim_type", "worthiness"])
    row = {claim_id: i for i, claim_id in enumerate(ids)}  # the last row of an id, as the claims table lists them
    linked_ids = {c for frame in (alignments, flags) for column in ("claim_a", "claim_b") for c in frame[column].tolist()}
    known = {
        claim_id: _Claim(claim_id, docs[i], i, texts[i], types[i], float(worthiness[i]))
        for claim_id, i in row.items()
        if claim_id in linked_ids  # only claims in a pair can join a cluster
    }
    linked: set[frozenset[str]] = set()
    score: dict[frozenset[str], float] = {}
    agree: set[frozenset[str]] = set()
    agree_value = Relation.AGREE.value
    for claim_a, claim_b, pair_score, relation in _rows(alignments, ["claim_a", "claim_b", "score", "relation"]):
        a, b = known.get(claim_a), known.get(claim_b)
        if a is None or b is None or a.doc == b.doc:
            continue
        pair = frozenset((a.id, b.id))
        linked.add(pair)
        score[pair] = max(score.get(pair, 0.0), float(pair_score))
        if relation == agree_value:
            agree.add(pair)
    conflict: dict[frozenset[str], list[tuple[str, int]]] = {}  # pair -> [(kind, severity rank)]
    for claim_a, claim_b, kind, severity, flag_score in _rows(flags, ["claim_a", "claim_b", "kind", "severity", "score"]):
        a, b = known.get(claim_a), known.get(claim_b)
        if a is None or b is None or a.doc == b.doc:
            continue  # a flag inside one article says nothing about the others
        pair = frozenset((a.id, b.id))
        linked.add(pair)
        score.setdefault(pair, float(flag_score))
        conflict.setdefault(pair, []).append((kind, Severity(severity).rank))
    agree -= set(conflict)

    def strength(pair: frozenset[str]) -> tuple[float, tuple[int, ...]]:
        return -score[pair], tuple(sorted(known[c].order for c in pair))

    edges = sorted(conflict, key=strength) + sorted(agree, key=strength)
    groups = _merge(edges, known, linked)
    clusters = [_cluster(members, known, score, agree, conflict) for members in groups if len(members) > 1]
    clusters.sort(key=lambda c: (-c.contradicting, -c.severity, -len(c.claim_ids), known[c.claim_ids[0]].order))
    return clusters


def _rows(frame: pd.DataFrame, columns: list[str]) -> Iterable[tuple]:
    """The frame's rows as tuples of plain values, for the columns asked (faster than to_dict)."""
    return zip(*(frame[c].tolist() for c in columns))


@dataclass
class _Group:
    members: list[str]
    ids: set[str]
    docs: set[str]


def _merge(
    edges: Iterable[frozenset[str]], known: dict[str, _Claim], linked: set[frozenset[str]]
) -> list[list[str]]:
    """Greedy merging along ``edges`` under the one-claim-per-article and half-linked rules."""
    neighbours: dict[str, set[str]] = {}
    for pair in linked:
        x, y = tuple(pair)
        neighbours.setdefault(x, set()).add(y)
        neighbours.setdefault(y, set()).add(x)
    group_of: dict[str, _Group] = {}
    for edge in edges:
        a, b = sorted(edge, key=lambda c: known[c].order)
        ga = group_of.setdefault(a, _Group([a], {a}, {known[a].doc}))
        gb = group_of.setdefault(b, _Group([b], {b}, {known[b].doc}))
        if ga is gb or ga.docs & gb.docs:
            continue
        small, large = (ga, gb) if len(ga.members) <= len(gb.members) else (gb, ga)
        links = sum(len(neighbours.get(x, set()) & large.ids) for x in small.members)
        if 2 * links < len(ga.members) * len(gb.members):
            continue
        ga.members.extend(gb.members)
        ga.ids |= gb.ids
        ga.docs |= gb.docs
        for c in gb.members:
            group_of[c] = ga
    unique = {id(group): group.members for group in group_of.values()}
    return list(unique.values())


_TYPE_ORDER = list(CLAIM_TYPES)
_KIND_ORDER = [k.value for k in FlagKind]


def _cluster(
    members: list[str],
    known: dict[str, _Claim],
    score: dict[frozenset[str], float],
    agree: set[frozenset[str]],
    conflict: dict[frozenset[str], list[tuple[str, int]]],
) -> Cluster:
    claims = sorted((known[c] for c in members), key=lambda c: c.order)
    stance = _stances([c.id for c in claims], agree, conflict)
    found = [flag for x, y in combinations(members, 2) for flag in conflict.get(frozenset((x, y)), [])]
    supporters = [c for c in claims if stance[c.id] is Stance.SUPPORTS] or claims

    def linkage(c: _Claim) -> tuple[float, float, int]:
        total = sum(score.get(frozenset((c.id, o.id)), 0.0) for o in claims if o is not c)
        return total, c.worthiness, -c.order

    representative = max(supporters, key=linkage)
    types = Counter(c.claim_type for c in claims)
    if set(types) - {OTHER_TYPE}:
        types.pop(OTHER_TYPE, None)
    best = max(types.values())
    tied = [t for t in types if types[t] == best]
    claim_type = representative.claim_type if representative.claim_type in tied else min(
        tied, key=lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else len(_TYPE_ORDER)
    )
    kinds = sorted({k for k, _ in found}, key=lambda k: _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER))
    return Cluster(
        claim_ids=tuple(c.id for c in claims),
        doc_ids=tuple(c.doc for c in claims),
        stances=tuple(stance[c.id] for c in claims),
        representative=representative.id,
        statement=representative.text,
        claim_type=claim_type,
        kinds=tuple(kinds),
        severity=max((rank for _, rank in found), default=0),
    )


def _stances(
    members: list[str], agree: set[frozenset[str]], conflict: dict[frozenset[str], list[tuple[str, int]]]
) -> dict[str, Stance]:
    """Two-colour the members along agree (same side) and conflict (opposite sides) links."""
    sign: dict[str, list[tuple[str, int]]] = {m: [] for m in members}
    for x, y in combinations(members, 2):
        pair = frozenset((x, y))
        if pair in conflict:
            sign[x].append((y, 1))
            sign[y].append((x, 1))
        elif pair in agree:
            sign[x].append((y, 0))
            sign[y].append((x, 0))
    stance = {m: Stance.SUPPORTS for m in members}
    colour: dict[str, int] = {}
    for start in members:
        if start in colour:
            continue
        colour[start] = 0
        component, queue, balanced, disputed = [start], [start], True, False
        while queue:
            node = queue.pop()
            for other, flip in sign[node]:
                disputed = disputed or bool(flip)
                want = colour[node] ^ flip
                if other not in colour:
                    colour[other] = want
                    component.append(other)
                    queue.append(other)
                elif colour[other] != want:
                    balanced = False
        if not disputed:
            continue
        if not balanced:
            for m in component:
                if any(flip for _, flip in sign[m]):
                    stance[m] = Stance.CONTRADICTS
            continue
        sizes = Counter(colour[m] for m in component)
        minority = {c for c in (0, 1) if sizes[c] <= sizes[1 - c]}
        for m in component:
            if colour[m] in minority:
                stance[m] = Stance.CONTRADICTS
    return stance
