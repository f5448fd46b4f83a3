"""A progress bar on stderr (documents, rate, ETA) when it is a terminal; silent otherwise."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

T = TypeVar("T")


class DocumentRateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} docs/s")


def track(items: Iterable[T], total: int, quiet: bool, console: Console) -> Iterator[T]:
    """Yield `items`, advancing a transient progress bar on `console` if it is a terminal."""
    if quiet or not console.is_terminal:
        yield from items
        return
    # Narrow enough for 80 columns with room to spare: a bar that wraps leaves its remnants.
    columns = (
        TextColumn("extracting"),
        BarColumn(bar_width=16),
        MofNCompleteColumn(),
        DocumentRateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("extract", total=total)
        for item in items:
            yield item
            progress.advance(task)


class Tally:
    """What a run extracted, counted as the fragments go by (ids only, so memory stays small
    on a large corpus): for the summary line at the end of `extract`."""

    def __init__(self, fields: Iterable[str]) -> None:
        self.ids: dict[str, set[str]] = {field: set() for field in fields}
        self.copies = 0

    def count(self, fragments: Iterable[T]) -> Iterator[T]:
        """Yield `fragments` (datasets, or serialised `vjties.fragments.Fragment`s), counting."""
        for fragment in fragments:
            records = getattr(fragment, "records", None)
            if records is not None:
                self._count_serialised(records)
                yield fragment
                continue
            for field, ids in self.ids.items():
                ids.update(record.id for record in getattr(fragment, field, []))
            self.copies += sum(1 for d in getattr(fragment, "documents", []) if d.duplicate_of)
            yield fragment

    def _count_serialised(self, records: Iterable[Any]) -> None:
        for record in records:
            ids = self.ids.get(record.field)
            if ids is not None:
                ids.add(record.id)
            if record.field == "documents" and json.loads(record.text).get("duplicate_of"):
                self.copies += 1

    def line(self, output: str) -> str:
        """`extracted 6 documents: 25 localities, ... -> seeds.json`."""
        documents = len(self.ids.get("documents", ()))
        copies = f" ({self.copies:,} copies of others)" if self.copies else ""
        facts = ", ".join(f"{len(ids):,} {f}" for f, ids in self.ids.items() if f != "documents")
        return f"extracted {documents:,} documents{copies}: {facts} -> {output}"
