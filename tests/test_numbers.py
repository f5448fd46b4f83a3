from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vjties.dataset import dataset_json
from vjties.extract import extract_text
from vjties.numbers import MAX_DIGITS, Amount, parse_amount, parse_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.2 billion USD", 1_200_000_000, "USD"),
        ("USD 300 million", 300_000_000, "USD"),
        ("US$4.5 billion", 4_500_000_000, "USD"),
        ("US $4.5 billion", 4_500_000_000, "USD"),
        ("$15 million", 15_000_000, "USD"),
        ("VND 2 trillion", 2_000_000_000_000, "VND"),
        ("VND2 trillion", 2_000_000_000_000, "VND"),
        ("5 billion yen", 5_000_000_000, "JPY"),
        ("JPY 800 million", 800_000_000, "JPY"),
        ("48.18 billion USD", 48_180_000_000, "USD"),
        ("¥500 million", 500_000_000, "JPY"),
        ("€3.5 million", 3_500_000, "EUR"),
        ("2 trillion dong", 2_000_000_000_000, "VND"),
        ("7 million US dollars", 7_000_000, "USD"),
        ("US$1.2bn", 1_200_000_000, "USD"),
        ("$1.2-billion", 1_200_000_000, "USD"),
        ("$3m", 3_000_000, "USD"),
        ("5 bn USD", 5_000_000_000, "USD"),
        ("1.5tn VND", 1_500_000_000_000, "VND"),
        ("6 mln USD", 6_000_000, "USD"),
        ("23.5%", 23.5, "percent"),
        ("23.5 percent", 23.5, "percent"),
        ("8 per cent", 8, "percent"),
        ("630,000", 630_000, None),
        ("1,234,567.5", 1_234_567.5, None),
        ("1.234.567", 1_234_567, None),
        ("four", 4, None),
        ("seven", 7, None),
        ("twenty-five", 25, None),
        ("forty two", 42, None),
        ("a dozen", 12, None),
        ("three hundred", 300, None),
        ("two million", 2_000_000, None),
        ("a million", 1_000_000, None),
        ("1.5 million", 1_500_000, None),
    ],
)
def test_amounts_normalize_to_absolute_values(text: str, value: float, unit: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == value
    assert type(amount.value) is type(value)
    assert amount.unit == unit
    assert amount.qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 1 billion USD", "more_than"),
        ("over 200", "more_than"),
        ("exceeds 630,000", "more_than"),
        ("above 5%", "more_than"),
        ("100,000-plus", "more_than"),
        ("100,000 plus", "more_than"),
        ("about 60,000", "about"),
        ("around 23 billion USD", "about"),
        ("roughly 25%", "about"),
        ("nearly 3,000", "about"),
        ("approximately 40", "about"),
        ("some 400", "about"),
        ("at least 12", "at_least"),
        ("500 or more", "at_least"),
        ("500  or  more", "at_least"),
        ("100,000-plus", "more_than"),
        ("100,000 - plus", "more_than"),
        ("100,000+", "more_than"),
        ("up to 90 percent", "up_to"),
        ("less than 10%", "less_than"),
        ("under 2 million", "less_than"),
        ("fewer than 50", "less_than"),
    ],
)
def test_qualifiers_come_from_the_wording(text: str, qualifier: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2-3 billion USD", Amount(2_000_000_000, 3_000_000_000, "USD", "range")),
        ("2–3 billion USD", Amount(2_000_000_000, 3_000_000_000, "USD", "range")),
        ("USD 2-3 billion", Amount(2_000_000_000, 3_000_000_000, "USD", "range")),
        ("between 100 and 200", Amount(100, 200, None, "range")),
        ("from 5 to 7 percent", Amount(5, 7, "percent", "range")),
        ("5%-7%", Amount(5, 7, "percent", "range")),
        ("500 million to 1 billion USD", Amount(500_000_000, 1_000_000_000, "USD", "range")),
        ("2,000-3,000", Amount(2_000, 3_000, None, "range")),
    ],
)
def test_ranges_give_value_and_value_max(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dozens of", 24),
        ("hundreds of", 200),
        ("thousands of", 2_000),
        ("tens of thousands of", 20_000),
        ("hundreds of thousands of", 200_000),
    ],
)
def test_vague_plurals_are_the_least_they_can_mean(text: str, value: int) -> None:
    amount = parse_amount(text)
    assert amount == Amount(value, None, None, "at_least", vague=True)


