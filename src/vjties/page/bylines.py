"""Who published a page and when: outlets, bylines, date lines, datelines and sign-off lines.

A byline (`By Mai Lan / VNS`), a date line (`Published: 10/3/2023 13:55`), a dateline opening the
lede (`HANOI (VNA) -`) and a sign-off line (`VNA`) name the source and the publication date. The
dates themselves are read by `vjties.temporal` (the page-date patterns there); this module decides
which lines are such lines and what of them is a name.
"""

from __future__ import annotations

import re

from vjties import lexicon
from vjties.page.layout import CAPITALISED_WORD_RE, Line
from vjties.temporal import (
    PAGE_DATE_RE,
    PAGE_MONTH,
    PAGE_YEAR,
    TIME_RE,
    parse_date,
    search_date,
    stamp_date,
)

PUBLISHED_LABEL_RE = re.compile(
    r"\b(?:published(?:\s+(?:on|at|date))?|posted(?:\s+(?:on|at))?|publish(?:ed)?\s+date"
    r"|date(?:\s+published)?|first\s+published)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
UPDATED_LABEL_RE = re.compile(
    r"\b(?:(?:last\s+)?updated?(?:\s+(?:on|at))?|modified)\s*[:\-–]?\s*", re.IGNORECASE
)
# What may stand around a date on a byline/date line: a name or outlet, `By`, separators.
_BYLINE_REST_RE = re.compile(r"[\s,|/·•\-–—:()\[\]]+")


# --- outlets and agencies -------------------------------------------------------------------

# News outlets and agencies of the genre (lower-cased), recognised in sign-offs and bylines
# besides acronyms (`VNA`, `VNS`, `SGGP`) and web domains.
_OUTLET_SET = frozenset(lexicon.page_furniture().outlets.phrases)
# Agencies and outlets that open a lede the way a place does (`NDO -`, `VNA -`).
_AGENCIES = frozenset(lexicon.page_furniture().agencies.words)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|jp|info)$", re.IGNORECASE)


_SLASH_RE = re.compile(r"\s*/\s*")


def outlet_name(text: str) -> str | None:
    """`text` itself if it names an outlet or agency (`VNA`, `VNA/VNS`, `Vietnamplus`)."""
    text = text.strip(" \t-–—/|:.()")
    if not text or len(text) > 40:
        return None
    parts = [" ".join(p.split()) for p in _SLASH_RE.split(text)]
    if all(_ACRONYM_RE.match(p) or _DOMAIN_RE.match(p) or p.lower() in _OUTLET_SET for p in parts):
        return text
    return None


BY_RE = re.compile(
    r"^(?:by|(?:written|reported|translated|edited|compiled|story|text) by|story(?: and photos?)?"
    r"|reporters?|text)\s*[:\-]?\s+(?P<who>.{2,80})$",
    re.IGNORECASE,
)
_PLACE_WORD = r"[A-ZÀ-ỸĐ][^\W\d_]*\.?"
_DATELINE_RE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:[ \t-]{_PLACE_WORD}){{0,4}})?"
    rf"(?:,[ \t]*(?P<when>{PAGE_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*{PAGE_YEAR})?|\d{{1,2}}[ \t]+{PAGE_MONTH}(?:[ \t]+{PAGE_YEAR})?))?"
    r"[ \t]*(?:\((?P<agency>[A-Za-z][\w&.]{1,15}(?:/[A-Za-z][\w&.]{1,15})?)\))?"
    r"[ \t]*(?P<dash>[–—]+|-{1,2}|:)[ \t]*(?=\S)"
)


# Lower-case words a date line may hold: those CAPITALISED_WORD_RE lets through, and those
# the date, time and label patterns take away (months, weekdays, `am`, `published on`, ...).
_DATE_LINE_LOWER = frozenset(
    (
        *lexicon.page_furniture().date_line_words.words,
        *(form.lower() for form in lexicon.month_pattern(misspellings=True).split("|")),
        *lexicon.weekday_short_forms(),
    )
)


