"""Hostile input (GitHub issue 6): whatever users point claimcheck at, it keeps working or says why.

Every case ends in one of two ways: a correct result, or one line on stderr starting
``claimcheck: error:`` with exit code 2 (a bad file inside a corpus is skipped with a one-line
warning instead). Never a traceback, never a changed corpus. The same files go through the
Python API (``load_article``), ``claimcheck add`` and ``claimcheck compare`` (Typer's runner for
the bulk, a real subprocess for a representative subset); the corpus folders, ids and options
that can go wrong get their own tables below. Properties over arbitrary text are in
test_robustness_properties.py; atomic writes, kills and concurrent runs in test_integrity.py.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.corpus import add_articles, article_from_text, load_article, load_corpus
from claimcheck.errors import ArticleError, ClaimcheckError, CorpusError, UnsafePathError
from claimcheck.ingest.blocks import MAX_BLOCK_CHARS
from claimcheck.settings import Settings
from claimcheck.types import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = "Botox Prices\n\nThe clinic charges 500 dollars for one vial of botox. Botox is not approved by the FDA for back pain.\n"
OTHER = "Botox Facts\n\nThe clinic charges 600 dollars for one vial of botox. Botox is approved by the FDA for back pain.\n"
PROSE = "The clinic charges 500 dollars for one vial. Botox is not approved for back pain. "
LOREM = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "  # no claims: quick to extract
LIMIT = Settings().max_bytes


# -- the hostile files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A file to feed claimcheck: accepted (and then ``check`` holds) or refused with ``refusal``."""

    id: str
    name: str
    data: bytes | Callable[[], bytes]
    refusal: str = ""  # substring of the error/warning when the file must be refused
    check: Callable[[Article], None] | None = None
    compare: bool = True  # also through `claimcheck compare` (off for the slow 5 MB line)

    def payload(self) -> bytes:
        return self.data() if callable(self.data) else self.data


def has(*needles: str, encoding: str | None = None) -> Callable[[Article], None]:
    """Check that the article text holds ``needles`` exactly, with no replacement character."""

    def check(article: Article) -> None:
        for needle in needles:
            assert needle in article.text, (needle, article.text[:300])
        assert "\ufffd" not in article.text
        if encoding:
            assert article.encoding == encoding

    return check


def body(*expected: str) -> Callable[[Article], None]:
    """Check the body blocks' text (paragraphs and list items) is exactly ``expected``."""

    def check(article: Article) -> None:
        assert [b.text for b in article.body_blocks] == list(expected)

    return check


def blocks_within_limit(article: Article) -> None:
    assert article.body_blocks
    assert all(len(b.text) <= MAX_BLOCK_CHARS for b in article.blocks)
    assert all(0 <= b.start <= b.end <= len(article.text) for b in article.blocks)


def no_junk(article: Article) -> None:
    assert [b.text for b in article.body_blocks] == ["Before the wall.", "After the wall."]


def only_headings(article: Article) -> None:
    assert article.title == "Only a Title" and not article.body_blocks


