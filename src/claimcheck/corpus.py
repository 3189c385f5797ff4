"""Stage 1: article files -> :class:`~claimcheck.types.Article` values.

An article is one ``.txt``, ``.md``/``.markdown`` or ``.html``/``.htm`` file; its id is the file
stem. Loading decodes the bytes (UTF-8 with or without BOM, UTF-16/32 with BOM, Windows-1252 and
other legacy encodings), keeps the decoded text unchanged in ``Article.text`` and cuts it into
blocks (title, headings, paragraphs, list items) whose offset maps point back into that text.
Share widgets, "About me"/"Related posts" widgets, copyright and cookie lines, and junk glued onto
the title are left out of the blocks. The parsing rules live in :mod:`claimcheck.ingest`.

``add_articles`` is the only function that writes: it creates new files in the corpus folder and
never changes or removes an existing one.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from claimcheck import __version__
from claimcheck.cache import ParseCache, Parsed
from claimcheck.errors import ArticleError, ConfigError, CorpusError, DuplicateArticleError, UnsafePathError
from claimcheck.ingest.blocks import parse
from claimcheck.ingest.decode import decode
from claimcheck.settings import ARTICLE_SUFFIXES, Settings
from claimcheck.types import Added, Article, Block, Corpus, Skipped

__all__ = ["add_articles", "article_from_text", "content_hash", "load_article", "load_corpus", "validate_article_id"]

LOGGER = logging.getLogger(__name__)

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_RESERVED_IDS = frozenset(
    ["con", "prn", "aux", "nul", "clock$", "conin$", "conout$"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)
_HOW_TO_ADD = "add one with `claimcheck add PATH`"
_SURROGATE = re.compile("[\ud800-\udfff]")  # only a str built in memory can hold one; no file decodes to it
# A file name with control characters, or with bytes that are not UTF-8 (Python keeps them as
# surrogates), cannot be an article id: it would break report files and one-line messages.
_UNUSABLE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# os.link errors meaning "this file system has no hard links": fall back to an O_EXCL write.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV})


# -- loading ----------------------------------------------------------------------------------


def load_article(
    path: Path, settings: Settings = Settings(), article_id: str | None = None, parses: ParseCache | None = None
) -> Article:
    """Read one article file; ArticleError (one line naming the file) when it cannot be used.

    Refused: missing or non-regular files, files larger than ``settings.max_bytes``, empty or
    whitespace-only files, binary files (NUL bytes outside UTF-16, PDF and other known
    signatures, control characters), undecodable files and files with no text left once
    boilerplate is removed. A file whose text ``parses`` knows is not parsed again.
    """
    path = Path(path)
    data = _read(path, settings.max_bytes)
    return _from_bytes(data, path, article_id if article_id is not None else path.stem, parses)


def article_from_text(article_id: str, text: str, path: str = "", suffix: str = ".txt") -> Article:
    """Build an article from text already in memory; ``suffix`` picks the parser (.txt/.md/.html).

    ArticleError when the text is empty or whitespace-only, holds an unpaired surrogate (not
    valid Unicode) or has no text left once boilerplate is removed.
    """
    name = path or article_id
    if not text.strip():
        raise ArticleError(f"{name}: the text is empty")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise ArticleError(f"{name}: not valid Unicode (unpaired surrogate U+{ord(surrogate.group()):04X} at character {surrogate.start()})")
    return _build(article_id, text, path, suffix, "utf-8")


def content_hash(article_or_text: Article | str) -> str:
    """SHA-256 of an article's normalized content, the key for duplicates and caches.

    Normalized: the block texts (title included, boilerplate already gone) joined, NFKC-folded,
    casefolded and with all whitespace collapsed, so re-wrapping, changing line endings or
    encoding, or adding a share widget does not change the hash. A str is parsed first, as plain
    text (or as HTML when it starts like an HTML document).
    """
    if isinstance(article_or_text, Article):
        return article_or_text.sha256 or _hash_blocks(article_or_text.blocks)
    _title, blocks = parse(article_or_text, ".txt")
    if blocks:
        return _hash_blocks(blocks)
    return _hash_normalized(article_or_text)


def load_corpus(corpus_dir: Path, settings: Settings = Settings()) -> Corpus:
    """Load every article file directly inside ``corpus_dir`` (subfolders are not searched).

    Files are read in sorted name order. Hidden files and files without an article suffix are
    ignored silently. A file that cannot be used, a duplicate (same :func:`content_hash` as an
    earlier file), a second file with an id already taken (``a.txt`` and ``a.md``), a symlink
    leading outside the folder or in a loop, and a file whose name has control characters or bytes
    that are not UTF-8 are skipped with a warning and listed in ``Corpus.skipped``.
    CorpusError when the folder is missing, unreadable or has no usable article.
    """
    root = Path(corpus_dir)
    loaded = _load(root, settings)
    if not loaded.articles:
        detail = f" ({len(loaded.skipped)} file(s) skipped: {loaded.skipped[0].reason}{', ...' if len(loaded.skipped) > 1 else ''})" if loaded.skipped else ""
        raise CorpusError(f"no usable article in {root}{detail}; {_HOW_TO_ADD}")
    return Corpus(root=str(root), articles=tuple(loaded.articles), skipped=tuple(loaded.skipped))


@dataclass
class _Loaded:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # casefolded names of every entry in the folder
    ids: dict[str, str] = field(default_factory=dict)  # casefolded id -> file name, for every article file


def _load(root: Path, settings: Settings) -> _Loaded:
    if root.is_symlink() and _resolve(root) is None:
        raise CorpusError(f"corpus folder {root} is a symlink loop")
    if not root.exists():
        raise CorpusError(f"corpus folder {root} does not exist; {_HOW_TO_ADD}")
    if not root.is_dir():
        raise CorpusError(f"corpus folder {root} is not a folder")
    try:
        with os.scandir(root) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        raise CorpusError(f"cannot read corpus folder {root}: {err.strerror or err}") from None
    parses = ParseCache(settings.cache_dir, __version__) if settings.cache_dir else None
    real_root = root.resolve()
    loaded = _Loaded(names={n.casefold() for n in names})
    by_hash: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for name in names:
        if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
            continue
        path = root / name
        if _UNUSABLE_NAME.search(name):
            _skip(loaded, path, "the file name has control characters or bytes that are not UTF-8; rename the file")
            continue
        loaded.ids.setdefault(os.path.splitext(name)[0].casefold(), name)
        try:
            if path.is_symlink():
                resolved = _resolve(path)
                if resolved is None:
                    raise UnsafePathError(f"{path}: symlink loop")
                if not _inside(resolved, real_root) and resolved.exists():  # a broken one is reported as such below
                    raise UnsafePathError(f"{path}: symlink leads outside the corpus folder")
            article = load_article(path, settings, parses=parses)
        except (ArticleError, UnsafePathError) as err:
            _skip(loaded, path, _reason(err, path))
            continue
        key = article.id.casefold()
        keys = _content_keys(article)
        same = next((by_hash[k] for k in keys if k in by_hash), None)
        if key in by_id:
            _skip(loaded, path, f"id {article.id!r} is already used by {by_id[key]}")
        elif same is not None:
            _skip(loaded, path, f"duplicate of {same} (same content)")
        else:
            by_id[key] = name
            by_hash.update(dict.fromkeys(keys, name))
            loaded.articles.append(article)
    return loaded


def _content_keys(article: Article) -> tuple[str, str]:
    """What makes two articles the same: the same :func:`content_hash` (their blocks, boilerplate
    left out) or the same whole text once case, width and whitespace are folded (boilerplate is
    recognised by patterns that a re-cased or re-spaced copy may no longer match)."""
    return (content_hash(article), "text:" + _hash_normalized(article.text))


def _skip(loaded: _Loaded, path: Path, reason: str) -> None:
    shown = ascii(str(path)) if _UNUSABLE_NAME.search(str(path)) else path  # keep the warning one printable line
    LOGGER.warning("skipping %s: %s", shown, reason)
    loaded.skipped.append(Skipped(str(path), reason))


def _reason(err: Exception, path: Path) -> str:
    message = str(err)
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _resolve(path: Path) -> Path | None:
    """``path.resolve()``, or None for a symlink loop (which Path.resolve raises on)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file" + (" (broken symlink)" if path.is_symlink() else "")) from None
    except OSError as err:
        raise ArticleError(f"{path}: cannot read the file ({err.strerror or err})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{path}: is a folder, not an article file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(f"{path}: is not a regular file")
    if info.st_size > max_bytes:
        raise ArticleError(_too_large(path, info.st_size, max_bytes))
    try:
        with open(path, "rb") as fh:
            data = _read_at_most(fh, max_bytes)
    except OSError as err:
        raise ArticleError(f"{path}: cannot read the file ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise ArticleError(_too_large(path, len(data), max_bytes))
    return data


_READ_PIECE = 1 << 20


def _read_at_most(fh: BinaryIO, limit: int) -> bytes:
    """The file's bytes, or its first ``limit + 1`` if it is longer (it may grow while it is
    read), in pieces: memory follows the file's size, not the limit (which may be huge)."""
    pieces = []
    left = limit + 1
    while left > 0:
        piece = fh.read(min(left, _READ_PIECE))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def _too_large(path: Path, size: int, limit: int) -> str:
    return f"{path}: the file is {size:,} bytes, over the limit of {limit:,} bytes per article; raise it with --max-bytes"


def _from_bytes(data: bytes, path: Path, article_id: str, parses: ParseCache | None = None) -> Article:
    text, encoding = decode(data, str(path))
    return _build(article_id, text, str(path), path.suffix, encoding, parses)


def _build(article_id: str, text: str, path: str, suffix: str, encoding: str, parses: ParseCache | None = None) -> Article:
    parsed = parses.get(text, suffix) if parses else None
    if parsed is None:
        title, blocks = parse(text, suffix)
        if not blocks:
            raise ArticleError(f"{path or article_id}: no article text left after removing boilerplate")
        parsed = Parsed(title, blocks, _hash_blocks(blocks))
        if parses:
            parses.put(text, suffix, parsed)
    return Article(
        id=article_id,
        path=path,
        title=parsed.title,
        text=text,
        blocks=parsed.blocks,
        encoding=encoding,
        sha256=parsed.sha256,
    )


def _hash_blocks(blocks: Sequence[Block]) -> str:
    return _hash_normalized("\n".join(block.text for block in blocks))


def _hash_normalized(text: str) -> str:
    normalized = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


# -- adding -----------------------------------------------------------------------------------


def validate_article_id(article_id: str) -> str:
    """Return ``article_id`` if it is safe as a file name in the corpus, else UnsafePathError.

    Safe: 1-128 characters from ``A-Z a-z 0-9 . _ -``, starting with a letter or digit, no ``..``,
    not ending in ``.``, and not a reserved device name (``con``, ``nul``, ``com1``, ...).
    """
    if not _SAFE_ID.fullmatch(article_id or "") or ".." in article_id or article_id.endswith("."):
        raise UnsafePathError(
            f"{article_id!r} is not a safe article id: use 1-128 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if article_id.split(".")[0].casefold() in _RESERVED_IDS:
        raise UnsafePathError(f"{article_id!r} is a reserved device name on Windows; choose another id")
    return article_id


@dataclass(frozen=True)
class _Plan:
    source: Path
    article_id: str
    target: Path
    data: bytes


def add_articles(
    sources: Sequence[Path],
    corpus_dir: Path,
    article_id: str | None = None,
    settings: Settings = Settings(),
) -> list[Added]:
    """Copy article files, byte for byte, into ``corpus_dir`` (created if missing).

    Everything is checked before anything is written. Refused: ``article_id`` with more than
    one source (ConfigError); an unsafe id or one already used in the corpus or in this call
    (UnsafePathError; the id defaults to the source's stem); an unusable file (ArticleError); a
    file whose normalized content is already in the corpus or repeats another source
    (DuplicateArticleError). Each file is written to a hidden temporary file and hard-linked
    into place, so an existing file is never overwritten, even by a concurrent writer; if any
    step fails, every file this call created is removed again.
    """
    sources = [Path(s) for s in sources]
    if not sources:
        raise ConfigError("no files to add")
    if article_id is not None and len(sources) != 1:
        raise ConfigError(f"an id can only be given when adding one file, not {len(sources)}")
    root = Path(corpus_dir)
    if root.exists() and not root.is_dir():
        raise CorpusError(f"corpus folder {root} is not a folder")
    if _resolve(root) is None:
        raise CorpusError(f"corpus folder {root} is a symlink loop")
    # every article of the corpus, whatever --max-bytes says: a copy of n bytes holds the text of
    # a file of at most 4n bytes (UTF-32), plus a BOM
    whole = replace(settings, max_bytes=4 * max(settings.max_bytes, Settings().max_bytes) + 4)
    existing = _load(root, whole) if root.exists() else _Loaded()
    known_hashes = {key: a.path for a in existing.articles for key in _content_keys(a)}
    plans: list[_Plan] = []
    planned_hashes: dict[str, Path] = {}
    planned_ids: dict[str, Path] = {}
    for source in sources:
        plans.append(_plan(source, root, article_id, settings, existing, known_hashes, planned_hashes, planned_ids))
    return _write_all(root, plans)


def _plan(
    source: Path,
    root: Path,
    article_id: str | None,
    settings: Settings,
    existing: _Loaded,
    known_hashes: dict[str, str],
    planned_hashes: dict[str, Path],
    planned_ids: dict[str, Path],
) -> _Plan:
    suffix = source.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleError(
            f"{source}: unsupported file type {source.suffix or '(no suffix)'}; articles are {', '.join(ARTICLE_SUFFIXES)} files"
        )
    new_id = article_id if article_id is not None else source.stem
    try:
        validate_article_id(new_id)
    except UnsafePathError as err:
        hint = "" if article_id is not None else " (pick an id with --id)"
        raise UnsafePathError(f"{source}: {err}{hint}") from None
    target = root / f"{new_id}{suffix}"
    if _resolve(target.parent) != _resolve(root) or _resolve(root) is None:
        raise UnsafePathError(f"{source}: {target} would be outside the corpus folder {root}")
    data = _read(source, settings.max_bytes)
    article = _from_bytes(data, source, new_id)
    keys = _content_keys(article)
    known = next((known_hashes[k] for k in keys if k in known_hashes), None)
    if known is not None:
        raise DuplicateArticleError(f"{source}: the corpus already has this article as {known}")
    planned = next((planned_hashes[k] for k in keys if k in planned_hashes), None)
    if planned is not None:
        raise DuplicateArticleError(f"{source}: same content as {planned}, which is also being added")
    key = new_id.casefold()
    if key in existing.ids or target.name.casefold() in existing.names:
        taken = existing.ids.get(key, target.name)
        raise UnsafePathError(f"{source}: the corpus already has {taken} with id {new_id!r}; choose another id with --id")
    if key in planned_ids:
        raise UnsafePathError(f"{source}: id {new_id!r} is also the id of {planned_ids[key]}; add one of them with --id")
    planned_hashes.update(dict.fromkeys(keys, source))
    planned_ids[key] = source
    return _Plan(source, new_id, target, data)


def _write_all(root: Path, plans: list[_Plan]) -> list[Added]:
    created_dirs = _make_dirs(root)
    created: list[Path] = []
    try:
        for plan in plans:
            _place(plan.target, plan.data)
            created.append(plan.target)
    except BaseException:
        for path in reversed(created):
            with suppress(OSError):
                path.unlink()
        for folder in reversed(created_dirs):
            with suppress(OSError):
                folder.rmdir()
        raise
    for plan in plans:
        LOGGER.info("added %s as %s", plan.source, plan.target)
    return [Added(source=str(p.source), id=p.article_id, path=str(p.target)) for p in plans]


def _make_dirs(root: Path) -> list[Path]:
    """Create ``root`` and missing parents; return the folders created, outermost first."""
    missing = []
    folder = root
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    try:
        for folder in reversed(missing):
            with suppress(FileExistsError):
                folder.mkdir()
                created.append(folder)
    except OSError as err:
        for done in reversed(created):
            with suppress(OSError):
                done.rmdir()
        raise CorpusError(f"cannot create corpus folder {root}: {err.strerror or err}") from None
    if not root.is_dir():
        raise CorpusError(f"corpus folder {root} is not a folder")
    return created


def _place(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``, which must not exist: temp file, fsync, then hard link."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise
        try:
            os.link(temp, target)
        except FileExistsError:
            raise UnsafePathError(f"{target} already exists; not overwriting it") from None
        except OSError as err:
            if err.errno not in _NO_HARD_LINKS:
                raise
            _write_exclusive(target, data)  # file systems without hard links
        finally:
            with suppress(OSError):
                os.unlink(temp)
    except OSError as err:
        raise CorpusError(f"cannot write {target}: {err.strerror or err}") from None


def _write_exclusive(target: Path, data: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        raise UnsafePathError(f"{target} already exists; not overwriting it") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(target)
        raise
