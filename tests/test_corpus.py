"""Stage 1: files -> Articles (decoding, blocks, offsets, boilerplate, corpus folders)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from claimcheck.corpus import article_from_text, content_hash, load_article, load_corpus
from claimcheck.errors import ArticleError, CorpusError
from claimcheck.settings import Settings
from claimcheck.types import Article, BlockKind

SEEDS = Path(__file__).parent.parent / "corpus"
SEED_000 = SEEDS / "000_0d35b78c362f2a7e.txt"
SEED_004 = SEEDS / "004_e2ec1ee79ab20de1.txt"


def assert_offsets(article: Article, *, exact_slices: bool = False) -> None:
    """Every character of every block maps to its source character in Article.text.

    A space may stand for whitespace or a ``<br>`` tag, and a decoded entity maps to its ``&``.
    """
    for block in article.blocks:
        assert block.text and block.text == block.text.strip()
        assert 0 <= block.start < block.end <= len(article.text)
        for i, char in enumerate(block.text):
            source = article.text[block.offsets.to_original(i)]
            assert source == char or (char.isspace() and (source.isspace() or source == "<")) or source == "&", (
                block.text,
                i,
            )
        if exact_slices:
            assert article.text[block.start : block.end] == block.text


def block_texts(article: Article, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in article.blocks if kind is None or b.kind is kind]


# -- the seed articles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "title"),
    [(SEED_000, "Could Botox Be Used For Chronic Back Pain?"), (SEED_004, "Chronic Pain And Botox Treatment")],
)
def test_seed_title_and_offsets(path: Path, title: str) -> None:
    article = load_article(path)
    assert article.id == path.stem
    assert article.title == title
    assert article.blocks[0].kind is BlockKind.TITLE and article.blocks[0].text == title
    assert article.text == path.read_text(encoding="utf-8")
    assert article.sha256 == content_hash(article)
    assert_offsets(article, exact_slices=True)


@pytest.mark.parametrize("path", [SEED_000, SEED_004])
@pytest.mark.parametrize(
    "junk", ["Digg", "Sphinn", "del.icio.us", "Mixx", "Share and Enjoy", "About me", "medical aesthetic training", "Treatmentmedical"]
)
def test_seed_boilerplate_removed(path: Path, junk: str) -> None:
    assert not any(junk in text for text in block_texts(load_article(path)))


@pytest.mark.parametrize(
    "text",
    ["Customers of Westfield Water saw their bills climb by nearly a fifth this spring.",
     "Residents of Northbrook said the Council had failed them over the flooding."],
)
def test_a_compound_place_name_is_no_glued_title(text: str) -> None:
    """"Westfield" splits into two dictionary words like the seed's "Treatmentmedical", but no
    keyword junk follows it: the line is prose and stays whole."""
    article = article_from_text("a", text)
    assert article.title == "" and block_texts(article) == [text]


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        ("the cost of treatment varies", BlockKind.LIST_ITEM),
        ("Since the FDA does not approve it", BlockKind.LIST_ITEM),
        ("Very few studies have been conducted", BlockKind.LIST_ITEM),
        ("Pain Management", BlockKind.HEADING),
        ("Important Considerations", BlockKind.HEADING),
        ("Botox is not for cosmetic use only", BlockKind.PARAGRAPH),
    ],
)
def test_seed_000_blocks(start: str, kind: BlockKind) -> None:
    article = load_article(SEED_000)
    matches = [b for b in article.blocks if b.text.startswith(start)]
    assert len(matches) == 1 and matches[0].kind is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("For people who experience chronic pain, this is a huge intrusion", BlockKind.PARAGRAPH),
        ("The Effects of Botox", BlockKind.HEADING),
        ("Synopsis", BlockKind.HEADING),
        ("This can be explained in a few ways.", BlockKind.PARAGRAPH),
        ("So now that we have seen that botox can actually help reduce pain", BlockKind.PARAGRAPH),
    ],
)
def test_seed_004_one_block_per_line(text: str, kind: BlockKind) -> None:
    article = load_article(SEED_004)
    matches = [b for b in article.blocks if b.text.startswith(text)]
    assert len(matches) == 1 and matches[0].kind is kind
    # each non-empty line is its own block: no block spans a line break
    assert not any("\n" in t for t in block_texts(article))
    assert len(article.blocks) == len([line for line in article.text.splitlines() if line.strip()])


# -- decoding ---------------------------------------------------------------------------------

QUOTED = "The \u201cbest\u201d vial costs \u00a3500 \u2013 it\u2019s not cheap."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (QUOTED.encode("cp1252"), "cp1252"),
        (("Caf\u00e9 prices: \u00a35 each.\n" * 3).encode("latin-1"), "cp1252"),
        (QUOTED.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + QUOTED.encode("utf-8"), "utf-8-sig"),
        (QUOTED.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + QUOTED.encode("utf-16-be"), "utf-16"),
        (QUOTED.encode("utf-32"), "utf-32"),
        (QUOTED.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.encoding == encoding
    assert "\ufffd" not in article.text and "\ufeff" not in article.text
    assert article.text.strip() == data.decode(encoding).strip()
    assert_offsets(article, exact_slices=True)


def test_cp1252_keeps_quotes_and_pound(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(QUOTED.encode("cp1252"))
    assert load_article(path).blocks[0].text == QUOTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  \n", "whitespace"),
        ("\n \n".encode("utf-16"), "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"Some text\x00\x01\x02 with NUL bytes in it", "NUL"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"Share and Enjoy:\n\xe2\x80\xa2 Digg\n\xe2\x80\xa2 Facebook\n", "no article text left"),
    ],
)
def test_refused_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=message) as info:
        load_article(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A sentence that is long enough. " * 4, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"128 bytes.*limit of 100 bytes.*--max-bytes"):
        load_article(path, Settings(max_bytes=100))
    assert load_article(path, Settings(max_bytes=128)).blocks


@pytest.mark.parametrize(("name", "error"), [("missing.txt", "no such file"), ("folder.txt", "folder")])
def test_unreadable_paths(tmp_path: Path, name: str, error: str) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ArticleError, match=error):
        load_article(tmp_path / name)


# -- plain text blocks ------------------------------------------------------------------------


def test_mixed_line_endings(tmp_path: Path) -> None:
    text = "Botox And Pain\r\n\r\nFirst paragraph starts here\rand goes on.\n\nSecond paragraph.\r\n- An item\r\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8"))
    article = load_article(path)
    assert article.text == text
    assert article.title == "Botox And Pain"
    assert block_texts(article) == ["Botox And Pain", "First paragraph starts here and goes on.", "Second paragraph.", "An item"]
    assert_offsets(article)
    joined = article.blocks[1]
    assert text[joined.start : joined.end] == "First paragraph starts here\rand goes on."


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("- a dash item", BlockKind.LIST_ITEM, "a dash item"),
        ("* a star item", BlockKind.LIST_ITEM, "a star item"),
        ("\u2022 a bullet item", BlockKind.LIST_ITEM, "a bullet item"),
        ("  12) a numbered item", BlockKind.LIST_ITEM, "a numbered item"),
        ("1. The Cost: the cost is high.", BlockKind.LIST_ITEM, "the cost is high."),
        ("2. Not Approved by FDA: It is not approved.", BlockKind.LIST_ITEM, "It is not approved."),
        ("3. the label rule: needs a capital or Title Case.", BlockKind.LIST_ITEM, "the label rule: needs a capital or Title Case."),
        ("Risks And Side Effects", BlockKind.HEADING, "Risks And Side Effects"),
        ("Synopsis", BlockKind.HEADING, "Synopsis"),
        ("Doctors say botox relieves pain in most patients.", BlockKind.PARAGRAPH, "Doctors say botox relieves pain in most patients."),
    ],
)
def test_line_kinds(line: str, kind: BlockKind, text: str) -> None:
    source = f"A Title Line\nFirst paragraph ends here.\n{line}\nLast paragraph ends here.\n"
    article = article_from_text("x", source)
    assert [(b.kind, b.text) for b in article.blocks][2] == (kind, text)
    assert block_texts(article)[-1] == "Last paragraph ends here."
    assert_offsets(article)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    source = "Title Here\n\nBotox was approved by the\nFDA in 1989 to treat Dr.\nSmith's patients.\n\nNext one.\n"
    article = article_from_text("x", source)
    assert block_texts(article) == ["Title Here", "Botox was approved by the FDA in 1989 to treat Dr. Smith's patients.", "Next one."]
    assert_offsets(article)


@pytest.mark.parametrize(
    "junk",
    [
        "Share this:\nFacebook\nTwitter\nEmail",
        "Follow us on Twitter",
        "Facebook Twitter Pinterest",
        "Tags: botox, pain, clinics",
        "Posted in Health | 3 Comments",
        "Copyright \u00a9 2020 Example Ltd. All rights reserved.",
        "Related posts:\n- Botox For Migraines\n- Ten Facts About Fillers",
        "About the author",
        "We use cookies to improve your experience. Accept cookies?",
        "Leave a comment",
        "Click here to book your consultation",
        "Subscribe to our newsletter",
        "Read more",
    ],
)
def test_chrome_removed(junk: str) -> None:
    source = f"The Real Title\n\nBotox eases back pain in some patients.\n\n{junk}\n\nIt costs about $500 a vial.\n"
    article = article_from_text("x", source)
    assert block_texts(article) == ["The Real Title", "Botox eases back pain in some patients.", "It costs about $500 a vial."]


@pytest.mark.parametrize(
    "first_line",
    [
        "Dwayne Johnson said that the Botox clinic was busy all year long.",
        "Chronic Pain And Botox Treatment for people who experience chronic pain.",
    ],
)
def test_glued_title_rule_leaves_ordinary_lines(first_line: str) -> None:
    article = article_from_text("x", first_line + "\nSecond line here.\n")
    assert block_texts(article)[0] == first_line
    assert article.title == ""


# -- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Botox &amp; Pain | Health Site</title>
<style>p { color: red }</style><script>var s = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a></nav><!-- <p>hidden comment</p> -->
<article><h1>Botox &amp; Back Pain</h1>
<p>Botox costs &pound;300&nbsp;&mdash; it&#8217;s   not
cheap.</p>
<ul><li>The Cost: it is &lt;em&gt; expensive.</li><li>Second item</li></ul>
<div class="share-buttons"><a>Facebook</a> <a>Twitter</a></div>
<p hidden>Invisible text.</p><noscript>Enable JavaScript.</noscript>
<h2>Risks</h2><p>Line one<br>continues.<br>New block.</p>
</article><aside>Sidebar text.</aside><footer>Copyright 2020</footer></body></html>
"""


