"""Events: `doc._.events` (Event records) and `doc.spans["events"]` (every mention; kb_id_ =
the index of its record in `doc._.events`).

Shaped like spaCy's rulers: `match` finds the mentions (`mentions`: event nouns reported as
happenings, verbs of receiving, meeting and visiting), `set_annotations` resolves them into
happenings (`attributes`: the date, place and participants a mention's clause states;
`happenings`: which mentions are one happening, and what it inherits) and writes the records
(`records`). The vocabulary is resources/event_kinds.json and resources/event_cues.json
(`cues`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from vjties.components.events.happenings import Happening, group_mentions
from vjties.components.events.mentions import Mention, MentionFinder
from vjties.components.events.records import annotate

__all__ = ["EventsExtractor", "Happening", "Mention", "make_events"]


class EventsExtractor:
    """Finds events and their mentions (see the package docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.find_mentions = MentionFinder(nlp)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate `doc` with its events."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Mention]:
        """Every mention of an event, in text order."""
        return self.find_mentions(doc)

    def resolve(self, doc: Doc, mentions: list[Mention]) -> list[Happening]:
        """The happenings the mentions report (see `happenings.group_mentions`)."""
        return group_mentions(doc, mentions)

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        """Resolve `mentions` into happenings and write the records and the span group."""
        annotate(doc, self.resolve(doc, mentions))


@Language.factory(
    "vjties_events",
    assigns=["doc.spans", "doc._.events"],
    requires=[
        "doc.spans",
        "doc._.dates",
        "doc._.officials",
        "doc._.partnerships",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
    ],
)
def make_events(nlp: Language, name: str) -> EventsExtractor:
    """The `vjties_events` component."""
    return EventsExtractor(nlp)
