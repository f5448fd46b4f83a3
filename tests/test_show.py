from __future__ import annotations

import io

import pytest
from rich.console import Console

from factories import evidence, partnership
from vjties.models import (
    Dataset,
    Document,
    Event,
    Figure,
    Locality,
    Official,
    Organization,
    Role,
)
from vjties.show import (
    TABLES,
    documents_of,
    figure_value,
    render_tables,
)


def fukui_dataset() -> Dataset:
    return Dataset(
        documents=[
            Document(id="n1", path="n1.txt", sha256="1" * 64, title="Fukui firms eye Quang Ngai"),
            Document(id="n2", path="n2.txt", sha256="2" * 64, published="2023-05-19", source="VNS"),
        ],
        localities=[
            Locality(
                id="jp/fukui",
                name="Fukui",
                country="JP",
                kind="prefecture",
                mentions=[
                    evidence("Fukui", 0, "n1"),
                    evidence("Fukui", 10, "n2"),
                    evidence("Fukui", 80, "n2"),
                ],
            ),
            Locality(
                id="vn/quang-ngai",
                name="Quang Ngai",
                country="VN",
                kind="province",
                mentions=[evidence("Quang Ngai", 20, "n1")],
                organization_mentions=[evidence("Quang Ngai", 200, "n1")],
            ),
        ],
        organizations=[
            Organization(
                id="org/quang-ngai-people-s-committee",
                name="Quang Ngai People's Committee",
                kind="people_committee",
                locality="vn/quang-ngai",
            )
        ],
        officials=[
            Official(
                id="person/dang-thi-mai",
                name="Dang Thi Mai",
                title="Vice Chairwoman",
                organization="org/quang-ngai-people-s-committee",
                roles=[
                    Role(title="Vice Chairwoman", organization="org/quang-ngai-people-s-committee"),
                    Role(title="Head of the Provincial Delegation"),
                ],
                mentions=[evidence("Dang Thi Mai", 150, "n1")],
            )
        ],
        partnerships=[
            partnership(
                ["jp/fukui", "vn/quang-ngai"],
                "letter_of_intent",
                status="proposed",
                evidence=[evidence("hope to sign a letter of intent", 60, "n2")],
            )
        ],
        figures=[
            Figure(
                id="n1/figure/enterprises-1",
                text="40 to 50 firms",
                value=40,
                value_max=50,
                unit="enterprise",
                qualifier="range",
                metric="enterprises",
                localities=["jp/fukui"],
                evidence=evidence("40 to 50 firms", 40, "n1"),
            ),
            Figure(
                id="n2/figure/trade-1",
                text="1.25 billion USD",
                value=1.25e9,
                unit="USD",
                qualifier="more_than",
                metric="trade",
                period="2022",
                countries=["VN", "JP"],
                evidence=evidence("1.25 billion USD", 100, "n2"),
            ),
        ],
        events=[
            Event(
                id="n2/event/forum-1",
                kind="forum",
                name="Fukui Business Forum",
                date="2023-05-18",
                evidence=evidence("forum", 30, "n2"),
            ),
            Event(
                id="n1/event/reception-1",
                kind="reception",
                date="2022-11-02",
                locality="vn/quang-ngai",
                participants=["person/dang-thi-mai"],
                evidence=evidence("received", 140, "n1"),
            ),
            Event(id="n1/event/visit-1", kind="visit", evidence=evidence("visit", 300, "n1")),
        ],
    )


def rendered(names: list[str], terminal: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=terminal, color_system=None)
    render_tables(fukui_dataset(), console, names)
    return out.getvalue()


def rows(table_name: str) -> list[list[str]]:
    return TABLES[table_name](fukui_dataset()).rows


def test_documents_summary_counts_facts_per_document() -> None:
    assert rows("documents") == [
        ["n1", "Fukui firms eye Quang Ngai", "", "", "2", "1", "", "1", "", "2"],
        ["n2", "", "2023-05-19", "VNS", "1", "", "1", "1", "", "1"],
    ]


def test_localities_with_mention_counts_most_mentioned_first() -> None:
    assert rows("localities") == [
        ["jp/fukui", "Fukui", "prefecture", "JP", "", "3", "", "2"],
        ["vn/quang-ngai", "Quang Ngai", "province", "VN", "", "1", "1", "1"],
    ]


def test_partnerships_name_both_parties() -> None:
    assert rows("partnerships") == [
        ["Fukui", "Quang Ngai", "letter_of_intent", "proposed", "", "1"],
    ]


def test_figures_with_qualifier_unit_metric_period_and_places() -> None:
    assert rows("figures") == [
        ["40-50", "enterprise", "enterprises", "", "Fukui", "n1"],
        ["more than 1,250,000,000", "USD", "trade", "2022", "VN, JP", "n2"],
    ]


def test_events_by_date_undated_last() -> None:
    assert [r[:4] for r in rows("events")] == [
        ["2022-11-02", "reception", "", "Quang Ngai"],
        ["2023-05-18", "forum", "Fukui Business Forum", ""],
        ["", "visit", "", ""],
    ]
    assert rows("events")[0][4] == "Dang Thi Mai"


