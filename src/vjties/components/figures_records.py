"""Figures, step 4: the records and spans of the figures found.

Each figure becomes a `Figure` record dict (`vjties.models.Figure`) with a stable id
(`<document>/figure/<metric>~<unit>~<places>~<period>`, `vjties.ids`), its normalized
amount, unit (people-nouns written as `person`, `resources/units.json`), metric, period,
localities and countries, and evidence; and a span in `doc.spans["figures"]` whose kb_id_ is
the index of its record and whose label_ is its metric.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from vjties import ids, keys, lexicon
from vjties.components.figures_context import DateSpan, attribution, period
from vjties.components.figures_recognition import Candidate
from vjties.components.figures_resolution import Sentence
from vjties.tokens import TokenView

# People-nouns count `person`; the role noun (`worker`) is kept only while the metric is read.
OUTPUT_UNITS: dict[str, str] = dict(lexicon.units().output_units)


def build_records(doc: Doc, candidates: list[Candidate]) -> tuple[list[dict[str, Any]], list[Span]]:
    """The records of `candidates` (resolved figures, in text order) and their spans; a
    figure a later sentence repeats (`is_repeat`) keeps its first record (within a sentence
    the same number twice is two facts: `12 Vietnamese firms in Kanagawa and 12 Kanagawa
    firms in Vietnam`)."""
    v = TokenView.of(doc)
    base = v.doc_id
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    sentences: list[int] = []
    spans: list[Span] = []
    dates = [(s.start, s.end, s.kb_id_) for s in v.spans(keys.DATES) if s.kb_id_]
    document = _Document(v, dates, candidates)
    for candidate in candidates:
        assert candidate.metric is not None
        start_char, end_char = v.span_chars(candidate.text_start, candidate.text_end)
        record = _record(document, candidate, (start_char, end_char))
        sentence = v.sentence_of(candidate.start)
        if any(
            is_repeat(record, earlier) and sentence != earlier_sentence
            for earlier, earlier_sentence in zip(records, sentences, strict=True)
        ):
            continue
        places = [*record["localities"], *record["countries"]]
        figure_id = ids.figure_id(base, record["metric"], record["unit"], places, record["period"])
        record["id"] = ids.numbered(figure_id, seen)
        records.append(record)
        sentences.append(sentence)
        spans.append(
            Span(
                doc,
                candidate.text_start,
                candidate.text_end,
                label=candidate.metric,
                # The record's index, not its id: an id is a new string in every document,
                # and spaCy keeps every kb_id string for the life of the process.
                kb_id=str(len(records) - 1),
            )
        )
    return records, spans


#: What a repeated figure says again, field by field.
_SAME_FACT = ("value", "value_max", "unit", "metric")


def is_repeat(record: dict[str, Any], earlier: dict[str, Any]) -> bool:
    """Whether `record` says again what `earlier` said (`4,000 Vietnamese people ... the
    4,000 Vietnamese people`): the same amount of the same thing, with no period or place of
    its own, and no qualifier but the first one's (`some 4,000 ... the 4,000`). One fact, one
    record: a sum over the dataset must not count it twice."""
    return (
        all(record[key] == earlier[key] for key in _SAME_FACT)
        and record["qualifier"] in ("exact", earlier["qualifier"])
        and record["period"] in (None, earlier["period"])
        and set(record["localities"]) <= set(earlier["localities"])
        and set(record["countries"]) <= set(earlier["countries"])
    )


@dataclass(frozen=True)
class _Document:
    """What every record of a document reads: its token view, its dated spans with an ISO
    value, and all its figures (a period after one figure's `as of` is that figure's)."""

    v: TokenView
    dates: list[DateSpan]
    candidates: list[Candidate]


def _record(document: _Document, candidate: Candidate, chars: tuple[int, int]) -> dict[str, Any]:
    """One Figure record dict, its id still to be given: `chars` are the character offsets
    of the figure's text."""
    amount = candidate.amount
    assert amount is not None and candidate.unit and candidate.metric
    v = document.v
    sentence = Sentence(*v.sentence_bounds(candidate.start))
    places, countries = attribution(v, sentence, candidate.start)
    start_char, end_char = chars
    return {
        "id": "",
        "text": v.text[start_char:end_char],
        "value": amount.value,
        "value_max": amount.value_max,
        "unit": OUTPUT_UNITS.get(candidate.unit, candidate.unit),
        "qualifier": amount.qualifier,
        "metric": candidate.metric,
        "period": period(v, sentence, candidate, document.dates, document.candidates),
        "localities": places,
        "countries": countries,
        "evidence": v.evidence(start_char, end_char),
    }
