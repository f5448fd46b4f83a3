"""Sets `doc._.meta` (title, published, dateline, source) and `doc._.boilerplate`: the
pipeline component over `vjties.page`, which does the analysis without spaCy."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from vjties.extensions import doc_text
from vjties.page import analyse_page


class MetadataAnnotator:
    def __call__(self, doc: Doc) -> Doc:
        meta = analyse_page(doc_text(doc))
        underscore = doc._  # each `doc._` builds a new accessor object
        underscore.meta = {
            "title": meta.title,
            "published": meta.published,
            "dateline": meta.dateline,
            "source": meta.source,
        }
        underscore.boilerplate = [[start, end, kind] for start, end, kind in meta.boilerplate]
        return doc


@Language.factory(
    "vjties_metadata",
    assigns=["doc._.meta", "doc._.boilerplate"],
    requires=[],
)
def make_metadata(nlp: Language, name: str) -> MetadataAnnotator:
    return MetadataAnnotator()
