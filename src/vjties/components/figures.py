"""Figures: every amount, share and count, normalized, classified and attributed.

A `Matcher` finds the quantities (money before or after its currency, percentages, counts in
digits or words, ranges, `-plus` and vague plurals); `vjties.numbers.parse_amount` normalizes
each one with the qualifier read around it. What a figure measures is read from cues around
it: the counted noun after a count (`222 projects`, units in `resources/units.json`), the
nearest money cue for an amount (`export turnover ... 730 million USD`), what a percentage is
a share of (`26% of foreign investment capital` -> share_of_fdi), and the wording of a change
(`grows by about 5,000`). A place name between a count and its noun is one modifier (`1,200
Can Tho residents`); people-nouns (people, residents, workers, students, Vietnamese) count
`person` and the metric says who they are; money right after `projects worth` is the
capital of those projects. The metric vocabulary and its cues live in one place,
`resources/metrics.json`:

    investment_capital, investment_projects, fdi, oda, export, import, trade, enterprises,
    community, interns, tourists, participants, partnerships, partner_localities, growth,
    share_of_<metric>, other

Context: `period` is the nearest period-like date of the sentence (`doc.spans["dates"]`:
a year, a month, a fiscal year, or a day introduced by `as of`; `by the end of May` takes
the publication year) within `PERIOD_REACH` tokens, but not across a `since` (`signed in 2017
and have since exchanged 20 delegations`). A sentence-opening period covers the
whole sentence, a `while` clause shares the period of the clause it contrasts with, and an
`as of ...` right after one figure belongs to that figure alone. `localities` are the free
locality mentions (`doc.spans["localities"]`) of the figure's clause, or else its sentence;
`countries` are the Japan/Vietnam words there (the investor and the host).

Not figures: years, dates (anything inside `doc.spans["dates"]`), clock times, ordinals,
document numbers (`Resolution 98/2023/QH15`, `Decree 31`), durations and ages (`30 years`,
`three-decade`, `45-year-old`), back-references (`the two localities`), numbers with no
currency, percent sign or counted noun (`two countries`, `Meet Japan 2023`), and anything in
boilerplate. Records go to `doc._.figures`, spans to `doc.spans["figures"]` (kb_id_ = the
index of the figure's record in `doc._.figures`, label_ = metric).

Speed: the Matcher's word-set and regex predicates are lexeme flags of the vocab (computed once
per word type, checked in C: FLAG40 and up; FLAG63 marks a word that can open a number
window), and the Matcher runs only on short windows around those words. Everything else reads
one `to_array` per document (sentences, clause marks, offsets, lower-case forms) and memoizes
per sentence in `_CACHE`, which belongs to one document at a time.
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate
from vjties.numbers import (
    NUMBER_WORDS,
    QUALIFIER_PREFIXES,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_PLURALS,
    Amount,
    currencies,
    parse_amount,
)
from vjties.temporal import parse_published
from vjties.text import slugify

TokenPattern = dict[str, Any]

MONEY_METRICS = ("investment_capital", "fdi", "oda", "export", "import", "trade")
PERSON_UNITS = frozenset({"person", "worker", "student"})
# People whose role the sentence decides (`experts living in Hue` vs `experts attending`).
PEOPLE_UNITS = PERSON_UNITS | {
    "expert", "researcher", "scholar", "scientist", "official", "teacher", "volunteer",
}  # fmt: skip


@lru_cache(maxsize=1)
def metric_vocabulary() -> dict[str, dict[str, Any]]:
    """The metric vocabulary and its cues (resources/metrics.json)."""
    path = resources.files("vjties") / "resources" / "metrics.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["metrics"])


@lru_cache(maxsize=1)
def unit_lexicon() -> dict[str, Any]:
    """Counted nouns and their units (resources/units.json)."""
    path = resources.files("vjties") / "resources" / "units.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


_VOCAB = metric_vocabulary()
_UNITS = unit_lexicon()
NOUN_UNITS: dict[str, str] = _UNITS["nouns"]
NATIONALITY_NOUNS = frozenset(_UNITS["nationality_nouns"])
LOCALITY_UNITS = frozenset(_UNITS["locality_units"])
# People-nouns count `person`; the role noun (`worker`) is kept while the metric is read.
OUTPUT_UNITS: dict[str, str] = _UNITS["output_units"]
UNIT_METRICS: dict[str, str] = {
    unit: name for name, spec in _VOCAB.items() for unit in spec.get("units", [])
}
CONTEXT_METRICS: dict[str, str] = {
    cue: name
    for name in ("interns", "tourists", "community", "participants")
    for cue in _VOCAB[name].get("context", [])
}
_CONTEXT_HASHES = {hash_string(cue): m for cue, m in CONTEXT_METRICS.items() if " " not in cue}
_CONTEXT_PAIRS = {
    tuple(hash_string(w) for w in cue.split(" ")): m
    for cue, m in CONTEXT_METRICS.items()
    if cue.count(" ") == 1
}
_SINCE = hash_string("since")
TIE_CUES = frozenset(_VOCAB["partner_localities"]["context"])
GROWTH_WORDS = frozenset(_VOCAB["growth"]["cues"])

# --- token patterns ---------------------------------------------------------------------

_NUM_RE = r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?)$"
_ABBR = r"(?:bn|bln|mn|mln|m|k|tn|trn|trln|b)"
_GLUED_RE = rf"(?i)^\d[\d,.]*(?:{_ABBR}|billion|million|trillion|thousand)$"
_DASH_RANGE_RE = r"^\d[\d,.]*[–—-]\d[\d,.]*$"
_MAG_WORDS = ["hundred", "thousand", "million", "billion", "trillion"]
_MAG_ABBR = ["bn", "bln", "mn", "mln", "m", "tn", "trn", "trln", "b"]


def _currency_forms() -> tuple[list[str], list[str], str]:
    table = currencies()
    # Case matters: `Dong Nai` and `Yen Bai` are provinces, `dong` and `yen` are money.
    before = sorted({*table["symbols"], *table["codes"]})
    after = sorted({*table["codes"], *(w for w in table["words"] if " " not in w)})
    glued = "|".join(re.escape(k) for k in sorted(before, key=len, reverse=True))
    return before, after, glued


_CUR_BEFORE, _CUR_AFTER, _CUR_GLUED = _currency_forms()
_CUR_NUM_RE = rf"(?i)^(?:{_CUR_GLUED})\d[\d,.]*{_ABBR}?$"

NUM: TokenPattern = {"TEXT": {"REGEX": _NUM_RE}}
DASH_RANGE: TokenPattern = {"TEXT": {"REGEX": _DASH_RANGE_RE}}
CUR_NUM: TokenPattern = {"TEXT": {"REGEX": _CUR_NUM_RE}}
# Digits, glued magnitudes (`1.2bn`) or an en-dash range (`2–3`): the number of an amount.
ANY_NUM: TokenPattern = {
    "TEXT": {"REGEX": f"(?:{_NUM_RE})|(?i:{_GLUED_RE[4:]})|(?:{_DASH_RANGE_RE})"}
}
CUR_BEFORE: TokenPattern = {"ORTH": {"IN": _CUR_BEFORE}}
CUR_BEFORE_OPT: TokenPattern = {"ORTH": {"IN": _CUR_BEFORE}, "OP": "?"}
CUR_AFTER: TokenPattern = {"ORTH": {"IN": _CUR_AFTER}}
CUR_ADJ: TokenPattern = {"LOWER": {"IN": ["us", "u.s.", "american", "japanese", "vietnamese"]}}
CUR_WORD: TokenPattern = {"ORTH": {"IN": ["dollars", "dollar", "yen", "dong"]}}
MAG_ANY: TokenPattern = {"LOWER": {"IN": _MAG_WORDS + _MAG_ABBR}, "OP": "*"}
MAG_WORD: TokenPattern = {"LOWER": {"IN": _MAG_WORDS}, "OP": "*"}
MAG_WORD_ONE: TokenPattern = {"LOWER": {"IN": _MAG_WORDS}, "OP": "+"}
PCT: TokenPattern = {"LOWER": {"IN": ["%", "percent", "pct"]}}
DASH: TokenPattern = {"ORTH": {"IN": ["-", "–", "—"]}}
DASH_OR_TO: TokenPattern = {"LOWER": {"IN": ["-", "–", "—", "to"]}}
NUM_WORD: TokenPattern = {"LOWER": {"IN": sorted(set(NUMBER_WORDS) - {"one", "dozen"})}}
UNIT_WORD: TokenPattern = {"LOWER": {"IN": sorted(set(UNITS_WORDS) - {"ten"})}}
TENS_WORD: TokenPattern = {"LOWER": {"IN": sorted(TENS_WORDS)}}


def _amount_patterns() -> list[list[TokenPattern]]:
    return [
        # money and percentages
        [CUR_BEFORE, ANY_NUM, MAG_ANY],
        [{"ORTH": "US"}, {"ORTH": "$"}, ANY_NUM, MAG_ANY],
        [ANY_NUM, MAG_ANY, CUR_AFTER],
        [ANY_NUM, MAG_ANY, CUR_ADJ, CUR_WORD],
        [ANY_NUM, PCT],
        [ANY_NUM, {"LOWER": "per"}, {"LOWER": "cent"}],
        [CUR_NUM, MAG_ANY],
        [CUR_BEFORE, ANY_NUM, DASH, MAG_WORD_ONE],
        [ANY_NUM, DASH, MAG_WORD_ONE, CUR_AFTER],
        [CUR_BEFORE, NUM, MAG_ANY, DASH_OR_TO, CUR_BEFORE_OPT, NUM, MAG_ANY],
        [NUM, MAG_ANY, DASH_OR_TO, NUM, MAG_ANY, CUR_AFTER],
        [NUM, {"ORTH": "%", "OP": "?"}, DASH_OR_TO, NUM, PCT],
        [{"LOWER": "between"}, CUR_BEFORE_OPT, NUM, MAG_ANY, {"LOWER": "and"}, CUR_BEFORE_OPT,
         NUM, MAG_ANY, {"LOWER": {"IN": [*_CUR_AFTER, "%", "percent"]}, "OP": "?"}],
        # counts
        [NUM, MAG_WORD],
        [DASH_RANGE],
        [NUM, MAG_WORD, DASH_OR_TO, NUM, MAG_WORD],
        [NUM, DASH, {"LOWER": "plus"}],
        [NUM_WORD, MAG_WORD],
        [TENS_WORD, {"ORTH": "-", "OP": "?"}, UNIT_WORD, MAG_WORD],
        [{"LOWER": {"IN": ["a", "an", "one"]}}, MAG_WORD_ONE],
        [{"LOWER": {"IN": ["a", "an"]}}, {"LOWER": "dozen"}],
        [{"LOWER": {"IN": sorted(VAGUE_PLURALS)}}, {"LOWER": "of"}],
        [{"LOWER": {"IN": ["tens", "hundreds"]}}, {"LOWER": "of"},
         {"LOWER": {"IN": ["thousands", "millions"]}}, {"LOWER": "of"}],
    ]  # fmt: skip


# --- lexeme flags ------------------------------------------------------------------------
# The Matcher evaluates `IN` and `REGEX` predicates in Python, token by token and pattern by
# pattern. Each such predicate becomes a lexeme flag instead (computed once per word type by
# the vocab, checked in C by the Matcher). spaCy leaves FLAG19..FLAG63 free; figures uses
# the top of that range.
_FIRST_FLAG = 40
_TRIGGER_FLAG = 63


class _LexFlag:
    """A picklable `str -> bool` lexeme flag getter: a word set (on ORTH or LOWER) or a regex."""

    def __init__(self, attr: str, words: Iterable[str] = (), regex: str | None = None) -> None:
        self.lower = attr == "LOWER"
        self.words = frozenset(words)
        self.regex = re.compile(regex) if regex is not None else None

    def __call__(self, string: str) -> bool:
        text = string.lower() if self.lower else string
        if self.regex is not None:
            return self.regex.search(text) is not None
        return text in self.words


class _TriggerFlag:
    """Whether a word can be (part of) the number of a quantity: see `_is_trigger`."""

    def __call__(self, string: str) -> bool:
        return _is_trigger_text(string.lower())


def _set_flag(vocab: Any, flag_id: int, getter: Any) -> None:
    current = vocab.lex_attr_getters.get(flag_id)
    if current is not None and not isinstance(current, (_LexFlag, _TriggerFlag)):
        raise ValueError(f"lexeme flag {flag_id} is already used by {current!r}")
    vocab.add_flag(getter, flag_id=flag_id)


def _flag_patterns(vocab: Any, patterns: list[list[TokenPattern]]) -> list[list[TokenPattern]]:
    """`patterns` with every `IN`/`REGEX` predicate replaced by a lexeme flag of `vocab`."""
    flags: dict[tuple[Any, ...], int] = {}
    converted: list[list[TokenPattern]] = []
    for pattern in patterns:
        tokens: list[TokenPattern] = []
        for spec in pattern:
            new: TokenPattern = {}
            for attr, value in spec.items():
                if not isinstance(value, dict):
                    new[attr] = value
                    continue
                ((predicate, argument),) = value.items()
                attr = "ORTH" if attr == "TEXT" else attr
                key = (attr, predicate, tuple(argument) if predicate == "IN" else argument)
                if key not in flags:
                    flag_id = _FIRST_FLAG + len(flags)
                    if flag_id >= _TRIGGER_FLAG:
                        raise ValueError("too many lexeme flags for the figures patterns")
                    getter = (
                        _LexFlag(attr, words=argument)
                        if predicate == "IN"
                        else _LexFlag(attr, regex=argument)
                    )
                    _set_flag(vocab, flag_id, getter)
                    flags[key] = flag_id
                new[flags[key]] = True  # type: ignore[index]
            tokens.append(new)
        converted.append(tokens)
    _set_flag(vocab, _TRIGGER_FLAG, _TriggerFlag())
    return converted


# --- context words ----------------------------------------------------------------------

_DURATIONS = frozenset({
    "year", "years", "decade", "decades", "month", "months", "week", "weeks", "day", "days",
    "hour", "hours", "minute", "minutes", "century", "centuries", "year-old", "years-old",
})  # fmt: skip
_TIME_WORDS = frozenset({
    "a.m.", "p.m.", "am", "pm", "h", "hrs", "gmt", "o'clock",
})  # fmt: skip
# A number right after one of these names a document, a clause or a place, not an amount.
_NAME_PREFIXES = frozenset({
    "no", "no.", "nos", "number", "decree", "resolution", "decision", "directive", "circular",
    "law", "article", "clause", "chapter", "item", "point", "section", "page", "room", "lot",
    "route", "highway", "road", "street", "gate", "terminal", "zone", "phase", "line", "grade",
    "class", "version", "industry", "covid", "g", "top", "vol", "volume", "part", "hall", "floor",
    "building", "block", "apartment", "kilometre", "km", "plot", "ward", "district",
})  # fmt: skip
_BACK_REFERENCE_DETERMINERS = frozenset({"the", "these", "those", "both", "our", "their"})
_NOUN_STOPS = frozenset({
    "of", "in", "at", "on", "for", "from", "to", "by", "with", "which", "that", "who", "whom",
    "whose", "were", "was", "are", "is", "be", "been", "being", "have", "has", "had", "will",
    "would", "can", "could", "may", "might", "should", "the", "a", "an", "this", "these", "those",
    "its", "their", "his", "her", "our", "than", "as", "per", "each", "every", "into", "over",
    "under", "about", "around", "since", "during", "between", "among", "across", "within",
    "while", "whereas", "but", "so", "if", "when", "where",
})  # fmt: skip
_RANK_WORDS = frozenset({
    "rank", "ranks", "ranked", "ranking", "first", "second", "third", "fourth", "fifth",
    "largest", "biggest", "top", "leading", "highest", "lowest", "leads",
})  # fmt: skip
# `arrivals reached 85,000`: the verb between a counted subject and a bare number.
_STATE_VERBS = frozenset({
    "reached", "reach", "reaches", "hit", "hits", "totalled", "totaled", "totals", "total",
    "exceeded", "exceeds", "exceed", "surpassed", "topped", "numbered", "was", "were", "is",
    "are", "stood", "stands", "amounted", "climbed", "rose", "grew", "increased",
})  # fmt: skip
_SUPERLATIVES = frozenset({
    "largest", "biggest", "leading", "top", "best", "most", "major", "richest", "highest",
})  # fmt: skip
_PLURALS_WITHOUT_S = frozenset({"people", "memoranda", "vietnamese", "japanese", "ha", "km"})
_OF_WHICH = frozenset({"which", "them", "these", "those", "whom"})
_SHARE_WORDS = frozenset({"share", "shares", "proportion", "accounting", "accounts", "accounted"})
_VENUE_WORDS = frozenset({
    "reception", "meeting", "workshop", "conference", "ceremony", "forum", "seminar", "event",
    "held", "talks", "visit", "banquet", "session", "webinar", "summit",
})  # fmt: skip
_CHANGE_NOUNS = frozenset({
    "increase", "rise", "growth", "jump", "surge", "decrease", "decline", "drop", "fall",
    "hike", "gain", "year-on-year",
})  # fmt: skip
_CLAUSE_WORDS = frozenset({"while", "whereas", "but"})
# The last word of each qualifier (`more than` -> `than`): no qualifier ends elsewhere.
_QUALIFIER_LAST_WORDS = frozenset(prefix.split(" ")[-1] for prefix in QUALIFIER_PREFIXES)
_PERIOD_PREFIXES = ("as of", "as at", "by", "until", "till", "through", "to")
_PERIOD_VALUE_RE = re.compile(r"^(?:\d{4}|\d{4}-\d{2}|FY\d{4}|\d{4}-(?:Q[1-4]|H[12]))$")
_MONTHS = frozenset({*lexicon.month_numbers(), "year"})
# Where a quantity can be: digits, number words, `dozens`, `million` (not `one`: `one of`).
_TRIGGER_WORDS = frozenset({*VAGUE_PLURALS, *NUMBER_WORDS, "tens", *_MAG_WORDS} - {"one"})
_ORDINAL_TOKEN_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")
# Per-document memo of sentence-level work (clauses, country words); cleared for every doc.
_CACHE: dict[tuple[Any, ...], Any] = {}
_MONTH_NUMBERS = lexicon.month_numbers()
_MONTH_END_RE = re.compile(
    r"\b(?:by|as of|as at|at|until|till|to|through|in)\s+(?:the\s+)?end\s+of\s+"
    rf"({'|'.join(name.title() for name in lexicon.month_names())})"
    r"\b(?!,?\s*\d{4})",
    re.IGNORECASE,
)
# A period applies to figures near it: `730 million USD in 2022, while imports were ...`.
PERIOD_REACH = 12
_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_COUNTRY_RES: tuple[tuple[str, re.Pattern[str]], ...] = lexicon.country_text_patterns()


class _Cue(NamedTuple):
    """A metric cue (`export turnover`, `FDI`): token range and metric."""

    start: int
    end: int
    label_: str


@dataclass
class _Candidate:
    """A quantity being analysed: token range of the amount, then of the whole figure."""

    start: int
    end: int
    text_start: int = 0
    text_end: int = 0
    amount: Amount | None = None
    unit: str | None = None
    metric: str | None = None


class FiguresExtractor:
    """Finds, normalizes, classifies and attributes the figures of a document."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.matcher.add("AMOUNT", _flag_patterns(nlp.vocab, _amount_patterns()), greedy="LONGEST")
        self._sentence_starts: tuple[Doc, list[int], dict[int, Span]] | None = None
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, spec in _VOCAB.items():
            cues = spec.get("cues", [])
            if cues and name != "growth":
                self.cue_matcher.add(name, [nlp.make_doc(cue) for cue in cues])

    def __call__(self, doc: Doc) -> Doc:
        _CACHE.clear()
        try:
            candidates = self.match(doc)
            self.set_annotations(doc, candidates)
        finally:
            self._sentence_starts = None
            _CACHE.clear()
        return doc

    # --- finding ---------------------------------------------------------------------

    def match(self, doc: Doc) -> list[_Candidate]:
        """Figures found in `doc`, normalized and classified, in text order."""
        _use_cache_for(doc)
        spans = _longest_first(
            (window.start + s, window.start + e)
            for window in _number_windows(doc)
            for _, s, e in self.matcher(window)
        )
        if not spans:
            return []
        dates = [(s.start, s.end) for s in doc.spans[keys.DATES]] if keys.DATES in doc.spans else []
        cues = self._cues(doc)
        found: list[_Candidate] = []
        boilerplate = bool(doc._.boilerplate)
        for start, end in spans:
            if any(s < end and start < e for s, e in dates):
                continue
            if boilerplate and in_boilerplate(doc, *_char_bounds(doc, start, end)):
                continue
            candidate = self._analyse(doc, start, end, cues, found)
            if candidate is not None:
                found.append(candidate)
        return found

    def _sentence(self, doc: Doc, i: int) -> Span:
        """The sentence of token `i`, without `Token.sent`'s walk back to the sentence start."""
        starts = self._sentence_starts
        if starts is None or starts[0] is not doc:
            if doc.has_annotation("SENT_START"):
                flags = _arrays(doc)[:, 1].copy()
                flags[0] = 1
                bounds = numpy.flatnonzero(flags == 1).tolist()
            else:
                bounds = [s.start for s in doc.sents]
            starts = self._sentence_starts = (doc, bounds, {})
        index = bisect_right(starts[1], i) - 1
        sentence = starts[2].get(index)
        if sentence is None:
            bounds = starts[1]
            end = bounds[index + 1] if index + 1 < len(bounds) else len(doc)
            sentence = starts[2][index] = doc[bounds[index] : end]
        return sentence

    def _cues(self, doc: Doc) -> list[_Cue]:
        """The metric cues of `doc`, the longest of overlapping ones (as `filter_spans`)."""
        labels: dict[tuple[int, int], int] = {}
        for key, start, end in self.cue_matcher(doc):
            labels.setdefault((start, end), key)
        strings = doc.vocab.strings
        return [_Cue(s, e, strings[labels[s, e]]) for s, e in _longest_first(labels)]

    def _analyse(
        self, doc: Doc, start: int, end: int, cues: list[_Cue], found: list[_Candidate]
    ) -> _Candidate | None:
        if _is_not_an_amount(doc, start, end):
            return None
        if _is_change(doc, start, end):
            return None
        text_start = _qualifier_start(doc, start)
        text_end = _suffix_end(doc, end)
        amount = parse_amount(_text(doc, text_start, text_end))
        if amount is None:
            return None
        candidate = _Candidate(start, end, text_start, text_end, amount)
        sentence = self._sentence(doc, start)
        if amount.unit is None and not self._count(doc, candidate, sentence, cues, found):
            return None
        if amount.unit is not None:
            candidate.unit = amount.unit
            candidate.metric = self._amount_metric(doc, candidate, sentence, cues)
        return candidate

    # --- counts ------------------------------------------------------------------------

    def _count(
        self,
        doc: Doc,
        candidate: _Candidate,
        sentence: Span,
        cues: list[_Cue],
        found: list[_Candidate],
    ) -> bool:
        """Give a count its unit and metric; False when it counts nothing we know."""
        amount = candidate.amount
        assert amount is not None
        start, end = candidate.start, candidate.end
        words = [t.lower_ for t in doc[start:end]]
        if amount.value_max is None and _is_year_like(doc[start:end]):
            return False
        if amount.value_max is not None and all(
            _YEAR_RE.match(str(v)) for v in (amount.value, amount.value_max)
        ):
            return False
        if words[0] in ("one", "a", "an") and len(words) == 1:
            return False
        if _is_ranking_pool(doc, candidate.text_start, sentence):
            return False
        if end < sentence.end and _low(doc)[end] in _SUPERLATIVES:
            return False
        noun = _counted_noun(doc, end, sentence.end)
        growth = _is_growth(doc, candidate.text_start)
        earlier = [c for c in found if c.start >= sentence.start and c.unit not in (None,)
                   and c.amount is not None and c.amount.unit is None]  # fmt: skip
        if noun is not None:
            unit, noun_end = noun
            if _is_back_reference(doc, start, amount):
                return False
            candidate.unit = unit
            candidate.text_end = max(candidate.text_end, noun_end)
            candidate.metric = _count_metric(doc, candidate, sentence, unit)
        elif (
            end + 1 < sentence.end
            and _low(doc)[end] == "of"
            and _low(doc)[end + 1] in _OF_WHICH
            and earlier
        ):
            candidate.unit = earlier[-1].unit
            candidate.metric = earlier[-1].metric
            candidate.text_end = end + 2
        elif (
            candidate.text_start - 2 >= sentence.start
            and _low(doc)[candidate.text_start - 2] == "of"
            and _low(doc)[candidate.text_start - 1] in ("which", "whom")
            and earlier
        ):
            # `3.4 million visitors, of which 200,000 were from Japan`
            candidate.unit = earlier[-1].unit
            candidate.metric = earlier[-1].metric
        elif growth and (antecedent := _antecedent_unit(doc, sentence, start, earlier)):
            candidate.unit = antecedent
            candidate.metric = "growth"
        else:
            unit_metric = _bare_count(doc, sentence, start)
            if unit_metric is None or not _is_clause_verb_before(doc, start, sentence):
                return False
            candidate.unit, candidate.metric = unit_metric
        if growth and candidate.metric != "growth":
            candidate.metric = "growth"
        return True

    # --- money and percentages -------------------------------------------------------

    def _amount_metric(
        self, doc: Doc, candidate: _Candidate, sentence: Span, cues: list[_Cue]
    ) -> str:
        amount = candidate.amount
        assert amount is not None
        end = candidate.text_end
        if _is_growth(doc, candidate.text_start):
            return "growth"
        after = _low(doc)[end] if end < sentence.end else ""
        if amount.unit == "percent" and after in _CHANGE_NOUNS:
            return "growth"  # `a 20% increase`
        if amount.unit == "percent":
            return self._share_metric(doc, candidate, sentence, cues)
        if _is_project_value(doc, candidate.text_start, sentence):
            return "investment_capital"
        money = [c for c in cues if c.label_ in MONEY_METRICS]
        cue = _nearest_cue(doc, money, candidate.text_start, end, sentence)
        return cue.label_ if cue is not None else "other"

    def _share_metric(
        self, doc: Doc, candidate: _Candidate, sentence: Span, cues: list[_Cue]
    ) -> str:
        end = candidate.text_end
        if end < sentence.end and _low(doc)[end] == "of":
            stop = end + 1
            while stop < sentence.end and stop < end + 10:
                token = doc[stop]
                if token.like_num or (token.is_punct and token.text not in ("-", "'s", "’s")):
                    break
                if token.lower_ in _CLAUSE_WORDS:
                    break
                stop += 1
            share_cues = [c for c in cues if end < c.start and c.end <= stop]
            if share_cues:
                cue = share_cues[-1] if _is_object_head(share_cues) else share_cues[0]
                candidate.text_end = cue.end
                return "share_of_" + cue.label_
            for token in doc[end + 1 : stop]:
                unit = NOUN_UNITS.get(token.lower_)
                if unit and unit in UNIT_METRICS:
                    candidate.text_end = token.i + 1
                    return "share_of_" + UNIT_METRICS[unit]
                if token.lower_ == "total":
                    # `1.79 billion USD of FDI ..., 24% of the city's total`
                    money = [c for c in cues if c.label_ in MONEY_METRICS]
                    whole = _nearest_cue(doc, money, candidate.text_start, end, sentence)
                    if whole is not None and whole.end <= candidate.start:
                        candidate.text_end = token.i + 1
                        return "share_of_" + whole.label_
            return "other"
        clause_start, _ = _clause_bounds(doc, sentence, candidate.start)
        left = [t.lower_ for t in doc[clause_start : candidate.text_start]]
        if _SHARE_WORDS.intersection(left):
            before = [c for c in cues if clause_start <= c.start and c.end <= candidate.start]
            if before:
                return "share_of_" + before[-1].label_
        return "other"

    # --- records -----------------------------------------------------------------------

    def set_annotations(self, doc: Doc, candidates: list[_Candidate]) -> None:
        _use_cache_for(doc)
        base = doc_id(doc)
        seen: dict[str, int] = {}
        records: list[dict[str, Any]] = []
        spans: list[Span] = []
        localities = _locality_spans(doc)
        dates = [(s.start, s.end, s.kb_id_) for s in doc.spans.get(keys.DATES, ()) if s.kb_id_]
        for candidate in candidates:
            amount = candidate.amount
            assert amount is not None and candidate.unit and candidate.metric
            start_char, end_char = _char_bounds(doc, candidate.text_start, candidate.text_end)
            text = doc_text(doc)[start_char:end_char]
            slug = _slug(text)
            figure_id, n = f"{base}/figure/{slug}", 1
            while figure_id in seen:
                n += 1
                figure_id = f"{base}/figure/{slug}-{n}"
            seen[figure_id] = n
            sentence = self._sentence(doc, candidate.start)
            places, countries = _attribution(doc, sentence, candidate.start, localities)
            records.append(
                {
                    "id": figure_id,
                    "text": text,
                    "value": amount.value,
                    "value_max": amount.value_max,
                    "unit": OUTPUT_UNITS.get(candidate.unit, candidate.unit),
                    "qualifier": amount.qualifier,
                    "metric": candidate.metric,
                    "period": _period(doc, sentence, candidate, dates, candidates),
                    "localities": places,
                    "countries": countries,
                    "evidence": evidence(doc, start_char, end_char, base),
                }
            )
            spans.append(
                Span(
                    doc,
                    candidate.text_start,
                    candidate.text_end,
                    label=candidate.metric,
                    # The record's index, not its id: an id is a new string in every document,
                    # and spaCy keeps every kb_id string for the life of the process.
                    kb_id=str(len(records) - 1),
                )
            )
        doc._.figures = records
        doc.spans[keys.FIGURES] = spans


