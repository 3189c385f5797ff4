"""Stage 2: Articles -> Claims. spaCy Docs never leave this module."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language

from claimcheck.settings import Settings
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
    docs: Iterable = nlp.pipe(items, as_tuples=True, batch_size=batch_size)
    for doc, (ai, bi) in docs:
        article = articles[ai]
        for claim in doc._.claims:
            results[article.id].append(_place(claim, article, bi, sentence_base[ai]))
        sentence_base[ai] += sum(1 for _ in doc.sents)
        remaining[ai] -= 1
        if remaining[ai] == 0 and progress:
            progress(1)
    return {k: tuple(v) for k, v in results.items()}


_WORKER_NLP: Language | None = None


def _worker_init(model: str | None) -> None:
    global _WORKER_NLP
    from claimcheck.nlp import load_pipeline

    _WORKER_NLP = load_pipeline(model)


def _worker_extract(articles: Sequence[Article], batch_size: int) -> dict[str, tuple[Claim, ...]]:
    if _WORKER_NLP is None:  # pragma: no cover - the pool's initializer always runs first
        _worker_init(None)
    return extract_claims(articles, _WORKER_NLP, batch_size=batch_size)


def _chunks(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def extract_corpus(
    articles: Sequence[Article], settings: Settings, progress: Progress | None = None
) -> tuple[dict[str, tuple[Claim, ...]], str]:
    """Claims of every article (cached ones read back, the rest extracted), and the pipeline id.

    With ``settings.jobs > 1`` the articles to extract are spread over that many processes, each
    loading the pipeline once.
    """
    from claimcheck import __version__
    from claimcheck.cache import ClaimCache
    from claimcheck.nlp import load_pipeline, pipeline_id

    nlp = load_pipeline(settings.model)
    name = pipeline_id(nlp)
    cache = ClaimCache(settings.cache_dir, name, __version__) if settings.cache_dir else None
    found: dict[str, tuple[Claim, ...]] = {}
    todo: list[Article] = []
    for article in articles:
        hit = cache.get(article) if cache else None
        if hit is None:
            todo.append(article)
        else:
            found[article.id] = hit
            if progress:
                progress(1)
    if cache and found:
        LOGGER.info("claim cache: %d articles read back, %d to extract", len(found), len(todo))
    if settings.jobs > 1 and len(todo) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        size = max(1, min(32, len(todo) // (settings.jobs * 4) or 1))
        # fork where there is one: workers inherit the loaded pipeline instead of loading it again
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(settings.jobs, mp_context=context, initializer=_worker_init, initargs=(settings.model,)) as pool:
            futures = {pool.submit(_worker_extract, chunk, settings.batch_size): len(chunk) for chunk in _chunks(todo, size)}
            for future in as_completed(futures):
                found.update(future.result())
                if progress:
                    progress(futures[future])
    elif todo:
        found.update(extract_claims(todo, nlp, batch_size=settings.batch_size, progress=progress))
    if cache:
        for article in todo:
            cache.put(article, found[article.id])
    return {a.id: found[a.id] for a in articles}, name
