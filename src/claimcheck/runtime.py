"""Stage timing for the command line and the pipeline, kept apart from the stages so the CLI can
use it before importing any stage."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger("claimcheck.pipeline")


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log a stage's wall time at debug level (``claimcheck compare --debug``)."""
    start = time.perf_counter()
    yield
    LOGGER.debug("%s: %.2f s", stage, time.perf_counter() - start)