def date_line(text: str) -> str | None:
    """The ISO date of a byline/date line (a date, a time, and at most a name or outlet)."""
    if len(text) > 120:
        return None
    # A lower-case word that no date, time or label pattern takes and that may not stand
    # in a name (`signed`, `province`) makes it a sentence: spare the patterns.
    for token in text.split():
        if (
            token.isascii()
            and token.isalpha()
            and token.islower()
            and token not in _DATE_LINE_LOWER
        ):
            return None
    match = search_date(text)
    value = parse_date(match) if match else None
    if value is None:
        return stamp_date(text)
    rest = TIME_RE.sub(" ", PAGE_DATE_RE.sub(" ", text))
    rest = PUBLISHED_LABEL_RE.sub(" ", UPDATED_LABEL_RE.sub(" ", rest))
    words = [w for w in _BYLINE_REST_RE.split(rest) if w]
    if len(words) > 6 or not all(CAPITALISED_WORD_RE.match(w) for w in words):
        return stamp_date(text)
    return value


def date_label(text: str) -> bool:
    """Whether `text` opens with a `Published`/`Updated` label: followed by a colon or dash,
    or by the date or time itself (`Published on May 5, 2024`), not by more words
    (`Published data show ...`, `Date palms planted on ...`)."""
    label = PUBLISHED_LABEL_RE.match(text) or UPDATED_LABEL_RE.match(text)
    if label is None:
        return False
    if any(c in label.group() for c in ":-–"):
        return True
    return bool(PAGE_DATE_RE.match(text, label.end()) or TIME_RE.match(text, label.end()))


# Lower-case words a byline may carry (`By Thu Ha in Tokyo`, `By our staff reporter`).
_BYLINE_PARTICLES = frozenset(lexicon.page_furniture().byline_particles.words)
#: Most words a byline's names may run to.
MAX_BYLINE_WORDS = 12


def names_only(who: str) -> bool:
    """Whether the rest of a `By ...` line names people or outlets (`Mai Lan / VNS`,
    `Viet Nam News, 14:05`), not a sentence (`the end of May, Japanese firms had ...`)."""
    if any(c.isdigit() for c in who):
        who = TIME_RE.sub(" ", PAGE_DATE_RE.sub(" ", who))
    words = [w for w in _BYLINE_REST_RE.split(who) if w]
    return (
        0 < len(words) <= MAX_BYLINE_WORDS
        and not who.rstrip().endswith((",", ";"))
        and all(w.lower() in _BYLINE_PARTICLES or CAPITALISED_WORD_RE.match(w) for w in words)
    )


_SOURCE_LABEL_RE = re.compile(r"^(?:source|nguồn)\s*:\s*", re.IGNORECASE)


def is_sign_off_line(text: str) -> str | None:
    """The outlet named by a sign-off line (`VNA`, `— VNS`, `Source: VNA`), else None."""
    if text[:6].lower().startswith(("source", "nguồn")):
        text = _SOURCE_LABEL_RE.sub("", text)
    return outlet_name(text)


def dateline_at(segment: str) -> tuple[str | None, str | None, str | None] | None:
    """(place, agency, date text) of a dateline opening `segment`, or None."""
    match = _DATELINE_RE.match(segment)
    if not match:
        return None
    place, agency, dash = match["place"], match["agency"], match["dash"]
    if agency:
        if place and len(place.split()) > 5:
            return None
        return (place, agency, match["when"])
    if not place or dash == ":":
        return None
    if place in _AGENCIES:  # `NDO - ...`: an agency, not a place
        return (None, place, match["when"])
    letters = [c for c in place if c.isalpha()]
    if (place.upper() == place and len(letters) >= 3) or match["when"]:
        if dash == "-" and not re.search(r"\s-\s", match.group()):
            return None
        return (place, None, match["when"])
    return None


def dateline_in(
    line: Line, text: str, credit_spans: list[tuple[int, int]]
) -> tuple[str | None, str | None, str | None] | None:
    """A dateline at the start of `line`, or right after a photo credit that opens it."""
    starts = [line.start] + [e for s, e in credit_spans if line.start <= s and e < line.end]
    for start in starts:
        segment = text[start : line.end].lstrip()
        found = dateline_at(segment)
        if found is not None:
            return found
    return None


# The separators between a byline's names (`Mai Lan / VNS`, `Thu Ha - VNA`, `A, B`).
_BYLINE_PARTS_RE = re.compile(r"\s+[/|-]\s+|\s*/\s*|,\s+")


def byline_outlet(who: str) -> str | None:
    """The last of a byline's names that names an outlet (`Mai Lan / VNS` -> `VNS`), its date
    and time taken away; None when no part does."""
    who = TIME_RE.sub(" ", PAGE_DATE_RE.sub(" ", who)).strip(" ,|-–—")
    parts = [p.strip() for p in _BYLINE_PARTS_RE.split(who) if p.strip()]
    return next((part for part in reversed(parts) if outlet_name(part)), None)
