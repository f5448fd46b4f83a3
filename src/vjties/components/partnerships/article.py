"""What the sentences of one article share: its parties, the localities it is about (for
back-references such as `the prefecture`) and its dates.

Why a class: a tie stated in one sentence reads the article around it (the locality of
that kind named last, the article's main locality, the date spans); computing those once
per article, only for articles that state a tie, is most of the component's speed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from vjties import keys
from vjties.components.partnerships.cues import DATE_HOWS, NOUN_KINDS, Cues, country_of
from vjties.components.partnerships.recognition import Party
from vjties.extensions import in_boilerplate
from vjties.text import fold
from vjties.tokens import TokenView

#: Per country, the localities an article names, most named first: (id, score, kind).
MainLocalities = dict[str, list[tuple[str, int, str]]]
#: A mention of a locality: (start, id, country, kind).
LocalityMention = tuple[int, str, str | None, str]
#: A mention in the dateline counts this many times: the place the article was filed from.
DATELINE_WEIGHT = 3


@dataclass
class DateRef:
    """A date span as the ties read it: its value, how it was resolved, where it is."""

    value: str
    how: str
    start_char: int
    end_char: int
    start: int
    end: int
    is_range: bool
    text: str


@dataclass
class Article:
    """The per-document state of the partnership rules (see the module docstring).

    `low` holds the lower-case form of the tokens of the sentences read so far (filled
    sentence by sentence: most sentences state no tie and are never read word by word);
    `window_start` is the first token of the sentences a back-reference may look back to.
    """

    doc: Doc
    cues: Cues
    parties: list[Party]
    locality_token: list[str | None]
    pair_refs: dict[int, str]
    low: list[str]
    window_start: int = 0
    _main: MainLocalities | None = field(default=None, repr=False)
    _mentions: list[LocalityMention] | None = field(default=None, repr=False)
    _dates: list[DateRef] | None = field(default=None, repr=False)

    @property
    def view(self) -> TokenView:
        """The shared token view of the document."""
        return TokenView.of(self.doc)

    def fill(self, start: int, end: int) -> None:
        """Put the lower-case forms of tokens [start, end) into `low`."""
        self.low[start:end] = self.view.lowers(start, end)

    def main(self) -> MainLocalities:
        """Per country, the localities the article names, most named first."""
        if self._main is None:
            self._main = _main_localities(
                self.doc, [p for p in self.parties if p.type == "locality"]
            )
        return self._main

    def referent(self, country: str, noun: str, position: int) -> str | None:
        """The locality a definite `the prefecture` at `position` names: the last one of its
        kind named in the sentences before (as a party, a place or in a title such as
        `Governor of Gifu prefecture`), else the article's main one of that kind."""
        allowed = NOUN_KINDS.get(noun)
        if allowed is not None:
            if self._mentions is None:
                self._mentions = _mentions(self.doc, self.parties)
            mentions = self._mentions
            index = bisect_left(mentions, (position,)) - 1
            while index >= 0 and mentions[index][0] >= self.window_start:
                _, pid, mention_country, kind = mentions[index]
                if mention_country == country and kind in allowed:
                    return pid
                index -= 1
        return main_for(self.main(), country, noun)

    def dates(self) -> list[DateRef]:
        """The article's date spans outside boilerplate, in text order."""
        if self._dates is None:
            self._dates = _dates(self.doc)
        return self._dates


def _locality_kinds(doc: Doc) -> dict[str, str]:
    """Locality id -> its kind, from the locality records."""
    return {
        str(r.get("id")): str(r.get("kind")) for r in doc._.localities or [] if isinstance(r, dict)
    }


def _main_localities(doc: Doc, localities: list[Party]) -> MainLocalities:
    """Per country, the localities an article names, most named first: (id, score, kind).

    A mention in the dateline counts three times: the place the article was filed from.
    """
    meta = doc._.meta or {}
    dateline = fold(str(meta.get("dateline") or ""))
    kinds = _locality_kinds(doc)
    text = TokenView.of(doc).text
    counts: dict[str, dict[str, int]] = {"VN": {}, "JP": {}}
    folded: dict[str, str] = {}
    for party in localities:
        if party.country not in counts:
            continue
        weight = 1
        if dateline and party.start_char >= 0:
            written = text[party.start_char : party.end_char]
            if written not in folded:
                folded[written] = fold(written)
            if folded[written] == dateline:
                weight = DATELINE_WEIGHT
        bucket = counts[party.country]
        bucket[party.id] = bucket.get(party.id, 0) + weight
    return {
        country: sorted(
            ((pid, score, kinds.get(pid, "")) for pid, score in bucket.items()),
            key=lambda item: (-item[1], item[0]),
        )
        for country, bucket in counts.items()
    }


def _mentions(doc: Doc, parties: list[Party]) -> list[LocalityMention]:
    """(start, id, country, kind) of every locality named outside boilerplate, in order: the
    parties, and the mentions that are not (`in Gifu`, `Governor of Gifu prefecture`)."""
    kinds = _locality_kinds(doc)
    view = TokenView.of(doc)
    found = {(p.start, p.id, p.country) for p in parties if p.type == "locality"}
    for span in view.spans(keys.LOCALITIES):
        country = country_of(span.kb_id_)
        if country and not view.in_boilerplate(span.start, span.end):
            found.add((span.start, span.kb_id_, country))
    return sorted((start, pid, country, kinds.get(pid, "")) for start, pid, country in found)


def main_for(main: MainLocalities, country: str, noun: str | None) -> str | None:
    """The main locality of `country` that `noun` can name, if one clearly leads."""
    allowed = NOUN_KINDS.get(noun) if noun else None
    ranked = [c for c in main.get(country, []) if allowed is None or c[2] in allowed]
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _dates(doc: Doc) -> list[DateRef]:
    """The date spans outside boilerplate, each with its value, how and whether a range."""
    view = TokenView.of(doc)
    if keys.DATES not in doc.spans:
        return []
    ranges = set()
    for record in doc._.dates or []:
        if isinstance(record, dict) and record.get("end") and record.get("evidence"):
            ev = record["evidence"]
            ranges.add((ev.get("start"), ev.get("end")))
    refs = []
    text = view.text
    for span in view.spans(keys.DATES):
        kb_id = span.kb_id_
        value = kb_id.split("/", 1)[0].strip()
        start_char = span.start_char
        if not value or in_boilerplate(doc, start_char):
            continue
        end_char = span_end = span.end_char
        while end_char > start_char and in_boilerplate(doc, end_char - 1):
            end_char -= 1  # `December 2014./.`: the sign-off is not part of the date
        label = span.label_
        how = label if label in DATE_HOWS else "stated"
        is_range = (start_char, span_end) in ranges or "/" in kb_id
        refs.append(
            DateRef(
                value,
                how,
                start_char,
                end_char,
                span.start,
                span.end,
                is_range,
                text[start_char:end_char],
            )
        )
    return sorted(refs, key=lambda r: r.start)
