"""What the organizations and officials components read around a token, indexed once per Doc.

Both components read the same things at every candidate: the words and their folded keys,
where sentences start, which tokens are a locality mention (and its name, country and kind),
a country word (`Japanese`, `Viet Nam`), and where the title phrases are (`Vice Chairman`,
`Deputy Prime Minister`). `document_index(doc, titles)` builds that index once per Doc on the
shared token view (`vjties.tokens.TokenView`), after the localities component has run, and
both components get the same object.

Titles are phrase patterns of `resources/titles.jsonl` matched with a PhraseMatcher on NORM
(`TitleMatcher`): a title is a run of modifiers and domains (`Vice`, `Standing`, `Foreign`)
ending in a head (`TITLE` rows), each the longest match at its start, a hyphen allowed between
them (`Vice-Chairman`). The officials component reads roles around them; the organizations
component only needs to know where they are, so that the capitalised words it reads before a
head word (`Hanoi People's Committee`) never take in a title.

Localities come from the localities component's span groups (the longest mention at each
start, free or inside an organization's name) and its records (names, countries, kinds); a
later, untagged repeat of a tagged name (the localities component skips a name it reads as part
of an organization's) counts as that place too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.components.localities import main_locality
from vjties.names import fold, is_name_word
from vjties.text import to_ascii
from vjties.tokens import TokenView

#: Country names and adjectives, phrases too (`viet nam`) -> code.
COUNTRY_WORDS: dict[str, str] = lexicon.country_phrases()
#: Two-token country names (`Viet Nam`), by their first and by their last token.
NAME_PAIRS_BY_FIRST = {
    names[0]: (names[1], code)
    for names, code in lexicon.country_name_sequences().items()
    if len(names) == 2
}
NAME_PAIRS_BY_LAST = {last: (first, code) for first, (last, code) in NAME_PAIRS_BY_FIRST.items()}
#: Type words written after a place's name (`Toyama prefecture`, `Hanoi city`).
LOCALITY_TYPE_WORDS = lexicon.locality_suffix_words()

_INDEX_MEMO = ("vjties_document_index",)


def longest_matches(matches: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """Start token -> (end, match id) of the longest of the matches starting there."""
    best: dict[int, tuple[int, int]] = {}
    for match_id, start, end in matches:
        if start not in best or end > best[start][0]:
            best[start] = (end, match_id)
    return best


@dataclass(frozen=True)
class Titles:
    """The title phrases of a Doc: start token -> (end, canonical title), and their tokens."""

    spans: dict[int, tuple[int, str]]
    tokens: frozenset[int]


class TitleMatcher:
    """Finds title phrases (`Vice Chairman`, `Deputy PM`) with the patterns of titles.jsonl."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        #: match key -> (label, canonical form) of each pattern.
        self.rows: dict[str, tuple[str, str]] = {}
        for row in lexicon.title_patterns():
            key = f"T{len(self.rows)}"
            self.rows[key] = (row.label, row.id)
            self.matcher.add(key, [nlp.make_doc(row.pattern)])

    def __call__(self, doc: Doc, words: list[str]) -> Titles:
        """Every title phrase of `doc`: modifiers and domains up to a head, left to right."""
        best = longest_matches(self.matcher(doc))
        strings = doc.vocab.strings
        titles: dict[int, tuple[int, str]] = {}
        covered = 0
        for i in sorted(best):
            if i < covered:
                continue
            j, parts, head = i, [], None
            while j in best:
                end, match_id = best[j]
                label, canonical = self.rows[strings[match_id]]
                parts.append(canonical)
                j = end
                if label == "TITLE":
                    head = canonical
                    break
                if j + 1 in best and words[j] == "-":
                    j += 1  # `Vice-Chairman`
            if head is not None:
                titles[i] = (j, " ".join(parts))
                covered = j
        tokens = frozenset(t for start, (end, _) in titles.items() for t in range(start, end))
        return Titles(titles, tokens)


def document_index(doc: Doc, titles: TitleMatcher) -> DocumentIndex:
    """The index of `doc`, built on first use and kept in its token view for the Doc's life."""
    view = TokenView.of(doc)
    return view.memo(_INDEX_MEMO, lambda: DocumentIndex(doc, view, titles))


