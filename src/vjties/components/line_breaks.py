"""Sentence boundaries at line breaks.

News dumps put headlines, bylines, captions and list items on lines of their own without
final punctuation; the sentencizer alone would glue them to the next sentence. A line that
merely wraps a sentence (it ends in a letter or comma and the next line starts in lower
case) is not a boundary.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

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
        text = doc.text
        starts: numpy.ndarray | None = None
        for match in _LINE_START_RE.finditer(text):
            position = match.end()
            if text[position].islower() and _wraps(text, match.start()):
                continue
            if starts is None:
                starts = doc.to_array(IDX)
            index = int(numpy.searchsorted(starts, position))
            if 0 < index < len(doc) and starts[index] == position:
                doc[index].is_sent_start = True
        return doc


@Language.factory("vjties_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer()
