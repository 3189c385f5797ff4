"""``add_articles``: byte-for-byte copies into the corpus, all-or-nothing, never overwriting."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from claimcheck import corpus as corpus_module
from claimcheck.corpus import add_articles, load_corpus
from claimcheck.errors import ArticleError, ConfigError, CorpusError, DuplicateArticleError, UnsafePathError
from claimcheck.settings import Settings
from claimcheck.types import Added

SEEDS = Path(__file__).parent.parent / "corpus"


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every entry of the folder (hidden ones too) with its bytes; None when it does not exist."""
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(folder.iterdir())}


def source(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (root / seed.name).write_bytes(seed.read_bytes())
    return root


def test_add_copies_bytes_unchanged(tmp_path: Path, corpus_dir: Path) -> None:
    data = "Caf\u00e9 Prices\r\n\r\nA \u201cflat white\u201d costs \u00a33.\r\n".encode("cp1252")
    src = source(tmp_path / "in", "cafe.txt", data)
    added = add_articles([src], corpus_dir)
    assert added == [Added(source=str(src), id="cafe", path=str(corpus_dir / "cafe.txt"))]
    assert (corpus_dir / "cafe.txt").read_bytes() == data
    assert [a.id for a in load_corpus(corpus_dir).articles] == ["000_0d35b78c362f2a7e", "004_e2ec1ee79ab20de1", "cafe"]


def test_add_creates_folder_and_uses_id(tmp_path: Path) -> None:
    src = source(tmp_path / "in", "Some File.MD", "# A Title\n\nSome text here.\n")
    root = tmp_path / "new" / "corpus"
    added = add_articles([src], root, article_id="my-article_1.v2")
    assert added[0].id == "my-article_1.v2"
    assert snapshot(root) == {"my-article_1.v2.md": src.read_bytes()}


def test_add_several(tmp_path: Path, corpus_dir: Path) -> None:
    sources = [source(tmp_path / "in", f"n{i}.txt", f"Title {i}\n\nClaim number {i} is true.\n") for i in range(3)]
    added = add_articles(sources, corpus_dir)
    assert [a.id for a in added] == ["n0", "n1", "n2"]
    assert all(Path(a.path).read_bytes() == s.read_bytes() for a, s in zip(added, sources))


@pytest.mark.parametrize(
    "article_id",
    ["../x", "a/b", "a\\b", ".hidden", "", "-x", "a..b", "x.", "con", "NUL.notes", "com1", "a b", "x" * 129, "\u00e9t\u00e9"],
)
def test_unsafe_ids_refused(tmp_path: Path, corpus_dir: Path, article_id: str) -> None:
    src = source(tmp_path / "in", "fine.txt", "Title\n\nSome text.\n")
    before = snapshot(corpus_dir)
    with pytest.raises(UnsafePathError, match="id"):
        add_articles([src], corpus_dir, article_id=article_id)
    assert snapshot(corpus_dir) == before
    assert not (tmp_path / "x.txt").exists()


def test_unsafe_stem_suggests_id(tmp_path: Path, corpus_dir: Path) -> None:
    src = source(tmp_path / "in", "my article.txt", "Title\n\nSome text.\n")
    with pytest.raises(UnsafePathError, match="--id"):
        add_articles([src], corpus_dir)


def test_id_needs_one_source(tmp_path: Path, corpus_dir: Path) -> None:
    sources = [source(tmp_path / "in", f"n{i}.txt", f"Text {i}.\n") for i in range(2)]
    with pytest.raises(ConfigError, match="one file"):
        add_articles(sources, corpus_dir, article_id="x")


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", ArticleError, "empty"),
        ("blank.txt", b"\n  \n", ArticleError, "whitespace"),
        ("doc.txt", b"%PDF-1.5\n\x00\x01", ArticleError, "PDF"),
        ("zero.txt", b"text\x00with NUL", ArticleError, "NUL"),
        ("paper.pdf", b"%PDF-1.5", ArticleError, "unsupported file type"),
        ("big.txt", b"Big Title\n\n" + b"word " * 100, ArticleError, "--max-bytes"),
        ("missing.txt", None, ArticleError, "no such file"),
    ],
)
def test_bad_sources_refused(tmp_path: Path, corpus_dir: Path, name: str, data: bytes | None, error: type, message: str) -> None:
    src = source(tmp_path / "in", name, data) if data is not None else tmp_path / name
    good = source(tmp_path / "in", "good.txt", "Good Title\n\nGood text.\n")
    before = snapshot(corpus_dir)
    with pytest.raises(error, match=message):
        add_articles([good, src], corpus_dir, settings=Settings(max_bytes=300))
    assert snapshot(corpus_dir) == before


