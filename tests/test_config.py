"""Configuration: pyproject.toml [tool.claimcheck], CORPUS/claimcheck.toml, command-line overrides,
`claimcheck config`, and per-kind severity overrides."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import COMMAND_LINE, DEFAULT, merge_assignments, parse_assignment, resolve, to_toml
from claimcheck.errors import ConfigError
from claimcheck.settings import Settings
from claimcheck.types import Flag, FlagKind, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

APPROVED = "Botox Approval\n\nThe FDA approved Botox for back pain in 2015.\n"
NOT_APPROVED = "Botox Facts\n\nThe FDA has not approved Botox for back pain.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the current folder) with an empty corpus/ in it."""
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_files(project):
    effective = resolve(project / "corpus")
    assert effective.settings == Settings()
    assert set(effective.sources.values()) == {DEFAULT}
    assert effective.layers == ()


def test_layers_override_in_order(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck]\nagree_score = 0.7\nmodel = "fallback"\nmin_alignment = 0.5\n')
    write(project / "corpus" / "claimcheck.toml", 'agree_score = 0.8\nkinds = ["negation", "numeric"]\n')
    effective = resolve(Path("corpus"), {"min_alignment": 0.55, "model": None})
    s = effective.settings
    assert (s.model, s.agree_score, s.min_alignment) == ("fallback", 0.8, 0.55)
    assert s.kinds == {FlagKind.NEGATION, FlagKind.NUMERIC}
    assert effective.sources["model"] == "pyproject.toml [tool.claimcheck]"
    assert effective.sources["agree_score"] == str(Path("corpus") / "claimcheck.toml")
    assert effective.sources["min_alignment"] == COMMAND_LINE
    assert effective.sources["min_worthiness"] == DEFAULT


def test_pyproject_without_a_claimcheck_table_is_ignored(project):
    write(project / "pyproject.toml", '[tool.other]\nx = 1\n')
    assert resolve(project / "corpus").settings == Settings()


def test_kebab_case_keys_and_auto_model(project):
    write(project / "corpus" / "claimcheck.toml", 'agree-score = 0.65\nmodel = "auto"\nmax-bytes = 1000\n')
    s = resolve(project / "corpus").settings
    assert (s.agree_score, s.model, s.max_bytes) == (0.65, None, 1000)


def test_severities_merge_per_kind(project):
    write(project / "pyproject.toml", '[tool.claimcheck.severities]\nnumeric = "low"\nnegation = "medium"\n')
    write(project / "corpus" / "claimcheck.toml", '[severities]\nnegation = "high"\n')
    effective = resolve(project / "corpus", merge_assignments(["severities.antonym=low"]))
    assert dict(effective.settings.severities) == {
        FlagKind.NUMERIC: Severity.LOW, FlagKind.NEGATION: Severity.HIGH, FlagKind.ANTONYM: Severity.LOW,
    }  # fmt: skip
    assert effective.sources["severities.antonym"] == COMMAND_LINE
    assert effective.sources["severities.numeric"] == "pyproject.toml [tool.claimcheck]"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("agree_score = 'high'", "agree_score"),
        ("agree_score = 1.5", "agree_score"),
        ("agree_score = true", "agree_score"),
        ("max_bytes = 2.5", "max_bytes"),
        ("max_bytes = -1", "max_bytes"),
        ("blocking = 'no'", "blocking"),
        ("model = 3", "model"),
        ("kinds = 'negation,bogus'", "kinds"),
        ("kinds = [1, 2]", "kinds"),
        ("kinds = []", "kinds"),
        ("severities = 'low'", "severities"),
        ("[severities]\nnegation = 'huge'", "severities"),
        ("[severities]\nbogus = 'low'", "severities"),
        ("agree_scor = 0.5", "agree_scor"),
        ("cache_dir = '/tmp'", "cache_dir"),
        ("agree_score = 0.5\nagree-score = 0.6", "agree-score"),
    ],
)
def test_bad_values_name_the_file_and_the_key(project, text, key):
    path = write(project / "corpus" / "claimcheck.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        resolve(project / "corpus")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ") and key in message, message


def test_bad_pyproject_value_names_the_table(project):
    write(project / "pyproject.toml", "[tool.claimcheck]\nmin_worthiness = 'x'\n")
    with pytest.raises(ConfigError, match=r"^pyproject\.toml \[tool\.claimcheck\]: min_worthiness must be a number"):
        resolve(project / "corpus")


