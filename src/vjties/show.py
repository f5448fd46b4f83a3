"""A dataset as tables in the terminal: one builder function per table, named after it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel
from rich import box
from rich.console import Console
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


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "value", "date"))
    return table


def _count(n: int) -> str:
    return str(n) if n else ""


FACT_COLUMNS = ("localities", "officials", "partnerships", "figures", "dates", "events")


def documents_table(dataset: Dataset) -> Table:
    table = _table("documents", "id", "title", "published", "source", *FACT_COLUMNS)
    for column in table.columns[4:]:
        column.justify = "right"
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


def localities_table(dataset: Dataset) -> Table:
    table = _table(
        "localities", "id", "name", "kind", "country", "parent", "mentions", "in orgs", "documents"
    )
    for column in table.columns[5:]:
        column.justify = "right"
    for locality in sorted(dataset.localities, key=lambda r: (-len(r.mentions), r.id)):
        table.add_row(
            locality.id,
            locality.name,
            locality.kind,
            locality.country,
            locality.parent or "",
            _count(len(locality.mentions)),
            _count(len(locality.organization_mentions)),
            str(len(documents_of(locality))),
        )
    return table


def organizations_table(dataset: Dataset) -> Table:
    names = Names(dataset)
    table = _table("organizations", "id", "name", "kind", "locality", "mentions")
    table.columns[-1].justify = "right"
    for organization in dataset.organizations:
        table.add_row(
            organization.id,
            organization.name,
            organization.kind,
            names(organization.locality),
            _count(len(organization.mentions)),
        )
    return table


def officials_table(dataset: Dataset) -> Table:
    names = Names(dataset)
    table = _table(
        "officials", "name", "title", "organization", "locality", "other roles", "mentions"
    )
    table.columns[-1].justify = "right"
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


def partnerships_table(dataset: Dataset) -> Table:
    names = Names(dataset)
    table = _table("partnerships", "party", "party", "kind", "status", "since", "documents")
    for partnership in dataset.partnerships:
        first, second = partnership.parties
        table.add_row(
            names(first),
            names(second),
            partnership.kind,
            partnership.status,
            partnership.established or "",
            ", ".join(sorted(documents_of(partnership))),
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


def figures_table(dataset: Dataset) -> Table:
    names = Names(dataset)
    table = _table("figures", "value", "unit", "metric", "period", "places", "document")
    table.columns[0].justify = "right"
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


def dates_table(dataset: Dataset) -> Table:
    table = _table("dates", "value", "end", "how", "text", "document")
    for date in sorted(dataset.dates, key=lambda d: (d.value is None, d.value or "", d.id)):
        table.add_row(
            date.value or "", date.end or "", date.how or "", date.text, date.evidence.document
        )
    return table


def events_table(dataset: Dataset) -> Table:
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


def timeline_table(dataset: Dataset) -> Table:
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


TABLES: dict[str, Callable[[Dataset], Table]] = {
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


def render_tables(
    dataset: Dataset, console: Console, names: Iterable[str] = DEFAULT_TABLES
) -> None:
    """Print the named tables; plain (no colour, simple rules) when not on a terminal."""
    plain = not console.is_terminal
    for name in names:
        table = TABLES[name](dataset)
        if plain:
            table.box = box.SIMPLE
        if not table.row_count:
            console.print(f"{name}: none\n", highlight=False)
            continue
        console.print(table)
