"""Every example in README.md, run: its commands (with the exit codes it states), the lines it
quotes, its JSON and TOML examples, its report columns and its length."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report import MATRIX_COLUMNS
from claimcheck.types import FlagKind

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NEW_ARTICLE = "Botox Rewrite\n\nThe FDA has never approved Botox for chronic back pain. It costs about $500 a vial.\n"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def commands(block: str) -> list[tuple[list[str], int | None]]:
    """The claimcheck command lines of a bash block, each with the exit code its comment states."""
    found = []
    for line in block.splitlines():
        for part in line.split("&&"):
            words = shlex.split(part, comments=False)
            at = next((i for i, w in enumerate(words) if w.endswith("claimcheck")), None)
            if at is None:
                continue
            args = words[at + 1 :]
            if "#" in args:
                exit_words = args[args.index("#") + 1 :]
                args = args[: args.index("#")]
                code = int(exit_words[1]) if exit_words[:1] == ["exit"] else None
            else:
                code = None
            found.append((args, code))
    return found


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A folder like the repository's, as a user has it: the seed corpus and one more article."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "new-article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str]):
    return CliRunner().invoke(app, args)


def test_readme_is_short():
    assert len(README.splitlines()) <= 200


def test_quickstart_installs_and_compares_then_tests_as_ci_does(workdir):
    first, second = blocks("bash")[:2]
    assert "pip install -e ." in first
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install" in second and "-e '.[test]'" in second and "-e '.[test]'" in ci
    test_command = second.split("&&")[-1].strip().replace(".venv/bin/", "")
    assert test_command == "python -m pytest -q" and f".venv/bin/{test_command}" in ci
    ((args, _),) = commands(first)
    assert args == ["compare", "corpus/"]
    result = run(args)
    assert result.exit_code == 0, result.output
    assert (workdir / "reports" / "report.html").is_file()


@pytest.mark.parametrize("index", range(2, len(blocks("bash"))))
def test_every_command_block_runs_with_the_exit_codes_it_states(workdir, index):
    found = commands(blocks("bash")[index])
    assert found, "a bash block without a claimcheck command"
    for args, code in found:
        result = run(args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert code is not None, f"state the exit code of: claimcheck {' '.join(args)}"
        assert result.exit_code == code, f"claimcheck {' '.join(args)}: {result.output}"


def test_the_review_lines_quoted_are_what_compare_prints(workdir):
    text = " ".join(section("Reviewing flags, and CI").split())
    failing, passing = re.findall(r"`((?:claimcheck: failing: )?\d+ flags? at or above [^`]+)`", text)
    first = run(["compare", "corpus/", "--fail-on", "high"])
    assert first.exit_code == 1 and first.stderr.strip() == failing
    ((flag_id,),) = [re.findall(r"claimcheck review ([0-9a-f]{12})", text)]
    assert run(["review", flag_id, "--dismiss", "--corpus", "corpus/"]).exit_code == 0
    second = run(["compare", "corpus/", "--fail-on", "high"])
    assert second.exit_code == 0 and second.stdout.strip().splitlines()[-1] == passing


def test_the_json_example_is_what_compare_writes(workdir):
    (example,) = [json.loads(b) for b in blocks("json")]
    assert run(["compare", "corpus/", "--format", "json", "-q"]).exit_code == 0
    written = json.loads((workdir / "reports" / "report.json").read_text(encoding="utf-8"))
    assert list(example) == list(written)
    assert example["format"] == written["format"] and example["pipeline"] == written["pipeline"]
    for table, rows in example.items():
        if isinstance(rows, list):
            shown = {k: v for k, v in rows[0].items() if k != "..."}
            assert set(shown) <= set(written[table][0]), table
            assert all(v == "..." or written[table][0][k] == v for k, v in shown.items()), table


def test_the_toml_example_is_a_valid_configuration(workdir):
    (example,) = blocks("toml")
    (workdir / "corpus" / "claimcheck.toml").write_text(example, encoding="utf-8")
    result = run(["config", "corpus/"])
    assert result.exit_code == 0, result.output
    assert "agree_score = 0.65" in result.stdout and 'numeric = "low"' in result.stdout


def test_every_python_example_runs(workdir, capsys):
    for block in blocks("python"):
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README
    assert "articles," in capsys.readouterr().out


def documented_columns(name: str) -> list[str]:
    row = next(line for line in section("Reports").splitlines() if line.startswith(f"| `{name}`"))
    return re.findall(r"`([a-z_]+)`", row.split("|")[3])


@pytest.mark.parametrize("name", ["flags.csv", "alignments.csv", "articles.csv", "matrix.csv"])
def test_the_report_columns_are_the_ones_written(workdir, name):
    assert run(["compare", "corpus/", "-q"]).exit_code == 0
    header = (workdir / "reports" / name).read_text(encoding="utf-8").splitlines()[0].split(",")
    documented = documented_columns(name)
    if name == "matrix.csv":
        assert documented[: len(MATRIX_COLUMNS)] == MATRIX_COLUMNS == header[: len(MATRIX_COLUMNS)]
    else:
        assert documented == header


def test_every_flag_kind_is_listed():
    listed = " ".join(section("Reports").split()).split("Flag kinds:", 1)[1].split(".", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", listed)) == {k.value for k in FlagKind}


def test_model_fallback_is_announced_with_a_warning(workdir):
    assert "announced with a warning" in " ".join(README.split())
    result = run(["compare", "corpus/", "--model", "fallback"])
    assert result.exit_code == 0
    assert re.search(r"^pipeline: \S+ \(warning: the rule-based fallback has no dependency parse", result.stdout, re.M)
    assert "warning" not in run(["compare", "corpus/"]).stdout
