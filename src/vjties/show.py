"""A dataset as tables: one builder function per table, named after it, giving a `Sheet`
(columns and rows of text) that `render_tables` lays out for a terminal, or writes as CSV,
TSV or JSON.

On a terminal a table too wide to fit without breaking words is shown record by record
(`column  value` lines), so that nothing is cut mid-word at 60 columns. Long tables stop
after `limit` rows, with a line saying how many more there are.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table

from vjties.models import Dataset, Evidence, Figure, Partnership


def evidence_of(record: BaseModel) -> list[Evidence]:
    """Every piece of evidence anywhere in a record."""
    found: list[Evidence] = []
    _collect(record, found)
    return found


def _collect(value: Any, found: list[Evidence]) -> None:
    if isinstance(value, Evidence):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect(getattr(value, name), found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)


def documents_of(record: BaseModel) -> set[str]:
    return {e.document for e in evidence_of(record)}


class Names:
    """Display names of the localities, organizations and officials a dataset refers to by id."""

    def __init__(self, dataset: Dataset) -> None:
        self._names: dict[str, str] = {}
        for records in (dataset.localities, dataset.organizations, dataset.officials):
            for record in records:
                self._names[record.id] = record.name

    def __call__(self, record_id: str | None) -> str:
        if record_id is None:
            return ""
        return self._names.get(record_id, record_id)

    def join(self, ids: Iterable[str]) -> str:
        return ", ".join(self(i) for i in ids)


@dataclass
class Sheet:
    """One table as text: its name, column names, rows, and the columns aligned right."""

    name: str
    columns: tuple[str, ...]
    rows: list[list[str]] = field(default_factory=list)
    right: frozenset[str] = frozenset()

    def add_row(self, *cells: str) -> None:
        self.rows.append(list(cells))


def _table(title: str, *columns: str, right: Iterable[str] = ()) -> Sheet:
    return Sheet(title, columns, right=frozenset(right))


def _count(n: int) -> str:
    return f"{n:,}" if n else ""


FACT_COLUMNS = ("localities", "officials", "partnerships", "figures", "dates", "events")


def documents_table(dataset: Dataset) -> Sheet:
    table = _table(
        "documents", "id", "title", "published", "source", *FACT_COLUMNS, right=FACT_COLUMNS
    )
    counts: dict[str, dict[str, int]] = {
        d.id: dict.fromkeys(FACT_COLUMNS, 0) for d in dataset.documents
    }
    for list_name in FACT_COLUMNS:
        for record in getattr(dataset, list_name):
            for document_id in documents_of(record):
                if document_id in counts:
                    counts[document_id][list_name] += 1
    for document in dataset.documents:
        row = counts[document.id]
        table.add_row(
            document.id,
            document.title or "",
            document.published or "",
            document.source or "",
            *(_count(row[c]) for c in FACT_COLUMNS),
        )
    return table


def localities_table(dataset: Dataset) -> Sheet:
    counts = ("mentions", "in orgs", "documents")
    table = _table("localities", "id", "name", "kind", "country", "parent", *counts, right=counts)
    for locality in sorted(dataset.localities, key=lambda r: (-len(r.mentions), r.id)):
        table.add_row(
            locality.id,
            locality.name,
            locality.kind,
            locality.country,
            locality.parent or "",
            _count(len(locality.mentions)),
            _count(len(locality.organization_mentions)),
            f"{len(documents_of(locality)):,}",
        )
    return table


def organizations_table(dataset: Dataset) -> Sheet:
    names = Names(dataset)
    table = _table(
        "organizations", "id", "name", "kind", "locality", "mentions", right=["mentions"]
    )
    for organization in dataset.organizations:
        table.add_row(
            organization.id,
            organization.name,
            organization.kind,
            names(organization.locality),
            _count(len(organization.mentions)),
        )
    return table


def officials_table(dataset: Dataset) -> Sheet:
    names = Names(dataset)
    table = _table(
        "officials",
        "name",
        "title",
        "organization",
        "locality",
        "other roles",
        "mentions",
        right=["mentions"],
    )
    for official in dataset.officials:
        others = [r.title for r in official.roles[1:]]
        table.add_row(
            official.name,
            official.title or "",
            names(official.organization),
            names(official.locality),
            "; ".join(others),
            _count(len(official.mentions)),
        )
    return table


def partnerships_table(dataset: Dataset) -> Sheet:
    """One row a tie, with the number of documents that report it (a list of their ids
    would fill the screen on a large corpus: `--format json` or `jq` give them)."""
    names = Names(dataset)
    table = _table(
        "partnerships",
        "party",
        "party",
        "kind",
        "status",
        "since",
        "documents",
        right=["documents"],
    )
    for partnership in dataset.partnerships:
        first, second = partnership.parties
        table.add_row(
            names(first),
            names(second),
            partnership.kind,
            partnership.status,
            partnership.established or "",
            f"{len(documents_of(partnership)):,}",
        )
    return table


QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "less than ",
    "up_to": "up to ",
}


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) or not value.is_integer() else f"{int(value):,}"


def figure_value(figure: Figure) -> str:
    """`about 4,000`, `1,500-2,000`: the value with its qualifier."""
    if figure.value_max is not None:
        return f"{_number(figure.value)}-{_number(figure.value_max)}"
    return QUALIFIER_WORDS.get(figure.qualifier, "") + _number(figure.value)


def figures_table(dataset: Dataset) -> Sheet:
    names = Names(dataset)
    table = _table(
        "figures", "value", "unit", "metric", "period", "places", "document", right=["value"]
    )
    for figure in dataset.figures:
        places = [names(i) for i in figure.localities] + list(figure.countries)
        table.add_row(
            figure_value(figure),
            figure.unit,
            figure.metric,
            figure.period or "",
            ", ".join(places),
            figure.evidence.document,
        )
    return table


def dates_table(dataset: Dataset) -> Sheet:
    table = _table("dates", "value", "end", "how", "text", "document")
    for date in sorted(dataset.dates, key=lambda d: (d.value is None, d.value or "", d.id)):
        table.add_row(
            date.value or "", date.end or "", date.how or "", date.text, date.evidence.document
        )
    return table


def events_table(dataset: Dataset) -> Sheet:
    names = Names(dataset)
    table = _table("events", "date", "kind", "name", "place", "participants", "document")
    for event in sorted(dataset.events, key=lambda e: (e.date is None, e.date or "", e.id)):
        date = event.date or ""
        if event.end:
            date += f"/{event.end}"
        table.add_row(
            date,
            event.kind,
            event.name or "",
            names(event.locality),
            names.join(event.participants),
            event.evidence.document,
        )
    return table


def _tie_label(partnership: Partnership, names: Names) -> str:
    """`Hue ~ Okayama (sister_city)`."""
    first, second = partnership.parties
    return f"{names(first)} ~ {names(second)} ({partnership.kind})"


def timeline_table(dataset: Dataset) -> Sheet:
    """What happened when: dated events (with the ties a signing made) and the dated ties no
    event made (`since 2014`), by date, dates without a year last."""
    names = Names(dataset)
    ties = {tie.id: tie for tie in dataset.partnerships}
    rows: list[tuple[str, str, str, str, str, str]] = []
    for event in dataset.events:
        if event.date is None:
            continue
        date = event.date + (f"/{event.end}" if event.end else "")
        made = [_tie_label(ties[t], names) for t in event.partnerships if t in ties]
        place = names(event.locality)
        rows.append((date, event.kind, place, names.join(event.parties), "; ".join(made), event.id))
    for tie in dataset.partnerships:
        if tie.established and tie.status == "established" and not tie.events:
            parties = names.join(tie.parties)
            rows.append((tie.established, "tie", "", parties, _tie_label(tie, names), tie.id))
    table = _table("timeline", "date", "kind", "place", "parties", "tie")
    for row in sorted(rows, key=lambda r: (r[0].startswith("--"), r[0], r[5])):
        table.add_row(*row[:5])
    return table


TABLES: dict[str, Callable[[Dataset], Sheet]] = {
    "documents": documents_table,
    "localities": localities_table,
    "organizations": organizations_table,
    "officials": officials_table,
    "partnerships": partnerships_table,
    "figures": figures_table,
    "dates": dates_table,
    "events": events_table,
    "timeline": timeline_table,
}
# What `vjties show` prints without --type.
DEFAULT_TABLES = ("documents", "localities", "partnerships", "figures", "events", "officials")


# What `vjties show` prints on a terminal: rows per table unless --limit says otherwise.
DEFAULT_LIMIT = 20
# Rules in ASCII: the plain layout (a pipe, NO_COLOR, --color never) has no box drawing.
PLAIN_BOX = box.Box("    \n    \n -  \n    \n    \n -  \n    \n    \n", ascii=True)


def summary_line(dataset: Dataset, name: str) -> str:
    """`NAME: 5 documents, 24 localities, ...`: what a dataset holds, in one line."""
    counts = [f"{len(dataset.documents):,} documents"]
    counts += [
        f"{len(getattr(dataset, t)):,} {t}"
        for t in TABLES
        if t in Dataset.model_fields and t != "documents"
    ]
    copies = sum(1 for d in dataset.documents if d.duplicate_of)
    if copies:
        counts[0] += f" ({copies:,} copies of others)"
    return f"{name}: " + ", ".join(counts)


def render_tables(
    dataset: Dataset,
    console: Console,
    names: Iterable[str] = DEFAULT_TABLES,
    limit: int | None = None,
    plain: bool | None = None,
) -> None:
    """Print the named tables, at most `limit` rows each (None or 0: all).

    Plain (ASCII rules, no styles) when `plain`, by default when not on a terminal.
    """
    plain = not console.is_terminal if plain is None else plain
    for name in names:
        sheet = TABLES[name](dataset)
        if not sheet.rows:
            console.print(f"{name}: none\n", highlight=False)
            continue
        shown = sheet.rows[:limit] if limit else sheet.rows
        if _min_width(sheet, shown) <= console.width:
            console.print(_rich_table(sheet, shown, plain))
        else:
            console.print(_records(sheet, shown, console.width))
        console.print()
        if len(shown) < len(sheet.rows):
            more = len(sheet.rows) - len(shown)
            console.print(f"... and {more:,} more {name} (--limit 0 shows all)\n")


def _rich_table(sheet: Sheet, rows: list[list[str]], plain: bool) -> Table:
    table = Table(
        title=sheet.name,
        title_justify="left",
        box=PLAIN_BOX if plain else box.HEAVY_HEAD,
        show_edge=not plain,
    )
    for column, widest in zip(sheet.columns, _widest_words(sheet, rows), strict=True):
        justify: JustifyMethod = "right" if column in sheet.right else "left"
        # No column narrower than its longest word: Rich would break the word.
        table.add_column(column, overflow="fold", justify=justify, min_width=widest)
    for row in rows:
        table.add_row(*row)
    return table


def _widest_words(sheet: Sheet, rows: list[list[str]]) -> list[int]:
    """Per column, the length of its longest word, header included."""
    return [
        max(len(word) for cell in (column, *cells) for word in cell.split() or [""])
        for column, *cells in zip(sheet.columns, *rows, strict=True)
    ]


def _min_width(sheet: Sheet, rows: list[list[str]]) -> int:
    """The narrowest `_rich_table` of these rows that breaks no word: each column as wide
    as its longest word, plus its padding and rule."""
    widest = _widest_words(sheet, rows)
    return sum(widest) + 3 * len(widest) + 1


def _records(sheet: Sheet, rows: list[list[str]], width: int) -> Table:
    """A table too wide for the terminal as one paragraph per row: its first cell, then
    `column value` for every other cell that is not empty, lines broken between them."""
    first_width = min(max(len(row[0]) for row in rows), max(12, width - 24))
    room = max(20, width - first_width - 2)
    table = Table.grid(padding=(0, 2))
    table.title = sheet.name
    table.title_justify = "left"
    table.add_column(overflow="fold", max_width=first_width, style="bold")
    table.add_column(overflow="fold")
    for first, *cells in rows:
        fields = [
            f"{cell} {column}" if column in sheet.right else f"{column} {cell}"
            for column, cell in zip(sheet.columns[1:], cells, strict=True)
            if cell
        ]
        table.add_row(first, "\n".join(_packed(fields, room)))
    return table


def _packed(fields: list[str], room: int) -> list[str]:
    """Fields joined with ` · ` into lines at most `room` wide, broken between fields (a
    field wider than a line is wrapped at its spaces)."""
    lines: list[str] = []
    line = ""
    for item in fields:
        joined = f"{line} \u00b7 {item}" if line else item
        if len(joined) <= room - 2 or not line:  # room for the ` ·` that may end it
            line = joined
        else:
            lines.append(line + " \u00b7")
            line = item
        if len(line) > room:
            *done, line = textwrap.wrap(line, room, break_long_words=False) or [line]
            lines.extend(done)
    return [*lines, line] if line else lines


def sheets_text(dataset: Dataset, names: Iterable[str], fmt: str, limit: int | None) -> str:
    """The named tables as `csv` or `tsv` (one table: its header and rows) or `json`
    (`{table: [{column: value}, ...]}`), the cells as `show` prints them."""
    sheets = [TABLES[name](dataset) for name in names]
    if fmt == "json":
        document = {
            s.name: [dict(zip(_unique(s.columns), r, strict=True)) for r in s.rows[: limit or None]]
            for s in sheets
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    (sheet,) = sheets
    out = io.StringIO()
    writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(_unique(sheet.columns))
    writer.writerows(sheet.rows[: limit or None])
    return out.getvalue()


def _unique(columns: tuple[str, ...]) -> list[str]:
    """Column names made unique for CSV headers and JSON keys (`party`, `party 2`)."""
    seen: dict[str, int] = {}
    result = []
    for column in columns:
        seen[column] = seen.get(column, 0) + 1
        result.append(column if seen[column] == 1 else f"{column} {seen[column]}")
    return result
