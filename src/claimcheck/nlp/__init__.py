"""spaCy pipeline loading and claimcheck's spaCy components."""

from claimcheck.nlp.loading import BUNDLED_PIPELINE, load_pipeline, pipeline_id

__all__ = ["BUNDLED_PIPELINE", "load_pipeline", "pipeline_id"]
