"""Merging and (de)serialising datasets."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from factories import evidence, partnership
from vjties.dataset import (
    RECORD_TYPES,
    _json,
    conflicting_ids,
    dataset_json,
    dataset_jsonl,
    link_localities,
    merge_datasets,
    named_localities,
    parse_dataset,
    text_format,
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


# Issue 14, row 13: merge names the ids under which datasets disagree.


def test_parts_of_one_corpus_do_not_conflict() -> None:
    # Same ids across documents (Hanoi everywhere, the tie established in 2008 and 2009).
    assert conflicting_ids(PARTS) == []
    # The same document in two parts, read the same way.
    assert conflicting_ids([PARTS[0], merge_datasets(PARTS[:2])]) == []


def test_different_records_about_one_document_are_named() -> None:
    moved = _part("a", 41, "2008")  # document a read differently: other offsets
    redated = _part("a", 40, "2010")  # same evidence, another date
    assert conflicting_ids([PARTS[0], moved]) == [
        "jp/fukuoka/fukuoka",
        "jp/fukuoka/fukuoka~vn/hanoi~sister_city",
        "vn/hanoi",
    ]
    assert conflicting_ids([PARTS[0], redated]) == ["jp/fukuoka/fukuoka~vn/hanoi~sister_city"]
    # Across more documents, only what is said about the shared one counts.
    assert conflicting_ids([merge_datasets(PARTS), redated]) == []
    assert conflicting_ids([merge_datasets(PARTS), moved]) == conflicting_ids([PARTS[0], moved])


# Issue 14, rows 4, 11 and 13: every file vjties writes reads back; no hostile one crashes.


@pytest.mark.parametrize("text", ["", "\n", "  \n\n"])
def test_empty_text_is_the_jsonl_of_no_records(text: str) -> None:
    # What `extract --format jsonl` writes when it has no document (an empty --shard).
    assert parse_dataset(text, "empty.jsonl") == Dataset()


def test_a_one_line_jsonl_is_read_as_jsonl() -> None:
    # The jsonl of an empty article is its document record alone, on one line.
    one = Dataset(documents=[Document(id="blank", path="blank.txt", sha256="0" * 64)])
    text = dataset_jsonl(one)
    assert text.count("\n") == 1
    assert text_format(text) == "jsonl"
    assert parse_dataset(text, "blank.jsonl") == one
    assert text_format(dataset_json(one)) == "json"
    assert text_format(json.dumps(one.model_dump(mode="json"))) == "json"  # compact, one line


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x1c", "\x0b"])
def test_line_separators_in_strings_survive_both_formats(separator: str) -> None:
    title = f"Ha Long{separator}Kitakyushu"
    one = Dataset(documents=[Document(id="d", path="d.txt", sha256="0" * 64, title=title)])
    for text in (dataset_json(one), dataset_jsonl(one)):
        assert separator not in text  # escaped, so no reader takes it for a line break
        assert text.splitlines() == text.split("\n")[:-1]
        assert parse_dataset(text, "d") == one


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema_version": "1", "figures": [{"value": NaN}]}', "the number 'NaN'"),
        ('{"schema_version": "1", "x": -Infinity}', "the number '-Infinity'"),
        ('{"schema_version": "1", "x": 1e999}', "the number '1e999'"),
        ('{"schema_version": "1", "x": ' + "9" * 5000 + "}", "more than 4,300 digits"),
        ('{"schema_version": "1", "x": ' + "[" * 3000 + "]" * 3000 + "}", "nested too deeply"),
        ('{"type": ' + "[" * 3000 + "]" * 3000 + "}\n{}", "line 1: is nested too deeply"),
        ('{"schema_version": "1", "documents": [{"id": "\\udc00"}]}', "lone UTF-16 surrogate"),
        ('{"type": ["document"]}\n{"type": "document"}', "line 1 is not a vjties record"),
        ('{"schema_version": "' + "x" * 500 + '"}', "schema_version 'xxxxxxx"),
    ],
)
def test_hostile_datasets_are_one_sentence(text: str, message: str) -> None:
    with pytest.raises(DatasetError, match=re.escape(message)) as raised:
        parse_dataset(text, "bad.json")
    assert len(str(raised.value)) < 300


def test_non_finite_numbers_are_never_written() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        _json({"value": float("nan")})


def test_records_sharing_an_id_in_one_dataset_are_merged_in_both_formats() -> None:
    # Found by the fuzz suite: diff kept the last of two, show both, merge one.
    first = PARTS[0].model_copy(deep=True)
    twin = first.localities[0].model_copy(update={"name": "Ha Noi"})
    first.localities.append(twin)
    expected = merge_datasets([first])
    assert [loc.id for loc in expected.localities] == ["jp/fukuoka/fukuoka", "vn/hanoi"]
    as_json = json.dumps(first.model_dump(mode="json"))
    as_jsonl = "".join(
        json.dumps({"type": RECORD_TYPES[field]} | r.model_dump(mode="json")) + "\n"
        for field in RECORD_TYPES
        for r in getattr(first, field)
    )
    assert parse_dataset(as_json, "twice.json") == expected
    assert parse_dataset(as_jsonl, "twice.jsonl") == expected
