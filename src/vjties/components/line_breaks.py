"""Sentence boundaries at line breaks.

News dumps put headlines, bylines, captions and list items on lines of their own without
final punctuation; the sentencizer alone would glue them to the next sentence. A line that
merely wraps a sentence (it ends in a letter or comma and the next line starts in lower
case) is not a boundary.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from vjties.extensions import doc_text

# A line break, the blank space after it, and the first character of the next line.
_LINE_START_RE = re.compile(r"\n\s*(?=\S)")


def _wraps(text: str, newline: int) -> bool:
    """Whether the line ending at `newline` stops mid-sentence (in a letter or comma)."""
    i = newline - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i >= 0 and (text[i].isalnum() or text[i] == ",")


class LineBreakSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        text = doc_text(doc)
        positions = [
            match.end()
            for match in _LINE_START_RE.finditer(text)
            if not (text[match.end()].islower() and _wraps(text, match.start()))
        ]
        if not positions:
            return doc
        # The token starting at each line start, if one does: one to_array call for both
        # columns and one searchsorted; the few line starts are then checked in Python (numpy
        # calls on arrays this small cost more than they save). The columns are uint64: a
        # SENT_START of -1 wraps round, and goes back unchanged.
        array = doc.to_array([IDX, SENT_START])
        starts = array[:, 0]
        found = starts.searchsorted(numpy.asarray(positions, dtype=starts.dtype)).tolist()
        length = len(doc)
        sent_starts = array[:, 1]
        indices = [
            i
            for i, position in zip(found, positions, strict=True)
            if 0 < i < length and starts[i] == position and sent_starts[i] != 1
        ]
        if indices:
            # One from_array call: setting Token.is_sent_start rescans the doc each time.
            sent_starts[indices] = 1
            column: Any = numpy.ascontiguousarray(sent_starts).reshape(-1, 1)
            doc.from_array([SENT_START], column)
        return doc


@Language.factory(
    "vjties_line_breaks",
    assigns=["token.is_sent_start", "doc.sents"],
    requires=["token.is_sent_start"],
)
def make_line_breaks(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer()
