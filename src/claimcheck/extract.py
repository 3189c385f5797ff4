"""Stage 2: Articles -> Claims. spaCy Docs never leave this module."""

from __future__ import annotations

import datetime as dt
import logging
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from claimcheck.errors import ExtractionError
from claimcheck.nlp.times import anchored_frame, article_date
from claimcheck.runtime import batch_gc
from claimcheck.settings import Settings, usable_cores
from claimcheck.types import Article, Claim

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

LOGGER = logging.getLogger(__name__)

Progress = Callable[[int], None]


def _place(claim: Claim, article: Article, block_index: int, sentence_base: int, when: dt.date | None = None) -> Claim:
    """Give a Doc-relative claim its article id, global sentence index and file offsets, and its
    frame's relative times the article's date ``when``."""
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
        frame=anchored_frame(claim.frame, when) if claim.frame is not None else None,
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
    dates = [article_date(a.text) for a in articles]
    docs: Iterable = nlp.pipe(items, as_tuples=True, batch_size=batch_size)
    for doc, (ai, bi) in docs:
        article = articles[ai]
        for claim in doc._.claims:
            results[article.id].append(_place(claim, article, bi, sentence_base[ai], dates[ai]))
        sentence_base[ai] += sum(1 for _ in doc.sents)
        remaining[ai] -= 1
        if remaining[ai] == 0 and progress:
            progress(1)
    return {k: tuple(v) for k, v in results.items()}


_WORKER_NLP: Language | None = None

# A runner hands chunks of articles to extraction somewhere (processes, a Dask cluster) when
# called, and returns an iterable of each chunk's claims as it finishes.
Runner = Callable[[list[Sequence[Article]], Settings], Iterable[dict[str, tuple[Claim, ...]]]]


def _worker_init(model: str | None, blas: int) -> None:
    global _WORKER_NLP
    from claimcheck.nlp.choice import BUNDLED_PIPELINE, choose

    if choose(model) == str(BUNDLED_PIPELINE):  # spaCy's own components only: no command line needed
        from claimcheck.nlp.lean import import_spacy_without_cli

        import_spacy_without_cli()
    from claimcheck.nlp import load_pipeline
    from claimcheck.nlp.loading import blas_threads

    blas_threads(blas)
    _WORKER_NLP = load_pipeline(model)


def extract_chunk(articles: Sequence[Article], model: str | None, batch_size: int) -> dict[str, tuple[Claim, ...]]:
    """Extract one chunk in a worker process; the pipeline is loaded once per process."""
    from claimcheck.nlp import load_pipeline

    nlp = _WORKER_NLP if _WORKER_NLP is not None else load_pipeline(model)
    return extract_claims(articles, nlp, batch_size=batch_size)


CHARS_PER_PROCESS = 100_000  # text worth one more process: about as long to extract as a pipeline takes to load


