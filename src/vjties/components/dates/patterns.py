"""The dates component's token patterns: resources/date_patterns.jsonl, token classes filled in.

Why classes: a pattern says what a token is (`{"CLASS": "MONTH"}`, `{"CLASS": "YEAR"}`)
instead of listing the hundreds of forms it takes; the forms are computed here, once, from
calendar.json (months, weekdays), date_phrases.json (relative days, fiscal words, year
prefixes) and the numbers a date can hold. Everything else in a pattern is spaCy's Matcher
format as written in the data file.
"""

from __future__ import annotations

from vjties import lexicon
from vjties.temporal import MONTHS, RELATIVE_DAYS, WEEKDAYS
from vjties.token_matcher import TokenPattern

PHRASES = lexicon.date_phrases()
#: `May.` ends a sentence: the name with a full stop is no abbreviation.
_UNDOTTED = {f"{name.title()}." for name in PHRASES.undotted_months}
#: Every written form of a month the patterns accept (`Sept`, `SEPTEMBER`, `Sept.`).
MONTH_FORMS: list[str] = sorted(
    {f for name in MONTHS for f in (name.title(), name.upper(), f"{name.title()}.")} - _UNDOTTED
)
#: The tokenizer leaves a sign-off glued to the last number: `in December 2014./.`
SIGN_OFFS = ("", "./.", "/.")
# Sets, not regexes: a set is checked much faster, and these are looked up for every token.
_DAYS = [
    f"{prefix}{day}{suffix}"
    for day in range(1, 32)
    for prefix in ("", "0")
    if not (prefix and day > 9)
    for suffix in ("", *PHRASES.ordinal_suffixes)
]
_YEARS = [str(year) for year in range(1800, 2100)]

#: What each `{"CLASS": ...}` of date_patterns.jsonl stands for.
CLASSES: dict[str, TokenPattern] = {
    "MONTH": {"TEXT": {"IN": MONTH_FORMS}},
    "DAY": {"TEXT": {"IN": [f"{d}{s}" for d in _DAYS for s in SIGN_OFFS]}},
    "YEAR": {"TEXT": {"IN": [f"{y}{s}" for y in _YEARS for s in SIGN_OFFS]}},
    "SHORT_YEAR": {"TEXT": {"IN": [f"{n:02d}" for n in range(100)]}},
    "NUMERIC_DATE": {
        "TEXT": {
            "REGEX": r"^(?:\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)$"
        }
    },
    # The tokenizer keeps `18–19` and `2014–2024` whole when the dash is an en or em dash.
    "DAY_SPAN": {"TEXT": {"REGEX": r"^(?:0?[1-9]|[12]\d|3[01])[–—](?:0?[1-9]|[12]\d|3[01])$"}},
    "YEAR_SPAN": {"TEXT": {"REGEX": r"^(?:1[89]|20)\d\d[–—](?:(?:1[89]|20)\d\d|\d\d)(?:\.?/\.)?$"}},
    "WEEKDAY": {"TEXT": {"IN": [w.title() for w in WEEKDAYS]}},
    # `today [March 8]`, as news dumps print it, and `Thursday (March 7)`.
    "DAY_WORD": {"LOWER": {"IN": [*RELATIVE_DAYS, *WEEKDAYS]}},
    "RELATIVE_DAY": {"LOWER": {"IN": list(RELATIVE_DAYS)}},
    "MID_YEAR": {"TEXT": {"IN": [f"{PHRASES.mid_year_prefix}{y}" for y in _YEARS]}},
    "FY_YEAR": {"TEXT": {"IN": [f"{PHRASES.fiscal_year_prefix}{y}" for y in _YEARS]}},
    "FISCAL": {"LOWER": {"IN": list(PHRASES.fiscal_words)}},
}


def expand(token: TokenPattern) -> TokenPattern:
    """A token dict of the data file with its `CLASS` replaced by what the class stands for
    (its `OP` kept); any other token dict as it is."""
    name = token.get("CLASS")
    if name is None:
        return dict(token)
    if name not in CLASSES:
        raise lexicon.LexiconError(f"resources/date_patterns.jsonl: unknown token class {name!r}")
    return {**CLASSES[name], **({"OP": token["OP"]} if "OP" in token else {})}


def build_patterns() -> dict[str, list[list[TokenPattern]]]:
    """Label -> patterns, in file order (optional tokens keep the count low: the matcher's
    cost grows with it; a match may then begin or end with a comma, which the matcher trims)."""
    patterns: dict[str, list[list[TokenPattern]]] = {}
    for row in lexicon.date_patterns():
        patterns.setdefault(row.label, []).append([expand(token) for token in row.pattern])
    return patterns


PATTERNS: dict[str, list[list[TokenPattern]]] = build_patterns()
