"""Building, merging and serialising datasets.

A one-document extraction is a Dataset of its own (a *fragment*). The corpus dataset is the
merge of its fragments, and `vjties merge` uses the very same function, so merging the parts of
a split corpus gives the same bytes as extracting it whole. The merge is commutative and
associative: records with the same id are combined field by field, lists by union, and single
values taken from the record seen first in the text (smallest document id, then offset).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vjties.errors import DatasetError
from vjties.gazetteer import linked_records, load_gazetteer
from vjties.models import (
    FACT_TYPES,
    SCHEMA_VERSION,
    Dataset,
    Document,
    Evidence,
    Locality,
    Record,
)

# jsonl `type` of each list in the dataset, and back.
RECORD_TYPES: dict[str, str] = {"documents": "document"} | {
    field: record_type for field, (_, record_type) in FACT_TYPES.items()
}
LIST_OF_TYPE: dict[str, str] = {record_type: field for field, record_type in RECORD_TYPES.items()}


def _evidence_key(evidence: Evidence) -> tuple[str, int, int]:
    return (evidence.document, evidence.start, evidence.end)


def _first_evidence(record: BaseModel) -> tuple[str, int, int]:
    """Where a record was first read; records without evidence sort last."""
    keys: list[tuple[str, int, int]] = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Evidence):
            keys.append(_evidence_key(value))
        elif isinstance(value, list):
            keys.extend(_evidence_key(v) for v in value if isinstance(v, Evidence))
            keys.extend(_first_evidence(v) for v in value if isinstance(v, Record))
    return min(keys, default=("\uffff", 0, 0))


def _sort_key(value: BaseModel) -> tuple[int, tuple[str, int, int], str]:
    if isinstance(value, Evidence):
        return (0, _evidence_key(value), "")
    return (1, _first_evidence(value), value.model_dump_json())


def _union(lists: Iterable[list[Any]]) -> list[Any]:
    seen: dict[str, Any] = {}
    for values in lists:
        for value in values:
            key = value.model_dump_json() if isinstance(value, BaseModel) else json.dumps(value)
            seen.setdefault(key, value)
    items = list(seen.values())
    # Lists of plain values keep the order of the first record (parties, participants are
    # ordered); lists of evidence-bearing records are sorted by where they were read.
    if items and isinstance(items[0], BaseModel):
        items.sort(key=_sort_key)
    return items


R = TypeVar("R", bound=Record)


def merge_records(records: list[R]) -> R:
    """Combine records that share an id; the result does not depend on their order."""
    if len(records) == 1:
        return records[0]
    ordered = sorted(records, key=lambda r: (_first_evidence(r), r.model_dump_json()))
    model = type(ordered[0])
    merged: dict[str, Any] = {}
    for name in model.model_fields:
        values = [getattr(r, name) for r in ordered]
        if isinstance(values[0], list):
            if name in ("parties", "party_types"):
                merged[name] = values[0]
            else:
                merged[name] = _union(values)
        else:
            merged[name] = next((v for v in values if v is not None), None)
    return model.model_validate(merged)


def named_localities(dataset: Dataset) -> set[str]:
    """The locality ids that the records of `dataset` other than its localities name."""
    named = {org.locality for org in dataset.organizations if org.locality}
    named |= {official.locality for official in dataset.officials if official.locality}
    named |= {event.locality for event in dataset.events if event.locality}
    for figure in dataset.figures:
        named.update(figure.localities)
    for tie in dataset.partnerships:
        named.update(
            p for p, t in zip(tie.parties, tie.party_types, strict=True) if t == "locality"
        )
    return named


def link_localities(dataset: Dataset) -> Dataset:
    """`dataset` with a locality record for every parent and successor of its localities and
    every locality its other records name (without mentions when the text never names them),
    so joins never dangle. Done on each document's fragment: a merge then keeps the property,
    and stays commutative, since every fragment adds the same gazetteer records."""
    have = {locality.id for locality in dataset.localities}
    extra = linked_records(load_gazetteer(), have, named_localities(dataset))
    if not extra:
        return dataset
    localities = [*dataset.localities, *(Locality.model_validate(r) for r in extra)]
    return dataset.model_copy(update={"localities": sorted(localities, key=lambda r: r.id)})


def link_events(dataset: Dataset) -> Dataset:
    """Each partnership lists the events that made it: the inverse of `Event.partnerships`,
    which the events component writes (it runs after the partnerships, and never rewrites
    their records)."""
    made: dict[str, set[str]] = {}
    for event in dataset.events:
        for tie in event.partnerships:
            made.setdefault(tie, set()).add(event.id)
    if not made:
        return dataset
    partnerships = [
        tie.model_copy(update={"events": sorted(set(tie.events) | made[tie.id])})
        if tie.id in made
        else tie
        for tie in dataset.partnerships
    ]
    return dataset.model_copy(update={"partnerships": partnerships})


def merge_datasets(parts: Iterable[Dataset]) -> Dataset:
    """One dataset from many: documents side by side, same-id records merged."""
    documents: dict[str, Document] = {}
    grouped: dict[str, dict[str, list[Any]]] = {field: {} for field in FACT_TYPES}
    for part in parts:
        for document in part.documents:
            known = documents.get(document.id)
            if known is not None and known != document:
                raise DatasetError(
                    f"document '{document.id}' appears twice with different content "
                    f"({known.path} and {document.path}); give each input a unique file name"
                )
            documents[document.id] = document
        for field in FACT_TYPES:
            for record in getattr(part, field):
                grouped[field].setdefault(record.id, []).append(record)
    merged: dict[str, Any] = {"documents": [documents[k] for k in sorted(documents)]}
    for field, by_id in grouped.items():
        merged[field] = [merge_records(by_id[k]) for k in sorted(by_id)]
    return Dataset(**merged)


def dataset_json(dataset: Dataset) -> str:
    """The canonical serialisation: indented, UTF-8 kept, newline at the end."""
    return json.dumps(dataset.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def record_lines(field: str, records: Iterable[BaseModel]) -> Iterable[str]:
    """jsonl lines: each record with a leading `type` field."""
    record_type = RECORD_TYPES[field]
    for record in records:
        line = {"type": record_type} | record.model_dump(mode="json")
        yield json.dumps(line, ensure_ascii=False) + "\n"


def dataset_jsonl(dataset: Dataset) -> str:
    return "".join(
        line for field in RECORD_TYPES for line in record_lines(field, getattr(dataset, field))
    )


def text_format(text: str) -> str:
    """`json` for one JSON document, `jsonl` for one record a line."""
    stripped = text.strip()
    return "json" if stripped.startswith("{") and "\n{" not in stripped else "jsonl"


def parse_dataset(text: str, source: str) -> Dataset:
    """A Dataset from JSON or jsonl text; DatasetError saying why when it is not one."""
    if not text.strip():
        raise DatasetError(f"{source}: is empty, not a vjties dataset")
    if text_format(text) == "json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise DatasetError(
                f"{source}: is not valid JSON ({error.msg} at line {error.lineno})"
            ) from None
        return _validate(raw, source)
    return _parse_jsonl(text, source)


def _parse_jsonl(text: str, source: str) -> Dataset:
    lists: dict[str, list[Any]] = {field: [] for field in RECORD_TYPES}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise DatasetError(f"{source}: line {number} is not valid JSON ({error.msg})") from None
        if not isinstance(raw, dict) or raw.get("type") not in LIST_OF_TYPE:
            raise DatasetError(f"{source}: line {number} is not a vjties record (no known `type`)")
        record_type = raw.pop("type")
        lists[LIST_OF_TYPE[record_type]].append(raw)
    parts = [_validate({"schema_version": SCHEMA_VERSION} | lists, source)]
    return merge_datasets(parts)


def _validate(raw: Any, source: str) -> Dataset:
    if not isinstance(raw, dict) or "schema_version" not in raw:
        raise DatasetError(f"{source}: is not a vjties dataset (no `schema_version`)")
    if raw["schema_version"] != SCHEMA_VERSION:
        raise DatasetError(
            f"{source}: has schema_version {raw['schema_version']!r}, but this vjties reads "
            f"version {SCHEMA_VERSION!r}; re-extract it with this version"
        )
    try:
        return Dataset.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DatasetError(
            f"{source}: is not a valid vjties dataset ({where}: {first['msg']})"
        ) from None
