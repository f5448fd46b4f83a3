"""Partnerships: the ties the text states between a Vietnamese and a Japanese locality.

Rules, sentence by sentence and clause by clause, over the mentions earlier components left
in `doc.spans` ("localities", "organizations", "dates"); there is no parser. A clause that
holds a tie cue (`signed an MoU`, `became twin towns`, `friendly and cooperative relations`,
`the partnership with ...`) and a Vietnamese and a Japanese party states a tie between them;
a list on one side fans out (`with four Japanese cities - A, B, C and D` is four ties).

Decisions a user of the dataset should know:
- Only Vietnam–Japan pairs are ties; a locality tied to itself or to a country is not one.
- A locality that is a place (`in Hanoi`), a possessor (`Aichi's firms`), part of a title
  (`Governor of Aichi`) or inside brackets is not a party. `Leaders of X and Y` are X and
  Y; the signatories of an instrument (`Governor of Y ... signed an MoU`) stand for their
  localities only when nothing else in the clause names that side.
- Back-references: `the province`, `the prefecture`, `the city` name the last locality of
  that kind named in the three sentences before or earlier in the sentence, even where it
  is no party (`Vice Governor of Gifu Prefecture X said the prefecture ...` is Gifu; the
  dateline, where the article was filed, does not outweigh it). Without one, and for
  kindless epithets (`the southern industrial hub`), the article's main locality of that
  kind (the most named, the dateline counting three times; no tie when two localities
  are named equally often); `they`, `the two localities` the
  pair of a tie stated up to three sentences before (else, for an explicit `the two
  provinces`, the article's main Vietnamese and Japanese localities); a dependent clause
  (`, with the partnership with X being ...`, `, which became ...`, `and signed ...`)
  takes the side it lacks from the clause before it, and its kind when its own cue is a
  plain `partnership`.
- Negated ties (`have not yet signed an MoU`) are proposals, never made ties.
- Wishes, plans and expectations (`hopes to set up ties with`) are emitted with status
  `proposed` and an id ending in `~proposed`, so they never merge into a made tie; within a
  document they are dropped for a pair that has an established tie (`looks forward to
  further strengthening this partnership` is about the tie already made).
- Within a document, a pair's plain `cooperation` mentions without dates join the pair's
  more specific tie (`friendship`, `mou`, ...) as evidence instead of standing alone.
- A locality–organization tie (party_types) is emitted only for an instrument (MoU, letter
  of intent, agreement) or as a proposal, and only with a foreign organization; a
  government body (People's Committee, prefectural government) stands for its locality.
- `established` is the first date stated close to the tie in its clause (right after the
  partner or a tie cue, past a topic such as `on tourism`; `In 2008, ...` at the clause
  start); in a clause about an anniversary only a range counts and gives its start
  (`(2009-2024)` -> 2009). Every date is kept in `dates` with its evidence, so a tie merged
  across documents keeps conflicting dates side by side; `established` is then the date
  of the document read first.
- Ids: `<party a>~<party b>~<kind>` with the party ids sorted, plus `~proposed` for a
  proposal; the same tie reported by two documents is one record with both evidences.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.components.organizations import organization_records, organization_spans
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate
from vjties.models import partnership_id
from vjties.text import fold

COUNTRY_OF_PREFIX = lexicon.country_id_prefixes()
# Organization kinds that act for their locality: a tie they sign is the locality's tie.
GOVERNMENT_KINDS = frozenset(
    {
        "people_committee",
        "people_council",
        "party_committee",
        "government",
        "prefectural_government",
        "city_government",
        "municipal_government",
        "local_government",
        "prefectural_assembly",
        "city_council",
        "city_hall",
    }
)
INSTRUMENT_KINDS = frozenset({"mou", "letter_of_intent", "cooperation_agreement"})
SIGNING_VERBS = frozenset(
    {"sign", "signs", "signed", "signing", "ink", "inks", "inked", "exchange", "exchanged"}
)
QUANTIFIERS = frozenset({"many", "more", "most", "some", "several", "numerous", "few", "all"})
PURPOSE_WORDS = frozenset(
    {"become", "becoming", "establish", "establishing", "establishment", "set", "setting"}
)
# A clause about celebrating a tie dates the celebration, not the tie: only a range counts.
ANNIVERSARY_WORDS = frozenset(
    {"anniversary", "celebrate", "celebrates", "celebrated", "celebrating", "mark", "marks"}
    | {"marked", "marking", "jubilee"}
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
AGREEING = frozenset({"agree", "agrees", "agreed"})
DATE_HOWS = frozenset({"stated", "from_publication_date", "inferred"})
# Words between a party and what governs it: articles, the possessive, and country words
# (`Japan's Gunma prefecture`; resources/countries.json, Vietnamese spellings included).
SKIP_WORDS = frozenset({"the", "a", "an", "'s", "’s", "'"}) | lexicon.country_tokens()
LIST_MARKERS = frozenset({",", "and", "or", "-", "–", "—", ":", "&"})
OPEN_BRACKETS = {"(": ")", "[": "]"}
CLOSE_BRACKETS = {")": "(", "]": "["}
CLAUSE_START_PREPS = frozenset({"in", "on", "since", "from"})
# How far (in tokens) a date may follow the partner or a tie cue to be the tie's date:
# `with Gunma prefecture in 2019`, `signed a letter of intent on tourism on June 12`.
NEAR_PARTNER = 3
NEAR_CUE = 4
# ... or further, past a topic: `an MoU with JICA on heritage conservation in 2021`.
NEAR_TOPIC = 8
TOPIC_PREPS = frozenset({"on", "in", "for", "about", "regarding", "covering"})
# Labels of the matcher's non-cue phrases.
FRIENDLY = "_friendly"
NOUN = "_noun"
PAIR_PREFIX = "_pair_"
# `the prefecture` names the last locality of its kind named up to this many sentences before.
REFERENCE_WINDOW = 3
# `they`, `the two localities` may refer to a pair stated this many sentences before.
PREVIOUS_WINDOW = 3


@dataclass(frozen=True)
class Cues:
    """The cue lexicon of resources/partnership_cues.json, as sets."""

    strength: dict[str, int]
    kinds: dict[str, list[str]]
    friendly: frozenset[str]
    friendly_fillers: frozenset[str]
    tie_heads: frozenset[str]
    country_level: frozenset[str]
    proposal: frozenset[str]
    made: frozenset[str]
    locality_nouns: frozenset[str]
    pair_references: dict[str, list[str]]
    blocking: frozenset[str]
    modifiers: frozenset[str]
    possessed_ties: frozenset[str]
    people: frozenset[str]
    titles: frozenset[str]
    clause_openers: list[str]
    coordinated_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue lexicon (resources/partnership_cues.json; titles from titles.jsonl), as sets."""
    raw = lexicon.partnership_cues()
    return Cues(
        strength=dict(raw.strength),
        kinds={kind: list(phrases) for kind, phrases in raw.kinds.items()},
        friendly=frozenset(raw.friendly),
        friendly_fillers=frozenset(raw.friendly_fillers),
        tie_heads=frozenset(raw.tie_heads),
        country_level=frozenset(raw.country_level),
        proposal=frozenset(raw.proposal),
        made=frozenset(raw.made),
        locality_nouns=frozenset(raw.locality_nouns),
        pair_references={label: list(words) for label, words in raw.pair_references.items()},
        blocking=frozenset(raw.blocking),
        modifiers=frozenset(raw.modifiers),
        possessed_ties=frozenset(raw.possessed_ties),
        people=frozenset(raw.people),
        titles=lexicon.title_words("holds_office_of"),
        clause_openers=list(raw.clause_openers),
        coordinated_verbs=frozenset(raw.coordinated_verbs),
    )


