"""Record ids name the fact, not where it was read (issue 16, item 9)."""

from __future__ import annotations

import pytest

from vjties.diff import diff_datasets
from vjties.extract import extract_text
from vjties.ids import date_id, event_id, figure_id, id_part, numbered, without_ordinal


def test_numbered_adds_an_ordinal_only_where_needed() -> None:
    taken: set[str] = set()
    assert [numbered("d/date/2023", taken) for _ in range(3)] == [
        "d/date/2023",
        "d/date/2023#2",
        "d/date/2023#3",
    ]
    assert numbered("d/date/2024", taken) == "d/date/2024"
    assert without_ordinal("d/date/2023#3") == "d/date/2023"
    assert without_ordinal("d/date/2023") == "d/date/2023"


@pytest.mark.parametrize(
    ("value", "end", "text", "expected"),
    [
        ("2024-10-01", None, "October 1", "d/date/2024-10-01"),
        ("2024-10-01", "2024-10-03", "October 1-3", "d/date/2024-10-01/2024-10-03"),
        ("--07-01", None, "July 1", "d/date/--07-01"),
        ("FY2024", None, "fiscal year 2024", "d/date/fy2024"),
        (None, None, "next month", "d/date/next-month"),
        (None, None, "…", "d/date/date"),
    ],
)
def test_a_date_is_named_by_its_value(
    value: str | None, end: str | None, text: str, expected: str
) -> None:
    assert date_id("d", value, end, text) == expected


def test_a_figure_is_named_by_metric_unit_places_and_period() -> None:
    assert (
        figure_id("d", "investment_capital", "USD", ["vn/hoa-binh", "JP"], "2023")
        == "d/figure/investment_capital~usd~jp+vn/hoa-binh~2023"
    )
    # Empty parts are left out; the places are sorted, whatever order the text gives them in.
    assert figure_id("d", "trade", "percent") == "d/figure/trade~percent"
    assert figure_id("d", "oda", "JPY", ["vn/hue", "jp/nara"]) == figure_id(
        "d", "oda", "JPY", ["jp/nara", "vn/hue"]
    )


def test_an_event_is_named_by_its_name_or_kind_and_date() -> None:
    assert event_id("d", "signing", "2024-10-01") == "d/event/signing-2024-10-01"
    assert event_id("d", "Meet Japan 2023", None) == "d/event/meet-japan-2023"
    assert event_id("d", "working_session", None) == "d/event/working-session"


def test_id_parts_hold_no_separator_of_their_own() -> None:
    assert id_part("Hello World#2~x") == "hello-world-2-x"


ARTICLE = (
    "Hoa Binh, Japan's Shimane sign cooperation deal\n\n"
    "Hoa Binh (VNA) - Hoa Binh province and Shimane prefecture signed a memorandum of "
    "understanding on October 1, 2024. Japanese firms have invested 45 million USD in "
    "Hoa Binh in 2023.\n"
)


def test_text_inserted_before_the_facts_leaves_every_id_in_place() -> None:
    before = extract_text(ARTICLE, "hb")
    edited = ARTICLE.replace("\n\n", "\n\nPhoto caption: a view of the province.\n\n", 1)
    after = extract_text(edited, "hb")
    assert before.dates and before.figures
    for field in ("dates", "figures", "events"):
        assert [r.id for r in getattr(before, field)] == [r.id for r in getattr(after, field)]
    result = diff_datasets(before, after, ignore_evidence=True)
    assert not result.added and not result.removed
    # Only the document (its hash) changed; every fact only moved.
    assert [c.type for c in result.changed] == ["document"]


def test_a_corrected_number_is_one_figure_changed() -> None:
    before = extract_text(ARTICLE, "hb")
    after = extract_text(ARTICLE.replace("45 million", "54 million"), "hb")
    result = diff_datasets(before, after)
    assert not result.added and not result.removed
    (figure,) = [c for c in result.changed if c.type == "figure"]
    assert figure.id == "hb/figure/investment_capital~usd~jp+vn/hoa-binh~2023"
    values = {c.path: (c.old, c.new) for c in figure.changes}
    assert values["value"] == (45_000_000, 54_000_000)
