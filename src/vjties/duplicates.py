"""Syndicated copies: the same article under several names is one report.

A wire story is printed by many sites, and a scrape often holds the same file twice. Each
copy after the first is recognised by the SHA-256 of its normalized text (NFC, whitespace
runs collapsed to one space, stripped): it stays a document, with `duplicate_of` naming the
first copy, and its facts are not extracted again, so they count once.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace

from vjties.errors import InputError
from vjties.reader import SourceText


def text_key(text: str) -> str:
    """The SHA-256 of `text` in NFC with whitespace collapsed: equal for copies that differ
    only in line endings, spacing or Unicode normalization."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def mark_duplicates(
    items: Iterable[SourceText | InputError],
) -> Iterator[SourceText | InputError]:
    """`items` in order, each source whose text an earlier one had marked `duplicate_of`
    that first one (inputs come in sorted path order, so the first is the same every run)."""
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, SourceText):
            original = first.setdefault(text_key(item.text), item.id)
            if original != item.id:
                item = replace(item, duplicate_of=original)
        yield item
