"""Syndicated copies: the same article under several names is one report.

A wire story is printed by many sites, and a scrape often holds the same file twice. Each
copy after the first is recognised by the SHA-256 of its normalized text (NFC, whitespace
runs collapsed to one space, stripped): it stays a document, with `duplicate_of` naming the
first copy, and its facts are not extracted again, so they count once.

With `near=True` a copy that differs a little (another site's header line, a reworded
sentence) is recognised too: its word 5-gram shingles overlap an earlier document's by at
least `NEAR_JACCARD`. Candidates come from MinHash bands (locality-sensitive hashing), so a
corpus is not compared pair by pair; each candidate is then checked on its whole shingle set.
Off by default: a copy with a paragraph of its own would lose that paragraph's facts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from vjties.errors import InputError
from vjties.reader import SourceText

SHINGLE_WORDS = 5
NEAR_JACCARD = 0.9
# 16 bands of 4 rows: a pair at Jaccard 0.9 shares a band with probability 1 - (1 - 0.9**4)**16,
# more than 0.99999; at 0.5, 0.64 (then the exact check says no).
BANDS, ROWS = 16, 4


def _constants(tag: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Fixed 64-bit constants from SHA-256 (not Python's salted hash): the same signatures
    in every run."""
    values = [
        int.from_bytes(hashlib.sha256(f"{tag}{i}".encode()).digest()[:8], "big")
        for i in range(BANDS * ROWS)
    ]
    return np.array(values, dtype=np.uint64)[:, None]


# Hash functions h(s) = a * s + b modulo 2**64 (numpy's uint64 arithmetic wraps), a odd.
_MULTIPLIERS = _constants("a") | np.uint64(1)
_OFFSETS = _constants("b")


def normalized(text: str) -> str:
    """NFC with whitespace runs collapsed, stripped: the text copies have in common."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_key(text: str) -> str:
    """The SHA-256 of `text` in NFC with whitespace collapsed: equal for copies that differ
    only in line endings, spacing or Unicode normalization."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def shingles(text: str) -> frozenset[int]:
    """The 64-bit hashes of the text's lower-cased word 5-grams (the words, if fewer)."""
    words = normalized(text).lower().split()
    size = min(SHINGLE_WORDS, len(words))
    grams = (
        {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)} if words else set()
    )
    return frozenset(
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams
    )


def _bands(found: frozenset[int]) -> list[tuple[int, ...]]:
    """The MinHash signature of a shingle set, cut into BANDS bands of ROWS values."""
    values = np.fromiter(found, dtype=np.uint64, count=len(found))
    signature = (_MULTIPLIERS * values[None, :] + _OFFSETS).min(axis=1).tolist()
    return [(band, *signature[band * ROWS : (band + 1) * ROWS]) for band in range(BANDS)]


class NearCopies:
    """The documents seen so far, found again by their MinHash bands."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[int, ...], list[str]] = {}
        self.sets: dict[str, frozenset[int]] = {}
        self.index: dict[str, int] = {}  # input order: the first copy wins

    def first_copy(self, doc_id: str, text: str) -> str | None:
        """The earliest document `text` nearly copies, else None; `doc_id` is remembered
        (as a document of its own) when it copies none."""
        found = shingles(text)
        if not found:
            return None
        bands = _bands(found)
        candidates = sorted(
            {c for band in bands for c in self.buckets.get(band, [])}, key=self.index.__getitem__
        )
        for candidate in candidates:
            known = self.sets[candidate]
            if len(found & known) >= NEAR_JACCARD * len(found | known):
                return candidate
        self.sets[doc_id] = found
        self.index[doc_id] = len(self.index)
        for band in bands:
            self.buckets.setdefault(band, []).append(doc_id)
        return None


def mark_duplicates(
    items: Iterable[SourceText | InputError], near: bool = False
) -> Iterator[SourceText | InputError]:
    """`items` in order, each source whose text an earlier one had marked `duplicate_of`
    that first one (inputs come in sorted path order, so the first is the same every run);
    with `near`, also a source that nearly copies an earlier one."""
    first: dict[str, str] = {}
    near_copies = NearCopies() if near else None
    for item in items:
        if isinstance(item, SourceText):
            original = first.setdefault(text_key(item.text), item.id)
            if original == item.id and near_copies is not None:
                original = near_copies.first_copy(item.id, item.text) or item.id
            if original != item.id:
                item = replace(item, duplicate_of=original)
        yield item
