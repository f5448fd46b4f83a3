"""PLACEHOLDER: the localities component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LocalitiesExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.localities = []
        return doc


@Language.factory("vjties_localities")
def make_localities(nlp: Language, name: str) -> LocalitiesExtractor:
    return LocalitiesExtractor()
