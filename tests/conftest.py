"""Shared test set-up: no test reads or writes the user's claim cache, and no test leaves the
logging set-up of a command it ran (``-q`` silences warnings later tests look for) behind."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("claim-cache")))


@pytest.fixture(autouse=True)
def _logging_restored():
    """The ``claimcheck`` logger as it was: a command configures it (handler, level, propagation)."""
    logger = logging.getLogger("claimcheck")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)  # through setLevel: it clears the loggers' cached levels
    logger.propagate = propagate
