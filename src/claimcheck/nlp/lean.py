"""Importing spaCy without its command line, in a process that only runs the bundled pipeline.

Light to import: no spaCy until :func:`import_spacy_without_cli` runs.
"""

from __future__ import annotations

import sys
import types
from typing import NoReturn

CLI_MODULES = ("spacy.cli", "spacy.cli.info")


def _unavailable(*args: object, **kwargs: object) -> NoReturn:
    raise ImportError("spaCy's command line (spacy.cli) is not loaded in this process")


def _no_attribute(name: str) -> NoReturn:
    raise ImportError(f"spacy.cli.{name}: spaCy's command line is not loaded in this process")


def import_spacy_without_cli() -> bool:
    """Import spaCy with a placeholder for its command-line package; whether it did (not when
    spaCy is imported already).

    ``import spacy`` imports spacy.cli (train, package, download ...) for ``spacy.info``, and that
    package imports requests, httpx, weasel and Jinja2: 0.4 s of spaCy's 0.7 s import, on the path
    of a rerun after ``claimcheck add``, whose one extraction process starts, loads the pipeline
    and extracts one article. For an extraction process running the bundled pipeline only: spaCy's
    built-in components, none of which uses the command line (a plugin's might). There, anything
    taken from spacy.cli raises ImportError.
    """
    if "spacy" in sys.modules:
        return False
    cli, info = types.ModuleType(CLI_MODULES[0]), types.ModuleType(CLI_MODULES[1])
    info.info = _unavailable  # type: ignore[attr-defined]  # what ``import spacy`` takes from it
    cli.info = info  # type: ignore[attr-defined]
    cli.__getattr__ = _no_attribute  # type: ignore[method-assign]  # PEP 562: any other name
    sys.modules.update(zip(CLI_MODULES, (cli, info)))
    import spacy

    spacy.cli = cli  # type: ignore[attr-defined]  # as importing the real one would have set it
    return True
