"""Bytes -> text: BOMs, UTF-8, legacy Western encodings, and refusing what is not text."""

from __future__ import annotations

import codecs
import logging
import re
from typing import TYPE_CHECKING

from claimcheck.errors import ArticleError

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch, CharsetMatches

LOGGER = logging.getLogger(__name__)

# Checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats people might drop into a corpus folder by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an audio/video file"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
)

_WESTERN = "cp1252"  # five bytes are undefined in it, so a strict decode can still fail
# Signs of mojibake when non-Western text is read as cp1252: a word made only of non-ASCII
# letters, or a Latin-1 symbol (¿ ³ ¹ ×) between two letters.
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00bf\u00d7\u00f7](?=[^\W\d_])")
# C0/C1 control characters other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes, returning ``(text, encoding)``; ArticleError when it is not text."""
    if not data:
        raise ArticleError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ArticleError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({err.reason})") from None
            return _checked(text, encoding, name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"{name}: looks like {what}, not text; convert it to plain text, Markdown or HTML first")
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ArticleError(f"{name}: contains NUL bytes; it looks like a binary file, not text")
        try:
            return _checked(data.decode(encoding), encoding, name)
        except UnicodeDecodeError:
            raise ArticleError(f"{name}: contains NUL bytes; it looks like a binary file, not text") from None
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    text, encoding = _legacy(data, name)
    return _checked(text, encoding, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit on one side of each byte pair, as in ASCII-ish UTF-16."""
    if len(data) % 2 or len(data) < 4:
        return None
    pairs = len(data) // 2
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    if odd_nul >= 0.4 * pairs and even_nul <= 0.02 * pairs:
        return "utf-16-le"
    if even_nul >= 0.4 * pairs and odd_nul <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _legacy(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file that is not UTF-8: Windows-1252 when it reads as Western text, else detect.

    charset-normalizer guesses poorly on short English texts with a few curly quotes or a pound
    sign (it picks cp1250 or a Mac code page), so cp1252 is preferred whenever the bytes decode in
    it and the result shows no sign of mojibake: no word made only of non-ASCII letters and no
    symbol such as ``³`` or ``¿`` inside a word (that is how cp1250/cp1251/Greek text looks when read
    as cp1252).
    """
    try:
        text = data.decode(_WESTERN)
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text, _WESTERN
    import charset_normalizer  # deferred: only needed for the rare non-UTF-8 file

    matches = charset_normalizer.from_bytes(data)
    best = _prefer_windows(matches)
    if best is None:
        if text is not None:
            return text, _WESTERN
        raise ArticleError(f"{name}: cannot work out the text encoding; save the file as UTF-8")
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise ArticleError(f"{name}: cannot decode the file as {encoding}; save it as UTF-8") from None


def _prefer_windows(matches: CharsetMatches) -> CharsetMatch | None:
    """The best match, except that a Windows code page as clean as a Mac one wins over it.

    On short texts charset-normalizer often ranks a Mac code page first (Windows-1251 Russian read
    as ``mac_cyrillic`` turns "Б" into "Ѕ"); Windows code pages are far more common in files.
    """
    best = matches.best()
    if best is None or not best.encoding.startswith("mac_"):
        return best
    for match in matches:
        if match.encoding.startswith("cp125") and match.chaos <= best.chaos:
            return match
    return best


def _looks_western(text: str) -> bool:
    if _SYMBOL_IN_WORD.search(text):
        return False
    for match in _LETTER_RUN.finditer(text):
        if all(ord(c) > 127 for c in match.group()):
            return False
    return True


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if not text.strip():
        raise ArticleError(f"{name}: the file contains only whitespace")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ArticleError(f"{name}: contains control characters; it looks like a binary file, not text")
    return text, encoding
