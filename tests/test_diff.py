from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from factories import evidence, partnership
from vjties.dataset import dataset_json, dataset_jsonl
from vjties.diff import (
    FieldChange,
    diff_datasets,
    diff_records,
    read_dataset,
    record_label,
    render_diff,
)
from vjties.errors import DatasetError
from vjties.models import Dataset, Document, Figure, Locality, TimeExpression


def small_dataset() -> Dataset:
    return Dataset(
        documents=[Document(id="k1", path="news/k1.txt", sha256="ab" * 32, title="Ties grow")],
        localities=[
            Locality(
                id="jp/tottori",
                name="Tottori",
                country="JP",
                kind="prefecture",
                mentions=[evidence("Tottori", 30, "k1"), evidence("Tottori", 90, "k1")],
            ),
            Locality(
                id="vn/kon-tum",
                name="Kon Tum",
                country="VN",
                kind="province",
                mentions=[evidence("Kon Tum", 5, "k1")],
            ),
        ],
        partnerships=[
            partnership(
                ["jp/tottori", "vn/kon-tum"],
                "friendship",
                evidence=[evidence("friendship ties", 50, "k1")],
            )
        ],
        figures=[
            Figure(
                id="k1/figure/export-1",
                text="3.2 million USD",
                value=3_200_000,
                unit="USD",
                metric="export",
                localities=["vn/kon-tum"],
                evidence=evidence("3.2 million USD", 120, "k1"),
            )
        ],
    )


def test_same_dataset_has_no_differences() -> None:
    diff = diff_datasets(small_dataset(), small_dataset())
    assert diff.same
    assert diff.to_json("a", "b")["same"] is True


def test_changed_scalar_field() -> None:
    new = small_dataset()
    new.figures[0].value = 4_100_000
    diff = diff_datasets(small_dataset(), new)
    assert [(c.type, c.id) for c in diff.changed] == [("figure", "k1/figure/export-1")]
    assert diff.changed[0].changes == (FieldChange("value", 3_200_000, 4_100_000),)
    assert diff.counts()["figure"] == {"added": 0, "removed": 0, "changed": 1, "evidence_moved": 0}


def test_added_and_removed_records() -> None:
    new = small_dataset()
    new.partnerships = []
    new.localities.append(
        Locality(id="vn/lam-dong", name="Lam Dong", country="VN", kind="province")
    )
    diff = diff_datasets(small_dataset(), new)
    assert [(r.type, r.id) for r in diff.added] == [("locality", "vn/lam-dong")]
    assert [(r.type, r.id) for r in diff.removed] == [
        ("partnership", "jp/tottori~vn/kon-tum~friendship")
    ]
    assert diff.removed[0].record["kind"] == "friendship"


def test_nested_path_inside_list_item() -> None:
    old = {"id": "p", "roles": [{"title": "Governor", "organization": None}]}
    new = {"id": "p", "roles": [{"title": "Vice Governor", "organization": None}]}
    assert diff_records(old, new) == [FieldChange("roles[0].title", "Governor", "Vice Governor")]


def test_list_insertion_is_reported_as_items() -> None:
    old = {"localities": ["jp/nara", "jp/mie", "vn/hue"]}
    new = {"localities": ["jp/gifu", "jp/nara", "jp/mie"]}
    assert diff_records(old, new) == [FieldChange("localities", ["vn/hue"], ["jp/gifu"], "items")]


def test_list_growth_is_reported_as_items() -> None:
    old = {"mentions": [evidence("Nara", 1, "k1").model_dump()]}
    new = {
        "mentions": [
            evidence("Nara", 1, "k1").model_dump(),
            evidence("Nara", 40, "k1").model_dump(),
        ]
    }
    assert diff_records(old, new) == [
        FieldChange("mentions", [], [evidence("Nara", 40, "k1").model_dump()], "items")
    ]


