"""Merging and (de)serialising datasets."""

from __future__ import annotations

import itertools
import json

import pytest

from vjties.dataset import (
    dataset_json,
    dataset_jsonl,
    merge_datasets,
    parse_dataset,
)
from vjties.errors import DatasetError
from vjties.models import Dataset, Document, Evidence, Locality, Partnership


def _evidence(doc: str, start: int, text: str) -> Evidence:
    return Evidence(document=doc, start=start, end=start + len(text), text=text)


def _part(doc: str, offset: int, established: str | None) -> Dataset:
    document = Document(id=doc, path=f"corpus/{doc}.txt", sha256=doc * 4)
    hanoi = Locality(
        id="vn/hanoi",
        name="Hanoi",
        country="VN",
        kind="municipality",
        mentions=[_evidence(doc, offset, "Hanoi")],
    )
    fukuoka = Locality(
        id="jp/fukuoka/fukuoka",
        name="Fukuoka",
        country="JP",
        kind="city",
        mentions=[_evidence(doc, offset + 10, "Fukuoka")],
    )
    tie = Partnership(
        id="jp/fukuoka/fukuoka~vn/hanoi~sister_city",
        parties=["jp/fukuoka/fukuoka", "vn/hanoi"],
        party_types=["locality", "locality"],
        kind="sister_city",
        established=established,
        evidence=[_evidence(doc, offset, "Hanoi and Fukuoka became twin towns")],
    )
    return Dataset(documents=[document], localities=[hanoi, fukuoka], partnerships=[tie])


PARTS = [_part("a", 40, "2008"), _part("b", 5, "2009"), _part("c", 0, None)]


def test_merge_unions_evidence_and_keeps_first_read_values() -> None:
    merged = merge_datasets(PARTS)
    assert [d.id for d in merged.documents] == ["a", "b", "c"]
    hanoi = next(loc for loc in merged.localities if loc.id == "vn/hanoi")
    assert [(m.document, m.start) for m in hanoi.mentions] == [("a", 40), ("b", 5), ("c", 0)]
    (tie,) = merged.partnerships
    assert len(tie.evidence) == 3
    # The value read first (document a) wins; the others stay as evidence.
    assert tie.established == "2008"


def test_merge_is_independent_of_order_and_grouping() -> None:
    expected = dataset_json(merge_datasets(PARTS))
    for order in itertools.permutations(PARTS):
        assert dataset_json(merge_datasets(order)) == expected
    nested = merge_datasets([merge_datasets(PARTS[:2]), PARTS[2]])
    assert dataset_json(nested) == expected


def test_merge_refuses_two_different_documents_with_one_id() -> None:
    other = _part("a", 0, None)
    other.documents[0].sha256 = "different"
    with pytest.raises(DatasetError, match="appears twice"):
        merge_datasets([PARTS[0], other])


def test_json_and_jsonl_round_trip_to_the_same_dataset() -> None:
    merged = merge_datasets(PARTS)
    assert parse_dataset(dataset_json(merged), "x.json") == merged
    lines = dataset_jsonl(merged).splitlines()
    assert {json.loads(line)["type"] for line in lines} == {"document", "locality", "partnership"}
    assert parse_dataset(dataset_jsonl(merged), "x.jsonl") == merged


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"documents": []}', "no `schema_version`"),
        ('{"schema_version": "99"}', "schema_version '99'"),
        ('{"schema_version": "1", "documents": [{"id": 3}]}', "not a valid vjties dataset"),
        ('{"type": "spaceship"}\n{"type": "document"}\n', "not a vjties record"),
    ],
)
def test_parse_dataset_says_why_a_file_is_not_a_dataset(text: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        parse_dataset(text, "bad.json")