# --- helpers ----------------------------------------------------------------------------


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spacy.util.filter_spans` on (start, end) pairs: the longest (then the first) of
    overlapping spans, in text order."""
    result: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            result.append((start, end))
            seen.update(range(start, end))
    return sorted(result)


@lru_cache(maxsize=8192)
def _slug(text: str) -> str:
    return slugify(text)[:60].strip("-") or "figure"


def _arrays(doc: Doc) -> Any:
    """`doc.to_array([trigger flag, SENT_START, ORTH, LOWER, IDX, LENGTH])`, once per doc."""
    key = ("arrays",)
    if key not in _CACHE:
        _CACHE[key] = doc.to_array([_TRIGGER_FLAG, SENT_START, ORTH, LOWER, IDX, LENGTH])
    return _CACHE[key]


def _use_cache_for(doc: Doc) -> None:
    """Start a fresh per-document memo unless it already belongs to `doc`."""
    if _CACHE.get(("doc",)) is not doc:
        _CACHE.clear()
        _CACHE[("doc",)] = doc


class _LowerTexts(dict[int, str]):
    """Token index -> `Token.lower_`, read from the LOWER array when first asked for."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.strings = doc.vocab.strings
        self.lowers = _lowers(doc)

    def __missing__(self, i: int) -> str:
        text: str = self.strings[self.lowers[i]]
        self[i] = text
        return text


def _low(doc: Doc) -> _LowerTexts:
    """The lower-case text of the tokens of `doc` (`_low(doc)[i] == doc[i].lower_`)."""
    key = ("low",)
    if key not in _CACHE:
        _CACHE[key] = _LowerTexts(doc)
    return _CACHE[key]


def _lowers(doc: Doc) -> list[int]:
    """The LOWER hash of every token, once per document."""
    key = ("lowers",)
    if key not in _CACHE:
        _CACHE[key] = _arrays(doc)[:, 3].tolist()
    return _CACHE[key]


def _locality_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The free locality mentions of `doc` with an id: (start, end, id), once per document."""
    key = ("localities",)
    if key not in _CACHE:
        _CACHE[key] = [
            (s.start, s.end, s.kb_id_) for s in doc.spans.get(keys.LOCALITIES, ()) if s.kb_id_
        ]
    return _CACHE[key]


def _number_windows(doc: Doc) -> list[Span]:
    """Stretches of `doc` around number-like tokens: the Matcher only needs to look there.

    Years, clock times, document numbers, ordinals, numbers inside date spans and anything
    in boilerplate open no window.
    """
    if not len(doc):
        return []
    found = numpy.flatnonzero(_arrays(doc)[:, 0]).tolist()
    if not found:
        return []
    dated: set[int] = set()
    for span in doc.spans.get(keys.DATES, []):
        dated.update(range(span.start, span.end))
    boilerplate = doc._.boilerplate or []
    windows: list[list[int]] = []
    for i in found:
        if i in dated:
            continue
        if boilerplate and in_boilerplate(doc, doc[i].idx):
            continue
        start, end = max(0, i - 3), min(len(doc), i + 8)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [doc[start:end] for start, end in windows]


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character offsets of the tokens `start:end` (as `Span.start_char`/`end_char`)."""
    key = ("offsets",)
    if key not in _CACHE:
        arrays = _arrays(doc)
        _CACHE[key] = (arrays[:, 4].tolist(), (arrays[:, 4] + arrays[:, 5]).tolist())
    starts, ends = _CACHE[key]
    if start >= end:
        return (starts[start], starts[start]) if start < len(starts) else (0, 0)
    return starts[start], ends[end - 1]


def _text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` from the cached document text."""
    if start >= end:
        return ""
    first, last = _char_bounds(doc, start, end)
    return doc_text(doc)[first:last]


def _is_trigger_text(text: str) -> bool:
    """Whether a word (lower case) can be (part of) the number of a quantity."""
    return text in _TRIGGER_WORDS or (
        any(c.isdigit() for c in text)
        and ":" not in text
        and "/" not in text
        and not _YEAR_RE.match(text)
        and not _ORDINAL_TOKEN_RE.match(text)
    )


def _is_not_an_amount(doc: Doc, start: int, end: int) -> bool:
    """Clock times, document numbers, durations, ages, page counters."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    after2 = doc[end + 1] if end + 1 < len(doc) else None
    if before is not None:
        if before.lower_ in _NAME_PREFIXES and not _has_currency_or_percent(doc[start:end]):
            return True
        if before.text in ("/", ":", "#", "№") or (before.text.endswith("-") and before.is_alpha):
            return True
        if before.lower_ in ("aged", "age"):
            return True
    if after is not None:
        if after.text in ("/", ":") or after.lower_ in _TIME_WORDS:
            return True
        if after.lower_ in _DURATIONS and not _has_currency_or_percent(doc[start:end]):
            return True
        if after.text in ("-", "–") and after2 is not None and after2.lower_ in _DURATIONS:
            return True
        if after.lower_ in ("st", "nd", "rd", "th"):
            return True
    return False


