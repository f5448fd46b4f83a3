"""Officials and the organizations they belong to.

Sets `doc._.officials`, `doc._.organizations`, `doc.spans["officials"]` (person mentions,
kb_id_ = official id) and `doc.spans["organizations"]` (organization mentions, kb_id_ =
organization id, label_ = kind).

Titles, their modifiers and organization heads are phrase patterns in
`resources/titles.jsonl` and `resources/organizations.jsonl`, matched with PhraseMatcher on
NORM (so `People’s` and `People's` agree). What rules alone cannot say is done here: reading
the role chain around a title (`Vice Secretary of X and Chairwoman of Y NAME`,
`NAME, Chairman of X, said`, `then ..., now ...`, `former`), linking organizations to their
locality, and resolving short references (`Vu said`, `PM Chinh`, `the governor`, `the host`)
to one person per document. A short form shared by two people resolves to nobody.

A role's `title` is the bare title (`Ambassador`, `Chairman`); a status word before it is
not part of the title but the role's `status`: `former`/`ex-`/`then` give "former", `now`
"current" (`former Japanese Ambassador to Vietnam Ms. X` -> title `Ambassador`, role status
`former`, country JP).

Vietnamese local bodies get one name whatever the wording of the mention (see
`local_body_name`): `<Name> City People's Committee` for a centrally-run city (municipality)
or a city, `Ho Chi Minh City People's Committee` when the name already ends in City,
`<Name> Provincial People's Committee` for a province (likewise People's Council and Party
Committee); their ids stay kind + locality (`org/vn/can-tho/people-committee`).

Organization kinds: people_committee, people_council, party_committee, national_assembly,
prefectural_assembly, prefectural_government, city_council, city_government, ministry,
department, embassy, consulate_general, trade_promotion_agency (JETRO), development_agency
(JICA), friendship_association, economic_federation, chamber_of_commerce,
business_association, university, company.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

import numpy as np
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate
from vjties.names import (
    HONORIFICS,
    display_name,
    fold,
    has_initial,
    is_capitalised_word,
    is_name_word,
    is_vietnamese_surname,
    name_country,
    person_id,
    same_person,
    short_keys,
)
from vjties.text import slugify as _slugify
from vjties.text import to_ascii

slugify = lru_cache(maxsize=16384)(_slugify)

COUNTRY_WORDS: dict[str, str] = lexicon.country_phrases()
COUNTRY_NAMES: dict[str, str] = lexicon.country_display_names()
# Two-token country names (`Viet Nam`), by their first and by their last token.
NAME_PAIRS_BY_FIRST = {
    names[0]: (names[1], code)
    for names, code in lexicon.country_name_sequences().items()
    if len(names) == 2
}
NAME_PAIRS_BY_LAST = {last: (first, code) for first, (last, code) in NAME_PAIRS_BY_FIRST.items()}
# `Viet Nam` -> `Vietnam`: ids name a country one way, whatever the article's spelling.
_COUNTRY_SPELLINGS = {
    " ".join(word.title() for word in names): COUNTRY_NAMES[code]
    for names, code in lexicon.country_name_sequences().items()
}


def _country_names_as_records_write_them(text: str) -> str:
    """`text` with a country's name in other spellings (`Viet Nam`) written as records write
    it (`Vietnam`), so an organization's id does not depend on the article's spelling."""
    for spelling, name in _COUNTRY_SPELLINGS.items():
        text = text.replace(spelling, name)
    return text


_CUES = lexicon.official_cues()
_ORG_CUES = lexicon.organization_cues()
# `former`/`ex`/`then` -> "former", `now` -> "current": the status of the role after it.
STATUS_WORDS: dict[str, str] = dict(_CUES.status_words.statuses)
LOCALITY_TYPE_WORDS = lexicon.locality_suffix_words()
LEVEL_WORDS = lexicon.locality_level_words()
# Verbs of speech: a short name before one is a person's (`Vu said`).
REPORTING_VERBS = lexicon.reporting_verbs()
# Words after which a person named next is the guest, not the host, of a reception.
GUEST_CUES = frozenset(_CUES.guest_cues.words)
HOST_SENTENCE_CUES = tuple(_CUES.host_sentence_stems.words)
HOST_WORDS = tuple(_CUES.host_words.words)
ROLE_PREPOSITIONS = frozenset(_CUES.role_prepositions.words)
ARTICLES = frozenset(_CUES.articles.words)
ROLE_REFERENCES = frozenset(_CUES.role_references.words)
MINISTRY_TITLES = tuple(_CUES.ministry_titles.words)
CONSULATE_TITLES = tuple(_CUES.consulate_titles.words)
# `the <head>` -> the kinds of body it refers back to.
ORG_BACKREF_HEADS: dict[str, tuple[str, ...]] = {
    head: tuple(kinds) for head, kinds in _ORG_CUES.back_references.heads.items()
}
NAME_STOP_WORDS = frozenset(_ORG_CUES.name_stop_words.words)
# Level word (`provincial`) -> the level; a kind always of a level -> that level.
LEVELS = _ORG_CUES.level_words.levels
BODY_LEVELS = {kind: level for level in LEVELS.values() for kind in level.bodies}
# Canonical title -> the unit its holder governs when none is stated (`Governor`).
TITLE_JURISDICTIONS = lexicon.title_jurisdictions()
# Kinds named after the locality they govern; their id is kind + locality id.
LOCAL_KINDS = frozenset(
    {
        "people_committee",
        "people_council",
        "party_committee",
        "prefectural_assembly",
        "prefectural_government",
        "city_council",
        "city_government",
        "department",
    }
)


# Vietnamese local bodies are named after their unit with its level, whatever the wording of
# the mention: a centrally-run city (municipality) or a city gives `<Name> City ...` (`Can
# Tho City People's Committee`; `Ho Chi Minh City People's Committee`, the name already ending
# in City), a province `<Name> Provincial ...` (`Quang Ninh Provincial People's Committee`),
# a district, ward or commune `<Name> District ...` and so on. Ids stay kind + locality.
VN_LOCAL_BODIES = frozenset(_ORG_CUES.local_bodies.bodies)
VN_LEVEL_NAMES: dict[str, str] = {
    kind: word for kind, word in _ORG_CUES.local_bodies.levels.items()
}


def _names_a(words: tuple[str, ...], title: str) -> bool:
    """Whether `title` holds one of `words` (`Deputy Prime Minister` holds `Minister`)."""
    return any(word in title for word in words)


def local_body_name(place: str, place_kind: str | None, canonical: str) -> str:
    """The name of the body `canonical` (`People's Committee`) of the unit `place`."""
    level = VN_LEVEL_NAMES.get(place_kind or "") if canonical in VN_LOCAL_BODIES else None
    if level is None or place.endswith(" " + level):
        return f"{place} {canonical}"
    return f"{place} {level} {canonical}"


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(title rows, organization rows) of resources/titles.jsonl and organizations.jsonl, as
    the rules read them (plain dicts; unset optional fields left out)."""
    return (
        [row.model_dump(exclude_unset=True) for row in lexicon.title_patterns()],
        [row.model_dump(exclude_unset=True) for row in lexicon.organization_patterns()],
    )


