"""Settings from configuration files, overridden by command-line options.

Layers, each overriding the one before:

1. the defaults of :class:`~claimcheck.settings.Settings`;
2. the ``[tool.claimcheck]`` table of ``pyproject.toml`` in the current folder;
3. ``claimcheck.toml`` in the corpus folder (keys at the top level);
4. command-line options (including ``--set KEY=VALUE``).

Keys are Settings field names (``agree_score``; ``agree-score`` works too). A wrong type, a value
out of range or an unknown key is a :class:`~claimcheck.errors.ConfigError` whose one-line message
names the file and the key.
"""

from __future__ import annotations

import json
import math
import reprlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from claimcheck.errors import ConfigError
from claimcheck.settings import Settings
from claimcheck.types import FlagKind, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
CORPUS_CONFIG = "claimcheck.toml"
DEFAULT = "default"
COMMAND_LINE = "command line"
AUTO_MODEL = "auto"  # model = "auto": the best installed pipeline (Settings.model None)


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{key} must be a number, got {_show(value)}")
    return float(value)


def _integer(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key} must be a whole number, got {_show(value)}")
    return value


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false, got {_show(value)}")
    return value


def _model(key: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be a pipeline name or path, \"fallback\" or \"auto\", got {_show(value)}")
    return None if value.strip() == AUTO_MODEL else value.strip()


def _kinds(key: str, value: Any) -> frozenset[FlagKind]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple, frozenset, set)) or not all(isinstance(v, (str, FlagKind)) for v in value):
        raise ConfigError(f"{key} must be a list of flag kinds, got {_show(value)}")
    if not value:
        raise ConfigError(f"{key} must name at least one flag kind")
    try:
        return Settings(kinds=value).kinds
    except ConfigError as exc:
        raise ConfigError(f"{key}: {exc}") from None


def _severities(key: str, value: Any) -> tuple[tuple[FlagKind, Severity], ...]:
    if isinstance(value, tuple) and all(isinstance(p, tuple) for p in value):
        value = dict(value)
    if not isinstance(value, Mapping) or not all(isinstance(v, (str, Severity)) for v in value.values()):
        raise ConfigError(f'{key} must be a table of flag kind = "high"|"medium"|"low", got {_show(value)}')
    try:
        return Settings(severities=value).severities
    except ConfigError as exc:
        raise ConfigError(f"{key}: {exc}") from None


# The settings a configuration file may set, and how each value is checked.
CONVERTERS: dict[str, Callable[[str, Any], Any]] = {
    "model": _model,
    "kinds": _kinds,
    "severities": _severities,
    "min_worthiness": _number,
    "align_cutoff": _number,
    "min_alignment": _number,
    "agree_score": _number,
    "min_flag_alignment": _number,
    "min_self_alignment": _number,
    "max_bytes": _integer,
    "batch_size": _integer,
    "blocking": _boolean,
    "verifier": _boolean,
}


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, 60, 60


def _show(value: Any) -> str:
    """``value`` for an error message: JSON for a scalar, else a repr cut short (a list nested
    thousands deep, a huge number: never a RecursionError nor a screenful)."""
    if isinstance(value, (str, int, float, bool)):
        shown = json.dumps(value) if not isinstance(value, int) or abs(value) < 10**30 else f"{str(value)[:12]}... ({len(str(abs(value)))} digits)"
        return shown if len(shown) <= 80 else shown[:60] + "..."
    return _SHORT.repr(value)


@dataclass(frozen=True)
class Layer:
    """Setting values from one source: a file's table, or the command line."""

    source: str  # "pyproject.toml [tool.claimcheck]", "corpus/claimcheck.toml", "command line"
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Effective:
    """The settings a run uses, and where each configurable value came from."""

    settings: Settings
    sources: Mapping[str, str]  # key -> DEFAULT, a file label or COMMAND_LINE
    layers: tuple[Layer, ...] = ()