def test_shifted_offsets_are_evidence_moves() -> None:
    new = small_dataset()
    new.localities[0].mentions = [evidence("Tottori", 36, "k1"), evidence("Tottori", 96, "k1")]
    new.figures[0].evidence = evidence("3.2 million USD", 126, "k1")
    diff = diff_datasets(small_dataset(), new)
    assert [(c.type, c.id, c.evidence_moved) for c in diff.changed] == [
        ("locality", "jp/tottori", True),
        ("figure", "k1/figure/export-1", True),
    ]
    assert [c.kind for c in diff.changed[0].changes] == ["moved", "moved"]
    assert diff.counts()["locality"]["evidence_moved"] == 1
    assert diff_datasets(small_dataset(), new, ignore_evidence=True).same


def test_evidence_with_other_text_is_a_real_change() -> None:
    new = small_dataset()
    new.figures[0].evidence = evidence("3.2 million US dollars", 120, "k1")
    new.figures[0].text = "3.2 million US dollars"
    diff = diff_datasets(small_dataset(), new, ignore_evidence=True)
    assert [c.path for c in diff.changed[0].changes] == ["text", "evidence"]
    assert not diff.changed[0].evidence_moved


def test_real_change_keeps_its_evidence_move_unless_ignored() -> None:
    new = small_dataset()
    new.figures[0].value = 3_300_000
    new.figures[0].evidence = evidence("3.2 million USD", 121, "k1")
    kinds = [c.kind for c in diff_datasets(small_dataset(), new).changed[0].changes]
    assert kinds == ["changed", "moved"]
    ignored = diff_datasets(small_dataset(), new, ignore_evidence=True).changed[0].changes
    assert [c.path for c in ignored] == ["value"]


def test_json_form_lists_every_part() -> None:
    new = small_dataset()
    new.figures[0].value = 1
    result: dict[str, Any] = diff_datasets(small_dataset(), new).to_json("old.json", "new.json")
    assert result["old"] == "old.json" and result["same"] is False
    assert result["changed"] == [
        {
            "type": "figure",
            "id": "k1/figure/export-1",
            "evidence_moved": False,
            "changes": [{"path": "value", "kind": "changed", "old": 3_200_000, "new": 1}],
        }
    ]
    assert "changed" not in diff_datasets(small_dataset(), new).to_json("a", "b", stat=True)


def test_rendered_diff_lists_summary_then_details() -> None:
    new = small_dataset()
    new.figures[0].value = 4_100_000
    new.partnerships = []
    out = io.StringIO()
    render_diff(diff_datasets(small_dataset(), new), Console(file=out, width=100), "a", "b")
    text = out.getvalue()
    assert text.index("record type") < text.index("- partnership")
    assert "- partnership jp/tottori~vn/kon-tum~friendship  removed" in text
    assert "~ figure k1/figure/export-1  changed" in text
    assert "value: 3200000 -> 4100000" in text
    assert "\x1b[" not in text


def test_record_labels() -> None:
    dataset = small_dataset()
    assert record_label("locality", dataset.localities[1].model_dump()) == "Kon Tum"
    partnership = dataset.partnerships[0].model_dump()
    assert (
        record_label("partnership", partnership)
        == "jp/tottori – vn/kon-tum (friendship, established)"
    )


