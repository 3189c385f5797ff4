"""Entity patterns for what UD-trained pipelines lack: money, percentages, quantities with units,
years and dates, counts written as words, agencies and acronyms, and drug-like product names."""

from __future__ import annotations

from functools import lru_cache

_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "dozen", "dozens",
    "hundreds", "thousands", "millions",
]
_UNITS = [
    "mg", "milligram", "milligrams", "g", "gram", "grams", "kg", "kilogram", "kilograms", "mcg", "µg", "microgram",
    "micrograms", "iu", "ml", "milliliter", "milliliters", "millilitre", "millilitres", "l", "liter", "liters",
    "litre", "litres", "cup", "cups", "unit", "units", "vial", "vials", "dose", "doses", "tablet", "tablets",
]
_DURATIONS = ["year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade", "decades"]
_AGENCIES = [
    "FDA", "Food and Drug Administration", "Food and Drug Authority", "U.S. Food and Drug Administration",
    "EFSA", "European Food Safety Authority", "EMA", "European Medicines Agency", "CDC",
    "Centers for Disease Control and Prevention", "NIH", "National Institutes of Health", "NHS", "MHRA",
    "Medicines and Healthcare products Regulatory Agency", "World Health Organization", "USDA", "EPA",
    "Health Canada", "TGA",
]
_NUM = {"LIKE_NUM": True}
_NUM_OR_WORD = {"LOWER": {"IN": _NUMBER_WORDS}}


@lru_cache(maxsize=1)
def entity_patterns() -> tuple[dict, ...]:
    """Patterns for spaCy's entity_ruler (token patterns and LOWER phrase patterns)."""
    pats: list[dict] = []
    for num in (_NUM, _NUM_OR_WORD):
        pats += [
            {"label": "MONEY", "pattern": [{"TEXT": {"IN": ["$", "£", "€", "US$"]}}, num]},
            {"label": "MONEY", "pattern": [{"TEXT": {"IN": ["$", "£", "€", "US$"]}}, num, {"LOWER": {"IN": ["million", "billion", "thousand", "bn", "m", "k"]}}]},
            {"label": "MONEY", "pattern": [num, {"LOWER": {"IN": ["dollars", "dollar", "pounds", "euros", "usd", "gbp", "eur"]}}]},
            {"label": "PERCENT", "pattern": [num, {"LOWER": {"IN": ["%", "percent"]}}]},
            {"label": "PERCENT", "pattern": [num, {"LOWER": "per"}, {"LOWER": "cent"}]},
            {"label": "QUANTITY", "pattern": [num, {"LOWER": {"IN": _UNITS}}]},
            {"label": "QUANTITY", "pattern": [num, {"LOWER": "international"}, {"LOWER": {"IN": ["unit", "units"]}}]},
            {"label": "DATE", "pattern": [num, {"LOWER": {"IN": _DURATIONS}}]},
            {"label": "CARDINAL", "pattern": [num, {"LOWER": {"IN": ["to", "or", "-", "–"]}}, {"LIKE_NUM": True}]},
        ]
    pats += [
        {"label": "CARDINAL", "pattern": [_NUM_OR_WORD]},
        {"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^(1[6-9]|20)\d\d s?$"}}]},
        {"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^(1[6-9]|20)\d\ds?$"}}]},
        {"label": "DATE", "pattern": [{"LOWER": "year"}, {"TEXT": {"REGEX": r"^(1[6-9]|20)\d\d$"}}]},
        {"label": "DATE", "pattern": [{"LOWER": {"IN": ["a", "the"]}}, {"LOWER": {"IN": ["last", "past"]}, "OP": "?"}, {"LOWER": "decade"}, {"LOWER": "or"}, {"LOWER": "two"}]},
        {"label": "ORG", "pattern": [{"TEXT": {"REGEX": r"^[A-Z]{2,6}$"}, "LOWER": {"NOT_IN": ["iu", "usd", "gbp", "eur", "mg", "ml", "ok", "tv"]}}]},
        {"label": "PRODUCT", "pattern": [{"TEXT": {"REGEX": r"^[A-Z][a-z]+(mab|pril|olol|statin|cillin|mycin|azole|vir|tinib|sartan|triptan|oxetine|profen|codone|pam|lam)$"}}]},
    ]
    pats += [{"label": "ORG", "pattern": name, "id": "agency"} for name in _AGENCIES]
    return tuple(pats)
