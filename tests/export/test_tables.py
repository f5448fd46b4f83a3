"""The flat tables every tabular export is written from."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from ties.sample import JETRO_TIE, SISTER
from vjties.export.tables import Table, build_tables
from vjties.models import (
    DateClaim,
    Document,
    Event,
    Evidence,
    Figure,
    Locality,
    Official,
    Organization,
    Partnership,
    Role,
    Successor,
    TimeExpression,
)
from vjties.places import locality_point
from vjties.show import evidence_of

# Every field of every record, as the tables export it today. A new field in the models fails
# this test until the export carries it (and this list names it).
EXPORTED_FIELDS: dict[type[BaseModel], set[str]] = {
    Document: {"id", "path", "sha256", "encoding", "title", "published", "dateline", "source",
               "author", "boilerplate", "duplicate_of", "text"},
    Locality: {"id", "name", "name_local", "country", "kind", "iso_3166_2", "geonames_id",
               "latitude", "longitude", "parent", "successor", "mentions",
               "organization_mentions"},
    Successor: {"id", "since"},
    Organization: {"id", "name", "kind", "country", "locality", "mentions"},
    Official: {"id", "name", "name_local", "title", "organization", "roles", "country",
               "locality", "mentions"},
    Role: {"title", "organization", "status"},
    Partnership: {"id", "parties", "party_types", "kind", "status", "established", "dates",
                  "events", "evidence"},
    DateClaim: {"date", "how", "evidence"},
    Figure: {"id", "text", "value", "value_max", "unit", "qualifier", "metric", "period",
             "localities", "countries", "evidence"},
    TimeExpression: {"id", "text", "value", "end", "how", "evidence"},
    Event: {"id", "kind", "name", "date", "end", "date_how", "locality", "participants",
            "parties", "partnerships", "evidence", "mentions"},
    Evidence: {"document", "start", "end", "text"},
}  # fmt: skip


@pytest.mark.parametrize("model", list(EXPORTED_FIELDS), ids=lambda m: m.__name__)
def test_every_field_of_the_models_is_exported(model: type[BaseModel]) -> None:
    assert set(model.model_fields) == EXPORTED_FIELDS[model], (
        f"{model.__name__} changed: carry the new field into vjties/export/tables.py"
    )


def by_name(tables: list[Table]) -> dict[str, list[dict]]:
    return {t.name: list(t.records()) for t in tables}


def test_one_row_per_record_and_per_list_item(sample_ties) -> None:
    rows = by_name(build_tables(sample_ties))
    for name in ("documents", "localities", "organizations", "officials", "partnerships"):
        assert len(rows[name]) == len(getattr(sample_ties, name))
    assert len(rows["figures"]) == 2 and len(rows["dates"]) == 2 and len(rows["events"]) == 1
    assert len(rows["partnership_parties"]) == 6
    assert len(rows["partnership_dates"]) == 1
    assert len(rows["figure_localities"]) == 2 and len(rows["figure_countries"]) == 2
    assert len(rows["official_roles"]) == 1 and len(rows["event_participants"]) == 1
    every_piece = sum(len(evidence_of(r)) for name in ("localities", "organizations",
                      "officials", "partnerships", "figures", "dates", "events")
                      for r in getattr(sample_ties, name))  # fmt: skip
    assert len(rows["evidence"]) == every_piece == 26


def test_ids_come_with_names_countries_and_kinds(sample_ties) -> None:
    rows = by_name(build_tables(sample_ties))
    sister = next(r for r in rows["partnerships"] if r["id"] == SISTER)
    assert (sister["party_1_name"], sister["party_1_country"], sister["party_1_kind"]) == (
        "Sakai", "JP", "city",
    )  # fmt: skip
    assert (sister["party_2_name"], sister["established"], sister["documents"]) == (
        "Da Nang", "2014", 1,
    )  # fmt: skip
    jetro = next(r for r in rows["partnerships"] if r["id"] == JETRO_TIE)
    assert (jetro["party_1_name"], jetro["party_1_type"], jetro["party_1_kind"]) == (
        "Japan External Trade Organization", "organization", "trade_promotion_agency",
    )  # fmt: skip
    sakai = next(r for r in rows["localities"] if r["id"] == "jp/osaka/sakai")
    # jp/osaka is not a record of the dataset: its name comes from the gazetteer.
    assert (sakai["parent"], sakai["parent_name"], sakai["mentions"]) == ("jp/osaka", "Osaka", 2)
    binh_duong = next(r for r in rows["localities"] if r["id"] == "vn/binh-duong")
    assert binh_duong["successor_name"] == "Ho Chi Minh City"
    assert binh_duong["successor_since"] == "2025-07-01"
    participant = rows["event_participants"][0]
    assert (participant["official_name"], participant["official_title"]) == (
        "Le Trung Chinh", "Chairman",
    )  # fmt: skip


def test_coordinates_come_from_the_gazetteer(sample_ties) -> None:
    rows = by_name(build_tables(sample_ties))
    for row in rows["localities"]:
        point = locality_point(row["id"])
        if point is None:
            assert row["latitude"] is None and row["coordinates_from"] is None
        else:
            assert (row["latitude"], row["longitude"]) == (point.latitude, point.longitude)
    sakai = next(r for r in rows["localities"] if r["id"] == "jp/osaka/sakai")
    assert sakai["coordinates_from"] == "locality"
    assert round(sakai["latitude"], 2) == 34.58 and round(sakai["longitude"], 2) == 135.47


def test_evidence_rows_name_their_record_and_field(sample_ties) -> None:
    rows = by_name(build_tables(sample_ties))["evidence"]
    claim = next(r for r in rows if r["record_id"] == SISTER and r["field"] == "dates")
    assert (claim["record_type"], claim["position"], claim["text"]) == ("partnership", 0, "2014")
    org_mentions = [r for r in rows if r["field"] == "organization_mentions"]
    assert [(r["record_id"], r["text"]) for r in org_mentions] == [("vn/da-nang", "Da Nang")]


def test_event_parties_and_the_ties_an_event_made_are_read(sample_ties) -> None:
    """Events list their parties and the ties they made (issue 12): `event_parties` and
    `event_partnerships`, and each tie counts its events."""
    event = sample_ties.events[0]
    tie = sample_ties.partnerships[0]
    sample_ties.events[0] = event.model_copy(
        update={
            "parties": ["vn/da-nang", "org/vn/da-nang/people-committee"],
            "partnerships": [tie.id],
        }
    )
    sample_ties.partnerships[0] = tie.model_copy(update={"events": [event.id]})
    tables = by_name(build_tables(sample_ties))
    assert [(r["party_name"], r["party_type"]) for r in tables["event_parties"]] == [
        ("Da Nang", "locality"),
        ("Da Nang City People's Committee", "organization"),
    ]
    assert tables["event_partnerships"] == [{"event": event.id, "partnership": tie.id}]
    assert [r["events"] for r in tables["partnerships"] if r["id"] == tie.id] == [1]
