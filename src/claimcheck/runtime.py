"""Process-level helpers for the command line and the pipeline: garbage-collector tuning, stage
timing and work done in a forked process. Kept apart from the stages so the CLI can use them
before importing any stage."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

LOGGER = logging.getLogger("claimcheck.pipeline")


@contextmanager
def batch_gc(cycles: bool = True) -> Iterator[None]:
    """Tune the garbage collector for a batch run (processes forked meanwhile inherit it); the
    previous settings come back at the end.

    A compare builds hundreds of thousands of long-lived objects (claims, alignments, report rows)
    and frees few of them: with the default thresholds the collector scans them again and again
    (about 1 s of a 7 s compare of 1,000 cached articles). Collect less often, as mypy does.
    ``cycles=False`` turns the cycle collector off altogether, for a run that makes almost no
    reference cycles (a local compare: a few hundred objects in a rerun of 1,000 articles, whose
    collections still took 0.3 s); processes that do make them (extraction) turn it on again.
    """
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(200_000, 30, 30)
    gc.enable() if cycles else gc.disable()
    try:
        yield
    finally:
        if not cycles:  # the objects made meanwhile join the oldest generation, instead of the
            gc.freeze()  # youngest, whose first collection would scan them all (0.2 s after a rerun)
            gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.enable() if enabled else gc.disable()


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log a stage's wall time at debug level (``claimcheck compare --debug``)."""
    start = time.perf_counter()
    yield
    LOGGER.debug("%s: %.2f s", stage, time.perf_counter() - start)


T = TypeVar("T")

_FORKED_WORK: Callable[[], Any] | None = None  # what a process being forked will do (inherited, never pickled)


def _run_forked_work() -> Any:
    """In the forked process: the work it inherited."""
    return _FORKED_WORK() if _FORKED_WORK is not None else None


class Forked(Generic[T]):
    """``work`` done in a forked process (where processes fork: Linux) while this one goes on.

    The process inherits the work and all it refers to; only the result is pickled back.
    :meth:`result` waits for it. If the process fails (killed, out of memory, an error), the work
    is done here instead, with the warning "WHAT failed (ERROR); INSTEAD", so an error in the work
    itself is raised here. A context manager that ends the process.
    """

    def __init__(self, work: Callable[[], T], what: str, instead: str) -> None:
        global _FORKED_WORK
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._work, self._what, self._instead = work, what, instead
        _FORKED_WORK = work
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_run_forked_work)  # forks now
        finally:
            _FORKED_WORK = None

    def result(self) -> T:
        try:
            return self._future.result()
        except Exception as exc:  # noqa: BLE001 - doing the work here raises any real error in it
            LOGGER.warning("%s failed (%s); %s", self._what, type(exc).__name__, self._instead)
            return self._work()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