def test_officials_with_titles_and_organization_names() -> None:
    assert rows("officials") == [
        [
            "Dang Thi Mai",
            "Vice Chairwoman",
            "Quang Ngai People's Committee",
            "",
            "Head of the Provincial Delegation",
            "1",
        ]
    ]


@pytest.mark.parametrize(
    ("value", "value_max", "qualifier", "shown"),
    [
        (4000, None, "about", "about 4,000"),
        (2.5, None, "exact", "2.5"),
        (3.0e6, None, "up_to", "up to 3,000,000"),
        (10, 12, "range", "10-12"),
    ],
)
def test_figure_value(value: float, value_max: float | None, qualifier: str, shown: str) -> None:
    figure = Figure.model_validate(
        {
            "id": "d/figure/x",
            "text": "x",
            "value": value,
            "value_max": value_max,
            "unit": "person",
            "qualifier": qualifier,
            "metric": "community",
            "evidence": evidence("x", 0, "d").model_dump(),
        }
    )
    assert figure_value(figure) == shown


def test_documents_of_collects_nested_evidence() -> None:
    assert documents_of(fukui_dataset().localities[0]) == {"n1", "n2"}


def test_plain_tables_when_not_a_terminal() -> None:
    text = rendered(["partnerships", "officials"])
    assert "\x1b[" not in text
    assert not set("│┃╭┏") & set(text)
    assert "Fukui" in text and "Dang Thi Mai" in text


def test_boxed_tables_on_a_terminal() -> None:
    assert set("│┃╭┏") & set(rendered(["partnerships"], terminal=True))


def test_empty_table_is_one_line() -> None:
    out = io.StringIO()
    render_tables(Dataset(), Console(file=out, width=100), ["figures"])
    assert out.getvalue() == "figures: none\n\n"


def test_timeline_lists_dated_events_with_the_ties_they_made_and_undated_last() -> None:
    dataset = fukui_dataset()
    tie = partnership(
        ["jp/fukui", "vn/quang-ngai"],
        "mou",
        established="2019",
        events=["n1/event/signing-2019"],
        evidence=[evidence("signed an MoU in 2019", 10, "n1")],
    )
    since = partnership(
        ["jp/fukui", "vn/quang-ngai"],
        "cooperation",
        established="--04",
        evidence=[evidence("cooperated since April", 20, "n1")],
    )
    signing = Event(
        id="n1/event/signing-2019",
        kind="signing",
        date="2019",
        parties=["jp/fukui", "vn/quang-ngai"],
        partnerships=[tie.id],
        evidence=evidence("signed", 10, "n1"),
    )
    dataset = dataset.model_copy(
        update={
            "partnerships": [*dataset.partnerships, tie, since],
            "events": [*dataset.events, signing],
        }
    )
    assert TABLES["timeline"](dataset).rows == [
        ["2019", "signing", "", "Fukui, Quang Ngai", "Fukui ~ Quang Ngai (mou)"],
        ["2022-11-02", "reception", "Quang Ngai", "", ""],
        ["2023-05-18", "forum", "", "", ""],
        ["--04", "tie", "", "Fukui, Quang Ngai", "Fukui ~ Quang Ngai (cooperation)"],
    ]


def sized(width: int, names: list[str], terminal: bool = False) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=terminal, color_system=None)
    render_tables(fukui_dataset(), console, names)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80])
def test_narrow_terminals_fold_between_words_never_inside_them(width: int) -> None:
    for name in TABLES:
        rows = TABLES[name](fukui_dataset()).rows
        words = {word for row in rows for cell in row for word in cell.split()}
        lines = sized(width, [name])
        assert all(len(line) <= width for line in lines)
        shown = {word.strip("·,") for line in lines for word in line.split()}
        # Every word of every cell appears whole on some line.
        assert {w.strip(",") for w in words} <= shown | {""}, name


def test_a_table_too_wide_is_shown_record_by_record() -> None:
    lines = [line.rstrip() for line in sized(60, ["documents"])]
    assert lines[:3] == [
        "documents",
        "n1  title Fukui firms eye Quang Ngai · 2 localities ·",
        "    1 officials · 1 figures · 2 events",
    ]


def test_partnerships_count_their_documents() -> None:
    dataset = fukui_dataset()
    dataset.partnerships[0].evidence.append(evidence("letter of intent", 90, "n1"))
    (row,) = TABLES["partnerships"](dataset).rows
    assert row[-1] == "2"


def test_limit_cuts_each_table_and_says_how_many_more() -> None:
    out = io.StringIO()
    render_tables(fukui_dataset(), Console(file=out, width=200), ["events"], limit=1)
    text = out.getvalue()
    assert "reception" in text and "forum" not in text
    assert "... and 2 more events (--limit 0 shows all)" in text


def test_plain_tables_use_no_box_drawing_even_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=True)
    render_tables(fukui_dataset(), console, ["partnerships"], plain=True)
    assert not set("│┃╭┏━─") & set(out.getvalue())
