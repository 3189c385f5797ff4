"""reports/ holds the seed corpus's reports so visitors can read them without installing anything;
this test fails when they are stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.corpus import load_corpus
from claimcheck.pipeline import run
from claimcheck.report import write_reports
from claimcheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """The reports as the README's command writes them from the repository's root (they name the
    corpus folder as given: ``corpus``)."""
    out = tmp_path_factory.mktemp("reports")
    settings = Settings()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        write_reports(run(load_corpus(Path("corpus"), settings), settings), out)
    return out


@pytest.mark.parametrize("name", ["claims.csv", "alignments.csv", "flags.csv", "matrix.csv", "articles.csv", "report.html"])
def test_checked_in_report_is_current(fresh, name):
    expected = (fresh / name).read_text(encoding="utf-8")
    actual = (ROOT / "reports" / name).read_text(encoding="utf-8")
    assert actual == expected, f"reports/{name} is stale: run `claimcheck compare corpus/ --out reports/`"


def test_corpus_holds_the_seed_articles_byte_for_byte():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed articles not found at {seeds}")
    for seed in sorted(seeds.iterdir()):
        assert (ROOT / "corpus" / seed.name).read_bytes() == seed.read_bytes()
