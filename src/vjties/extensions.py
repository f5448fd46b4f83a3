"""Custom `Doc` attributes, registered at import.

Registering at import (not inside a component) means worker processes started by
`nlp.pipe(..., n_process=N)` have them too. Values are plain JSON types so that spaCy can
serialise the Doc between processes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc

from vjties import keys
from vjties.models import FACT_TYPES


def _get_boilerplate(doc: Doc) -> list[list[Any]] | None:
    """`doc._.boilerplate`, read from its public user_data key."""
    return doc.user_data.get(keys.BOILERPLATE)


def _set_boilerplate(doc: Doc, spans: list[list[Any]] | None) -> None:
    """`doc._.boilerplate = spans`, kept under its public user_data key."""
    doc.user_data[keys.BOILERPLATE] = spans


for _name in ("doc_id", "meta"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("boilerplate"):
    # [[start, end, kind], ...] in character offsets, sorted and non-overlapping. Kept under
    # a public user_data key of ours (keys.BOILERPLATE) so `in_boilerplate` can read it fast
    # without going through spaCy's private Underscore layout.
    Doc.set_extension("boilerplate", getter=_get_boilerplate, setter=_set_boilerplate)
for _name in FACT_TYPES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("role_organizations"):
    # Organization records of the bodies only a role names (`Minister of Foreign Affairs`),
    # written by the officials component next to the organizations component's
    # `doc._.organizations`; `components.organizations.organization_records` combines both.
    Doc.set_extension("role_organizations", default=None)


def doc_id(doc: Doc) -> str:
    """The document id set by `vjties.extract.process`, `stdin` when there is none."""
    return str(doc._.doc_id) if doc._.doc_id is not None else "stdin"


#: doc.user_data key of the cached text (see doc_text).
TEXT_KEY = keys.TEXT


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def evidence(doc: Doc, start: int, end: int, document: str | None = None) -> dict[str, Any]:
    """An Evidence dict for `doc.text[start:end]`, the one way components ground a fact.

    `document` may pass the document id a component has already read: `doc._` lookups are
    not free when a component writes dozens of pieces of evidence.
    """
    return {
        "document": doc_id(doc) if document is None else document,
        "start": start,
        "end": end,
        "text": doc_text(doc)[start:end],
    }


# Module constants: read per call, a module attribute lookup (`keys.X`) is not free.
_BOILERPLATE = keys.BOILERPLATE
_BOILERPLATE_STARTS = keys.BOILERPLATE_STARTS


def in_boilerplate(doc: Doc, start: int, end: int | None = None) -> bool:
    """Whether the character range [start, end) touches a boilerplate span of `doc`.

    Called per candidate by every component, so it reads the spans straight from their
    user_data key (`doc._.boilerplate` is some 30 times slower).
    """
    user_data: dict[Any, Any] = doc.user_data
    spans = user_data.get(_BOILERPLATE)
    if not spans:
        return False
    # The span starts are cached in doc.user_data, keyed by the very list they came from, so
    # a reassigned or extended `doc._.boilerplate` is never answered from a stale cache.
    cached = user_data.get(_BOILERPLATE_STARTS)
    if cached is None or cached[0] is not spans or len(cached[1]) != len(spans):
        cached = (spans, [s[0] for s in spans])
        user_data[_BOILERPLATE_STARTS] = cached
    end = start + 1 if end is None else max(end, start + 1)
    index = bisect_right(cached[1], end - 1) - 1
    return index >= 0 and spans[index][1] > start


def published(doc: Doc) -> str | None:
    """The document's ISO publication date, if the metadata component found one."""
    meta = doc._.meta or {}
    value = meta.get("published")
    return str(value) if value else None
