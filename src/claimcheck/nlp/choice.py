"""Which spaCy pipeline a run uses, and its name, decided without importing spaCy.

A compare whose claims are all in the cache never loads a pipeline: importing spaCy and loading
one were a third of such a run. The cache key still needs the pipeline's name and version, and
every pipeline folder and packaged pipeline states them in its meta.json.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import logging
from collections.abc import Mapping
from pathlib import Path

LOGGER = logging.getLogger(__name__)

BUNDLED_PIPELINE = Path(__file__).resolve().parent.parent / "pipelines" / "en_claimcheck_ud"
PREFERRED_PACKAGES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
FALLBACK = "fallback"
FALLBACK_META = {"lang": "en", "name": "claimcheck_fallback", "version": "1"}


def name_of(meta: Mapping) -> str:
    """A stable name for a pipeline, used in reports and cache keys: "en_claimcheck_ud-1.0.0"."""
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def is_package(name: str) -> bool:
    """Whether ``name`` is an installed distribution (spaCy's own test, spacy.util.is_package)."""
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return True


@functools.lru_cache(maxsize=8)
def choose(model: str | None) -> str:
    """The pipeline to load for ``model``: a package name or folder, or ``FALLBACK``.

    An explicit ``model`` wins; else an installed en_core_web_{trf,lg,md,sm}; else the pipeline
    bundled with claimcheck; else the rule-based fallback, announced with a warning because it has
    no parse.
    """
    if model:
        return model
    for name in PREFERRED_PACKAGES:
        if is_package(name):
            LOGGER.info("using installed pipeline %s", name)
            return name
    if (BUNDLED_PIPELINE / "meta.json").exists():
        return str(BUNDLED_PIPELINE)
    LOGGER.warning(
        "no trained English pipeline found: using the rule-based fallback (no dependency parse); "
        "install en_core_web_sm or pass --model for better claims"
    )
    return FALLBACK


def _meta_file(target: str) -> Path | None:
    """Where the chosen pipeline states its name and version, looked up as spacy.load finds the
    pipeline: an installed package first, then a folder."""
    if is_package(target):
        spec = importlib.util.find_spec(target)
        locations = list(spec.submodule_search_locations or ()) if spec else []
        return Path(locations[0]) / "meta.json" if locations else None
    return Path(target) / "meta.json"


def pipeline_name(model: str | None) -> str | None:
    """The name of the pipeline ``model`` resolves to (as ``pipeline_id`` of the loaded pipeline),
    or None when its meta.json cannot be read without loading it (the caller loads it then, and
    a pipeline that cannot be loaded is reported as such)."""
    target = choose(model)
    if target == FALLBACK:
        return name_of(FALLBACK_META)
    try:
        path = _meta_file(target)
        meta = json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError, ImportError):
        return None
    return name_of(meta) if isinstance(meta, dict) else None
