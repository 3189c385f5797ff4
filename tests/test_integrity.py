"""Integrity under failure (GitHub issue 6): the corpus, the reports and the claim cache survive.

* ``add`` is all-or-nothing: whatever step fails (write, fsync, link, an interrupt), the corpus
  listing and every file's bytes are as before, with no temporary file left behind;
* report files are replaced atomically: ``compare`` killed with SIGKILL leaves each earlier report
  byte-identical, or (killed while writing) each file either the old or the complete new version;
* two ``compare`` runs at once on one corpus and one cache both succeed, and a third run reads
  every cache entry back without a warning;
* a damaged cache entry is a warning and a miss, never a failure or a wrong result.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from claimcheck import corpus as corpus_module
from claimcheck.cli import app
from claimcheck.corpus import add_articles
from claimcheck.errors import ClaimcheckError

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ("claims.csv", "alignments.csv", "flags.csv", "report.html")  # at least these; every file written is compared

_SUBJECTS = ("the clinic", "botox", "the vaccine", "the new drug", "coffee", "the battery", "the therapy", "vitamin d")
_VERBS = ("costs", "reduces", "raises", "was approved for", "is not approved for", "is cheaper than", "prevents", "does not reduce")
_OBJECTS = ("back pain", "migraines", "blood pressure", "painkillers", "sleep quality", "the placebo", "heart disease")


def prose(rng: random.Random, sentences: int) -> str:
    """Claim-like sentences; a made-up word in each keeps articles from all aligning with each other."""

    def sentence() -> str:
        word = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        text = f"{rng.choice(_SUBJECTS)} in {word} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} in {rng.randint(1990, 2024)}."
        return text[0].upper() + text[1:]

    return " ".join(sentence() for _ in range(sentences))


def write_corpus(folder: Path, articles: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        paragraphs = "\n\n".join(prose(rng, 4) for _ in range(3))
        (folder / f"art{i:03d}.txt").write_text(f"Article {i}\n\n{paragraphs}\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes] | None:
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(folder.iterdir())}


def env(cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CLAIMCHECK_CACHE_DIR": str(cache)}


def cli(*args: str | Path, cache: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimcheck", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env(cache), timeout=timeout, check=False)


def compare_cli(corpus: Path, out: Path, cache: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return cli("compare", corpus, "--out", out, "--model", "fallback", *options, cache=cache)


def reports(out: Path) -> dict[str, bytes]:
    """Every visible file of a report folder, by name (hidden temp files are left out)."""
    found = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}
    assert set(REPORTS) <= set(found), sorted(found)
    return found


def fill(out: Path, source: Path) -> None:
    out.mkdir()
    for name, data in reports(source).items():
        (out / name).write_bytes(data)


# -- add is all-or-nothing -------------------------------------------------------------------------------


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", 3)


def sources(tmp_path: Path, n: int = 4) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(3)
    paths = []
    for i in range(n):
        path = folder / f"new{i}.txt"
        path.write_text(f"New {i}\n\n{prose(rng, 3)}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _failing(real, fail_on_call: int, error: BaseException):
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        if len(calls) == fail_on_call:
            raise error
        return real(*args, **kwargs)

    return wrapper


FAILURES = {
    "link-eio-on-3rd": ("link", 3, OSError(errno.EIO, "Input/output error")),
    "link-enospc-on-1st": ("link", 1, OSError(errno.ENOSPC, "No space left on device")),
    "fsync-eio-on-2nd": ("fsync", 2, OSError(errno.EIO, "Input/output error")),
    "fsync-interrupt-on-4th": ("fsync", 4, KeyboardInterrupt()),
    "open-emfile-on-2nd": ("open", 2, OSError(errno.EMFILE, "Too many open files")),
    "link-interrupt-on-2nd": ("link", 2, KeyboardInterrupt()),
    "unlink-of-temp-fails": ("unlink", 1, OSError(errno.EIO, "Input/output error")),
}


@pytest.mark.parametrize("name, call, error", FAILURES.values(), ids=FAILURES.keys())
def test_add_fails_part_way_and_changes_nothing(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException) -> None:
    paths = sources(tmp_path)
    before = snapshot(corpus_dir)
    monkeypatch.setattr(os, name, _failing(getattr(os, name), call, error))
    if name == "unlink":  # the temp file cannot be removed after linking: the add itself still succeeds
        add_articles(paths, corpus_dir)
        monkeypatch.undo()
        after = snapshot(corpus_dir)
        assert {k: v for k, v in after.items() if k in before} == before
        assert {p.name for p in paths} <= set(after)
        return
    with pytest.raises(KeyboardInterrupt if isinstance(error, KeyboardInterrupt) else ClaimcheckError):
        add_articles(paths, corpus_dir)
    monkeypatch.undo()
    assert snapshot(corpus_dir) == before  # same listing, same bytes, no temporary file left


def test_add_through_cli_fails_part_way(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sources(tmp_path)
    before = snapshot(corpus_dir)
    monkeypatch.setattr(os, "link", _failing(os.link, 3, OSError(errno.EIO, "Input/output error")))
    result = CliRunner().invoke(app, ["add", *map(str, paths), "--corpus", str(corpus_dir)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith("claimcheck: error: cannot write") and result.stderr.count("\n") == 1
    monkeypatch.undo()
    assert snapshot(corpus_dir) == before


def test_add_refuses_overwrite_and_duplicates(tmp_path: Path, corpus_dir: Path) -> None:
    before = snapshot(corpus_dir)
    rival = tmp_path / "art000.txt"
    rival.write_text("Other\n\nCompletely different text here.\n")
    duplicate = tmp_path / "again.md"
    duplicate.write_bytes((corpus_dir / "art001.txt").read_bytes().replace(b"\n\n", b"\r\n\r\n"))
    for paths in ([rival], [duplicate], [*sources(tmp_path), rival]):
        with pytest.raises(ClaimcheckError, match="already"):
            add_articles(paths, corpus_dir)
        assert snapshot(corpus_dir) == before


def test_add_race_with_a_rival_writer(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that appears between the checks and the write is never overwritten."""
    paths = sources(tmp_path, 2)
    real_place = corpus_module._place

    def place_after_rival(target: Path, data: bytes) -> None:
        if target.name == "new1.txt":
            target.write_bytes(b"rival")
        real_place(target, data)

    monkeypatch.setattr(corpus_module, "_place", place_after_rival)
    with pytest.raises(ClaimcheckError, match="already exists"):
        add_articles(paths, corpus_dir)
    assert (corpus_dir / "new1.txt").read_bytes() == b"rival"
    assert not (corpus_dir / "new0.txt").exists()  # rolled back


