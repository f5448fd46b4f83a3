"""Serialised fragments: the writers give the bytes of the reference serialisers of the merge."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest

from factories import document, evidence, locality, partnership
from vjties.dataset import dataset_json, dataset_jsonl, merge_datasets, merge_records
from vjties.errors import DatasetError
from vjties.extract import extract_source
from vjties.fragments import (
    Fragment,
    fragment_of,
    parse_record,
    to_dataset,
    write_fragments,
)
from vjties.models import Dataset
from vjties.reader import SourceText, find_inputs, iter_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _part(doc: str, offset: int, established: str | None) -> Dataset:
    """One document naming Hanoi and Fukuoka and their tie (shared ids across parts)."""
    tie = partnership(
        ["jp/fukuoka/fukuoka", "vn/hanoi"],
        "sister_city",
        established=established,
        evidence=[evidence("Hanoi and Fukuoka are twins", offset, doc)],
    )
    return Dataset(
        documents=[document(doc)],
        localities=[
            locality("vn/hanoi", "Hanoi", "VN", "municipality", document=doc, start=offset),
            locality("jp/fukuoka/fukuoka", "Fukuoka", "JP", "city", document=doc, start=9),
        ],
        partnerships=[tie],
    )


PARTS = [_part("b", 5, "2009"), _part("a", 40, "2008"), _part("c", 0, None)]


def _written(parts: list[Dataset], fmt: str) -> str:
    stream = io.StringIO()
    write_fragments((fragment_of(p, fmt) for p in parts), stream, fmt)
    return stream.getvalue()


def test_json_is_byte_for_byte_the_merged_dataset() -> None:
    assert _written(PARTS, "json") == dataset_json(merge_datasets(PARTS))


def test_jsonl_merges_shared_ids_as_merge_records_does() -> None:
    lines = _written(PARTS, "jsonl").splitlines(keepends=True)
    expected = dataset_jsonl(merge_datasets(PARTS)).splitlines(keepends=True)
    # Per-document records stream in input order; merged ones follow, sorted by id.
    assert sorted(lines) == sorted(expected)
    assert lines[-3:] == expected[-3:]
    (hanoi,) = [json.loads(line) for line in lines if '"id": "vn/hanoi"' in line]
    assert [(m["document"], m["start"]) for m in hanoi["mentions"]] == [
        ("a", 40),
        ("b", 5),
        ("c", 0),
    ]
    assert hanoi == {"type": "locality"} | merge_records(
        [p.localities[0] for p in PARTS]
    ).model_dump(mode="json")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_order_of_fragments_does_not_change_the_merged_records(fmt: str) -> None:
    merged = {
        _written(list(order), fmt).count('"vn/hanoi"') for order in itertools.permutations(PARTS)
    }
    assert len(merged) == 1
    jsons = {_written(list(order), "json") for order in itertools.permutations(PARTS)}
    assert len(jsons) == 1


def test_a_document_read_twice_with_different_content_is_refused() -> None:
    other = Dataset(documents=[document("a", path="elsewhere/a.txt")])
    with pytest.raises(DatasetError, match="appears twice"):
        _written([PARTS[1], other], "json")


def test_a_fragment_is_written_only_in_its_own_style() -> None:
    with pytest.raises(ValueError, match="cannot be written as jsonl"):
        write_fragments([fragment_of(PARTS[0], "json")], io.StringIO(), "jsonl")


def test_to_dataset_and_parse_record_read_back_what_was_serialised() -> None:
    fragments = [
        fragment_of(p, style) for p, style in zip(PARTS, ["json", "jsonl", "json"], strict=True)
    ]
    assert to_dataset(fragments) == merge_datasets(PARTS)
    record = fragments[1].records[1]
    assert parse_record(record.field, record.text) == PARTS[1].localities[0]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_seed_fragments_write_what_the_merged_datasets_serialise_to(fmt: str) -> None:
    datasets = [
        extract_source(s)
        for s in iter_sources(find_inputs([SEEDS.as_posix()]))
        if isinstance(s, SourceText)
    ]
    fragments: list[Fragment] = [fragment_of(d, fmt) for d in datasets]
    stream = io.StringIO()
    write_fragments(fragments, stream, fmt)
    merged = merge_datasets(datasets)
    if fmt == "json":
        assert stream.getvalue() == dataset_json(merged)
    else:
        assert sorted(stream.getvalue().splitlines()) == sorted(dataset_jsonl(merged).splitlines())
