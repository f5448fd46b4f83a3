from __future__ import annotations

from datetime import date

import pytest

from vjties.temporal import (
    anniversary_year,
    latest_weekday,
    parse_expression,
    parse_published,
    resolve,
    year_for_month_day,
)

PUBLISHED = date(2024, 8, 24)  # a Saturday


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("July 1, 2023", "2023-07-01", None),
        ("July 1 2023", "2023-07-01", None),
        ("Jul. 1st, 2023", "2023-07-01", None),
        ("1 July 2023", "2023-07-01", None),
        ("1st of July, 2023", "2023-07-01", None),
        ("Monday, July 3, 2023", "2023-07-03", None),
        ("2023/03/08", "2023-03-08", None),
        ("2023-03-08", "2023-03-08", None),
        ("08/03/2023", "2023-03-08", None),  # Vietnamese outlets: day first
        ("3/25/2024", "2024-03-25", None),  # a month-first date when the day gives it away
        ("December 2014", "2014-12", None),
        ("Dec. 2014", "2014-12", None),
        ("2008", "2008", None),
        ("mid-2024", "2024", None),
        ("fiscal year 2024", "FY2024", None),
        ("fiscal 2023", "FY2023", None),
        ("FY2024", "FY2024", None),
        ("FY 2022", "FY2022", None),
        ("the 2024 fiscal year", "FY2024", None),
        ("2009-2024", "2009", "2024"),
        ("2014–24", "2014", "2024"),
        ("from 2009 to 2024", "2009", "2024"),
        ("between 2020 and 2025", "2020", "2025"),
        ("from March 2022 to January 2026", "2022-03", "2026-01"),
        ("November 16-22, 2024", "2024-11-16", "2024-11-22"),
        ("6-9 March 2024", "2024-03-06", "2024-03-09"),
        ("December 30, 2024 - January 2, 2025", "2024-12-30", "2025-01-02"),
    ],
)
def test_stated_forms_need_no_publication_date(text: str, value: str, end: str | None) -> None:
    parsed = parse_expression(text)
    assert parsed is not None
    resolution = resolve(parsed, None)
    assert (resolution.value, resolution.end, resolution.how) == (value, end, "stated")


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("July 1", "2024-07-01", None),
        ("1 July", "2024-07-01", None),
        ("Aug. 24", "2024-08-24", None),  # the day of publication is not in the future
        ("August 25", "2023-08-25", None),  # a day after publication: the year before
        ("December 28", "2023-12-28", None),
        ("from April 6 to 16", "2024-04-06", "2024-04-16"),
        ("November 16 – 22", "2023-11-16", "2023-11-22"),
        ("December 28 to January 3", "2023-12-28", "2024-01-03"),
        ("today [August 23]", "2024-08-23", None),
        ("Thursday", "2024-08-22", None),
        ("Saturday", "2024-08-24", None),  # on or before publication
        ("Sunday", "2024-08-18", None),
        ("today", "2024-08-24", None),
        ("yesterday", "2024-08-23", None),
        ("this week", "2024-W34", None),
        ("last week", "2024-W33", None),
        ("earlier this month", "2024-08", None),
        ("last month", "2024-07", None),
        ("this year", "2024", None),
        ("last year", "2023", None),
        ("next year", "2025", None),
        ("between now and 2030", "2024-08-24", "2030"),
    ],
)
def test_resolution_against_the_publication_date(text: str, value: str, end: str | None) -> None:
    parsed = parse_expression(text)
    assert parsed is not None
    resolution = resolve(parsed, PUBLISHED)
    assert (resolution.value, resolution.end, resolution.how) == (
        value,
        end,
        "from_publication_date",
    )


def test_year_rollover_in_january() -> None:
    assert year_for_month_day(12, 28, date(2025, 1, 10)) == 2024
    assert year_for_month_day(1, 9, date(2025, 1, 10)) == 2025
    parsed = parse_expression("December 28")
    assert parsed is not None
    assert resolve(parsed, date(2025, 1, 10)).value == "2024-12-28"


def test_february_29_in_a_non_leap_publication_year() -> None:
    assert year_for_month_day(2, 29, date(2025, 3, 1)) == 2024


def test_what_will_happen_resolves_forward() -> None:
    parsed = parse_expression("from April 6 to 16")
    assert parsed is not None
    resolution = resolve(parsed, date(2025, 1, 10), future=True)
    assert (resolution.value, resolution.end) == ("2025-04-06", "2025-04-16")
    weekday = parse_expression("Monday")
    assert weekday is not None
    assert resolve(weekday, date(2024, 3, 7), future=True).value == "2024-03-11"


