"""Write the report files: CSV tables, the HTML page, a JSON document and Parquet tables.

Everything is rendered in memory first; then each file is replaced atomically, so a failed or
interrupted run leaves the earlier reports readable.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from claimcheck.errors import ReportError
from claimcheck.files import replace_atomically
from claimcheck.runtime import timed
from claimcheck.report.data import ReportData, csv_text, read_report_data
from claimcheck.report.formats import DEFAULT_FORMATS, Format, check_formats
from claimcheck.report.html import render_html
from claimcheck.review import Review
from claimcheck.types import Result

LOGGER = logging.getLogger(__name__)

REPORT_HTML = "report.html"
REPORT_JSON = "report.json"
JSON_FORMAT_VERSION = 1


def _reason(ex: OSError) -> str:
    return ex.strerror or str(ex) or type(ex).__name__


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` so readers see the old file or the new one, never half."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as ex:
        raise ReportError(f"cannot write {path}: text is not valid Unicode ({ex.reason})") from None
    atomic_write_bytes(path, data)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half: through
    a temporary file in the same folder, flushed to disk, then renamed over ``path``. If anything
    fails ``path`` is left as it was."""
    try:
        replace_atomically(Path(path), data, durable=True)
    except OSError as ex:
        raise ReportError(f"cannot write {path}: {_reason(ex)}") from None


def _csv_cell(value: object) -> str:
    """``value`` as the csv module writes it in a row of two or more cells (a text made safe from
    spreadsheets first: :func:`csv_text`)."""
    probe = io.StringIO()
    csv.writer(probe, lineterminator="\n").writerow((csv_text(value) if isinstance(value, str) else value, ""))  # "cell,\n": never a lone cell
    return probe.getvalue()[:-2]


