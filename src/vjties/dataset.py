"""Building, merging and serialising datasets.

A one-document extraction is a Dataset of its own (a *fragment*). The corpus dataset is the
merge of its fragments, and `vjties merge` uses the very same function, so merging the parts of
a split corpus gives the same bytes as extracting it whole. The merge is commutative and
associative: records with the same id are combined field by field, lists by union, and single
values taken from the record seen first in the text (smallest document id, then offset).
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterable, Sequence
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


def merge_key(record: BaseModel) -> tuple[tuple[str, int, int], str]:
    """The order in which `merge_records` reads the records of one id: where each was first
    read, then its JSON (so that the result does not depend on the order they come in)."""
    return (_first_evidence(record), record.model_dump_json())


def merge_records(records: list[R]) -> R:
    """Combine records that share an id; the result does not depend on their order."""
    if len(records) == 1:
        return records[0]
    merge = RecordMerge(type(records[0]))
    for record in sorted(records, key=merge_key):
        merge.add(record)
    return merge.record()


#: Per record model: its fields that are lists of Evidence (the long lists of a merge).
_EVIDENCE_LISTS: dict[type[BaseModel], frozenset[str]] = {}


def _evidence_lists(model: type[BaseModel]) -> frozenset[str]:
    found = _EVIDENCE_LISTS.get(model)
    if found is None:
        found = _EVIDENCE_LISTS[model] = frozenset(
            name for name, info in model.model_fields.items() if info.annotation == list[Evidence]
        )
    return found


class RecordMerge:
    """`merge_records` as a fold: the records of one id added one at a time, in `merge_key`
    order; only the merged values are kept, never the records.

    Single values come from the first record that has one, `parties` and `party_types` from
    the first record, and lists are unions (first reading kept; lists of records sorted by
    where they were read). With `lean`, evidence is held as tuples instead of models (a
    tenth of the memory: a place named in most documents of an archive has a mention list as
    long as the archive) and the result is only available as JSON (`json_dict`).
    """

    def __init__(self, model: type[BaseModel], lean: bool = False) -> None:
        self.model = model
        self.lean = lean
        self._evidence = _evidence_lists(model)
        self._single: dict[str, Any] = {}
        self._unions: dict[str, dict[Any, Any]] = {}
        self._started = False

    def add(self, record: BaseModel) -> None:
        """Fold in the next record (records must come in `merge_key` order)."""
        first = not self._started
        self._started = True
        for name in self.model.model_fields:
            value = getattr(record, name)
            if not isinstance(value, list):
                if self._single.get(name) is None:
                    self._single[name] = value
            elif name in ("parties", "party_types"):
                if first:
                    self._single[name] = value
            elif name in self._evidence:
                seen = self._unions.setdefault(name, {})
                for item in value:
                    place = (item.document, item.start, item.end, item.text)
                    if place not in seen:
                        seen[place] = None if self.lean else item
            else:
                seen = self._unions.setdefault(name, {})
                for item in value:
                    key = (
                        item.model_dump_json() if isinstance(item, BaseModel) else json.dumps(item)
                    )
                    seen.setdefault(key, item)

    def _lists(self, evidence_as: str) -> dict[str, list[Any]]:
        """The unions, sorted as `_union` sorts them (evidence by document and offsets)."""
        lists: dict[str, list[Any]] = {}
        for name, seen in self._unions.items():
            if name in self._evidence:
                keys = sorted(seen, key=lambda k: (k[0], k[1], k[2]))
                if evidence_as == "model":
                    lists[name] = [seen[k] for k in keys]
                else:
                    lists[name] = [
                        {"document": d, "start": s, "end": e, "text": t} for d, s, e, t in keys
                    ]
                continue
            items = list(seen.values())
            if items and isinstance(items[0], BaseModel):
                items.sort(key=_sort_key)
            lists[name] = items
        return lists

    def record(self) -> Any:
        """The merged record (not with `lean`)."""
        if self.lean:
            raise ValueError("a lean merge keeps no evidence models; use json_dict()")
        return self.model.model_validate(self._single | self._lists("model"))

    def json_dict(self) -> dict[str, Any]:
        """`record().model_dump(mode="json")`, without building the evidence models: the
        record is validated with its evidence lists empty, which every record allows."""
        lists = self._lists("json")
        empty: dict[str, list[Any]] = {name: [] for name in self._evidence}
        shell = self.model.model_validate(self._single | lists | empty)
        dumped = shell.model_dump(mode="json")
        for name in self._evidence:
            dumped[name] = lists.get(name, [])
        return dumped


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


# Characters JSON may hold raw that some readers take for line breaks (U+2028, U+2029, U+0085
# and Python's str.splitlines) or a terminal for control codes (C1, DEL): written escaped, so
# that each jsonl record is one line to every reader and no JSON string is an escape code.
_ESCAPED_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def _json(value: Any, indent: int | None = None) -> str:
    """JSON as vjties writes it: UTF-8 kept, no NaN or Infinity, the characters above escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return _ESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _evidence_by_document(value: Any, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """Every piece of evidence in a record, as JSON, by the document it was read from."""
    if isinstance(value, Evidence):
        found.setdefault(value.document, set()).add(value.model_dump_json())
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _evidence_by_document(getattr(value, name), found)
    elif isinstance(value, list):
        for item in value:
            _evidence_by_document(item, found)
    return found


def conflicting_ids(parts: Sequence[Dataset]) -> list[str]:
    """Ids under which two of `parts` say different things about the same document.

    Parts of one corpus extracted apart share ids (a province named in both), and merging
    joins them: that is no conflict. Two records under one id conflict when they were read
    from a common document and disagree about it: different evidence from that document, or,
    when each was read from that document alone, any difference at all. Records without
    evidence conflict when they differ. The same document extracted by two versions of
    vjties, or an edited dataset, gives conflicts; merge resolves them (the first reading's
    single values, lists joined) and the CLI names them.
    """
    # (record type, id, what about) -> the distinct things the parts say about it
    claims: dict[tuple[str, str, str], set[str]] = {}
    for part in parts:
        for field in FACT_TYPES:
            for record in getattr(part, field):
                by_document = _evidence_by_document(record, {})
                said = {d: "\n".join(sorted(e)) for d, e in by_document.items()}
                if len(by_document) <= 1:
                    said[f"{next(iter(by_document), '')}\x00whole"] = record.model_dump_json()
                for about, what in said.items():
                    claims.setdefault((field, record.id, about), set()).add(what)
    return sorted({record_id for (_, record_id, _), said in claims.items() if len(said) > 1})


def dataset_json(dataset: Dataset) -> str:
    """The canonical serialisation: indented, UTF-8 kept, newline at the end."""
    return _json(dataset.model_dump(mode="json"), indent=2) + "\n"


def record_lines(field: str, records: Iterable[BaseModel]) -> Iterable[str]:
    """jsonl lines: each record with a leading `type` field."""
    record_type = RECORD_TYPES[field]
    for record in records:
        line = {"type": record_type} | record.model_dump(mode="json")
        yield _json(line) + "\n"


def dataset_jsonl(dataset: Dataset) -> str:
    return "".join(
        line for field in RECORD_TYPES for line in record_lines(field, getattr(dataset, field))
    )


def text_format(text: str) -> str:
    """`json` for one JSON document, `jsonl` for one record a line (one line may be a record,
    as the jsonl of an empty article is)."""
    stripped = text.strip()
    if not stripped.startswith("{") or "\n{" in stripped:
        return "jsonl"
    if "\n" not in stripped:
        with contextlib.suppress(ValueError, RecursionError):
            first = json.loads(stripped)
            if isinstance(first, dict) and "type" in first and "schema_version" not in first:
                return "jsonl"
    return "json"


class _NotFinite(ValueError):
    """NaN or Infinity in a dataset: Python's json reads them, JSON does not allow them."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _not_finite(text: str) -> float:
    raise _NotFinite(text)


def _loads(text: str, source: str) -> Any:
    """One JSON value; DatasetError naming `source` (a file, or a file and line) if not one."""
    try:
        value = json.loads(text, parse_float=_finite_float, parse_constant=_not_finite)
    except json.JSONDecodeError as error:
        raise DatasetError(
            f"{source}: is not valid JSON ({error.msg} at line {error.lineno})"
        ) from None
    except _NotFinite as error:
        raise DatasetError(
            f"{source}: holds the number {_shown(str(error))}, which JSON does not allow; "
            "numbers must be finite"
        ) from None
    except RecursionError:
        raise DatasetError(f"{source}: is nested too deeply to be a vjties dataset") from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise DatasetError(
            f"{source}: holds a number of more than 4,300 digits; it was not written by vjties"
        ) from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise DatasetError(
            f"{source}: holds a lone UTF-16 surrogate escape (\\ud800-\\udfff), which is not "
            "text; it was not written by vjties"
        )
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _shown(value: Any, limit: int = 60) -> str:
    """A value quoted in a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_dataset(text: str, source: str) -> Dataset:
    """A Dataset from JSON or jsonl text; DatasetError saying why when it is not one.

    Empty text is the jsonl of no records: what `extract --format jsonl` writes when it has
    no document to write.
    """
    if not text.strip():
        return Dataset()
    if text_format(text) == "json":
        dataset = _validate(_loads(text, source), source)
        # Records sharing an id are merged, as in jsonl (concatenated parts), so that every
        # command reads the same dataset: diff would keep the last, show both, merge one.
        return merge_datasets([dataset]) if _has_shared_ids(dataset) else dataset
    return _parse_jsonl(text, source)


def _has_shared_ids(dataset: Dataset) -> bool:
    for field in RECORD_TYPES:
        ids = [record.id for record in getattr(dataset, field)]
        if len(ids) != len(set(ids)):
            return True
    return False


def _parse_jsonl(text: str, source: str) -> Dataset:
    lists: dict[str, list[Any]] = {field: [] for field in RECORD_TYPES}
    # Lines end at "\n" only: str.splitlines also splits at U+2028 and the like, which a JSON
    # string may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        raw = _loads(line, f"{source}: line {number}")
        record_type = raw.get("type") if isinstance(raw, dict) else None
        if not isinstance(record_type, str) or record_type not in LIST_OF_TYPE:
            raise DatasetError(f"{source}: line {number} is not a vjties record (no known `type`)")
        del raw["type"]
        lists[LIST_OF_TYPE[record_type]].append(raw)
    parts = [_validate({"schema_version": SCHEMA_VERSION} | lists, source)]
    return merge_datasets(parts)


def _validate(raw: Any, source: str) -> Dataset:
    if not isinstance(raw, dict) or "schema_version" not in raw:
        raise DatasetError(f"{source}: is not a vjties dataset (no `schema_version`)")
    if raw["schema_version"] != SCHEMA_VERSION:
        raise DatasetError(
            f"{source}: has schema_version {_shown(raw['schema_version'])}, but this vjties "
            f"reads version {SCHEMA_VERSION!r}; re-extract it with this version"
        )
    try:
        return Dataset.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DatasetError(
            f"{source}: is not a valid vjties dataset ({_shorten(where)}: {first['msg']})"
        ) from None
    except RecursionError:
        raise DatasetError(f"{source}: is nested too deeply to be a vjties dataset") from None


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
