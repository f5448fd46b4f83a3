"""The localities component's vocabulary, its `Mention` record, and the helpers that
recognition and the context rules share.

The word sets come from the shared lexicon (`vjties.lexicon`) and `resources/locality_cues.json`;
the gates are hashes of the words at which a scan can conclude (`TokenView.contains`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from vjties import lexicon
from vjties.gazetteer import Entry, name_key
from vjties.text import fold
from vjties.tokens import TokenView, word_hashes

CUES = lexicon.locality_cues()
# Words that may be written in lower case inside a name: `Ho Chi Minh city`, `Kansai region`.
LOWER_NAME_WORDS = frozenset(CUES.lower_name_words.words)
# Hepburn syllables: a consonant (cluster, maybe doubled) and a vowel, or a syllabic n.
ROMANIZED_JAPANESE = lexicon.romanized_japanese()
NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Type word -> the kinds it can name. Vietnamese outlets call prefectures provinces.
TYPE_KINDS: dict[str, frozenset[str]] = lexicon.locality_type_kinds()
# A place name before these names something else (`Ha Long Bay`, `Kyoto Protocol`,
# `Southeast Asia`), not the place.
LANDMARK_HEADS = frozenset((*CUES.landmark_heads.words, *CUES.landmark_heads_any_case.words))
# Landmark heads that say so in lower case too (`Hai Ba Trung street`, `Ha Long bay`).
ANY_CASE_LANDMARKS = frozenset(CUES.landmark_heads_any_case.words)
# Vietnamese family and middle names: before a place name they make it part of a person's
# name (`Deputy PM Nguyen Hoa Binh`, `Tran Quang Ninh`).
VN_NAME_PARTS = lexicon.vietnamese_name_parts()
PLURAL_TYPES = lexicon.locality_plurals()
DESCRIBED_KINDS = lexicon.locality_descriptor_words()
COUNTRY_WORDS = lexicon.country_words()
COUNTRY_NAME_WORDS = lexicon.country_name_words()
# Two-token country names (`Viet Nam`), by their last and by their first token.
NAME_PAIRS_BY_LAST = {
    names[-1]: (names[0], code)
    for names, code in lexicon.country_name_sequences().items()
    if len(names) == 2
}
NAME_PAIRS_BY_FIRST = {first: (last, code) for last, (first, code) in NAME_PAIRS_BY_LAST.items()}
# `X of|in|, Y`: the words that lead to where X lies.
NESTING_WORDS = frozenset(CUES.nesting_words.words)
APPOSITION_OPENERS = frozenset(CUES.apposition_openers.words)
APPOSITION_ARTICLES = frozenset(CUES.apposition_articles.words)
APPOSITION_CLOSERS = frozenset(CUES.apposition_closers.words)
NEWSPAPER_WORDS = frozenset(CUES.newspaper_words.words)
LIST_SEPARATORS = frozenset(CUES.list_separators.words)
LIST_OPENERS = frozenset(CUES.list_openers.words)
LIST_BREAKERS = frozenset(CUES.list_breakers.words)
COORDINATORS = frozenset(CUES.coordinators.words)
# A type word with a dash glued on is still the type word (`Kumamoto city- Hai Duong province`).
DASHES = "-–—"
POSSESSIVE = frozenset(CUES.possessives.words)
# Words that end the search for a country before a name.
COUNTRY_STOPS = frozenset(CUES.country_stops.words)
# Heads that end an organization's name: `Da Nang City People's Committee`.
ORG_HEADS = lexicon.organization_heads()
# Words inside an organization's name between the place and the head.
ORG_INNER_LOWER = frozenset(CUES.organization_inner_words.words)
# An organization that names the place it sits in after `in`.
IN_PLACE_ORGS = frozenset(CUES.in_place_organizations.words)
PERSON_TITLES = lexicon.person_name_cues()
# Capitalised words that may stand before a place name without being a given name.
PLACE_PRECEDERS = frozenset(CUES.place_preceders.words)
# Verbs of speech: `Tomioka said` names a person, whatever else Tomioka is.
REPORTING_VERBS = lexicon.reporting_verbs()


# Gates (hashes of LOWER or NORM): the words at which a scan can conclude.
COUNTRY_GATE = word_hashes((*COUNTRY_WORDS, *NAME_PAIRS_BY_LAST))
ORG_HEAD_GATE = word_hashes(
    (
        *(head + dots for head in ORG_HEADS for dots in ("", ".", "..", "...")),
        *NEWSPAPER_WORDS,
        *(word.replace("'", "’") for word in NEWSPAPER_WORDS),
    )
)


@dataclass(slots=True)
class Mention:
    """One gazetteer match as the rules read it: where, its candidates, and the cues found."""

    start: int
    end: int
    key: str
    candidates: list[Entry]
    kinds: frozenset[str] | None = None
    country: str | None = None
    in_org: bool = False
    cued: bool = False
    parent_of: int | None = None  # index of the mention this one is nested in
    in_full_name: bool = False  # part of a person's full name (`Tomioka Kazuhiro`)
    entry: Entry | None = None
    drop: bool = False
    notes: list[str] = field(default_factory=list)
    start_char: int = 0
    end_char: int = 0
    partner: int | None = None  # index of the mention it is paired with (`Hoi An and Nagasaki`)


def city_and_unit(candidates: list[Entry]) -> bool:
    """Whether a name is both a Japanese prefecture and a Japanese city (Tokyo, Osaka,
    Nagasaki, Fukuoka): the ambiguity a pair settles."""
    kinds = {(c.kind, c.is_admin1) for c in candidates if c.country == "JP"}
    return ("city", False) in kinds and any(admin1 for _, admin1 in kinds)


def filter_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """`spacy.util.filter_spans` on (match_id, start, end) triples: the (first) longest of
    overlapping matches, in text order."""
    ranked = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    result = []
    seen: set[int] = set()
    for match in ranked:
        if match[1] not in seen and match[2] - 1 not in seen:
            result.append(match)
            seen.update(range(match[1], match[2]))
    result.sort(key=lambda m: m[1])
    return result


def fold_non_ascii(doc: Doc, v: TokenView) -> None:
    """Sets the norm of every token with a non-ASCII character to its folded key, so the
    PhraseMatcher (on NORM) finds `Đà Nẵng` as `da nang`, and updates `v`'s NORM column. Only
    those few tokens are touched: a run of non-ASCII characters is mapped to its tokens by
    their start offsets."""
    starts = v.idx
    done = -1
    for run in NON_ASCII.finditer(v.text):
        # The tokens overlapping [run.start(), run.end()): white space between tokens is a
        # single ASCII space, so every non-ASCII character lies inside a token.
        i = max(bisect_right(starts, run.start()) - 1, done + 1)
        stop = bisect_left(starts, run.end())
        while i < stop:
            token = doc[i]
            token.norm_ = folded_word(token.text)
            v.set_norm(i, token.norm)
            done = i
            i += 1


@lru_cache(maxsize=4096)
def folded_word(word: str) -> str:
    """`name_key` of a word, cached: the same non-ASCII words recur in every document."""
    return name_key(word)


@lru_cache(maxsize=4096)
def fold_name(text: str) -> str:
    """`fold` of a place name, cached: the same names recur in every document."""
    return fold(text)


def romanized_japanese(word: str) -> bool:
    """Whether `word` reads as romanized Japanese (`Natsuo`, `Kenji`, `Yutaka`), as given names
    do; English words mostly do not (`Boost`, `Government`, `Expo`)."""
    return len(word) > 2 and ROMANIZED_JAPANESE.match(name_key(word)) is not None