# Per country, the localities an article names, most named first: (id, score, kind).
MainLocalities = dict[str, list[tuple[str, int, str]]]


class Cue(NamedTuple):
    start: int
    end: int
    kind: str
    strength: int


class Party(NamedTuple):
    id: str
    type: str  # "locality" | "organization"
    country: str | None
    start: int
    end: int
    start_char: int = -1
    end_char: int = -1


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    dependent: bool


@dataclass
class DateRef:
    value: str
    how: str
    start_char: int
    end_char: int
    start: int
    end: int
    is_range: bool
    text: str


@dataclass
class Claim:
    """One statement of a tie in one clause."""

    parties: tuple[Party, Party]
    kind: str
    status: str
    dates: list[DateRef]
    evidence: tuple[int, int, str]

    @property
    def pair(self) -> tuple[str, str]:
        a, b = sorted((self.parties[0].id, self.parties[1].id))
        return (a, b)


class _Words:
    """The lower-case forms of a document's tokens, without building a Token for each.

    `word(i)` looks one up; `fill(start, end)` writes those of a sentence into `low`, which
    the sentence-level rules index by token position.
    """

    __slots__ = ("hashes", "low", "starts", "strings")

    def __init__(self, doc: Doc) -> None:
        array = doc.to_array([LOWER, SENT_START])
        self.hashes: list[int] = array[:, 0].tolist()
        self.starts: list[int] = (numpy.flatnonzero(array[1:, 1] == 1) + 1).tolist()
        self.strings = doc.vocab.strings
        self.low: list[str] = [""] * len(self.hashes)

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence, as `doc.sents` gives them."""
        bounds = [0, *self.starts, len(self.hashes)]
        return [(bounds[n], bounds[n + 1]) for n in range(len(bounds) - 1)]

    def word(self, i: int) -> str:
        return str(self.strings[self.hashes[i]])

    def fill(self, start: int, end: int) -> None:
        strings = self.strings
        self.low[start:end] = [strings[h] for h in self.hashes[start:end]]


@dataclass
class _SentenceState:
    """What the clauses of one sentence learn from each other."""

    parties: list[Party] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


class PartnershipsExtractor:
    """Finds tie cues with spaCy matchers, then pairs the parties around them clause by clause."""

    def __init__(self, nlp: Language, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        # One PhraseMatcher pass finds every phrase the component looks at: the tie cues (label:
        # their kind) and the words that only matter near one (labels starting with "_").
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, phrases in self.cues.kinds.items():
            patterns = [nlp.make_doc(p) for p in phrases]
            # `signed an MoU.`: the tokenizer keeps the full stop on an all-caps abbreviation.
            patterns += [
                Doc(nlp.vocab, words=[f"{p}."]) for p in phrases if " " not in p and len(p) <= 4
            ]
            self.matcher.add(kind, patterns)
        self.matcher.add(FRIENDLY, [nlp.make_doc(p) for p in self.cues.friendly])
        for label, phrases in self.cues.pair_references.items():
            self.matcher.add(PAIR_PREFIX + label, [nlp.make_doc(p) for p in phrases])
        self.matcher.add(NOUN, [nlp.make_doc(p) for p in self.cues.locality_nouns])
        # Clause openers after a comma (`, with the partnership ...`), by their first word:
        # checked only in the sentences that may state a tie.
        self.openers: dict[str, list[list[str]]] = {}
        for phrase in self.cues.clause_openers:
            opener = [t.lower_ for t in nlp.make_doc(phrase)]
            self.openers.setdefault(opener[0], []).append(opener)
        # Words after a locality that still belong to its name: `Gifu prefecture`.
        self.party_nouns = self.cues.locality_nouns | {"region", "district"}
        self.labels = {
            nlp.vocab.strings.add(label): label
            for label in [*self.cues.kinds, FRIENDLY, NOUN]
            + [PAIR_PREFIX + label for label in self.cues.pair_references]
        }

    def __call__(self, doc: Doc) -> Doc:
        claims = self.match(doc)
        self.set_annotations(doc, claims)
        return doc

    # --- matching ------------------------------------------------------------------------

    def _cues(
        self,
        doc: Doc,
        words: _Words,
        blocked: list[bool],
        matches: list[tuple[str, int, int]],
        friendly: list[int],
    ) -> list[Cue]:
        found: dict[tuple[int, int], Cue] = {}
        boilerplate = doc._.boilerplate or []
        strength = self.cues.strength
        matches += [("friendship", s, e) for s, e in self._friendly_ties(words, friendly)]
        for kind, start, end in matches:
            if any(blocked[start:end]) or (
                boilerplate
                and in_boilerplate(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            ):
                continue
            previous = words.word(start - 1) if start > 0 else ""
            if previous in self.cues.country_level:
                continue  # `bilateral relations`, `diplomatic ties`: the two countries
            if end < len(doc) and doc[end - 1].is_title and doc[end].is_title:
                continue  # part of a name: `Friendship Association`, `Partnership Forum`
            cue = Cue(start, end, kind, strength[kind])
            known = found.get((start, end))
            if known is None or known.strength < cue.strength:
                found[(start, end)] = cue
        # `an agreement to become sister provinces`: the agreement makes that tie.
        for cue in list(found.values()):
            if cue.kind != "cooperation_agreement":
                continue
            after = {words.word(i) for i in range(cue.end, min(cue.end + 4, len(doc)))}
            if not PURPOSE_WORDS & after:
                continue
            if any(
                c.kind in {"sister_city", "friendship"} and cue.end < c.start <= cue.end + 4
                for c in found.values()
            ):
                del found[(cue.start, cue.end)]
        # A cue inside a longer one is part of it: `friendship agreement` is not `agreement`.
        kept: list[Cue] = []
        for cue in sorted(found.values(), key=lambda c: (c.start - c.end, c.start)):
            if not any(k.start <= cue.start and cue.end <= k.end for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: (c.start, -c.end))

    def _friendly_ties(self, words: _Words, starts: list[int]) -> list[tuple[int, int]]:
        """`friendly and cooperative relations`, `friendship and official cooperative ties`.

        A scan from each (rare) `friendly`/`friendship` is much cheaper than a Matcher
        pattern with optional tokens run over every token of every document.
        """
        found = []
        fillers, heads = self.cues.friendly_fillers, self.cues.tie_heads
        for start in starts:
            for i in range(start + 1, min(start + 8, len(words.hashes))):
                low = words.word(i)
                if low in heads:
                    found.append((start, i + 1))
                    break
                if low not in fillers and low != ",":
                    break
        return found

    def match(self, doc: Doc) -> list[Claim]:
        kind_matches: list[tuple[str, int, int]] = []
        friendly: list[int] = []
        pair_refs: dict[int, str] = {}
        nouns: set[int] = set()
        labels = self.labels
        for key, start, end in self.matcher(doc):
            label = labels[key]
            if label[0] != "_":
                kind_matches.append((label, start, end))
            elif label == FRIENDLY:
                friendly.append(start)
            elif label == NOUN:
                nouns.add(start)
            else:
                pair_refs[start] = label[len(PAIR_PREFIX) :]
        if not kind_matches and not friendly:
            return []  # most documents of a corpus, and most sentences, state no tie
        orgs = {str(o.get("id")): o for o in organization_records(doc) if isinstance(o, dict)}
        org_spans = organization_spans(doc)
        in_org = [False] * len(doc)
        for span in org_spans:
            for i in range(span.start, span.end):
                in_org[i] = True
        words = _Words(doc)
        cues = self._cues(doc, words, in_org, kind_matches, friendly)
        boilerplate = doc._.boilerplate or []
        if not cues:
            return []
        # The country of the locality each token is part of ("?" unknown), None outside one.
        locality_token: list[str | None] = [None] * len(doc)
        localities: list[Party] = []
        for span in doc.spans.get(keys.LOCALITIES, []):
            kb_id, start, end = span.kb_id_, span.start, span.end
            country = _country(kb_id)
            locality_token[start:end] = [country or "?"] * (end - start)
            if country is None or any(in_org[start:end]):
                continue
            start_char, end_char = span.start_char, span.end_char
            if boilerplate and in_boilerplate(doc, start_char, end_char):
                continue
            localities.append(Party(kb_id, "locality", country, start, end, start_char, end_char))
        parties = list(localities)
        for span in org_spans:
            if not span.kb_id_ or (
                boilerplate and in_boilerplate(doc, span.start_char, span.end_char)
            ):
                continue
            record = orgs.get(span.kb_id_, {})
            locality = record.get("locality")
            if record.get("kind") in GOVERNMENT_KINDS and _country(locality):
                parties.append(
                    Party(
                        str(locality),
                        "locality",
                        _country(locality),
                        span.start,
                        span.end,
                        span.start_char,
                        span.end_char,
                    )
                )
                continue
            country = record.get("country") or _country(locality)
            parties.append(
                Party(
                    span.kb_id_,
                    "organization",
                    country,
                    span.start,
                    span.end,
                    span.start_char,
                    span.end_char,
                )
            )
        parties.sort(key=lambda p: (p.start, p.end))
        party_starts = [p.start for p in parties]
        noun_starts = sorted(nouns)
        pair_starts = sorted(pair_refs)
        # Computed for the first sentence that may state a tie.
        cache: dict[str, Any] = {}

        def main() -> MainLocalities:
            if "main" not in cache:
                cache["main"] = _main_localities(doc, [p for p in parties if p.type == "locality"])
            return cache["main"]

        window_start = 0
        recent: list[int] = []  # starts of the sentences so far

        def referent(country: str, noun: str, position: int) -> str | None:
            """The locality a definite `the prefecture` at `position` names: the last one of
            its kind named in the sentences before (as a party, a place or in a title such
            as `Governor of Gifu prefecture`), else the article's main one of that kind."""
            allowed = NOUN_KINDS.get(noun)
            if allowed is not None:
                if "mentions" not in cache:
                    cache["mentions"] = _mentions(doc, parties)
                mentions: list[tuple[int, str, str | None, str]] = cache["mentions"]
                index = bisect_left(mentions, (position,)) - 1
                while index >= 0 and mentions[index][0] >= window_start:
                    _, pid, mention_country, kind = mentions[index]
                    if mention_country == country and kind in allowed:
                        return pid
                    index -= 1
            return _main_for(main(), country, noun)

        def dates() -> list[DateRef]:
            if "dates" not in cache:
                cache["dates"] = _dates(doc)
            return cache["dates"]

        claims: list[Claim] = []
        previous: list[Claim] = []
        age = 0
        cue_index = 0
        for sent_start, sent_end in words.sentences():
            while cue_index < len(cues) and cues[cue_index].start < sent_start:
                cue_index += 1
            sent_cues = []
            i = cue_index
            while i < len(cues) and cues[i].start < sent_end:
                sent_cues.append(cues[i])
                i += 1
            if sent_end - sent_start == 1 and words.word(sent_start).isspace():
                continue  # a blank line between paragraphs is not a sentence
            age += 1
            if age > PREVIOUS_WINDOW:
                previous = []
            recent.append(sent_start)
            window_start = recent[-1 - REFERENCE_WINDOW] if len(recent) > REFERENCE_WINDOW else 0
            if not sent_cues:
                continue
            low = bisect_left(party_starts, sent_start)
            high = bisect_left(party_starts, sent_end)
            if not _any_between(pair_starts, sent_start, sent_end):
                # A tie needs two sides: two parties of different countries, or a
                # back-reference (`the province`) and one more party or reference.
                references = bisect_left(noun_starts, sent_end) - bisect_left(
                    noun_starts, sent_start
                )
                if references == 0:
                    countries = {p.country for p in parties[low:high]}
                    countries.discard(None)
                    if len(countries) < 2:
                        continue
                elif references + high - low < 2:
                    continue
            words.fill(sent_start, sent_end)
            sent = doc[sent_start:sent_end]
            found = self._sentence_claims(
                doc,
                words.low,
                sent,
                sent_cues,
                parties[low:high],
                locality_token,
                main,
                referent,
                dates,
                pair_refs,
                self.openers,
                previous,
            )
            claims.extend(found)
            if found:
                previous, age = found, 0
        return claims

    def _sentence_claims(
        self,
        doc: Doc,
        low: list[str],
        sent: Span,
        cues: list[Cue],
        all_parties: list[Party],
        locality_token: list[str | None],
        main: Callable[[], MainLocalities],
        referent: Callable[[str, str, int], str | None],
        dates: Callable[[], list[DateRef]],
        pair_refs: dict[int, str],
        openers: dict[str, list[list[str]]],
        previous: list[Claim],
    ) -> list[Claim]:
        brackets = _bracket_depth(low, sent)
        parties, signatories = [], []
        for p in all_parties:
            if not sent.start <= p.start < sent.end:
                continue
            if self._is_party(doc, low, sent, p, brackets, locality_token):
                parties.append(p)
            elif p.type == "locality" and self._signatory(low, sent, p):
                signatories.append(p)
        clauses = _clauses(low, sent, openers, self.cues.coordinated_verbs)
        state = _SentenceState()
        for clause in clauses:
            clause_cues = [c for c in cues if clause.start <= c.start < clause.end]
            clause_parties = [p for p in parties if clause.start <= p.start < clause.end]
            if clause_cues:
                state.claims.extend(
                    self._clause_claims(
                        doc,
                        low,
                        sent,
                        clause,
                        clause_cues,
                        clause_parties,
                        [p for p in signatories if clause.start <= p.start < clause.end],
                        cues,
                        clauses,
                        state,
                        locality_token,
                        brackets,
                        main,
                        referent,
                        dates,
                        pair_refs,
                        previous,
                    )
                )
            state.parties.extend(clause_parties)
        return state.claims

    def _is_party(
        self,
        doc: Doc,
        low: list[str],
        sent: Span,
        party: Party,
        brackets: dict[int, int],
        locality_token: list[str | None],
    ) -> bool:
        cues = self.cues
        if brackets.get(party.start, 0) > 0:
            return False
        after = party.end
        while after < sent.end and low[after] in self.party_nouns:
            after += 1
        if after < sent.end:
            following = low[after]
            if following in {"'s", "’s", "'"}:
                nxt = low[after + 1] if after + 1 < sent.end else ""
                if nxt not in cues.possessed_ties:
                    return False
            elif following in cues.modifiers:
                return False
            elif (
                following in {"-", "–"}
                and after + 1 < sent.end
                and low[after + 1]
                in {
                    "based",
                    "headquartered",
                    "born",
                    "made",
                }
            ):
                return False  # `an Osaka-based company`
            elif following == "(" and party.start == sent.start:
                return False  # the dateline: `Da Nang (VNA) -`
            elif (
                following in {"-", "–", "—"}
                and party.start == sent.start
                and party.type == "locality"
            ):
                return False
        if party.start > sent.start and (
            low[party.start - 1] in QUANTIFIERS or doc[party.start - 1].like_num
        ):
            return False  # `2,000 Osaka tourists`, `many Aichi firms`
        governor = self._governor(doc, low, sent, party.start, locality_token, party.country)
        if governor in {"of", "from"} and self._people_before(low, sent, party.start):
            return True  # `Leaders of Hue and Okayama met to mark their ties`
        return governor not in cues.blocking

    def _signatory(self, low: list[str], sent: Span, party: Party) -> bool:
        """Whether the mention is in an official's title: `Governor of Okayama prefecture`."""
        i = party.start - 1
        while i > sent.start and low[i] in {"the", "a"}:
            i -= 1
        return i > sent.start and low[i] == "of" and low[i - 1] in self.cues.titles

    def _people_before(self, low: list[str], sent: Span, start: int) -> bool:
        """Whether the mention at `start` is in `leaders of (the central city of) X`."""
        for i in range(start - 1, max(sent.start, start - 8) - 1, -1):
            if low[i] in {"of", "from"} and i > sent.start and low[i - 1] in self.cues.people:
                return True
        return False

    def _governor(
        self,
        doc: Doc,
        lows: list[str],
        sent: Span,
        start: int,
        locality_token: list[str | None],
        country: str | None = None,
    ) -> str:
        """The word a mention hangs from, looking back past articles, descriptors and lists.

        `in the central city of Da Nang` -> `in`; `between Hanoi and the Kyushu region` ->
        `between`; `Higashiosaka city of Japan's Osaka prefecture` -> `of` (a container).
        """
        cues = self.cues
        i = start - 1
        steps = 0
        while i >= sent.start and steps < 30:
            steps += 1
            low = lows[i]
            if low in SKIP_WORDS:
                i -= 1
                continue
            if low == "of" and i - 1 >= sent.start and lows[i - 1] in cues.locality_nouns:
                j = i - 2
                walked = 0
                while (
                    j >= sent.start
                    and walked < 5
                    and locality_token[j] is None
                    and lows[j] not in cues.blocking
                    and lows[j] not in {"the", "a", "an", "and", "with", "between"}
                    and doc[j].is_alpha
                ):
                    j -= 1
                    walked += 1
                if j >= sent.start and (locality_token[j] is not None or lows[j] in {"'s", "’s"}):
                    return "of"  # `X city of Y prefecture`: Y is X's container
                i = j
                continue
            if low == "," and (i - 1 < sent.start or locality_token[i - 1] != country):
                # `In Osaka, Hanoi and Kobe ...`: a comma after a place ends a phrase, it is
                # a list only between localities of one country (`Kawasaki, Sakai`).
                return ""
            if low in LIST_MARKERS:
                before = locality_token[i - 1] if i - 1 >= sent.start else None
                if country and before not in (None, "?", country):
                    return ""  # `Hue and Kobe`: the other party, not a list of places
                i = self._skip_conjunct(doc, lows, sent, i - 1, locality_token)
                if i < sent.start:
                    return ""
                low = lows[i]
                if low in LIST_MARKERS:
                    continue
                if low in cues.blocking or doc[i].is_lower:
                    return low
                return ""
            return low
        return ""

    @staticmethod
    def _skip_conjunct(
        doc: Doc, low: list[str], sent: Span, i: int, locality_token: list[str | None]
    ) -> int:
        """Index of the word before the list item that ends at token `i`."""
        while i >= sent.start:
            if low[i] in CLOSE_BRACKETS:
                depth = 0
                while i >= sent.start:
                    if low[i] in CLOSE_BRACKETS:
                        depth += 1
                    elif low[i] in OPEN_BRACKETS:
                        depth -= 1
                        if depth == 0:
                            break
                    i -= 1
                i -= 1
                continue
            if (
                locality_token[i] is not None
                or low[i] in SKIP_WORDS
                or doc[i].is_title
                or doc[i].is_upper
                or doc[i].like_num
            ):
                i -= 1
                continue
            break
        return i

    def _clause_claims(
        self,
        doc: Doc,
        low: list[str],
        sent: Span,
        clause: Clause,
        clause_cues: list[Cue],
        parties: list[Party],
        signatories: list[Party],
        sent_cues: list[Cue],
        clauses: list[Clause],
        state: _SentenceState,
        locality_token: list[str | None],
        brackets: dict[int, int],
        main: Callable[[], MainLocalities],
        referent: Callable[[str, str, int], str | None],
        dates: Callable[[], list[DateRef]],
        pair_refs: dict[int, str],
        previous: list[Claim],
    ) -> list[Claim]:
        by_country: dict[str, list[Party]] = {"VN": [], "JP": []}
        orgs: list[Party] = []
        for party in parties:
            if party.type == "locality" and party.country in by_country:
                side = by_country[party.country]
                if all(p.id != party.id for p in side):
                    side.append(party)
            elif party.type == "organization" and all(p.id != party.id for p in orgs):
                orgs.append(party)
        if any(len(side) > 1 for side in by_country.values()):
            _drop_containers(doc, by_country)
        inherited: list[Cue] = []
        filled = False
        # `they`, `the two localities`: the pair of the previous statement, else (for an
        # explicit `the two provinces`) the article's two main localities.
        refs = {label for i, label in pair_refs.items() if clause.start <= i < clause.end}
        if refs:
            ref_pair: list[tuple[str, str]] = []
            if previous and len({c.pair for c in previous}) == 1:
                ref_pair = [
                    (p.id, p.country)
                    for p in previous[0].parties
                    if p.type == "locality" and p.country
                ]
            elif "explicit" in refs:
                ref_pair = [
                    (pid, country)
                    for country in ("VN", "JP")
                    if (pid := _main_for(main(), country, None)) is not None
                ]
            if len(ref_pair) == 2:
                for pid, country in ref_pair:
                    if not by_country[country]:
                        by_country[country].append(Party(pid, "locality", country, -1, -1))
                        filled = True
        # A dependent clause (`, with the partnership with Aichi being ...`) takes the side it
        # lacks from the clauses before it in the sentence.
        if clause.dependent:
            for country, side in by_country.items():
                if side:
                    continue
                before = {
                    p.id: p for p in state.parties if p.type == "locality" and p.country == country
                }
                if len(before) == 1:
                    side.append(_placeholder(next(iter(before.values()))))
                    filled = True
            if filled:
                inherited = [c for c in sent_cues if c.start < clause.start]
        # `The southern industrial hub and Japan's Yamaguchi prefecture`, `the prefecture
        # values its ties with the city`: the article's main locality of the missing side.
        missing = [c for c, side in by_country.items() if not side]
        if len(missing) == 2 and orgs:
            # `The city inked a letter of intent with JICA`: the city is on the other side.
            org_countries = {o.country for o in orgs} - {None}
            if len(org_countries) == 1:
                missing = [c for c in missing if c not in org_countries]
        if missing:
            nouns = self._locality_references(doc, low, sent, clause, locality_token, brackets)
            if len(missing) == 2:
                # Two references: the prefecture is the Japanese side, the other the Vietnamese.
                japanese = [n for n in nouns if n[0] == "prefecture"]
                others = [n for n in nouns if n[0] != "prefecture"]
                assigned = {"JP": japanese[:1], "VN": others[:1]}
                if not (japanese and others):
                    assigned = {}
            else:
                assigned = {missing[0]: nouns[:1]}
            resolved = {
                country: referent(country, noun[0][0], noun[0][1])
                for country, noun in assigned.items()
                if noun and not (noun[0][0] == "prefecture" and country != "JP")
            }
            if len(resolved) == len(missing) and all(resolved.values()):
                for country, pid in resolved.items():
                    by_country[country].append(Party(str(pid), "locality", country, -1, -1))
        state.parties.extend(p for side in by_country.values() for p in side if p.start < 0)
        # `Chairman of the Hue People's Committee A and Governor of Okayama prefecture B
        # signed an MoU`: the signatories' localities, when the side has no other party.
        if (
            signatories
            and any(c.kind in INSTRUMENT_KINDS for c in clause_cues)
            and any(low[i] in SIGNING_VERBS for i in range(clause.start, clause.end))
        ):
            for country, side in by_country.items():
                signers = {p.id: p for p in signatories if p.country == country}
                if not side and len(signers) == 1:
                    side.append(next(iter(signers.values())))
        vn, jp = by_country["VN"], by_country["JP"]
        pairs: list[tuple[Party, Party]] = []
        if vn and jp:
            if len(vn) == 1:
                pairs = [(vn[0], p) for p in jp]
            elif len(jp) == 1:
                pairs = [(jp[0], p) for p in vn]
            elif len(vn) == len(jp) and "respectively" in low[clause.start : clause.end]:
                # `Hanoi and Hue have ties with Fukuoka and Kyoto respectively`
                pairs = list(zip(vn, jp, strict=True))
            else:
                return []  # both sides are lists: who is tied to whom is not stated
        elif orgs and (vn or jp):
            side = vn or jp
            foreign = [o for o in orgs if o.country and o.country != side[0].country]
            if len(side) == 1 and len(foreign) == 1:
                pairs = [(side[0], foreign[0])]
        if not pairs:
            return []
        claims = []
        partner_kinds: dict[str, tuple[Cue, str]] = {}
        positioned = sorted((p for p in vn + jp + orgs if p.start >= 0), key=lambda p: p.start)
        for anchor, partner in pairs:
            cue = self._cue_for(partner, positioned, clause_cues, partner_kinds)
            if inherited and cue.kind == "cooperation":
                # `..., with the partnership with X being ...`: the main clause says what tie
                best = max(inherited, key=lambda c: c.strength)
                if best.strength > cue.strength:
                    cue = Cue(cue.start, cue.end, best.kind, best.strength)
            status_from = clauses[0].start if inherited else clause.start
            status = self._status(low, status_from, cue, clause)
            partner_kinds[partner.id] = (cue, status)
            kind = cue.kind
            if (
                "organization" in (anchor.type, partner.type)
                and kind not in INSTRUMENT_KINDS
                and status != "proposed"
            ):
                continue
            claim_dates = _claim_dates(
                doc, low, clause, (partner, anchor), positioned, clause_cues, dates()
            )
            claims.append(
                Claim(
                    (anchor, partner),
                    kind,
                    status,
                    claim_dates,
                    _trimmed(doc_text(doc)[sent.start_char : sent.end_char], sent.start_char),
                )
            )
        return claims

    def _cue_for(
        self,
        partner: Party,
        positioned: list[Party],
        clause_cues: list[Cue],
        partner_kinds: dict[str, tuple[Cue, str]],
    ) -> Cue:
        if partner.start < 0:
            return max(clause_cues, key=lambda c: (c.strength, -c.start))
        before = [p for p in positioned if p.end <= partner.start]
        prev = before[-1] if before else None
        low = prev.end if prev else -1
        segment = [c for c in clause_cues if low <= c.start and c.end <= partner.start]
        if segment:
            return max(segment, key=lambda c: (c.strength, -c.start))
        if prev is not None and prev.country == partner.country and prev.id in partner_kinds:
            return partner_kinds[prev.id][0]  # the next item of a list
        trailing = [c for c in clause_cues if c.start >= partner.end]
        pool = trailing or clause_cues
        return max(pool, key=lambda c: (c.strength, -c.start))

    def _status(self, lows: list[str], start: int, cue: Cue, clause: Clause) -> str:
        cues = self.cues
        last_proposal = -1
        for i in range(start, cue.start):
            low = lows[i]
            if low in NEGATIONS and lows[i + 1] != "only":
                return "proposed"  # `have not yet signed an MoU`: not a made tie
            if low in cues.proposal:
                last_proposal = i
        if last_proposal < 0:
            return "established"
        for i in range(last_proposal + 1, clause.end):
            # Agreeing, after the tie is named, agrees to the proposal (`X proposed that the two
            # sides sign an MoU, and Y agreed`): the tie is still to be made.
            if lows[i] in cues.made and not (i >= cue.end and lows[i] in AGREEING):
                return "established"
        return "proposed"

    def _locality_references(
        self,
        doc: Doc,
        low: list[str],
        sent: Span,
        clause: Clause,
        locality_token: list[str | None],
        brackets: dict[int, int],
    ) -> list[tuple[str, int]]:
        """(head noun, position) of `the (southern industrial) hub`, `the prefecture` that
        are parties."""
        nouns = self.cues.locality_nouns
        found = []
        for i in range(clause.start, clause.end):
            if low[i] not in {"the", "its"} or brackets.get(i, 0) > 0:
                continue
            for j in range(i + 1, min(i + 6, clause.end)):
                token = doc[j]
                if locality_token[j] is not None or not (token.is_alpha or "-" in token.text):
                    break
                if low[j] in nouns:
                    nxt = j + 1 if j + 1 < sent.end else None
                    if nxt is not None and (low[nxt] == "of" or locality_token[nxt] is not None):
                        break
                    if (
                        nxt is not None
                        and low[nxt] in {"'s", "’s"}
                        and not (j + 2 < sent.end and low[j + 2] in self.cues.possessed_ties)
                    ):
                        break
                    if self._governor(doc, low, sent, i, locality_token) in self.cues.blocking:
                        break
                    found.append((low[j], i))
                    break
                if not token.is_lower:
                    break
        return found

    # --- records -------------------------------------------------------------------------

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> None:
        doc._.partnerships = _records(doc, claims, self.cues)