@pytest.mark.parametrize(
    "text",
    ["", "USD", "billion", "the", "between 100", "from 3 to 2", "100 and 200", "1 USD to 2 JPY",
     "a", "one of", "98/2023"],
)  # fmt: skip
def test_non_quantities_are_refused(text: str) -> None:
    assert parse_amount(text) is None


def test_parse_number_reads_plain_numbers_only() -> None:
    assert parse_number("630,000") == 630_000
    assert parse_number("twelve") == 12
    assert parse_number("5 USD") is None
    assert parse_number("2-3") is None


# --- round trip: format a number in every supported style and read it back -------------

_MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ABBREVIATIONS = {"m": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12}
_WORDS = {4: "four", 7: "seven", 12: "twelve", 19: "nineteen", 25: "twenty-five", 90: "ninety"}


def _grouped(number: int) -> str:
    return f"{number:,}"


def _decimal_text(mantissa: Decimal) -> str:
    return format(mantissa.normalize(), "f")


amounts = st.integers(min_value=0, max_value=10**7)
mantissas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)


@st.composite
def formatted(draw: st.DrawFn) -> tuple[str, Decimal, str | None]:
    """(text, exact value, unit) in one of the styles news uses."""
    style = draw(st.sampled_from(["plain", "grouped", "magnitude", "abbr", "word", "percent"]))
    unit = draw(st.sampled_from([None, "USD", "JPY", "VND"]))
    if style == "plain":
        number = draw(amounts)
        text, value = str(number), Decimal(number)
    elif style == "grouped":
        number = draw(amounts)
        text, value = _grouped(number), Decimal(number)
    elif style == "magnitude":
        mantissa, word = draw(mantissas), draw(st.sampled_from(sorted(_MAGNITUDES)))
        text, value = f"{_decimal_text(mantissa)} {word}", mantissa * _MAGNITUDES[word]
    elif style == "abbr":
        mantissa, word = draw(mantissas), draw(st.sampled_from(sorted(_ABBREVIATIONS)))
        glue = draw(st.sampled_from(["", " "]))
        text, value = f"{_decimal_text(mantissa)}{glue}{word}", mantissa * _ABBREVIATIONS[word]
        unit = unit or "USD"  # abbreviations only mean a magnitude in money
    elif style == "word":
        number = draw(st.sampled_from(sorted(_WORDS)))
        text, value, unit = _WORDS[number], Decimal(number), None
    else:
        mantissa = draw(mantissas)
        sign = draw(st.sampled_from(["%", " percent", " per cent"]))
        return f"{_decimal_text(mantissa)}{sign}", mantissa, "percent"
    if unit is not None:
        text = draw(
            st.sampled_from(
                {
                    "USD": [f"{text} USD", f"USD {text}", f"US${text}", f"${text}"],
                    "JPY": [f"{text} yen", f"JPY {text}", f"¥{text}"],
                    "VND": [f"{text} VND", f"VND {text}", f"{text} dong"],
                }[unit]
            )
        )
    return text, value, unit


@given(formatted())
def test_formatting_then_parsing_gives_the_same_value(
    case: tuple[str, Decimal, str | None],
) -> None:
    text, value, unit = case
    amount = parse_amount(text)
    assert amount is not None, text
    assert Decimal(str(amount.value)) == value, text
    assert isinstance(amount.value, int) == (value == value.to_integral_value())
    assert amount.unit == unit


# Issue 14, rows 5 and 10: runs of digits too long to be a figure.


@pytest.mark.parametrize(
    "text",
    ["9" * 25, "USD " + "9" * 5_000, "1," + ",".join(["000"] * 9) + " yen", "0." + "0" * 30 + "1"],
)
def test_numbers_of_more_than_max_digits_are_not_figures(text: str) -> None:
    assert parse_amount(text) is None


def test_the_longest_number_read_has_max_digits() -> None:
    assert MAX_DIGITS == 24
    assert parse_amount("VND " + "9" * 24) == Amount(value=int("9" * 24), unit="VND")


def test_a_megabyte_of_digits_is_refused_without_converting_it() -> None:
    # Converting it was quadratic: 28 s for 1 MB. Counting digits is linear.
    assert parse_amount("USD " + "7" * 1_000_000 + " million") is None


def test_an_article_with_a_huge_number_keeps_its_other_figures() -> None:
    text = (
        "Japan invested USD " + "9" * 5_000 + " in Da Nang.\n"
        "Japanese firms invested USD 300 million in Da Nang last year.\n"
    )
    dataset = extract_text(text, "huge")
    assert [f.value for f in dataset.figures] == [300_000_000]
    assert dataset_json(dataset)  # and it can be written
