"""Figures: every amount, share and count, normalized, classified and attributed.

The component works in four steps, one module each:

1. recognition (`figures_recognition`): a spaCy `Matcher` over the quantity patterns of
   `resources/figure_patterns.jsonl` (money before or after its currency, percentages, counts
   in digits or words, ranges, `-plus` and vague plurals) finds the quantities; numbers that
   are no amounts (years, dates, clock times, ordinals, document numbers, durations, ages,
   changes, anything in boilerplate) are dropped; `vjties.numbers.parse_amount` normalizes
   each one with the qualifier read around it;
2. resolution (`figures_resolution`, counts in `figures_counts`): what a quantity measures, from cues around it: the
   counted noun after a count (`222 projects`, units in `resources/units.json`), the nearest
   money cue for an amount (`export turnover ... 730 million USD`), what a percentage is a
   share of (`26% of foreign investment capital` -> share_of_fdi), the wording of a change
   (`grows by about 5,000`). Counts of nothing known (`two countries`, `Meet Japan 2023`) and
   back-references (`the two localities`) are no figures. The metrics and their cues live in
   `resources/metrics.json`:

       investment_capital, investment_projects, fdi, oda, export, import, trade, enterprises,
       community, interns, tourists, participants, partnerships, partner_localities, growth,
       share_of_<metric>, other

3. context (`figures_context`): the period (the nearest period-like date of the sentence)
   and the localities and countries the figure is about;
4. records (`figures_records`): records to `doc._.figures`, spans to `doc.spans["figures"]`
   (kb_id_ = the index of the figure's record in `doc._.figures`, label_ = metric).

Every step reads tokens through the shared `vjties.tokens.TokenView` and keeps its per-document
scratch work in the view's memo; the word lists are in `resources/figure_cues.json`.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from vjties import keys, lexicon
from vjties.components.figures_counts import resolve_count
from vjties.components.figures_recognition import (
    Candidate,
    amount_matcher,
    find_quantities,
    is_change,
    is_not_an_amount,
    longest_first,
    quantity_extent,
)
from vjties.components.figures_records import build_records
from vjties.components.figures_resolution import Cue, Sentence, resolve_amount_metric
from vjties.numbers import parse_amount
from vjties.tokens import TokenView


def metric_vocabulary() -> dict[str, dict[str, Any]]:
    """The metric vocabulary and its cues (resources/metrics.json), as plain dicts."""
    return {name: spec.model_dump() for name, spec in lexicon.metrics().metrics.items()}


def unit_lexicon() -> dict[str, Any]:
    """Counted nouns and their units (resources/units.json), as a plain dict."""
    return lexicon.units().model_dump()


class FiguresExtractor:
    """Finds, normalizes, classifies and attributes the figures of a document."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = amount_matcher(nlp.vocab)
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, spec in lexicon.metrics().metrics.items():
            # Growth is read from the wording right before a number, not from a cue nearby.
            if spec.cues and name != "growth":
                self.cue_matcher.add(name, [nlp.make_doc(cue) for cue in spec.cues])

    def __call__(self, doc: Doc) -> Doc:
        """Find the figures of `doc` and write their records and spans."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        """Figures found in `doc`, normalized and classified, in text order."""
        spans = find_quantities(self.matcher, doc)
        if not spans:
            return []
        v = TokenView.of(doc)
        cues = self._cues(doc)
        found: list[Candidate] = []
        for start, end in spans:
            candidate = self._analyse(v, start, end, cues, found)
            if candidate is not None:
                found.append(candidate)
        return found

    def _cues(self, doc: Doc) -> list[Cue]:
        """The metric cues of `doc`, the longest of overlapping ones (as `filter_spans`)."""
        labels: dict[tuple[int, int], int] = {}
        for key, start, end in self.cue_matcher(doc):
            labels.setdefault((start, end), key)
        strings = doc.vocab.strings
        return [Cue(s, e, strings[labels[s, e]]) for s, e in longest_first(labels)]

    def _analyse(
        self, v: TokenView, start: int, end: int, cues: list[Cue], found: list[Candidate]
    ) -> Candidate | None:
        """The quantity at tokens [start, end) as a figure with unit and metric, or None if
        it is no figure."""
        if is_not_an_amount(v, start, end) or is_change(v, start, end):
            return None
        text_start, text_end = quantity_extent(v, start, end)
        amount = parse_amount(v.span_text(text_start, text_end))
        if amount is None:
            return None
        candidate = Candidate(start, end, text_start, text_end, amount)
        sentence = Sentence(*v.sentence_bounds(start))
        if amount.unit is None:
            return candidate if resolve_count(v, candidate, sentence, found) else None
        candidate.unit = amount.unit
        candidate.metric = resolve_amount_metric(v, candidate, sentence, cues)
        return candidate

    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Write the records of `candidates` to `doc._.figures`, their spans to
        `doc.spans["figures"]`."""
        records, spans = build_records(doc, candidates)
        doc._.figures = records
        doc.spans[keys.FIGURES] = spans


@Language.factory(
    "vjties_figures",
    assigns=["doc.spans", "doc._.figures"],
    requires=["doc.spans", "doc._.dates", "doc._.meta", "doc._.boilerplate", "token.is_sent_start"],
)
def make_figures(nlp: Language, name: str) -> FiguresExtractor:
    """The figures component (`nlp.add_pipe("vjties_figures")`)."""
    return FiguresExtractor(nlp)


__all__ = ["FiguresExtractor", "make_figures", "metric_vocabulary", "unit_lexicon"]