def _records(doc: Doc, claims: list[Claim], cues: Cues) -> list[dict[str, Any]]:
    if not claims:
        return []
    document = doc_id(doc)
    established_pairs = {c.pair for c in claims if c.status == "established"}
    kept = [c for c in claims if c.status == "established" or c.pair not in established_pairs]
    kept = [c for c in kept if c.parties[0].id != c.parties[1].id]
    # A pair's plain, undated `cooperation` joins its more specific tie; a proposal joins the
    # strongest proposal of the pair.
    strongest: dict[tuple[tuple[str, str], str], str] = {}
    for claim in kept:
        key = (claim.pair, claim.status)
        if claim.kind == "cooperation" and claim.status == "established":
            continue
        known = strongest.get(key)
        if known is None or cues.strength[known] < cues.strength[claim.kind]:
            strongest[key] = claim.kind
    grouped: dict[tuple[tuple[str, str], str, str], list[Claim]] = {}
    for claim in kept:
        kind = claim.kind
        target = strongest.get((claim.pair, claim.status))
        if target and (claim.status == "proposed" or (kind == "cooperation" and not claim.dates)):
            kind = target
        grouped.setdefault((claim.pair, kind, claim.status), []).append(claim)
    records = []
    for (pair, kind, status), group in grouped.items():
        types = {p.id: p.type for c in group for p in c.parties}
        pid = partnership_id(pair, kind, status)
        claims_dates = []
        seen_dates: set[tuple[str, int, int]] = set()
        for claim in group:
            for ref in claim.dates:
                date_key = (ref.value, ref.start_char, ref.end_char)
                if date_key in seen_dates:
                    continue
                seen_dates.add(date_key)
                claims_dates.append(ref)
        claims_dates.sort(key=lambda r: r.start_char)
        evidences = sorted({c.evidence for c in group})
        # A models.Partnership, as plain JSON (tests validate it against the model).
        records.append(
            {
                "id": pid,
                "parties": list(pair),
                "party_types": [_party_type(types[pair[0]]), _party_type(types[pair[1]])],
                "kind": kind,
                "status": "proposed" if status == "proposed" else "established",
                "established": (
                    claims_dates[0].value if claims_dates and status == "established" else None
                ),
                "dates": [
                    {
                        "date": r.value,
                        "how": _date_how(r.how),
                        "evidence": evidence(doc, r.start_char, r.end_char, document),
                    }
                    for r in claims_dates
                ],
                "evidence": [evidence(doc, s, e, document) for s, e, _ in evidences],
            }
        )
    return sorted(records, key=lambda r: str(r["id"]))


