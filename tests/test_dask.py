"""The Dask engine gives the same reports as the local engine (on a LocalCluster)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from dask.distributed import Client, LocalCluster  # noqa: E402

from claimcheck.corpus import load_corpus  # noqa: E402
from claimcheck.dask_engine import run_dask  # noqa: E402
from claimcheck.pipeline import run  # noqa: E402
from claimcheck.report import write_reports  # noqa: E402
from claimcheck.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "corpus", ROOT.parent / "shared" / "bench" / "botox_b_rewrite", ROOT.parent / "shared" / "bench" / "vitamin_d"]


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            yield cluster.scheduler_address


@pytest.mark.parametrize("folder", [c for c in CORPORA if c.is_dir()], ids=lambda p: p.name)
def test_dask_reports_equal_local_reports(folder, scheduler, tmp_path):
    settings = Settings()
    corpus = load_corpus(folder, settings)
    local = run(corpus, settings)
    distributed = run_dask(corpus, settings, scheduler=scheduler)
    assert distributed == local
    for name, result in (("local", local), ("dask", distributed)):
        write_reports(result, tmp_path / name)
    for report in ("claims.csv", "alignments.csv", "flags.csv", "report.html"):
        assert (tmp_path / "dask" / report).read_bytes() == (tmp_path / "local" / report).read_bytes()


def test_unreachable_scheduler_is_a_clear_error():
    from claimcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        run_dask(load_corpus(ROOT / "corpus"), Settings(model="fallback"), scheduler="tcp://127.0.0.1:9")


def test_a_web_server_at_the_scheduler_address_is_a_clear_error_not_a_hang(tmp_path):
    """Issue 18, defect 14: a web server at --scheduler hung compare for minutes or ran it out of memory."""
    import http.server
    import os
    import subprocess
    import sys
    import threading
    import time

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "claimcheck", "compare", str(ROOT / "corpus"), "--out", str(tmp_path / "out"), "--model", "fallback",
               "--no-cache", "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{server.server_address[1]}"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=90, check=False)
    finally:
        server.shutdown()
    assert time.perf_counter() - start < 60  # 30 s when the machine is idle; this one is shared
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("claimcheck: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "does not answer like a Dask scheduler" in done.stderr