def check_values(values: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Validate raw values from ``source``; keys may use ``-`` for ``_``. ConfigError names source and key."""
    checked: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = str(raw_key).replace("-", "_")
        if key not in CONVERTERS:
            known = ", ".join(CONVERTERS)
            raise ConfigError(f"{source}: unknown key {raw_key!r} (known: {known})")
        if key in checked:
            raise ConfigError(f"{source}: {raw_key!r} is set twice")
        try:
            checked[key] = CONVERTERS[key](key, value)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None
    return checked


def _read_toml(path: Path, label: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{label}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: invalid TOML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise ConfigError(f"{label}: invalid TOML: arrays or tables nested too deeply") from None


def pyproject_layer(folder: Path) -> Layer | None:
    """The ``[tool.claimcheck]`` table of ``folder/pyproject.toml``, if there is one."""
    path = Path(folder) / PYPROJECT
    if not path.is_file():
        return None
    data = _read_toml(path, str(path))
    table = data.get("tool", {}).get("claimcheck") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    label = f"{path} [tool.claimcheck]"
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: must be a table")
    return Layer(label, check_values(table, label))


def corpus_layer(corpus: Path) -> Layer | None:
    """``corpus/claimcheck.toml``, if there is one."""
    path = Path(corpus) / CORPUS_CONFIG
    if not path.is_file():
        return None
    label = str(path)
    return Layer(label, check_values(_read_toml(path, label), label))


def resolve(
    corpus: Path | None = None,
    options: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    base: Settings = Settings(),
) -> Effective:
    """Settings from ``base``, ``cwd/pyproject.toml``, ``corpus/claimcheck.toml`` and ``options``.

    ``options`` are command-line values already parsed (None means "not given"); keys that are
    not configurable (``cache_dir``, ``jobs``) are passed through without a source entry.
    """
    layers = [pyproject_layer(Path(".") if cwd is None else cwd)]
    if corpus is not None:
        layers.append(corpus_layer(corpus))
    given = {k: v for k, v in (options or {}).items() if v is not None}
    runtime = {f.name for f in fields(Settings)} - set(CONVERTERS)  # cache_dir, jobs: options only
    configurable = {k: v for k, v in given.items() if k not in runtime}
    if configurable:
        layers.append(Layer(COMMAND_LINE, check_values(configurable, COMMAND_LINE)))
    settings = base
    sources = {key: DEFAULT for key in CONVERTERS if key != "severities"}
    used = tuple(layer for layer in layers if layer is not None)
    for layer in used:
        values = dict(layer.values)
        if "severities" in values:  # per kind: a later layer overrides only the kinds it names
            values["severities"] = {**dict(settings.severities), **dict(values["severities"])}
            sources.update({f"severities.{kind.value}": layer.source for kind, _ in layer.values["severities"]})
        try:
            settings = replace(settings, **values)
        except ConfigError as exc:  # a range check in Settings: name the source
            raise ConfigError(f"{layer.source}: {exc}") from None
        sources.update({key: layer.source for key in layer.values if key != "severities"})
    passthrough = {k: v for k, v in given.items() if k in runtime}
    if passthrough:
        settings = settings.with_options(**passthrough)
    return Effective(settings, sources, used)


def parse_assignment(text: str) -> tuple[str, Any]:
    """``--set`` values: ``agree_score=0.7``, ``kinds=["negation"]``, ``severities.numeric=low``.

    The value is read as a TOML value, or as a plain string when it is not one.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"--set needs KEY=VALUE, got {text!r}")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    except RecursionError:
        raise ConfigError(f"--set {key}: the value is nested too deeply") from None
    table, dot, sub = key.partition(".")
    name = table.replace("-", "_")
    if name not in CONVERTERS or (dot and name != "severities"):
        raise ConfigError(f"--set: unknown key {key!r} (known: {', '.join(CONVERTERS)}, severities.KIND)")
    return (name, {sub: value}) if dot else (name, value)


def merge_assignments(assignments: list[str]) -> dict[str, Any]:
    """Several ``--set`` values as one options dict; ``severities.X`` entries are combined."""
    options: dict[str, Any] = {}
    for text in assignments:
        key, value = parse_assignment(text)
        if isinstance(value, dict) and isinstance(options.get(key), dict):
            options[key] = {**options[key], **value}
        else:
            options[key] = value
    return options


# -- printing ---------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def config_values(settings: Settings) -> dict[str, Any]:
    """The configurable settings as TOML-ready values (the layout of ``claimcheck.toml``)."""
    values: dict[str, Any] = {}
    for key in CONVERTERS:
        value = getattr(settings, key)
        if key == "model":
            value = AUTO_MODEL if value is None else value
        elif key == "kinds":
            value = [k.value for k in FlagKind if k in value]
        elif key == "severities":
            value = {k.value: s.value for k, s in value}
        values[key] = value
    return values


def to_toml(effective: Effective, corpus: Path | None = None) -> str:
    """The effective settings as a ``claimcheck.toml``, each line commented with its source."""
    where = f" for corpus {corpus}" if corpus is not None else ""
    lines = [
        f"# effective claimcheck settings{where}",
        "# sources, later overriding earlier: defaults, ./pyproject.toml [tool.claimcheck],",
        f"# CORPUS/{CORPUS_CONFIG}, command-line options",
    ]
    lines += [f"# read: {layer.source}" for layer in effective.layers if layer.source != COMMAND_LINE]
    lines.append("")
    values = config_values(effective.settings)
    severities = values.pop("severities")
    for key, value in values.items():
        lines.append(f"{key} = {_toml_value(value)}  # {effective.sources.get(key, DEFAULT)}")
    lines += ["", "[severities]  # per flag kind; a kind not listed keeps its rule's severity"]
    for kind, severity in severities.items():
        lines.append(f"{kind} = {_toml_value(severity)}  # {effective.sources.get(f'severities.{kind}', DEFAULT)}")
    return "\n".join(lines) + "\n"
