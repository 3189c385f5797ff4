"""claimcheck: compare what several articles claim, align matching statements and flag contradictions."""

from __future__ import annotations

import logging

from claimcheck.errors import ClaimcheckError
from claimcheck.pipeline import run
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Article, Claim, Flag, FlagKind, Result, Severity

__version__ = "0.1.0"
__all__ = [
    "Alignment", "Article", "Claim", "ClaimcheckError", "Flag", "FlagKind", "Result", "Settings", "Severity", "run",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