# --- helpers -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _country(kb_id: Any) -> str | None:
    if not isinstance(kb_id, str) or "/" not in kb_id:
        return None
    return COUNTRY_OF_PREFIX.get(kb_id.split("/", 1)[0])


def _party_type(value: str) -> str:
    return "organization" if value == "organization" else "locality"


def _date_how(value: str) -> str:
    if value == "from_publication_date":
        return "from_publication_date"
    return "inferred" if value == "inferred" else "stated"


def _placeholder(party: Party) -> Party:
    """A party taken from elsewhere: it has no position in the clause."""
    return Party(party.id, party.type, party.country, -1, -1)


def _any_between(positions: list[int], start: int, end: int) -> bool:
    """Whether the sorted `positions` hold one in [start, end)."""
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


def _trimmed(text: str, start: int) -> tuple[int, int, str]:
    """(start, end, text) of `text` (found at offset `start`) without surrounding space."""
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return (start, start + len(stripped), stripped)


def _bracket_depth(low: list[str], sent: Span) -> dict[int, int]:
    """The bracket depth of the tokens of `sent` inside brackets (read with .get(i, 0))."""
    words = low[sent.start : sent.end]
    if "(" not in words and "[" not in words:
        return {}
    depth = 0
    depths: dict[int, int] = {}
    for i in range(sent.start, sent.end):
        text = low[i]
        if text in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        if depth:
            depths[i] = depth
        if text in OPEN_BRACKETS:
            depth += 1
    return depths


