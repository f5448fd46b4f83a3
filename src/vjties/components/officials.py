"""PLACEHOLDER: the officials component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class OfficialsExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.officials = []
        doc._.organizations = []
        return doc


@Language.factory("vjties_officials")
def make_officials(nlp: Language, name: str) -> OfficialsExtractor:
    return OfficialsExtractor()
