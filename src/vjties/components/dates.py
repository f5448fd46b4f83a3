"""PLACEHOLDER: the dates component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class DatesExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = []
        return doc


@Language.factory("vjties_dates")
def make_dates(nlp: Language, name: str) -> DatesExtractor:
    return DatesExtractor()
