"""Temporal expressions: parse what a matched phrase states, then resolve it to ISO 8601.

Pure functions, no spaCy. The dates component finds the phrases with a `Matcher` and hands
their text here. Resolution follows GENRE.md §6:

- a stated year wins (`stated`);
- a month-day without a year takes the publication year, or the year before when the day
  would fall after publication (`from_publication_date`);
- a weekday is the latest such day on or before publication (`from_publication_date`);
- with no publication date, a year the text fixes elsewhere (the event's own name, an
  anniversary of a known start) is used (`inferred`); otherwise the year stays unknown and
  the value is `--MM-DD`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from vjties import lexicon
from vjties.models import DateHow

MONTHS: dict[str, int] = dict(lexicon.month_numbers())
WEEKDAYS: dict[str, int] = dict(lexicon.weekday_numbers())
_PHRASES = lexicon.date_phrases()
ORDINAL_WORDS: dict[str, int] = dict(_PHRASES.ordinals)
# Phrases resolved against publication, or against the date mentioned just before.
RELATIVE_DAYS: dict[str, int] = dict(_PHRASES.relative_days)
ANCHORED_DAYS: dict[str, int] = dict(_PHRASES.anchored_days)
PERIOD_OFFSETS: dict[str, int] = dict(_PHRASES.period_offsets)


def _alternation(words: list[str]) -> str:
    """A regex alternation of `words` in their order, a space matching any white space."""
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)


_MONTH_RE = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL_SUFFIX = "(?:" + _alternation(_PHRASES.ordinal_suffixes) + ")"
_DAY_RE = r"(?P<{0}>[0-3]?\d)" + _ORDINAL_SUFFIX + "?"
_YEAR_RE = r"(?P<{0}>(?:1[89]|20)\d\d)"
_SEP = r"\s*(?:-|–|—|" + _alternation(_PHRASES.range_separators) + r")\s*"


def _rx(pattern: str) -> re.Pattern[str]:
    pattern = pattern.replace("MONTH1", _MONTH_RE.format("m1")).replace(
        "MONTH2", _MONTH_RE.format("m2")
    )
    pattern = pattern.replace("DAY1", _DAY_RE.format("d1")).replace("DAY2", _DAY_RE.format("d2"))
    pattern = pattern.replace("YEAR1", _YEAR_RE.format("y1")).replace(
        "YEAR2", _YEAR_RE.format("y2")
    )
    return re.compile(r"^(?:[a-z]+day,?\s+)?(?:the\s+)?" + pattern + r"$", re.IGNORECASE)


_FISCAL = _alternation(_PHRASES.fiscal_words)
_FY = re.escape(_PHRASES.fiscal_year_prefix)

# Each form, tried in order on the whole phrase (prefixes such as `from`/`between` are stripped).
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"^(?P<y1>\d{4})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<d1>\d{1,2})$")),
    ("dmy_numeric", re.compile(r"^(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})$")),
    ("date", _rx(r"MONTH1\s+DAY1,?\s+YEAR1")),
    ("date", _rx(r"DAY1\s+(?:of\s+)?MONTH1,?\s+YEAR1")),
    ("range", _rx(r"MONTH1\s+DAY1(?:,?\s+YEAR1)?" + _SEP + r"MONTH2\s+DAY2(?:,?\s+YEAR2)?")),
    ("range", _rx(r"MONTH1\s+DAY1" + _SEP + r"DAY2(?:,?\s+YEAR2)?")),
    ("range", _rx(r"DAY1(?:\s+MONTH1)?" + _SEP + r"DAY2\s+MONTH2(?:,?\s+YEAR2)?")),
    ("range", _rx(r"MONTH1(?:\s+YEAR1)?" + _SEP + r"MONTH2\s+YEAR2")),
    ("range", _rx(r"YEAR1" + _SEP + r"YEAR2")),
    ("range", re.compile(r"^(?P<y1>(?:1[89]|20)\d\d)\s*[-–—]\s*(?P<y2>\d\d)$")),
    ("until", re.compile(r"^now" + _SEP + _YEAR_RE.format("y2") + r"$", re.IGNORECASE)),
    ("month_day", _rx(r"MONTH1\s+DAY1")),
    ("month_day", _rx(r"DAY1\s+(?:of\s+)?MONTH1")),
    ("month_year", _rx(r"MONTH1,?\s+YEAR1")),
    (
        "fiscal_year",
        re.compile(
            rf"^(?:the\s+)?(?:(?:{_FISCAL})(?:\s+year)?\s+|{_FY}\s*)(?P<y1>\d{{4}})$"
            rf"|^(?:the\s+)?(?P<y2>\d{{4}})\s+(?:{_FISCAL})\s+year$",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"^(?:mid-|early\s+|late\s+)?(?P<y1>(?:1[89]|20)\d\d)$", re.IGNORECASE)),
    ("weekday", re.compile(r"^(?P<w>" + "|".join(WEEKDAYS) + r")$", re.IGNORECASE)),
]
_PREFIX_RE = re.compile(r"^(?:" + _alternation(_PHRASES.range_prefixes) + r")\s+", re.IGNORECASE)
# `today [March 8]`, `Thursday (March 7)`: the bracketed date says which day.
_TODAY_BRACKET_RE = re.compile(
    r"^(?:today|yesterday|tomorrow|" + "|".join(WEEKDAYS) + r")\s*[\[(]\s*(?P<inner>.+?)\s*[\])]$",
    re.I,
)


@dataclass(frozen=True)
class PartialDate:
    """What the text states: any of year, month, day may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    fiscal: bool = False