def test_html_blocks() -> None:
    article = article_from_text("page", PAGE, suffix=".html")
    assert article.title == "Botox & Back Pain"
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.TITLE, "Botox & Back Pain"),
        (BlockKind.PARAGRAPH, "Botox costs \u00a3300 \u2014 it\u2019s not cheap."),
        (BlockKind.LIST_ITEM, "it is <em> expensive."),
        (BlockKind.LIST_ITEM, "Second item"),
        (BlockKind.HEADING, "Risks"),
        (BlockKind.PARAGRAPH, "Line one continues."),
        (BlockKind.PARAGRAPH, "New block."),
    ]
    assert_offsets(article)


@pytest.mark.parametrize(("entity", "char"), [("&amp;", "&"), ("&pound;", "\u00a3"), ("&#8217;", "\u2019"), ("&#x2014;", "\u2014")])
def test_html_entity_offsets(entity: str, char: str) -> None:
    source = f"<p>Price{entity}here is high.</p>"
    article = article_from_text("e", source, suffix=".html")
    block = article.body_blocks[0]
    assert block.text == f"Price{char}here is high."
    i = block.text.index(char)
    start = block.offsets.to_original(i)
    assert source[start : start + len(entity)] == entity
    assert block.offsets.to_original(i + 1) == start + len(entity)
    assert source[block.start : block.end] == f"Price{entity}here is high."


