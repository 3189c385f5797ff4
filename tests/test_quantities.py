"""``find_quantities``, ``comparable`` and ``conflict``: numbers as a reader means them.

Quantities are pure string functions, so every case is a phrase and what a careful reader would
say it measures; ``conflict`` is checked both ways round because it must be symmetric.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from claimcheck.quantities import Found, comparable, conflict, find_quantities, parse_number
from claimcheck.types import Quantity


def only(text: str) -> Found:
    """The single quantity of ``text`` (fails when there is not exactly one)."""
    found = find_quantities(text)
    assert len(found) == 1, f"expected one quantity in {text!r}, got {[f.quantity.text for f in found]}"
    return found[0]


def q(text: str) -> Quantity:
    return only(text).quantity


# -- what is found, and how it is normalized -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity_text", "low", "high", "unit", "dimension", "approximate"),
    [
        # money, with and without approximators
        ("A session costs about $50.", "about $50", 50, 50, "usd", "money", True),
        ("A session costs around $500.", "around $500", 500, 500, "usd", "money", True),
        ("A session costs $500.", "$500", 500, 500, "usd", "money", False),
        ("It costs between $300 and $600 per session.", "between $300 and $600", 300, 600, "usd", "money", True),
        ("It is sold for 500 dollars.", "500 dollars", 500, 500, "usd", "money", False),
        ("In Britain it costs £500.", "£500", 500, 500, "gbp", "money", False),
        ("In France it costs 500 euros.", "500 euros", 500, 500, "eur", "money", False),
        # mass, normalized to milligrams
        ("Take 400 mg a day.", "400 mg", 400, 400, "mg", "mass", False),
        ("Take 400 milligrams a day.", "400 milligrams", 400, 400, "mg", "mass", False),
        ("Take 0.4 g a day.", "0.4 g", 400, 400, "mg", "mass", False),
        # doses in international units
        ("Adults need 600 IU of vitamin D.", "600 IU", 600, 600, "iu", "dose", False),
        ("Adults need 6,000 international units of vitamin D.", "6,000 international units", 6000, 6000, "iu", "dose", False),
        # percentages
        ("It helps 30% of patients.", "30%", 30, 30, "percent", "ratio", False),
        ("It helps 50 per cent of patients.", "50 per cent", 50, 50, "percent", "ratio", False),
        ("It helps 50 percent of patients.", "50 percent", 50, 50, "percent", "ratio", False),
        ("It helps about 30% of patients.", "about 30%", 30, 30, "percent", "ratio", True),
        # years and decades
        ("The FDA approved it in 1989.", "1989", 1989, 1989, "year", "date", False),
        ("It became popular in the 1990s.", "1990s", 1990, 1999, "year", "date", True),
        # durations, in years
        ("Doctors have used it for a decade or two.", "a decade or two", 10, 20, "year", "duration", True),
        ("Doctors have used it for twenty years.", "twenty years", 20, 20, "year", "duration", False),
        ("Doctors have used it for the last decade.", "the last decade", 10, 10, "year", "duration", False),
        ("The effect lasts about 3 months.", "about 3 months", 0.25, 0.25, "year", "duration", True),
        # ranges and counts written as words
        ("Repeat the injection three to four times.", "three to four times", 3, 4, "times", "factor", True),
        ("Most people need three to four sessions.", "three to four sessions", 3, 4, "session", "count", True),
        ("A dozen studies looked at it.", "A dozen studies", 12, 12, "study", "count", False),
        ("Twenty-five patients took part.", "Twenty-five patients", 25, 25, "patient", "count", False),
        ("About 1.5 million people use it.", "About 1.5 million people", 1_500_000, 1_500_000, "people", "count", True),
    ],
)
def test_quantity_is_found_and_normalized(
    text: str, quantity_text: str, low: float, high: float, unit: str, dimension: str, approximate: bool
) -> None:
    found = only(text)
    rounding = {"stated_unit": "", "step": 0.0}  # how a converted unit was written: tested below
    assert replace(found.quantity, **rounding) == Quantity(quantity_text, pytest.approx(low), pytest.approx(high), unit, dimension, approximate)
    assert text[found.start : found.end] == found.quantity.text


@pytest.mark.parametrize(
    ("text", "quantity_text", "value", "unit"),
    [
        ("The company raised $2.5B last year.", "$2.5B", 2.5e9, "usd"),
        ("The company raised $2.5bn last year.", "$2.5bn", 2.5e9, "usd"),
        ("The company raised 2.5 billion dollars.", "2.5 billion dollars", 2.5e9, "usd"),
        ("The company raised $2,500 million.", "$2,500 million", 2.5e9, "usd"),
        ("The fine was €40m, often the going rate.", "€40m", 4e7, "eur"),
        ("The club paid £300k for him.", "£300k", 3e5, "gbp"),
    ],
)
def test_money_scale_letters_multiply(text: str, quantity_text: str, value: float, unit: str) -> None:
    found = only(text)
    assert (found.quantity.text, found.quantity.low, found.quantity.unit) == (quantity_text, pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "It is often late and often wrong.",  # "often" is not "ten"
        "The train left at 6:42 a.m. on Sept. 23.",  # a clock time and a day of the month are not amounts
        "He drew it with a 4B pencil.",  # a scale letter without a currency
        "The Vesta-2 rocket carried the D50 unit.",  # digits inside names
        "It was the 104th final and the 2nd replay.",  # ordinals
        "The museum reopened on 12 October after repairs.",  # a day before its month; no count of repairs
        "It happened on the 3rd of May.",
        "The bus overturned on Route 9 near Carrick.",  # a number in a name
        "He told BBC Radio Five Live on Sunday.",
        "The storm reached Category 4 strength.",
    ],
)
def test_words_and_times_that_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "quantity_text", "unit"),
    [
        ("It cost Microsoft 2 billion dollars.", "2 billion dollars", "usd"),  # a name before an amount with its unit
        ("She gave Smith 3 books.", "3 books", "book"),  # ... or before a plural noun it counts
        ("Britain's 3 million unemployed are waiting.", "3 million", ""),  # a possessive names no number
        ("About 300 people died.", "About 300 people", "people"),  # a capitalised first word
    ],
)
def test_a_name_before_a_counted_amount_leaves_it_an_amount(text: str, quantity_text: str, unit: str) -> None:
    found = only(text).quantity
    assert (found.text, found.unit) == (quantity_text, unit)


@pytest.mark.parametrize("text", ["Flight 370 vanished in 2014.", "Channel 4 aired the show at nine."])
def test_a_past_form_after_a_number_is_not_what_it_counts(text: str) -> None:
    assert all(f.quantity.dimension != "count" for f in find_quantities(text))


def test_a_counted_noun_is_not_found_past_a_preposition() -> None:
    assert only("Police found 12 bodies after searches.").quantity.unit == "body"
    assert only("They closed 12 rural schools.").quantity.unit == "school"  # modifiers are skipped
    assert only("They rescued 12 from burning homes.").quantity.dimension == "number"  # 12 people, not 12 homes


@pytest.mark.parametrize(("a", "b", "clash"), [("won 2-0", "a 2-0 win", False), ("beat them 2-0", "lost 0-2", False), ("won 2-0", "won 2-1", True)])
def test_match_scores(a: str, b: str, clash: bool) -> None:
    qa, qb = q(a), q(b)
    assert qa.dimension == qb.dimension == "score"
    assert conflict(qa, qb) is clash and conflict(qb, qa) is clash


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [("ruled 2-1", "split two to one", False), ("passed by a vote of 7 to 4", "approved seven votes to four", False),
     ("passed by a vote of 7 to 4", "passed 7-3", True), ("won by three goals to one", "won 3-1", False)],
)
def test_votes_and_scores_in_words(a: str, b: str, clash: bool) -> None:
    qa, qb = q(a), q(b)
    assert qa.dimension == qb.dimension == "score"
    assert conflict(qa, qb) is clash


@pytest.mark.parametrize("text", ["sessions of 3 to 5 days", "prices fell from 7 to 4 percent", "rose from nine to four"])
def test_a_range_or_a_change_is_no_score(text: str) -> None:
    assert all(f.quantity.dimension != "score" for f in find_quantities(text))


SAME_IN_OTHER_UNITS = [("a 5 km run", "a 3.1 miles run"), ("120 mph", "193 km/h"), ("30 °C", "86 °F"), ("400 mg", "0.4 g"), ("2 kilograms", "4.4 lbs")]


@pytest.mark.parametrize(("a", "b"), SAME_IN_OTHER_UNITS)
def test_equal_values_in_other_units_agree(a: str, b: str) -> None:
    qa, qb = q(a), q(b)
    assert comparable(qa, qb)
    assert not conflict(qa, qb) and not conflict(qb, qa)


@pytest.mark.parametrize(("a", "b"), [("a 5 km run", "a 5 miles run"), ("120 mph", "120 km/h"), ("5.0 km", "5.4 km"), ("310 km", "240 km")])
def test_other_values_in_units_conflict(a: str, b: str) -> None:
    qa, qb = q(a), q(b)
    assert comparable(qa, qb)
    assert conflict(qa, qb) and conflict(qb, qa)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The trial enrolled more than 100 patients.", 100, math.inf),
        ("The trial enrolled at least 100 patients.", 100, math.inf),
        ("It helps up to 20 percent of patients.", 0, 20),
        ("The solvent leaked for six years or more.", 6, math.inf),
        ("Upward of 100 patients took part.", 100, math.inf),
        ("It helps less than 20 percent of patients.", 0, 20),
        ("Fewer than 100 patients took part.", 0, 100),
    ],
)
def test_bounding_approximators_open_the_interval(text: str, low: float, high: float) -> None:
    """"more than 100" is not "100": the bound word belongs to the quantity and opens one side."""
    found = only(text)
    assert (found.quantity.low, found.quantity.high, found.quantity.approximate) == (low, high, True)
    assert text[found.start : found.end] == found.quantity.text
    assert found.quantity.text.split()[0].lower() in {"more", "at", "up", "less", "fewer", "six", "upward"}


@pytest.mark.parametrize(
    "text",
    [
        "The FDA approved Botox in 2002 and a session costs $400 to $600, about 30% more than in 1990.",
        "Take 400 mg (0.4 g) of magnesium, or 600 IU of vitamin D, for a decade or two.",
        "In the 1990s a dozen studies found that three to four sessions cost around £500.",
        "  Leading spaces, 50 per cent of 1,200 patients and twenty years later.  ",
    ],
)
def test_spans_point_at_the_quantity_text_in_order(text: str) -> None:
    found = find_quantities(text)
    assert found, text
    for f in found:
        assert text[f.start : f.end] == f.quantity.text
        assert f.quantity.text == f.quantity.text.strip()
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "spans overlap"


@pytest.mark.parametrize(
    "text",
    [
        "A doctor gave an injection.",  # articles are not counts
        "One of the doctors agreed.",
        "There is no number in this sentence at all.",
    ],
)
def test_no_quantity_in_plain_words(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("6,000", 6000), ("1.5 million", 1_500_000), ("twenty-five", 25), ("a dozen", 12), ("three", 3), ("2 thousand", 2000)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "lots", "many thousand"])
def test_parse_number_refuses_words_that_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


# -- comparing two quantities ----------------------------------------------------------------

CONFLICTS = [
    ("about $50", "around $500"),
    ("$50", "$55"),
    ("600 IU", "6,000 international units"),
    ("30%", "50 per cent"),
    ("in 1989", "in 2015"),
    ("in 1989", "in the 1990s"),  # 1989 is not in the 1990s
    ("in the 1970s", "in 2015"),
    ("a decade", "twenty years"),
    ("about 5 years", "a decade"),
    ("three to four sessions", "ten sessions"),
    ("more than 100 patients", "50 patients"),
    ("up to 20 percent", "60 percent"),
]

AGREEMENTS = [
    ("$500", "around $500"),
    ("$500", "500 dollars"),
    ("between $300 and $600", "about $500"),
    ("400 mg", "400 milligrams"),
    ("400 mg", "0.4 g"),
    ("400 milligrams", "0.4 g"),
    ("30%", "30 percent"),
    ("in 1995", "in the 1990s"),
    ("a decade or two", "twenty years"),
    ("twenty years", "two decades"),
    ("three to four sessions", "four sessions"),
    ("a dozen studies", "twelve studies"),
    ("more than 100 patients", "150 patients"),
    ("up to 20 percent", "10 percent"),
]


@pytest.mark.parametrize(("a", "b"), CONFLICTS)
def test_conflict(a: str, b: str) -> None:
    qa, qb = q(a), q(b)
    assert comparable(qa, qb)
    assert conflict(qa, qb) and conflict(qb, qa)


@pytest.mark.parametrize(("a", "b"), AGREEMENTS)
def test_no_conflict(a: str, b: str) -> None:
    qa, qb = q(a), q(b)
    assert comparable(qa, qb)
    assert not conflict(qa, qb) and not conflict(qb, qa)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$500", "£500"),  # currency mismatch
        ("$500", "500 euros"),
        ("£500", "€500"),
        ("400 mg", "400 IU"),  # mass vs dose
        ("30%", "30 patients"),
        ("a dozen studies", "twelve patients"),  # counts of different things
    ],
)
def test_not_comparable_never_conflicts(a: str, b: str) -> None:
    qa, qb = q(a), q(b)
    assert not comparable(qa, qb) and not comparable(qb, qa)
    assert not conflict(qa, qb) and not conflict(qb, qa)


def test_bare_numbers_are_not_comparable() -> None:
    """Two unitless numbers say nothing about the same quantity."""
    qa, qb = q("It scored 5 on the scale."), q("It scored 50 on the scale.")
    assert qa.dimension == qb.dimension == "number"
    assert not comparable(qa, qb) and not conflict(qa, qb)


@pytest.mark.parametrize(("text", "rank"), [("The film entered the chart in second place.", 2.0),
                                             ("It ended up in 3rd position.", 3.0)])
def test_a_rank_in_a_table_is_a_quantity(text: str, rank: float) -> None:
    found = q(text)
    assert (found.dimension, found.low, found.unit) == ("rank", rank, "place")


def test_an_ordinal_alone_is_no_rank() -> None:
    assert find_quantities("It was the second time the club had won.") == []


@pytest.mark.parametrize(("text", "unit", "dimension"), [("She clocked 7.96 seconds.", "second", "duration_second"),
                                                          ("It has a 1.4ghz chip.", "Hz", "frequency"),
                                                          ("It has a 40GB drive.", "byte", "data")])
def test_units_of_time_frequency_and_data_are_no_counted_nouns(text: str, unit: str, dimension: str) -> None:
    found = q(text)
    assert (found.unit, found.dimension) == (unit, dimension)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Two hundred and twelve household wells tested positive.", 212.0, "well"),
    ("Roughly one and a half million Kelmont dehumidifiers are affected.", 1.5e6, "dehumidifier"),
    ("The class includes about 3,200 Millbrook households.", 3200.0, "household"),
])
def test_number_words_make_one_number_and_a_count_names_its_noun(text: str, value: float, unit: str) -> None:
    found = q(text)
    assert (found.low, found.unit) == (value, unit)


def test_two_number_words_joined_by_and_are_still_a_range() -> None:
    found = q("It takes between five and ten days.")
    assert (found.low, found.high) == (5.0, 10.0)


@pytest.mark.parametrize(("text", "values"), [
    ("Brent crude rose, adding $1.89 to $48.62 a barrel.", [(1.89, 1.89), (48.62, 48.62)]),
    ("Unemployment rose from 5% to 7% last year.", [(5.0, 5.0), (7.0, 7.0)]),
    ("It takes 5 to 7 years to recover.", [(5.0, 7.0)]),
])
def test_a_change_from_one_figure_to_another_is_two_figures_not_a_range(text: str, values: list) -> None:
    assert [(f.quantity.low, f.quantity.high) for f in find_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "share", "bound"),
    [("One in five adults smoke.", 20.0, ""), ("Nine out of every ten doctors agree.", 90.0, ""),
     ("More than six in ten eligible voters cast ballots.", 60.0, "min"), ("About 3 in 4 residents oppose it.", 75.0, "")],
)
def test_a_share_in_words_is_a_percentage(text: str, share: float, bound: str) -> None:
    (found,) = [f.quantity for f in find_quantities(text)]
    assert (found.low, found.unit, found.dimension, found.bound) == (share, "percent", "ratio", bound)


@pytest.mark.parametrize("text", ["He scored 9 in 2010.", "The bus crashed on Route 9 in Carrick.", "They won 2 in 3 games."])
def test_numbers_beside_in_are_no_share(text: str) -> None:
    assert all(f.quantity.dimension != "ratio" for f in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "share", "bound"),
    [("Two-thirds of the members voted for the plan.", 66.67, ""), ("A third of voters stayed at home.", 33.33, ""),
     ("More than half of the residents left.", 50.0, "min"), ("Three quarters of staff agreed.", 75.0, ""),
     ("Bills climbed by nearly a fifth this spring.", 20.0, ""), ("Prices were cut by half.", 50.0, "")],
)
def test_a_fraction_of_a_whole_is_a_percentage(text: str, share: float, bound: str) -> None:
    (found,) = [f.quantity for f in find_quantities(text)]
    assert (found.low, found.unit, found.dimension, found.bound) == (share, "percent", "ratio", bound)


@pytest.mark.parametrize(
    "text",
    ["Profits rose in the first half of the year.", "The film opens on the third of May.", "They won by half a length.",
     "Sales grew in the third quarter of 2004.", "The match turned in the second half.",
     "The bank cut interest rates by a quarter of a percentage point."],
)
def test_a_period_or_an_ordinal_is_no_share(text: str) -> None:
    assert all(f.quantity.dimension != "ratio" for f in find_quantities(text))
