"""TokenClassMatcher: spaCy `Matcher` token patterns matched over one bitmask per token.

Why: the dates component runs a few dozen patterns of optional tokens over every token of
every document, and spaCy's `Matcher` spends more on that than the rest of the component; a
pattern can only start at a token that satisfies one of a few word sets, so one numpy lookup
per Doc finds those tokens and Python works only there. It supports the subset of spaCy's
pattern language its users need (one of TEXT/ORTH/LOWER per token, a string, IN or REGEX
predicate, the `?` operator) and refuses the rest (`validate_patterns`), so it can never match
differently from spaCy's `Matcher`: tests/test_token_matcher.py checks both find the same on
every text of the repository.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vjties.tokens import TokenView

#: A token dict of spaCy's Matcher format (`{"LOWER": {"IN": [...]}, "OP": "?"}`).
TokenPattern = dict[str, Any]
#: A comma: a match is trimmed of leading and trailing commas (optional commas keep the
#: pattern count low, so a match may begin or end with one).
_COMMA_KEY = repr(sorted({"ORTH": ","}.items()))
#: What TokenClassMatcher supports of spaCy's token-pattern language; anything else is refused.
SUPPORTED_ATTRS = frozenset({"TEXT", "ORTH", "LOWER"})
SUPPORTED_OPS = frozenset({"?"})
SUPPORTED_PREDICATES = frozenset({"IN", "REGEX"})


class PatternError(ValueError):
    """A token pattern TokenClassMatcher cannot match the way spaCy's Matcher would."""


def validate_patterns(patterns: dict[str, list[list[TokenPattern]]]) -> None:
    """Refuse what TokenClassMatcher does not support, rather than match it differently from
    spaCy's Matcher: operators other than `?` (`+`, `*`, `!`, `{n,m}`), attributes other than
    TEXT/ORTH/LOWER, several attributes in one token, predicates other than a string, IN and
    REGEX, empty or non-string word lists, regexes that do not compile, and patterns that
    could match no token at all."""
    for label, token_patterns in patterns.items():
        if not token_patterns:
            raise PatternError(f"{label}: no patterns")
        for number, pattern in enumerate(token_patterns):
            where = f"{label}, pattern {number}"
            if not isinstance(pattern, list) or not pattern:
                raise PatternError(f"{where}: a pattern is a non-empty list of token dicts")
            for token in pattern:
                _validate_token(where, token)
            if all(token.get("OP") == "?" for token in pattern):
                raise PatternError(f"{where}: every token is optional, so it matches nothing")


def _validate_token(where: str, token: TokenPattern) -> None:
    """One token dict of a pattern (see `validate_patterns`)."""
    if not isinstance(token, dict):
        raise PatternError(f"{where}: {token!r} is not a token dict")
    op = token.get("OP")
    if op is not None and op not in SUPPORTED_OPS:
        raise PatternError(f"{where}: operator {op!r} is not supported (only '?')")
    attrs = [key for key in token if key != "OP"]
    if len(attrs) != 1 or attrs[0] not in SUPPORTED_ATTRS:
        raise PatternError(f"{where}: {token!r} must test exactly one of {sorted(SUPPORTED_ATTRS)}")
    value = token[attrs[0]]
    if isinstance(value, str):
        return
    if not isinstance(value, dict) or len(value) != 1 or set(value) - SUPPORTED_PREDICATES:
        raise PatternError(f"{where}: {value!r} is not a string, IN or REGEX predicate")
    if "IN" in value:
        words = value["IN"]
        if not words or not all(isinstance(word, str) for word in words):
            raise PatternError(f"{where}: IN needs a non-empty list of strings")
        return
    try:
        re.compile(value["REGEX"])
    except (re.error, TypeError) as error:
        raise PatternError(f"{where}: REGEX {value['REGEX']!r} does not compile: {error}") from None


