"""Merging and (de)serialising datasets."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from factories import evidence, partnership
from vjties.dataset import (
    dataset_json,
    dataset_jsonl,
    link_localities,
    merge_datasets,
    named_localities,
    parse_dataset,
)
from vjties.errors import DatasetError
from vjties.extract import extract_text
from vjties.models import Dataset, Document, Locality, Partnership


def _part(doc: str, offset: int, established: str | None) -> Dataset:
    document = Document(id=doc, path=f"corpus/{doc}.txt", sha256=doc * 4)
    hanoi = Locality(
        id="vn/hanoi",
        name="Hanoi",
        country="VN",
        kind="municipality",
        mentions=[evidence("Hanoi", offset, doc)],
    )
    fukuoka = Locality(
        id="jp/fukuoka/fukuoka",
        name="Fukuoka",
        country="JP",
        kind="city",
        mentions=[evidence("Fukuoka", offset + 10, doc)],
    )
    tie = partnership(
        ["jp/fukuoka/fukuoka", "vn/hanoi"],
        "sister_city",
        established=established,
        evidence=[evidence("Hanoi and Fukuoka became twin towns", offset, doc)],
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
        ("", "is empty"),
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


def test_every_parent_successor_and_named_locality_is_a_record() -> None:
    # Kisarazu names its prefecture, Binh Duong its 2025 successor; the tie names Da Nang,
    # which no locality record of the fragment has.
    kisarazu = extract_text("Kisarazu city signed it.", doc_id="a").localities
    assert [(r.id, len(r.mentions)) for r in kisarazu] == [
        ("jp/chiba", 0),
        ("jp/chiba/kisarazu", 1),
    ]
    fragment = extract_text("Binh Duong province and Hanoi met.", doc_id="b")
    tie = Partnership(
        id="vn/da-nang~vn/hanoi~cooperation",
        parties=["vn/da-nang", "vn/hanoi"],
        party_types=["locality", "locality"],
        kind="cooperation",
    )
    linked = link_localities(fragment.model_copy(update={"partnerships": [tie]}))
    assert [(r.id, len(r.mentions)) for r in linked.localities] == [
        ("vn/binh-duong", 1),
        ("vn/da-nang", 0),
        ("vn/hanoi", 1),
        ("vn/ho-chi-minh-city", 0),
    ]


def test_linked_records_merge_with_the_mentioned_ones_in_any_order() -> None:
    # `Chiba` is mentioned in one document and only a parent in the other.
    parts = [
        extract_text("Kisarazu city signed it.", doc_id="a"),
        extract_text("Chiba prefecture signed it.", doc_id="b"),
    ]
    merged = merge_datasets(parts)
    assert dataset_json(merge_datasets(parts[::-1])) == dataset_json(merged)
    chiba = next(r for r in merged.localities if r.id == "jp/chiba")
    assert [(m.document, m.text) for m in chiba.mentions] == [("b", "Chiba")]
    ids = {r.id for r in merged.localities}
    assert all(r.parent in ids for r in merged.localities if r.parent)


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("articles", ["seeds", "tests/holdout/articles", "tests/holdout2/articles"])
def test_every_link_of_a_corpus_dataset_resolves_to_a_record(articles: str) -> None:
    paths = sorted((ROOT / articles).glob("*.txt"))
    dataset = merge_datasets(
        extract_text(path.read_text(encoding="utf-8"), doc_id=path.stem) for path in paths
    )
    ids = {r.id for r in dataset.localities}
    assert len(ids) > len(paths)
    for record in dataset.localities:
        assert record.parent is None or record.parent in ids, record.id
        assert record.successor is None or record.successor.id in ids, record.id
    assert named_localities(dataset) <= ids


def test_the_committed_seeds_dataset_has_no_dangling_link() -> None:
    text = (ROOT / "data" / "vjties.json").read_text(encoding="utf-8")
    dataset = parse_dataset(text, "data/vjties.json")
    ids = {r.id for r in dataset.localities}
    links = {r.parent for r in dataset.localities} | {
        r.successor.id for r in dataset.localities if r.successor
    }
    assert links - {None} <= ids
    assert named_localities(dataset) <= ids