def nested(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>Deep text is still read.</p>" + "</div>" * depth + "</body></html>").encode()


CP1252 = "Caf\u00e9 Prices\r\n\r\nA \u201cflat white\u201d at the caf\u00e9 costs \u20ac3 or \u00a32 \u2014 na\u00efve r\u00e9sum\u00e9.\r\n"
LATIN1 = "Se\u00f1or M\u00fcller\n\nSe\u00f1or M\u00fcller paid 500 euros in K\u00f6ln for a caf\u00e9 cr\u00e8me \u00e0 la carte.\n"
RUSSIAN = "\u0411\u043e\u0442\u043e\u043a\u0441\n\n\u0411\u043e\u0442\u043e\u043a\u0441 \u043d\u0435 \u043e\u0434\u043e\u0431\u0440\u0435\u043d FDA. \u042d\u0442\u043e \u0434\u043e\u0440\u043e\u0433\u043e \u0438 \u043e\u043f\u0430\u0441\u043d\u043e.\n"
JAPANESE = "\u30dc\u30c8\u30c3\u30af\u30b9\u306e\u8cbb\u7528\n\n\u30dc\u30c8\u30c3\u30af\u30b9\u306f\u9ad8\u4fa1\u3067\u3059\u3002\u7f8e\u5bb9\u306b\u4f7f\u308f\u308c\u307e\u3059\u3002\n"
ARABIC = "\u0627\u0644\u0628\u0648\u062a\u0648\u0643\u0633\n\n\u0627\u0644\u0628\u0648\u062a\u0648\u0643\u0633 \u063a\u064a\u0631 \u0645\u0639\u062a\u0645\u062f \u0645\u0646 \u0627\u0644\u0647\u064a\u0626\u0629.\n"
MIXED_ENDINGS = b"Line Endings\r\n\r\nFirst paragraph ends here.\r\rSecond paragraph ends here.\n\nThird one.\r\n"
SCRIPTS = b"""<!DOCTYPE html><html><head><title>Botox | Site</title><style>p { color: red }</style>
<script>var claim = "Botox is banned everywhere.";</script></head><body>
<!-- Botox is free. --><h1>Botox Facts</h1><noscript>Enable JavaScript.</noscript>
<p>Botox is not approved for back pain.</p><script>document.write("<p>injected</p>")</script></body></html>"""
MARKDOWN = b"""# Botox Costs

| clinic | price |
|--------|-------|
| A      | $500  |

```python
print("Botox is free.")
```

Botox costs about $500 per vial, says the [clinic](http://example.com).

- It is **not** approved for back pain.
"""

CASES = [
    Case("empty", "empty.txt", b"", refusal="empty"),
    Case("whitespace-only", "blank.txt", " \n\t\r\n \u3000\u00a0\n".encode(), refusal="only whitespace"),
    Case("binary", "random.txt", bytes(range(256)) * 8, refusal="NUL bytes"),
    Case("nul-in-text", "nulbyte.txt", b"Botox costs $500.\x00 It is approved.\n", refusal="NUL bytes"),
    Case("control-chars", "ctrl.md", b"Botox\x01\x02\x03 costs\x04 $500\x05.\n", refusal="control characters"),
    Case("pdf-renamed", "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", refusal="PDF"),
    Case("docx-renamed", "doc.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), refusal="ZIP"),
    Case("png-renamed", "image.md", b"\x89PNG\r\n\x1a\n" + bytes(100), refusal="PNG"),
    Case("gzip-renamed", "page.html", b"\x1f\x8b\x08\x00" + bytes(60), refusal="gzip"),
    Case("invalid-utf8", "bad.txt", b"Prices\n\nThe caf\xc3 price \xff rose to $5.\n", check=has("Prices", "rose to $5", encoding="cp1252")),
    Case("undecodable", "undecodable.txt", bytes(range(128, 256)) * 3, refusal="encoding"),
    Case("utf16-le-bom", "u16le.txt", codecs.BOM_UTF16_LE + CP1252.encode("utf-16-le"), check=has("\u201cflat white\u201d", "\u20ac3")),
    Case("utf16-be-bom", "u16be.txt", codecs.BOM_UTF16_BE + CP1252.encode("utf-16-be"), check=has("caf\u00e9", "\u00a32")),
    Case("utf16-no-bom", "u16.txt", "Gr\u00f6\u00dfe\n\nBotox ist nicht zugelassen.\n".encode("utf-16-le"), check=has("Gr\u00f6\u00dfe", "zugelassen")),
    Case("utf32-bom", "u32.txt", codecs.BOM_UTF32_LE + CP1252.encode("utf-32-le"), check=has("na\u00efve")),
    Case("utf8-bom", "bom.md", codecs.BOM_UTF8 + CP1252.encode(), check=has("r\u00e9sum\u00e9", encoding="utf-8-sig")),
    Case("windows-1252", "cp1252.txt", CP1252.encode("cp1252"), check=has("\u201cflat white\u201d", "caf\u00e9", "\u20ac3", "\u00a32", "\u2014", encoding="cp1252")),
    Case("latin-1", "latin1.txt", LATIN1.encode("latin-1"), check=has("Se\u00f1or M\u00fcller", "K\u00f6ln", "cr\u00e8me \u00e0 la")),
    Case("cp1251-russian", "ru1251.txt", RUSSIAN.encode("cp1251"), check=has("\u0411\u043e\u0442\u043e\u043a\u0441 \u043d\u0435 \u043e\u0434\u043e\u0431\u0440\u0435\u043d")),
    Case("mixed-line-endings", "endings.txt", MIXED_ENDINGS, check=body("First paragraph ends here.", "Second paragraph ends here.", "Third one.")),
    Case("russian", "ru.txt", RUSSIAN.encode(), check=has("\u043e\u043f\u0430\u0441\u043d\u043e")),
    Case("japanese", "ja.txt", JAPANESE.encode(), check=body("\u30dc\u30c8\u30c3\u30af\u30b9\u306f\u9ad8\u4fa1\u3067\u3059\u3002\u7f8e\u5bb9\u306b\u4f7f\u308f\u308c\u307e\u3059\u3002")),
    Case("arabic", "ar.txt", ARABIC.encode(), check=has("\u063a\u064a\u0631 \u0645\u0639\u062a\u0645\u062f")),
    Case("emoji", "emoji.md", "# Prices \U0001F489\n\nBotox \U0001F489 costs $500 \U0001F4B0 per vial.\n".encode(), check=has("\U0001F4B0")),
    Case("bidi-and-zero-width", "bidi.txt", "Bidi\n\nThe price is \u202e005$\u202c today.\u200b Really.\n".encode(), check=has("\u202e005$\u202c")),
    Case("html-scripts-styles-comments", "scripts.html", SCRIPTS, check=body("Botox is not approved for back pain.")),
    Case("html-nested-100k-divs", "deep.html", lambda: nested(100_000), check=body("Deep text is still read.")),
    Case("html-unclosed-tags", "unclosed.html", b"<p>Botox costs $500. " + b"<a " * 20_000, check=lambda a: a.body_blocks[0].text.startswith("Botox costs $500.")),
    Case("html-unknown-marked-section", "marked.html", b"<p>Botox costs $500.</p><![ weird ]> <![if x]><p>Still read.</p>", check=has("Still read.")),
    Case("html-unterminated-comment", "comment.html", b"<p>Botox costs $500.</p>" + b"<!-- >" * 20_000, check=lambda a: a.body_blocks[0].text == "Botox costs $500."),
    Case("html-bad-charrefs", "charref.html", b"<p>Price &# 5 &#x; &#99999999; &nosuch; rose.</p><p>Next paragraph.</p>", check=lambda a: a.body_blocks[-1].text == "Next paragraph."),
    Case("html-br-wall", "br.html", b"<p>" + b"word <br>" * 50_000 + b"</p>", check=blocks_within_limit),
    Case("html-only-boilerplate", "chrome.html", b"<html><body><script>var a = 1;</script><style>p{}</style><!-- c --><nav>Home</nav></body></html>", refusal="no article text"),
    Case("markdown-tables-and-code", "table.md", MARKDOWN, check=body("Botox costs about $500 per vial, says the clinic.", "It is not approved for back pain.")),
    Case("markdown-unclosed-links", "links.md", b"# Links\n\n" + b"[x](" * 30_000 + b"\n", check=lambda a: len(a.blocks) >= 1),
    Case("markdown-nested-quotes", "quotes.md", b"# Quotes\n\n" + b"> " * 200_000 + b"Quoted text.\n", check=body("Quoted text.")),
    Case("no-sentences", "headings.md", b"# Only a Title\n", check=only_headings),
    Case("separator-walls", "walls.txt", ("Walls\n\nBefore the wall.\n\n" + "=" * 5000 + "\n\n" + "\U0001F489" * 3000 + "\n\nAfter the wall.\n").encode(), check=no_junk),
    Case("long-punctuation-run", "dollars.txt", b"Dollars\n\nIt costs " + b"$" * 200_000 + b" a lot.\n", check=lambda a: a.body_blocks[0].text.split() == ["It", "costs", "a", "lot."]),
    Case("one-line-1MB", "line.txt", lambda: ("Long Line\n\n" + LOREM * (1_010_000 // len(LOREM))).encode(), check=blocks_within_limit),
    Case("one-line-5MB", "line5.txt", lambda: (PROSE * (LIMIT // len(PROSE))).encode(), check=blocks_within_limit, compare=False),
    Case("just-over-limit", "over.txt", lambda: b"x" * (LIMIT + 1), refusal="raise it with --max-bytes"),
]
CASE_IDS = [c.id for c in CASES]


def write_case(folder: Path, case: Case) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    path.write_bytes(case.payload())
    return path


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every entry of a folder (hidden ones too) with its bytes; None when it does not exist."""
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() if p.is_file() and not p.is_symlink() else f"<{p.is_symlink() and 'link' or 'dir'}>".encode() for p in sorted(folder.iterdir())}


def make_corpus(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or {"seed": SEED}).items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


# -- the CLI, and what a clean outcome looks like ---------------------------------------------------


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def assert_no_traceback(result) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert all(line.startswith("claimcheck: ") for line in result.stderr.splitlines()), result.stderr


def assert_error(result, *needles: str) -> str:
    """Exit 2 and exactly one error line, the last line on stderr, holding ``needles``."""
    assert_no_traceback(result)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("claimcheck: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])
    return errors[0]


def assert_ok(result) -> None:
    assert_no_traceback(result)
    assert result.exit_code == 0, (result.stdout, result.stderr)


def compare(corpus: Path, out: Path, *options: str | Path):
    return invoke("compare", corpus, "--out", out, "--model", "fallback", *options)


# -- 1. the Python API -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_api_load_article(tmp_path: Path, case: Case) -> None:
    path = write_case(tmp_path, case)
    if case.refusal:
        with pytest.raises(ArticleError) as info:
            load_article(path)
        message = str(info.value)
        assert case.refusal in message and str(path) in message and "\n" not in message
    else:
        article = load_article(path)
        assert article.id == path.stem and article.blocks
        assert all(0 <= b.start <= b.end <= len(article.text) for b in article.blocks)
        assert case.check is not None
        case.check(article)


def test_api_50mb_article_refused_then_loaded_with_raised_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.write(b"Dump\n\n" + PROSE.encode() * 10)
        fh.truncate(50_000_000)  # sparse: the size check comes before any read
    start = time.perf_counter()
    with pytest.raises(ArticleError, match=r"50,000,000 bytes, over the limit of 5,000,000 bytes per article; raise it with --max-bytes"):
        load_article(path)
    assert time.perf_counter() - start < 1.0
    with pytest.raises(ArticleError, match="NUL bytes"):  # raised limit: read, then refused as binary
        load_article(path, Settings(max_bytes=60_000_000))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\r\n\t", "\u3000\u00a0\u2028", "\ufeff"],
    ids=["empty", "space", "newlines", "unicode-spaces", "bom-only"],
)
def test_api_article_from_text_refuses_blank(text: str) -> None:
    with pytest.raises(ArticleError, match="empty|no article text"):
        article_from_text("blank", text)


def test_api_article_from_text_refuses_lone_surrogate() -> None:
    with pytest.raises(ArticleError, match=r"not valid Unicode \(unpaired surrogate U\+D800 at character 6\)"):
        article_from_text("s", "Botox \ud800 costs $500.")


def test_api_one_million_character_line_reaches_the_pipeline(tmp_path: Path) -> None:
    """spaCy refuses texts over nlp.max_length (1,000,000); ingestion cuts such a line into blocks."""
    from claimcheck.extract import extract_claims
    from claimcheck.nlp import load_pipeline

    article = article_from_text("long", "Long\n\n" + "abcdefghijklmnopqrstuvwxyz " * 37_100)  # long words: few tokens
    assert len(article.body_blocks) > 100 and max(len(b.text) for b in article.blocks) <= MAX_BLOCK_CHARS
    assert "long" in extract_claims([article], load_pipeline("fallback"))


# -- 2. claimcheck add -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_add(tmp_path: Path, case: Case) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    source = write_case(tmp_path / "in", case)
    result = invoke("add", source, "--corpus", corpus)
    if case.refusal:
        assert_error(result, case.refusal, str(source))
        assert snapshot(corpus) == before
    else:
        assert_ok(result)
        assert snapshot(corpus) == {**before, case.name: source.read_bytes()}


def test_add_50mb_refused_by_default(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    source = tmp_path / "dump.txt"
    with open(source, "wb") as fh:
        fh.truncate(50_000_000)
    assert_error(invoke("add", source, "--corpus", corpus), "50,000,000 bytes", "--max-bytes")
    assert snapshot(corpus) == before


UNSAFE_IDS = ["../x", "../../etc/passwd", "/etc/passwd", "a/b", "a\\b", ".hidden", "x\x00y", "a" * 129, "con", "lpt1.txt",
              "x.", "a..b", "", " ", "caf\u00e9", "a b", "-rf", "~root", "a:b", "$(rm)"]


@pytest.mark.parametrize("article_id", UNSAFE_IDS, ids=[repr(i)[:20] for i in UNSAFE_IDS])
def test_add_unsafe_id(tmp_path: Path, article_id: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    source = tmp_path / "in" / "fine.txt"
    source.parent.mkdir()
    source.write_text(OTHER)
    assert_error(invoke("add", source, "--id", article_id, "--corpus", corpus), "not a safe article id" if article_id not in ("con", "lpt1.txt") else "reserved")
    assert snapshot(corpus) == before
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "etc").exists()


UNSAFE_NAMES = {"spaces": "my article.txt", "unicode": "caf\u00e9.txt", "hidden": ".hidden.txt", "long": "a" * 200 + ".txt",
                "dash": "-rf.txt", "reserved": "nul.txt", "no-suffix": "passwd", "pdf-suffix": "paper.pdf", "double-dot": "a..b.txt"}


@pytest.mark.parametrize("name", UNSAFE_NAMES.values(), ids=UNSAFE_NAMES.keys())
def test_add_unsafe_source_name(tmp_path: Path, name: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_text(OTHER)
    error = assert_error(invoke("add", source, "--corpus", corpus))
    assert "--id" in error or "unsupported file type" in error
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    "setup, needle",
    [
        ("missing", "no such file"),
        ("folder", "is a folder"),
        ("fifo", "not a regular file"),
        ("etc-passwd", "unsupported file type"),
        ("dot-dot-path", "unsupported file type"),
        ("duplicate", "already has this article"),
        ("duplicate-reworded-layout", "already has this article"),
        ("same-id", "already has seed.txt"),
        ("id-for-two-files", "an id can only be given when adding one file"),
        ("same-file-twice", "also being added"),
        ("corpus-is-a-file", "is not a folder"),
        ("corpus-under-a-file", "cannot create corpus folder"),
        ("max-bytes-small", "raise it with --max-bytes"),
    ],
)
def test_add_refusals(tmp_path: Path, setup: str, needle: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    incoming = tmp_path / "in"
    incoming.mkdir()
    fine = incoming / "fine.txt"
    fine.write_text(OTHER)
    args: list[str | Path] = [fine, "--corpus", corpus]
    if setup == "missing":
        args[0] = incoming / "missing.txt"
    elif setup == "folder":
        (incoming / "folder.txt").mkdir()
        args[0] = incoming / "folder.txt"
    elif setup == "fifo":
        os.mkfifo(incoming / "pipe.txt")
        args[0] = incoming / "pipe.txt"
    elif setup == "etc-passwd":
        args[0] = Path("/etc/passwd")
    elif setup == "dot-dot-path":
        args[0] = Path(os.path.relpath("/etc/passwd", ROOT))  # ../../etc/passwd from the repo
    elif setup == "duplicate":
        (incoming / "copy.txt").write_text(SEED)
        args[0] = incoming / "copy.txt"
    elif setup == "duplicate-reworded-layout":
        (incoming / "copy.md").write_text(SEED.upper().replace(". ", ".\r\n"))
        args[0] = incoming / "copy.md"
    elif setup == "same-id":
        (incoming / "seed.md").write_text(OTHER)
        args[0] = incoming / "seed.md"
    elif setup == "id-for-two-files":
        (incoming / "two.txt").write_text(OTHER + " More.")
        args[1:1] = [incoming / "two.txt", "--id", "one"]
    elif setup == "same-file-twice":
        args[1:1] = [fine]
    elif setup == "corpus-is-a-file":
        args[-1] = fine
    elif setup == "corpus-under-a-file":
        args[-1] = fine / "sub"
    elif setup == "max-bytes-small":
        args += ["--max-bytes", "10"]
    before = snapshot(corpus)
    result = invoke_add_in(ROOT if setup == "dot-dot-path" else None, args)
    assert_error(result, needle)
    assert snapshot(corpus) == before
    assert fine.read_text() == OTHER


def invoke_add_in(cwd: Path | None, args: list[str | Path]):
    """``claimcheck add ARGS``, run from ``cwd`` when given (for relative paths such as ../../etc/passwd)."""
    if cwd is None:
        return invoke("add", *args)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return invoke("add", *args)
    finally:
        os.chdir(old)


# -- 3. claimcheck compare ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", [c for c in CASES if c.compare], ids=[c.id for c in CASES if c.compare])
def test_compare_corpus_with(tmp_path: Path, case: Case) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    path = write_case(corpus, case)
    before = snapshot(corpus)
    result = compare(corpus, tmp_path / "out")
    assert_ok(result)
    if case.refusal:
        assert result.stdout.startswith("1 articles,")
        warnings = [line for line in result.stderr.splitlines() if line.startswith(f"claimcheck: warning: skipping {path}")]
        assert len(warnings) == 1 and case.refusal in warnings[0], result.stderr
    else:
        assert result.stdout.startswith("2 articles,"), result.stdout
    assert snapshot(corpus) == before
    assert {"claims.csv", "alignments.csv", "flags.csv", "report.html"} <= {p.name for p in (tmp_path / "out").iterdir()}


def _symlink_out(corpus: Path, tmp: Path) -> None:
    outside = tmp / "outside.txt"
    outside.write_text(OTHER)
    (corpus / "escape.txt").symlink_to(outside)


def _symlink_passwd(corpus: Path, tmp: Path) -> None:
    (corpus / "passwd.txt").symlink_to("/etc/passwd")


def _symlink_dotdot(corpus: Path, tmp: Path) -> None:
    (tmp / "up.txt").write_text(OTHER)
    (corpus / "up.txt").symlink_to("../up.txt")


def _broken_symlink(corpus: Path, tmp: Path) -> None:
    (corpus / "broken.txt").symlink_to(tmp / "nowhere.txt")


def _symlink_loop(corpus: Path, tmp: Path) -> None:
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")


def _folder(corpus: Path, tmp: Path) -> None:
    (corpus / "folder.txt").mkdir()
    (corpus / "folder.txt" / "inner.txt").write_text(OTHER)


def _fifo(corpus: Path, tmp: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")


def _duplicate(corpus: Path, tmp: Path) -> None:
    (corpus / "zcopy.md").write_text(SEED.replace("\n\n", "\n\n\n"))


def _same_id(corpus: Path, tmp: Path) -> None:
    (corpus / "seed.html").write_text(f"<p>{OTHER}</p>")


def _hidden_and_foreign(corpus: Path, tmp: Path) -> None:
    (corpus / ".hidden.txt").write_bytes(b"\x00\x01binary")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    (corpus / "claimcheck.toml.bak").write_text("junk")


def _long_name(corpus: Path, tmp: Path) -> None:
    (corpus / ("a" * 250 + ".txt")).write_text(OTHER)


def _non_utf8_name(corpus: Path, tmp: Path) -> None:
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(OTHER.encode())


def _newline_name(corpus: Path, tmp: Path) -> None:
    (corpus / "two\nlines.txt").write_text(OTHER)


def _unreadable(corpus: Path, tmp: Path) -> None:
    (corpus / "locked.txt").write_text(OTHER)
    (corpus / "locked.txt").chmod(0)


CORPUS_SETUPS = {
    "symlink-out-of-corpus": (_symlink_out, "symlink leads outside the corpus folder", 1),
    "symlink-to-etc-passwd": (_symlink_passwd, "symlink leads outside the corpus folder", 1),
    "symlink-dot-dot": (_symlink_dotdot, "symlink leads outside the corpus folder", 1),
    "broken-symlink": (_broken_symlink, "broken symlink", 1),
    "symlink-loop": (_symlink_loop, "symlink loop", 1),
    "folder-named-txt": (_folder, "is a folder", 1),
    "fifo-named-txt": (_fifo, "not a regular file", 1),
    "duplicate-article": (_duplicate, "duplicate of seed.txt", 1),
    "same-id-two-suffixes": (_same_id, "id 'seed' is already used by seed.html", 1),
    "hidden-and-foreign-files": (_hidden_and_foreign, None, 1),
    "very-long-file-name": (_long_name, None, 2),
    "non-utf8-file-name": (_non_utf8_name, "bytes that are not UTF-8; rename the file", 1),
    "newline-in-file-name": (_newline_name, "control characters", 1),
    "unreadable-file": (_unreadable, None, None),  # root reads it anyway; others get a skip
}


@pytest.mark.parametrize("setup, needle, articles", CORPUS_SETUPS.values(), ids=CORPUS_SETUPS.keys())
def test_compare_corpus_entries(tmp_path: Path, setup, needle: str | None, articles: int | None) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    setup(corpus, tmp_path)
    before = snapshot(corpus)
    result = compare(corpus, tmp_path / "out")
    assert_ok(result)
    if articles is not None:
        assert result.stdout.startswith(f"{articles} articles,"), result.stdout
    if needle is not None:
        warnings = [line for line in result.stderr.splitlines() if line.startswith("claimcheck: warning: skipping")]
        assert len(warnings) == 1 and needle in warnings[0], result.stderr
    assert snapshot(corpus) == before


def test_compare_ten_thousand_tiny_articles_load(tmp_path: Path) -> None:
    """load_corpus on 10,000 tiny files (compare on them is measured in benchmarks/memory.py)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10_000):
        (corpus / f"a{i:05d}.txt").write_text(f"Note {i}\n\nClinic number {i} charges {i} dollars.\n")
    start = time.perf_counter()
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 10_000 and not loaded.skipped
    assert time.perf_counter() - start < 60


def test_compare_corpus_folder_with_non_utf8_name(tmp_path: Path) -> None:
    corpus = Path(os.fsdecode(os.fsencode(tmp_path) + b"/corp\xe9"))
    make_corpus(corpus, a=SEED, b=OTHER)
    assert_ok(result := compare(corpus, tmp_path / "out"))
    assert result.stdout.startswith("2 articles,")


def test_compare_escapes_markup_in_text_and_ids(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "<img src=x onerror=alert(3)>.txt").write_text(
        "Other <script>alert(1)</script>\n\nThe clinic charges 600 dollars for one vial of botox <script>alert(2)</script>.\n"
    )
    assert_ok(result := compare(corpus, tmp_path / "out"))
    assert result.stdout.startswith("2 articles,")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)" in html and "&lt;img src=x" in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_compare_a_hundred_tiny_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(100):
        (corpus / f"a{i:03d}.txt").write_text(f"Note {i}\n\nClinic number {i} in town {i % 7} charges {i} dollars.\n")
    assert_ok(result := compare(corpus, tmp_path / "out", "--no-cache"))
    assert result.stdout.startswith("100 articles,")


def _file(tmp: Path) -> Path:
    path = tmp / "file.txt"
    path.write_text("x")
    return path


CORPUS_PATHS = {
    "missing": (lambda tmp: tmp / "nope", "does not exist"),
    "a-file": (_file, "is not a folder"),
    "empty-folder": (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no usable article"),
    "only-bad-files": (lambda tmp: make_corpus(tmp / "bad", a="", b="   ") and tmp / "bad", "2 file(s) skipped"),
    "proc": (lambda tmp: Path("/proc/self/nonexistent"), "does not exist"),
}


@pytest.mark.parametrize("make, needle", CORPUS_PATHS.values(), ids=CORPUS_PATHS.keys())
def test_compare_bad_corpus_path(tmp_path: Path, make, needle: str) -> None:
    assert_error(compare(make(tmp_path), tmp_path / "out"), needle)
    assert not (tmp_path / "out").exists()


OUT_PATHS = {
    "under-a-file": (lambda tmp: _file(tmp) / "reports", "is a file, not a folder"),
    "is-a-file": (_file, "is a file, not a folder"),
    "in-proc": (lambda tmp: Path("/proc/claimcheck-reports"), "cannot create report folder"),
    "in-sys": (lambda tmp: Path("/sys/claimcheck-reports"), "cannot create report folder"),
}


@pytest.mark.parametrize("make, needle", OUT_PATHS.values(), ids=OUT_PATHS.keys())
def test_compare_unwritable_out(tmp_path: Path, make, needle: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    assert_error(compare(corpus, make(tmp_path)), needle)
    assert snapshot(corpus) == before


def test_compare_read_only_reports_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; the unwritable cases above use /proc and regular files instead")
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        assert_error(compare(corpus, out), "cannot write")
    finally:
        out.chmod(0o700)


BAD_OPTIONS = {
    "max-bytes-abc": (["--max-bytes", "abc"], "--max-bytes"),
    "max-bytes-float": (["--max-bytes", "1e6"], "--max-bytes"),
    "max-bytes-zero": (["--max-bytes", "0"], "max_bytes must be positive"),
    "max-bytes-negative": (["--max-bytes", "-5"], "max_bytes must be positive"),
    "jobs-zero": (["--jobs", "0"], "--jobs"),
    "jobs-negative": (["--jobs", "-3"], "--jobs"),
    "jobs-text": (["--jobs", "many"], "--jobs"),
    "fail-on-extreme": (["--fail-on", "extreme"], "unknown severity 'extreme'"),
    "fail-on-empty": (["--fail-on", ""], "severity"),
    "kinds-nonsense": (["--kinds", "nonsense"], "unknown flag kind 'nonsense'"),
    "kinds-one-bad": (["--kinds", "negation,bogus"], "unknown flag kind 'bogus'"),
    "model-missing": (["--model", "no_such_model_xyz"], "no_such_model_xyz"),
    "format-bogus": (["--format", "pdf"], "unknown report format 'pdf'"),
    "unknown-option": (["--frobnicate"], "No such option: --frobnicate"),
    "missing-value": (["--out"], "requires an argument"),
}


@pytest.mark.parametrize("options, needle", BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_compare_bad_options(tmp_path: Path, options: list[str], needle: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    assert_error(invoke("compare", corpus, "--out", tmp_path / "out", "--model", "fallback", *options), needle)
    assert not (tmp_path / "out").exists()


BAD_ADD_OPTIONS = {
    "max-bytes-abc": (["--max-bytes", "abc"], "--max-bytes"),
    "max-bytes-zero": (["--max-bytes", "0"], "max_bytes must be positive"),
    "no-paths": ([], "Missing argument"),
    "unknown-command": (None, "No such command"),
}


@pytest.mark.parametrize("options, needle", BAD_ADD_OPTIONS.values(), ids=BAD_ADD_OPTIONS.keys())
def test_add_bad_options(tmp_path: Path, options: list[str] | None, needle: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    source = tmp_path / "fine.txt"
    source.write_text(OTHER)
    if options is None:
        result = invoke("frobnicate", source)
    elif options:
        result = invoke("add", source, "--corpus", corpus, *options)
    else:
        result = invoke("add", "--corpus", corpus)
    assert_error(result, needle)
    assert snapshot(corpus) == before


def test_compare_cache_dir_is_a_file_still_works(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    blocker = _file(tmp_path)
    result = compare(corpus, tmp_path / "out", "--cache-dir", blocker)
    assert_ok(result)
    assert "claimcheck: warning: cannot write cache entry" in result.stderr


def test_api_errors_are_claimcheck_errors(tmp_path: Path) -> None:
    """What the CLI catches: every refusal of the API is a ClaimcheckError subclass."""
    with pytest.raises(CorpusError):
        load_corpus(tmp_path / "missing")
    source = tmp_path / "fine.txt"
    source.write_text(OTHER)
    with pytest.raises(UnsafePathError):
        add_articles([source], tmp_path / "c", article_id="../x")
    for error in (ArticleError, CorpusError, UnsafePathError):
        assert issubclass(error, ClaimcheckError)


# -- 4. a real process, for a representative subset ---------------------------------------------------


def run_cli(*args: str | Path, cache: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CLAIMCHECK_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout, check=False)


SUBPROCESS_CASES = ["binary", "windows-1252", "utf16-le-bom", "html-nested-100k-divs", "pdf-renamed", "one-line-1MB"]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SUBPROCESS_CASES], ids=SUBPROCESS_CASES)
def test_subprocess_add_then_compare(tmp_path: Path, case: Case) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    source = write_case(tmp_path / "in", case)
    added = run_cli("add", source, "--corpus", corpus, cache=tmp_path / "cache")
    assert "Traceback" not in added.stdout + added.stderr
    if case.refusal:
        assert added.returncode == 2 and added.stderr.startswith("claimcheck: error: ") and added.stderr.count("\n") == 1
        assert case.refusal in added.stderr
    else:
        assert added.returncode == 0, added.stderr
    compared = run_cli("compare", corpus, "--out", tmp_path / "out", "--model", "fallback", cache=tmp_path / "cache")
    assert "Traceback" not in compared.stdout + compared.stderr
    assert compared.returncode == 0, compared.stderr
    assert compared.stdout.startswith("1 articles," if case.refusal else "2 articles,")


SUBPROCESS_ERRORS = {
    "max-bytes-abc": (["compare", "{corpus}", "--max-bytes", "abc"], "--max-bytes"),
    "jobs-zero": (["compare", "{corpus}", "--jobs", "0"], "--jobs"),
    "fail-on-extreme": (["compare", "{corpus}", "--fail-on", "extreme"], "unknown severity"),
    "kinds-nonsense": (["compare", "{corpus}", "--kinds", "nonsense"], "unknown flag kind"),
    "missing-corpus": (["compare", "{tmp}/nope"], "does not exist"),
    "out-under-file-in-corpus": (["compare", "{corpus}", "--out", "{corpus}/seed.txt/reports"], "inside the corpus folder"),
    "add-unsafe-id": (["add", "{corpus}/seed.txt", "--id", "../../etc/passwd", "--corpus", "{tmp}/other"], "not a safe article id"),
    "add-etc-passwd": (["add", "/etc/passwd", "--corpus", "{corpus}"], "unsupported file type"),
}


@pytest.mark.parametrize("args, needle", SUBPROCESS_ERRORS.values(), ids=SUBPROCESS_ERRORS.keys())
def test_subprocess_errors(tmp_path: Path, args: list[str], needle: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    before = snapshot(corpus)
    filled = [a.format(corpus=corpus, tmp=tmp_path) for a in args]
    done = run_cli(*filled, "--model", "fallback", cache=tmp_path / "cache") if args[0] == "compare" else run_cli(*filled, cache=tmp_path / "cache")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    stderr = "".join(line for line in done.stderr.splitlines(keepends=True) if "--model fallback" not in line)
    assert stderr.startswith("claimcheck: error: ") and stderr.count("\n") == 1, done.stderr
    assert needle in stderr
    assert snapshot(corpus) == before
    assert not (tmp_path / "other").exists()


# -- 5. issue 18: hostile input and faults ---------------------------------------------------------


def _corpus_with_a_report_named_article(folder: Path) -> Path:
    make_corpus(folder, seed=SEED, other=OTHER)
    (folder / "report.html").write_text("<html><body><h1>Report</h1><p>The clinic charges 700 dollars for one vial.</p></body></html>")
    return folder


def _symlink_to(target: Path, link: Path) -> Path:
    link.symlink_to(target, target_is_directory=True)
    return link


OUT_IN_CORPUS = {
    "same": lambda corpus, tmp: corpus,
    "dot": lambda corpus, tmp: corpus / ".",
    "absolute": lambda corpus, tmp: corpus.resolve(),
    "dot-dot": lambda corpus, tmp: corpus / "sub" / "..",
    "symlink": lambda corpus, tmp: _symlink_to(corpus, tmp / "link"),
    "subfolder": lambda corpus, tmp: corpus / "reports",
}


@pytest.mark.parametrize("spelling", OUT_IN_CORPUS.values(), ids=OUT_IN_CORPUS.keys())
def test_compare_refuses_reports_in_the_corpus(tmp_path: Path, spelling) -> None:
    """Defect 1: reports written into the corpus overwrite an article named report.html and are
    read as articles by the next compare."""
    corpus = _corpus_with_a_report_named_article(tmp_path / "corpus")
    before = snapshot(corpus)
    assert_error(compare(corpus, spelling(corpus, tmp_path)), "corpus folder")
    assert snapshot(corpus) == before


@pytest.mark.parametrize("where", ["--set", "claimcheck.toml"])
def test_batch_size_zero_is_refused_and_cannot_poison_the_cache(tmp_path: Path, where: str) -> None:
    """Defect 2: batch_size = 0 gave 0 claims, exit 0, and a cache that gave 0 claims afterwards."""
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    cache = tmp_path / "cache"
    if where == "--set":
        bad = compare(corpus, tmp_path / "out", "--cache-dir", cache, "--set", "batch_size=0")
    else:
        (corpus / "claimcheck.toml").write_text("batch_size = 0\n")
        bad = compare(corpus, tmp_path / "out", "--cache-dir", cache)
        (corpus / "claimcheck.toml").unlink()
    assert_error(bad, "batch_size")
    good = compare(corpus, tmp_path / "out", "--cache-dir", cache)
    assert_ok(good)
    assert good.stdout.startswith("2 articles,") and " 0 claims" not in good.stdout


def test_set_model_is_honoured(tmp_path: Path) -> None:
    """Defect 3: --set model=... was overwritten by the unset --model option."""
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    done = invoke("compare", corpus, "--out", tmp_path / "out", "--no-cache", "--set", "model=fallback")
    assert_ok(done)
    assert "pipeline: en_claimcheck_fallback" in done.stdout
    shown = invoke("config", corpus, "--set", "model=fallback")
    assert_ok(shown)
    assert 'model = "fallback"' in shown.stdout


def test_set_max_bytes_is_honoured(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    assert_error(compare(corpus, tmp_path / "out", "--no-cache", "--set", "max_bytes=10"), "no usable article", "over the limit of 10 bytes")
    assert 'max_bytes = 10  # command line' in invoke("config", corpus, "--set", "max_bytes=10").stdout


FORMULA = "=HYPERLINK(\"http://evil.example\",\"Botox Prices\")"


def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path: Path) -> None:
    """Defect 4: a title or sentence starting with = + - @ landed raw in every CSV (formula injection)."""
    import csv
    import json

    corpus = make_corpus(tmp_path / "corpus", seed=SEED.replace("Botox Prices", FORMULA), other="@SUM(1+1) Facts\n\n" + OTHER.split("\n\n", 1)[1])
    out = tmp_path / "out"
    assert_ok(compare(corpus, out, "--no-cache", "--format", "csv,html,json"))
    with (out / "articles.csv").open(newline="", encoding="utf-8") as fh:
        titles = {row["doc_id"]: row["title"] for row in csv.DictReader(fh)}
    assert titles == {"seed": "'" + FORMULA, "other": "'@SUM(1+1) Facts"}
    for name in ("claims.csv", "alignments.csv", "flags.csv", "matrix.csv", "articles.csv"):
        with (out / name).open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                assert not [cell for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _number(cell))], (name, row)
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {a["title"] for a in document["articles"]} == {FORMULA, "@SUM(1+1) Facts"}  # JSON and HTML keep the text
    assert "=HYPERLINK(&#34;http" in (out / "report.html").read_text() or "=HYPERLINK(&quot;http" in (out / "report.html").read_text()
    again = invoke("report", out, "--out", tmp_path / "again", "--format", "csv,html,json")  # read back: the same reports
    assert_ok(again)
    for name in ("articles.csv", "claims.csv", "report.json"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_csv_neutralising_leaves_numbers_and_plain_text_alone() -> None:
    import pandas as pd

    from claimcheck.report.write import frame_to_csv

    frame = pd.DataFrame({"text": ["=1+1", "+2 more", "-x", "@a", "\tx", "plain", "-5", "'=x", "1.5e3"], "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9]})
    rows = frame_to_csv(frame).splitlines()
    assert rows[1:] == ["'=1+1,-1", "'+2 more,2", "'-x,3", "'@a,4", "'\tx,5", "plain,6", "-5,7", "''=x,8", "1.5e3,9"]


def _fifo_in_place_of(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def test_a_fifo_in_the_cache_is_skipped_not_waited_on(tmp_path: Path) -> None:
    """Defect 5: a FIFO in place of a claims entry, a parse entry or the pair scores hung compare for ever."""
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    cache = tmp_path / "cache"
    first = run_cli("compare", corpus, "--out", tmp_path / "out", "--model", "fallback", cache=cache)
    assert first.returncode == 0, first.stderr
    entries = [*cache.glob("??/*.msgpack"), *cache.glob("articles/??/*.msgpack"), *cache.glob("pairs/*.npz")]
    assert {p.parent.name if p.parent.name == "pairs" else p.parent.parent.name for p in entries} >= {"cache", "articles", "pairs"}
    for path in entries:
        _fifo_in_place_of(path)
    try:
        again = run_cli("compare", corpus, "--out", tmp_path / "out", "--model", "fallback", cache=cache, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("compare waited on a FIFO in the cache")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert "claimcheck: warning: ignoring unreadable cache entry" in again.stderr
    assert again.stdout.startswith("2 articles,")


@pytest.mark.parametrize("original, copy", [(("utf-16", "\n"), ("utf-8", "\r\n")), (("utf-8", "\r\n"), ("utf-8", "\n"))], ids=["utf16-original", "crlf-original"])
def test_add_with_max_bytes_still_refuses_a_duplicate(tmp_path: Path, original: tuple[str, str], copy: tuple[str, str]) -> None:
    """Defect 8: an article over --max-bytes was left out of the duplicate check, so its smaller copies were added."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(SEED.replace("\n", original[1]).encode(original[0]))
    source = tmp_path / "copy.txt"
    source.write_bytes(SEED.replace("\n", copy[1]).encode(copy[0]))
    assert (corpus / "seed.txt").stat().st_size > source.stat().st_size
    before = snapshot(corpus)
    assert_error(invoke("add", source, "--corpus", corpus, "--max-bytes", source.stat().st_size), "already has this article")
    assert snapshot(corpus) == before


HUGE_SETTINGS = {
    "max-bytes-beyond-64-bits": (["--max-bytes", "99999999999999999999999"], None),
    "max-bytes-a-terabyte": (["--max-bytes", "1000000000000"], None),
    "batch-size-negative": (["--set", "batch_size=-1"], "batch_size"),
    "batch-size-huge": (["--set", "batch_size=99999999999999999999999"], "batch_size"),
    "kinds-nested-5000-deep": (["--set", "kinds=" + "[" * 5000 + "]" * 5000], "kinds"),
}


@pytest.mark.parametrize("options, needle", HUGE_SETTINGS.values(), ids=HUGE_SETTINGS.keys())
def test_out_of_range_settings_are_a_clear_error_or_work(tmp_path: Path, options: list[str], needle: str | None) -> None:
    """Defect 9: these ended as 'internal error' (OverflowError, ValueError, RecursionError, MemoryError)."""
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    result = compare(corpus, tmp_path / "out", "--no-cache", *options)
    if needle is None:
        assert_ok(result)
        assert result.stdout.startswith("2 articles,")
    else:
        assert_error(result, needle)


def test_a_nested_table_in_claimcheck_toml_is_a_clear_error(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", seed=SEED, other=OTHER)
    (corpus / "claimcheck.toml").write_text("kinds = " + "[" * 5000 + "]" * 5000 + "\n")
    assert_error(compare(corpus, tmp_path / "out"), "claimcheck.toml")


NEWLINE_PATHS = {
    "add-unsafe-id": lambda tmp, corpus: ("add", _write(tmp / "in" / "bad\nname.txt", OTHER), "--corpus", corpus),
    "add-duplicate": lambda tmp, corpus: ("add", _write(tmp / "in" / "copy\n.txt", SEED), "--id", "copy", "--corpus", corpus),
    "add-unsupported-type": lambda tmp, corpus: ("add", _write(tmp / "in" / "a\nb.pdf", OTHER), "--corpus", corpus),
    "compare-missing-corpus": lambda tmp, corpus: ("compare", tmp / "no\nsuch", "--out", tmp / "out"),
}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("make", NEWLINE_PATHS.values(), ids=NEWLINE_PATHS.keys())
def test_a_newline_in_a_path_stays_on_the_error_line(tmp_path: Path, make) -> None:
    """Defect 10: a newline in a file name split the error line."""
    corpus = make_corpus(tmp_path / "corpus")
    line = assert_error(invoke(*make(tmp_path, corpus)))
    assert "\\n" in line


WIDGETS = "Botox Prices\n\nWe use cookies to improve your experience.\n\n" + SEED.split("\n\n", 1)[1] + "\nShare this article\n"
COPIES = {
    "lower-case": WIDGETS.lower(),
    "upper-case": WIDGETS.upper(),
    "double-spaced": WIDGETS.replace(" ", "  "),
    "tabs": WIDGETS.replace(" ", "\t"),
    "re-wrapped": WIDGETS.replace(". ", ".\n"),
}


@pytest.mark.parametrize("text", COPIES.values(), ids=COPIES.keys())
def test_re_cased_and_re_spaced_copies_are_duplicates(tmp_path: Path, text: str) -> None:
    """Defect 11: the README promises add refuses re-cased copies; lower-case and re-spaced ones were added."""
    corpus = make_corpus(tmp_path / "corpus", seed=WIDGETS)
    copy = _write(tmp_path / "in" / "copy.txt", text)
    before = snapshot(corpus)
    assert_error(invoke("add", copy, "--corpus", corpus), "already has this article")
    assert snapshot(corpus) == before
    _write(corpus / "zcopy.txt", text)  # compare skips the later file of the two
    loaded = load_corpus(corpus)
    assert [a.id for a in loaded.articles] == ["seed"] and "duplicate of seed.txt" in loaded.skipped[0].reason
