"""The text around a fact's evidence: the article itself when we have it, else what the dataset holds.

The dataset does not store article texts. The report and `vjties explain` therefore take the
articles as paths, read them exactly as `extract` does (same decoding, so offsets agree) and use
a text only when its SHA-256 equals the document record's. A document record that carries its
own `text` (a later schema may store it) is used as is. Without a text, the context of a span
is the stretch of the article the dataset's own evidence covers around it: pieces of evidence
are exact slices of the original, so overlapping ones join into longer known passages (a
figure inside the sentence a tie was read from shows with that sentence).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from spacy.language import Language

from vjties.errors import InputError
from vjties.models import Dataset, Evidence, Record
from vjties.reader import DEFAULT_GLOB, find_inputs, read_input
from vjties.show import evidence_of

TextSource = Literal["article", "dataset"]


@dataclass(frozen=True)
class Passage:
    """A stretch of an article: `text` starts at character `start` of the original."""

    start: int
    text: str
    source: TextSource

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class ArticleTexts:
    """Article texts by document id, and what could not be used, one sentence each."""

    texts: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: Files read that are not documents of the dataset.
    unknown: list[str] = field(default_factory=list)


def read_articles(dataset: Dataset, paths: Sequence[str], glob: str = DEFAULT_GLOB) -> ArticleTexts:
    """The texts of the dataset's documents among `paths`, checked against their SHA-256."""
    result = ArticleTexts()
    documents = {d.id: d for d in dataset.documents}
    for item in find_inputs(paths, glob):
        document = documents.get(item.id)
        if document is None:
            result.unknown.append(item.path)
            continue
        try:
            source = read_input(item)
        except InputError as error:
            result.problems.append(str(error))
            continue
        if source.sha256 != document.sha256:
            result.problems.append(
                f"{item.path}: is not the file document '{item.id}' was extracted from "
                "(its SHA-256 differs), so its text is not used"
            )
            continue
        result.texts[item.id] = source.text
    return result


def stored_text(document: object) -> str | None:
    """The document's own `text`, where the dataset stores one."""
    text = getattr(document, "text", None)
    return text if isinstance(text, str) else None


def known_passages(evidence: Sequence[Evidence]) -> list[Passage]:
    """The stretches of one document that its evidence covers, overlapping pieces joined.

    A piece that disagrees with what an overlapping one says is there is left out.
    """
    passages: list[Passage] = []
    for piece in sorted(evidence, key=lambda e: (e.start, -e.end)):
        if len(piece.text) != piece.end - piece.start:
            continue
        last = passages[-1] if passages else None
        if last is None or piece.start > last.end:
            passages.append(Passage(piece.start, piece.text, "dataset"))
            continue
        overlap = last.text[piece.start - last.start :]
        if not piece.text.startswith(overlap[: len(piece.text)]):
            continue
        if piece.end > last.end:
            passages[-1] = Passage(last.start, last.text + piece.text[len(overlap) :], "dataset")
    return passages


class Texts:
    """Full texts where known, the dataset's passages elsewhere, for every document."""

    def __init__(self, dataset: Dataset, articles: dict[str, str] | None = None) -> None:
        self.full: dict[str, str] = {}
        for document in dataset.documents:
            text = stored_text(document)
            if text is None and articles:
                text = articles.get(document.id)
            if text is not None:
                self.full[document.id] = text
        pieces: dict[str, list[Evidence]] = {}
        for name in ("localities", "organizations", "officials", "partnerships", "figures",
                     "dates", "events"):  # fmt: skip
            records: list[Record] = getattr(dataset, name)
            for record in records:
                for piece in evidence_of(record):
                    if piece.document not in self.full:
                        pieces.setdefault(piece.document, []).append(piece)
        self.passages = {doc: known_passages(found) for doc, found in pieces.items()}

    def _known(self, evidence: Evidence) -> Passage | None:
        """The known passage that holds the evidence: passages are sorted and disjoint."""
        passages = self.passages.get(evidence.document, [])
        i = bisect.bisect_right(passages, evidence.start, key=lambda p: p.start) - 1
        if i >= 0 and evidence.end <= passages[i].end:
            return passages[i]
        return None

    def passage(self, evidence: Evidence) -> Passage:
        """The whole article, else the known passage that holds the evidence."""
        text = self.full.get(evidence.document)
        if text is not None:
            return Passage(0, text, "article")
        return self._known(evidence) or Passage(evidence.start, evidence.text, "dataset")

    def covers(self, evidence: Evidence) -> bool:
        """Whether the article or a known passage holds the evidence (else only itself does)."""
        return evidence.document in self.full or self._known(evidence) is not None

    def sentence(self, evidence: Evidence) -> Passage:
        """The sentences of the article that hold the evidence, else its known passage."""
        text = self.full.get(evidence.document)
        if text is None:
            return self.passage(evidence)
        start, end = sentence_bounds(text, evidence.start, evidence.end)
        return Passage(start, text[start:end], "article")


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    """Sentence splitting as extraction does it: the sentencizer and line-break boundaries."""
    import spacy

    import vjties.components
    import vjties.extensions  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("vjties_line_breaks")
    return nlp


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentences that the span `start:end` touches."""
    doc = _sentencizer()(text)
    first, last = start, end
    for sentence in doc.sents:
        low, high = sentence.start_char, sentence.end_char
        if (low < end and start < high) or low <= start < high:
            first, last = min(first, low), max(last, high)
    return first, last
