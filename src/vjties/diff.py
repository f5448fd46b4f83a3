"""A semantic diff of two datasets: records keyed by record type and id.

`diff_datasets` compares record by record and reports the added, removed and changed
records; a changed record lists the fields that changed with nested paths
(`roles[0].title`, `evidence`). A change where the same evidence text, in the same document,
only moved (its offsets shifted because the text around it was edited) is a *move*: it is
reported as such, and `ignore_evidence=True` leaves it out.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vjties.dataset import RECORD_TYPES, parse_dataset
from vjties.errors import DatasetError
from vjties.models import Dataset

ChangeKind = Literal["changed", "moved", "items"]
EVIDENCE_KEYS = frozenset({"document", "start", "end", "text"})
DIGITS = re.compile(r"\d+")
# Record types in dataset order: "document", "locality", ...
TYPE_ORDER: tuple[str, ...] = tuple(RECORD_TYPES.values())


def read_dataset(path: str) -> Dataset:
    """The dataset in a JSON or jsonl file, or on stdin for `-`; DatasetError saying why not."""
    return parse_dataset(read_text(path), "stdin" if path == "-" else path)


def read_text(path: str) -> str:
    """The text of a dataset file, or of stdin for `-`; DatasetError saying why it cannot be read."""
    if path == "-" and sys.stdin is None:
        raise DatasetError("stdin: is closed; pipe a dataset into it or give a file")
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise DatasetError(f"{path}: is a directory, not a dataset file") from None
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: is not UTF-8 text, so not a vjties dataset") from None
    except OSError as error:
        raise DatasetError(f"{path}: cannot be read ({error.strerror or error})") from None


@dataclass(frozen=True)
class FieldChange:
    """One difference inside a record.

    kind `changed`: the value at `path` went from `old` to `new`; `moved`: the evidence at
    `path` kept its document and text but its offsets changed; `items`: the list at `path`
    lost the items in `old` and gained those in `new`.
    """

    path: str
    old: Any
    new: Any
    kind: ChangeKind = "changed"

    def to_json(self) -> dict[str, Any]:
        if self.kind == "items":
            return {"path": self.path, "kind": "items", "removed": self.old, "added": self.new}
        return {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class RecordChange:
    type: str
    id: str
    changes: tuple[FieldChange, ...]

    @property
    def evidence_moved(self) -> bool:
        """Only evidence offsets changed: the same fact, read at a shifted place."""
        return all(change.kind == "moved" for change in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "evidence_moved": self.evidence_moved,
            "changes": [change.to_json() for change in self.changes],
        }


@dataclass(frozen=True)
class RecordRef:
    """An added or removed record, as it is in the dataset that has it."""

    type: str
    id: str
    record: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "record": self.record}


@dataclass
class DatasetDiff:
    added: list[RecordRef] = field(default_factory=list)
    removed: list[RecordRef] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per record type: added, removed, changed and evidence_moved records."""
        counts = {
            t: {"added": 0, "removed": 0, "changed": 0, "evidence_moved": 0} for t in TYPE_ORDER
        }
        for ref in self.added:
            counts[ref.type]["added"] += 1
        for ref in self.removed:
            counts[ref.type]["removed"] += 1
        for change in self.changed:
            counts[change.type]["evidence_moved" if change.evidence_moved else "changed"] += 1
        return counts

    def to_json(self, old: str, new: str, stat: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {
            "old": old,
            "new": new,
            "same": self.same,
            "counts": self.counts(),
        }
        if not stat:
            result["added"] = [ref.to_json() for ref in self.added]
            result["removed"] = [ref.to_json() for ref in self.removed]
            result["changed"] = [change.to_json() for change in self.changed]
        return result


def _records(
    dataset: Dataset, compare_paths: bool = False
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record as JSON by (type, id); a document without its `path` unless
    `compare_paths` (where the corpus folder lies says nothing about the article)."""
    records: dict[tuple[str, str], dict[str, Any]] = {}
    for list_name, record_type in RECORD_TYPES.items():
        for record in getattr(dataset, list_name):
            exclude = {"path"} if record_type == "document" and not compare_paths else None
            records[(record_type, record.id)] = record.model_dump(mode="json", exclude=exclude)
    return records


def _order(key: tuple[str, str]) -> tuple[int, str]:
    return (TYPE_ORDER.index(key[0]), key[1])


def diff_datasets(
    old: Dataset, new: Dataset, ignore_evidence: bool = False, compare_paths: bool = False
) -> DatasetDiff:
    """The records added to, removed from and changed between `old` and `new`.

    Documents' paths are compared only with `compare_paths`: a corpus moved to another folder
    is the same corpus. A removed and an added record that differ only in evidence offsets and
    in the numbers of their ids (the offset ids of datasets written before `vjties.ids`,
    `d/date/120` -> `d/date/126`) are one moved record.
    """
    old_records, new_records = _records(old, compare_paths), _records(new, compare_paths)
    diff = DatasetDiff()
    for key in sorted(old_records.keys() | new_records.keys(), key=_order):
        if key not in new_records:
            diff.removed.append(RecordRef(*key, old_records[key]))
        elif key not in old_records:
            diff.added.append(RecordRef(*key, new_records[key]))
        else:
            changes = diff_records(old_records[key], new_records[key])
            if ignore_evidence:
                changes = [c for c in changes if c.kind != "moved"]
            if changes:
                diff.changed.append(RecordChange(*key, tuple(changes)))
    _pair_moved_records(diff, ignore_evidence)
    return diff


def _without_offsets(value: Any) -> Any:
    if _is_evidence(value):
        return {"document": value["document"], "text": value["text"]}
    if isinstance(value, dict):
        return {k: _without_offsets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_offsets(v) for v in value]
    return value


def _moved_key(ref: RecordRef) -> str:
    content = _without_offsets({k: v for k, v in ref.record.items() if k != "id"})
    return _key([ref.type, DIGITS.sub("#", ref.id), content])


def _pair_moved_records(diff: DatasetDiff, ignore_evidence: bool) -> None:
    if not (diff.removed and diff.added):
        return
    removed_by_key: dict[str, list[RecordRef]] = {}
    for ref in diff.removed:
        removed_by_key.setdefault(_moved_key(ref), []).append(ref)
    paired: set[int] = set()
    still_added: list[RecordRef] = []
    for ref in diff.added:
        candidates = removed_by_key.get(_moved_key(ref))
        if not candidates:
            still_added.append(ref)
            continue
        before = candidates.pop(0)
        paired.add(id(before))
        if not ignore_evidence:
            changes = diff_records(before.record, ref.record)
            diff.changed.append(RecordChange(ref.type, ref.id, tuple(changes)))
    diff.added = still_added
    diff.removed = [ref for ref in diff.removed if id(ref) not in paired]
    diff.changed.sort(key=lambda change: _order((change.type, change.id)))


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The field changes between two versions of a record (JSON values)."""
    changes: list[FieldChange] = []
    _diff_value(old, new, "", changes)
    return changes


def _is_evidence(value: Any) -> bool:
    return isinstance(value, dict) and value.keys() == EVIDENCE_KEYS


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _list_items_diff(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    """(removed, added) items, as multisets, each in its list's order."""
    old_left = Counter(_key(v) for v in old) - Counter(_key(v) for v in new)
    new_left = Counter(_key(v) for v in new) - Counter(_key(v) for v in old)
    removed, added = [], []
    for value in old:
        if old_left[_key(value)] > 0:
            old_left[_key(value)] -= 1
            removed.append(value)
    for value in new:
        if new_left[_key(value)] > 0:
            new_left[_key(value)] -= 1
            added.append(value)
    return removed, added


def _pair_moved_evidence(removed: list[Any], added: list[Any]) -> list[tuple[Any, Any]]:
    """Take out of `removed` and `added` the evidence that only moved, as (old, new) pairs.

    Pairs are made from the end of the lists: text inserted or deleted shifts only the
    evidence after it, so the last readings of a text are the ones that moved.
    """
    pairs: list[tuple[Any, Any]] = []
    for before in reversed(list(removed)):
        if not _is_evidence(before):
            continue
        for after in reversed(added):
            if (
                _is_evidence(after)
                and after["document"] == before["document"]
                and after["text"] == before["text"]
            ):
                pairs.append((before, after))
                removed.remove(before)
                added.remove(after)
                break
    pairs.reverse()
    return pairs


def _diff_value(old: Any, new: Any, path: str, changes: list[FieldChange]) -> None:
    if old == new and type(old) is type(new):
        return
    if _is_evidence(old) and _is_evidence(new):
        same_reading = old["document"] == new["document"] and old["text"] == new["text"]
        changes.append(FieldChange(path, old, new, "moved" if same_reading else "changed"))
    elif path == "id" and isinstance(old, str) and isinstance(new, str):
        # Only reached for records paired as moved: an id made from an offset follows it.
        changes.append(FieldChange(path, old, new, "moved"))
    elif isinstance(old, dict) and isinstance(new, dict):
        for name in [*old, *(k for k in new if k not in old)]:
            _diff_value(old.get(name), new.get(name), f"{path}.{name}" if path else name, changes)
    elif isinstance(old, list) and isinstance(new, list):
        removed, added = _list_items_diff(old, new)
        differing = [i for i, (o, n) in enumerate(zip(old, new, strict=False)) if o != n]
        # Same length and few differing positions (moved evidence, one changed title, a
        # reordering): compare item by item. Otherwise say which items went and came, as an
        # insertion would shift every later index.
        if len(old) == len(new) and (
            not (removed or added) or len(differing) < len(removed) + len(added)
        ):
            for i in differing:
                _diff_value(old[i], new[i], f"{path}[{i}]", changes)
        else:
            for before, after in _pair_moved_evidence(removed, added):
                changes.append(FieldChange(f"{path}[{new.index(after)}]", before, after, "moved"))
            if removed or added:
                changes.append(FieldChange(path, removed, added, "items"))
    else:
        changes.append(FieldChange(path, old, new))


# Rendering


def _short(value: Any, limit: int = 100) -> str:
    if _is_evidence(value):
        text = json.dumps(value["text"], ensure_ascii=False)
        return f"{text} @{value['document']}:{value['start']}-{value['end']}"
    shown = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def record_label(record_type: str, record: dict[str, Any]) -> str:
    """A few words that say what a record is, for a one-line listing."""
    if record_type == "partnership":
        parties = " – ".join(record.get("parties") or [])
        return f"{parties} ({record.get('kind')}, {record.get('status')})"
    if record_type == "document":
        return str(record.get("title") or record.get("path"))
    for name in ("name", "text", "title", "kind"):
        if record.get(name):
            return str(record[name])
    return ""


def _change_lines(change: FieldChange) -> list[Text]:
    path = change.path or "(record)"
    if change.kind == "moved" and path == "id":
        return [
            Text(f"    id: {_short(change.old)} -> {_short(change.new)} (follows its evidence)")
        ]
    if change.kind == "moved":
        return [
            Text.assemble(
                f"    {path}: ",
                ("evidence moved", "cyan"),
                f" {change.old['start']}-{change.old['end']} -> "
                f"{change.new['start']}-{change.new['end']} ",
                _short(change.new["text"]),
            )
        ]
    if change.kind == "items":
        lines = [Text(f"    {path}:")]
        lines += [Text(f"      - {_short(v)}", style="red") for v in change.old]
        lines += [Text(f"      + {_short(v)}", style="green") for v in change.new]
        return lines
    return [
        Text.assemble(
            f"    {path}: ", (_short(change.old), "red"), " -> ", (_short(change.new), "green")
        )
    ]


def summary_table(diff: DatasetDiff, old: str, new: str) -> Table:
    table = Table(
        title=f"{old} -> {new}",
        box=box.SIMPLE,
        title_justify="left",
        show_footer=True,
    )
    table.add_column("record type", footer="total")
    columns = ("added", "removed", "changed", "evidence_moved")
    counts = diff.counts()
    totals = {c: sum(counts[t][c] for t in counts) for c in columns}
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right", footer=str(totals[column]))
    for record_type, row in counts.items():
        if any(row.values()):
            table.add_row(record_type, *(str(row[c]) for c in columns))
    return table


def render_diff(
    diff: DatasetDiff, console: Console, old: str, new: str, stat: bool = False
) -> None:
    """The human diff: a table of counts per record type, then each record's changes."""
    if diff.same:
        console.print(f"no differences between {old} and {new}", highlight=False, soft_wrap=True)
        return
    console.print(summary_table(diff, old, new))
    if stat:
        return
    for line in detail_lines(diff):
        console.print(line, soft_wrap=True)


def detail_lines(diff: DatasetDiff) -> list[Text]:
    """Each removed, added and changed record, by record type, then id."""
    entries: list[tuple[tuple[int, str], int, list[Text]]] = []
    for ref in diff.removed:
        head = Text.assemble(("- ", "red"), (f"{ref.type} {ref.id}", "bold"), "  removed  ")
        entries.append(
            (_order((ref.type, ref.id)), 0, [head + Text(record_label(ref.type, ref.record))])
        )
    for ref in diff.added:
        head = Text.assemble(("+ ", "green"), (f"{ref.type} {ref.id}", "bold"), "  added  ")
        entries.append(
            (_order((ref.type, ref.id)), 1, [head + Text(record_label(ref.type, ref.record))])
        )
    for change in diff.changed:
        what = "evidence moved" if change.evidence_moved else "changed"
        lines = [
            Text.assemble(("~ ", "yellow"), (f"{change.type} {change.id}", "bold"), f"  {what}")
        ]
        for item in change.changes:
            lines.extend(_change_lines(item))
        entries.append((_order((change.type, change.id)), 2, lines))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [line for _, _, lines in entries for line in lines]