def processes_for(articles: Iterable[Article], jobs: int) -> int:
    """How many of ``jobs`` extraction processes ``articles`` are worth: one per CHARS_PER_PROCESS
    characters of body text, at least one. A process spends its first seconds loading the pipeline,
    so a few new articles are extracted faster by one process than split over many."""
    chars = sum(len(block.text) for article in articles for block in article.body_blocks)
    return max(1, min(jobs, chars // CHARS_PER_PROCESS))


def chunks(items: Sequence[Article], parts: int) -> list[Sequence[Article]]:
    """Split into chunks of 1..32 articles, about four per worker."""
    size = max(1, min(32, len(items) // (parts * 4) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _serve(conn: Connection, parent_end: Connection, model: str | None, blas: int, batch_size: int) -> None:
    """An extraction process: load the pipeline at once, then answer each chunk it is sent with
    ("ok", claims by article) or ("error", exception), until it is sent None or its parent goes."""
    parent_end.close()  # the parent's end, inherited: only the parent may hold it, so its exit ends us
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends us
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while the parent started us
    with batch_gc():  # extraction runs spaCy over many documents: collect cycles even if the parent does not
        _answer(conn, model, blas, batch_size)


def _answer(conn: Connection, model: str | None, blas: int, batch_size: int) -> None:
    failure: BaseException | None = None
    try:
        _worker_init(model, blas)
    except Exception as exc:  # noqa: BLE001 - a pipeline that cannot load: the answer to every chunk
        failure = exc
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            if failure is not None:
                raise failure
            reply: tuple[str, object] = ("ok", extract_chunk(chunk, model, batch_size))
        except Exception as exc:  # noqa: BLE001 - sent back and raised in the parent
            reply = ("error", exc)
        try:
            conn.send(reply)
        except (OSError, ValueError):  # the parent is gone (killed, interrupted): nobody to answer
            return
        except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled: its message
            conn.send(("error", ExtractionError(f"{type(reply[1]).__name__}: {reply[1]} ({exc})")))


class LocalWorkers:
    """``settings.jobs`` extraction processes on this machine, each loading the pipeline as it starts.

    A :data:`Runner`. Started early (:meth:`start`, as the CLI does before it reads the corpus:
    :func:`early_workers`), the processes load spaCy and the pipeline while this one reads the
    articles and the claim cache; otherwise they start when there is work for them. :meth:`close`
    (or leaving the ``with`` block) ends them, loaded or not.
    """

    def __init__(self, settings: Settings) -> None:
        import multiprocessing

        # fork where there is one: processes start with this one's imports (and pipeline, if loaded)
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._settings = settings
        self._blas = max(1, usable_cores() // max(1, settings.jobs))  # the cores shared out
        self._workers: list[tuple[BaseProcess, Connection]] = []

    def start(self, count: int | None = None) -> LocalWorkers:
        """Start processes up to ``count`` (default: ``settings.jobs``); returns self."""
        wanted = self._settings.jobs if count is None else min(count, self._settings.jobs)
        while len(self._workers) < max(1, wanted):
            mine, theirs = self._context.Pipe()
            s = self._settings
            process = self._context.Process(target=_serve, args=(theirs, mine, s.model, self._blas, s.batch_size), daemon=True)
            with _sigint_blocked():  # a Ctrl-C now waits for the parent: the child ignores it before it can arrive
                process.start()
            theirs.close()
            self._workers.append((process, mine))
        return self

    @property
    def pids(self) -> tuple[int, ...]:
        """The process ids of the processes started so far."""
        return tuple(cast(int, process.pid) for process, _ in self._workers)

    def __call__(self, pieces: list[Sequence[Article]], settings: Settings) -> Iterator[dict[str, tuple[Claim, ...]]]:
        """Extract ``pieces`` on the processes started so far, plus as many more (up to
        ``settings.jobs``) as the work is worth (:func:`processes_for`). The first pieces are sent
        at once; the returned iterator yields each chunk's claims as it finishes."""
        self.start(min(len(pieces), processes_for((a for piece in pieces for a in piece), settings.jobs)))
        todo = list(reversed(pieces))
        busy: dict[Connection, BaseProcess] = {}
        for process, conn in self._workers:
            if todo:
                _send(process, conn, todo.pop())
                busy[conn] = process
        return self._collect(busy, todo)

    @staticmethod
    def _collect(busy: dict[Connection, BaseProcess], todo: list[Sequence[Article]]) -> Iterator[dict[str, tuple[Claim, ...]]]:
        from multiprocessing.connection import wait

        while busy:
            for ready in wait(list(busy)):
                conn = cast("Connection", ready)
                process = busy.pop(conn)
                try:
                    kind, payload = conn.recv()
                except (EOFError, OSError):
                    raise _died(process) from None
                if kind == "error":
                    raise cast(BaseException, payload)
                if todo:
                    _send(process, conn, todo.pop())
                    busy[conn] = process
                yield cast(dict, payload)

    def close(self) -> None:
        """End the processes (at once: one may still be loading a pipeline nobody needs)."""
        for process, conn in self._workers:
            conn.close()
            if process.is_alive():
                process.terminate()
        for process, _ in self._workers:
            process.join()
        self._workers.clear()

    def __enter__(self) -> LocalWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _send(process: BaseProcess, conn: Connection, chunk: Sequence[Article]) -> None:
    """Hand ``chunk`` to ``process``; an ExtractionError if it has died (its end of the pipe is closed)."""
    try:
        conn.send(chunk)
    except OSError:  # BrokenPipeError, ConnectionResetError: nobody reads at the other end
        raise _died(process) from None


def _died(process: BaseProcess) -> ExtractionError:
    """The error for an extraction process that died, naming how once it is reaped."""
    process.join(30)  # its pipe closed as it died; the exit code follows as soon as it is reaped
    return ExtractionError(f"an extraction process died ({_ending(process.exitcode)}); try fewer --jobs")


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back in this thread meanwhile (where the system can), then delivered: a process
    forked meanwhile starts with it blocked and ignores it before unblocking it (:func:`_serve`), so
    a Ctrl-C reaches only this process, which ends the others."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ending(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return f"killed by {name}" + (", out of memory?" if -code == signal.SIGKILL else "")
    return f"exit code {code}"


@contextmanager
def early_workers(settings: Settings) -> Iterator[LocalWorkers | None]:
    """Extraction processes for a run, the first started now to load the pipeline while the caller
    reads the corpus and the cache (the others start if there is work for them). None on a
    one-core machine, where a load that turns out unneeded (every article cached) would only slow
    the rest down."""
    if usable_cores() < 2:
        yield None
        return
    with LocalWorkers(settings) as workers:
        yield workers.start(1)


def extract_corpus(
    articles: Sequence[Article],
    settings: Settings,
    progress: Progress | None = None,
    runner: Runner | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[dict[str, tuple[Claim, ...]], str]:
    """Claims of every article (cached ones read back, the rest extracted), and the pipeline id.

    Articles not in the cache are extracted in this process, or by ``runner`` (default: local
    processes when the work is worth more than one, see :func:`processes_for`), each worker
    loading the pipeline once. The pipeline is named from its meta.json and loaded only when
    something is extracted here. ``meanwhile`` is called once the runner has the work, before
    waiting for it (not called without a runner).
    """
    from claimcheck import __version__
    from claimcheck.cache import ClaimCache
    from claimcheck.nlp.choice import pipeline_name

    name = pipeline_name(settings.model)
    if name is None:  # no readable meta.json: the loaded pipeline names itself (or fails to load)
        from claimcheck.nlp import load_pipeline, pipeline_id

        name = pipeline_id(load_pipeline(settings.model))
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
    workers = LocalWorkers(settings) if runner is None and processes_for(todo, settings.jobs) > 1 else None
    runner = runner or workers
    by_id = {a.id: a for a in todo}

    def keep(result: dict[str, tuple[Claim, ...]]) -> None:
        found.update(result)
        if cache:  # as each chunk finishes: an interrupted run keeps what it extracted
            for article_id, claims in result.items():
                cache.put(by_id[article_id], claims)

    if runner is not None and todo:
        try:
            results = runner(chunks(todo, max(settings.jobs, 1)), settings)
            if meanwhile is not None:
                meanwhile()
            for result in results:
                keep(result)
                if progress:
                    progress(len(result))
        finally:
            if workers is not None:
                workers.close()
    elif todo:
        from claimcheck.nlp import load_pipeline

        nlp = load_pipeline(settings.model)
        for piece in chunks(todo, 1):
            keep(extract_claims(piece, nlp, batch_size=settings.batch_size, progress=progress))
    return {a.id: found[a.id] for a in articles}, name
