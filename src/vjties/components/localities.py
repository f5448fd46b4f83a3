"""Finds Vietnamese and Japanese localities and resolves each mention to one gazetteer entry.

Recognition is a PhraseMatcher over every gazetteer name and alias, on token norms folded for
case and diacritics (`Bà Rịa - Vũng Tàu` = `Ba Ria-Vung Tau`). Each match is then read in its
context, by rules:

- a type word after or before it (`Gunma prefecture`, `Kobe City`, `the city of Hue`, `Japan's
  Tottori province`), an apposition (`Fukuoka [Kyushu's largest city]`), or a plural type word
  governing a list (`the prefectures of Fukuoka, Saga and Oita`, `Japanese cities - Kobe, Nara`);
- a country cue (`Japan's`, `the Japanese prefecture of`, `..., Japan`);
- nesting (`Higashiosaka city of Japan's Osaka prefecture`, `Kisarazu, Chiba`);
- a consulate or embassy `in` a place sits in a city (`Consulate General in Osaka`);
- the other places of the document: a bare name takes the reading the document gave it with a
  cue elsewhere (`Kumamoto city ... Kumamoto`), and an ambiguous city the one whose prefecture
  or province the document names (`Sakai` with `Fukui`); population last.
A bare name that is both a prefecture (or province) and a city, with no cue, is the prefecture:
news names the prefecture far more often, and says `city` when it means the city.

Not localities: names inside a person's name (`Governor Nagano`, `Yutaka Aso`), lower-case
words, boilerplate, a region used as a descriptor (`the Mekong Delta province of ...`), and
names that are common words or surnames (`needs_cue` in the gazetteer) unless a type word,
list or nesting says they are places. A name inside an organization's name (`Hanoi People's
Committee`, `Kyushu Economic Federation`) goes to `doc.spans["locality_in_org"]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from vjties.extensions import doc_id, in_boilerplate
from vjties.gazetteer import Entry, Gazetteer, load_gazetteer, name_key

# Words that may be written in lower case inside a name: `Ho Chi Minh city`, `Kansai region`.
LOWER_NAME_WORDS = {
    "city",
    "region",
    "delta",
    "key",
    "economic",
    "zone",
    "coast",
    "coastal",
    "highlands",
    "midlands",
    "mountains",
    "mountainous",
    "and",
    "of",
    "river",
}
# Hepburn syllables: a consonant (cluster, maybe doubled) and a vowel, or a syllabic n.
ROMANIZED_JAPANESE = re.compile(
    r"^(?:(?:([kgstdbp])(?=\1))?(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|w|y)?[aeiou]|n(?![aeiouy]))+$"
)
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
FREE_GROUP = "localities"
ORG_GROUP = "locality_in_org"

# Type word -> the kinds it can name. Vietnamese outlets call prefectures provinces.
TYPE_KINDS: dict[str, frozenset[str]] = {
    "prefecture": frozenset({"prefecture"}),
    "province": frozenset({"province", "prefecture"}),
    "city": frozenset({"city", "municipality"}),
    "municipality": frozenset({"municipality"}),
    "town": frozenset({"city"}),
    "region": frozenset({"region"}),
    "island": frozenset({"region", "island"}),
    "district": frozenset({"district"}),
    "ward": frozenset({"ward", "district"}),
    "prefectural": frozenset({"prefecture"}),
    "provincial": frozenset({"province", "prefecture"}),
    "municipal": frozenset({"municipality", "city"}),
    "metropolis": frozenset({"prefecture"}),
    "metropolitan": frozenset({"prefecture"}),
}
# A place name before these names something else (`Ha Long Bay`, `Kyoto Protocol`,
# `Southeast Asia`), not the place.
LANDMARK_HEADS = {
    "bay",
    "river",
    "lake",
    "castle",
    "station",
    "mount",
    "mountain",
    "beach",
    "pass",
    "peninsula",
    "strait",
    "bridge",
    "temple",
    "shrine",
    "pagoda",
    "tower",
    "park",
    "market",
    "protocol",
    "declaration",
    "accord",
    "accords",
    "formula",
    "asia",
    "asian",
    "street",
    "road",
    "avenue",
    "boulevard",
}
# Landmark heads that say so in lower case too (`Hai Ba Trung street`, `Ha Long bay`).
ANY_CASE_LANDMARKS = {"street", "road", "avenue", "boulevard", "bay", "river"}
# Vietnamese family and middle names: before a place name they make it part of a person's
# name (`Deputy PM Nguyen Hoa Binh`, `Tran Quang Ninh`).
VN_NAME_PARTS = {
    "nguyen",
    "tran",
    "le",
    "pham",
    "hoang",
    "huynh",
    "phan",
    "vu",
    "vo",
    "dang",
    "bui",
    "do",
    "ngo",
    "duong",
    "ly",
    "van",
    "thi",
    "dinh",
    "truong",
    "doan",
    "lam",
    "mai",
    "trinh",
    "luong",
    "quach",
    "luu",
    "kieu",
    "tong",
    "huu",
    "duc",
    "cong",
    "ngoc",
    "xuan",
    "thanh",
    "quoc",
    "hong",
    "thu",
    "thuy",
    "tuan",
    "hoai",
    "khac",
    "dac",
    "trung",
    "manh",
    "viet",
}
PLURAL_TYPES = {
    "prefectures": "prefecture",
    "provinces": "province",
    "cities": "city",
    "municipalities": "municipality",
    "towns": "town",
    "regions": "region",
}
DESCRIBED_KINDS = {"prefecture", "province", "city", "town", "prefectures", "provinces", "cities"}
COUNTRY_WORDS = {"japan": "JP", "japanese": "JP", "vietnam": "VN", "vietnamese": "VN"}
LIST_SEPARATORS = {",", "and", "or", "&"}
LIST_OPENERS = {"of", "-", ":", "including", "namely", "like", "as", ","}
POSSESSIVE = {"'s", "'"}
# Heads that end an organization's name: `Da Nang City People's Committee`.
ORG_HEADS = {
    "committee",
    "council",
    "federation",
    "association",
    "center",
    "centre",
    "university",
    "college",
    "institute",
    "academy",
    "school",
    "department",
    "bureau",
    "agency",
    "authority",
    "office",
    "government",
    "assembly",
    "ministry",
    "embassy",
    "consulate",
    "consulate-general",
    "bank",
    "company",
    "corporation",
    "corp",
    "co",
    "group",
    "holdings",
    "jsc",
    "ltd",
    "inc",
    "hospital",
    "chamber",
    "club",
    "union",
    "foundation",
    "fund",
    "organization",
    "organisation",
    "times",
    "today",
    "news",
    "newspaper",
    "post",
    "television",
    "tv",
    "radio",
    "portal",
    "airport",
    "port",
    "railway",
    "airlines",
    "police",
    "court",
    "museum",
    "library",
    "press",
    "daily",
    "magazine",
    "shimbun",
    "giai",
    "exchange",
    "gas",
    "railroad",
    "tourist",
    "fc",
    "industries",
    "industry",
    "motor",
    "motors",
    "electric",
    "steel",
    "shipbuilding",
    "airways",
    "logistics",
    "securities",
    "insurance",
    "trading",
    "league",
    "society",
    "party",
    "secretariat",
    "commission",
    "board",
}
# Words inside an organization's name between the place and the head.
ORG_INNER_LOWER = {
    "'s",
    "'",
    "of",
    "and",
    "&",
    "for",
    "provincial",
    "city",
    "municipal",
    "prefectural",
}
# An organization that names the place it sits in after `in`.
IN_PLACE_ORGS = {"consulate", "consulate-general", "embassy", "general"}
PERSON_TITLES = {
    "governor",
    "mayor",
    "mr",
    "mr.",
    "ms",
    "ms.",
    "mrs",
    "mrs.",
    "dr",
    "dr.",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "professor",
    "prof",
    "prof.",
    "ambassador",
    "minister",
    "secretary",
    "director",
    "consul",
    "senator",
    "madam",
    "sir",
    "vice-governor",
    "vice-mayor",
    "chief",
    "representative",
    "rep",
    "rep.",
    "deputy",
    "vice",
}
# Capitalised words that may stand before a place name without being a given name.
PLACE_PRECEDERS = {
    "central",
    "southern",
    "northern",
    "eastern",
    "western",
    "south",
    "north",
    "east",
    "west",
    "southeast",
    "northeast",
    "southwest",
    "northwest",
    "greater",
    "downtown",
    "metropolitan",
    "coastal",
    "port",
    "mountainous",
    "japanese",
    "vietnamese",
    "japan",
    "vietnam",
    "nam",
    "delta",
    "highlands",
    "region",
    "province",
    "prefecture",
    "city",
    "new",
    "old",
    "both",
    "visit",
    "visiting",
    "from",
    "welcome",
    "dear",
    "sister",
    "partner",
    "via",
    "only",
}


@dataclass
class Mention:
    start: int
    end: int
    key: str
    candidates: list[Entry]
    kinds: frozenset[str] | None = None
    country: str | None = None
    in_org: bool = False
    cued: bool = False
    parent_of: int | None = None  # index of the mention this one is nested in
    entry: Entry | None = None
    drop: bool = False
    notes: list[str] = field(default_factory=list)


def _norm(token: Token) -> str:
    return token.norm_


def _lower(token: Token) -> str:
    return token.lower_.replace("’", "'")


def _skip(doc: Doc, i: int) -> int:
    """The first token at or after `i` that is not white space (`\xa0`, new lines)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _back(doc: Doc, i: int) -> int:
    """The last token at or before `i` that is not white space (-1 if none)."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _romanized_japanese(word: str) -> bool:
    """Whether `word` reads as romanized Japanese (`Natsuo`, `Kenji`, `Yutaka`), as given names
    do; English words mostly do not (`Boost`, `Government`, `Expo`)."""
    return len(word) > 2 and ROMANIZED_JAPANESE.match(name_key(word)) is not None


class LocalityRecognizer:
    """Sets `doc.spans["localities"]`, `doc.spans["locality_in_org"]` and `doc._.localities`."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        keys = list(self.gazetteer.by_key)
        tokenizer: Any = nlp.tokenizer
        for key, pattern in zip(keys, tokenizer.pipe(keys), strict=True):
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        mentions = self.match(doc, text)
        self.set_annotations(doc, mentions, text)
        return doc

    # -- matching -----------------------------------------------------------------------
    def match(self, doc: Doc, text: str | None = None) -> list[Mention]:
        text = doc.text if text is None else text
        for non_ascii in NON_ASCII.finditer(text):
            span = doc.char_span(non_ascii.start(), non_ascii.end(), alignment_mode="expand")
            for token in span or ():
                token.norm_ = name_key(token.text)
        strings = doc.vocab.strings
        spans = filter_spans(
            [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        )
        mentions: list[Mention] = []
        for span in spans:
            key = strings[span.label]
            if not self._capitalised(span, key):
                continue
            if in_boilerplate(doc, span.start_char, span.end_char):
                continue
            candidates = self.gazetteer.candidates(key)
            if candidates:
                mentions.append(Mention(span.start, span.end, key, candidates))
        self._read_context(doc, mentions)
        self._resolve(doc, mentions)
        return [m for m in mentions if not m.drop and m.entry is not None]

    def _capitalised(self, span: Span, key: str) -> bool:
        if key in self.gazetteer.lowercase_keys:
            return True
        for i, token in enumerate(span):
            if token.is_alpha and not token.text[0].isupper():
                if i > 0 and token.lower_ in LOWER_NAME_WORDS:
                    continue
                return False
        return True

    # -- context ------------------------------------------------------------------------
    def _read_context(self, doc: Doc, mentions: list[Mention]) -> None:
        starts = {m.start: i for i, m in enumerate(mentions)}
        ends = {m.end: i for i, m in enumerate(mentions)}
        for index, mention in enumerate(mentions):
            after = after_start = _skip(doc, mention.end)
            after_type = _lower(doc[after]) if after < len(doc) else None
            before1 = _back(doc, mention.start - 1)
            before2 = _back(doc, before1 - 1)
            if after_type in TYPE_KINDS:
                mention.kinds = TYPE_KINDS[after_type]
                mention.cued = True
                after = _skip(doc, after + 1)
            elif before2 >= 0 and doc[before1].lower_ == "of" and doc[before2].lower_ in TYPE_KINDS:
                mention.kinds = TYPE_KINDS[doc[before2].lower_]
                mention.cued = True
            else:
                kinds = self._apposition_kinds(doc, mention.end, starts)
                if kinds:
                    mention.kinds, mention.cued = kinds, True
            following = doc[after_start] if after_start < len(doc) else None
            if following is not None and following.lower_ in LANDMARK_HEADS:
                mention.drop = (
                    following.text[:1].isupper() or following.lower_ in ANY_CASE_LANDMARKS
                )
            if (
                all(c.kind == "region" for c in mention.candidates)
                and after_type in DESCRIBED_KINDS
            ):
                # `the Mekong Delta province of Long An`: a descriptor, not a mention.
                mention.drop = True
            mention.country = self._country_before(doc, mention.start) or self._country_after(
                doc, after
            )
            # Nesting: `X city of (Japan's) Y prefecture`, `X, Y`, `X in Y`.
            nest = after
            if nest < len(doc) and doc[nest].lower_ in {"of", "in", ","}:
                nest = _skip(doc, nest + 1)
                if (
                    nest + 1 < len(doc)
                    and _norm(doc[nest]) in COUNTRY_WORDS
                    and _lower(doc[nest + 1]) in POSSESSIVE
                ):
                    nest = _skip(doc, nest + 2)
                if nest in starts and starts[nest] != index:
                    mention.parent_of = starts[nest]
            mention.in_org = self._in_org(doc, mention, after)
            if not mention.in_org and (
                self._in_person_name(doc, mention, starts, ends)
                or self._before_given_name(doc, mention, starts)
            ):
                mention.drop = True
        self._read_lists(doc, mentions, starts, ends)

    def _apposition_kinds(
        self, doc: Doc, end: int, starts: dict[int, int]
    ) -> frozenset[str] | None:
        """`Fukuoka [Kyushu's largest city]`, `Osaka, Japan's second city,`: the first type
        word of a short apposition."""
        end = _skip(doc, end)
        if end >= len(doc) or doc[end].text not in {"[", "(", ","}:
            return None
        opener = doc[end].text
        i = _skip(doc, end + 1)
        if (
            opener == ","
            and (i >= len(doc) or doc[i].lower_ not in {"the", "a", "an", "its"})
            and i not in starts
            and not (i < len(doc) and _norm(doc[i]) in COUNTRY_WORDS)
        ):
            return None
        limit = min(len(doc), i + 7)
        while i < limit:
            token = doc[i]
            if token.is_space:
                i += 1
                continue
            if token.text in {"]", ")", ",", ".", ";"}:
                return None
            if token.lower_ in TYPE_KINDS:
                return TYPE_KINDS[token.lower_]
            if i in starts:
                # Another place inside the apposition: only its possessive (`Kyushu's`).
                j = i + 1
                while j < len(doc) and j not in starts and doc[j].is_alpha and j - i < 4:
                    j += 1
                if j >= len(doc) or _lower(doc[j]) not in POSSESSIVE:
                    return None
            i += 1
        return None

    def _country_before(self, doc: Doc, start: int) -> str | None:
        i = start - 1
        while i >= 0 and start - i <= 6:
            token = doc[i]
            norm = _norm(token)
            if token.is_space:
                i -= 1
                continue
            if norm in COUNTRY_WORDS:
                return COUNTRY_WORDS[norm]
            if norm == "nam" and i > 0 and _norm(doc[i - 1]) == "viet":
                return "VN"
            if (token.is_punct and token.text not in {"-"}) or token.lower_ in {
                "and",
                "or",
                "with",
                "between",
                "to",
                "from",
                "for",
                "by",
                "at",
                "on",
                "in",
                "said",
                "says",
                "than",
            }:
                return None
            i -= 1
        return None

    def _country_after(self, doc: Doc, after: int) -> str | None:
        if after + 1 < len(doc) and doc[after].lower_ in {"of", "in", ","}:
            nxt = _skip(doc, after + 1)
            norm = _norm(doc[nxt]) if nxt < len(doc) else ""
            if norm == "viet" and nxt + 1 < len(doc) and _norm(doc[nxt + 1]) == "nam":
                return "VN"
            if norm in {"japan", "vietnam"}:
                return COUNTRY_WORDS[norm]
        return None

    def _in_org(self, doc: Doc, mention: Mention, after: int) -> bool:
        # After: `Hanoi People's Committee`, `Binh Duong provincial People's Council`.
        i, limit = after, min(len(doc), after + 6)
        while i < limit:
            token = doc[i]
            lower = _lower(token)
            if token.is_space:
                i += 1
                continue
            if token.text[:1].isupper() and (lower in ORG_HEADS or lower.rstrip(".") in ORG_HEADS):
                return True
            if lower in {"newspaper", "newspaper's"}:
                return True
            if not (token.text[:1].isupper() and token.is_alpha) and lower not in ORG_INNER_LOWER:
                break
            i += 1
        # Before: `the People's Committee of Binh Duong`, `Consulate General of Japan in Osaka`.
        i = _back(doc, mention.start - 1)
        if i >= 1 and doc[i].lower_ == "the":
            i = _back(doc, i - 1)
        if i < 1 or doc[i].lower_ not in {"of", "in"}:
            return False
        word = doc[i].lower_
        j = i - 1
        if word == "in" and j >= 2 and _norm(doc[j]) in COUNTRY_WORDS and doc[j - 1].lower_ == "of":
            j -= 2  # `Consulate General of Japan in Da Nang`
        stop = max(-1, j - 8)
        while j > stop:
            token = doc[j]
            lower = _lower(token)
            if token.is_space:
                j -= 1
                continue
            if token.text[:1].isupper() and (lower in ORG_HEADS or lower in IN_PLACE_ORGS):
                if word == "in" and lower in IN_PLACE_ORGS and mention.kinds is None:
                    # A consulate or embassy sits in a city: `Consulate General in Osaka`.
                    mention.kinds = TYPE_KINDS["city"]
                return word == "of" or lower in IN_PLACE_ORGS
            if not (token.text[:1].isupper() or lower in ORG_INNER_LOWER):
                return False
            j -= 1
        return False

    def _in_person_name(
        self, doc: Doc, mention: Mention, starts: dict[int, int], ends: dict[int, int]
    ) -> bool:
        """`Governor Nagano`, `Yutaka Aso`, `Nguyen Thi Hue`: a place word in a name."""
        if mention.kinds is not None:
            return False
        before = _back(doc, mention.start - 1)
        if before < 0:
            return False
        prev = doc[before]
        if prev.lower_ in PERSON_TITLES and prev.text[:1].isupper():
            return True
        span = doc[mention.start : mention.end]
        if span.text.isupper() or not prev.is_alpha or not prev.text[:1].isupper():
            return False
        if prev.is_upper and len(prev) > 1:
            return False  # an acronym: `HCMC`, `VNA`
        if before + 1 in ends or prev.lower_ in PLACE_PRECEDERS or prev.is_stop:
            return False
        if _norm(prev) in VN_NAME_PARTS and any(c.country == "VN" for c in mention.candidates):
            return True
        if any(c.country == "JP" for c in mention.candidates):
            return _romanized_japanese(prev.text)
        return len(span) == 1 or all(c.kind == "city" for c in mention.candidates)

    def _before_given_name(self, doc: Doc, mention: Mention, starts: dict[int, int]) -> bool:
        """`Yamaguchi Natsuo said`: a Japanese family name, then a given name that ends the
        name, is a person even without a title."""
        if mention.kinds is not None or mention.end - mention.start != 1:
            return False
        if not any(c.country == "JP" for c in mention.candidates):
            return False
        i = mention.end
        if i >= len(doc) or i in starts:
            return False
        token = doc[i]
        if not (token.is_alpha and token.text[:1].isupper() and not token.is_upper):
            return False
        if token.is_stop or token.lower_ in ORG_HEADS or token.lower_ in PERSON_TITLES:
            return False
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and after.is_alpha and after.text[:1].isupper():
            return False
        return _romanized_japanese(token.text)

    def _read_lists(
        self, doc: Doc, mentions: list[Mention], starts: dict[int, int], ends: dict[int, int]
    ) -> None:
        """A plural type word governing a list types and cues every item."""
        groups: list[list[int]] = []
        for index, mention in enumerate(mentions):
            if groups and mention.start - mentions[groups[-1][-1]].end <= 6:
                last = mentions[groups[-1][-1]]
                between = doc[last.end : mention.start]
                words = [t for t in between if not t.is_space]
                if 0 < len(words) <= 2 and all(t.lower_ in LIST_SEPARATORS for t in words):
                    groups[-1].append(index)
                    continue
            groups.append([index])
        for group in groups:
            first, last = mentions[group[0]], mentions[group[-1]]
            kind_word, country = None, None
            i = first.start
            for _ in (1, 2, 3):
                i = _back(doc, i - 1)
                if i < 0:
                    break
                if doc[i].lower_ in PLURAL_TYPES:
                    between = doc[i + 1 : first.start]
                    if all(t.lower_ in LIST_OPENERS or t.is_punct or t.is_space for t in between):
                        kind_word = PLURAL_TYPES[doc[i].lower_]
                        previous = _back(doc, i - 1)
                        if previous >= 0 and _norm(doc[previous]) in COUNTRY_WORDS:
                            country = COUNTRY_WORDS[_norm(doc[previous])]
                    break
            following = _skip(doc, last.end)
            if (
                kind_word is None
                and len(group) > 1
                and following < len(doc)
                and doc[following].lower_ in PLURAL_TYPES
            ):
                kind_word = PLURAL_TYPES[doc[following].lower_]
            if kind_word is None:
                continue
            for index in group:
                mention = mentions[index]
                if mention.kinds is None:
                    mention.kinds = TYPE_KINDS[kind_word]
                mention.cued = True
                mention.country = mention.country or country

    # -- resolution ---------------------------------------------------------------------
    def _resolve(self, doc: Doc, mentions: list[Mention]) -> None:
        for mention in mentions:
            mention.entry = self._choose(mention, None, set())
        # Nesting and the other places of the document refine ambiguous mentions.
        # What each name contributes: a mention is not its own evidence.
        places: dict[str, set[str]] = {}
        for m in mentions:
            if m.entry and not m.drop:
                places.setdefault(m.key, set()).update(filter(None, (m.entry.id, m.entry.parent)))
        cued = {m.entry.id for m in mentions if m.entry and m.kinds is not None}
        for mention in mentions:
            known = set().union(*(ids for key, ids in places.items() if key != mention.key))
            parent = None
            if mention.parent_of is not None:
                outer = mentions[mention.parent_of].entry
                if outer is not None:
                    parent = outer.id
            if len(mention.candidates) > 1 or parent:
                mention.entry = self._choose(mention, parent, known, cued)
                if parent and mention.entry and mention.entry.parent == parent:
                    mention.cued = True
            if mention.entry and mention.entry.needs_cue and not mention.cued:
                mention.drop = True

    def _choose(
        self,
        mention: Mention,
        parent: str | None,
        known: set[str],
        cued: set[str] | None = None,
    ) -> Entry | None:
        pool = mention.candidates
        if mention.country:
            pool = [c for c in pool if c.country == mention.country] or pool
        if mention.kinds is not None:
            pool = [c for c in pool if c.kind in mention.kinds] or pool
        if parent:
            pool = [c for c in pool if c.parent == parent] or pool
        if len(pool) > 1 and mention.kinds is None and cued:
            # The document said which one elsewhere (`Fukuoka city ... Fukuoka`).
            pool = [c for c in pool if c.id in cued] or pool
        if len(pool) > 1 and known:
            pool = [c for c in pool if c.parent in known or c.id in known] or pool
        if len(pool) > 1 and mention.kinds is None:
            pool = [c for c in pool if c.is_admin1 or c.kind == "region"] or pool
        return max(pool, key=lambda c: (c.population or 0, c.id == pool[0].id), default=None)

    # -- output -------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, mentions: list[Mention], text: str | None = None) -> None:
        free: list[Span] = []
        org: list[Span] = []
        for mention in mentions:
            assert mention.entry is not None
            span = Span(
                doc, mention.start, mention.end, label=mention.entry.kind, kb_id=mention.entry.id
            )
            (org if mention.in_org else free).append(span)
        doc.spans[FREE_GROUP] = free
        doc.spans[ORG_GROUP] = org
        doc._.localities = locality_records(doc, text)


def locality_records(doc: Doc, text: str | None = None) -> list[dict[str, Any]]:
    """The `Locality` records of `doc`, (re)built from its two locality span groups.

    `text` may pass `doc.text` when the caller has it: spaCy rebuilds it on every access.
    """
    gazetteer = load_gazetteer()
    text = doc.text if text is None else text
    document = doc_id(doc)
    records: dict[str, dict[str, Any]] = {}
    for group, field_name in ((FREE_GROUP, "mentions"), (ORG_GROUP, "organization_mentions")):
        if group not in doc.spans:
            continue
        for span in sorted(doc.spans[group], key=lambda s: s.start_char):
            entry = gazetteer.get(span.kb_id_)
            if entry is None:
                continue
            record = records.get(entry.id)
            if record is None:
                record = records[entry.id] = {
                    **entry.record(),
                    "mentions": [],
                    "organization_mentions": [],
                }
            start, end = span.start_char, span.end_char
            record[field_name].append(
                {"document": document, "start": start, "end": end, "text": text[start:end]}
            )
    return [records[i] for i in sorted(records)]


@Language.factory("vjties_localities")
def make_localities(nlp: Language, name: str) -> LocalityRecognizer:
    return LocalityRecognizer(nlp)