def _clauses(
    low: list[str], sent: Span, openers: dict[str, list[list[str]]], verbs: frozenset[str]
) -> list[Clause]:
    """Clauses of a sentence; a dependent one shares the parties of the clauses before it.

    Dependent: `, with the partnership with X being ...`, `, which became ...`, and a second
    predicate of the same subject (`signed an agreement in 2012 and became sister provinces`).
    """
    bounds = [(sent.start, False)]
    for i in range(sent.start, sent.end):
        text = low[i]
        if text == ";" and i + 1 < sent.end:
            bounds.append((i + 1, False))
        elif (
            text == ","
            and i + 1 < sent.end
            and any(
                low[i + 1 : i + 1 + len(opener)] == opener for opener in openers.get(low[i + 1], ())
            )
        ):
            bounds.append((i + 1, True))
        elif text == "and" and i + 1 < sent.end and low[i + 1] in verbs:
            bounds.append((i, True))
    clauses = []
    for n, (start, dependent) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else sent.end
        clauses.append(Clause(start, end, dependent))
    return clauses


def _drop_containers(doc: Doc, by_country: dict[str, list[Party]]) -> None:
    """A city's prefecture named on the same side is where the city is, not a second party."""
    parents = {
        str(r.get("id")): r.get("parent") for r in doc._.localities or [] if isinstance(r, dict)
    }
    for side in by_country.values():
        ids = {p.id for p in side}
        side[:] = [p for p in side if not any(parents.get(o) == p.id for o in ids if o != p.id)]


