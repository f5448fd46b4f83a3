"""Sentence boundaries at line breaks.

News dumps put headlines, bylines, captions and list items on lines of their own without
final punctuation; the sentencizer alone would glue them to the next sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
                next_token = doc[i + 1]
                if not next_token.is_space:
                    next_token.is_sent_start = True
        return doc


@Language.factory("vjties_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer()
