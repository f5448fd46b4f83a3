"""Recognition: the tie cues and the candidate parties of a Doc.

One `PhraseMatcher` pass finds every phrase the component looks at: the tie cues (`signed
an MoU`, `sister cities`, label: their kind), `friendly ... relations` (a scan from the rare
`friendly`), back-references to a pair (`the two localities`) and locality nouns (`the
prefecture`). Parties are the localities named outside organizations and the
organizations; a government body (People's Committee, prefectural government) stands for
its locality.

Why apart: which words are cues and which mentions may be parties does not depend on the
sentence they are in; pairing them does (`claims`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from vjties import keys
from vjties.components.organizations import organization_records, organization_spans
from vjties.components.partnerships.cues import (
    FRIENDLY,
    NOUN,
    PAIR_PREFIX,
    Cues,
    country_of,
)
from vjties.tokens import TokenView

#: How far after `friendly`/`friendship` the tie noun may come (`friendly and cooperative
#: relations`).
FRIENDLY_REACH = 8
#: How far after an agreement the purpose (`to become sister provinces`) may come.
PURPOSE_REACH = 4


class Cue(NamedTuple):
    """A phrase that states a tie of `kind` (tokens [start, end))."""

    start: int
    end: int
    kind: str
    strength: int


class Party(NamedTuple):
    """A locality or organization that may be a party to a tie; start -1: taken from
    elsewhere (a back-reference, a clause before)."""

    id: str
    type: str  # "locality" | "organization"
    country: str | None
    start: int
    end: int
    start_char: int = -1
    end_char: int = -1


@dataclass
class Found:
    """What the matcher found in a Doc: tie cues by kind, `friendly` starts, pair references
    by position, and locality nouns."""

    kind_matches: list[tuple[str, int, int]] = field(default_factory=list)
    friendly: list[int] = field(default_factory=list)
    pair_refs: dict[int, str] = field(default_factory=dict)
    nouns: set[int] = field(default_factory=set)

    @cached_property
    def pair_starts(self) -> list[int]:
        """Where pair references start, sorted (read once the matcher is done)."""
        return sorted(self.pair_refs)

    @cached_property
    def noun_starts(self) -> list[int]:
        """Where locality nouns start, sorted."""
        return sorted(self.nouns)


class CueFinder:
    """The matcher of tie cues and the words that matter near them."""

    def __init__(self, nlp: Language, cues: Cues) -> None:
        self.cues = cues
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, phrases in cues.kinds.items():
            patterns = [nlp.make_doc(p) for p in phrases]
            # `signed an MoU.`: the tokenizer keeps the full stop on an all-caps abbreviation.
            patterns += [
                Doc(nlp.vocab, words=[f"{p}."]) for p in phrases if " " not in p and len(p) <= 4
            ]
            self.matcher.add(kind, patterns)
        self.matcher.add(FRIENDLY, [nlp.make_doc(p) for p in cues.friendly])
        for label, phrases in cues.pair_references.items():
            self.matcher.add(PAIR_PREFIX + label, [nlp.make_doc(p) for p in phrases])
        self.matcher.add(NOUN, [nlp.make_doc(p) for p in cues.locality_nouns])
        self.labels = {
            nlp.vocab.strings.add(label): label
            for label in [*cues.kinds, FRIENDLY, NOUN]
            + [PAIR_PREFIX + label for label in cues.pair_references]
        }

    def find(self, doc: Doc) -> Found:
        """Every phrase of the matcher in `doc`, sorted by what it is."""
        found = Found()
        labels = self.labels
        for key, start, end in self.matcher(doc):
            label = labels[key]
            if label[0] != "_":
                found.kind_matches.append((label, start, end))
            elif label == FRIENDLY:
                found.friendly.append(start)
            elif label == NOUN:
                found.nouns.add(start)
            else:
                found.pair_refs[start] = label[len(PAIR_PREFIX) :]
        return found

    def tie_cues(self, doc: Doc, found: Found, blocked: list[bool]) -> list[Cue]:
        """The tie cues outside organizations' names and boilerplate, not about the two
        countries (`bilateral relations`) nor part of a name (`Friendship Association`); the
        strongest kind where two cover the same words, the longest where one holds another."""
        view = TokenView.of(doc)
        cues = self.cues
        matches = found.kind_matches
        matches += [("friendship", s, e) for s, e in self._friendly_ties(view, found.friendly)]
        by_span: dict[tuple[int, int], Cue] = {}
        for kind, start, end in matches:
            if any(blocked[start:end]) or view.in_boilerplate(start, end):
                continue
            previous = view.lower(start - 1) if start > 0 else ""
            if previous in cues.country_level:
                continue  # `bilateral relations`, `diplomatic ties`: the two countries
            if end < len(doc) and doc[end - 1].is_title and doc[end].is_title:
                continue  # part of a name: `Friendship Association`, `Partnership Forum`
            cue = Cue(start, end, kind, cues.strength[kind])
            known = by_span.get((start, end))
            if known is None or known.strength < cue.strength:
                by_span[(start, end)] = cue
        self._drop_purpose_agreements(view, by_span)
        kept: list[Cue] = []
        for cue in sorted(by_span.values(), key=lambda c: (c.start - c.end, c.start)):
            if not any(k.start <= cue.start and cue.end <= k.end for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: (c.start, -c.end))

    def _drop_purpose_agreements(
        self, view: TokenView, by_span: dict[tuple[int, int], Cue]
    ) -> None:
        """`an agreement to become sister provinces`: the agreement makes that tie, so the
        agreement is no cue of its own."""
        for cue in list(by_span.values()):
            if cue.kind != "cooperation_agreement":
                continue
            after = {view.lower(i) for i in range(cue.end, min(cue.end + PURPOSE_REACH, view.n))}
            if not self.cues.purpose_words & after:
                continue
            if any(
                c.kind in {"sister_city", "friendship"}
                and cue.end < c.start <= cue.end + PURPOSE_REACH
                for c in by_span.values()
            ):
                del by_span[(cue.start, cue.end)]

    def _friendly_ties(self, view: TokenView, starts: list[int]) -> list[tuple[int, int]]:
        """`friendly and cooperative relations`, `friendship and official cooperative ties`.

        A scan from each (rare) `friendly`/`friendship` is much cheaper than a Matcher
        pattern with optional tokens run over every token of every document.
        """
        found = []
        fillers, heads = self.cues.friendly_fillers, self.cues.tie_heads
        for start in starts:
            for i in range(start + 1, min(start + FRIENDLY_REACH, view.n)):
                low = view.lower(i)
                if low in heads:
                    found.append((start, i + 1))
                    break
                if low not in fillers and low != ",":
                    break
        return found


def organization_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it is inside an organization's name."""
    in_org = [False] * len(doc)
    for span in organization_spans(doc):
        for i in range(span.start, span.end):
            in_org[i] = True
    return in_org


