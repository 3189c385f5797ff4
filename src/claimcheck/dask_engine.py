"""The Dask engine: claim extraction on Dask workers and blocked alignment as Dask tasks.

Produces the same Result as the local engine. With no scheduler address a LocalCluster is started
(``settings.jobs`` worker processes, one thread each); with ``scheduler="tcp://host:8786"`` the run
uses an existing cluster, whose workers need claimcheck (and the same spaCy pipeline) installed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np

from claimcheck.align import AlignmentSet, Prepared, candidates, prepare, score_pairs, split, usable_claims
from claimcheck.errors import ConfigError
from claimcheck.extract import extract_chunk, extract_corpus
from claimcheck.pipeline import ALIGNING, CONTRADICTING, check
from claimcheck.settings import Settings
from claimcheck.types import Article, Claim, Corpus, Result

LOGGER = logging.getLogger(__name__)

PAIRS_PER_TASK = 200_000


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A dask.distributed Client: to ``scheduler``, or to a LocalCluster started (and stopped) here."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("the dask engine needs dask.distributed: pip install 'claimcheck[dask]'") from None
    if scheduler:
        _check_reachable(scheduler)
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


HANDSHAKE_SECONDS = 10  # how long a scheduler may take to greet a new connection
_MAX_FIRST_MESSAGE = 1 << 20  # a scheduler's greeting is a few hundred bytes


def _check_reachable(address: str) -> None:
    """Fail fast (one clear line) when nothing listens at a tcp:// scheduler address, or what
    listens does not speak Dask's protocol (a web server waits for a request; Dask would wait for
    ever too, or read its reply's first bytes as a message length and run out of memory).

    A Dask server greets each connection at once: an 8-byte little-endian length of the message
    that follows. No greeting within HANDSHAKE_SECONDS, or an implausible length, is refused."""
    import socket
    import struct
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in {"tcp", "tls"} or not parts.hostname or not parts.port:
        return  # other transports: let dask report
    try:
        probe = socket.create_connection((parts.hostname, parts.port), timeout=5)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc.strerror or exc}") from None
    if parts.scheme == "tls":  # the greeting is encrypted: connecting is all that can be checked here
        probe.close()
        return
    with probe:
        probe.settimeout(HANDSHAKE_SECONDS)
        greeting = b""
        try:
            while len(greeting) < 8:
                piece = probe.recv(8 - len(greeting))
                if not piece:
                    break
                greeting += piece
        except OSError:  # socket.timeout included
            pass
    if len(greeting) < 8 or not 0 < struct.unpack("<Q", greeting)[0] <= _MAX_FIRST_MESSAGE:
        raise ConfigError(f"{address} does not answer like a Dask scheduler (is it the scheduler's address and port, not its dashboard's?)")


def _dask_runner(client: Any) -> Callable[[list[Sequence[Article]], Settings], Iterable[dict[str, tuple[Claim, ...]]]]:
    def run(pieces: list[Sequence[Article]], settings: Settings) -> Iterable[dict[str, tuple[Claim, ...]]]:
        from dask.distributed import as_completed

        task = functools.partial(extract_chunk, model=settings.model, batch_size=settings.batch_size)
        futures = client.map(task, pieces, pure=False)  # submitted now; results as they finish
        return (future.result() for future in as_completed(futures))

    return run


def _align(client: Any, claims: Sequence[Claim], settings: Settings) -> AlignmentSet:
    usable = usable_claims(claims, settings)
    if len(usable) < 2:
        return AlignmentSet(usable, (), ())
    prep: Prepared = prepare(usable)
    pairs = candidates(usable, prep, settings.blocking)
    if not len(pairs):
        return split(usable, [], 0)
    shared = client.scatter(prep, broadcast=True)
    parts = np.array_split(pairs, max(1, -(-len(pairs) // PAIRS_PER_TASK)))
    futures = client.map(score_pairs, parts, prep=shared, settings=settings, pure=False)
    scored = [pair for part in client.gather(futures) for pair in part]  # gathered in task order
    return split(usable, scored, len(pairs))


def run_dask(
    corpus: Corpus | Sequence[Article],
    settings: Settings = Settings(),
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
    stage: Callable[[str], None] | None = None,
) -> Result:
    """Compare ``corpus`` on a Dask cluster; the same Result as ``claimcheck.pipeline.run``."""
    articles = tuple(corpus.articles if isinstance(corpus, Corpus) else corpus)
    stage = stage or (lambda name: None)
    with connect(scheduler, settings.jobs if settings.jobs > 1 else 2) as client:
        by_doc, pipeline = extract_corpus(articles, settings, progress=progress, runner=_dask_runner(client))
        claims = tuple(c for a in articles for c in by_doc[a.id])
        stage(ALIGNING)
        aligned = _align(client, claims, settings)
    stage(CONTRADICTING)
    flags, alignments = check(claims, aligned, settings)
    return Result(articles, claims, alignments, flags, pipeline)