# -- reports survive a kill --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A corpus that takes a few seconds, its reports (old), and the reports after one more article (new)."""
    base = tmp_path_factory.mktemp("slow")
    corpus = write_corpus(base / "corpus", 80)
    old = base / "old"
    assert compare_cli(corpus, old, base / "cache-old", "--no-cache").returncode == 0
    (corpus / "zzz.txt").write_text("Late Addition\n\nBotox is not approved for back pain in 2015.\n")
    new = base / "new"
    start = time.perf_counter()
    assert compare_cli(corpus, new, base / "cache-new", "--no-cache").returncode == 0
    duration = time.perf_counter() - start
    assert reports(old) != reports(new)
    return {"corpus": corpus, "old": old, "new": new, "duration": duration}  # type: ignore[dict-item]


# Kill points within the first half of a measured run: a later run can be a third faster (warm disk
# cache, a quieter machine), and a kill after it finished would test nothing. The write phase is
# covered deterministically below.
@pytest.mark.parametrize("fraction", [0.15, 0.3, 0.5])
def test_sigkill_during_compare_keeps_previous_reports(tmp_path: Path, slow_corpus: dict, fraction: float) -> None:
    out = tmp_path / "out"
    fill(out, slow_corpus["old"])
    corpus_before = snapshot(slow_corpus["corpus"])
    command = [sys.executable, "-m", "claimcheck", "compare", str(slow_corpus["corpus"]), "--out", str(out), "--model", "fallback", "--no-cache"]
    proc = subprocess.Popen(command, env=env(tmp_path / "cache"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(slow_corpus["duration"] * fraction)
    proc.send_signal(signal.SIGKILL)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run finished before the kill; the corpus is too small"
    assert b"Traceback" not in stderr
    assert reports(out) == reports(slow_corpus["old"])  # byte-identical
    assert snapshot(slow_corpus["corpus"]) == corpus_before


# The real CLI in a child whose os.replace takes 0.4 s and reports each file, so the kill can land
# between two files: after some are replaced and while the next one's temp file is written.
SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    real_replace = os.replace
    def slow_replace(src, dst):
        time.sleep(0.4)
        real_replace(src, dst)
        print("replaced", Path(dst).name, flush=True)
    os.replace = slow_replace
    from claimcheck.cli import main
    sys.argv = ["claimcheck", "compare", sys.argv[1], "--out", sys.argv[2], "--model", "fallback", "--no-cache", "--quiet"]
    main()
    """
)


@pytest.mark.parametrize("replaced", [0, 1, 2, 4])
def test_sigkill_while_writing_reports_leaves_no_torn_file(tmp_path: Path, slow_corpus: dict, replaced: int) -> None:
    out = tmp_path / "out"
    fill(out, slow_corpus["old"])
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(slow_corpus["corpus"]), str(out)], env=env(tmp_path / "cache"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    names: list[str] = []
    start = time.perf_counter()
    if replaced:
        for line in proc.stdout:
            names.append(line.split()[1])
            if len(names) == replaced:
                break
    else:  # before the first rename: wait until the first temp file exists
        while not any(p.name.startswith(".") for p in out.iterdir()) and time.perf_counter() - start < 120:
            time.sleep(0.02)
    time.sleep(0.2)  # inside the next file's write: its temp file is written, not yet renamed
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    old, new, now = reports(slow_corpus["old"]), reports(slow_corpus["new"]), reports(out)
    assert set(now) == set(old) == set(new)
    assert 0 < len(names) + 1 < len(now) or replaced == 0
    for name in now:
        assert now[name] == (new[name] if name in names else old[name]), f"{name} is torn or unexpected"
    leftovers = [p.name for p in out.iterdir() if p.name not in now]
    assert all(p.startswith(".") and p.endswith(".tmp") for p in leftovers), leftovers  # at most a hidden temp file


# -- closed streams and Ctrl-C (issue 18, defects 6 and 7) -------------------------------------------------


def _close_fd(fd: int):
    return lambda: os.close(fd)


@pytest.mark.parametrize("stream", ["stdout-closed", "stderr-closed", "stdout-reader-gone"])
def test_closed_or_broken_output_streams_still_give_the_reports(tmp_path: Path, slow_corpus: dict, stream: str) -> None:
    """``>&-`` gave a traceback and exit 1, ``2>&-`` exit 1 and no reports, ``| head -c0`` an internal error."""
    corpus = write_corpus(tmp_path / "corpus", 3)
    expected = tmp_path / "expected"
    assert compare_cli(corpus, expected, tmp_path / "cache", "--no-cache").returncode == 0
    out = tmp_path / "out"
    command = [sys.executable, "-m", "claimcheck", "compare", str(corpus), "--out", str(out), "--model", "fallback", "--no-cache"]
    if stream == "stdout-reader-gone":
        proc = subprocess.Popen(command, env=env(tmp_path / "cache"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader goes before anything is written, as `| head -c0` does
        stderr = proc.stderr.read().decode()
        code = proc.wait(timeout=300)
        assert code == 141, stderr  # 128 + SIGPIPE, as the shell reports a process a pipe ended
    else:
        fd = 1 if stream == "stdout-closed" else 2
        done = subprocess.run(command, env=env(tmp_path / "cache"), capture_output=True, text=True, timeout=300, preexec_fn=_close_fd(fd))
        stderr = done.stderr
        assert done.returncode == 0, stderr
        if stream == "stderr-closed":
            assert done.stdout.startswith("3 articles,")
    assert "Traceback" not in stderr and "error" not in stderr, stderr
    assert reports(out) == reports(expected)  # complete, and nothing stray written into them


# The real CLI in a child that reports when it reaches a point (a fork, a report's rename) and
# lingers there half a second, so the test can press Ctrl-C (SIGINT to the process group) there:
# at a fork, before the new process has taken its own signal handling.
# Extraction processes are started even for this small corpus (CHARS_PER_PROCESS lowered).
INTERRUPTIBLE = textwrap.dedent(
    """
    import os, sys, time
    import claimcheck.extract

    claimcheck.extract.CHARS_PER_PROCESS = 1_000
    point = sys.argv[3]
    real_fork, real_replace = os.fork, os.replace

    def fork():
        pid = real_fork()
        if point == "fork":  # both sides linger: a child slow to start (a busy machine) is still starting
            if pid:
                print("at fork", flush=True)
            time.sleep(0.5)
        return pid

    def replace(src, dst):
        if point == "replace":
            print("at replace", flush=True)
            time.sleep(0.5)
        real_replace(src, dst)

    os.fork, os.replace = fork, replace
    from claimcheck.cli import main
    sys.argv = ["claimcheck", "compare", sys.argv[1], "--out", sys.argv[2], "--model", "fallback", "--no-cache", "--jobs", "2"]
    main()
    """
)


def _ctrl_c_as_in_a_terminal() -> None:
    """SIGINT's default action in the child, as a command typed in a terminal has it: a test run
    started in the background of a script (``cmd &``, nohup) inherits SIGINT ignored, and a process
    that ignores SIGINT rightly carries on after Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _group_gone(pgid: int, timeout: float = 20) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("point, delay", [("fork", 0.0), ("fork", 0.3), ("fork", 1.5), ("replace", 0.0), ("replace", 0.3)])
def test_ctrl_c_is_one_line_exit_130_and_leaves_nothing_behind(tmp_path: Path, slow_corpus: dict, point: str, delay: float) -> None:
    out = tmp_path / "out"
    fill(out, slow_corpus["old"])
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPTIBLE, str(slow_corpus["corpus"]), str(out), point], env=env(tmp_path / "cache"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_ctrl_c_as_in_a_terminal)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        assert proc.stdout.readline() == f"at {point}\n", proc.stderr.read()
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, (stdout, stderr)
    assert stderr == "claimcheck: interrupted\n"
    assert set(stdout.splitlines()) <= {f"at {point}"}
    assert _group_gone(proc.pid), "a process of the run is still there"
    old, new, now = reports(slow_corpus["old"]), reports(slow_corpus["new"]), reports(out)
    assert set(now) == set(old)
    for name in now:
        assert now[name] in (old[name], new[name]), f"{name} is torn"
    assert [p.name for p in out.iterdir() if p.name not in now] == [], "a temporary file is left"


DROPPED_INTERRUPT = textwrap.dedent(
    """
    import os, signal, sys, time, weakref
    import claimcheck.corpus

    real = claimcheck.corpus.load_corpus

    class Box:
        pass

    def load(*args, **kwargs):
        loaded = real(*args, **kwargs)
        box = Box()

        def callback(ref):  # Ctrl-C lands inside a weakref callback (an import's module lock is one)
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)

        ref = weakref.ref(box, callback)
        del box
        return loaded

    claimcheck.corpus.load_corpus = load
    from claimcheck.cli import main
    sys.argv = ["claimcheck", "compare", sys.argv[1], "--out", sys.argv[2], "--model", "fallback", "--no-cache"]
    main()
    """
)


def test_ctrl_c_that_python_drops_still_ends_the_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kelmont recalled every heater it sold in 2023.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Kelmont recalled no heater it sold in 2023.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", DROPPED_INTERRUPT, str(corpus), str(out)], env=env(tmp_path / "cache"),
                          capture_output=True, text=True, timeout=120, preexec_fn=_ctrl_c_as_in_a_terminal)
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, "claimcheck: interrupted\n", "")
    assert not out.exists() or list(out.iterdir()) == []