class WordBits:
    """Bits per word (ORTH hash), each word's computed once: a sorted numpy table looked up for
    every token of a Doc at once, and a dict of the words met since the table was last rebuilt.

    Why not a dict alone: looking each token up in Python costs more than the matching it
    serves; the table answers all but the newest words in one `searchsorted`.
    """

    #: Recent words merged into the table at this many; the table stops growing at MAX_WORDS.
    MERGE_AT = 512
    MAX_WORDS = 200_000

    def __init__(self) -> None:
        self.words = numpy.zeros(0, dtype=numpy.uint64)
        self.bits = numpy.zeros(0, dtype=numpy.int64)
        self.recent: dict[int, int] = {}

    def of(self, orths: numpy.ndarray, compute: Callable[[int], int]) -> numpy.ndarray:
        """The bits of each word of `orths` (`compute(orth)` for a word never seen)."""
        found = numpy.zeros(len(orths), dtype=numpy.int64)
        missing = numpy.arange(len(orths))
        if len(self.words):
            index = numpy.searchsorted(self.words, orths)
            index[index == len(self.words)] = 0
            known = self.words[index] == orths
            found[known] = self.bits[index[known]]
            missing = numpy.flatnonzero(~known)
        if len(missing):
            recent = self.recent
            for i, orth in zip(missing.tolist(), orths[missing].tolist(), strict=True):
                bits = recent.get(orth)
                if bits is None:
                    bits = recent[orth] = compute(orth)
                found[i] = bits
            if len(recent) >= self.MERGE_AT:
                self._merge()
        return found

    def _merge(self) -> None:
        """Move the recent words into the sorted table (until it is full)."""
        if len(self.words) < self.MAX_WORDS:
            words = numpy.concatenate([self.words, numpy.fromiter(self.recent, numpy.uint64)])
            bits = numpy.concatenate([self.bits, numpy.fromiter(self.recent.values(), numpy.int64)])
            order = numpy.argsort(words, kind="stable")
            self.words, self.bits = words[order], bits[order]
        self.recent = {}


class TokenClassMatcher:
    """The `PATTERNS`, matched the way spaCy's `Matcher` matches them (every match, each `?`
    token taken or skipped), but over one bitmask per token.

    Each distinct token predicate of the patterns gets a bit; a token's mask, the bits of
    every predicate its text satisfies, comes from sorted tables of word hashes (numpy
    spreads them over a Doc's tokens) and, for REGEX predicates, from a per-word table
    (`WordBits`). A
    match can only start at a token whose mask has a bit a pattern may begin with, followed by
    a token the pattern may continue with; few tokens of an article are such, and the Python
    work is confined to them. Patterns are validated first (`validate_patterns`): what this
    matcher cannot do the way spaCy's Matcher does is refused, never silently dropped.
    tests/components/test_dates.py checks it finds what spaCy's Matcher finds on every text
    of the repository.
    """

    def __init__(self, vocab: Vocab, patterns: dict[str, list[list[TokenPattern]]]) -> None:
        validate_patterns(patterns)
        self.comma = vocab.strings.add(",")
        bits: dict[str, int] = {}
        self.predicates: list[tuple[int, str, Any]] = []  # (bit, attr, values or regex)
        # (label, steps, bits of a first token, bits of a second token, one token may match)
        self.patterns: list[tuple[str, Steps, int, int, bool]] = []
        for label, token_patterns in patterns.items():
            for pattern in token_patterns:
                steps = []
                for token in pattern:
                    key = repr(sorted((k, v) for k, v in token.items() if k != "OP"))
                    if key not in bits:
                        bits[key] = 1 << len(bits)
                        self.predicates.append((bits[key], *self._predicate(token)))
                    steps.append((bits[key], token.get("OP") == "?"))
                self.patterns.append((label, *_pattern_bits(steps, bits.get(_COMMA_KEY, 0))))
        self.start_bits = 0
        for _, _, first, _, _ in self.patterns:
            self.start_bits |= first
        self.tables = self._word_tables(vocab)
        self.regexes = [(bit, test) for bit, _, test in self.predicates if not _is_set(test)]
        self.regex_bits = WordBits()  # ORTH hash -> bits of the REGEX predicates
        self.by_mask: dict[int, list[tuple[str, Steps, int, bool]]] = {}

    @staticmethod
    def _predicate(token: TokenPattern) -> tuple[str, Any]:
        """(attribute, word set or compiled regex) of a validated token dict."""
        (attr, value), *_ = [(k, v) for k, v in token.items() if k != "OP"]
        if isinstance(value, str):
            return attr, frozenset([value])
        if "IN" in value:
            return attr, frozenset(value["IN"])
        return attr, re.compile(value["REGEX"])

    def _word_tables(self, vocab: Vocab) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
        """Sorted hashes of the words the set predicates name, with their bits, for a numpy
        lookup of every token at once; TEXT is ORTH and LOWER is the lower-cased text. A
        column no predicate reads has no table."""
        tables: dict[str, dict[int, int]] = {"ORTH": {}, "LOWER": {}}
        for bit, attr, test in self.predicates:
            if _is_set(test):
                table = tables["LOWER" if attr == "LOWER" else "ORTH"]
                for word in test:
                    word_hash = vocab.strings.add(word)
                    table[word_hash] = table.get(word_hash, 0) | bit
        return [
            (
                numpy.array(sorted(table), dtype=numpy.uint64),
                numpy.array([table[k] for k in sorted(table)], dtype=numpy.int64),
            )
            for table in (tables["ORTH"], tables["LOWER"])
        ]

    def token_masks(self, doc: Doc, array: numpy.ndarray) -> numpy.ndarray:
        """Each token's bits, as an int64 array; `array`'s first two columns are ORTH and LOWER
        (`TokenView.array`)."""
        masks = numpy.zeros(len(doc), dtype=numpy.int64)
        for column, (words, values) in enumerate(self.tables):
            if not len(words):
                continue
            hashes = array[:, column]
            index = numpy.searchsorted(words, hashes)
            index[index == len(words)] = 0
            masks |= numpy.where(words[index] == hashes, values[index], 0)
        if self.regexes:
            masks |= self._regex_masks(doc, array)
        return masks

    def _regex_masks(self, doc: Doc, array: numpy.ndarray) -> numpy.ndarray:
        """The REGEX predicates' bits of each token (`re.search` on its text, as spaCy's
        Matcher does), each distinct word tested once per process (`WordBits`)."""
        strings = doc.vocab.strings
        return self.regex_bits.of(
            array[:, 0],
            lambda orth: sum(bit for bit, regex in self.regexes if regex.search(strings[orth])),
        )

    def __call__(self, doc: Doc, array: numpy.ndarray | None = None) -> list[tuple[str, int, int]]:
        """(label, start, end) of every match, with leading and trailing commas trimmed."""
        if not len(doc):
            return []
        if array is None:
            array = TokenView.of(doc).array
        masks_array = self.token_masks(doc, array)
        starts = numpy.flatnonzero(masks_array & self.start_bits).tolist()
        if not starts:
            return []
        masks = masks_array.tolist()
        n = len(masks)
        comma, by_mask = self.comma, self.by_mask
        orths: list[int] | None = None
        found = []
        for i in starts:
            candidates = by_mask.get(masks[i])
            if candidates is None:
                candidates = self._candidates(masks[i])
            following = masks[i + 1] if i + 1 < n else 0
            for label, steps, second, single in candidates:
                if not (single or following & second):
                    continue
                for end in _match_ends(steps, masks, i, n):
                    if orths is None:
                        orths = array[:, 0].tolist()
                    s, e = i, end
                    while s < e and orths[s] == comma:
                        s += 1
                    while e > s and orths[e - 1] == comma:
                        e -= 1
                    if s < e:
                        found.append((label, s, e))
        return found

    def _candidates(self, start_mask: int) -> list[tuple[str, Steps, int, bool]]:
        """The patterns that may start at a token with `start_mask`: (label, steps, bits the
        next token must have one of, whether one token is a whole match); kept per mask."""
        candidates = self.by_mask[start_mask] = [
            (label, steps, second, single)
            for label, steps, first, second, single in self.patterns
            if first & start_mask
        ]
        return candidates