def _is_change(doc: Doc, start: int, end: int) -> bool:
    """`rose from 100 to 200 projects` is a change, not a range."""
    if start == 0 or _low(doc)[start - 1] != "from":
        return False
    if not any(t.lower_ == "to" for t in doc[start:end]):
        return False
    return any(t.lower_ in GROWTH_WORDS for t in doc[max(0, start - 4) : start - 1])


def _has_currency_or_percent(span: Span) -> bool:
    amount = parse_amount(span.text)
    return amount is not None and amount.unit is not None


def _qualifier_start(doc: Doc, start: int) -> int:
    if start == 0 or _low(doc)[start - 1] not in _QUALIFIER_LAST_WORDS:
        return start
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        low = _low(doc)
        words = " ".join(low[i] for i in range(start - width, start))
        if words in QUALIFIER_PREFIXES:
            return start - width
    return start


def _suffix_end(doc: Doc, end: int) -> int:
    if end + 1 >= len(doc):
        return end
    pair = (_low(doc)[end], _low(doc)[end + 1])
    if pair in (("or", "more"), ("and", "more"), ("or", "above"), ("or", "less")):
        return end + 2
    return end


def _is_year_like(span: Span) -> bool:
    return len(span) == 1 and bool(_YEAR_RE.match(span.text))


