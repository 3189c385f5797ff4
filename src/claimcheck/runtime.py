"""Process-level helpers for the command line and the pipeline: garbage-collector tuning and
stage timing. Kept apart from the stages so the CLI can use them before importing any stage."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger("claimcheck.pipeline")


def batch_gc() -> None:
    """Tune the garbage collector for a batch process (the CLI; extraction workers inherit it).

    A compare builds hundreds of thousands of long-lived objects (claims, alignments, report rows)
    and frees few of them: with the default thresholds the collector scans them again and again
    (about 1 s of a 7 s compare of 1,000 cached articles). Collect less often, as mypy does.
    """
    gc.set_threshold(200_000, 30, 30)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log a stage's wall time at debug level (``claimcheck compare --debug``)."""
    start = time.perf_counter()
    yield
    LOGGER.debug("%s: %.2f s", stage, time.perf_counter() - start)
