"""What the sentences of one article share: its parties, the localities it is about (for
back-references such as `the prefecture`) and its dates.

Why a class: a tie stated in one sentence reads the article around it (the locality of
that kind named last, the article's main locality, the date spans); computing those once
per article, only for articles that state a tie, is most of the component's speed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from vjties import keys
from vjties.components.localities import main_locality
from vjties.components.organizations import organization_records
from vjties.components.partnerships.cues import DATE_HOWS, NOUN_KINDS, Cues, country_of
from vjties.components.partnerships.recognition import Party
from vjties.extensions import in_boilerplate
from vjties.tokens import TokenView

#: A mention of a locality: (start, id, country, kind).
LocalityMention = tuple[int, str, str | None, str]


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
    _main: dict[tuple[str, frozenset[str] | None], str | None] = field(
        default_factory=dict, repr=False
    )
    _mentions: list[LocalityMention] | None = field(default=None, repr=False)
    _dates: list[DateRef] | None = field(default=None, repr=False)
    _officials: list[tuple[dict[str, Any], int, int]] | None = field(default=None, repr=False)

    @property
    def view(self) -> TokenView:
        """The shared token view of the document."""
        return TokenView.of(self.doc)

    def fill(self, start: int, end: int) -> None:
        """Put the lower-case forms of tokens [start, end) into `low`."""
        self.low[start:end] = self.view.lowers(start, end)

    def main_locality(self, country: str, noun: str | None = None) -> str | None:
        """The article's main locality of `country` (`vjties.components.localities.
        main_locality`), of a kind `noun` can name (`the prefecture`), if one clearly leads."""
        kinds = NOUN_KINDS.get(noun) if noun else None
        key = (country, kinds)
        if key not in self._main:
            self._main[key] = main_locality(self.doc, country, kinds)
        return self._main[key]

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
        return self.main_locality(country, noun)

    def officials_in(self, start: int, end: int) -> list[tuple[dict[str, Any], int, int]]:
        """(official record, start, end) of each official named in tokens [start, end) who
        represents a locality as a head of its government (no organization, or a government
        body's), outside boilerplate."""
        if self._officials is None:
            self._officials = _government_officials(self.doc, self.cues)
        return [(record, s, e) for record, s, e in self._officials if start <= s and e <= end]

    def dates(self) -> list[DateRef]:
        """The article's date spans outside boilerplate, in text order."""
        if self._dates is None:
            self._dates = _dates(self.doc)
        return self._dates


def _government_officials(doc: Doc, cues: Cues) -> list[tuple[dict[str, Any], int, int]]:
    """The mentions of officials who head or serve a local government: their record's
    organization is none (a governor, a mayor) or a government body."""
    view = TokenView.of(doc)
    records = {str(r.get("id")): r for r in doc._.officials or [] if isinstance(r, dict)}
    kinds = {
        str(r.get("id")): r.get("kind") for r in organization_records(doc) if isinstance(r, dict)
    }
    found = []
    for span in view.spans(keys.OFFICIALS):
        record = records.get(span.kb_id_)
        if (
            record is None
            or not record.get("locality")
            or view.in_boilerplate(span.start, span.end)
        ):
            continue
        organization = record.get("organization")
        if organization is None or kinds.get(str(organization)) in cues.government_kinds:
            found.append((record, span.start, span.end))
    return found


def _locality_kinds(doc: Doc) -> dict[str, str]:
    """Locality id -> its kind, from the locality records."""
    return {
        str(r.get("id")): str(r.get("kind")) for r in doc._.localities or [] if isinstance(r, dict)
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