def collect_parties(
    doc: Doc, cues: Cues, in_org: list[bool]
) -> tuple[list[Party], list[str | None]]:
    """(the candidate parties in text order, the country of the locality each token is part
    of: `?` unknown, None outside one).

    Localities named inside an organization's name are no parties; a government body
    (People's Committee, prefectural government) is its locality; any other organization is
    itself, with its country or its locality's.
    """
    view = TokenView.of(doc)
    locality_token: list[str | None] = [None] * len(doc)
    parties: list[Party] = []
    mentions = [(s.kb_id_, s.start, s.end) for s in view.spans(keys.LOCALITIES)]
    for kb_id, start, end in mentions + repeated_names(doc, mentions, in_org):
        country = country_of(kb_id)
        locality_token[start:end] = [country or "?"] * (end - start)
        if country is None or any(in_org[start:end]) or view.in_boilerplate(start, end):
            continue
        start_char, end_char = view.span_chars(start, end)
        parties.append(Party(kb_id, "locality", country, start, end, start_char, end_char))
    orgs = {str(o.get("id")): o for o in organization_records(doc) if isinstance(o, dict)}
    for span in organization_spans(doc):
        if not span.kb_id_ or view.in_boilerplate(span.start, span.end):
            continue
        parties.append(_organization_party(span.kb_id_, orgs.get(span.kb_id_, {}), cues, span))
    parties.sort(key=lambda p: (p.start, p.end))
    return parties, locality_token


def repeated_names(
    doc: Doc, mentions: list[tuple[str, int, int]], in_org: list[bool]
) -> list[tuple[str, int, int]]:
    """(id, start, end) of the places named again without what made them places the first
    time: `Japan's Mimasaka city ...; In 2019, Yen Bai and Mimasaka signed ...` (a small
    place needs a cue to be recognised, and the second mention has none). Only a name the
    document resolved to one locality, written the same way and capitalised, outside other
    mentions and organizations' names."""
    view = TokenView.of(doc)
    names: dict[tuple[str, ...], set[str]] = {}
    for kb_id, start, end in mentions:
        if kb_id:
            names.setdefault(tuple(view.text_of(i) for i in range(start, end)), set()).add(kb_id)
    taken = {i for _, start, end in mentions for i in range(start, end)}
    wanted = [(w, ids) for w, ids in names.items() if len(ids) == 1 and w[0][:1].isupper()]
    # One search for every name's first word, then each name in its own order, as before.
    at: dict[str, list[int]] = {}
    for i in view.positions({words[0] for words, _ in wanted}, "orth"):
        at.setdefault(view.text_of(i), []).append(i)
    found = []
    for words, ids in wanted:
        for start in at.get(words[0], ()):
            end = start + len(words)
            if end > view.n or any(i in taken or in_org[i] for i in range(start, end)):
                continue
            if tuple(view.text_of(i) for i in range(start, end)) == words:
                found.append((next(iter(ids)), start, end))
                taken.update(range(start, end))
    return sorted(found, key=lambda m: m[1])


def _organization_party(kb_id: str, record: dict[str, Any], cues: Cues, span: Any) -> Party:
    """The party an organization mention is: its locality for a government body, else the
    organization."""
    locality = record.get("locality")
    where = (span.start, span.end, span.start_char, span.end_char)
    if record.get("kind") in cues.government_kinds and country_of(locality):
        return Party(str(locality), "locality", country_of(locality), *where)
    country = record.get("country") or country_of(locality)
    return Party(kb_id, "organization", country, *where)