# Which locality kinds a back-reference noun can name; None: any kind.
NOUN_KINDS: dict[str, frozenset[str] | None] = dict(lexicon.locality_reference_kinds())


def _main_localities(doc: Doc, localities: list[Party]) -> MainLocalities:
    """Per country, the localities an article names, most named first: (id, score, kind).

    A mention in the dateline counts three times: the place the article was filed from.
    """
    meta = doc._.meta or {}
    dateline = fold(str(meta.get("dateline") or ""))
    kinds = {
        str(r.get("id")): str(r.get("kind")) for r in doc._.localities or [] if isinstance(r, dict)
    }
    counts: dict[str, dict[str, int]] = {"VN": {}, "JP": {}}
    folded: dict[str, str] = {}
    for party in localities:
        if party.country not in counts:
            continue
        weight = 1
        if dateline and party.start_char >= 0:
            text = doc_text(doc)[party.start_char : party.end_char]
            if text not in folded:
                folded[text] = fold(text)
            if folded[text] == dateline:
                weight = 3
        bucket = counts[party.country]
        bucket[party.id] = bucket.get(party.id, 0) + weight
    return {
        country: sorted(
            ((pid, score, kinds.get(pid, "")) for pid, score in bucket.items()),
            key=lambda item: (-item[1], item[0]),
        )
        for country, bucket in counts.items()
    }


