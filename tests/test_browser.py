"""report.html in a real headless Chromium: the flags, the filters, the claim matrix, and article
text that tries to run script.

Uses the system's Chromium and chromedriver (Debian packages ``chromium`` and ``chromium-driver``;
``.ci/run`` installs them when it runs as root) through Selenium, never a downloaded browser.
Skips, saying why, when either is missing or the browser cannot start.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

import claimcheck  # noqa: E402
from claimcheck.corpus import article_from_text  # noqa: E402
from claimcheck.report import write_reports  # noqa: E402
from claimcheck.review import Decision, Review, id_of  # noqa: E402
from claimcheck.types import (  # noqa: E402
    Alignment,
    Article,
    Claim,
    Flag,
    FlagKind,
    Polarity,
    Relation,
    Result,
    Severity,
)

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)  # fmt: skip
COST = "Because botox treatments are more costly than painkillers, people make this their preferred method"
PWN_SCRIPT = '<script>window.__pwned = "script"; document.title = "pwned";</script>'
PWN_IMG = '<img src=x onerror="window.__pwned = \'img\'; document.title = \'pwned\'">'


def _find(env: str, names: tuple[str, ...]) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    return next((found for name in names if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser():
    binary = _find("CLAIMCHECK_CHROMIUM", BROWSERS)
    driver_path = _find("CLAIMCHECK_CHROMEDRIVER", ("chromedriver",))
    if not binary or not driver_path:
        pytest.skip("no Chromium/chromedriver on PATH: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ARGS:
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"Chromium at {binary} did not start: {str(exc).strip().splitlines()[0]}")
    try:
        yield driver
    finally:
        driver.quit()


def open_report(driver, html_path: Path) -> None:
    driver.get(html_path.resolve().as_uri())


def visible_flag_rows(driver) -> list:
    return [r for r in driver.find_elements(By.CSS_SELECTOR, "#flags-table tbody tr") if r.is_displayed()]


# -- hand-built results --------------------------------------------------------------------------


def claim(doc_id: str, index: int, text: str, **fields) -> Claim:
    values = dict(
        id=f"{doc_id}:{index}.0", doc_id=doc_id, sentence_index=index, clause_index=0, start=0, end=len(text),
        claim_start=0, claim_end=len(text), sentence=text, text=text, subject="", predicate="", object="",
        polarity=Polarity.POSITIVE, worthiness=0.8,
    )  # fmt: skip
    values.update(fields)
    return Claim(**values)


def flag(kind: FlagKind, severity: Severity, a: Claim, b: Claim, **fields) -> Flag:
    values = dict(
        kind=kind, severity=severity, score=0.8, doc_a=a.doc_id, sentence_a=a.sentence, doc_b=b.doc_id,
        sentence_b=b.sentence, explanation=f"{kind.value} conflict", claim_a=a.id, claim_b=b.id,
    )  # fmt: skip
    values.update(fields)
    return Flag(**values)


def align(a: Claim, b: Claim, score: float, relation: Relation) -> Alignment:
    return Alignment(a.id, b.id, a.doc_id, b.doc_id, a.sentence, b.sentence, a.text, b.text, score, score * 100,
                     score, relation)  # fmt: skip


def three_kinds() -> Result:
    a1 = claim("alpha", 0, "The FDA approved the drug in 2015.")
    b1 = claim("beta", 0, "The FDA has not approved the drug.")
    a2 = claim("alpha", 1, "A vial costs about $500.")
    b2 = claim("beta", 1, "A vial costs about $5,000.")
    a3 = claim("alpha", 2, "The drug is safe.")
    c3 = claim("gamma", 0, "The drug is toxic.")
    return Result(
        articles=tuple(Article(d, f"{d}.txt", d.title(), "", ()) for d in ("alpha", "beta", "gamma")),
        claims=(a1, a2, a3, b1, b2, c3),
        alignments=(align(a1, b1, 0.8, Relation.CONTRADICT), align(a2, b2, 0.9, Relation.CONTRADICT),
                    align(a3, c3, 0.7, Relation.CONTRADICT)),  # fmt: skip
        flags=(
            flag(FlagKind.NEGATION, Severity.HIGH, a1, b1, terms_a=("approved",), terms_b=("not", "approved")),
            flag(FlagKind.NUMERIC, Severity.MEDIUM, a2, b2, terms_a=("$500",), terms_b=("$5,000",)),
            flag(FlagKind.ANTONYM, Severity.LOW, a3, c3, terms_a=("safe",), terms_b=("toxic",)),
        ),
        pipeline="hand-built",
    )


def hostile() -> Result:
    evil = f"Vitamin D {PWN_SCRIPT} cures colds {PWN_IMG} at R&amp;D labs."
    a = claim(PWN_SCRIPT, 0, evil, subject=PWN_IMG)
    b = claim("plain", 0, f"Vitamin D never cures colds {PWN_IMG}.")
    return Result(
        articles=(Article(PWN_SCRIPT, "x.txt", PWN_IMG, evil, ()), Article("plain", "plain.txt", PWN_SCRIPT, "", ())),
        claims=(a, b),
        alignments=(align(a, b, 0.9, Relation.CONTRADICT),),
        flags=(flag(FlagKind.NEGATION, Severity.HIGH, a, b, terms_a=("cures", "<script>"), terms_b=("never",),
                    explanation=f"{PWN_IMG} {PWN_SCRIPT}"),),  # fmt: skip
        pipeline=PWN_SCRIPT,
    )


def assert_nothing_ran(driver) -> None:
    assert driver.title.startswith("claimcheck report"), driver.title
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.images.length") == 0
    assert driver.execute_script("return document.scripts.length") == 1  # the report's own


# -- tests -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    """The seed corpus compared with the default pipeline, as `claimcheck compare` writes it."""
    out = tmp_path_factory.mktemp("seed")
    write_reports(claimcheck.compare(ROOT / "corpus").result, out)
    return out / "report.html"


def test_seed_report_shows_the_cost_flag(browser, seed_report):
    open_report(browser, seed_report)
    rows = browser.find_elements(By.CSS_SELECTOR, '#flags-table tbody tr[data-kind="causal_incoherence"]')
    texts = [r.text for r in rows if r.is_displayed()]
    assert any(COST in t for t in texts), f"no causal_incoherence flag on the cost sentence; got {texts}"
    cost_row = next(r for r in rows if COST in r.text)
    marks = [m.text for m in cost_row.find_elements(By.TAG_NAME, "mark")]
    assert marks, "the conflicting words are highlighted"
    # Offline: the page loaded no resource of any kind (no CDN, no font, no image).
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert_nothing_ran(browser)


def test_seed_report_matrix_hover_and_expand(browser, seed_report):
    open_report(browser, seed_report)
    rows = browser.find_elements(By.CSS_SELECTOR, "#matrix-table tbody tr")
    assert rows, "the seed articles share statements"
    cell = rows[0].find_element(By.CSS_SELECTOR, "td.cell[title]")
    assert ": " in cell.get_attribute("title")  # "<doc_id>: <sentence>" on hover
    summary = rows[0].find_element(By.TAG_NAME, "summary")
    items = rows[0].find_elements(By.CSS_SELECTOR, "details li")
    assert len(items) >= 2 and not items[0].is_displayed()
    browser.execute_script("arguments[0].scrollIntoView()", summary)
    summary.click()
    assert items[0].is_displayed()


@pytest.mark.parametrize(
    ("select", "value", "kinds"),
    [
        (0, "numeric", ["numeric"]),
        (0, "negation", ["negation"]),
        (1, "low", ["antonym"]),
        (2, "gamma", ["antonym"]),
        (2, "alpha", ["negation", "numeric", "antonym"]),
    ],
)
def test_flag_filters_hide_rows(browser, tmp_path, select, value, kinds):
    write_reports(three_kinds(), tmp_path)
    open_report(browser, tmp_path / "report.html")
    assert len(visible_flag_rows(browser)) == 3
    bar = browser.find_element(By.CSS_SELECTOR, '.filters[data-table="flags-table"]')
    Select(bar.find_elements(By.CSS_SELECTOR, "select.filter")[select]).select_by_value(value)
    shown = visible_flag_rows(browser)
    assert sorted(r.get_attribute("data-kind") for r in shown) == sorted(kinds)
    expected = "3 shown" if len(kinds) == 3 else f"{len(kinds)} of 3 shown"
    assert bar.find_element(By.CLASS_NAME, "shown").text == expected


def test_flag_text_search(browser, tmp_path):
    write_reports(three_kinds(), tmp_path)
    open_report(browser, tmp_path / "report.html")
    search = browser.find_element(By.CSS_SELECTOR, '.filters[data-table="flags-table"] .filter-text')
    search.send_keys("5,000")
    assert [r.get_attribute("data-kind") for r in visible_flag_rows(browser)] == ["numeric"]
    search.clear()
    search.send_keys("no such words")
    assert visible_flag_rows(browser) == []


def test_matrix_filter_disputed(browser, tmp_path):
    write_reports(three_kinds(), tmp_path)
    open_report(browser, tmp_path / "report.html")
    bar = browser.find_element(By.CSS_SELECTOR, '.filters[data-table="matrix-table"]')
    Select(bar.find_element(By.CSS_SELECTOR, "select.filter")).select_by_value("no")
    rows = browser.find_elements(By.CSS_SELECTOR, "#matrix-table tbody tr")
    assert rows and not any(r.is_displayed() for r in rows)  # every cluster here is disputed


def test_hostile_text_runs_nothing(browser, tmp_path):
    write_reports(hostile(), tmp_path)
    open_report(browser, tmp_path / "report.html")
    assert_nothing_ran(browser)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert PWN_SCRIPT in body and PWN_IMG in body  # shown as text, not run
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-attrs="doc-a doc-b"]')).select_by_value(PWN_SCRIPT)
    assert len(visible_flag_rows(browser)) == 1
    assert_nothing_ran(browser)


def test_hostile_article_through_the_pipeline_runs_nothing(browser, tmp_path):
    report = claimcheck.compare(
        {
            "evil": f"Botox News\n\nThe FDA approved Botox for back pain in 2015. {PWN_SCRIPT} {PWN_IMG}\n",
            "plain": f"Botox Facts\n\nThe FDA has not approved Botox for back pain. {PWN_IMG}\n",
        }
    )
    (tmp_path / "report.html").write_text(report.to_html(), encoding="utf-8")
    open_report(browser, tmp_path / "report.html")
    assert_nothing_ran(browser)


# -- context, review decisions, narrow screens, article texts ---------------------------------------


def click(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def test_flag_context_opens_and_links_to_the_article_text(browser, seed_report):
    open_report(browser, seed_report)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#flags-table tbody tr") if COST in r.text)
    context = row.find_element(By.CSS_SELECTOR, "details.context")
    paragraph = context.find_element(By.CSS_SELECTOR, ".ctx")
    assert not paragraph.is_displayed()
    click(browser, context.find_element(By.TAG_NAME, "summary"))
    assert paragraph.is_displayed()
    assert COST in paragraph.find_element(By.CSS_SELECTOR, ".sent").text
    assert len(paragraph.text) > len(COST)  # the sentences around it too
    assert "more costly" in [m.text for m in paragraph.find_elements(By.TAG_NAME, "mark")]
    link = context.find_element(By.TAG_NAME, "a")
    target = browser.find_element(By.ID, link.get_attribute("href").split("#", 1)[1])
    assert not target.is_displayed()  # inside the closed article text
    click(browser, link)
    WebDriverWait(browser, 10).until(lambda _: target.is_displayed())
    assert COST in target.text
    assert_nothing_ran(browser)


def test_alignment_context_opens(browser, seed_report):
    open_report(browser, seed_report)
    details = browser.find_element(By.CSS_SELECTOR, "#alignments-table details.context")
    click(browser, details.find_element(By.TAG_NAME, "summary"))
    (paragraph,) = WebDriverWait(browser, 10).until(lambda _: details.find_elements(By.CSS_SELECTOR, ".ctx"))  # on toggle
    assert paragraph.is_displayed()
    sentence = details.find_element(By.XPATH, "..").get_attribute("title")  # the cell's title: the sentence
    assert paragraph.find_element(By.CSS_SELECTOR, ".sent").text == " ".join(sentence.split())


def test_dismissed_flags_appear_apart(browser, tmp_path):
    result = three_kinds()
    high = result.flags[0]
    write_reports(result, tmp_path, reviews={id_of(high): Review(id_of(high), Decision.DISMISSED, "checked <b>twice</b>")})
    open_report(browser, tmp_path / "report.html")
    assert sorted(r.get_attribute("data-kind") for r in visible_flag_rows(browser)) == ["antonym", "numeric"]
    (row,) = browser.find_elements(By.CSS_SELECTOR, "#dismissed-table tbody tr")
    assert row.is_displayed() and row.get_attribute("data-flag-id") == id_of(high)
    assert "Note: checked <b>twice</b>" in row.text
    grey = row.find_element(By.TAG_NAME, "td").value_of_css_property("background-color")
    live = visible_flag_rows(browser)[0].find_element(By.TAG_NAME, "td").value_of_css_property("background-color")
    assert grey != live
    assert not row.find_elements(By.CSS_SELECTOR, "button.copy")  # nothing left to dismiss
    live_row = visible_flag_rows(browser)[0]
    assert f"claimcheck review {live_row.get_attribute('data-flag-id')} --dismiss" in live_row.text
    button = live_row.find_element(By.CSS_SELECTOR, "button.copy")
    click(browser, button)
    WebDriverWait(browser, 10).until(lambda _: button.text == "Copied")


LONG = "Supercalifragilisticexpialidocious-regulatory-approval-timeline-" * 3


def crowded() -> Result:
    """Eight articles with long titles, long ids and long unbroken words, flags between them."""
    articles, claims, flags, alignments = [], [], [], []
    for i in range(8):
        doc_id = f"{i:03d}_0d35b78c362f2a7e{i}_{'x' * 30}"
        sentence = f"The agency approved the drug in {2010 + i} after {LONG} review number {i}."
        text = f"{LONG} title of article {i} about the approval of the drug\n\nIntro {LONG}. {sentence} More.\n"
        articles.append(article_from_text(doc_id, text))
        claims.append(claim(doc_id, 1, sentence))
    for a, b in zip(claims, claims[1:]):
        flags.append(flag(FlagKind.NUMERIC, Severity.HIGH, a, b, terms_a=("approved",), terms_b=("approved",)))
        alignments.append(align(a, b, 0.9, Relation.CONTRADICT))
        alignments.append(align(a, b, 0.8, Relation.AGREE))
    return Result(tuple(articles), tuple(claims), tuple(alignments), tuple(flags), pipeline="hand-built")


@pytest.fixture
def viewport(browser):
    """Set the page's viewport: (width, mobile); the browser's own afterwards."""

    def set_viewport(width: int, mobile: bool) -> None:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 844, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile},
        )

    yield set_viewport
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


WIDEST = """
const screen = document.documentElement.clientWidth;
const tables = Array.from(document.querySelectorAll("table")).map(t => {
  const box = t.getBoundingClientRect();
  return [t.id || t.className, box.width, box.right];
});
return [window.innerWidth, screen, document.documentElement.scrollWidth, tables];
"""


@pytest.mark.parametrize(("width", "mobile"), [(390, True), (1280, False)])
@pytest.mark.parametrize("which", ["seed", "crowded"])
def test_no_table_wider_than_the_screen(browser, viewport, seed_report, tmp_path, width, mobile, which):
    if which == "seed":
        page = seed_report
    else:
        write_reports(crowded(), tmp_path)
        page = tmp_path / "report.html"
    viewport(width, mobile)
    open_report(browser, page)
    for summary in browser.find_elements(By.CSS_SELECTOR, "details > summary"):  # opened, the widest they get
        browser.execute_script("arguments[0].parentElement.open = true", summary)
    inner, screen, page_width, tables = browser.execute_script(WIDEST)  # screen: without a scroll bar
    assert inner == width
    assert page_width <= screen, f"the page is {page_width} px wide on a {screen} px screen"
    wide = [(name, w, right) for name, w, right in tables if w > screen or right > screen + 0.5]
    assert not wide, f"tables wider than the {screen} px screen: {wide}"
    assert_nothing_ran(browser)


def test_every_article_text_is_escaped(browser, tmp_path):
    evil = f"{PWN_IMG} Botox News\n\nThe FDA approved Botox in 2015. {PWN_SCRIPT} {PWN_IMG} R&amp;D.\n"
    article = dataclasses.replace(article_from_text("evil", evil), id=PWN_SCRIPT)
    sentence = f"The FDA approved Botox in 2015. {PWN_SCRIPT} {PWN_IMG} R&amp;D."
    a = claim(PWN_SCRIPT, 0, sentence)
    b = claim("plain", 0, "The FDA never approved Botox.")
    result = Result(
        (article, article_from_text("plain", f"{PWN_SCRIPT}\n\nThe FDA never approved Botox.\n")),
        (a, b),
        (align(a, b, 0.9, Relation.CONTRADICT),),
        (flag(FlagKind.NEGATION, Severity.HIGH, a, b, terms_a=("approved",), terms_b=("never",)),),
    )
    write_reports(result, tmp_path)
    open_report(browser, tmp_path / "report.html")
    for details in browser.find_elements(By.CSS_SELECTOR, "details"):
        browser.execute_script("arguments[0].open = true", details)
    details = browser.find_element(By.CSS_SELECTOR, "#alignments-table details.context")
    browser.execute_script("arguments[0].open = false", details)
    click(browser, details.find_element(By.TAG_NAME, "summary"))
    WebDriverWait(browser, 10).until(lambda _: details.find_elements(By.CSS_SELECTOR, ".ctx"))
    texts = browser.find_element(By.ID, "texts").text
    assert PWN_SCRIPT in texts and PWN_IMG in texts and "R&amp;D" in texts
    contexts = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".ctx")]
    assert len(contexts) >= 2 and all(PWN_SCRIPT in c for c in contexts[:1])
    assert_nothing_ran(browser)
