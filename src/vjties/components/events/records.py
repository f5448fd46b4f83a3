"""Event records (models.Event) and the `events` span group, from happenings.

Why apart: the record is the dataset's contract and its id must stay stable across runs
(`<document>/event/<name or kind>-<date or first offset>`); the span group is what later
components read (kb_id_ the index of the record in `doc._.events`).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from vjties import ids, keys
from vjties.components.events.happenings import Happening
from vjties.tokens import TokenView


def annotate(doc: Doc, happenings: list[Happening]) -> None:
    """Write `doc._.events` (one record per happening, in text order) and
    `doc.spans[keys.EVENTS]` (every mention)."""
    view = TokenView.of(doc)
    records: list[dict[str, Any]] = []
    group: list[Span] = []
    used: set[str] = set()
    for happening in sorted(happenings, key=lambda h: h.mentions[0].start):
        event_id = _event_id(view, happening, used)
        spans = [
            # kb_id is the record's index (see figures: ids would grow spaCy's strings).
            Span(doc, m.start, m.end, label=happening.kind, kb_id=str(len(records)))
            for m in happening.mentions
        ]
        group.extend(spans)
        records.append(
            {
                "id": event_id,
                "kind": happening.kind,
                "name": happening.name,
                "date": happening.date,
                "end": happening.end,
                "date_how": happening.date_how,
                "locality": happening.locality,
                "participants": sorted(happening.participants),
                "parties": _parties(doc, happening),
                "partnerships": sorted(happening.partnerships),
                "evidence": view.evidence(spans[0].start_char, spans[0].end_char),
                "mentions": [view.evidence(s.start_char, s.end_char) for s in spans],
            }
        )
    doc.spans[keys.EVENTS] = sorted(group, key=lambda s: (s.start, s.end))
    doc._.events = records


def _event_id(view: TokenView, happening: Happening, used: set[str]) -> str:
    """`<document>/event/<name or kind>-<date>` (vjties.ids: the fact, not where it was read),
    with an ordinal where the document already has that id; added to `used`."""
    base = ids.event_id(view.doc_id, happening.name or happening.kind, happening.date)
    return ids.numbered(base, used)


def _parties(doc: Doc, happening: Happening) -> list[str]:
    """The sides taking part: the parties of the ties a signing made, and the localities and
    organizations the participants represent (their records, as the officials component
    wrote them)."""
    ties = {str(t.get("id")): t for t in doc._.partnerships or [] if isinstance(t, dict)}
    officials = {str(o.get("id")): o for o in doc._.officials or [] if isinstance(o, dict)}
    parties = {p for tie in happening.partnerships for p in ties.get(tie, {}).get("parties", [])}
    for official in happening.participants:
        record = officials.get(official, {})
        side = record.get("locality") or record.get("organization")
        if side:
            parties.add(str(side))
    return sorted(parties)
