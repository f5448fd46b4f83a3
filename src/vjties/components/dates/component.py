"""The dates pipeline component: recognition, resolution, records (see the package docstring)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from vjties.components.dates.patterns import PATTERNS
from vjties.components.dates.recognition import date_phrases
from vjties.components.dates.records import annotate
from vjties.components.dates.resolution import resolve_phrases
from vjties.token_matcher import TokenClassMatcher


class DatesExtractor:
    """Finds temporal expressions and resolves them, as spaCy's rulers do: `match` then
    `set_annotations`."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = TokenClassMatcher(nlp.vocab, PATTERNS)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate `doc` with its dates."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The date phrases of `doc` (see `recognition.date_phrases`)."""
        return date_phrases(doc, self.matcher)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Resolve `spans` and write the span group and the records."""
        annotate(doc, resolve_phrases(doc, spans))


@Language.factory(
    "vjties_dates",
    assigns=["doc.spans", "doc._.dates"],
    requires=["doc._.meta", "doc._.boilerplate", "token.is_sent_start"],
)
def make_dates(nlp: Language, name: str) -> DatesExtractor:
    """The `vjties_dates` component."""
    return DatesExtractor(nlp)