def _counted_noun(doc: Doc, end: int, limit: int) -> tuple[str, int] | None:
    """The unit counted by the number ending at `end`, and where its noun phrase ends.

    Skips up to four modifiers (`more than 30 domestic and Japanese researchers`); the last
    noun of a run wins (`Japanese companies`); two different place nouns joined by `and`
    count `locality` (`15 other provinces and cities`). A nationality (`Vietnamese`) is the
    noun only when nothing else is (`100,000 Vietnamese living in Osaka`). A place name
    (`doc.spans["localities"]`) is one modifier, whatever its words (`1,200 Can Tho
    residents`, `4,500 Nghe An people`).
    """
    i, skipped = end, 0
    nationality: tuple[str, int] | None = None
    places = _locality_ends(doc)
    while i < limit and skipped <= 4:
        place_end = places.get(i)
        if place_end is not None and place_end < limit:
            i = place_end
            skipped += 1
            continue
        token = doc[i]
        lower = token.lower_
        unit = NOUN_UNITS.get(lower)
        if lower in NATIONALITY_NOUNS:
            if not _modifies_next(doc, i, limit):
                return NOUN_UNITS[lower], i + 1
            nationality = nationality or (NOUN_UNITS[lower], i + 1)
        elif unit is not None:
            if i == end + 1 and doc[end].text == "-":
                return unit, i + 1  # `a 10-member delegation` counts members
            low = _low(doc)
            j = i + 1
            while j < limit and NOUN_UNITS.get(low[j]) and low[j] not in NATIONALITY_NOUNS:
                unit = NOUN_UNITS[low[j]]
                j += 1
            # Two different nouns of one group joined by `and` count the group's unit.
            for group, group_unit in ((LOCALITY_UNITS, "locality"), (PEOPLE_UNITS, "person")):
                if (
                    unit in group
                    and j + 1 < limit
                    and low[j] in ("and", "or")
                    and NOUN_UNITS.get(low[j + 1]) in group
                    and NOUN_UNITS[low[j + 1]] != unit
                ):
                    return group_unit, j + 2
            if _is_modifier(doc, j - 1, limit):
                return None
            return unit, j
        elif (
            (token.is_punct and token.text not in ("-", "–"))
            or token.like_num
            or lower in _NOUN_STOPS
            or not (token.is_alpha or token.text == "-")
        ):
            break
        elif lower in _DURATIONS:
            return None
        i += 1
        skipped += 1
    return nationality


