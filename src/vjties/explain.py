"""`vjties explain ID`: one record, and each piece of its evidence marked in its sentence.

Dataset and article strings are printed as rich `Text`, never parsed as markup, and their
control characters (escape codes, carriage returns, bidirectional overrides) are shown as
visible `\\x1b`-style escapes, so a hostile article cannot drive the terminal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.text import Text

from vjties.context import Passage, Texts
from vjties.export.tables import Referents
from vjties.gazetteer import load_gazetteer
from vjties.models import FACT_TYPES, Dataset, Evidence, Record
from vjties.show import evidence_of

# C0 controls but tab and newline, DEL, C1 controls, bidirectional formatting characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MARK = "bold black on yellow"
LABEL = "bold white on dark_orange3"


def visible(text: str) -> str:
    """`text` with control and bidi characters written as escapes: `\\x1b`, `\\u202e`."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text.replace("\t", " "))


@dataclass(frozen=True)
class Found:
    record_type: str
    record: Record


def find_record(dataset: Dataset, record_id: str) -> Found | None:
    """The record with this id, of whatever type (documents are not facts)."""
    for name, (_, record_type) in FACT_TYPES.items():
        records: list[Record] = getattr(dataset, name)
        for record in records:
            if getattr(record, "id", None) == record_id:
                return Found(record_type, record)
    return None


def close_ids(dataset: Dataset, record_id: str, limit: int = 5) -> list[str]:
    """Ids that look like the one asked for: same text inside, or close spelling."""
    ids = [r.id for name in FACT_TYPES for r in getattr(dataset, name)]
    inside = [i for i in ids if record_id.lower() in i.lower()]
    return (inside or difflib.get_close_matches(record_id, ids, n=limit, cutoff=0.5))[:limit]


def _value(value: Any, refs: Referents) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v, refs) for v in value)
    if isinstance(value, BaseModel):
        parts = {k: getattr(value, k) for k in type(value).model_fields}
        return ", ".join(
            f"{k} {_value(v, refs)}"
            for k, v in parts.items()
            if v is not None and not isinstance(v, Evidence)
        )
    found = refs.get(value) if isinstance(value, str) else None
    return f"{found.name} ({value})" if found and found.name != value else str(value)


def _fields(record: Record, refs: Referents) -> Iterable[tuple[str, str]]:
    """The record's fields worth a line: set, and not evidence."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        if name == "id" or value is None or not items or isinstance(items[0], Evidence):
            continue
        yield name, _value(value, refs)


def marked(passage: Passage, evidence: Evidence, label: str, plain: bool) -> Text:
    """The passage with the evidence span marked: highlighted, or in `[[...]]` when plain."""
    start = max(evidence.start - passage.start, 0)
    end = min(evidence.end - passage.start, len(passage.text))
    before, span, after = passage.text[:start], passage.text[start:end], passage.text[end:]
    line = Text(visible(before))
    if plain:
        line.append("[[" + visible(span) + "]]")
    else:
        line.append(visible(span), style=MARK)
        line.append(f" {label} ", style=LABEL)
    line.append(visible(after))
    return line


def render_explanation(
    found: Found, dataset: Dataset, texts: Texts, console: Console, limit: int | None = 10
) -> None:
    """The record's fields, then each piece of evidence marked in its sentence."""
    plain = not console.is_terminal or console.no_color
    refs = Referents(dataset, load_gazetteer())
    record = found.record
    console.print(
        Text.assemble((found.record_type + " ", "bold"), visible(str(getattr(record, "id", ""))))
    )
    for name, value in _fields(record, refs):
        console.print(Text.assemble((f"  {name}: ", "dim"), visible(value)))
    pieces = evidence_of(record)
    shown = pieces if limit is None else pieces[:limit]
    for number, piece in enumerate(shown, 1):
        passage = texts.sentence(piece)
        where = "its sentence in the article" if passage.source == "article" else (
            "what the dataset holds of the article (give the article files to see its sentence)"
        )  # fmt: skip
        head = f"\nevidence {number} of {len(pieces)}: {piece.document}, characters "
        console.print(Text(visible(head + f"{piece.start}-{piece.end}, {where}"), style="bold"))
        console.print(marked(passage, piece, found.record_type.upper(), plain))
    if len(shown) < len(pieces):
        console.print(f"\n... and {len(pieces) - len(shown)} more (--all shows them)", markup=False)
