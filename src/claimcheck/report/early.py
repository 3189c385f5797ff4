"""Report work started before the report: the claims table, built while the claims are aligned.

Light to import (no pandas until the work runs), so the command line can set it up early.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.report.formats import DEFAULT_FORMATS, Format
from claimcheck.runtime import Forked
from claimcheck.settings import usable_cores
from claimcheck.types import Claim

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ASIDE_MIN_CLAIMS", "REST_COLUMNS", "Early", "EarlyClaims", "two_processes"]

ASIDE_MIN_CLAIMS = 5_000  # a report this big is worth a second process


def two_processes(claims: int) -> bool:
    """Whether a report of this many claims is worth a second process: a big one, on a machine
    with a second core and processes that fork (Linux)."""
    return claims >= ASIDE_MIN_CLAIMS and usable_cores() > 1 and sys.platform.startswith("linux")


# The columns of the claims table that the rest of a CSV and HTML report reads, once claims.csv and
# the claims section of report.html are rendered: the claim matrix's and the HTML matrix's.
REST_COLUMNS = ["claim_id", "doc_id", "sentence", "claim", "claim_type", "worthiness"]


@dataclass(frozen=True)
class Early:
    """What was built early: the claims table (None when the formats need no more of it than
    REST_COLUMNS, which are cheaper to take from the claims again than to send back), the files
    rendered already (claims.csv) and the claims section of report.html (None when not asked for)."""

    claims: pd.DataFrame | None
    files: dict[str, bytes]
    claims_html: str | None


def _claims_table_aside(claims: Sequence[Claim], csv: bool, html: bool, whole: bool) -> Early:
    """The claims table (if ``whole``), claims.csv, and the claims section of report.html (done in
    a forked process)."""
    from claimcheck.report.data import CLAIMS_CSV, typed_frame
    from claimcheck.report.frames import claims_table
    from claimcheck.report.html import claims_section
    from claimcheck.report.write import csv_bytes

    frame = typed_frame(claims_table(claims), CLAIMS_CSV)
    files = {CLAIMS_CSV: csv_bytes(CLAIMS_CSV, frame)} if csv else {}
    return Early(frame if whole else None, files, str(claims_section(frame)) if html else None)


class EarlyClaims:
    """The claims table of a big report, claims.csv and the claims section of report.html, built
    in a forked process as soon as the claims are extracted, while this one aligns them and looks
    for contradictions (a second core otherwise idle then). Pass it to :func:`write_reports`; a
    context manager that ends the process."""

    def __init__(self, formats: Iterable[Format] = DEFAULT_FORMATS) -> None:
        formats = tuple(formats)
        self._csv, self._html = Format.CSV in formats, Format.HTML in formats
        self._whole = not set(formats) <= {Format.CSV, Format.HTML}  # JSON and Parquet hold the whole table
        self._forked: Forked[Early] | None = None

    def start(self, claims: Sequence[Claim]) -> None:
        """Start building, when the report will be big enough to be worth it."""
        if self._forked is None and two_processes(len(claims)):
            work = functools.partial(_claims_table_aside, tuple(claims), self._csv, self._html, self._whole)
            self._forked = Forked(work, "building the claims table beside the alignment", "building it now")

    def result(self) -> Early | None:
        """What was built (None if nothing was started); built here if the process failed."""
        return self._forked.result() if self._forked is not None else None

    def close(self) -> None:
        if self._forked is not None:
            self._forked.close()
            self._forked = None

    def __enter__(self) -> EarlyClaims:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