def _is_set(test: Any) -> bool:
    """Whether a compiled predicate is a word set (else a regex)."""
    return isinstance(test, frozenset)


def _pattern_bits(steps: list[tuple[int, bool]], comma: int) -> tuple[Steps, int, int, bool]:
    """(steps, bits a first token may have, bits a second may have, whether one token can be
    a whole match) of a pattern. A match never starts with a comma: trimmed, it is the match
    that starts after the (optional) comma."""
    first_steps = _closure(steps, {0})
    first = sum({steps[k][0] for k in first_steps if k < len(steps)})
    second_steps = _closure(steps, {k + 1 for k in first_steps if k < len(steps)})
    second = sum({steps[k][0] for k in second_steps if k < len(steps)})
    return tuple(steps), first & ~comma, second, len(steps) in second_steps


Steps = tuple[tuple[int, bool], ...]


def _closure(steps: list[tuple[int, bool]], positions: set[int]) -> set[int]:
    """The pattern positions reachable from `positions` by skipping optional steps."""
    reached = set(positions)
    todo = list(positions)
    while todo:
        k = todo.pop()
        if k < len(steps) and steps[k][1] and k + 1 not in reached:
            reached.add(k + 1)
            todo.append(k + 1)
    return reached


def _match_ends(steps: Steps, masks: list[int], start: int, n: int) -> set[int]:
    ends: set[int] = set()
    stack = [(0, start)]
    last = len(steps)
    while stack:
        k, j = stack.pop()
        if k == last:
            if j > start:
                ends.add(j)
            continue
        bit, optional = steps[k]
        if optional:
            stack.append((k + 1, j))
        if j < n and masks[j] & bit:
            stack.append((k + 1, j + 1))
    return ends