@dataclass
class Org:
    id: str
    name: str
    kind: str
    country: str | None
    locality: str | None
    start: int  # token span of the mention in the doc (-1 for none)
    end: int

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "locality": self.locality,
        }


@dataclass
class RoleMention:
    title: str
    start: int
    end: int  # token range of the role phrase
    title_start: int
    title_end: int
    org: Org | None = None
    locality: str | None = None
    country: str | None = None
    status: str = "current"
    unfinished: bool = False  # `TITLE of <something unknown>`: no name can be read after it


@dataclass
class Person:
    parts: list[str]
    text: str
    roles: list[RoleMention] = field(default_factory=list)
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # token offsets


class OfficialsExtractor:
    def __init__(self, nlp: Language) -> None:
        titles, orgs = load_lexicon()
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.org_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.domain_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.titles: dict[str, tuple[str, str]] = {}
        for row in titles:
            key = f"T{len(self.titles)}"
            self.titles[key] = (row["label"], row["id"])
            self.title_matcher.add(key, [nlp.make_doc(row["pattern"])])
        self.orgs: dict[str, dict[str, Any]] = {}
        self.domains: dict[str, tuple[str, str | None]] = {}
        for row in orgs:
            variants = {row["pattern"], row["pattern"].replace("'", "’")}
            key = f"O{len(self.orgs)}"
            self.orgs[key] = row
            self.org_matcher.add(key, [nlp.make_doc(v) for v in sorted(variants)])
            if row.get("scope") == "domain" and row["label"] == "ministry":
                domain = row["pattern"].removeprefix("ministry of ")
                dkey = f"D{len(self.domains)}"
                self.domains[dkey] = (row["id"].removeprefix("Ministry of "), row.get("country"))
                self.domain_matcher.add(dkey, [nlp.make_doc(domain)])

    def __call__(self, doc: Doc) -> Doc:
        _Annotator(self, doc).run()
        return doc


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    try:
        from vjties.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return frozenset()
    return frozenset(load_gazetteer().by_key)


def _is_place_name(key: str) -> bool:
    keys = _place_keys()
    return key in keys or key + " city" in keys


# Token forms by ORTH id (a hash of the text, the same in every vocab): the text, its folded
# lower-case key, whether it reads as a name word, and a small number for the key (so that
# the positions of a few keys in a document are found by numpy rather than by a Python loop
# over its tokens). Each distinct word is read once per process.
_FORMS: dict[int, tuple[str, str, bool, int]] = {}
_KEY_NUMBERS: dict[str, int] = {}


def _token_forms(
    doc: Doc, orths: list[int]
) -> tuple[list[str], list[str], list[bool], np.ndarray[Any, Any]]:
    """(texts, folded lower-case keys, name-likeness, key numbers) of these ORTH ids."""
    # (itemgetter of one key returns the item itself, not a tuple of one)
    get = itemgetter(*orths) if len(orths) > 1 else lambda forms: (forms[orths[0]],)
    try:
        forms = get(_FORMS)
    except KeyError:  # words this process has not seen yet
        strings = doc.vocab.strings
        for orth in set(orths).difference(_FORMS):
            w = strings[orth]
            key = w.lower() if w.isascii() else fold(w)
            number = _KEY_NUMBERS.setdefault(key, len(_KEY_NUMBERS))
            _FORMS[orth] = (w, key, w[:1].isupper() and is_name_word(w), number)
        forms = get(_FORMS)
    words, keys, namey, numbers = zip(*forms, strict=True)
    return list(words), list(keys), list(namey), np.array(numbers, dtype=np.int64)


