"""PLACEHOLDER: the figures component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class FiguresExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = []
        return doc


@Language.factory("vjties_figures")
def make_figures(nlp: Language, name: str) -> FiguresExtractor:
    return FiguresExtractor()