def test_invalid_toml_is_one_line(project):
    path = write(project / "corpus" / "claimcheck.toml", "agree_score = = 1\n")
    with pytest.raises(ConfigError, match=rf"^{path}: invalid TOML: ") as info:
        resolve(project / "corpus")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agree_score=0.7", ("agree_score", 0.7)),
        ("kinds=[\"negation\"]", ("kinds", ["negation"])),
        ("model=fallback", ("model", "fallback")),  # not TOML: a plain string
        ("model = \"my model\"", ("model", "my model")),
        ("severities.numeric=low", ("severities", {"numeric": "low"})),
        ("blocking=false", ("blocking", False)),
    ],
)
def test_parse_assignment(text, expected):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["agree_score", "=1", "", "jobs=2", "cache_dir=/tmp", "kinds.x=1", "bogus=1"])
def test_parse_assignment_refuses(text):
    with pytest.raises(ConfigError):
        parse_assignment(text)


def test_printed_settings_are_a_claimcheck_toml_that_round_trips(project):
    write(project / "pyproject.toml", '[tool.claimcheck]\nagree_score = 0.7\n[tool.claimcheck.severities]\nnumeric = "low"\n')
    effective = resolve(project / "corpus", {"kinds": frozenset({FlagKind.NEGATION}), "model": "fallback"})
    text = to_toml(effective, Path("corpus"))
    assert "agree_score = 0.7  # pyproject.toml [tool.claimcheck]" in text
    assert 'model = "fallback"  # command line' in text
    assert "align_cutoff = 45.0  # default" in text
    assert 'numeric = "low"  # pyproject.toml [tool.claimcheck]' in text
    tomllib.loads(text)
    other = project / "other"
    other.mkdir()
    write(other / "claimcheck.toml", text)
    assert resolve(other, cwd=other).settings == effective.settings


def test_settings_accept_plain_values():
    s = Settings(kinds=["negation", "NUMERIC"], severities={"negation": "low"})
    assert s.kinds == frozenset({FlagKind.NEGATION, FlagKind.NUMERIC})
    assert s.severities == ((FlagKind.NEGATION, Severity.LOW),)
    assert hash(s) == hash(Settings(kinds=("numeric", "negation"), severities=[("negation", Severity.LOW)]))


def test_apply_severities():
    flags = (
        Flag(FlagKind.NEGATION, Severity.HIGH, 0.9, "a", "x", "b", "y", "e"),
        Flag(FlagKind.NUMERIC, Severity.HIGH, 0.9, "a", "x", "b", "y", "e"),
    )
    changed = Settings(severities={"negation": "low"}).apply_severities(flags)
    assert [f.severity for f in changed] == [Severity.LOW, Severity.HIGH]
    assert Settings().apply_severities(flags) == flags


# -- through the command line ---------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_config_command_prints_sources(project):
    write(project / "corpus" / "claimcheck.toml", 'agree_score = 0.75\n')
    result = invoke("config", "corpus", "--model", "fallback", "--set", "min_alignment=0.5")
    assert result.exit_code == 0, result.output
    assert f"agree_score = 0.75  # {Path('corpus') / 'claimcheck.toml'}" in result.stdout
    assert 'model = "fallback"  # command line' in result.stdout
    assert "min_alignment = 0.5  # command line" in result.stdout
    assert tomllib.loads(result.stdout)["agree_score"] == 0.75


def test_config_command_bad_file_is_one_line(project):
    write(project / "corpus" / "claimcheck.toml", "agree_score = 'x'\n")
    result = invoke("config", "corpus")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"claimcheck: error: {Path('corpus') / 'claimcheck.toml'}: agree_score must be a number, got \"x\""
    ]


def test_compare_uses_configured_severities_and_kinds(project, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(project / "cache"))
    write(project / "corpus" / "approved.txt", APPROVED)
    write(project / "corpus" / "denied.txt", NOT_APPROVED)
    write(project / "pyproject.toml", '[tool.claimcheck]\nmodel = "fallback"\n[tool.claimcheck.severities]\nnegation = "low"\n')
    result = invoke("compare", "corpus", "--out", "out", "--fail-on", "medium")
    assert result.exit_code == 0, result.output  # the only flag is now low
    assert "1 flags (0 high, 0 medium, 1 low)" in result.stdout
    result = invoke("compare", "corpus", "--out", "out", "--fail-on", "medium", "--set", "severities.negation=high")
    assert result.exit_code == 1, result.output
    write(project / "corpus" / "claimcheck.toml", 'kinds = ["numeric"]\n')
    result = invoke("compare", "corpus", "--out", "out", "--fail-on", "low")
    assert result.exit_code == 0 and "0 flags" in result.stdout, result.output
    result = invoke("compare", "corpus", "--out", "out", "--fail-on", "low", "--kinds", "negation,date")
    assert result.exit_code == 1, result.output


def test_compare_bad_set_is_one_line(project):
    write(project / "corpus" / "approved.txt", APPROVED)
    result = invoke("compare", "corpus", "--out", "out", "--set", "agree_scor=1")
    assert result.exit_code == 2
    assert result.stderr.startswith("claimcheck: error: --set: unknown key 'agree_scor'")
    assert not (project / "out").exists()
