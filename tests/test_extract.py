"""Extraction processes and the lazily loaded pipeline: same claims, clear errors, nothing left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.corpus import article_from_text
from claimcheck.errors import ExtractionError, ModelError
from claimcheck.extract import CHARS_PER_PROCESS, LocalWorkers, chunks, early_workers, extract_claims, extract_corpus, processes_for
from claimcheck.nlp import load_pipeline, pipeline_id
from claimcheck.nlp.choice import pipeline_name
from claimcheck.settings import DEFAULT_JOBS_CAP, Settings, default_jobs

CORPUS = Path(__file__).parent.parent / "corpus"
TEXTS = {
    "clinic": "Clinic Notes\n\nBotox is approved for chronic migraine. It costs about $500 per session.\n",
    "blog": "A Blog\n\nBotox is not approved for migraine. Because botox is more costly than painkillers, people prefer it.\n",
    "news": "News\n\nResearchers found that ibuprofen relieves tension headaches in most adults.\n",
}


def articles():
    return [article_from_text(doc_id, text) for doc_id, text in TEXTS.items()]


@pytest.mark.parametrize("model", [None, "fallback"])
def test_the_pipeline_is_named_without_loading_it_as_loading_names_it(model: str | None) -> None:
    assert pipeline_name(model) == pipeline_id(load_pipeline(model))


def test_a_pipeline_without_readable_meta_is_left_to_the_loader(tmp_path: Path) -> None:
    assert pipeline_name(str(tmp_path / "no-such-pipeline")) is None
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "meta.json").write_text("{not json")
    assert pipeline_name(str(tmp_path / "broken")) is None


def test_a_compare_served_from_the_cache_never_imports_spacy(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from claimcheck.corpus import load_corpus
        from claimcheck.pipeline import run
        from claimcheck.settings import DEFAULT_JOBS_CAP, Settings, default_jobs
        settings = Settings(cache_dir=Path({str(tmp_path / "cache")!r}))
        result = run(load_corpus(Path({str(CORPUS)!r}), settings), settings)
        print(len(result.claims), result.pipeline, "spacy" in sys.modules)
        """
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    claims, pipeline, imported = first.stdout.split()
    assert imported == "True" and int(claims) > 50
    assert second.stdout.split() == [claims, pipeline, "False"]


@pytest.mark.parametrize("model", ["fallback", None])  # None: the bundled pipeline, spaCy imported without its CLI there
def test_worker_processes_extract_the_claims_this_process_extracts(model) -> None:
    settings = Settings(model=model, jobs=2)
    expected = extract_claims(articles(), load_pipeline(model))
    with LocalWorkers(settings) as workers:
        workers.start()  # both: these few articles alone are worth one process
        got: dict = {}
        for result in workers(chunks(articles(), 2), settings):
            got.update(result)
        assert len(workers.pids) == 2
    assert got == expected


def test_a_pipeline_that_cannot_load_fails_with_its_own_error(tmp_path: Path) -> None:
    settings = Settings(model=str(tmp_path / "no-such-pipeline"), jobs=1)
    with LocalWorkers(settings) as workers, pytest.raises(ModelError, match="cannot load spaCy pipeline"):
        list(workers(chunks(articles(), 1), settings))


@pytest.mark.parametrize("when", ["before the work is sent", "while it works"])
def test_a_killed_worker_is_one_clear_error(when: str) -> None:
    """Killed before the first chunk reaches it (sending to it fails) or while it extracts (its
    answer never comes): the same clear error, whichever happens first (issue 18, defect 12)."""
    settings = Settings(model="fallback", jobs=1)
    with LocalWorkers(settings) as workers:
        workers.start()
        (process, conn), = workers._workers
        if when == "before the work is sent":
            os.kill(workers.pids[0], signal.SIGKILL)
            process.join(60)  # dead and reaped: the chunk cannot be sent
            with pytest.raises(ExtractionError, match="killed by SIGKILL"):
                list(workers(chunks(articles(), 1), settings))
        else:
            results = workers(chunks(articles(), 1), settings)
            os.kill(workers.pids[0], signal.SIGKILL)
            with pytest.raises(ExtractionError, match="killed by SIGKILL"):
                list(results)


def test_closing_ends_workers_still_loading_the_pipeline() -> None:
    workers = LocalWorkers(Settings(jobs=2)).start()  # the bundled pipeline: a load that takes a while
    pids = workers.pids
    workers.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: nothing of ours left running


def test_compare_with_two_processes_writes_the_reports_one_process_writes(tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        done = CliRunner().invoke(app, ["compare", str(CORPUS), "--out", str(out), "--no-cache", "--jobs", jobs, "-q"])
        assert done.exit_code in (0, 1), done.output
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"]
    assert set(outputs["1"]) >= {"claims.csv", "alignments.csv", "flags.csv", "report.html"}


def test_extraction_gets_as_many_processes_as_its_text_is_worth() -> None:
    paragraph = "Botox is approved for chronic migraine in adults. " * 40  # about 2,000 characters
    def corpus(n: int):
        return [article_from_text(f"a{k}", f"Title {k}\n\n{paragraph}\n") for k in range(n)]

    assert processes_for(articles(), 8) == 1  # a few short articles: one process, whatever --jobs says
    assert processes_for([], 8) == 1
    many = corpus(3 * CHARS_PER_PROCESS // len(paragraph) + 1)
    assert processes_for(many, 8) == 3
    assert processes_for(many, 2) == 2  # never more than asked for


@pytest.mark.parametrize(("cores", "expected"), [({0}, 1), ({0, 1}, 2), (set(range(64)), DEFAULT_JOBS_CAP)])
def test_jobs_default_to_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch, cores: set, expected: int) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    assert default_jobs() == expected
    assert Settings().jobs == expected
    assert Settings(jobs=1).jobs == 1


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity on this system")
@pytest.mark.parametrize("cores", [{0}, {0, 1}])
def test_an_early_process_follows_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch, cores: set) -> None:
    """A machine with many cores of which this process may use one (a container, taskset) starts
    no early extraction process."""
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores)
    with early_workers(Settings(model="fallback", jobs=1)) as workers:
        assert (workers is not None) == (len(cores) > 1)


def test_meanwhile_runs_after_the_work_is_handed_over_and_before_it_is_awaited() -> None:
    events: list[str] = []

    def runner(pieces, settings):
        events.append("handed over")

        def results():
            events.append("awaited")
            for piece in pieces:
                yield {a.id: () for a in piece}

        return results()

    claims, _ = extract_corpus(articles(), Settings(model="fallback"), runner=runner, meanwhile=lambda: events.append("meanwhile"))
    assert events == ["handed over", "meanwhile", "awaited"]
    assert set(claims) == set(TEXTS)


def test_local_workers_start_extracting_when_called(tmp_path: Path) -> None:
    settings = Settings(model="fallback", jobs=1)
    with LocalWorkers(settings) as workers:
        results = workers(chunks(articles(), 1), settings)  # sent now, not when first iterated
        (process, conn), = workers._workers
        assert conn.poll(60), "the process is already working on the first chunk"
        got = {k: v for result in results for k, v in result.items()}
    assert got == extract_claims(articles(), load_pipeline("fallback"))


def test_the_cli_checks_formats_and_reads_the_corpus_before_importing_pandas() -> None:
    script = "import sys; from claimcheck.report import parse_formats; import claimcheck.pipeline, claimcheck.corpus; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
