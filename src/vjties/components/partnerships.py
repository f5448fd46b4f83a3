"""PLACEHOLDER: the partnerships component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class PartnershipsExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.partnerships = []
        return doc


@Language.factory("vjties_partnerships")
def make_partnerships(nlp: Language, name: str) -> PartnershipsExtractor:
    return PartnershipsExtractor()