def _locality_ends(doc: Doc) -> dict[int, int]:
    """Where each free locality mention of `doc` starts -> where it ends (memoized per doc)."""
    key = ("locality_ends",)
    if key not in _CACHE:
        _CACHE[key] = {start: end for start, end, _ in _locality_spans(doc)}
    return _CACHE[key]


def _is_modifier(doc: Doc, i: int, limit: int) -> bool:
    """`30 delegation exchanges`: a singular noun before another word describes that word."""
    lower = _low(doc)[i]
    if lower.endswith("s") or lower in _PLURALS_WITHOUT_S or i + 1 >= limit:
        return False
    nxt = doc[i + 1]
    return nxt.is_alpha and nxt.is_lower and nxt.lower_ not in _NOUN_STOPS and nxt.lower_ not in (
        "and", "or",
    )  # fmt: skip


def _modifies_next(doc: Doc, i: int, limit: int) -> bool:
    """`Vietnamese` before a word that may be what it describes (`Vietnamese intern trainees`,
    `Vietnamese and Japanese firms`), not before a verb, a preposition or punctuation."""
    if i + 1 >= limit:
        return False
    nxt = doc[i + 1]
    if nxt.lower_ in ("and", "or", "-"):
        return i + 2 < limit and doc[i + 2].is_alpha and _low(doc)[i + 2] not in _NOUN_STOPS
    if not nxt.is_alpha or nxt.lower_ in _NOUN_STOPS or nxt.is_title:
        return False
    return not nxt.lower_.endswith(("ing", "ed"))