def test_duplicate_of_corpus_article_refused(tmp_path: Path, corpus_dir: Path) -> None:
    seed = (SEEDS / "000_0d35b78c362f2a7e.txt").read_text(encoding="utf-8")
    variant = seed.replace("\n", "\r\n").upper()  # same normalized content
    src = source(tmp_path / "in", "again.txt", variant)
    before = snapshot(corpus_dir)
    with pytest.raises(DuplicateArticleError, match="000_0d35b78c362f2a7e.txt"):
        add_articles([src], corpus_dir)
    assert snapshot(corpus_dir) == before


def test_duplicate_within_call_refused(tmp_path: Path, corpus_dir: Path) -> None:
    one = source(tmp_path / "in", "one.txt", "Same Title\n\nSame text.\n")
    two = source(tmp_path / "in", "two.md", "# Same Title\n\nSame   text.\n")
    before = snapshot(corpus_dir)
    with pytest.raises(DuplicateArticleError, match="also being added"):
        add_articles([one, two], corpus_dir)
    assert snapshot(corpus_dir) == before


@pytest.mark.parametrize("existing", ["taken.txt", "taken.md", "TAKEN.txt"])
def test_never_overwrites(tmp_path: Path, corpus_dir: Path, existing: str) -> None:
    (corpus_dir / existing).write_text("Old Title\n\nOld text.\n", encoding="utf-8")
    src = source(tmp_path / "in", "taken.txt", "New Title\n\nNew text.\n")
    before = snapshot(corpus_dir)
    with pytest.raises(UnsafePathError, match="already has"):
        add_articles([src], corpus_dir)
    assert snapshot(corpus_dir) == before


def test_same_id_twice_in_one_call_refused(tmp_path: Path, corpus_dir: Path) -> None:
    one = source(tmp_path / "a", "same.txt", "First Title\n\nFirst text.\n")
    two = source(tmp_path / "b", "same.txt", "Second Title\n\nSecond text.\n")
    with pytest.raises(UnsafePathError, match="also the id"):
        add_articles([one, two], corpus_dir)


def test_concurrent_file_is_not_clobbered(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that appears after validation (another process) is left alone."""
    src = source(tmp_path / "in", "racy.txt", "Racy Title\n\nRacy text.\n")
    real_link = os.link

    def link_after_rival(a: str, b: str) -> None:
        Path(b).write_bytes(b"rival")
        real_link(a, b)

    monkeypatch.setattr(os, "link", link_after_rival)
    with pytest.raises(UnsafePathError, match="already exists"):
        add_articles([src], corpus_dir)
    assert (corpus_dir / "racy.txt").read_bytes() == b"rival"
    assert not [p for p in corpus_dir.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("new_folder", [False, True])
def test_failed_add_leaves_corpus_unchanged(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, new_folder: bool) -> None:
    root = tmp_path / "fresh" / "corpus" if new_folder else corpus_dir
    sources = [source(tmp_path / "in", f"n{i}.txt", f"Title {i}\n\nClaim {i} holds.\n") for i in range(3)]
    before = snapshot(root)
    before_parent = snapshot(tmp_path)
    real_link = os.link
    calls = []

    def flaky_link(a: str, b: str) -> None:
        calls.append(b)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_link(a, b)

    monkeypatch.setattr(os, "link", flaky_link)
    with pytest.raises(CorpusError, match="cannot write"):
        add_articles(sources, root)
    assert len(calls) == 2
    assert snapshot(root) == before
    assert snapshot(tmp_path) == before_parent


def test_works_without_hard_links(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(a: str, b: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    src = source(tmp_path / "in", "plain.txt", "Plain Title\n\nPlain text.\n")
    added = add_articles([src], corpus_dir)
    assert Path(added[0].path).read_bytes() == src.read_bytes()
    assert not [p for p in corpus_dir.iterdir() if p.name.startswith(".")]


def test_corpus_path_that_is_a_file(tmp_path: Path) -> None:
    src = source(tmp_path / "in", "a.txt", "Title\n\nText.\n")
    not_a_folder = source(tmp_path, "corpus", "x")
    with pytest.raises(CorpusError, match="not a folder"):
        add_articles([src], not_a_folder)


def test_place_refuses_existing_target(tmp_path: Path) -> None:
    target = source(tmp_path, "exists.txt", "keep me")
    with pytest.raises(UnsafePathError):
        corpus_module._place(target, b"new bytes")
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["exists.txt"]
