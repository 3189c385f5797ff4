"""Stage 2: Articles -> Claims. spaCy Docs never leave this module."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language

from claimcheck.types import Article, Claim

LOGGER = logging.getLogger(__name__)

Progress = Callable[[int], None]


def _place(claim: Claim, article: Article, block_index: int, sentence_base: int) -> Claim:
    """Give a Doc-relative claim its article id, global sentence index and file offsets."""
    block = article.body_blocks[block_index]
    to_orig = block.offsets.to_original
    sent = sentence_base + claim.sentence_index

    def cid(local: str) -> str:
        s, _, k = local.partition(".")
        return f"{article.id}:{sentence_base + int(s)}.{k}"

    return replace(
        claim,
        id=cid(claim.id),
        partner=cid(claim.partner) if claim.partner else "",
        doc_id=article.id,
        sentence_index=sent,
        start=to_orig(claim.start),
        end=to_orig(claim.end),
        claim_start=to_orig(claim.claim_start),
        claim_end=to_orig(claim.claim_end),
    )


def extract_claims(
    articles: Sequence[Article],
    nlp: Language,
    batch_size: int = 64,
    n_process: int = 1,
    progress: Progress | None = None,
) -> dict[str, tuple[Claim, ...]]:
    """Claims of every article, keyed by article id, in article and text order.

    Every body block of every article goes through ``nlp.pipe`` once (ids carried with
    ``as_tuples``); ``progress`` is called with the number of articles finished.
    """
    items: list[tuple[str, tuple[int, int]]] = [
        (block.text, (ai, bi)) for ai, article in enumerate(articles) for bi, block in enumerate(article.body_blocks)
    ]
    remaining = [len(a.body_blocks) for a in articles]
    results: dict[str, list[Claim]] = {a.id: [] for a in articles}
    sentence_base = [0] * len(articles)
    for ai, article in enumerate(articles):
        if remaining[ai] == 0 and progress:
            progress(1)
    docs: Iterable = nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (ai, bi) in docs:
        article = articles[ai]
        for claim in doc._.claims:
            results[article.id].append(_place(claim, article, bi, sentence_base[ai]))
        sentence_base[ai] += sum(1 for _ in doc.sents)
        remaining[ai] -= 1
        if remaining[ai] == 0 and progress:
            progress(1)
    return {k: tuple(v) for k, v in results.items()}