def _longest(matches: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """Start token -> (end, match id) of the longest match starting there."""
    best: dict[int, tuple[int, int]] = {}
    for match_id, start, end in matches:
        if start not in best or end > best[start][0]:
            best[start] = (end, match_id)
    return best


class _Annotator:
    """The state of one document while its officials and organizations are read."""

    def __init__(self, ext: OfficialsExtractor, doc: Doc) -> None:
        self.ext = ext
        self.doc = doc
        self.vocab = doc.vocab
        self.locs: dict[int, Span] = {}  # start token -> locality span (longest)
        self._text: str | None = None
        self._doc_id = doc_id(doc)
        self._main_localities: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self.has_boilerplate = bool(doc._.boilerplate)
        if len(doc):
            orths = doc.to_array(ORTH).tolist()
            self.words, self.keys, self.namey, self.key_numbers = _token_forms(doc, orths)
            self.sent_starts: list[bool] = (doc.to_array(SENT_START) == 1).tolist()
            self.sent_starts[0] = True  # as `doc[0].is_sent_start`
        else:
            self.words, self.keys, self.namey, self.sent_starts = [], [], [], []
            self.key_numbers = np.zeros(0, dtype=np.int64)
        self.n = len(self.keys)
        self._idx: list[int] | None = None
        self._sorted_keys: tuple[list[int], list[int]] | None = None
        self.loc_names: dict[str, tuple[str, str | None, str | None]] = {}
        # The free locality spans, read once (a SpanGroup builds a new Span per access).
        self.loc_spans: list[Span] = list(doc.spans.get(keys.LOCALITIES, []))
        for group in (list(doc.spans.get(keys.LOCALITIES_IN_ORGS, [])), self.loc_spans):
            for span in group:
                if span.start not in self.locs or span.end > self.locs[span.start].end:
                    self.locs[span.start] = span
        for rec in doc._.localities or []:
            self.loc_names[rec["id"]] = (rec["name"], rec.get("country"), rec.get("kind"))
        # Untagged repeats of a tagged place (the localities component may skip a name it
        # reads as part of an organization): folded text -> a span with that text.
        self.loc_by_text: dict[str, Span] = {}
        for span in self.locs.values():
            self.loc_by_text.setdefault(" ".join(self.keys[span.start : span.end]), span)
        first_words = {key.split()[0] for key in self.loc_by_text if key}
        for i in self.positions(first_words):
            if i in self.locs or not self.words[i][:1].isupper():
                continue
            for n in (3, 2, 1):
                known = self.loc_by_text.get(" ".join(self.keys[i : i + n]))
                if known is not None and i + n <= len(doc):
                    self.locs[i] = Span(doc, i, i + n, label=known.label_, kb_id=known.kb_id_)
                    break
        self.loc_tokens: set[int] = {i for s in self.locs.values() for i in range(s.start, s.end)}
        self.orgs: dict[int, Org] = {}  # start token -> org mention
        self.org_tokens: dict[int, Org] = {}
        self.role_mentions: list[tuple[list[RoleMention], tuple[int, int] | None]] = []

    # ----------------------------------------------------------------- helpers
    def positions(self, keys: Iterable[str]) -> list[int]:
        """The token positions whose key is one of `keys`, in order."""
        if self._sorted_keys is None:
            by_key = np.argsort(self.key_numbers, kind="stable")
            self._sorted_keys = (self.key_numbers[by_key].tolist(), by_key.tolist())
        numbers, order = self._sorted_keys
        found: list[int] = []
        for key in keys:
            number = _KEY_NUMBERS.get(key)
            if number is not None:
                found.extend(order[bisect_left(numbers, number) : bisect_right(numbers, number)])
        found.sort()
        return found

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        return evidence(self.doc, start, end, self._doc_id)

    def text(self) -> str:
        """The document's text, read once (`vjties.extensions.doc_text`)."""
        if self._text is None:
            self._text = doc_text(self.doc)
        return self._text

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens [start, end)."""
        if self._idx is None:
            self._idx = self.doc.to_array(IDX).tolist()
        return self._idx[start], self._idx[end - 1] + len(self.words[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, from the text read once."""
        s, e = self.chars(start, end)
        return self.text()[s:e]

    def bp(self, start: int, end: int) -> bool:
        if start >= end or not self.has_boilerplate:
            return False
        return in_boilerplate(self.doc, *self.chars(start, end))

    def norm(self, i: int) -> str:
        """The folded lower-case form of token i (`’s` -> `'s`), "" outside the doc."""
        return self.keys[i] if 0 <= i < self.n else ""

    def loc_info(self, span: Span) -> tuple[str, str, str | None, str | None]:
        """(id, name, country, kind) of a locality span."""
        loc_id = span.kb_id_
        name, country, kind = self.loc_names.get(loc_id, (None, None, None))
        if name is None:
            words = [t.text for t in span if fold(t.text) not in LOCALITY_TYPE_WORDS]
            name = to_ascii(" ".join(words or [span.text]))
        if country is None:
            country = lexicon.country_of_id(loc_id)
        return loc_id, name, country, kind or span.label_ or None

    def country_at(self, i: int) -> tuple[str | None, int]:
        """A country word at token i: (code, end)."""
        pair = NAME_PAIRS_BY_FIRST.get(self.norm(i))
        if pair is not None and self.norm(i + 1) == pair[0]:
            return pair[1], i + 2  # `Viet Nam`
        code = COUNTRY_WORDS.get(self.keys[i]) if 0 <= i < len(self.doc) else None
        return code, i + 1

    def main_locality(self, country: str, kinds: tuple[str, ...]) -> str | None:
        """The locality of `kinds` in `country` the document mentions most, if one stands out."""
        key = (country, kinds)
        if key not in self._main_localities:
            self._main_localities[key] = self._main_locality(country, kinds)
        return self._main_localities[key]

    def _main_locality(self, country: str, kinds: tuple[str, ...]) -> str | None:
        counts: Counter[str] = Counter()
        for span in self.loc_spans:
            loc_id, _, loc_country, kind = self.loc_info(span)
            if loc_country == country and kind in kinds and not self.bp(span.start, span.end):
                counts[loc_id] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    # ------------------------------------------------------------------ titles
    def find_titles(self) -> dict[int, tuple[int, str]]:
        """Start token -> (end, canonical title) for every title phrase."""
        doc = self.doc
        best = _longest(self.ext.title_matcher(doc))
        titles: dict[int, tuple[int, str]] = {}
        covered = 0
        for i in sorted(best):
            if i < covered:
                continue
            j, words, head = i, [], None
            while j in best:
                end, match_id = best[j]
                label, canonical = self.ext.titles[self.vocab.strings[match_id]]
                words.append(canonical)
                j = end
                if label == "TITLE":
                    head = canonical
                    break
                if j + 1 in best and self.words[j] == "-":
                    j += 1
            if head is not None:
                titles[i] = (j, " ".join(words))
                covered = j
        return titles

    # ----------------------------------------------------------- organizations
    def find_orgs(self) -> None:
        doc = self.doc
        best = _longest(self.ext.org_matcher(doc))
        starts = sorted(best)
        covered_until = -1
        for s in starts:
            if s < covered_until:
                continue
            end, match_id = best[s]
            row = self.ext.orgs[self.vocab.strings[match_id]]
            org = self.build_org(s, end, row)
            if org is None:
                continue
            if self.bp(org.start, org.end):
                continue
            self.orgs[org.start] = org
            for t in range(org.start, org.end):
                self.org_tokens[t] = org
            covered_until = org.end

    def name_run_left(self, i: int) -> int:
        """Start of the run of name-like tokens (capitalised words, localities) ending before i."""
        words, sent_starts = self.words, self.sent_starts
        k = i
        while k > 0:
            w = words[k - 1]
            if k - 1 in self.loc_tokens:
                k -= 1
                continue
            if w in ("-", "–", "&") and k - 2 >= 0 and words[k - 2][:1].isupper() and k < i:
                k -= 1
                continue
            if sent_starts[k - 1] and not (w[:1].isupper() and w.isalpha()):
                break
            if (
                w[:1].isupper()
                and (w.isalpha() or w.isalnum())
                and fold(w) not in NAME_STOP_WORDS
                and k - 1 not in self.title_tokens
            ):
                k -= 1
                if sent_starts[k]:
                    break
                continue
            break
        return k

    def locality_inside(self, start: int, end: int) -> Span | None:
        for t in range(start, end):
            span = self.locs.get(t)
            if span is not None and span.end <= end:
                return span
        return None

    def locality_after(self, i: int) -> tuple[Span | None, int]:
        """`[the] LOC [city|province|prefecture|region]` at token i: (span, end)."""
        j = i + 1 if self.norm(i) == "the" else i
        span = self.locs.get(j)
        if span is None:
            return None, i
        end = span.end
        if self.norm(end) in LOCALITY_TYPE_WORDS:
            end += 1
        return span, end

    def build_org(self, s: int, e: int, row: dict[str, Any]) -> Org | None:
        doc = self.doc
        kind: str = row["label"]
        scope: str = row.get("scope", "named")
        country: str | None = row.get("country")
        canonical: str = row["id"]
        locality: Span | None = None
        start, end = s, e
        if scope == "fixed":
            if end + 2 < len(doc) and self.words[end] == "(" and self.words[end + 2] == ")":
                nxt = self.ext.org_matcher(doc[end + 1 : end + 2])
                if nxt:
                    end += 3
            office = self.locs.get(end)
            if office is not None and not self.sent_starts[end]:
                end = office.end  # "JETRO Hanoi": the body's office there
            if country is None:
                country = self._country_near(start, end)  # "the foreign ministry of Vietnam"
            return self.make_org(kind, canonical, country, None, start, end, canonical)
        if scope in ("local", "domain"):
            # "Hanoi People's Committee", "Da Nang City People's Committee", "HCMC Party
            # Committee", "the provincial People's Committee", "People's Committee of X".
            k = s
            if k > 0 and self.norm(k - 1) in LEVEL_WORDS:
                k -= 1
            if k > 0 and self.norm(k - 1) in ("'s",) and k - 1 > 0:
                k -= 1
            left = self.name_run_left(k)
            if left < k:
                locality = self.locality_inside(left, s)
                start = left
            elif k < s and self.keys[k] == "'s":
                k += 1
            if start == s and k < s and self.words[k][:1].islower():
                start = k  # "the provincial People's Committee": a back-reference
            elif start == s and k < s:
                start = k
            if locality is None and self.norm(end) == "of":
                span, loc_end = self.locality_after(end + 1)
                if span is not None:
                    locality, end = span, loc_end
            if scope == "domain" and country is None:
                country = self._country_near(start, end) or self._country_in_name(start, s)
            if scope == "domain" and locality is None and kind == "department":
                # A provincial department names nothing without its province.
                level = self.norm(start) if start < s else ""
                inferred = self._locality_from_level(level, kind)
                if inferred is None:
                    return None
                return self.make_org(
                    kind, canonical, "VN", inferred, start, end, self._named(inferred, canonical)
                )
            if locality is None and scope == "local":
                if start > 0 and self.norm(start - 1) == "its":
                    return self.make_org(kind, canonical, country, "its", start, end, canonical)
                level = self.norm(start) if start < s else ""
                inferred = self._locality_from_level(level, kind)
                if inferred is None:
                    if start < s and self.words[start][:1].isupper():
                        name = to_ascii(self.span_text(start, end))
                        return self.make_org(kind, name, country, None, start, end, name)
                    return None
                return self.make_org(
                    kind, canonical, country, inferred, start, end, self._named(inferred, canonical)
                )
            if locality is None:
                return self.make_org(kind, canonical, country, None, start, end, canonical)
            local_id, loc_name, local_country, loc_kind = self.loc_info(locality)
            return self.make_org(
                kind,
                canonical,
                local_country or country,
                local_id,
                start,
                end,
                local_body_name(loc_name, loc_kind, canonical),
            )
        # Named bodies: "Dong A University", "Kyushu Economic Federation", "Japanese Embassy".
        if not self.words[s][:1].isupper() and not self.words[s].isupper():
            return None
        left = self.name_run_left(s)
        start = left
        sending: str | None = None
        host_country: str | None = None
        org_id: str | None = None
        if kind in ("embassy", "consulate_general"):
            words = [fold(w) for w in self.words[left:s]]
            for w in words:
                sending = sending or COUNTRY_WORDS.get(w)
            if left == s and left >= 2 and self.norm(left - 1) == "'s":
                sending = COUNTRY_WORDS.get(fold(self.words[left - 2]))
                start = left - 2 if sending else left
        if self.norm(end) == "of":
            code, c_end = self.country_at(end + 1)
            if code is not None:
                if kind in ("embassy", "consulate_general"):
                    sending = code
                end = c_end
            elif kind in ("university", "friendship_association", "chamber_of_commerce"):
                span, loc_end = self.locality_after(end + 1)
                if span is not None:
                    locality, end = span, loc_end
        if self.norm(end) == "in":
            code, c_end = self.country_at(end + 1)
            if code is not None and kind in ("embassy", "consulate_general"):
                host_country, end = code, c_end
            elif code is not None and start < s:
                end = c_end  # "Japan Business Association in Vietnam" names the body
            else:
                span, loc_end = self.locality_after(end + 1)
                if span is not None:
                    locality, end = span, loc_end
        name_end = end
        if start == s and kind not in ("embassy", "consulate_general") and end == e:
            return None  # a bare head word ("the university") names nothing
        if locality is None:
            locality = self.locality_inside(start, end)
        named_loc: str | None = None
        loc_country: str | None = None
        if locality is not None:
            named_loc, _, loc_country, _ = self.loc_info(locality)
        if kind in ("embassy", "consulate_general"):
            if sending is None:
                return None
            other = lexicon.other_country(sending)
            if kind == "embassy":
                name = (
                    f"Embassy of {COUNTRY_NAMES[sending]} in {COUNTRY_NAMES[host_country or other]}"
                )
                org_id = f"org/{sending.lower()}/embassy/{(host_country or other).lower()}"
                return self.make_org(kind, name, sending, None, start, end, name, org_id)
            if named_loc is None:
                return None
            place = self.loc_info(locality)[1] if locality is not None else ""
            name = f"Consulate General of {COUNTRY_NAMES[sending]} in {place}"
            org_id = f"org/{sending.lower()}/consulate-general/{named_loc}"
            return self.make_org(kind, name, sending, named_loc, start, end, name, org_id)
        if (
            end + 2 < len(doc)
            and self.words[end] == "("
            and self.words[end + 2] == ")"
            and self.words[end + 1].isupper()
        ):
            end += 3  # the acronym, "(JBAV)", is part of the mention, not of the name
        name = to_ascii(self.span_text(start, name_end))
        if country is None:
            country = loc_country or self._country_in_name(start, name_end)
        if country is None and start >= 2 and self.norm(start - 1) == "'s":
            country = COUNTRY_WORDS.get(fold(self.words[start - 2]))
        org_id = None
        if end > e and named_loc is not None and locality is not None and locality.start >= e:
            # "... Friendship Association in the Kansai region": the place, not its wording.
            base = _country_names_as_records_write_them(to_ascii(self.span_text(start, e)))
            org_id = f"org/{slugify(base)}/{named_loc}"
        return self.make_org(kind, name, country, named_loc, start, end, name, org_id)

    def _named(self, locality: str, canonical: str) -> str:
        """`Hai Duong Provincial People's Committee` for a body found by a back-reference."""
        name, _, loc_kind = self.loc_names.get(locality, (None, None, None))
        if name is None:
            for span in self.locs.values():
                if span.kb_id_ == locality:
                    _, name, _, loc_kind = self.loc_info(span)
                    break
        return local_body_name(name, loc_kind, canonical) if name else canonical

    def _country_in_name(self, start: int, end: int) -> str | None:
        for i in range(start, end):
            code, _ = self.country_at(i)
            if code is not None:
                return code
        return None

    def _country_near(self, start: int, end: int) -> str | None:
        """`Japan's Ministry of X`, `Ministry of X of Japan`, `the Vietnamese Ministry of X`."""
        if start >= 2 and self.norm(start - 1) == "'s":
            code, _ = self.country_at(start - 2)
            if code:
                return code
        if start >= 1:
            code, _ = self.country_at(start - 1)
            if code:
                return code
        if self.norm(end) == "of":
            code, _ = self.country_at(end + 1)
            return code
        return None

    def _locality_from_level(self, level_word: str, kind: str) -> str | None:
        """The article's main unit of the level a body is of (its kind's, else its level word's)."""
        level = BODY_LEVELS.get(kind) or LEVELS.get(level_word)
        if level is None:
            return None
        return self.main_locality(level.country, tuple(level.kinds))

    def make_org(
        self,
        kind: str,
        canonical: str,
        country: str | None,
        locality: str | None,
        start: int,
        end: int,
        name: str,
        org_id: str | None = None,
    ) -> Org:
        if org_id is None:
            if kind == "ministry" and country is not None:
                org_id = f"org/{country.lower()}/{slugify(name)}"
            elif kind in LOCAL_KINDS and locality is not None and locality != "its":
                suffix = kind.replace("_", "-") if kind != "department" else slugify(canonical)
                org_id = f"org/{locality}/{suffix}"
            else:
                org_id = "org/" + slugify(_country_names_as_records_write_them(name))
        if locality is not None and locality != "its" and country is None:
            country = lexicon.country_of_id(locality)
        return Org(org_id, name, kind, country, locality, start, end)

    def find_org_backrefs(self) -> None:
        """`the association('s President)`: the one body of that kind the article names."""
        by_kind: dict[str, dict[str, Org]] = {}
        for org in self.orgs.values():
            by_kind.setdefault(org.kind, {})[org.id] = org
        if not by_kind or ORG_BACKREF_HEADS.keys().isdisjoint(self.keys):
            return
        for i in self.positions(ORG_BACKREF_HEADS):
            kinds = ORG_BACKREF_HEADS[self.keys[i]]
            if i == 0 or self.keys[i - 1] != "the" or i in self.org_tokens:
                continue
            if i + 1 < len(self.keys) and self.namey[i + 1]:
                continue  # "the University Hospital": a name, not a back-reference
            found = {oid: org for kind in kinds for oid, org in by_kind.get(kind, {}).items()}
            if len(found) != 1 or self.bp(i, i + 1):
                continue
            (target,) = found.values()
            ref = Org(
                target.id, target.name, target.kind, target.country, target.locality, i, i + 1
            )
            self.orgs[i] = ref
            self.org_tokens[i] = ref

    def merge_org_names(self) -> None:
        """A shorter name of the same kind that starts a longer one is the same body."""
        orgs = list(self.orgs.values())
        ministries: dict[str, str] = {}
        for org in orgs:
            if org.kind == "ministry" and org.country is not None:
                ministries.setdefault(org.name, org.country)
        for org in orgs:
            if org.kind == "ministry" and org.country is None and org.name in ministries:
                org.country = ministries[org.name]
                org.id = self.make_org("ministry", org.name, org.country, None, 0, 0, org.name).id
        for org in orgs:
            for other in orgs:
                if (
                    other is not org
                    and other.kind == org.kind
                    and other.id != org.id
                    and len(other.name) > len(org.name)
                    and fold(other.name).startswith(fold(org.name) + " ")
                ):
                    org.id, org.name, org.locality = other.id, other.name, other.locality
                    org.country = other.country or org.country

    # ------------------------------------------------------------------- names
    def read_name(self, j: int) -> tuple[int, int] | None:
        """The person name starting at token j: (start, end), or None."""
        doc = self.doc
        # A Vietnamese family name may be a function word elsewhere (`To Lam`), and so may a
        # given name at the end (`Nguyen Van An`).
        vietnamese = j < len(doc) and is_vietnamese_surname(self.words[j])
        k = j
        while (
            k < len(doc)
            and k - j < 5
            and (self.namey[k] or (vietnamese and is_capitalised_word(self.words[k])))
            and (k == j or not self.sent_starts[k])
            and k not in self.title_tokens
            and k not in self.org_tokens
        ):
            k += 1
        return self._check_name(j, k)

    def read_name_left(self, c: int) -> tuple[int, int] | None:
        """The person name that ends right before token c (a comma)."""
        if c >= 3 and self.words[c - 1] == ")" and self.words[c - 3] == "(":
            c -= 3  # a caption's position marker: "NAME (R), Chairman of ..."
        k = c
        while (
            k > 0
            and c - k < 5
            and is_capitalised_word(self.words[k - 1])
            and k - 1 not in self.title_tokens
            and k - 1 not in self.org_tokens
        ):
            k -= 1
            if self.sent_starts[k]:
                break
        # Drop openers ("In Hanoi, ..."); function words stay only inside a Vietnamese name
        # ("To Lam", "Nguyen Van An").
        while k < c and not self.namey[k] and not is_vietnamese_surname(self.words[k]):
            k += 1
        if any(not self.namey[t] for t in range(k, c)) and (
            not is_vietnamese_surname(self.words[k])
            or any(t in self.loc_tokens for t in range(k, c))
        ):
            return None
        found = self._check_name(k, c)
        if found is None:
            return None
        parts = self.words[found[0] : found[1]]
        honorific = found[0] > 0 and self.norm(found[0] - 1) in HONORIFICS
        if len(parts) >= 2 and name_country(parts) is None and not honorific:
            return None  # an unknown capitalised run before a comma is too weak a clue
        return found

    def _descriptor_comma(self, c: int) -> int:
        """`NAME, member of the Party Central Committee and TITLE ...`: the comma after NAME.

        Steps back from the `and` at c over a descriptor that opens in lower case; -1 if
        there is none within the sentence.
        """
        k = c - 1
        while k > 0 and c - k < 12 and not self.sent_starts[k]:
            if self.words[k] == ",":
                opener = self.words[k + 1] if k + 1 < c else ""
                return k if opener[:1].islower() and k + 1 not in self.titles else -1
            if self.words[k] in (";", ":", '"', "“", "”"):
                return -1
            k -= 1
        return -1

    def read_name_between_commas(self, j: int) -> tuple[int, int] | None:
        """`President of the association, NAME, said`: a name set off by commas after a role."""
        if j < len(self.doc) and self.norm(j) in HONORIFICS:
            j += 1
        if j >= len(self.doc) or self.sent_starts[j]:
            return None
        found = self.read_name(j)
        if found is None or found[1] - found[0] < 2:
            return None
        after = found[1]
        if self.norm(after) == ",":
            if after + 1 in self.titles or self.norm(after + 1) in ARTICLES:
                return None  # the name opens the next apposition: `, NAME, Director of ...`
            return found
        if after >= len(self.doc) or self.sent_starts[after] or self.norm(after) == ".":
            return found
        return found if self.keys[after] in REPORTING_VERBS else None

    def _check_name(self, start: int, end: int) -> tuple[int, int] | None:
        if end <= start:
            return None
        words = self.keys[start:end]
        if words[-1] in LOCALITY_TYPE_WORDS:
            return None
        loc = self.locs.get(start)
        if loc is not None and loc.end >= end:
            return None  # a place, not a person
        if end - start >= 2 and _is_place_name(" ".join(words)):
            return None  # an untagged place: "Thanh Hoa", "Ho Chi Minh (City)"
        if self.bp(start, end):
            return None
        return start, end

    # ------------------------------------------------------------------- roles
    def parse_role(self, i: int, previous: RoleMention | None) -> RoleMention | None:
        """A role phrase starting at token i: `[former] [Japanese] [ORG] TITLE [of ORG] ...`."""
        doc = self.doc
        start = i
        status = "current"
        if i < len(doc) and self.keys[i] in STATUS_WORDS:
            status = STATUS_WORDS[self.keys[i]]
            i += 1
            if self.norm(i) == "-":
                i += 1
        country: str | None = None
        org: Org | None = None
        locality: str | None = None
        code, c_end = self.country_at(i) if i < len(doc) else (None, i)
        if code is not None:
            country = code
            i = c_end + 1 if self.norm(c_end) == "'s" else c_end
        after_org = -1
        if i in self.orgs:
            after_org = self.orgs[i].end
            after_org += 1 if self.norm(after_org) == "'s" else 0
        if after_org in self.titles:
            org = self.orgs[i]
            i = after_org
        elif i in self.locs and i not in self.titles:
            span = self.locs[i]
            j = span.end + 1 if self.norm(span.end) == "'s" else span.end
            if j in self.titles:
                locality, i = span.kb_id_, j
        if i not in self.titles:
            return None
        title_start = i
        title_end, title = self.titles[i]
        role = RoleMention(
            title, start, title_end, title_start, title_end, org, locality, country, status
        )
        j = title_end
        if self.norm(j) in ROLE_PREPOSITIONS:
            k = j + 1
            if self.norm(k) == "its" and previous is not None and k + 1 in self.orgs:
                its = self.orgs[k + 1]
                base = previous.org
                if base is not None and its.locality == "its":
                    resolved = self.make_org(
                        its.kind,
                        self._canonical(its),
                        base.country,
                        base.locality,
                        its.start,
                        its.end,
                        self._local_name(its, base.locality),
                    )
                    its.id, its.name, its.country, its.locality = (
                        resolved.id,
                        resolved.name,
                        resolved.country,
                        resolved.locality,
                    )
                role.org, j = its, its.end
            else:
                if self.norm(k) == "the":
                    k += 1
                code, c_end = self.country_at(k)
                if code is not None and self.norm(c_end) == "'s" and c_end + 1 in self.orgs:
                    k = c_end + 1  # "of Japan's Kansai Economic Federation"
                if k in self.orgs:
                    role.org, j = self.orgs[k], self.orgs[k].end
                elif k in self.locs:
                    place_span, j = self.locality_after(k)
                    assert place_span is not None
                    role.locality = place_span.kb_id_
                    role.country = role.country or self.loc_info(place_span)[2]
                elif (match := self._domain_at(k)) is not None and _names_a(MINISTRY_TITLES, title):
                    dom_end, (domain, dom_country) = match
                    ministry = f"Ministry of {domain}"
                    for known in self.orgs.values():
                        if known.kind == "ministry" and known.name == ministry:
                            dom_country = dom_country or known.country
                    role.org = self.make_org(
                        "ministry", ministry, dom_country, None, title_start, dom_end, ministry
                    )
                    j = dom_end
                else:
                    code, c_end = self.country_at(k)
                    if code is not None:
                        role.country, j = code, c_end
                    else:
                        # `of` + something unknown: where it ends, and so where a name
                        # could start, cannot be told.
                        role.end, role.unfinished = j, True
                        return role
        if self.norm(j) == "to" and role.org is None:
            k = j + 2 if self.norm(j + 1) == "the" else j + 1
            code, c_end = self.country_at(j + 1)
            if k in self.orgs:  # "Special Adviser to the X Union"
                role.org, j = self.orgs[k], self.orgs[k].end
            elif code is not None:
                role.country = role.country or lexicon.other_country(code)
                j = c_end
        if self.norm(j) == "in":
            code, c_end = self.country_at(j + 1)
            posting, loc_end = self.locality_after(j + 1)
            if posting is not None:
                role.locality, j = posting.kb_id_, loc_end
            elif code is not None:
                j = c_end
        role.end = j
        if (
            role.org is None
            and _names_a(CONSULATE_TITLES, title)
            and role.country
            and role.locality
        ):
            loc = self.locs.get(self._loc_start(role.locality, title_end, j))
            place = self.loc_info(loc)[1] if loc is not None else role.locality
            name = f"Consulate General of {COUNTRY_NAMES[role.country]} in {place}"
            role.org = self.make_org(
                "consulate_general",
                name,
                role.country,
                role.locality,
                title_start,
                j,
                name,
                f"org/{role.country.lower()}/consulate-general/{role.locality}",
            )
        return role

    def _loc_start(self, loc_id: str, start: int, end: int) -> int:
        for t in range(start, end):
            if t in self.locs and self.locs[t].kb_id_ == loc_id:
                return t
        return -1

    def _canonical(self, org: Org) -> str:
        for row in self.ext.orgs.values():
            if row["label"] == org.kind and row.get("scope") == "local":
                return str(row["id"])
        return org.name

    def _local_name(self, org: Org, locality: str | None) -> str:
        if locality is None:
            return org.name
        canonical = self._canonical(org)
        named = self._named(locality, canonical)
        return named if named != canonical else org.name

    def _domain_at(self, k: int) -> tuple[int, tuple[str, str | None]] | None:
        doc = self.doc
        matches = self.ext.domain_matcher(doc[k : min(len(doc), k + 12)])
        best: tuple[int, tuple[str, str | None]] | None = None
        for match_id, s, e in matches:
            if s == k and (best is None or e > best[0]):  # offsets are doc-relative
                best = (e, self.ext.domains[self.vocab.strings[match_id]])
        return best

    def parse_chain(self, i: int) -> tuple[list[RoleMention], int] | None:
        """The roles joined by `and` / `, now` from token i, and where they end (-1: unknown)."""
        roles: list[RoleMention] = []
        role = self.parse_role(i, None)
        while role is not None:
            roles.append(role)
            if role.unfinished:
                return roles, -1
            j = role.end
            if self.norm(j) == "and" or (
                self.norm(j) == "," and self.keys[j + 1] in STATUS_WORDS
                if j + 1 < len(self.doc)
                else False
            ):
                role = self.parse_role(j + 1, role)
            else:
                role = None
        if not roles:
            return None
        # "Chairman and CEO of X", "then Chairman, now Honorary Chairman of X": a bare title
        # belongs to the body named by the next title of the chain.
        for earlier, later in zip(roles[-2::-1], roles[:0:-1], strict=True):
            if earlier.org is None and earlier.locality is None and earlier.country is None:
                earlier.org = later.org
        return roles, roles[-1].end

    # --------------------------------------------------------------- the work
    def run(self) -> None:
        doc = self.doc
        self.titles = self.find_titles()
        self.title_tokens = {t for s, (e, _) in self.titles.items() for t in range(s, e)}
        self.find_orgs()
        self.merge_org_names()
        self.find_org_backrefs()
        people: list[Person] = []
        pending: list[tuple[int, int, list[RoleMention]]] = []  # single-word names after titles
        backrefs: list[tuple[int, int, RoleMention]] = []
        guests: set[int] = set()  # token starts of names that follow a guest cue
        consumed: set[int] = set()
        chain_starts: dict[int, int] = {}
        for t_start in sorted(self.titles):
            if t_start in consumed or self.bp(t_start, self.titles[t_start][0]):
                continue
            start = self._chain_start(t_start)
            parsed = self.parse_chain(start)
            if parsed is None:
                continue
            roles, end = parsed
            for r in roles:
                consumed.add(r.title_start)
            name: tuple[int, int] | None = None
            if end >= 0:
                j = end
                if self.norm(j) in HONORIFICS:
                    j += 1
                name = self.read_name(j) if j < len(doc) and not self.sent_starts[j] else None
            if name is None:
                c = roles[0].start - 1
                if c >= 0 and self.norm(c) in ARTICLES and c - 1 >= 0 and self.words[c - 1] == ",":
                    c -= 1
                if c >= 0 and self.norm(c) == "and":
                    c = self._descriptor_comma(c)
                if c >= 0 and self.words[c] == "," and not self.sent_starts[roles[0].start]:
                    name = self.read_name_left(c)
            if name is None and end >= 0 and self.norm(end) == ",":
                name = self.read_name_between_commas(end + 1)
            last = roles[-1]
            if name is not None and self.norm(name[1]) == "of" and last.org is None:
                # "Governor NAME of Aichi Prefecture"
                place, _ = self.locality_after(name[1] + 1)
                if place is not None and last.locality is None:
                    last.locality = place.kb_id_
                    last.country = last.country or self.loc_info(place)[2]
            if name is None:
                if start > 0 and self.norm(start - 1) in ROLE_REFERENCES and len(roles) == 1:
                    backrefs.append((roles[0].title_start, roles[0].title_end, roles[0]))
                continue
            chain_start = min(name[0], roles[0].start)
            chain_starts[name[0]] = chain_start
            if chain_start > 0 and self.norm(chain_start - 1) in GUEST_CUES:
                guests.add(name[0])
            if (
                chain_start > 1
                and self.norm(chain_start - 1) == "the"
                and (self.norm(chain_start - 2) in GUEST_CUES)
            ):
                guests.add(name[0])
            if (
                chain_start > 2
                and self.norm(chain_start - 1) == "'s"
                and (
                    self.norm(chain_start - 3) in GUEST_CUES
                    or self.norm(chain_start - 4) in GUEST_CUES
                )
            ):
                guests.add(name[0])
            if name[1] - name[0] == 1:
                pending.append((name[0], name[1], roles))
                continue
            self.add_person(people, name, roles)
        self.resolve_mentions(people, pending, backrefs, guests)
        self.write(people)

    def _chain_start(self, t: int) -> int:
        """Step back over what may open a role phrase: status word, nationality, ORG or place."""
        start = t
        if t - 1 >= 0 and self.norm(t - 1) == "'s":
            k = t - 2
            org = self.org_tokens.get(k)
            if org is not None:
                start = org.start
            elif k in self.loc_tokens:
                while k - 1 in self.loc_tokens:
                    k -= 1
                start = k
        else:
            org = self.org_tokens.get(t - 1)
            if org is not None and org.end == t:
                start = org.start
            elif t - 1 in self.loc_tokens:
                k = t - 1
                while k - 1 in self.loc_tokens:
                    k -= 1
                if k in self.locs and self.locs[k].end == t:
                    start = k
        k = start - 1
        if k >= 0:
            code, end = self.country_at(k)
            if code is not None and end == start:
                start = k
            elif (pair := NAME_PAIRS_BY_LAST.get(self.norm(k))) and self.norm(k - 1) == pair[0]:
                start = k - 1  # `Viet Nam`
        if start - 1 >= 0 and self.keys[start - 1] in STATUS_WORDS:
            start -= 1
        return start

    def add_person(
        self, people: list[Person], name: tuple[int, int], roles: list[RoleMention]
    ) -> None:
        parts = self.words[name[0] : name[1]]
        text = self.span_text(name[0], name[1])
        for person in people:
            if same_person(person.parts, parts):
                if has_initial(person.parts) and not has_initial(parts):
                    person.parts, person.text = parts, text
                break
        else:
            person = Person(parts, text)
            people.append(person)
        person.roles.extend(roles)
        person.name_spans.append(name)

    def resolve_mentions(
        self,
        people: list[Person],
        pending: list[tuple[int, int, list[RoleMention]]],
        backrefs: list[tuple[int, int, RoleMention]],
        guests: set[int],
    ) -> None:
        by_key: dict[str, list[Person]] = {}
        for person in people:
            for key in short_keys(person.parts):
                by_key.setdefault(key, []).append(person)
        taken: set[int] = set()
        for person in people:
            for s, e in person.name_spans:
                taken.update(range(s, e))
        for s, e, roles in pending:
            owners = by_key.get(self.keys[s], [])
            if len(owners) == 1:
                owners[0].name_spans.append((s, e))
                owners[0].roles.extend(r for r in roles if r.org is not None)
                taken.add(s)
        # Every other occurrence of a full name or an unambiguous short form.
        full: dict[str, list[tuple[list[str], Person]]] = {}
        for person in people:
            folded = [fold(p) for p in person.parts]
            full.setdefault(folded[0], []).append((folded, person))
            if len(folded) == 2:
                full.setdefault(folded[1], []).append((folded[::-1], person))
        wanted = set(full) | set(by_key)
        next_free = 0
        for i in self.positions(wanted):
            if i < next_free or i in taken or i in self.org_tokens:
                continue
            key = self.keys[i]
            if not is_capitalised_word(self.words[i]):
                continue
            matched = False
            for folded, person in full.get(key, []):
                n = len(folded)
                if self.keys[i : i + n] == folded and not self.bp(i, i + n):
                    person.name_spans.append((i, i + n))
                    taken.update(range(i, i + n))
                    next_free = i + n
                    matched = True
                    break
            if matched:
                continue
            if not self.namey[i] and not (
                # "An said": a given name that is also a function word, before a verb
                i + 1 < len(self.keys) and self.keys[i + 1] in REPORTING_VERBS
            ):
                continue
            owners = by_key.get(key, [])
            if len(owners) == 1 and self._standalone(i) and not self.bp(i, i + 1):
                owners[0].name_spans.append((i, i + 1))
                taken.add(i)
        # Role back-references: "the governor", "the PM", "the host".
        for s, e, role in backrefs:
            if self.bp(s, e):
                continue
            holders = [
                p
                for p in people
                if any(
                    fold(r.title) == fold(role.title)
                    and (role.org is None or (r.org is not None and r.org.id == role.org.id))
                    for r in p.roles
                )
            ]
            if len(holders) == 1:
                holders[0].name_spans.append((s, e))
        if not self.positions(HOST_WORDS):
            return
        hosts = self._hosts(people, guests)
        if len(hosts) == 1:
            for h in self.positions(HOST_WORDS):
                if h > 0 and self.keys[h - 1] == "the" and not self.bp(h, h + 1):
                    hosts[0].name_spans.append((h, h + 1))

    def _standalone(self, i: int) -> bool:
        """A short name alone, not part of a longer capitalised run (another person, a place)."""
        doc = self.doc
        before = i - 1 >= 0 and self.namey[i - 1] and not self.sent_starts[i]
        after = i + 1 < len(doc) and self.namey[i + 1] and not self.sent_starts[i + 1]
        after = after or (i + 1 < len(doc) and self.words[i + 1] == "-")
        if before and i - 1 not in self.title_tokens and self.norm(i - 1) not in HONORIFICS:
            return False
        if after:
            return False
        if i in self.loc_tokens:
            prev_ok = i - 1 in self.title_tokens or self.norm(i - 1) in HONORIFICS
            return prev_ok or self.norm(i + 1) in REPORTING_VERBS
        return True

    def _hosts(self, people: list[Person], guests: set[int]) -> list[Person]:
        hosts: list[Person] = []
        sentence: list[int] = []  # token -> sentence number
        number = 0
        for i, start in enumerate(self.sent_starts):
            number += start and i > 0
            sentence.append(number)
        cued = {
            sentence[i] for i, key in enumerate(self.keys) if key.startswith(HOST_SENTENCE_CUES)
        }
        for sent in sorted(cued):
            present: list[tuple[Person, int]] = []
            for person in people:
                for s, _ in person.name_spans:
                    if sentence[s] == sent:
                        present.append((person, s))
            guest_people = {id(p) for p, s in present if s in guests}
            if not guest_people:
                continue
            for person, _ in present:
                if id(person) not in guest_people and person not in hosts:
                    hosts.append(person)
        return hosts

    # ------------------------------------------------------------------ output
    def write(self, people: list[Person]) -> None:
        doc = self.doc
        org_records: dict[str, dict[str, Any]] = {}
        org_spans: list[Span] = []

        def add_org(org: Org) -> None:
            if org.locality == "its":
                return
            rec = org_records.setdefault(org.id, org.record() | {"mentions": []})
            if org.start >= 0 and org.end > org.start:
                s, e = org.start, org.end
                if self.keys[s] == "the":
                    s += 1
                ev = self.evidence(*self.chars(s, e))
                if ev not in rec["mentions"]:
                    rec["mentions"].append(ev)
                    org_spans.append(Span(doc, s, e, label=org.kind, kb_id=org.id))

        for org in self.orgs.values():
            add_org(org)
        officials: list[dict[str, Any]] = []
        person_spans: list[Span] = []
        for person in people:
            for role in person.roles:
                if role.org is not None:
                    add_org(role.org)
        for person in people:
            name, name_local = display_name(person.text)
            pid = person_id(name)
            roles: list[dict[str, Any]] = []
            for role in person.roles:
                org_id = (
                    role.org.id if role.org is not None and role.org.id in org_records else None
                )
                entry = {"title": role.title, "organization": org_id, "status": role.status}
                same = [r for r in roles if fold(r["title"]) == fold(role.title)]
                if same and (org_id is None or any(r["organization"] == org_id for r in same)):
                    continue  # "Chairwoman NAME" after "Chairwoman of X NAME": the same role
                bare = [r for r in same if r["organization"] is None]
                if bare:
                    bare[0]["organization"] = org_id
                    continue
                roles.append(entry)
            country = locality = None
            for role in person.roles:
                if role.org is not None and role.org.id in org_records:
                    rec = org_records[role.org.id]
                    country, locality = rec["country"], rec["locality"]
                    if country or locality:
                        break
            if country is None and locality is None:
                for role in person.roles:
                    if role.locality:
                        locality = role.locality
                        country = lexicon.country_of_id(locality) or role.country
                        break
                    if role.country:
                        country = role.country
                        break
            office = (
                TITLE_JURISDICTIONS.get(person.roles[0].title.split()[-1]) if person.roles else None
            )
            if locality is None and office is not None and country in (None, office.country):
                # "a delegation from Fukuoka led by Governor X": the prefecture (city for a
                # mayor) the article names most.
                locality = self.main_locality(office.country, tuple(office.kinds))
                country = office.country if locality else country
            if country is None:
                country = name_country(person.parts)
            mentions: list[dict[str, Any]] = []
            for s, e in sorted(set(person.name_spans)):
                mentions.append(self.evidence(*self.chars(s, e)))
                person_spans.append(Span(doc, s, e, label="official", kb_id=pid))
            if not roles:
                continue
            officials.append(
                {
                    "id": pid,
                    "name": name,
                    "name_local": name_local,
                    "title": roles[0]["title"],
                    "organization": roles[0]["organization"],
                    "roles": roles,
                    "country": country,
                    "locality": locality,
                    "mentions": mentions,
                }
            )
        doc._.officials = officials
        doc._.organizations = [org_records[k] for k in sorted(org_records)]
        doc.spans[keys.OFFICIALS] = person_spans
        doc.spans[keys.ORGANIZATIONS] = org_spans


@Language.factory(
    "vjties_officials",
    assigns=["doc.spans", "doc._.officials", "doc._.organizations"],
    requires=["doc.spans", "doc._.localities", "doc._.boilerplate", "token.is_sent_start"],
)
def make_officials(nlp: Language, name: str) -> OfficialsExtractor:
    return OfficialsExtractor(nlp)