# -- concurrent runs and the cache -------------------------------------------------------------------------


def other_warnings(stderr: str) -> str:
    """stderr without the warning every ``--model fallback`` run gives (the pipeline has no parse)."""
    return "\n".join(line for line in stderr.splitlines() if "--model fallback" not in line)


def test_two_compares_at_once_share_one_cache(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)
    cache = tmp_path / "cache"
    command = lambda out: [sys.executable, "-m", "claimcheck", "compare", str(corpus), "--out", str(out), "--model", "fallback"]  # noqa: E731
    runs = [subprocess.Popen(command(tmp_path / f"out{i}"), env=env(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in (1, 2)]
    results = [(proc.wait(timeout=600), proc.stdout.read(), proc.stderr.read()) for proc in runs]  # type: ignore[union-attr]
    for code, stdout, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stdout + stderr and "warning" not in other_warnings(stderr), stderr
    assert reports(tmp_path / "out1") == reports(tmp_path / "out2")
    entries = claim_entries(cache)
    assert len(entries) == 40
    for entry in entries:
        assert msgspec.msgpack.decode(entry.read_bytes())["claims"] is not None
    parses = parse_entries(cache)
    assert len(parses) == 40
    for entry in parses:
        assert msgspec.msgpack.decode(entry.read_bytes())["parsed"]["blocks"]
    entries += parses
    assert not [p for p in cache.rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")]  # no temp file left
    written = {entry: entry.stat().st_ino for entry in entries}
    third = cli("compare", corpus, "--out", tmp_path / "out3", "--model", "fallback", cache=cache)
    assert third.returncode == 0, third.stderr
    assert "warning" not in other_warnings(third.stderr)
    assert {entry: entry.stat().st_ino for entry in entries} == written  # read back, none extracted and rewritten
    assert reports(tmp_path / "out3") == reports(tmp_path / "out1")


def test_two_compares_at_once_into_one_report_folder(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 30)
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [sys.executable, "-m", "claimcheck", "compare", str(corpus), "--out", str(out), "--model", "fallback"]
    runs = [subprocess.Popen(command, env=env(cache), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [proc.wait(timeout=600) for proc in runs] == [0, 0]
    alone = tmp_path / "alone"
    assert compare_cli(corpus, alone, tmp_path / "cache-alone").returncode == 0
    assert reports(out) == reports(alone)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in alone.iterdir())  # no temp files left


def claim_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.msgpack") if not {"articles", "checks"} & set(p.relative_to(cache).parts))


def parse_entries(cache: Path) -> list[Path]:
    return sorted((cache / "articles").rglob("*.msgpack"))


def _garbage(entry: Path, kind: str) -> None:
    if kind == "random-bytes":
        entry.write_bytes(os.urandom(300))
    elif kind == "truncated":
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "a-list":
        entry.write_bytes(msgspec.msgpack.encode([1, 2, 3]))
    elif kind == "claims-not-a-list":
        data = msgspec.msgpack.decode(entry.read_bytes())
        data["claims"] = "abc"
        entry.write_bytes(msgspec.msgpack.encode(data))
    elif kind == "claims-wrong-types":
        data = msgspec.msgpack.decode(entry.read_bytes())
        for claim in data["claims"]:
            claim["start"], claim["text"], claim["polarity"] = "zero", 5, "positive"
        entry.write_bytes(msgspec.msgpack.encode(data))
    elif kind == "unknown-enum":
        data = msgspec.msgpack.decode(entry.read_bytes())
        for claim in data["claims"]:
            claim["polarity"] = "sideways"
        entry.write_bytes(msgspec.msgpack.encode(data))
    elif kind == "other-pipeline":
        data = msgspec.msgpack.decode(entry.read_bytes())
        data["pipeline"] = "en_other-9.9"
        entry.write_bytes(msgspec.msgpack.encode(data))
    elif kind == "deep-nesting":
        entry.write_bytes(b"\x91" * 100_000 + b"\x90")  # a list in a list ... 100,000 deep
    elif kind == "a-folder":
        entry.unlink()
        entry.mkdir()
    elif kind == "json":  # an entry in the older JSON format under the new name
        entry.write_text('{"format": 1, "claims": []}')


GARBAGE = ["random-bytes", "truncated", "empty", "a-list", "claims-not-a-list", "claims-wrong-types", "unknown-enum", "other-pipeline", "deep-nesting", "a-folder", "json"]
ANY_ENTRY = {"random-bytes", "truncated", "empty", "a-list", "deep-nesting", "a-folder", "json"}  # parsed articles get these too


@pytest.mark.parametrize("kind", GARBAGE)
def test_corrupt_cache_is_a_warning_and_a_miss(tmp_path: Path, kind: str) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache = tmp_path / "cache"
    runner = CliRunner()
    args = ["compare", str(corpus), "--model", "fallback", "--cache-dir", str(cache)]
    first = runner.invoke(app, [*args, "--out", str(tmp_path / "first")])
    assert first.exit_code == 0, first.stderr
    entries = claim_entries(cache) + (parse_entries(cache) if kind in ANY_ENTRY else [])
    assert len(entries) == (6 if kind in ANY_ENTRY else 3)
    for entry in entries:
        _garbage(entry, kind)
    second = runner.invoke(app, [*args, "--out", str(tmp_path / "second")])
    assert second.exit_code == 0 and "Traceback" not in second.output, second.stderr
    warnings = [line for line in second.stderr.splitlines() if line.startswith("claimcheck: warning: ignoring unreadable cache entry")]
    assert len(warnings) == len(entries), second.stderr
    assert reports(tmp_path / "second") == reports(tmp_path / "first")
    if kind != "a-folder":  # a folder in the way cannot be replaced; the miss repeats, with a warning
        third = runner.invoke(app, [*args, "--out", str(tmp_path / "third")])
        assert third.exit_code == 0 and "warning" not in other_warnings(third.stderr), third.stderr
