"""SQLite export through sqlite-utils: the flat tables with their keys, full-text search, views.

`datasette PATH -m PATH.metadata.json` opens it with table and column descriptions, facets on
the views and the foreign keys shown as names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vjties.export.tables import Table
from vjties.export.tabular import DESCRIPTION

SQL_TYPES = {"string": str, "integer": int, "number": float}

VIEWS: dict[str, tuple[str, str]] = {
    "ties": (
        "Each tie with both parties' names, countries and kinds, its kind, status, the date "
        "it was made and how many documents report it.",
        """
        SELECT id, party_1_name, party_1_country, party_1_kind,
               party_2_name, party_2_country, party_2_kind,
               kind, status, established AS since, documents, evidence, party_1, party_2
        FROM partnerships
        ORDER BY documents DESC, id
        """,
    ),
    "ties_per_locality": (
        "How many ties each locality has, established and in all.",
        """
        SELECT pp.party AS locality, pp.party_name AS name, pp.party_country AS country,
               pp.party_kind AS kind, count(*) AS ties,
               sum(p.status = 'established') AS established
        FROM partnership_parties AS pp JOIN partnerships AS p ON p.id = pp.partnership
        WHERE pp.party_type = 'locality'
        GROUP BY pp.party
        ORDER BY ties DESC, pp.party
        """,
    ),
    "figures_by_place": (
        "Each figure next to each locality it is about (a figure about two places is two rows).",
        """
        SELECT fl.locality_name AS place, fl.locality_country AS country,
               fl.locality_kind AS place_kind, f.metric, f.qualifier, f.value, f.value_max,
               f.unit, f.period, f.text, f.document, f.id AS figure, fl.locality
        FROM figure_localities AS fl JOIN figures AS f ON f.id = fl.figure
        ORDER BY place, f.metric, f.id
        """,
    ),
    "timeline": (
        "Dated events and dated ties, in date order (dates without a year last).",
        """
        SELECT * FROM (
            SELECT date, "end", 'event' AS type, kind, coalesce(name, kind) AS what,
                   locality_name AS place,
                   (SELECT group_concat(official_name, '; ') FROM
                      (SELECT official_name FROM event_participants
                       WHERE event = e.id ORDER BY position)) AS participants,
                   document, id
            FROM events AS e WHERE date IS NOT NULL
            UNION ALL
            SELECT established, NULL, 'tie', kind, party_1_name || ' ~ ' || party_2_name,
                   NULL, NULL, NULL, id
            FROM partnerships WHERE established IS NOT NULL
        )
        ORDER BY date LIKE '--%', date, type, id
        """,
    ),
}

FACETS = {
    "ties": ["kind", "status", "party_1_country", "party_2_country"],
    "figures_by_place": ["metric", "place", "unit"],
    "timeline": ["type", "kind", "place"],
    "partnerships": ["kind", "status"],
    "localities": ["country", "kind"],
    "events": ["kind", "locality_name"],
    "figures": ["metric", "unit"],
    "evidence": ["record_type", "field"],
}


def write_sqlite(tables: list[Table], path: Path) -> None:
    """The tables in a new SQLite file at `path`, with keys, full-text search and views."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        for table in tables:
            target = db.table(table.name)
            target.create(
                {c.name: SQL_TYPES[c.type] for c in table.columns},
                pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
                foreign_keys=[(k.column, k.table, k.other) for k in table.foreign_keys],
            )
            target.insert_all(table.records(), batch_size=1000)
        db.table("evidence").enable_fts(["text"], fts_version="FTS5", create_triggers=False)
        for name, (_, sql) in VIEWS.items():
            db.create_view(name, sql.strip())
        db.vacuum()
    finally:
        db.close()


def datasette_metadata(tables: list[Table], database: str) -> dict[str, Any]:
    """Datasette's metadata.json for the database named `database` (the file's stem)."""
    described: dict[str, Any] = {}
    for table in tables:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
        }
        if any(c.name == "name" for c in table.columns):
            entry["label_column"] = "name"
        if table.name in FACETS:
            entry["facets"] = FACETS[table.name]
        described[table.name] = entry
    for name, (description, _) in VIEWS.items():
        described[name] = {"description": description}
        if name in FACETS:
            described[name]["facets"] = FACETS[name]
    return {
        "title": "vjties: Vietnam-Japan subnational ties",
        "description": DESCRIPTION,
        "databases": {database: {"tables": described}},
    }


def metadata_path(path: Path) -> Path:
    """Where the Datasette metadata of the database at `path` goes: `<stem>.metadata.json`."""
    return path.with_name(f"{path.stem}.metadata.json")


def metadata_text(tables: list[Table], path: Path) -> str:
    """The Datasette metadata of the database at `path`, as JSON text."""
    return json.dumps(datasette_metadata(tables, path.stem), ensure_ascii=False, indent=2) + "\n"
