"""The one place that loads a spaCy pipeline, once per process.

Which pipeline (claimcheck.nlp.choice): an explicit ``model`` (name or path), an installed
en_core_web_{trf,lg,md,sm}, the pipeline bundled with claimcheck, and last a rule-based fallback
(blank English with sentence segmentation and lookup lemmas).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import warnings
from collections.abc import Callable
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

from claimcheck.errors import ModelError
from claimcheck.nlp.choice import FALLBACK, FALLBACK_META, choose, name_of

LOGGER = logging.getLogger(__name__)


def pipeline_id(nlp: Language) -> str:
    """A stable name for the pipeline, used in reports and cache keys: "en_claimcheck_ud-1.0.0"."""
    return name_of(nlp.meta)


def _numpy_matmul() -> contextlib.AbstractContextManager:
    """Build the pipeline's models on thinc's NumPy ops with BLIS off, so their matrix products
    go through NumPy's BLAS (OpenBLAS in the wheels) instead of the generic BLIS kernels.

    Only the library doing the products changes: the parses, tags and lemmas come out the same
    (tests/test_pipeline.py), 2.6x faster on the bundled pipeline (benchmarks/pipeline_speed.py).
    ``blas_threads`` sets how many threads that BLAS may use.
    """
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def blas_threads(threads: int) -> None:
    """Let NumPy's BLAS use at most ``threads`` threads in this process (one per extraction
    worker, so that N workers on N cores do not fight over them)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=max(1, threads), user_api="blas")


def _blank_fallback() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    except Exception as exc:  # spacy-lookups-data missing or broken: keep going without lemmas
        LOGGER.warning("lookup lemmas unavailable (%s); lemmas fall back to lower-case words", exc)
        nlp.remove_pipe("lemmatizer")
    nlp.meta.update(FALLBACK_META)
    return nlp


LETTER_PERIOD_SUFFIX = r"(?<=^[A-Z])\."  # a capital letter's period is a suffix: "D." -> "D" + "."
TOKENIZER_FILE = "tokenizer"  # the tokenizer's rules in a saved pipeline folder
_PLACEHOLDER_TOKENIZER = "claimcheck.PlaceholderTokenizer.v1"


@spacy.registry.tokenizers(_PLACEHOLDER_TOKENIZER)
def _placeholder_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for a pipeline whose saved rules replace it at once (building
    the default English one first, to throw it away, takes a fifth of a second)."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _is_letter_period(exception: str) -> bool:
    return len(exception) == 2 and exception[0].isalpha() and exception[0].isupper() and exception[1] == "."


def _split_letter_periods(tokenizer_bytes: bytes) -> bytes:
    """Serialized tokenizer rules changed to split "D." into "D" + "." so "vitamin D. Fatty fish
    ..." can end a sentence there.

    spaCy keeps a capital letter and its period together (for initials); claimcheck's
    ``claimcheck_sentences`` hints then decide, from the words around, whether it ends a sentence.
    The change is made to the serialized rules so the tokenizer loads its special cases once.
    """
    data = srsly.msgpack_loads(tokenizer_bytes)
    suffixes = data.get("suffix_search")
    extra = compile_suffix_regex([LETTER_PERIOD_SUFFIX]).pattern
    data["suffix_search"] = f"{suffixes}|{extra}" if suffixes else extra  # as compile_suffix_regex joins them
    exceptions = data.get("exceptions")
    if isinstance(exceptions, dict):
        data["exceptions"] = {k: v for k, v in exceptions.items() if not _is_letter_period(k)}
    return srsly.msgpack_dumps(data)


def _with_letter_periods(nlp: Language, rules: bytes | None = None) -> Language:
    """``nlp`` with its tokenizer loaded from ``rules`` (serialized; default: its own) changed by
    :func:`_split_letter_periods`."""
    rules = nlp.tokenizer.to_bytes(exclude=["vocab"]) if rules is None else rules
    nlp.tokenizer.from_bytes(_split_letter_periods(rules), exclude=["vocab"])
    return nlp


def _saved_rules(model: str) -> Path | None:
    """The saved rules of a pipeline folder using spaCy's own tokenizer (None for a package name,
    or a pipeline with another tokenizer)."""
    saved, config = Path(model) / TOKENIZER_FILE, Path(model) / "config.cfg"
    if not (saved.is_file() and config.is_file()):
        return None
    tokenizer = spacy.util.load_config(config, interpolate=False).get("nlp", {}).get("tokenizer", {})
    return saved if tokenizer.get("@tokenizers") == "spacy.Tokenizer.v1" else None


def _load_named(model: str) -> Language:
    """spaCy's pipeline ``model`` with claimcheck's tokenizer change. A pipeline folder's saved
    tokenizer is read once, changed and loaded (not first loaded as saved, then again changed)."""
    try:
        with warnings.catch_warnings(), _numpy_matmul():
            warnings.simplefilter("ignore", UserWarning)
            saved = _saved_rules(model)
            if saved is None:
                return _with_letter_periods(spacy.load(model))
            placeholder = {"nlp": {"tokenizer": {"@tokenizers": _PLACEHOLDER_TOKENIZER}}}
            return _with_letter_periods(spacy.load(model, exclude=[TOKENIZER_FILE], config=placeholder), saved.read_bytes())
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: not an installed package or pipeline folder") from exc
    except Exception as exc:  # a corrupt pipeline raises many kinds of errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {first}") from exc


def _load_base(model: str | None) -> Language:
    target = choose(model)
    return _with_letter_periods(_blank_fallback()) if target == FALLBACK else _load_named(target)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) the pipeline for ``model`` with claimcheck's components added.

    ``model`` is a package name, a pipeline folder, "fallback" for the rule-based pipeline, or
    None for the best one available.
    """
    from claimcheck.nlp import component, repair  # noqa: F401  (registers the factories)
    from claimcheck.nlp.patterns import entity_patterns

    nlp = _load_base(model)
    if "claimcheck_sentences" not in nlp.pipe_names:
        first_segmenter = next((n for n in nlp.pipe_names if n in {"parser", "senter", "sentencizer"}), None)
        nlp.add_pipe("claimcheck_sentences", before=first_segmenter) if first_segmenter else nlp.add_pipe("claimcheck_sentences", first=True)
    if "parser" in nlp.pipe_names and "claimcheck_verb_repair" not in nlp.pipe_names:
        nlp.add_pipe("claimcheck_verb_repair", after="parser")
    if "claimcheck_entities" not in nlp.pipe_names:
        ruler_config = {"overwrite_ents": False, "phrase_matcher_attr": "LOWER"}
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", name="claimcheck_entities", config=ruler_config, before=before)
        ruler.add_patterns(entity_patterns())
    if "claimcheck_claims" not in nlp.pipe_names:
        nlp.add_pipe("claimcheck_claims", last=True)
    return nlp