def _mentions(doc: Doc, parties: list[Party]) -> list[tuple[int, str, str | None, str]]:
    """(start, id, country, kind) of every locality named outside boilerplate, in order: the
    parties, and the mentions that are not (`in Gifu`, `Governor of Gifu prefecture`)."""
    kinds = {
        str(r.get("id")): str(r.get("kind")) for r in doc._.localities or [] if isinstance(r, dict)
    }
    found = {(p.start, p.id, p.country) for p in parties if p.type == "locality"}
    boilerplate = doc._.boilerplate
    for span in doc.spans.get(keys.LOCALITIES, []):
        country = _country(span.kb_id_)
        if country and not (boilerplate and in_boilerplate(doc, span.start_char, span.end_char)):
            found.add((span.start, span.kb_id_, country))
    return sorted((start, pid, country, kinds.get(pid, "")) for start, pid, country in found)


def _main_for(main: MainLocalities, country: str, noun: str | None) -> str | None:
    """The main locality of `country` that `noun` can name, if one clearly leads."""
    allowed = NOUN_KINDS.get(noun) if noun else None
    ranked = [c for c in main.get(country, []) if allowed is None or c[2] in allowed]
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _dates(doc: Doc) -> list[DateRef]:
    if keys.DATES not in doc.spans:
        return []
    ranges = set()
    for record in doc._.dates or []:
        if isinstance(record, dict) and record.get("end") and record.get("evidence"):
            ev = record["evidence"]
            ranges.add((ev.get("start"), ev.get("end")))
    refs = []
    text = doc_text(doc)
    for span in doc.spans[keys.DATES]:
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