def _is_ranking_pool(doc: Doc, start: int, sentence: Span) -> bool:
    """`ranks first among 63 localities`: the pool of a ranking, not a count."""
    if start - 1 <= sentence.start:
        return False
    if _low(doc)[start - 1] == "among" or (
        _low(doc)[start - 1] == "of" and _low(doc)[start - 2] == "out"
    ):
        return any(t.lower_ in _RANK_WORDS for t in doc[sentence.start : start])
    return False


def _is_back_reference(doc: Doc, start: int, amount: Amount) -> bool:
    """`the two localities`, `both sides`: a reference back, not a count."""
    if start == 0 or amount.value_max is not None or amount.value > 3:
        return False
    return _low(doc)[start - 1] in _BACK_REFERENCE_DETERMINERS


def _count_metric(doc: Doc, candidate: _Candidate, sentence: Span, unit: str) -> str:
    if unit in LOCALITY_UNITS:
        return "partner_localities" if _is_tie_count(doc, candidate, sentence) else "other"
    if unit in PEOPLE_UNITS:
        context = _nearest_context(doc, sentence, candidate.start, unit)
        if context is not None:
            return context
    return UNIT_METRICS.get(unit, "other")


def _is_tie_count(doc: Doc, candidate: _Candidate, sentence: Span) -> bool:
    """`has ties with four Japanese cities`, `cooperated with 15 provinces`, `10 sister cities`."""
    modifiers = {t.lower_ for t in doc[candidate.end : candidate.text_end]}
    if modifiers & TIE_CUES:
        return True
    window = doc[max(sentence.start, candidate.text_start - 8) : candidate.text_start]
    words = [t.lower_ for t in window]
    if "with" not in words:
        return False
    before_with = words[: len(words) - 1 - words[::-1].index("with")]
    sentence_before = {t.lower_ for t in doc[sentence.start : window.start]}
    return bool(TIE_CUES.intersection(before_with) or TIE_CUES & sentence_before)


