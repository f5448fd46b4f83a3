from __future__ import annotations

import pytest

from vjties.errors import VjtiesError
from vjties.shard import parse_shard, select_shard, shard_of

IDS = [f"article-{n:04d}" for n in range(400)]


@pytest.mark.parametrize(
    ("value", "expected"), [("1/1", (1, 1)), ("2/5", (2, 5)), (" 3 / 3 ", (3, 3))]
)
def test_parse_shard(value: str, expected: tuple[int, int]) -> None:
    assert parse_shard(value) == expected


@pytest.mark.parametrize("value", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_parse_shard_rejects_what_is_not_i_of_n(value: str) -> None:
    with pytest.raises(VjtiesError, match="--shard"):
        parse_shard(value)


def test_shards_are_disjoint_cover_everything_and_are_balanced() -> None:
    parts = [select_shard(IDS, IDS, index, 4) for index in range(1, 5)]
    assert sorted(doc for part in parts for doc in part) == sorted(IDS)
    assert all(60 <= len(part) <= 140 for part in parts)


def test_a_document_keeps_its_shard_whatever_else_is_in_the_corpus() -> None:
    assert shard_of("article-0007", 4) == shard_of("article-0007", 4)
    alone = select_shard(["article-0007"], ["article-0007"], shard_of("article-0007", 4), 4)
    assert alone == ["article-0007"]