def _claim_dates(
    doc: Doc,
    low: list[str],
    clause: Clause,
    pair: tuple[Party, Party],
    positioned: list[Party],
    clause_cues: list[Cue],
    dates: list[DateRef],
) -> list[DateRef]:
    """The dates that belong to one tie: after the partner, else after the clause's first cue.

    In a clause about an anniversary only a range counts, and it gives the start
    (`the 15th anniversary of ties (2009-2024)` -> 2009).
    """
    in_clause = [d for d in dates if clause.start <= d.start and d.end <= clause.end]
    if not in_clause:
        return []
    if not ANNIVERSARY_WORDS.isdisjoint(low[clause.start : clause.end]):
        return [d for d in in_clause if d.is_range][:1]
    partner = pair[0]
    own = []
    for party in pair:
        if party.start < 0 or (party is not partner and party.country == partner.country):
            continue
        following = [p.start for p in positioned if p.start > party.start]
        stop = following[0] if following else clause.end
        own += [
            d
            for d in in_clause
            if d.end <= stop and _near(doc, low, party.end, d.start, NEAR_PARTNER)
        ]
    if own:
        return sorted(own, key=lambda d: d.start)  # `with Gunma prefecture in 2019`
    # Dates right after another partner of a list are that partner's.
    others = [p.end for p in positioned if p.country == partner.country and p.id != partner.id]
    chosen = []
    for ref in in_clause:
        if any(_near(doc, low, end, ref.start, NEAR_PARTNER) for end in others):
            continue
        if any(_near(doc, low, c.end, ref.start, NEAR_CUE) for c in clause_cues):
            chosen.append(ref)  # `became twin towns in 2008`, `sister localities since 2009`
        elif ref.start - clause.start <= 1 and (
            ref.start == clause.start or low[clause.start] in CLAUSE_START_PREPS
        ):
            chosen.append(ref)  # `In 2008, X and Y became twin towns`
    return chosen


def _near(doc: Doc, low: list[str], end: int, start: int, distance: int) -> bool:
    """Whether a date at `start` follows `end` closely, past a topic (`on heritage conservation`)."""
    if not end <= start:
        return False
    if start - end <= distance:
        return True
    return (
        start - end <= NEAR_TOPIC
        and low[end] in TOPIC_PREPS
        and all(t.is_lower and t.is_alpha for t in doc[end:start])
    )


@Language.factory(
    "vjties_partnerships",
    assigns=["doc._.partnerships"],
    requires=[
        "doc.spans",
        "doc._.localities",
        "doc._.organizations",
        "doc._.dates",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
    ],
)
def make_partnerships(nlp: Language, name: str) -> PartnershipsExtractor:
    return PartnershipsExtractor(nlp)