def _nearest_context(doc: Doc, sentence: Span, position: int, unit: str = "person") -> str | None:
    """The metric the nearest context word gives a count of people. Workers and students
    live, work or train somewhere; they do not attend."""
    best: tuple[int, str] | None = None
    for i, metric in _context_words(doc, sentence):
        if metric == "participants" and unit in ("worker", "student"):
            continue
        distance = abs(i - position)
        if best is None or distance < best[0]:
            best = (distance, metric)
    return best[1] if best else None


def _context_words(doc: Doc, sentence: Span) -> list[tuple[int, str]]:
    """The context words of a sentence (`living`, `took part`) and their metrics, in order."""
    key = ("context", sentence.start)
    if key not in _CACHE:
        lowers = _lowers(doc)
        found: list[tuple[int, str]] = []
        for i in range(sentence.start, sentence.end):
            metric = _CONTEXT_HASHES.get(lowers[i])
            if metric is None and i + 1 < sentence.end:
                metric = _CONTEXT_PAIRS.get((lowers[i], lowers[i + 1]))
            if metric is not None:
                found.append((i, metric))
        _CACHE[key] = found
    return _CACHE[key]


def _is_project_value(doc: Doc, start: int, sentence: Span) -> bool:
    """`45 projects worth 1.2 billion USD`, `projects valued at ...`: the capital of projects."""
    if start - 2 < sentence.start:
        return False
    before = _low(doc)[start - 1]
    noun = start - 2
    if before == "at" and _low(doc)[start - 2] == "valued":
        noun = start - 3
    elif before != "worth":
        return False
    return noun >= sentence.start and NOUN_UNITS.get(_low(doc)[noun]) == "project"


def _is_growth(doc: Doc, start: int) -> bool:
    """`grows by about 5,000`, `rose 12%`, `an increase of 20 percent`."""
    if start == 0:
        return False
    before = _low(doc)[start - 1]
    if before in GROWTH_WORDS and before not in ("up", "down"):
        return True
    if before in ("up", "down") and start >= 2 and not doc[start - 2].is_alpha:
        return True
    if before == "by":
        return any(t.lower_ in GROWTH_WORDS for t in doc[max(0, start - 4) : start - 1])
    if before == "of" and start >= 2:
        return _low(doc)[start - 2] in ("increase", "growth", "rise", "decrease", "decline")
    return False


def _antecedent_unit(doc: Doc, sentence: Span, start: int, earlier: list[_Candidate]) -> str | None:
    """The unit of what `the number grows by 5,000` counts."""
    if earlier:
        return earlier[-1].unit
    return _number_of_unit(doc, sentence.start, start)


def _number_of_unit(doc: Doc, left: int, start: int) -> str | None:
    for i in range(start - 2, left - 1, -1):
        if _low(doc)[i] == "number" and _low(doc)[i + 1] == "of":
            noun = _counted_noun(doc, i + 2, min(start, i + 6))
            if noun is not None:
                return noun[0]
    return None


def _bare_count(doc: Doc, sentence: Span, start: int) -> tuple[str, str] | None:
    """`the number of Japanese tourists reached 200,000`; `the community exceeds 630,000`."""
    clause_start, _ = _clause_bounds(doc, sentence, start)
    unit = _number_of_unit(doc, clause_start, start)
    if unit is not None:
        metric = UNIT_METRICS.get(unit, "other")
        if unit in PERSON_UNITS:
            metric = _nearest_context(doc, sentence, start, unit) or "other"
        return unit, metric
    for token in doc[clause_start:start]:
        if token.lower_ in ("community", "diaspora", "population"):
            return "person", "community"
    verbs = [t.i for t in doc[max(clause_start, start - 3) : start] if t.lower_ in _STATE_VERBS]
    if verbs:
        for i in range(verbs[0] - 1, max(clause_start, verbs[0] - 12) - 1, -1):
            if doc[i].is_punct:
                break
            unit = NOUN_UNITS.get(_low(doc)[i])
            if unit is not None and _low(doc)[i] not in NATIONALITY_NOUNS:
                if unit in PEOPLE_UNITS:
                    return unit, _nearest_context(doc, sentence, start, unit) or "other"
                if unit in LOCALITY_UNITS:
                    return None
                return unit, UNIT_METRICS.get(unit, "other")
    return None


def _is_clause_verb_before(doc: Doc, start: int, sentence: Span) -> bool:
    """A bare number must be what a clause states: `exceeds 630,000`, `reached 200,000`."""
    return start > sentence.start and doc[start - 1].is_alpha


def _clause_bounds(doc: Doc, sentence: Span, position: int) -> tuple[int, int]:
    """The clause of `position`: sentences split at `;` and at `, while` / `, but`."""
    key = ("clauses", sentence.start)
    breaks = _CACHE.get(key)
    if breaks is None:
        semicolons, clause_words = _clause_marks(doc)
        lo, hi = sentence.start, sentence.end
        breaks = _CACHE[key] = sorted(
            [i for i in semicolons if lo <= i < hi] + [i for i in clause_words if lo < i < hi]
        )
    start, end = sentence.start, sentence.end
    for i in breaks:
        if i <= position:
            start = i + 1
        else:
            end = i
            break
    return start, end


def _clause_marks(doc: Doc) -> tuple[list[int], list[int]]:
    """Where `doc` has a `;`, and a `while`/`whereas`/`but` right after a comma."""
    key = ("clause_marks",)
    if key not in _CACHE:
        strings = doc.vocab.strings
        arrays = _arrays(doc)
        orths, lowers = arrays[:, 2], arrays[:, 3]
        semicolons = numpy.flatnonzero(orths == strings[";"]).tolist()
        words = numpy.zeros(len(lowers), dtype=bool)
        for word in _CLAUSE_WORDS:
            words |= lowers == strings[word]
        words[0] = False
        words[1:] &= orths[:-1] == strings[","]
        _CACHE[key] = (semicolons, numpy.flatnonzero(words).tolist())
    return _CACHE[key]


def _is_object_head(cues: list[_Cue]) -> bool:
    """`of Japan's total investment in ...` names one thing; the last cue is its head."""
    return len(cues) > 1 and all(b.start - a.end <= 1 for a, b in itertools.pairwise(cues))


def _nearest_cue(doc: Doc, cues: list[_Cue], start: int, end: int, sentence: Span) -> _Cue | None:
    """The money cue for an amount: in its clause, left first; then in its sentence."""
    clause_start, clause_end = _clause_bounds(doc, sentence, start)
    for lo, hi in ((clause_start, clause_end), (sentence.start, sentence.end)):
        left = [c for c in cues if lo <= c.start and c.end <= start]
        if left:
            return left[-1]
        right = [c for c in cues if end <= c.start and c.end <= hi]
        if right:
            return right[0]
    return None


