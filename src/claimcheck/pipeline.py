"""The stages composed: corpus -> extract -> align -> contradict. No printing, no exiting."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from claimcheck.align import align
from claimcheck.contradict import find_flags
from claimcheck.extract import extract_corpus
from claimcheck.settings import Settings
from claimcheck.types import Article, Corpus, Result

LOGGER = logging.getLogger(__name__)

# stage names passed to a run's ``stage`` callback (a progress display shows them)
ALIGNING = "aligning claims"
CONTRADICTING = "finding contradictions"


def batch_gc() -> None:
    """Tune the garbage collector for a batch process (the CLI; extraction workers inherit it).

    A compare builds hundreds of thousands of long-lived objects (claims, alignments, report rows)
    and frees few of them: with the default thresholds the collector scans them again and again
    (about 1 s of a 7 s compare of 1,000 cached articles). Collect less often, as mypy does.
    """
    gc.set_threshold(200_000, 30, 30)


def run(
    corpus: Corpus | Sequence[Article],
    settings: Settings = Settings(),
    progress: Callable[[int], None] | None = None,
    stage: Callable[[str], None] | None = None,
) -> Result:
    """Compare the articles of ``corpus``: claims, alignments and flags.

    ``progress`` is called with the number of articles whose claims are ready (read from the cache
    or extracted); ``stage`` with the name of each later stage as it starts ("aligning claims").
    """
    articles = tuple(corpus.articles if isinstance(corpus, Corpus) else corpus)
    stage = stage or (lambda name: None)
    with timed("extract"):
        by_doc, pipeline = extract_corpus(articles, settings, progress=progress)
    claims = tuple(c for a in articles for c in by_doc[a.id])
    stage(ALIGNING)
    with timed("align"):
        aligned = align(claims, settings)
    stage(CONTRADICTING)
    with timed("contradict"):
        flags, alignments = find_flags(claims, aligned, settings)
    flags = settings.apply_severities(flags)  # per-kind severity overrides from the configuration
    LOGGER.info("%d articles, %d claims, %d alignments, %d flags", len(articles), len(claims), len(alignments), len(flags))
    return Result(articles, claims, alignments, flags, pipeline)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log a stage's wall time at debug level (``claimcheck compare --debug``)."""
    start = time.perf_counter()
    yield
    LOGGER.debug("%s: %.2f s", stage, time.perf_counter() - start)
