"""Serialised dataset fragments, and the writers that merge them into one dataset.

A worker (a `--jobs` process, a Dask worker) turns each document's fragment into a `Fragment`:
its records already serialised as the output will hold them, each with its id and where it
was first read. What crosses a process boundary is then a few strings per record instead of
pickled pydantic models, and the process that writes the dataset only merges: a record whose
id occurs once is copied as it came, and only the records of ids shared between documents
(places, organizations, officials, ties named in several articles) are parsed and merged, with
`vjties.dataset.merge_records`, the merge of `vjties merge`.

Two styles, one per output format, so that no record is serialised twice:

- `jsonl`: one record as one compact JSON object (the jsonl line without its `type`);
- `json`: one record as it stands in the indented dataset, inside its list (four spaces in).

`write_json` holds every record's text until the end (json is one document: its memory grows
with the corpus, at some 0.5-1 KB of text per record); `write_jsonl` writes the per-document
records at once and keeps the others in a temporary SQLite file until the end, when each id is
merged with `RecordMerge` in lean mode, one record at a time, so its memory does not grow with
the corpus beyond the evidence of the most mentioned place.
"""

from __future__ import annotations

import itertools
import json
import operator
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from vjties.dataset import (
    RECORD_TYPES,
    RecordMerge,
    _first_evidence,
    _json,
    merge_datasets,
    merge_key,
    merge_records,
)
from vjties.errors import DatasetError
from vjties.models import FACT_TYPES, SCHEMA_VERSION, Dataset, Document, Record

#: Records of these types belong to one document (their ids start with the document id), so
#: jsonl streams them as each document finishes; the others are merged across documents.
STREAMED_FIELDS: tuple[str, ...] = ("documents", "figures", "dates", "events")
CROSS_DOCUMENT_FIELDS: tuple[str, ...] = tuple(f for f in FACT_TYPES if f not in STREAMED_FIELDS)
STYLES = ("json", "jsonl")
#: The model of each list of a dataset.
MODELS: dict[str, type[Record]] = {"documents": Document} | {
    field: model for field, (model, _) in FACT_TYPES.items()
}
#: Indentation of a record inside its list in the indented dataset.
_RECORD_INDENT = "    "


class FragmentRecord(NamedTuple):
    """One serialised record: its list, id, text, and where it was first read (the first
    part of `merge_key`, kept for records merged across documents)."""

    field: str
    id: str
    text: str
    first: tuple[str, int, int] | None


class Fragment(NamedTuple):
    """One document's records, serialised in `style`, in dataset order (list, then id); with
    the reader's warning about its text when it was read where it was extracted (a cluster)."""

    style: str
    records: tuple[FragmentRecord, ...]
    warning: str | None = None


def record_text(record: Record, style: str) -> str:
    """One record serialised in `style` (see the module docstring)."""
    return _record_text(record.model_dump(mode="json"), style)


def _record_text(data: dict[str, Any], style: str) -> str:
    if style == "jsonl":
        return _json(data)
    # json.dumps(..., indent=2) of the whole dataset puts a record two levels in; no string
    # holds a raw line break (JSON escapes them), so every "\n" here is the layout's.
    return _RECORD_INDENT + _json(data, indent=2).replace("\n", "\n" + _RECORD_INDENT)


def fragment_of(dataset: Dataset, style: str = "jsonl") -> Fragment:
    """The serialised form of `dataset` (a document's fragment, or any dataset)."""
    if style not in STYLES:
        raise ValueError(f"unknown fragment style {style!r}")
    records = []
    for field in RECORD_TYPES:
        cross_document = field in CROSS_DOCUMENT_FIELDS
        for record in getattr(dataset, field):
            first = _first_evidence(record) if cross_document else None
            records.append(FragmentRecord(field, record.id, record_text(record, style), first))
    return Fragment(style, tuple(records))


def parse_record(field: str, text: str) -> Record:
    """A record back from its text (either style)."""
    return MODELS[field].model_validate_json(text)


def to_dataset(fragments: Iterable[Fragment]) -> Dataset:
    """The merged dataset of `fragments`, as `merge_datasets` merges their datasets."""
    parts = []
    for fragment in fragments:
        lists: dict[str, list[Any]] = {field: [] for field in RECORD_TYPES}
        for record in fragment.records:
            lists[record.field].append(parse_record(record.field, record.text))
        parts.append(Dataset(**lists))
    return merge_datasets(parts)


def _checked_style(fragment: Fragment, style: str) -> None:
    if fragment.style != style:
        raise ValueError(f"a {fragment.style} fragment cannot be written as {style}")


def _merged_text(field: str, texts: list[str], style: str) -> str:
    """The text of the merge of several records of one id."""
    if field == "documents":
        other = next((text for text in texts if text != texts[0]), None)
        if other is not None:
            raise DatasetError(_twice(parse_record(field, texts[0]), parse_record(field, other)))
        return texts[0]
    merged = merge_records([parse_record(field, text) for text in texts])
    return record_text(merged, style)


def _twice(first: Any, other: Any) -> str:
    """The message of a document id read twice with different content (as `merge_datasets`)."""
    return (
        f"document '{first.id}' appears twice with different content "
        f"({first.path} and {other.path}); give each input a unique file name"
    )