def _safe_texts(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its column names and text cells made safe from spreadsheets (:func:`csv_text`)."""
    return frame.rename(columns=lambda c: csv_text(c) if isinstance(c, str) else c).map(lambda v: csv_text(v) if isinstance(v, str) else v)


def _quoted(text: str) -> str:
    """A text with a comma, quote, newline or carriage return, as the csv module writes it."""
    if "\r" in text:  # quoted or not depending on the line terminator (and Python's version)
        return _csv_cell(text)
    return '"' + text.replace('"', '""') + '"'  # the excel dialect: quoted, its quotes doubled


def _cells(values: list, dtype: object) -> list[str]:
    """One column's cells as the csv module writes them: a float as its repr, an int as its str, a
    text quoted if it must be (each distinct text once: a sentence repeats in every alignment of
    its claims, an article id in every row of the article)."""
    if dtype == np.float64:
        return list(map(repr, values))
    if dtype == np.int64:
        return list(map(str, values))
    distinct = dict.fromkeys(values)
    if set(map(type, distinct)) != {str}:  # 1, 1.0 and True would share a key
        return list(map(_csv_cell, values))
    safe = {v: csv_text(v) for v in distinct}
    cells = {v: _quoted(t) if ("," in t or '"' in t or "\n" in t or "\r" in t) else t for v, t in safe.items()}
    return list(map(cells.__getitem__, values))


def frame_to_csv(frame: pd.DataFrame) -> str:
    """CSV text with a header row, no index and ``\\n`` line endings: the same text as pandas
    writes, many times faster, except that a text a spreadsheet would run as a formula gets a
    leading apostrophe (:func:`~claimcheck.report.data.csv_text`).

    A table without missing cells is written from its columns' Python values, each distinct text
    quoted once the way the csv module would. A wide table whose trailing columns share one
    categorical type (the claim matrix of a big corpus has a stance column per article) has those
    cells joined from their categories' codes.
    """
    dtypes = list(frame.dtypes)
    plain = len(dtypes)
    while plain and isinstance(dtypes[plain - 1], pd.CategoricalDtype):
        plain -= 1
    if len(dtypes) < 2:  # a lone cell is written differently ('""' for an empty one)
        return _safe_texts(frame).to_csv(index=False, lineterminator="\n")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_text(c) if isinstance(c, str) else c for c in frame.columns])
    wide = len(dtypes) - plain > 100 and len(set(dtypes[plain:])) == 1
    if not wide:
        if frame.isna().to_numpy().any():
            return _safe_texts(frame).to_csv(index=False, lineterminator="\n")  # pandas writes a missing cell as an empty one
        plain = len(dtypes)
    columns = [_cells(column.tolist(), column.dtype) for _, column in frame.iloc[:, :plain].items()]
    if wide:
        cells = np.array([*_cells(list(dtypes[plain].categories), object), ""], dtype=object)  # code -1 (missing) -> ""
        codes = np.stack([column.array.codes for _, column in frame.iloc[:, plain:].items()], axis=1)  # each a Categorical
        columns.append([",".join(row) for row in cells[codes].tolist()])
    out.writelines(",".join(row) + "\n" for row in zip(*columns))
    return out.getvalue()


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def report_json(data: ReportData) -> str:
    """report.json: one document holding every table as a list of row objects."""
    document = {
        "format": JSON_FORMAT_VERSION,
        "pipeline": data.pipeline,
        **{name.removesuffix(".csv"): frame.to_dict("records") for name, frame in data.tables().items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def _utf8(name: str, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as ex:
        raise ReportError(f"cannot write {name}: text is not valid Unicode ({ex.reason})") from None


def frame_to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """The CSV file ``name`` of ``frame``, as UTF-8."""
    return _utf8(name, frame_to_csv(frame))


def _renderers(data: ReportData, formats: tuple[Format, ...]) -> dict[str, Callable[[], bytes]]:
    """Every file of ``formats``, by name in writing order, as a function rendering its bytes."""
    renderers: dict[str, Callable[[], bytes]] = {}
    if Format.CSV in formats:
        for name, frame in data.tables().items():
            renderers[name] = functools.partial(csv_bytes, name, frame)
    if Format.HTML in formats:
        renderers[REPORT_HTML] = lambda: _utf8(REPORT_HTML, render_html(data))
    if Format.JSON in formats:
        renderers[REPORT_JSON] = lambda: _utf8(REPORT_JSON, report_json(data))
    if Format.PARQUET in formats:
        for name, frame in data.tables().items():
            renderers[name.replace(".csv", ".parquet")] = functools.partial(frame_to_parquet, frame)
    return renderers


def render_files(data: ReportData, formats: Iterable[Format] = DEFAULT_FORMATS) -> dict[str, bytes]:
    """Every file of the requested formats, by name, rendered in memory."""
    formats = tuple(formats)
    check_formats(formats)
    return {name: render() for name, render in _renderers(data, formats).items()}


def _make_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (*reversed(out_dir.parents), out_dir) if p.exists() and not p.is_dir()), out_dir)
        raise ReportError(f"cannot create report folder {out_dir}: {blocker} is a file, not a folder") from None
    except OSError as ex:
        raise ReportError(f"cannot create report folder {out_dir}: {_reason(ex)}") from None


def write_reports(
    result: Result | ReportData,
    out_dir: Path,
    formats: Iterable[Format] = DEFAULT_FORMATS,
    reviews: Mapping[str, Review] | None = None,
    corpus: str = "",
) -> list[Path]:
    """Write the reports of ``formats`` (default: the CSV files and report.html) into ``out_dir``.

    csv: claims.csv, alignments.csv, flags.csv, matrix.csv, articles.csv; html: report.html;
    json: report.json; parquet: the CSV tables as .parquet. Everything is rendered before the
    first file is touched, and each file is replaced atomically. ``reviews``: the decisions recorded
    for the corpus; ``corpus``: its folder (for the review commands report.html shows).
    """
    with timed("report tables"):
        data = result if isinstance(result, ReportData) else ReportData.from_result(result, reviews=reviews, corpus=corpus)
    with timed("rendering"):
        files = render_files(data, formats)
    out_dir = Path(out_dir)
    _make_folder(out_dir)
    written = []
    for name, payload in files.items():
        path = out_dir / name
        atomic_write_bytes(path, payload)
        LOGGER.debug("wrote %s (%d bytes)", path, len(payload))
        written.append(path)
    return written


def rerender(
    reports_dir: Path, out_dir: Path | None = None, formats: Iterable[Format] = DEFAULT_FORMATS, corpus: Path | None = None
) -> list[Path]:
    """Read the CSV files in ``reports_dir`` and write the reports of ``formats`` again, without NLP
    (``corpus``: the corpus folder, for the context view and the latest review decisions)."""
    formats = tuple(formats)
    check_formats(formats)
    data = read_report_data(Path(reports_dir), corpus)
    return write_reports(data, Path(reports_dir) if out_dir is None else out_dir, formats)

