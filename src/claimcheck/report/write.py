"""Write the report files: CSV tables and the HTML page, each replaced atomically."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

import pandas as pd

from claimcheck.errors import ReportError
from claimcheck.report.frames import alignments_frame, claims_frame, flags_frame
from claimcheck.report.html import render_html
from claimcheck.types import Result

LOGGER = logging.getLogger(__name__)

CLAIMS_CSV = "claims.csv"
ALIGNMENTS_CSV = "alignments.csv"
FLAGS_CSV = "flags.csv"
REPORT_HTML = "report.html"


def _reason(ex: OSError) -> str:
    return ex.strerror or str(ex) or type(ex).__name__


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; not possible (nor needed) on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` so readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed over
    ``path``. If anything fails the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as ex:
        raise ReportError(f"cannot write {path}: text is not valid Unicode ({ex.reason})") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never follow or clobber something already there; mode 0o666 lets the umask decide.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as ex:
        raise ReportError(f"cannot write {path}: {_reason(ex)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as ex:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(ex, OSError):
            raise ReportError(f"cannot write {path}: {_reason(ex)}") from None
        raise
    _fsync_dir(path.parent)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """CSV text with a header row, no index and ``\\n`` line endings."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_reports(result: Result, out_dir: Path) -> list[Path]:
    """Write claims.csv, alignments.csv, flags.csv and report.html into ``out_dir``.

    Everything is rendered before the first file is touched, and each file is replaced
    atomically, so a failed or interrupted run leaves earlier reports readable.
    """
    out_dir = Path(out_dir)
    texts = {
        CLAIMS_CSV: frame_to_csv(claims_frame(result)),
        ALIGNMENTS_CSV: frame_to_csv(alignments_frame(result)),
        FLAGS_CSV: frame_to_csv(flags_frame(result)),
        REPORT_HTML: render_html(result),
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (*reversed(out_dir.parents), out_dir) if p.exists() and not p.is_dir()), out_dir)
        raise ReportError(f"cannot create report folder {out_dir}: {blocker} is a file, not a folder") from None
    except OSError as ex:
        raise ReportError(f"cannot create report folder {out_dir}: {_reason(ex)}") from None
    written = []
    for name, text in texts.items():
        path = out_dir / name
        atomic_write_text(path, text)
        LOGGER.debug("wrote %s (%d characters)", path, len(text))
        written.append(path)
    return written