def test_html_title_from_title_tag_without_site_name() -> None:
    article = article_from_text("t", "<html><head><title>Botox Facts - Example Site</title></head><body><p>Botox is a toxin.</p></body></html>", suffix=".htm")
    assert article.title == "Botox Facts"
    assert article.text[article.blocks[0].start : article.blocks[0].end] == "Botox Facts"


def test_deeply_nested_html_does_not_recurse() -> None:
    depth = 20000
    source = "<div>" * depth + "<p>Deep text is still read.</p>" + "</div>" * depth
    article = article_from_text("deep", source, suffix=".html")
    assert block_texts(article) == ["Deep text is still read."]


def test_txt_that_is_html_is_parsed_as_html() -> None:
    article = article_from_text("x", "<!DOCTYPE html><html><body><h1>A Title</h1><p>Body text.</p></body></html>")
    assert block_texts(article) == ["A Title", "Body text."]


# -- Markdown ---------------------------------------------------------------------------------

MARKDOWN = """---
title: front matter
---
# Botox **and** Pain

Botox is *very* effective for [some patients](https://example.com "t"), and `costs` $500 &amp; more.

| drug | cost |
|------|------|
| botox | 500 |

```python
print("code is dropped")
```

- **The Cost:** it is _expensive_.
1. second item

> A quoted claim.

Sub Heading
-----------
Snake_case_word stays.
"""


def test_markdown_blocks() -> None:
    article = article_from_text("m", MARKDOWN, suffix=".md")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.TITLE, "Botox and Pain"),
        (BlockKind.PARAGRAPH, "Botox is very effective for some patients, and costs $500 & more."),
        (BlockKind.LIST_ITEM, "it is expensive."),
        (BlockKind.LIST_ITEM, "second item"),
        (BlockKind.PARAGRAPH, "A quoted claim."),
        (BlockKind.HEADING, "Sub Heading"),
        (BlockKind.PARAGRAPH, "Snake_case_word stays."),
    ]
    assert_offsets(article)


