"""Shared test helpers: one full-pipeline `run()`, `with_localities()` for a component tested on
a blank pipeline with hand-set places, and factories for dataset records.

Imported by test modules (`from factories import run, evidence, ...`; pytest puts `tests/` on
the import path). Records built here are always valid for the current models, so a test that
needs a stale or broken record says so by building it by hand. Ids are derived the way the
tool derives them (`partnership_id`), never typed out.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from spacy.language import Language
from spacy.tokens import Doc, Span

from vjties import keys
from vjties.components.localities import locality_records
from vjties.gazetteer import load_gazetteer
from vjties.models import (
    Dataset,
    Document,
    Event,
    Evidence,
    Figure,
    Locality,
    Partnership,
    partnership_id,
)

#: The document id factories use unless told otherwise.
DOC: Final = "doc1"
ROOT: Final = Path(__file__).resolve().parent.parent


class _Keep:
    """The `published` default of `run`: keep what the metadata component found."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()


def run(
    nlp: Language,
    text: str,
    published: str | _Keep | None = KEEP,
    *,
    doc_id: str = "t",
    boilerplate: list[list[Any]] | None = None,
) -> Doc:
    """The whole pipeline over `text`, component by component.

    `published` (even None: "no publication date") and `boilerplate` replace what the
    metadata component found, right after it runs, so the later components see them; the
    default keeps what it found. Why one helper: component tests must drive the pipeline the
    way `vjties.extract.process` does, and six copies of it had drifted apart.
    """
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name != "vjties_metadata":
            continue
        if not isinstance(published, _Keep):
            doc._.meta = {**(doc._.meta or {}), "published": published}
        if boilerplate is not None:
            doc._.boilerplate = boilerplate
    return doc


def with_localities(
    nlp: Language,
    text: str,
    free: Mapping[str, str] | None = None,
    in_orgs: Mapping[str, str] | None = None,
    *,
    doc_id: str = "t",
) -> Doc:
    """`text` as a Doc of `nlp` with locality mentions set by hand, as the localities component
    would write them: every occurrence of each name of `free` (name -> gazetteer id) in
    `doc.spans[keys.LOCALITIES]`, of `in_orgs` in `keys.LOCALITIES_IN_ORGS`, labelled with the
    gazetteer kind, and the records rebuilt from them. Why: a component after localities is
    tested on a blank pipeline without it (as spaCy tests a component), with the places a
    test chooses.
    """
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    gazetteer = load_gazetteer()
    for group, places in ((keys.LOCALITIES, free), (keys.LOCALITIES_IN_ORGS, in_orgs)):
        spans: list[Span] = []
        for name, locality_id in (places or {}).items():
            entry = gazetteer.get(locality_id)
            assert entry is not None, f"no gazetteer entry {locality_id}"
            for found in re.finditer(re.escape(name), text):
                span = doc.char_span(found.start(), found.end(), entry.kind, kb_id=locality_id)
                assert span is not None, f"{name!r} is not a run of whole tokens"
                spans.append(span)
        doc.spans[group] = sorted(spans, key=lambda span: span.start)
    doc._.localities = locality_records(doc)
    return doc


def evidence(text: str, start: int = 0, document: str = DOC) -> Evidence:
    """Evidence for `text` read at `start` of `document` (end follows from the text)."""
    return Evidence(document=document, start=start, end=start + len(text), text=text)


def document(doc_id: str = DOC, **fields: Any) -> Document:
    """A Document record with a path and hash derived from its id."""
    return Document(
        **{"id": doc_id, "path": f"{doc_id}.txt", "sha256": "0" * 64, **fields},
    )


def locality(
    locality_id: str,
    name: str,
    country: str,
    kind: str,
    *,
    document: str = DOC,
    start: int = 0,
    **extra: Any,
) -> Locality:
    """A Locality with one mention of its name, unless `mentions` is given."""
    extra.setdefault("mentions", [evidence(name, start, document)])
    return Locality(id=locality_id, name=name, country=country, kind=kind, **extra)


def partnership(
    parties: list[str],
    kind: str,
    *,
    status: str = "established",
    party_types: list[str] | None = None,
    **extra: Any,
) -> Partnership:
    """A Partnership whose id is the one the tool gives these parties, kind and status."""
    extra.setdefault("evidence", [evidence("signed")])
    return Partnership(
        id=partnership_id(parties, kind, status),
        parties=parties,
        party_types=party_types or ["locality", "locality"],
        kind=kind,
        status=status,
        **extra,
    )


def figure(
    figure_id: str,
    text: str,
    value: float,
    unit: str,
    *,
    document: str = DOC,
    start: int = 0,
    **extra: Any,
) -> Figure:
    """A Figure read from `text`; `metric` defaults to `other`."""
    extra.setdefault("metric", "other")
    return Figure(
        id=f"{document}/figure/{figure_id}",
        text=text,
        value=value,
        unit=unit,
        evidence=evidence(text, start, document),
        **extra,
    )


def event(event_id: str, kind: str, *, document: str = DOC, **extra: Any) -> Event:
    """An Event of `kind`, grounded on the word `kind` unless `evidence` is given."""
    extra.setdefault("evidence", evidence(kind, 0, document))
    return Event(id=f"{document}/event/{event_id}", kind=kind, **extra)


def dataset(**facts: Any) -> Dataset:
    """A Dataset of `facts`, with one default Document unless `documents` is given."""
    facts.setdefault("documents", [document()])
    return Dataset(**facts)


def repository_texts() -> list[Path]:
    """Every article text of the repository: the sets of `scripts/regression.py` (seeds,
    holdouts, golden files, and the git-ignored corpus cache when present), in a stable order.

    For tests that compare two implementations on all real text; they must never print an
    article's text (the corpus holds a split nobody may read), only its file name and offsets.
    """
    spec = importlib.util.spec_from_file_location("regression", ROOT / "scripts" / "regression.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folders: dict[str, Path] = module.article_sets(ROOT)
    return [path for folder in folders.values() for path in sorted(folder.glob("*.txt"))]
