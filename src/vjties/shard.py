"""Splitting a corpus across machines: `--shard I/N` keeps a deterministic 1/N of the inputs.

A document goes to shard `crc32(document id) % N + 1`, so the split depends only on the document
ids, not on the machine, the order of the command-line paths or the other files in the corpus;
adding an article to an archive never moves the others between shards.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import TypeVar

from vjties.errors import VjtiesError

_SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

T = TypeVar("T")


def parse_shard(value: str) -> tuple[int, int]:
    """`"2/5"` -> (2, 5); VjtiesError for anything that is not `I/N` with 1 <= I <= N."""
    match = _SHARD_RE.match(value)
    if match:
        index, count = int(match.group(1)), int(match.group(2))
        if 1 <= index <= count:
            return index, count
    raise VjtiesError(f"--shard {value!r} is not I/N with 1 <= I <= N, e.g. --shard 1/4")


def shard_of(document_id: str, count: int) -> int:
    return zlib.crc32(document_id.encode("utf-8")) % count + 1


def select_shard(items: Sequence[T], ids: Sequence[str], index: int, count: int) -> list[T]:
    """The items whose document id falls in shard `index` of `count`."""
    return [
        item for item, doc_id in zip(items, ids, strict=True) if shard_of(doc_id, count) == index
    ]