# -- content hash -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Title Line\r\n\r\nBotox eases pain.\r\nIt costs $500.\r\n",
        "TITLE LINE\n\n  Botox   eases pain.\n\nIt costs $500.\n\nShare this:\n- Facebook\n- Twitter\n",
        "About me\nTitle Line\nBotox eases pain.\nIt costs $500.",
    ],
)
def test_content_hash_ignores_layout_case_and_boilerplate(variant: str) -> None:
    base = "Title Line\n\nBotox eases pain.\n\nIt costs $500.\n"
    assert content_hash(variant) == content_hash(base) == content_hash(article_from_text("a", base))


def test_content_hash_differs_for_different_content() -> None:
    assert content_hash("Botox eases pain.") != content_hash("Botox does not ease pain.")


def test_article_from_text_refuses_empty() -> None:
    with pytest.raises(ArticleError, match="empty"):
        article_from_text("x", " \n ")


# -- corpus folders ---------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_seed_corpus() -> None:
    corpus = load_corpus(SEEDS)
    assert [a.id for a in corpus.articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert corpus.skipped == ()


def test_load_corpus_skips_and_ignores(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write(outside, "secret.txt", "Outside Title\n\nThis file lives outside the corpus.\n")
    root = tmp_path / "corpus"
    root.mkdir()
    write(root, "b.txt", "Second Article\n\nBotox is cheap.\n")
    write(root, "a.md", "# First Article\n\nBotox is costly.\n")
    write(root, "c.txt", "SECOND ARTICLE\n\nBotox   is cheap.\n")  # duplicate of b.txt
    write(root, "a.txt", "Other Article\n\nSame id as a.md.\n")
    (root / "empty.txt").write_bytes(b"")
    write(root, ".hidden.txt", "Hidden\n\nNot loaded.\n")
    write(root, "notes.csv", "not,an,article\n")
    (root / "sub").mkdir()
    write(root / "sub", "nested.txt", "Nested\n\nNot loaded either.\n")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "inside.txt").symlink_to(root / "b.txt")
    with caplog.at_level(logging.WARNING, logger="claimcheck.corpus"):
        corpus = load_corpus(root)
    assert [a.id for a in corpus.articles] == ["a", "b"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert set(reasons) == {"a.txt", "c.txt", "empty.txt", "inside.txt", "link.txt"}
    assert "already used by a.md" in reasons["a.txt"]
    assert "duplicate of b.txt" in reasons["c.txt"]
    assert "duplicate of b.txt" in reasons["inside.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "outside the corpus" in reasons["link.txt"]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 5


@pytest.mark.parametrize("setup", ["missing", "file", "empty", "only_bad"])
def test_load_corpus_errors(tmp_path: Path, setup: str) -> None:
    root = tmp_path / "corpus"
    if setup == "file":
        root.write_text("x", encoding="utf-8")
    elif setup in ("empty", "only_bad"):
        root.mkdir()
        if setup == "only_bad":
            (root / "bad.txt").write_bytes(b"%PDF-1.4 binary")
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert str(root) in str(info.value)
    if setup != "file":
        assert "claimcheck add PATH" in str(info.value)


def test_load_corpus_many_tiny_files(tmp_path: Path) -> None:
    for i in range(300):
        write(tmp_path, f"a{i:04d}.txt", f"Article {i}\n\nClinic {i} charges {i} dollars.\n")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 300 and corpus.articles[7].title == "Article 7"


BLOG_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Botox for Back Pain: Does It Work? &#8211; My Health Blog</title></head>
<body class="single-post has-sidebar"><header class="site-header"><p class="site-title">My Health Blog</p>
<p>Just another WordPress site</p><nav><ul class="menu"><li>Home</li></ul></nav></header>
<main><article><h1 class="entry-title">Botox for Back Pain: Does It Work?</h1>
<div class="entry-meta">Posted on March 3, 2015 by admin</div>
<div class="entry-content"><p>Botox is not approved by the FDA for back pain.</p>
<p><strong>The Cost</strong></p><p>One vial costs around $500.</p>
<table><tr><td>Vial</td><td>$500</td></tr></table>
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Twitter</li><li>Facebook</li></ul></div>
<div id="jp-relatedposts"><h3>Related</h3><ul><li>Botox And Migraines</li></ul></div></div>
</article><div id="comments"><h2>Leave a Reply</h2></div></main>
<aside class="widget-area"><h2>Recent Posts</h2></aside><footer><p>Proudly powered by WordPress</p></footer>
</body></html>"""


def test_html_blog_page_chrome() -> None:
    article = article_from_text("blog", BLOG_PAGE, suffix=".html")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.TITLE, "Botox for Back Pain: Does It Work?"),
        (BlockKind.PARAGRAPH, "Botox is not approved by the FDA for back pain."),
        (BlockKind.HEADING, "The Cost"),
        (BlockKind.PARAGRAPH, "One vial costs around $500."),
        (BlockKind.PARAGRAPH, "Vial"),
        (BlockKind.PARAGRAPH, "$500"),
    ]
    assert_offsets(article)
