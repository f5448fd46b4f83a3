"""PLACEHOLDER: the events component is not written yet; it yields no facts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventsExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("vjties_events")
def make_events(nlp: Language, name: str) -> EventsExtractor:
    return EventsExtractor()
