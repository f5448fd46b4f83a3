"""TokenClassMatcher (vjties.token_matcher) finds what spaCy's Matcher finds, and refuses what
it cannot match the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from factories import repository_texts
from vjties.components.dates import PATTERNS
from vjties.token_matcher import (
    PatternError,
    TokenClassMatcher,
    WordBits,
    validate_patterns,
)


def spacy_matches(nlp: Language, doc: Doc, patterns: dict[str, Any]) -> set[tuple[str, int, int]]:
    """What spaCy's Matcher finds with `patterns`, post-processed as TokenClassMatcher does
    (leading and trailing commas trimmed, empty matches dropped)."""
    matcher = Matcher(nlp.vocab, validate=True)
    for label, label_patterns in patterns.items():
        matcher.add(label, label_patterns)
    found = set()
    for match_id, start, end in matcher(doc):
        while start < end and doc[start].text == ",":
            start += 1
        while end > start and doc[end - 1].text == ",":
            end -= 1
        if start < end:
            found.add((nlp.vocab.strings[match_id], start, end))
    return found


def test_the_token_class_matcher_finds_what_spacys_matcher_finds_on_every_text(
    nlp: Language,
) -> None:
    """Every article of the repository (seeds, holdouts, golden files, the corpus cache when
    present); a difference names the file and token offsets, never the text."""
    ours = TokenClassMatcher(nlp.vocab, PATTERNS)
    texts: list[Path] = repository_texts()
    assert len(texts) >= 30
    for path in texts:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        expected = spacy_matches(nlp, doc, PATTERNS)
        found = set(ours(doc))
        assert found == expected, (path.name, sorted(found ^ expected)[:5])


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, May 5, 2024, and on 6 of June, 2023 - from 2014-2024 (FY2025) - "
        "between now and 2030, the same day; 2024/05/03, 18–19 March, 2009–15, mid-2020.",
        ",,, May 5 ,, 2024 , Thursday (March 7) today [May 14] the previous day.",
        "",
    ],
)
def test_the_token_class_matcher_agrees_with_spacy_on_hard_cases(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    assert set(TokenClassMatcher(nlp.vocab, PATTERNS)(doc)) == spacy_matches(nlp, doc, PATTERNS)


def test_a_pattern_set_without_word_predicates_works(nlp: Language) -> None:
    patterns = {"SPAN": [[{"TEXT": {"REGEX": r"^\d{4}[–—]\d{4}$"}}]]}
    doc = nlp.make_doc("Ties (2014–2024) and 2019–2020 grew.")
    found = TokenClassMatcher(nlp.vocab, patterns)(doc)
    assert (
        sorted(found)
        == sorted(spacy_matches(nlp, doc, patterns))
        == [
            ("SPAN", 2, 3),
            ("SPAN", 5, 6),
        ]
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ([{"LOWER": "may", "OP": "+"}], "operator '\\+' is not supported"),
        ([{"LOWER": "may", "OP": "*"}], "operator '\\*' is not supported"),
        ([{"LOWER": "may", "OP": "!"}], "operator '!' is not supported"),
        ([{"NORM": "may"}], "exactly one of"),
        ([{"LOWER": "may", "ORTH": "May"}], "exactly one of"),
        ([{"LOWER": {"NOT_IN": ["may"]}}], "not a string, IN or REGEX"),
        ([{"LOWER": {"IN": []}}], "non-empty list"),
        ([{"LOWER": {"IN": ["may", 5]}}], "non-empty list of strings"),
        ([{"TEXT": {"REGEX": "(unclosed"}}], "does not compile"),
        ([{"LOWER": "may", "OP": "?"}], "every token is optional"),
        ([], "non-empty list"),
        (["may"], "not a token dict"),
    ],
)
def test_what_the_matcher_cannot_do_is_refused(pattern: Any, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        validate_patterns({"X": [pattern]})


def test_the_dates_patterns_are_all_supported() -> None:
    validate_patterns(PATTERNS)


def test_any_regex_is_tested_on_every_token(nlp: Language) -> None:
    """REGEX predicates are not limited to numbers: an acronym pattern agrees with spaCy."""
    patterns = {"ACRONYM": [[{"TEXT": {"REGEX": r"^[A-Z]{3,}$"}}, {"ORTH": "-", "OP": "?"}]]}
    doc = nlp.make_doc("HANOI (VNA) - JETRO and JICA met in Hanoi; VNA said.")
    matcher = TokenClassMatcher(nlp.vocab, patterns)
    for _ in range(2):  # computed, then read from the per-word table
        assert set(matcher(doc)) == spacy_matches(nlp, doc, patterns)


def test_word_bits_are_computed_once_per_word() -> None:
    calls: list[int] = []
    table = WordBits()
    table.MERGE_AT = 2  # merge into the sorted table early

    def compute(orth: int) -> int:
        calls.append(orth)
        return orth % 3

    words = numpy.array([5, 7, 5, 9, 7, 11], dtype=numpy.uint64)
    assert table.of(words, compute).tolist() == [2, 1, 2, 0, 1, 2]
    assert table.of(words[::-1], compute).tolist() == [2, 1, 0, 2, 1, 2]
    assert sorted(calls) == [5, 7, 9, 11] and len(table.words) >= 2