def test_read_dataset_reads_json_and_jsonl(tmp_path: Any) -> None:
    (tmp_path / "d.json").write_text(dataset_json(small_dataset()), encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(dataset_jsonl(small_dataset()), encoding="utf-8")
    assert read_dataset(str(tmp_path / "d.json")) == read_dataset(str(tmp_path / "d.jsonl"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        ("[1, 2]", "not a vjties"),
        ('{"schema_version": "7"}', "schema_version '7'"),
        ("Hanoi (VNA) - An article, not a dataset.", "not valid JSON"),
    ],
)
def test_read_dataset_says_which_file_and_why(
    tmp_path: Any, content: str | None, reason: str
) -> None:
    path = tmp_path / "x.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_dataset(str(path))
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def with_date(start: int) -> Dataset:
    dataset = small_dataset()
    dataset.dates = [
        TimeExpression(
            id=f"k1/date/{start}",
            text="May 2021",
            value="2021-05",
            how="stated",
            evidence=evidence("May 2021", start, "k1"),
        )
    ]
    return dataset


def test_record_whose_id_follows_its_moved_evidence_is_one_move() -> None:
    diff = diff_datasets(with_date(210), with_date(216))
    assert not diff.added and not diff.removed
    assert [(c.type, c.id, c.evidence_moved) for c in diff.changed] == [
        ("date", "k1/date/216", True)
    ]
    first = diff.changed[0].changes[0]
    assert (first.path, first.old, first.new) == ("id", "k1/date/210", "k1/date/216")
    assert diff_datasets(with_date(210), with_date(216), ignore_evidence=True).same


def test_record_with_other_content_under_a_new_id_is_removed_and_added() -> None:
    new = with_date(216)
    new.dates[0].value = "2021-06"
    diff = diff_datasets(with_date(210), new)
    assert [r.id for r in diff.removed] == ["k1/date/210"]
    assert [r.id for r in diff.added] == ["k1/date/216"]


def test_new_mention_before_others_moves_the_later_ones() -> None:
    old = {
        "mentions": [
            evidence("Gia Lai", 10, "k1").model_dump(),
            evidence("Gia Lai", 90, "k1").model_dump(),
        ]
    }
    new = {
        "mentions": [
            evidence("Gia Lai", 10, "k1").model_dump(),
            evidence("Gia Lai", 60, "k1").model_dump(),
            evidence("Gia Lai", 110, "k1").model_dump(),
        ]
    }
    assert diff_records(old, new) == [
        FieldChange(
            "mentions[2]",
            evidence("Gia Lai", 90, "k1").model_dump(),
            evidence("Gia Lai", 110, "k1").model_dump(),
            "moved",
        ),
        FieldChange("mentions", [], [evidence("Gia Lai", 60, "k1").model_dump()], "items"),
    ]


def test_replaced_and_reordered_ids_are_items() -> None:
    old = {"participants": ["person/le-van-tam", "person/yamada-taro"]}
    new = {"participants": ["person/le-van-tam", "person/taro-yamada"][::-1]}
    assert diff_records(old, new) == [
        FieldChange("participants", ["person/yamada-taro"], ["person/taro-yamada"], "items")
    ]


def test_reordered_list_is_compared_item_by_item() -> None:
    old = {"parties": ["jp/oita", "vn/phu-yen"]}
    new = {"parties": ["vn/phu-yen", "jp/oita"]}
    assert [c.path for c in diff_records(old, new)] == ["parties[0]", "parties[1]"]


ids = st.lists(st.sampled_from(["jp/gunma", "jp/saga", "vn/ca-mau", "vn/tra-vinh"]), unique=True)


def with_localities(chosen: list[str], start: int) -> Dataset:
    localities = [
        Locality(
            id=i,
            name=i.split("/")[1].title(),
            country="JP" if i.startswith("jp/") else "VN",
            kind="prefecture" if i.startswith("jp/") else "province",
            mentions=[evidence(i.split("/")[1], start, "k1")],
        )
        for i in sorted(chosen)
    ]
    return Dataset(localities=localities)


@given(ids, ids, st.integers(0, 3))
def test_diff_is_symmetric_and_empty_only_for_equal(a: list[str], b: list[str], shift: int) -> None:
    old, new = with_localities(a, 100), with_localities(b, 100 + shift)
    forward, backward = diff_datasets(old, new), diff_datasets(new, old)
    assert [r.id for r in forward.added] == [r.id for r in backward.removed]
    assert [r.id for r in forward.removed] == [r.id for r in backward.added]
    assert sorted(r.id for r in forward.added) == sorted(set(b) - set(a))
    assert all(c.evidence_moved for c in forward.changed)
    assert len(forward.changed) == (len(set(a) & set(b)) if shift else 0)
    assert diff_datasets(old, new, ignore_evidence=True).same == (set(a) == set(b))
