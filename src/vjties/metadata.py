"""PLACEHOLDER: article metadata and boilerplate detection (title, date, dateline, source)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    source: str | None = None
    #: (start, end, kind) character spans of the original text that carry no facts.
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)


def analyse_metadata(text: str) -> Metadata:
    return Metadata()
