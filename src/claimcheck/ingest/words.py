"""An English word list from spacy-lookups-data, loaded once per process and only when needed."""

from __future__ import annotations

import functools
import gzip
import json
import logging
from importlib import resources

LOGGER = logging.getLogger(__name__)

# Function words are not lemma-table entries but are common glued halves (and never site keywords).
FUNCTION_WORDS = frozenset(
    "a an the and or but nor for of to in on at by with from into onto over under about as than "
    "that this these those it its is are was were be been not no so if then there here their our "
    "your his her my we you they he she who what when where why how all any some more most".split()
)


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case alphabetic English words: lemma-lookup keys and values plus the lemma index."""
    words: set[str] = set(FUNCTION_WORDS)
    try:
        data = resources.files("spacy_lookups_data") / "data"
        with gzip.open(data.joinpath("en_lemma_lookup.json.gz").open("rb")) as fh:
            lookup = json.load(fh)
        words.update(lookup)
        words.update(lookup.values())
        with gzip.open(data.joinpath("en_lemma_index.json.gz").open("rb")) as fh:
            for entries in json.load(fh).values():
                words.update(entries)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError) as err:
        LOGGER.warning("English word list unavailable (%s); glued titles will not be split", err)
    return frozenset(w for w in words if w.isalpha() and w.islower())


def split_glued(word: str, min_left: int = 3, min_right: int = 3) -> int | None:
    """Where a capitalized word glued onto a lower-case one splits ("Treatmentmedical" -> 9).

    Both halves must be dictionary words and the whole must not be one; the longest known left
    half wins. None when the word is not such a compound.
    """
    if len(word) < min_left + min_right or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
        return None
    words = english_words()
    lower = word.lower()
    if lower in words:
        return None
    for cut in range(len(word) - min_right, min_left - 1, -1):
        if lower[:cut] in words and lower[cut:] in words:
            return cut
    return None
