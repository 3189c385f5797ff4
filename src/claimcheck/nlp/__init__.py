"""spaCy pipeline loading and claimcheck's spaCy components.

spaCy is imported only when a pipeline is loaded or a component is used: ``claimcheck.nlp.choice``
names the pipeline without it, so a compare served from the cache never imports spaCy.
"""

from __future__ import annotations

from typing import Any

from claimcheck.nlp.choice import BUNDLED_PIPELINE

__all__ = ["BUNDLED_PIPELINE", "load_pipeline", "pipeline_id"]


def __getattr__(name: str) -> Any:  # PEP 562: load_pipeline and pipeline_id import spaCy on first use
    if name in {"load_pipeline", "pipeline_id"}:
        from claimcheck.nlp import loading

        return getattr(loading, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
