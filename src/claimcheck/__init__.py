"""claimcheck: compare what several articles claim, align matching statements and flag contradictions.

Example::

    report = claimcheck.compare("corpus/")           # or a list of files, or {id: text}
    report.flags[["kind", "severity", "explanation"]]  # pandas DataFrames
    report.matrix                                     # the claim matrix
    html = report.to_html()
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Article, Claim, Flag, FlagKind, Result, Severity

if TYPE_CHECKING:
    from claimcheck.api import Report, compare
    from claimcheck.pipeline import run

__version__ = "0.1.0"
__all__ = [
    "Alignment", "Article", "Claim", "ClaimcheckError", "Flag", "FlagKind", "Report", "Result", "Settings",
    "Severity", "compare", "run", "__version__",
]  # fmt: skip

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Imported on first use (PEP 562): they bring in pandas, rapidfuzz and SciPy, which the command
# line would otherwise load before it can start the process that loads the spaCy pipeline.
_LAZY = {"Report": "claimcheck.api", "compare": "claimcheck.api", "run": "claimcheck.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