def write_json(fragments: Iterable[Fragment], stream: TextIO) -> None:
    """The indented dataset of `fragments` (json-style), byte for byte `dataset_json` of the
    merge of their datasets."""
    by_field: dict[str, dict[str, list[str]]] = {field: {} for field in RECORD_TYPES}
    for fragment in fragments:
        _checked_style(fragment, "json")
        for record in fragment.records:
            by_field[record.field].setdefault(record.id, []).append(record.text)
    # Documents are checked before anything is written, as merge_datasets does.
    for record_id, texts in by_field["documents"].items():
        if len(texts) > 1:
            by_field["documents"][record_id] = [_merged_text("documents", texts, "json")]
    stream.write('{\n  "schema_version": ' + json.dumps(SCHEMA_VERSION))
    for field, by_id in by_field.items():
        stream.write(f',\n  "{field}": ')
        if not by_id:
            stream.write("[]")
            continue
        stream.write("[\n")
        for number, record_id in enumerate(sorted(by_id)):
            texts = by_id.pop(record_id)
            text = texts[0] if len(texts) == 1 else _merged_text(field, texts, "json")
            stream.write((",\n" if number else "") + text)
        stream.write("\n  ]")
    stream.write("\n}\n")


def _jsonl_line(field: str, text: str) -> str:
    """A jsonl line from a jsonl-style record text: `{"type": ..., ` and the record's fields
    (as `record_lines` writes it; every record has fields, so the text is never `{}`)."""
    return '{"type": ' + json.dumps(RECORD_TYPES[field]) + ", " + text[1:] + "\n"


def write_jsonl(fragments: Iterable[Fragment], stream: TextIO) -> None:
    """The jsonl dataset of `fragments` (jsonl-style): per-document records as each fragment
    comes, the records merged across documents at the end, each type sorted by id."""
    with tempfile.TemporaryDirectory(prefix="vjties-") as workdir:
        store = sqlite3.connect(Path(workdir) / "records.sqlite")
        try:
            _store_fragments(fragments, stream, store)
            store.execute("CREATE INDEX record_order ON record (field, id, doc, start, end, seq)")
            for field in CROSS_DOCUMENT_FIELDS:
                stream.writelines(_merged_lines(field, store))
        finally:
            store.close()


def _store_fragments(
    fragments: Iterable[Fragment], stream: TextIO, store: sqlite3.Connection
) -> None:
    """Write each fragment's per-document records; keep the others in `store`."""
    store.execute(
        "CREATE TABLE record (field TEXT, id TEXT, doc TEXT, start INTEGER, end INTEGER, "
        "seq INTEGER, json TEXT)"
    )
    for seq, fragment in enumerate(fragments):
        _checked_style(fragment, "jsonl")
        stream.writelines(
            _jsonl_line(r.field, r.text) for r in fragment.records if r.field in STREAMED_FIELDS
        )
        store.executemany(
            "INSERT INTO record VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (r.field, r.id, *(r.first or _first_evidence_of(r)), seq, r.text)
                for r in fragment.records
                if r.field not in STREAMED_FIELDS
            ),
        )


def _first_evidence_of(record: FragmentRecord) -> tuple[str, int, int]:
    return _first_evidence(parse_record(record.field, record.text))


def _merged_lines(field: str, store: sqlite3.Connection) -> Iterator[str]:
    """The jsonl lines of one cross-document type: each id's records merged in lean mode.

    SQLite hands each id's records in `merge_key` order up to its tie-break (where they
    were first read; text order is code point order in both); records read first at the same
    place are put in order by their JSON here, and identical ones read once.
    """
    rows = store.execute(
        "SELECT id, doc, start, end, json FROM record WHERE field = ? "
        "ORDER BY id, doc, start, end, seq",
        (field,),
    )
    for _, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        yield _merged_line(field, group)


_Row = tuple[str, str, int, int, str]


def _merged_line(field: str, rows: Iterator[_Row]) -> str:
    """The jsonl line of one id's rows (in SQLite's order)."""
    first = next(rows)
    second = next(rows, None)
    if second is None:
        return _jsonl_line(field, first[4])
    merge = RecordMerge(MODELS[field], lean=True)
    for _, tied in itertools.groupby(itertools.chain((first, second), rows), key=_place):
        texts = list(dict.fromkeys(row[4] for row in tied))
        records = [parse_record(field, text) for text in texts]
        if len(records) > 1:
            records.sort(key=merge_key)
        for record in records:
            merge.add(record)
    return _json({"type": RECORD_TYPES[field]} | merge.json_dict()) + "\n"


def _place(row: _Row) -> tuple[str, int, int]:
    return (row[1], row[2], row[3])


def write_fragments(fragments: Iterable[Fragment], stream: TextIO, fmt: str = "json") -> None:
    """Write the merged dataset of `fragments` to `stream` as `json` or `jsonl` (fragments
    serialised in the same style)."""
    if fmt == "json":
        write_json(fragments, stream)
    else:
        write_jsonl(fragments, stream)


def fragments_in_style(datasets: Iterable[Dataset], style: str) -> Iterator[Fragment]:
    """`fragment_of` each dataset (for writing datasets that are already in memory)."""
    for dataset in datasets:
        yield fragment_of(dataset, style)


__all__ = [
    "CROSS_DOCUMENT_FIELDS",
    "STREAMED_FIELDS",
    "Fragment",
    "FragmentRecord",
    "fragment_of",
    "fragments_in_style",
    "parse_record",
    "record_text",
    "to_dataset",
    "write_fragments",
    "write_json",
    "write_jsonl",
]
