"""claimcheck's exceptions. The CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: something the user can fix (bad input, bad option, missing model)."""


class CorpusError(ClaimcheckError):
    """The corpus folder is missing, unreadable or holds no usable article."""


class ArticleError(ClaimcheckError):
    """One article cannot be read: empty, binary, undecodable or too large."""


class DuplicateArticleError(ArticleError):
    """The article's content is already in the corpus."""


class UnsafePathError(ClaimcheckError):
    """An id or path would escape the corpus folder or overwrite a file."""


class ModelError(ClaimcheckError):
    """The requested spaCy pipeline cannot be loaded."""


class VerifierModelError(ModelError):
    """The verifier's model files (model.onnx, tokenizer.json, config.json) are missing or corrupt."""


class ExtractionError(ClaimcheckError):
    """An extraction process died (killed, out of memory) before returning its claims."""


class ConfigError(ClaimcheckError):
    """A configuration value has the wrong type or is out of range."""


class ReportError(ClaimcheckError):
    """Reports cannot be written or read back."""


class ReviewError(ClaimcheckError):
    """A review decision cannot be recorded or the reviews file cannot be read."""