def _attribution(
    doc: Doc, sentence: Span, position: int, localities: list[tuple[int, int, str]]
) -> tuple[list[str], list[str]]:
    clause_start, clause_end = _clause_bounds(doc, sentence, position)
    places: list[str] = []
    countries: list[str] = []
    for lo, hi in ((clause_start, clause_end), (sentence.start, sentence.end)):
        if not places:
            key = ("places", lo, hi)
            inside = _CACHE.get(key)
            if inside is None:
                inside = _CACHE[key] = [
                    (start, kb_id) for start, end, kb_id in localities if lo <= start and end <= hi
                ]
            places = sorted(
                {kb_id for start, kb_id in inside if not _is_venue_elsewhere(doc, start, position)}
            )
        if not countries:
            key = ("countries", lo, hi)
            if key not in _CACHE:
                text = _text(doc, lo, hi)
                _CACHE[key] = sorted(c for c, pattern in _COUNTRY_RES if pattern.search(text))
            countries = _CACHE[key]
    return places, countries


def _is_venue_elsewhere(doc: Doc, place: int, position: int) -> bool:
    """`During a reception in Hanoi, ..., support for 100,000 Vietnamese in Kansai`: where an
    event was held, in another comma-separated part of the sentence, is not what a figure
    is about. `place` is the token where the place name starts."""
    key = ("venue", place)
    venue = _CACHE.get(key)
    if venue is None:
        venue = _CACHE[key] = (
            place >= 2
            and _low(doc)[place - 1] in ("in", "at")
            and any(t.lower_ in _VENUE_WORDS for t in doc[max(0, place - 5) : place - 1])
        )
    if not venue:
        return False
    lo, hi = sorted((place, position))
    return any(t.text in (",", ";") for t in doc[lo:hi])


def _period(
    doc: Doc,
    sentence: Span,
    candidate: _Candidate,
    dates: Iterable[tuple[int, int, str]],
    others: list[_Candidate],
) -> str | None:
    """The nearest period-like date within `PERIOD_REACH` tokens in the figure's sentence.

    A period that follows another figure as its `as of ...` belongs to that figure alone
    (`23 billion USD as of FY2024, ... and trade of 48 billion USD`); `in 2022` is said of the
    whole sentence.
    """
    options = _period_options(doc, sentence, dates)
    key = ("first_figure", sentence.start)
    if key not in _CACHE:
        _CACHE[key] = min(
            (o.start for o in others if o.start >= sentence.start), default=len(doc) + 1
        )
    first_figure: int = _CACHE[key]
    best: tuple[int, str] | None = None
    clause_start, _ = _clause_bounds(doc, sentence, candidate.start)
    contrast = clause_start > sentence.start and _low(doc)[clause_start - 1] in _CLAUSE_WORDS
    lowers = _lowers(doc)
    for start, end, value in options:
        owner = _bound_figure(doc, start, others)
        if owner is not None and owner is not candidate:
            continue
        if end <= candidate.text_start and _SINCE in lowers[end : candidate.text_start]:
            continue  # `signed in 2017 and have since exchanged 20 delegations`
        if start >= candidate.text_end:
            distance = start - candidate.text_end
        else:
            distance = max(0, candidate.text_start - end)
        # `exports were X in 2022, while imports were Y`: the contrast shares the period.
        # `As of the end of 2023, Japan had X projects with a capital of Y`: said of it all.
        opening = start - sentence.start <= 6 and end <= first_figure
        shared = (contrast and end <= clause_start) or opening
        reach = len(doc) if shared else PERIOD_REACH
        if distance <= reach and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


def _period_options(
    doc: Doc, sentence: Span, dates: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The period-like dates of a sentence (token start, end, value), memoized per sentence."""
    key = ("period_options", sentence.start)
    if key in _CACHE:
        return _CACHE[key]
    options: list[tuple[int, int, str]] = []
    for start, end, value in dates:
        if start < sentence.start or end > sentence.end:
            continue
        previous = doc[start - 1] if start > sentence.start else None
        before = _text(doc, max(sentence.start, start - 2), start).lower()
        if previous is not None and previous.lower_ == "since":
            continue
        if _FULL_DATE_RE.match(value):
            if not before.endswith(_PERIOD_PREFIXES):
                continue
        elif not _PERIOD_VALUE_RE.match(value) or _in_name(doc, start, end, sentence):
            continue
        options.append((start, end, value))
    options += _month_end_periods(doc, sentence)
    _CACHE[key] = options
    return options


def _bound_figure(doc: Doc, start: int, figures: list[_Candidate]) -> _Candidate | None:
    """The figure a period is the `as of` of: `23 billion USD as of the end of FY2024`."""
    key = ("bound", start)
    if key in _CACHE:
        return _CACHE[key]
    owner = None
    for figure in figures:
        if figure.text_end > start or start - figure.text_end > 8:
            continue
        words = f" {_text(doc, figure.text_end, start).lower()} "
        if "," not in words and (" as of " in words or " as at " in words):
            owner = figure
            break
    _CACHE[key] = owner
    return owner


def _month_end_periods(doc: Doc, sentence: Span) -> list[tuple[int, int, str]]:
    """`by the end of May` with no year: that month of the publication year (or the year
    before, when the month is still to come at publication)."""
    if ("published",) not in _CACHE:
        _CACHE[("published",)] = parse_published(
            doc._.meta.get("published") if doc._.meta else None
        )
    published = _CACHE[("published",)]
    if published is None:
        return []
    key = ("month_ends", sentence.start)
    if key in _CACHE:
        return list(_CACHE[key])
    found: list[tuple[int, int, str]] = []
    for match in _MONTH_END_RE.finditer(_text(doc, sentence.start, sentence.end)):
        month = _MONTH_NUMBERS[match.group(1).lower()[:3]]
        year = published.year if month <= published.month else published.year - 1
        span = doc.char_span(
            sentence.start_char + match.start(),
            sentence.start_char + match.end(),
            alignment_mode="expand",
        )
        if span is not None:
            found.append((span.start, span.end, f"{year}-{month:02d}"))
    _CACHE[key] = found
    return list(found)


def _in_name(doc: Doc, start: int, end: int, sentence: Span) -> bool:
    """The year of `Meet Japan 2023` or `"Japan Week 2024"` names an event, not a period."""
    if start == sentence.start or end - start != 1:
        return False
    previous = doc[start - 1]
    if (
        previous.is_title
        and previous.is_alpha
        and previous.lower_ not in _MONTHS
        and previous.lower_ not in _NOUN_STOPS
    ):
        return True
    quotes = sum(t.text in ('"', "“", "”") for t in doc[sentence.start : start])
    return quotes % 2 == 1


@Language.factory(
    "vjties_figures",
    assigns=["doc.spans", "doc._.figures"],
    requires=["doc.spans", "doc._.dates", "doc._.meta", "doc._.boilerplate", "token.is_sent_start"],
)
def make_figures(nlp: Language, name: str) -> FiguresExtractor:
    return FiguresExtractor(nlp)


__all__ = ["FiguresExtractor", "make_figures", "metric_vocabulary", "unit_lexicon"]