class DocumentIndex:
    """Tokens, sentence starts, localities, country words and titles of one Doc (see the
    module docstring). Token positions outside the Doc read as nothing (`key_at` gives "")."""

    def __init__(self, doc: Doc, view: TokenView, titles: TitleMatcher) -> None:
        self.doc = doc
        self.view = view
        self.n = view.n
        #: The text and the folded lower-case key (`’s` -> `'s`, `Đà` -> `da`) of each token.
        self.words = view.words()
        self.keys = view.keys()
        #: Whether each token starts a sentence (token 0 always does).
        self.sentence_start = [False] * view.n
        for start in view.sentence_starts():
            self.sentence_start[start] = True
        found = titles(doc, self.words)
        #: Title phrases: start token -> (end, canonical title).
        self.titles = found.spans
        self.title_tokens = found.tokens
        #: Locality id -> (name, country, kind) from the localities' records.
        self.loc_names: dict[str, tuple[str, str | None, str | None]] = {
            rec["id"]: (rec["name"], rec.get("country"), rec.get("kind"))
            for rec in doc._.localities or []
        }
        #: Start token -> the locality mention there (the longest).
        self.locs = self._locality_mentions()
        self.loc_tokens: set[int] = {i for s in self.locs.values() for i in range(s.start, s.end)}
        self._main_localities: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def _locality_mentions(self) -> dict[int, Span]:
        """Every locality mention by start token, with the untagged repeats of tagged names."""
        locs: dict[int, Span] = {}
        for group in (keys.LOCALITIES_IN_ORGS, keys.LOCALITIES):
            for span in self.view.spans(group):
                if span.start not in locs or span.end > locs[span.start].end:
                    locs[span.start] = span
        by_text: dict[str, Span] = {}
        for span in locs.values():
            by_text.setdefault(" ".join(self.keys[span.start : span.end]), span)
        first_words = {key.split()[0] for key in by_text if key}
        for i in self.view.positions(first_words, attr="key"):
            if i in locs or not self.words[i][:1].isupper():
                continue
            for n in (3, 2, 1):
                known = by_text.get(" ".join(self.keys[i : i + n]))
                if known is not None and i + n <= self.n:
                    locs[i] = Span(self.doc, i, i + n, label=known.label_, kb_id=known.kb_id_)
                    break
        return locs

    # -- tokens -----------------------------------------------------------------------------

    def key_at(self, i: int) -> str:
        """The folded lower-case key of token i; "" outside the Doc."""
        return self.keys[i] if 0 <= i < self.n else ""

    def is_name_word(self, i: int) -> bool:
        """Whether token i reads as a word of a person's name (`vjties.names.is_name_word`)."""
        return is_name_word(self.words[i])

    def in_boilerplate(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) touch boilerplate (a byline, a caption credit, ...)."""
        return self.view.in_boilerplate(start, end)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end)."""
        return self.view.span_text(start, end)

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """The Evidence of tokens [start, end)."""
        return self.view.evidence(*self.view.span_chars(start, end))

    # -- places and countries ---------------------------------------------------------------

    def loc_info(self, span: Span) -> tuple[str, str, str | None, str | None]:
        """(id, name, country, kind) of a locality mention."""
        loc_id = span.kb_id_
        name, country, kind = self.loc_names.get(loc_id, (None, None, None))
        if name is None:
            words = [t.text for t in span if fold(t.text) not in LOCALITY_TYPE_WORDS]
            name = to_ascii(" ".join(words or [span.text]))
        if country is None:
            country = lexicon.country_of_id(loc_id)
        return loc_id, name, country, kind or span.label_ or None

    def locality_after(self, i: int, described: bool = False) -> tuple[Span | None, int]:
        """`[the] LOC [type word]` at token i: (the mention, where the phrase ends); with
        `described`, also `the southern province of LOC` (a local body's `of`)."""
        j = i + 1 if self.key_at(i) == "the" else i
        span = self.locs.get(j)
        if span is None and described and j > i:
            j = self._described_unit(j)
            span = self.locs.get(j)
        if span is None:
            return None, i
        end = span.end
        if self.key_at(end) in LOCALITY_TYPE_WORDS:
            end += 1
        return span, end

    def _described_unit(self, i: int) -> int:
        """`the southern province of X`, `the Mekong Delta city of X`: after `the`, up to
        three descriptive words, a type word and `of`; the token after `of` (else -1)."""
        for k in range(i, min(i + 4, self.n)):
            if self.keys[k] in LOCALITY_TYPE_WORDS:
                return k + 2 if self.key_at(k + 1) == "of" else -1
            if not self.words[k].isalpha() or k in self.locs:
                return -1
        return -1

    def locality_inside(self, start: int, end: int) -> Span | None:
        """The first locality mention inside tokens [start, end)."""
        for t in range(start, end):
            span = self.locs.get(t)
            if span is not None and span.end <= end:
                return span
        return None

    def country_at(self, i: int) -> tuple[str | None, int]:
        """The country word at token i, if any, and where it ends: (code, end)."""
        pair = NAME_PAIRS_BY_FIRST.get(self.key_at(i))
        if pair is not None and self.key_at(i + 1) == pair[0]:
            return pair[1], i + 2  # `Viet Nam`
        code = COUNTRY_WORDS.get(self.keys[i]) if 0 <= i < self.n else None
        return code, i + 1

    def country_in(self, start: int, end: int) -> str | None:
        """The first country word inside tokens [start, end)."""
        for i in range(start, end):
            code, _ = self.country_at(i)
            if code is not None:
                return code
        return None

    def main_locality(self, country: str, kinds: Collection[str]) -> str | None:
        """The article's main locality of `kinds` in `country` (`localities.main_locality`),
        asked once per Doc for each pair."""
        key = (country, tuple(kinds))
        if key not in self._main_localities:
            self._main_localities[key] = main_locality(self.doc, country, key[1])
        return self._main_localities[key]