def test_latest_weekday_on_or_before_publication() -> None:
    assert latest_weekday(0, date(2024, 3, 7)) == date(2024, 3, 4)  # Thursday -> Monday
    assert latest_weekday(3, date(2024, 3, 7)) == date(2024, 3, 7)


@pytest.mark.parametrize(
    ("text", "value"),
    [("July 1", "--07-01"), ("1 July", "--07-01"), ("November 3", "--11-03")],
)
def test_without_publication_date_the_year_is_unknown(text: str, value: str) -> None:
    parsed = parse_expression(text)
    assert parsed is not None
    resolution = resolve(parsed, None)
    assert (resolution.value, resolution.how) == (value, "stated")


@pytest.mark.parametrize("text", ["Thursday", "today", "this week", "last year", "the same day"])
def test_relative_phrases_without_publication_date_are_unresolved(text: str) -> None:
    parsed = parse_expression(text)
    assert parsed is not None
    assert resolve(parsed, None).value is None


def test_a_year_the_text_fixes_is_inferred() -> None:
    parsed = parse_expression("from April 6 to 16")
    assert parsed is not None
    resolution = resolve(parsed, None, year_hint=2019)
    assert (resolution.value, resolution.end, resolution.how) == (
        "2019-04-06",
        "2019-04-16",
        "inferred",
    )


def test_publication_date_wins_over_a_hint() -> None:
    parsed = parse_expression("May 5")
    assert parsed is not None
    assert resolve(parsed, PUBLISHED, year_hint=2019).value == "2024-05-05"


def test_the_same_day_takes_the_day_mentioned_before() -> None:
    parsed = parse_expression("the same day")
    assert parsed is not None
    resolution = resolve(parsed, None, anchor="2022-10-14")
    assert (resolution.value, resolution.how) == ("2022-10-14", "inferred")
    following = parse_expression("the following day")
    assert following is not None
    assert resolve(following, None, anchor="2022-10-14").value == "2022-10-15"


def test_between_now_and_a_year_without_publication_keeps_the_end() -> None:
    parsed = parse_expression("between now and 2030")
    assert parsed is not None
    resolution = resolve(parsed, None)
    assert (resolution.value, resolution.end) == (None, "2030")


@pytest.mark.parametrize(
    "text", ["February 30", "13/13/2024", "April 16 to 6", "2024-2019", "Juneteenth", "31 June"]
)
def test_impossible_or_foreign_phrases_do_not_parse(text: str) -> None:
    assert parse_expression(text) is None


def test_parse_published_accepts_a_timestamp() -> None:
    assert parse_published("2024-08-24T09:12:00+07:00") == date(2024, 8, 24)
    assert parse_published("yesterday") is None
    assert parse_published(None) is None


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("It marked the 50th anniversary of diplomatic relations between the two nations.", 2023),
        ("as part of the fortieth anniversary of Vietnam-Japan diplomatic relations", 2013),
        ("to mark the 45th anniversary of the establishment of bilateral relations", 2018),
        ("the 10th anniversary of friendship relations between the two provinces", None),
        ("the 20th anniversary of the university", None),
    ],
)
def test_anniversary_of_a_known_start(sentence: str, year: int | None) -> None:
    document = f"Vietnam and Japan. {sentence}"
    assert anniversary_year(sentence, document) == year


def test_anniversary_needs_both_countries_in_the_document() -> None:
    sentence = "the 50th anniversary of diplomatic relations"
    assert anniversary_year(sentence, "France and Vietnam: " + sentence) is None


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("to celebrate the 15th anniversary of twinning ties (2009-2024)", 2024),
        ("marking the fifth anniversary of the partnership (2019–2024) with a gala", 2024),
        ("the 25th anniversary of cooperation set up in 1999", 2024),
        ("the 20th anniversary of friendship relations established in May 2004", 2024),
        ("the 12th anniversary of exchanges between the two cities since 2012", 2024),
        # the span is not the anniversary's: five years are not 2019-2025
        ("the fifth anniversary of the partnership (2019-2025)", None),
        # `in 2024` says when the anniversary is held, not when the ties began
        ("the 30th anniversary of the ties in 2024", None),
    ],
)
def test_an_anniversary_with_its_own_span_or_start(sentence: str, year: int | None) -> None:
    assert anniversary_year(sentence, sentence) == year
