"""Moving a fragment's evidence to other offsets, keeping every fact grounded.

Extraction sometimes reads something other than the file's text as it is: a long article in
chunks (offsets start again at 0 in each), or the reading view of an article in NFD or with CR
line endings (`vjties.text.ReadingView`). `move_fragment` maps every offset of a fragment
(evidence and boilerplate spans) through a function, re-reads each evidence text from the
original, and keeps the convention of the records that repeat their evidence: a `text` field
equal to its evidence's text (figures, dates) becomes the new evidence text. Ids hold no
offsets (`vjties.ids`), so they stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vjties.models import Dataset

# Records of these types belong to one document and carry one `evidence`.
PER_DOCUMENT_FIELDS: tuple[str, ...] = ("figures", "dates", "events")
_EVIDENCE_KEYS = frozenset({"document", "start", "end", "text"})


def move_fragment(
    fragment: Dataset, offset: Callable[[int], int], original: str | None = None
) -> Dataset:
    """`fragment` with every offset mapped through `offset`; evidence texts re-read from
    `original` when it is given (else kept)."""
    data = fragment.model_dump(mode="python")
    for document in data["documents"]:
        for span in document["boilerplate"]:
            span["start"], span["end"] = offset(span["start"]), offset(span["end"])
    for field in PER_DOCUMENT_FIELDS:
        for record in data[field]:
            before = dict(record["evidence"])
            after = _moved_evidence(before, offset, original)
            if record.get("text") == before["text"]:
                record["text"] = after["text"]
    moved = {k: _moved(v, offset, original) for k, v in data.items()}
    return Dataset.model_validate(moved)


def _moved_evidence(
    evidence: dict[str, Any], offset: Callable[[int], int], original: str | None
) -> dict[str, Any]:
    start, end = offset(evidence["start"]), offset(evidence["end"])
    text = evidence["text"] if original is None else original[start:end]
    return {"document": evidence["document"], "start": start, "end": end, "text": text}


def _moved(value: Any, offset: Callable[[int], int], original: str | None) -> Any:
    if isinstance(value, dict):
        if value.keys() == _EVIDENCE_KEYS:
            return _moved_evidence(value, offset, original)
        return {k: _moved(v, offset, original) for k, v in value.items()}
    if isinstance(value, list):
        return [_moved(v, offset, original) for v in value]
    return value
