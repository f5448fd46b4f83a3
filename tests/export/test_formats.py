"""Every export read back by the library its users read it with, checked against the dataset."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import sqlite_utils

from ties.sample import JETRO_TIE, PROPOSED, SISTER
from vjties.export import ExportFormat, export_dataset
from vjties.gazetteer import load_gazetteer
from vjties.models import Dataset
from vjties.places import PartyPoints, locality_point
from vjties.show import documents_of, evidence_of

FACT_LISTS = ("localities", "organizations", "officials", "partnerships", "figures", "dates",
              "events")  # fmt: skip


def evidence_count(dataset: Dataset) -> int:
    return sum(len(evidence_of(r)) for name in FACT_LISTS for r in getattr(dataset, name))


def expected_counts(dataset: Dataset) -> dict[str, int]:
    """Rows each table must have, computed from the dataset itself."""
    counts = {name: len(getattr(dataset, name)) for name in ("documents", *FACT_LISTS)}
    return counts | {
        "boilerplate": sum(len(d.boilerplate) for d in dataset.documents),
        "official_roles": sum(len(o.roles) for o in dataset.officials),
        "partnership_parties": 2 * len(dataset.partnerships),
        "partnership_dates": sum(len(p.dates) for p in dataset.partnerships),
        "figure_localities": sum(len(f.localities) for f in dataset.figures),
        "figure_countries": sum(len(f.countries) for f in dataset.figures),
        "event_participants": sum(len(e.participants) for e in dataset.events),
        "event_parties": sum(len(e.parties) for e in dataset.events),
        "event_partnerships": sum(len(e.partnerships) for e in dataset.events),
        "evidence": evidence_count(dataset),
    }


@pytest.fixture(params=["sample", "seeds"])
def dataset(request, sample_ties, seeds_dataset) -> Dataset:
    return sample_ties if request.param == "sample" else seeds_dataset


def test_csv_reads_into_pandas_with_the_dataset_counts(dataset, tmp_path) -> None:
    out = tmp_path / "csv"
    export_dataset(dataset, ExportFormat.csv, out)
    package = json.loads((out / "datapackage.json").read_text())
    names = [r["name"] for r in package["resources"]]
    assert sorted(p.name for p in out.iterdir()) == sorted(["datapackage.json", *(f"{n}.csv" for n in names)])  # fmt: skip
    for name, count in expected_counts(dataset).items():
        frame = pd.read_csv(out / f"{name}.csv")
        assert len(frame) == count, name
        described = [f["name"] for f in package["resources"][names.index(name)]["schema"]["fields"]]
        assert list(frame.columns) == described


def test_csv_rows_hold_names_and_numbers(sample_ties, tmp_path) -> None:
    export_dataset(sample_ties, ExportFormat.csv, tmp_path / "csv")
    ties = pd.read_csv(tmp_path / "csv" / "partnerships.csv").set_index("id")
    assert ties.loc[SISTER, ["party_1_name", "party_2_name", "kind"]].tolist() == [
        "Sakai", "Da Nang", "sister_city",
    ]  # fmt: skip
    assert ties.loc[SISTER, "established"] == 2014  # pandas reads the year as a number
    assert ties.loc[PROPOSED, "status"] == "proposed"
    figures = pd.read_csv(tmp_path / "csv" / "figures.csv").set_index("id")
    assert figures["value"].sort_values().tolist() == [400.0, 2_100_000_000.0]
    # Per-province counting, the trap the issue names, is a group-by on the link table.
    parties = pd.read_csv(tmp_path / "csv" / "partnership_parties.csv")
    per_place = parties[parties.party_country == "VN"].groupby("party_name").size().to_dict()
    assert per_place == {"Binh Duong": 1, "Da Nang": 2}


def test_datapackage_is_valid_frictionless_and_catches_a_broken_key(sample_ties, tmp_path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "csv"
    export_dataset(sample_ties, ExportFormat.csv, out)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # The check can fail: a figure pointing at a document that is not there.
    figures = (out / "figures.csv").read_text().replace("sakai_danang", "no_such_doc", 1)
    (out / "figures.csv").write_text(figures)
    broken = frictionless.validate(str(out / "datapackage.json"))
    assert not broken.valid
    assert "foreign-key" in {row[0] for row in broken.flatten(["type"])}


def test_sqlite_has_keys_search_views_and_the_counts(dataset, tmp_path) -> None:
    path = tmp_path / "ties.db"
    export_dataset(dataset, ExportFormat.sqlite, path)
    db = sqlite_utils.Database(path)
    for name, count in expected_counts(dataset).items():
        assert db.table(name).count == count, name
    assert db.table("localities").pks == ["id"]
    assert db.table("partnership_parties").pks == ["partnership", "position"]
    keys = {(k.column, k.other_table) for k in db.table("figures").foreign_keys}
    assert keys == {("document", "documents")}
    assert {"ties", "ties_per_locality", "figures_by_place", "timeline"} <= set(db.view_names())
    assert db.execute("select count(*) from ties").fetchone()[0] == len(dataset.partnerships)
    assert db.table("evidence").detect_fts() == "evidence_fts"


def test_sqlite_views_answer_the_questions(sample_ties, tmp_path) -> None:
    path = tmp_path / "ties.db"
    export_dataset(sample_ties, ExportFormat.sqlite, path)
    db = sqlite_utils.Database(path)
    tie = next(db.query("select * from ties where id = ?", [SISTER]))
    assert (tie["party_1_name"], tie["party_2_name"], tie["since"], tie["documents"]) == (
        "Sakai", "Da Nang", "2014", 1,
    )  # fmt: skip
    per_place = {
        r["name"]: (r["ties"], r["established"])
        for r in db.query("select * from ties_per_locality")
    }
    assert per_place["Da Nang"] == (2, 1)
    places = [(r["place"], r["metric"]) for r in db.query("select * from figures_by_place")]
    assert places == [("Binh Duong", "fdi_projects"), ("Da Nang", "fdi_registered_capital")]
    timeline = [(r["date"], r["type"], r["what"]) for r in db.query("select * from timeline")]
    assert timeline == [("2014", "tie", "Sakai ~ Da Nang"), ("2024-03-05", "event", "reception")]
    hits = [r["record_id"] for r in db.table("evidence").search("sister")]
    assert hits == [SISTER]


def test_sqlite_metadata_describes_every_table_for_datasette(sample_ties, tmp_path) -> None:
    path = tmp_path / "ties.db"
    export_dataset(sample_ties, ExportFormat.sqlite, path)
    metadata = json.loads((tmp_path / "ties.metadata.json").read_text())
    tables = metadata["databases"]["ties"]["tables"]
    db = sqlite_utils.Database(path)
    described = {n for n in db.table_names() if not n.startswith("evidence_fts")}
    assert described | set(db.view_names()) == set(tables)
    assert all(t["description"] for t in tables.values())
    assert tables["localities"]["label_column"] == "name"
    assert set(tables["localities"]["columns"]) == set(db.table("localities").columns_dict)


def nodes_expected(dataset: Dataset) -> set[str]:
    return {loc.id for loc in dataset.localities} | {
        p for tie in dataset.partnerships for p in tie.parties
    }


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_reads_into_networkx_with_the_dataset_counts(dataset, fmt, tmp_path) -> None:
    path = tmp_path / f"ties.{fmt}"
    export_dataset(dataset, ExportFormat(fmt), path)
    graph = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert set(graph.nodes) == nodes_expected(dataset)
    assert graph.number_of_edges() == len(dataset.partnerships)
    edges = {data["id"]: data for _, _, data in graph.edges(data=True)}
    for tie in dataset.partnerships:
        assert edges[tie.id]["kind"] == tie.kind
        assert edges[tie.id]["status"] == tie.status
        assert int(edges[tie.id]["documents"]) == len(documents_of(tie))
        assert edges[tie.id].get("established") == tie.established
    for node, data in graph.nodes(data=True):
        point = locality_point(node)
        assert ("latitude" in data) == (point is not None), node
        if point is not None:
            assert float(data["latitude"]) == point.latitude


def test_graph_carries_parties_that_are_not_localities(sample_ties, tmp_path) -> None:
    export_dataset(sample_ties, ExportFormat.gexf, tmp_path / "t.gexf")
    graph = nx.read_gexf(tmp_path / "t.gexf")
    assert graph.nodes["org/jetro"]["label"] == "Japan External Trade Organization"
    assert graph.nodes["org/jetro"]["type"] == "organization"
    sakai = graph.nodes["jp/osaka/sakai"]
    assert (sakai["country"], sakai["kind"]) == ("JP", "city")
    # Gephi places the node at its coordinates.
    assert sakai["viz"]["position"]["x"] == pytest.approx(
        locality_point("jp/osaka/sakai").longitude
    )


def test_geojson_is_valid_rfc7946_and_accounts_for_every_record(dataset, tmp_path) -> None:
    validator = pytest.importorskip("geojson_validator")
    path = tmp_path / "ties.geojson"
    export_dataset(dataset, ExportFormat.geojson, path)
    collection = json.loads(path.read_text())
    assert validator.validate_structure(collection, check_crs=True) == {}
    assert validator.validate_geometries(collection)["invalid"] == {}
    placed = {f["id"]: f for f in collection["features"]}
    party_point = PartyPoints(dataset, load_gazetteer())
    for loc in dataset.localities:
        assert (loc.id in placed) == (locality_point(loc.id) is not None)
    for tie in dataset.partnerships:
        assert (tie.id in placed) == all(party_point(p) for p in tie.parties)
    for feature in collection["features"]:
        for lon, lat in _positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def _positions(geometry: dict) -> list[list[float]]:
    coords = geometry["coordinates"]
    return [coords] if geometry["type"] == "Point" else coords


def test_geojson_draws_a_tie_between_its_parties_points(sample_ties, tmp_path) -> None:
    path = tmp_path / "ties.geojson"
    summary = export_dataset(sample_ties, ExportFormat.geojson, path)
    features = {f["id"]: f for f in json.loads(path.read_text())["features"]}
    sakai, da_nang = locality_point("jp/osaka/sakai"), locality_point("vn/da-nang")
    assert features[SISTER]["geometry"] == {
        "type": "LineString",
        "coordinates": [[sakai.longitude, sakai.latitude], [da_nang.longitude, da_nang.latitude]],
    }
    assert features[SISTER]["properties"]["party_names"] == ["Sakai", "Da Nang"]
    assert features["vn/da-nang"]["properties"]["mentions"] == 4
    # JETRO has no locality: its tie cannot be placed, and the summary says so.
    assert JETRO_TIE not in features
    assert any(JETRO_TIE in line for line in summary.lines)


def test_parquet_reads_into_pyarrow_with_the_dataset_counts(dataset, tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export_dataset(dataset, ExportFormat.parquet, tmp_path / "pq")
    for name, count in expected_counts(dataset).items():
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.num_rows == count, name
    figures = pq.read_table(tmp_path / "pq" / "figures.parquet")
    assert str(figures.schema.field("value").type) == "double"
    assert str(figures.schema.field("char_start").type) == "int64"


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_the_same_dataset_gives_the_same_bytes(sample_ties, fmt, tmp_path) -> None:
    if fmt == ExportFormat.parquet:
        pytest.importorskip("pyarrow")
    first, second = tmp_path / "a" / "out", tmp_path / "b" / "out"
    for out in (first, second):
        out.parent.mkdir()
        export_dataset(sample_ties, fmt, out)
    assert _contents(first) == _contents(second)


def _contents(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}
