"""Process-level helpers for the command line and the pipeline: garbage-collector tuning and stage
timing. Kept apart from the stages so the CLI can use them before importing any stage."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

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
