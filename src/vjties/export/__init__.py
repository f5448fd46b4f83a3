"""Exports of a dataset for the tools researchers use: CSV, SQLite, GraphML, GEXF, GeoJSON, Parquet.

Each format is written with the library its users read it with (the tests read every one back
that way) and appears whole or not at all. `export_dataset` is what `vjties export` calls.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from vjties.errors import VjtiesError
from vjties.export.files import replaced_file, replaced_folder
from vjties.export.tables import build_tables
from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import Dataset


class ExportFormat(StrEnum):
    csv = "csv"
    sqlite = "sqlite"
    graphml = "graphml"
    gexf = "gexf"
    geojson = "geojson"
    parquet = "parquet"


#: Formats written as one text file, which may also go to stdout (`-o -`).
TEXT_FORMATS = frozenset({ExportFormat.graphml, ExportFormat.gexf, ExportFormat.geojson})


@dataclass
class ExportSummary:
    """What was written, in sentences for stderr."""

    lines: list[str] = field(default_factory=list)


def export_dataset(
    dataset: Dataset, fmt: ExportFormat, output: Path, gazetteer: Gazetteer | None = None
) -> ExportSummary:
    """Write `dataset` as `fmt` to `output` (`-` is stdout for the one-file text formats)."""
    gazetteer = gazetteer or load_gazetteer()
    if str(output) == "-" and fmt not in TEXT_FORMATS:
        raise VjtiesError(f"--to {fmt.value} writes files, not stdout; give -o a path")
    if fmt in TEXT_FORMATS:
        return _export_text(dataset, fmt, output, gazetteer)
    if fmt == ExportFormat.sqlite:
        return _export_sqlite(dataset, output, gazetteer)
    return _export_folder(dataset, fmt, output, gazetteer)


def _export_folder(
    dataset: Dataset, fmt: ExportFormat, output: Path, gazetteer: Gazetteer
) -> ExportSummary:
    """csv or parquet: the tables in a folder that replaces PATH whole."""
    from vjties.export.tabular import write_csv_folder, write_parquet_folder

    if fmt == ExportFormat.parquet:
        _require_pyarrow()
    tables = build_tables(dataset, gazetteer)
    with replaced_folder(output) as folder:
        (write_parquet_folder if fmt == ExportFormat.parquet else write_csv_folder)(tables, folder)
    counts = ", ".join(f"{t.name} {len(t.rows)}" for t in tables)
    return ExportSummary(
        [f"wrote {len(tables)} tables to {output}/ with datapackage.json ({counts})"]
    )


def _require_pyarrow() -> None:
    """VjtiesError naming the extra to install when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise VjtiesError(
            "--to parquet needs pyarrow; install it with: pip install 'vjties[parquet]'"
        ) from None


def _export_sqlite(dataset: Dataset, output: Path, gazetteer: Gazetteer) -> ExportSummary:
    """The database and its Datasette metadata, both written whole or neither."""
    from vjties.export.sqlite import VIEWS, metadata_path, metadata_text, write_sqlite

    tables = build_tables(dataset, gazetteer)
    metadata = metadata_path(output)
    with replaced_file(output) as database, replaced_file(metadata) as described:
        write_sqlite(tables, database)
        described.write_text(metadata_text(tables, output), encoding="utf-8")
    return ExportSummary(
        [
            f"wrote {output} ({len(tables)} tables, views {', '.join(VIEWS)}, full-text "
            f"search on evidence) and {metadata}",
            f"open it with: datasette {output} -m {metadata}",
        ]
    )


def _export_text(
    dataset: Dataset, fmt: ExportFormat, output: Path, gazetteer: Gazetteer
) -> ExportSummary:
    """GeoJSON, GraphML or GEXF to a file, or to stdout for `-`."""
    from vjties.export.geo import build_geojson
    from vjties.export.graph import build_graph, gexf_text, graphml_text

    summary = ExportSummary()
    if fmt == ExportFormat.geojson:
        geo = build_geojson(dataset, gazetteer)
        text = json.dumps(geo.collection, ensure_ascii=False, indent=2) + "\n"
        summary.lines.append(f"{geo.localities} localities and {geo.ties} ties placed")
        if geo.left_off:
            summary.lines.append(
                f"left off for want of coordinates in the gazetteer ({len(geo.left_off)}): "
                + ", ".join(geo.left_off)
            )
    else:
        graph = build_graph(dataset, gazetteer)
        render: Callable[..., str] = graphml_text if fmt == ExportFormat.graphml else gexf_text
        text = render(graph)
        summary.lines.append(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties")
    if str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        with replaced_file(output) as path:
            path.write_text(text, encoding="utf-8")
        summary.lines.insert(0, f"wrote {output}")
    return summary
