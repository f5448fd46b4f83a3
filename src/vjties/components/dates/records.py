"""TimeExpression records and the `dates` span group, from resolved date phrases.

Why apart: the records are the dataset's contract (models.TimeExpression) and the span
group is what later components read (kb_id_ the ISO value or interval, label_ how it was
resolved); both are written from the same resolved phrases, in one place.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from vjties import ids, keys
from vjties.components.dates.resolution import ResolvedDate
from vjties.tokens import TokenView


def annotate(doc: Doc, resolved: list[ResolvedDate]) -> None:
    """Write `doc.spans[keys.DATES]` (each span's kb_id_ the value, `start/end` for a range,
    `""` unresolved; label_ how) and `doc._.dates` (TimeExpression records)."""
    view = TokenView.of(doc)
    group: list[Span] = []
    records: list[dict[str, Any]] = []
    taken: set[str] = set()
    for found in resolved:
        span, resolution = found.span, found.resolution
        value = resolution.value
        span.label_ = resolution.how or ""
        span.kb_id_ = f"{value}/{resolution.end}" if value and resolution.end else value or ""
        group.append(span)
        records.append(
            {
                "id": ids.numbered(
                    ids.date_id(view.doc_id, value, resolution.end, found.text), taken
                ),
                "text": found.text,
                "value": value,
                "end": resolution.end,
                "how": resolution.how,
                "evidence": view.evidence(span.start_char, found.end_char),
            }
        )
    doc.spans[keys.DATES] = group
    doc._.dates = records
