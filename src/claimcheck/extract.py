"""Stage 2: Articles -> Claims. spaCy Docs never leave this module."""

from __future__ import annotations

import logging
import os
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

# A runner extracts chunks of articles somewhere (processes, a Dask cluster) and yields each
# chunk's claims as it finishes.
Runner = Callable[[list[Sequence[Article]], Settings], Iterable[dict[str, tuple[Claim, ...]]]]


def _worker_init(model: str | None, blas: int) -> None:
    global _WORKER_NLP
    from claimcheck.nlp import load_pipeline
    from claimcheck.nlp.loading import blas_threads

    blas_threads(blas)
    _WORKER_NLP = load_pipeline(model)


def extract_chunk(articles: Sequence[Article], model: str | None, batch_size: int) -> dict[str, tuple[Claim, ...]]:
    """Extract one chunk in a worker process; the pipeline is loaded once per process."""
    from claimcheck.nlp import load_pipeline

    nlp = _WORKER_NLP if _WORKER_NLP is not None else load_pipeline(model)
    return extract_claims(articles, nlp, batch_size=batch_size)


def chunks(items: Sequence[Article], parts: int) -> list[Sequence[Article]]:
    """Split into chunks of 1..32 articles, about four per worker."""
    size = max(1, min(32, len(items) // (parts * 4) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def process_runner(pieces: list[Sequence[Article]], settings: Settings) -> Iterable[dict[str, tuple[Claim, ...]]]:
    """Run chunks on ``settings.jobs`` local processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork where there is one: workers inherit the loaded pipeline instead of loading it again
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    blas = max(1, (os.cpu_count() or 1) // settings.jobs)  # the cores shared out, not oversubscribed
    with ProcessPoolExecutor(settings.jobs, mp_context=context, initializer=_worker_init, initargs=(settings.model, blas)) as pool:
        futures = [pool.submit(extract_chunk, chunk, settings.model, settings.batch_size) for chunk in pieces]
        for future in as_completed(futures):
            yield future.result()


def extract_corpus(
    articles: Sequence[Article], settings: Settings, progress: Progress | None = None, runner: Runner | None = None
) -> tuple[dict[str, tuple[Claim, ...]], str]:
    """Claims of every article (cached ones read back, the rest extracted), and the pipeline id.

    Articles not in the cache are extracted in this process, or by ``runner`` (default: local
    processes when ``settings.jobs > 1``), each worker loading the pipeline once.
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
    if runner is None and settings.jobs > 1 and len(todo) > 1:
        runner = process_runner
    by_id = {a.id: a for a in todo}

    def keep(result: dict[str, tuple[Claim, ...]]) -> None:
        found.update(result)
        if cache:  # as each chunk finishes: an interrupted run keeps what it extracted
            for article_id, claims in result.items():
                cache.put(by_id[article_id], claims)

    if runner is not None and todo:
        for result in runner(chunks(todo, max(settings.jobs, 1)), settings):
            keep(result)
            if progress:
                progress(len(result))
    elif todo:
        for piece in chunks(todo, 1):
            keep(extract_claims(piece, nlp, batch_size=settings.batch_size, progress=progress))
    return {a.id: found[a.id] for a in articles}, name