@dataclass(frozen=True)
class Parsed:
    """A parsed phrase. `form` says how to resolve it."""

    form: str  # date, month_day, month_year, year, fiscal_year, range, until, weekday, relative
    start: PartialDate | None = None
    end: PartialDate | None = None
    weekday: int | None = None
    relative: str | None = None  # the lower-cased relative phrase, `this week`, `last year`, ...


@dataclass(frozen=True)
class Resolution:
    """A resolved phrase: its ISO value (None if unknown), the end of a range, and how the
    value was found."""

    value: str | None
    end: str | None = None
    how: DateHow | None = None


def _int(match: re.Match[str], group: str) -> int | None:
    value = match.groupdict().get(group)
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return MONTHS.get(value.lower().rstrip("."))


def _valid(part: PartialDate) -> bool:
    if part.month is not None and not 1 <= part.month <= 12:
        return False
    if part.day is not None:
        if part.month is None:
            return 1 <= part.day <= 31
        try:
            date(part.year or 2000, part.month, part.day)  # 2000: a leap year, so Feb 29 passes
        except ValueError:
            return False
    return True


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Parsed | None:
    """Parse a temporal phrase (as matched by the dates component); None if it is not one.

    Cached: a corpus repeats its date phrases, and `Parsed` is immutable."""
    phrase = " ".join(text.split())
    lower = phrase.lower()
    bracket = _TODAY_BRACKET_RE.match(phrase)
    if bracket:
        inner = parse_expression(bracket.group("inner"))
        if inner is not None and inner.form in ("date", "month_day"):
            return inner
        return None
    if lower in RELATIVE_DAYS or lower in ANCHORED_DAYS or _relative_period(lower) is not None:
        return Parsed("relative", relative=lower)
    phrase = _PREFIX_RE.sub("", phrase)
    for form, pattern in _FORMS:
        match = pattern.match(phrase)
        if not match:
            continue
        if form == "weekday":
            return Parsed("weekday", weekday=WEEKDAYS[match.group("w").lower()])
        if form == "fiscal_year":
            year = _int(match, "y1") or _int(match, "y2")
            return Parsed("fiscal_year", start=PartialDate(year=year, fiscal=True))
        start = PartialDate(_int(match, "y1"), _int(match, "m1"), _int(match, "d1"))
        if form == "until":
            return Parsed("until", end=PartialDate(year=_int(match, "y2")))
        if form == "range":
            end = PartialDate(_int(match, "y2"), _int(match, "m2"), _int(match, "d2"))
            if end.year is not None and end.year < 100 and start.year is not None:
                end = replace(end, year=start.year // 100 * 100 + end.year)
            start, end = _complete_range(start, end)
            if not (_valid(start) and _valid(end)):
                return None
            crosses_new_year = start.year is None and (start.month or 0) > (end.month or 0)
            if not crosses_new_year and _order(start) > _order(end):
                return None
            return Parsed("range", start=start, end=end)
        if form == "dmy_numeric" and start.day is not None and start.day <= 12 < (start.month or 0):
            start = PartialDate(start.year, start.day, start.month)  # 3/25/2024: month first
        if not _valid(start):
            return None
        kind = "date" if form in ("ymd", "dmy_numeric") else form
        return Parsed(kind, start=start)
    return None


def _complete_range(start: PartialDate, end: PartialDate) -> tuple[PartialDate, PartialDate]:
    """`April 6 to 16`: the end takes the start's month; `6-9 March 2024`: the start takes the end's."""
    if end.month is None and start.month is not None and end.day is not None:
        end = replace(end, month=start.month)
    if start.month is None and end.month is not None and start.day is not None:
        start = replace(start, month=end.month)
    if start.year is None and end.year is not None and start.month is not None:
        year = (
            end.year
            if (start.month, start.day or 0) <= (end.month or 12, end.day or 31)
            else end.year - 1
        )
        start = replace(start, year=year)
    if end.year is None and start.year is not None and end.month is not None:
        year = (
            start.year
            if (end.month, end.day or 31) >= (start.month or 1, start.day or 1)
            else start.year + 1
        )
        end = replace(end, year=year)
    return start, end


def _order(part: PartialDate) -> tuple[int, int, int]:
    return (part.year or 0, part.month or 0, part.day or 0)


_RELATIVE_PERIOD_RE = re.compile(
    rf"^(?:(?:{_alternation(_PHRASES.period_modifiers)})\s+)?"
    rf"({_alternation(list(PERIOD_OFFSETS))})\s+({_alternation(_PHRASES.periods)})$"
)


def _relative_period(lower: str) -> tuple[str, int] | None:
    """`this week` -> ("week", 0), `earlier this month` -> ("month", 0), `last year` -> ("year", -1)."""
    match = _RELATIVE_PERIOD_RE.match(lower)
    if not match:
        return None
    return match.group(2), PERIOD_OFFSETS[match.group(1)]


def parse_published(published: str | None) -> date | None:
    """The publication date as a `date`, from an ISO string (`2024-08-24`, `2024-08-24T09:12`)."""
    if not published:
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def iso(part: PartialDate) -> str | None:
    """ISO 8601 for a partial date: `2023-07-01`, `2014-12`, `2008`, `--07-01`, `FY2024`."""
    if part.fiscal and part.year is not None:
        return f"FY{part.year}"
    if part.year is not None:
        if part.month is None:
            return f"{part.year:04d}"
        if part.day is None:
            return f"{part.year:04d}-{part.month:02d}"
        return f"{part.year:04d}-{part.month:02d}-{part.day:02d}"
    if part.month is not None and part.day is not None:
        return f"--{part.month:02d}-{part.day:02d}"
    if part.month is not None:
        return f"--{part.month:02d}"
    return None


def year_for_month_day(month: int, day: int, published: date, future: bool = False) -> int:
    """The publication year, or the year before when the day would come after publication
    (the year after when it would come before, for what `will` happen)."""
    year = published.year
    try:
        if future and date(year, month, day) < published:
            year += 1
        elif not future and date(year, month, day) > published:
            year -= 1
    except ValueError:  # Feb 29 in a non-leap publication year
        year += 1 if future else -1
    return year


def next_weekday(weekday: int, published: date) -> date:
    """The first `weekday` (Monday = 0) on or after `published`."""
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def latest_weekday(weekday: int, published: date) -> date:
    """The latest `weekday` (Monday = 0) on or before `published`."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def resolve(
    parsed: Parsed,
    published: date | None = None,
    year_hint: int | None = None,
    anchor: str | None = None,
    future: bool = False,
) -> Resolution:
    """Resolve a parsed phrase.

    `year_hint` is a year the text fixes for the phrase (used only without a publication date,
    how `inferred`); `anchor` is the ISO day mentioned just before, for `the same day`;
    `future` says the clause is about what will happen (`will be held on April 6`), so a
    month-day or weekday is the next one on or after publication instead of the last.
    """
    if parsed.form == "relative":
        return _resolve_relative(parsed.relative or "", published, anchor)
    if parsed.form == "weekday":
        if published is None or parsed.weekday is None:
            return Resolution(None)
        day = (
            next_weekday(parsed.weekday, published)
            if future
            else latest_weekday(parsed.weekday, published)
        )
        return Resolution(day.isoformat(), how="from_publication_date")
    if parsed.form == "until":
        end = iso(parsed.end) if parsed.end else None
        if published is None:
            return Resolution(None, end=end, how="stated")
        return Resolution(published.isoformat(), end=end, how="from_publication_date")
    start = parsed.start or PartialDate()
    end_part = parsed.end
    if start.year is not None:
        return Resolution(iso(start), iso(end_part) if end_part else None, "stated")
    if start.month is None or start.day is None:
        return Resolution(iso(start), iso(end_part) if end_part else None, "stated")
    how: DateHow
    if published is not None:
        year = year_for_month_day(start.month, start.day, published, future)
        how = "from_publication_date"
    elif year_hint is not None:
        year, how = year_hint, "inferred"
    else:
        return Resolution(iso(start), iso(end_part) if end_part else None, "stated")
    start = replace(start, year=year)
    if end_part is not None and end_part.year is None:
        end_part = _complete_range(start, end_part)[1]
    return Resolution(iso(start), iso(end_part) if end_part else None, how)


def _resolve_relative(lower: str, published: date | None, anchor: str | None) -> Resolution:
    if lower in ANCHORED_DAYS:
        anchor_day = parse_published(anchor)
        if anchor_day is None:
            return Resolution(None)
        return Resolution(
            (anchor_day + timedelta(days=ANCHORED_DAYS[lower])).isoformat(), how="inferred"
        )
    if published is None:
        return Resolution(None)
    if lower in RELATIVE_DAYS:
        day = published + timedelta(days=RELATIVE_DAYS[lower])
        return Resolution(day.isoformat(), how="from_publication_date")
    period = _relative_period(lower)
    if period is None:
        return Resolution(None)
    unit, offset = period
    if unit == "year":
        return Resolution(f"{published.year + offset:04d}", how="from_publication_date")
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return Resolution(f"{index // 12:04d}-{index % 12 + 1:02d}", how="from_publication_date")
    year, week, _ = (published + timedelta(weeks=offset)).isocalendar()
    return Resolution(f"{year:04d}-W{week:02d}", how="from_publication_date")


def ordinal_value(word: str) -> int | None:
    """`50th` -> 50, `fiftieth` -> 50."""
    lower = word.lower()
    match = re.match(r"^(\d+)" + _ORDINAL_SUFFIX + "$", lower)
    if match:
        return int(match.group(1))
    return ORDINAL_WORDS.get(lower)


@dataclass(frozen=True)
class KnownStart:
    """A relationship whose start year is public knowledge (resources/known_starts.json)."""

    id: str
    year: int
    cues: tuple[str, ...]
    requires: tuple[str, ...]
    excludes: tuple[str, ...]


@lru_cache(maxsize=1)
def known_starts() -> tuple[KnownStart, ...]:
    """The known starts of resources/known_starts.json, as the anniversary rules read them."""
    return tuple(
        KnownStart(r.id, r.year, tuple(r.cues), tuple(r.requires), tuple(r.excludes))
        for r in lexicon.known_starts().starts
    )


_ANNIVERSARY_RE = re.compile(
    r"\b(?P<ord>\d+"
    + _ORDINAL_SUFFIX
    + r"|[a-z]+(?:-[a-z]+)?)\s+(?:(?:"
    + _alternation(_PHRASES.anniversary_adjectives)
    + r")\s+)?anniversary\s+of\s+"
    r"(?P<what>[^.,;:()]{0,80})",
    re.IGNORECASE,
)


_Y = r"(?:1[89]|20)\d\d"
# `(2014-2024)`, `2014–2024`: the span of years an anniversary counts.
_YEAR_RANGE_RE = re.compile(rf"(?<![\d/.-])({_Y})\s*[-–—]\s*({_Y})(?![\d/.-])")
# `ties set up in 2014`, `relations established in March 2014`, `cooperation since 2014`.
_STATED_START_RE = re.compile(
    rf"\b(?:(?:{_alternation(_PHRASES.start_verbs)})\s+(?:[\w-]+\s+){{0,3}}?(?:in|on)\s+"
    r"(?:[\w,]+\s+){0,2}?"
    rf"|since\s+|dating\s+back\s+to\s+)({_Y})\b",
    re.IGNORECASE,
)


def anniversary_year(sentence: str, document: str) -> int | None:
    """The year of an `Nth anniversary` stated in `sentence`.

    The anniversary fixes its year when the sentence states the span it counts (`the 10th
    anniversary of friendship ties (2014-2024)`: 2024, when the span is N years), or the
    start (`the 10th anniversary of ties set up in 2014`: 2024), or when it is one of the
    known starts and the document mentions what the start requires (both countries), e.g.
    the 50th anniversary of Vietnam–Japan diplomatic relations (1973) is 2023.
    """
    folded_doc = document.lower()
    for match in _ANNIVERSARY_RE.finditer(sentence):
        number = ordinal_value(match.group("ord"))
        if number is None:
            continue
        for years in _YEAR_RANGE_RE.finditer(sentence):
            if int(years.group(2)) - int(years.group(1)) == number:
                return int(years.group(2))
        stated = _STATED_START_RE.search(match.group("what"))
        if stated is not None:
            return int(stated.group(1)) + number
        what = " ".join(match.group("what").lower().replace("–", "-").split())
        words = set(re.findall(r"[a-z]+", what))
        for start in known_starts():
            if words & set(start.excludes):
                continue
            if any(what.startswith(cue) or f" {cue}" in f" {what}" for cue in start.cues) and all(
                any(alt in folded_doc for alt in req.split("|")) for req in start.requires
            ):
                return start.year + number
    return None


# --- dates as pages print them --------------------------------------------------------------
# The page analysis (vjties.page) reads publication dates from headers, bylines and time
# stamps: full dates only, with a year, in any of the forms portals print.

# --- dates -------------------------------------------------------------------------------

# Months and weekdays as header and byline dates print them (resources/calendar.json): any
# case for PAGE_DATE_RE, capitalised in datelines; `Sepember`, `Tues.` and `Wed,` included.
PAGE_MONTH = rf"(?:{lexicon.month_pattern(misspellings=True)})\.?"
_WEEKDAY = rf"(?:(?:{lexicon.weekday_pattern()})\.?,?\s+)"
PAGE_YEAR = r"(?:19|20)\d{2}"
PAGE_DATE_RE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<iy>{PAGE_YEAR})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})"
    rf"|(?P<na>\d{{1,2}})[/.-](?P<nb>\d{{1,2}})[/.-](?P<ny>{PAGE_YEAR})"
    rf"|{_WEEKDAY}?(?P<mm>{PAGE_MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>{PAGE_YEAR})"
    rf"|{_WEEKDAY}?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{PAGE_MONTH}),?\s+(?P<dy>{PAGE_YEAR})"
    rf")(?:(?=T\d)|(?![\w/-]))",
    re.IGNORECASE,
)
# A date glued to the word before it (`cooperation10/3/2023`, `NDO29 July 2023`): only read as
# the date of a time stamp, where a clock time follows it on the line (see `stamp_date`).
_GLUED_DATE_RE = re.compile(
    PAGE_DATE_RE.pattern.replace(r"(?<![\w/.-])", r"(?<![\d/.-])", 1), re.IGNORECASE
)
TIME_RE = re.compile(
    r"(?<![\w:])\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?![\w:])"
    r"|\b(?:GMT|UTC|ICT|JST)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|[\[(]\s*[\])]",
    re.IGNORECASE,
)


BLANK_RUN_RE = re.compile(r"\s\s")


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(match: re.Match[str]) -> str | None:
    """ISO date of a `PAGE_DATE_RE` match. Numeric day/month order: day first (Vietnamese usage)
    unless that is impossible, in which case month first."""
    g = match.groupdict()
    if g["iy"]:
        return iso_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["ny"]:
        a, b, year = int(g["na"]), int(g["nb"]), int(g["ny"])
        if b > 12 >= a:
            return iso_date(year, a, b)
        return iso_date(year, b, a)
    if g["my"]:
        return iso_date(int(g["my"]), MONTHS[g["mm"][:3].lower()], int(g["md"]))
    return iso_date(int(g["dy"]), MONTHS[g["dm"][:3].lower()], int(g["dd"]))


def search_date(text: str) -> re.Match[str] | None:
    """`PAGE_DATE_RE.search(text)`, started shortly before the first year: every date holds a
    year, and what may precede it (weekday, month, day) runs to some 30 characters unless
    it has runs of blanks, in which case the search starts at the beginning."""
    years = year_positions(text)
    if not years:
        return None
    first = min(years)
    start = max(0, first - 64)
    if start and BLANK_RUN_RE.search(text, start, first):
        start = 0
    return PAGE_DATE_RE.search(text, start)


def stamp_date(text: str) -> str | None:
    """The date of a time stamp: a date followed on its line by a clock time (`10/3/2023
    13:55`, `Ngày 15/11/2022, 15:00`, `NDO29 July 2023 Last updated at 17:00 PM`), whatever
    else the line holds (a section name, a weekday, an outlet glued on). Portals print their
    publication stamps this way; a sentence does not put a clock time after a full date."""
    if len(text) > 100:
        return None
    for match in _GLUED_DATE_RE.finditer(text):
        time = TIME_RE.search(text, match.end())
        if time is not None and time.group()[:1].isdigit():
            return parse_date(match)
    return None


def first_date(text: str) -> str | None:
    for match in PAGE_DATE_RE.finditer(text):
        value = parse_date(match)
        if value:
            return value
    return None


def year_positions(text: str) -> list[int]:
    """Where `19dd`/`20dd` (the year every date pattern has) may start: str.find is faster
    than a regex over the whole text."""
    found: list[int] = []
    for century in ("19", "20"):
        position = text.find(century)
        while position >= 0:
            if text[position + 2 : position + 4].isdigit() and position + 4 <= len(text):
                found.append(position)
            position = text.find(century, position + 1)
    return found
