"""CSV and Parquet exports: a folder with one file per table and a Frictionless `datapackage.json`.

The CSV files are RFC 4180 (UTF-8, a header row, quoted where needed, empty cell for null), so
`pandas.read_csv` reads each one as it is; `datapackage.json` gives each column's type and
description and the tables' primary and foreign keys (Frictionless Tabular Data Package).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from vjties.export.files import DESCRIPTOR, PACKAGE_NAME
from vjties.export.tables import Table

DESCRIPTION = (
    "Vietnam-Japan subnational ties extracted from news articles by vjties: localities, "
    "organizations, officials, partnerships, figures, dates and events, each with the "
    "document and character offsets of its evidence."
)


def _schema(table: Table) -> dict[str, Any]:
    """The Table Schema of one table: fields, primary key, foreign keys."""
    return {
        "fields": [
            {"name": c.name, "type": c.type, "description": c.description} for c in table.columns
        ],
        "primaryKey": list(table.primary_key),
        "foreignKeys": [
            {"fields": [k.column], "reference": {"resource": k.table, "fields": [k.other]}}
            for k in table.foreign_keys
        ],
        "missingValues": [""],
    }


def datapackage(tables: list[Table], extension: str) -> dict[str, Any]:
    """The Frictionless descriptor of the tables written as `<name>.<extension>`."""
    media = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}[extension]
    resources = []
    for table in tables:
        resource = {
            "name": table.name,
            "path": f"{table.name}.{extension}",
            "profile": "tabular-data-resource",
            "format": extension,
            "mediatype": media,
            "description": table.description,
            "schema": _schema(table),
        }
        if extension == "csv":
            resource["encoding"] = "utf-8"
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "vjties: Vietnam-Japan subnational ties",
        "description": DESCRIPTION,
        "resources": resources,
    }


def _cell(value: Any) -> str:
    """A CSV cell: empty for null, floats in their shortest exact form."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv_folder(tables: list[Table], folder: Path) -> None:
    """Each table as `<name>.csv` in `folder`, with `datapackage.json` describing them."""
    for table in tables:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([c.name for c in table.columns])
            writer.writerows([_cell(v) for v in row] for row in table.rows)
    write_descriptor(datapackage(tables, "csv"), folder)


def write_descriptor(descriptor: dict[str, Any], folder: Path) -> None:
    """datapackage.json, indented, UTF-8 kept."""
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")


def write_parquet_folder(tables: list[Table], folder: Path) -> None:
    """Each table as `<name>.parquet` (typed columns), with `datapackage.json` describing them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64()}
    for table in tables:
        schema = pa.schema(
            [
                pa.field(c.name, types[c.type], metadata={"description": c.description})
                for c in table.columns
            ],
            metadata={"description": table.description},
        )
        columns = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(schema)
        arrays = [
            pa.array([_number(v, c.type) for v in values], type=types[c.type])
            for c, values in zip(table.columns, columns, strict=True)
        ]
        pq.write_table(
            pa.Table.from_arrays(arrays, schema=schema), folder / f"{table.name}.parquet"
        )
    write_descriptor(datapackage(tables, "parquet"), folder)


def _number(value: Any, kind: str) -> Any:
    """A figure's value may be an int in a `number` column: Arrow wants a float there."""
    return float(value) if kind == "number" and value is not None else value
