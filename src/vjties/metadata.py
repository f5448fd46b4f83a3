"""Article metadata and boilerplate: title, publication date, dateline, source, no-fact spans.

News dumps arrive as lines of text: a crawl header, site navigation, a headline, a byline
with a timestamp, the lede (often opening with a dateline such as `HANOI (VNA) -`), the body,
a sign-off (`VNA`, `./.`), and then lists of other headlines, tags, widgets and footers,
sometimes with a second story glued on. `analyse_metadata` reads those lines with regular
expressions only (no tokenization) and returns what it found plus the character spans of the
ORIGINAL text that must never yield facts.

The rules are about the genre's shapes, not about particular articles:
- the *lede* is the first prose line (it ends like a sentence, or opens with a dateline);
  everything before it is the *header*;
- the *title* is the last headline-like header line (3-25 words, no final full stop, not a
  byline, credit or widget); header lines before the title are navigation;
- the publication date comes from a crawl header, a `Published`-style label, or a
  byline/date line in the header, never from lists of other headlines further down;
- list sections (`RELATED NEWS`, `Other news`, ...) run over their headline, timestamp
  and teaser lines and end at the first line of ordinary prose that is not a teaser;
- a second story glued after the first one's sign-off (a headline and a prose line, or a
  dateline lede) is boilerplate up to the end of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from vjties import lexicon

# Kinds of boilerplate spans (`BoilerplateSpan.kind`).
NAVIGATION = "navigation"
RELATED = "related"
OTHER_NEWS = "other_news"
TAGS = "tags"
WIDGET = "widget"
FOOTER = "footer"
ALT_TEXT = "alt_text"
PHOTO_CREDIT = "photo_credit"
BYLINE = "byline"
CRAWL_HEADER = "crawl_header"
SIGN_OFF = "sign_off"
SECOND_STORY = "second_story"

#: How far down the text the lede is looked for (non-blank lines).
MAX_HEADER_LINES = 20


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    source: str | None = None
    #: (start, end, kind) character spans of the original text that carry no facts,
    #: sorted and non-overlapping.
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)


# --- dates -------------------------------------------------------------------------------

# Months and weekdays as header and byline dates print them (resources/calendar.json): any
# case for _DATE_RE, capitalised in datelines; `Sepember`, `Tues.` and `Wed,` included.
_MONTHS = lexicon.month_numbers()
_MONTH = rf"(?:{lexicon.month_pattern(misspellings=True)})\.?"
_WEEKDAY = rf"(?:(?:{lexicon.weekday_pattern()})\.?,?\s+)"
_YEAR = r"(?:19|20)\d{2}"
_DATE_RE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<iy>{_YEAR})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})"
    rf"|(?P<na>\d{{1,2}})[/.-](?P<nb>\d{{1,2}})[/.-](?P<ny>{_YEAR})"
    rf"|{_WEEKDAY}?(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>{_YEAR})"
    rf"|{_WEEKDAY}?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH}),?\s+(?P<dy>{_YEAR})"
    rf")(?:(?=T\d)|(?![\w/-]))",
    re.IGNORECASE,
)
# A date glued to the word before it (`cooperation10/3/2023`, `NDO29 July 2023`): only read as
# the date of a time stamp, where a clock time follows it on the line (see `_stamp_date`).
_GLUED_DATE_RE = re.compile(
    _DATE_RE.pattern.replace(r"(?<![\w/.-])", r"(?<![\d/.-])", 1), re.IGNORECASE
)
_TIME_RE = re.compile(
    r"(?<![\w:])\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?![\w:])"
    r"|\b(?:GMT|UTC|ICT|JST)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|[\[(]\s*[\])]",
    re.IGNORECASE,
)
_PUBLISHED_LABEL_RE = re.compile(
    r"\b(?:published(?:\s+(?:on|at|date))?|posted(?:\s+(?:on|at))?|publish(?:ed)?\s+date"
    r"|date(?:\s+published)?|first\s+published)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_UPDATED_LABEL_RE = re.compile(
    r"\b(?:(?:last\s+)?updated?(?:\s+(?:on|at))?|modified)\s*[:\-–]?\s*", re.IGNORECASE
)
# What may stand around a date on a byline/date line: a name or outlet, `By`, separators.
_BYLINE_REST_RE = re.compile(r"[\s,|/·•\-–—:()\[\]]+")
_CAPITALISED_WORD_RE = re.compile(
    r"^(?:[A-ZÀ-ỸĐ][\w'’.&-]*|by|By|BY|and|of|the|van|thi|[a-z0-9.-]+\.(?:vn|com|net|org|jp))$"
)


_BLANK_RUN_RE = re.compile(r"\s\s")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(match: re.Match[str]) -> str | None:
    """ISO date of a `_DATE_RE` match. Numeric day/month order: day first (Vietnamese usage)
    unless that is impossible, in which case month first."""
    g = match.groupdict()
    if g["iy"]:
        return _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["ny"]:
        a, b, year = int(g["na"]), int(g["nb"]), int(g["ny"])
        if b > 12 >= a:
            return _iso(year, a, b)
        return _iso(year, b, a)
    if g["my"]:
        return _iso(int(g["my"]), _MONTHS[g["mm"][:3].lower()], int(g["md"]))
    return _iso(int(g["dy"]), _MONTHS[g["dm"][:3].lower()], int(g["dd"]))


def _search_date(text: str) -> re.Match[str] | None:
    """`_DATE_RE.search(text)`, started shortly before the first year: every date holds a
    year, and what may precede it (weekday, month, day) runs to some 30 characters unless
    it has runs of blanks, in which case the search starts at the beginning."""
    years = _year_positions(text)
    if not years:
        return None
    first = min(years)
    start = max(0, first - 64)
    if start and _BLANK_RUN_RE.search(text, start, first):
        start = 0
    return _DATE_RE.search(text, start)


def _stamp_date(text: str) -> str | None:
    """The date of a time stamp: a date followed on its line by a clock time (`10/3/2023
    13:55`, `Ngày 15/11/2022, 15:00`, `NDO29 July 2023 Last updated at 17:00 PM`), whatever
    else the line holds (a section name, a weekday, an outlet glued on). Portals print their
    publication stamps this way; a sentence does not put a clock time after a full date."""
    if len(text) > 100:
        return None
    for match in _GLUED_DATE_RE.finditer(text):
        time = _TIME_RE.search(text, match.end())
        if time is not None and time.group()[:1].isdigit():
            return parse_date(match)
    return None


def _first_date(text: str) -> str | None:
    for match in _DATE_RE.finditer(text):
        value = parse_date(match)
        if value:
            return value
    return None


# --- outlets and agencies -------------------------------------------------------------------

# News outlets and agencies of the genre (lower-cased), recognised in sign-offs and bylines
# besides acronyms (`VNA`, `VNS`, `SGGP`) and web domains.
_OUTLET_SET = frozenset(
    (
        "vietnamplus", "vietnam plus", "vietnam news agency", "viet nam news", "vietnam news",
        "vietnamnet", "nhan dan", "nhandan", "nhan dan online", "the hanoi times", "hanoi times",
        "hanoimoi", "hanoi moi", "tuoi tre", "tuoi tre news", "tuoitre news", "thanh nien",
        "thanh nien news", "saigon giai phong", "sggp news", "vnexpress", "vnexpress international",
        "dan tri", "vietnam investment review", "vneconomy", "the saigon times", "saigon times",
        "vietnam economic times", "vovworld", "vietnam law magazine", "da nang today",
        "danang today", "binh duong newspaper", "world & vietnam report", "baoquocte",
        "people's army newspaper", "quan doi nhan dan", "vietnam pictorial", "the voice of vietnam",
        "kyodo", "kyodo news", "nikkei", "nikkei asia", "the japan times", "japan times",
        "the mainichi", "mainichi", "the asahi shimbun", "asahi shimbun", "the yomiuri shimbun",
        "yomiuri shimbun", "jiji press", "nhk world", "japan today", "japan forward",
    )
)  # fmt: skip
# Agencies and outlets that open a lede the way a place does (`NDO -`, `VNA -`).
_AGENCIES = frozenset(
    (
        "VNA", "VNS", "NDO", "SGGP", "VOV", "VTV", "VTC", "TTXVN", "VNP", "VGP", "VOH", "HNMO",
        "CPV", "VIR", "TTO", "PLO", "NLD", "QDND", "BNEWS", "NHK",
    )
)  # fmt: skip
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|jp|info)$", re.IGNORECASE)


_SLASH_RE = re.compile(r"\s*/\s*")


def _outlet(text: str) -> str | None:
    """`text` itself if it names an outlet or agency (`VNA`, `VNA/VNS`, `Vietnamplus`)."""
    text = text.strip(" \t-–—/|:.()")
    if not text or len(text) > 40:
        return None
    parts = [" ".join(p.split()) for p in _SLASH_RE.split(text)]
    if all(_ACRONYM_RE.match(p) or _DOMAIN_RE.match(p) or p.lower() in _OUTLET_SET for p in parts):
        return text
    return None


# --- line shapes ----------------------------------------------------------------------------

_CRAWL_HEADER_RE = re.compile(
    r"[ \t]*date[ \t]*[:=]?[ \t]*(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?"
)
_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = "\"'”’»)]"
_TAGS_RE = re.compile(r"^(?:tags?|keywords?|topics?|từ khóa)\s*[:：]", re.IGNORECASE)
_WIDGET_RE = re.compile(
    r"^(?:back to top|to top|scroll to top|go to top|leave a (?:reply|comment)|post a comment"
    r"|add (?:a )?comment|your comment|comments?(?:\s*\(\d+\))?|\d+\s+comments?|cancel reply|reply"
    r"|share(?: this)?(?: (?:article|story|post|page))?(?: on (?:facebook|twitter|zalo|x))?"
    r"|print(?: (?:article|this|page))?|e-?mail|send|tweet|like|zalo|facebook|twitter|linkedin"
    r"|follow us(?: on .{1,40})?|subscribe(?: .{1,60})?|font size|listen(?: to this article)?"
    r"|copy link|read full article|view more|see more|load more|next article|previous article"
    r"|login to comment|sign in|advertisement|sponsored|please enter your (?:comment|name|e-?mail)"
    r"|you have entered an incorrect email address|save my name,? email.{0,80})[\s:.!>»]*$",
    re.IGNORECASE,
)
# Footer marks that no sentence of news carries.
_FOOTER_RE = re.compile(
    r"©|\(c\)\s*(?:19|20)\d{2}|\bcopyright\s*(?:\(c\)|by\b|(?:19|20)\d{2})|all rights reserved"
    r"|licen[cs]e\s+(?:no|number)"
    r"|reproduc\w+ .{0,60}(?:prohibited|forbidden|not (?:be )?allowed|without\b)",
    re.IGNORECASE,
)
# Footer labels a sentence may also open with (`Copyright protection ...`, `Editor-in-chief
# Kenji Sato met ...`): they count on a label line (a colon or a bar) or a short line that
# does not end like a sentence.
_FOOTER_LABEL_RE = re.compile(
    r"^(?:copyright\b|(?:head office|address|add|tel|telephone|phone|fax|e-?mail|hotline|website"
    r"|contact)\s*[:.])|editor[- ]in[- ]chief",
    re.IGNORECASE,
)
_LIST_HEADING_RE = re.compile(
    r"^(?:(?P<related>related(?: news| articles?| stories| posts| content)?|read (?:more|also)"
    r"|see also|also read|you might also (?:like|read)|recommended(?: for you)?)"
    r"|(?P<other>other news|more news|latest(?: news| articles?| stories| posts)?|most (?:read|viewed|"
    r"popular)|trending(?: now| news)?|top stories|editor'?s picks?|you may (?:also )?(?:like|be "
    r"interested(?: in)?)|same category|news in brief|in other news|more from .{1,30}|"
    r"more (?:stories|articles)))\s*[:.>»]?\s*$",
    re.IGNORECASE,
)
_NAV_SEPARATOR_RE = re.compile(r"\s+[/>|»]\s+|\s*[»|]\s*")
_NAV_ITEM_RE = re.compile(r"^[\w'’&.,-]+(?: [\w'’&.,-]+){0,3}$")
_BY_RE = re.compile(
    r"^(?:by|(?:written|reported|translated|edited|compiled|story|text) by|story(?: and photos?)?"
    r"|reporters?|text)\s*[:\-]?\s+(?P<who>.{2,80})$",
    re.IGNORECASE,
)
# What a line matched by _TAGS_RE, _WIDGET_RE, _LIST_HEADING_RE or _BY_RE opens with, lower-cased
# (a cheap test that spares ordinary lines those four patterns).
_LINE_STARTERS = (
    # tags
    "tag", "keyword", "topic", "từ",
    # widgets
    "back", "to top", "scroll", "go to", "leave", "post", "add", "your", "comment",
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "cancel", "reply", "share", "print",
    "e-mail", "email", "send", "tweet", "like", "zalo", "facebook", "twitter", "linkedin",
    "follow", "subscribe", "font", "listen", "copy", "read", "view", "see", "load", "next",
    "previous", "login", "sign", "advertisement", "sponsored", "please", "you", "save",
    # list headings
    "related", "also", "recommended", "other", "more", "latest", "most", "trending", "top",
    "editor", "same", "news", "in other",
    # `By` lines
    "by", "written", "reported", "translated", "edited", "compiled", "story", "text", "reporter",
)  # fmt: skip
# No IGNORECASE and a character class first: this one scans every whole text.
_ALT_TEXT_RE = re.compile(r"[Hh][iìIÌ][Nn][Hh] [AaẢả][Nn][Hh]\s*\d+\b")
_ALT_TEXT_LINE_RE = re.compile(r"(?:image|photo|picture|ảnh)\s*\d+", re.IGNORECASE)
_CREDIT_PAREN_RE = re.compile(
    r"\((?:[A-Za-z]+ )?(?:photos?|images?|pictures?|illustration|source|credit|ảnh|video)"
    r"(?:\s*(?:source|credit))?\s*(?::|by\b|courtesy\b)[^()\n]{0,80}\)"
    r"|\((?:[A-Z][\w.&-]*/)?[A-Z][\w.&-]* (?:file )?photo\)",
    re.IGNORECASE,
)
_CREDIT_BARE_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s.)]))(?:(?:[A-Za-z]+ )?(?:photos?|images?|pictures?|ảnh)(?:\s*(?:source|credit))?"
    r"\s*(?::|by\b|courtesy of\b)|photo\s+credit\s*:)[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_BARE_WORDS = ("photo", "image", "picture", "ảnh")
_CREDIT_HINTS = ("photo", "image", "picture", "ảnh", "source", "credit", "illustration", "video")


_FOOTER_HINTS = ("©", "(c)", "copyright", "rights reserved", "licen", "reproduc")
_FOOTER_LINE_HINTS = (*_FOOTER_HINTS, "editor")
_FOOTER_LABEL_STARTS = (
    "copyright", "head office", "address", "add", "tel", "phone", "fax", "e-mail", "email",
    "hotline", "website", "contact",
)  # fmt: skip


def _is_footer_line(text: str, words: int) -> bool:
    """A copyright, licence or contact line of a site's footer (never a sentence of news)."""
    lowered = text.lower()
    if any(hint in lowered for hint in _FOOTER_HINTS) and _FOOTER_RE.search(text):
        return True
    if not ("editor" in lowered or lowered.startswith(_FOOTER_LABEL_STARTS)):
        return False
    if not _FOOTER_LABEL_RE.search(text):
        return False
    if ":" in text or "|" in text:
        return True
    return words <= 8 and (
        text.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS
        or all(_CAPITALISED_WORD_RE.match(w) for w in text.split())
    )


def _has_sign_off_hint(text: str) -> bool:
    tail = text[-16:]
    return "/." in tail or "-" in tail or "–" in tail or "—" in tail


def _year_positions(text: str) -> list[int]:
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


def _lowered(text: str) -> str:
    """`text` in lower case, offset for offset (a few letters change length when lowered)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def _hint_positions(lowered: str, hints: tuple[str, ...]) -> list[int]:
    """Offsets of the hints in the lower-cased text (str.find beats an IGNORECASE regex)."""
    found: list[int] = []
    for hint in hints:
        position = lowered.find(hint)
        while position >= 0:
            found.append(position)
            position = lowered.find(hint, position + 1)
    return found


# `— VNS Photo Minh Thu`, `VNA Photo`.
_CREDIT_AGENCY_RE = re.compile(
    r"(?:[-–—][ \t]*)?\b[A-Z]{2,6}(?:/[A-Z]{2,6})?[ \t]+(?:Photos?|PHOTOS?)\b"
    r"(?:[ \t]+[A-ZÀ-ỸĐ][\w'’.-]*){0,4}"
)
_CREDIT_NAME_RE = re.compile(
    r"(?=[A-ZÀ-ỸĐ]|[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|jp)\b)"
    r"(?:(?:[A-ZÀ-ỸĐ][\w'’.&-]*|[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|jp)|of|the|and|&)"
    r"(?:[ \t]*/[ \t]*|[ \t]+|(?=[,;\n)]|$)))+",
    re.MULTILINE,
)
_SIGN_OFF_MARK_RE = re.compile(r"(?:(?<=\s)\.)?/\.[ \t]*$|(?<=\S)[ \t]*\./\.[ \t]*$")
_TRAILING_AGENCY_RE = re.compile(
    r"(?<=[.!?\"”’])[ \t]*(?P<mark>[-–—]+[ \t]*(?P<src>[A-Z][\w&]{1,12}(?:/[A-Z][\w&]{1,12})?))[ \t]*$"
)
_PLACE_WORD = r"[A-ZÀ-ỸĐ][^\W\d_]*\.?"
_DATELINE_RE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:[ \t-]{_PLACE_WORD}){{0,4}})?"
    rf"(?:,[ \t]*(?P<when>{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*{_YEAR})?|\d{{1,2}}[ \t]+{_MONTH}(?:[ \t]+{_YEAR})?))?"
    r"[ \t]*(?:\((?P<agency>[A-Za-z][\w&.]{1,15}(?:/[A-Za-z][\w&.]{1,15})?)\))?"
    r"[ \t]*(?P<dash>[–—]+|-{1,2}|:)[ \t]*(?=\S)"
)


@dataclass(slots=True)
class _Line:
    index: int
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the stripped line
    words: int = 0
    prose: bool = False


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if not stripped:
            lines.append(_Line(index, offset + len(raw), offset + len(raw), ""))
        else:
            start = offset + raw.find(stripped) if raw[0].isspace() else offset
            words = len(stripped.split())
            prose = words >= 5 and (
                _is_prose(stripped)
                if _has_sign_off_hint(stripped)
                else stripped.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS
            )
            lines.append(_Line(index, start, start + len(stripped), stripped, words, prose))
        offset += len(raw) + 1
    return lines


def _is_prose(text: str) -> bool:
    """Whether a line reads as sentences (a sign-off glued to its end does not count)."""
    if _has_sign_off_hint(text):
        if _ends_in_word(text):
            text = _TRAILING_AGENCY_RE.sub("", text)
        if _ends_with_mark(text):
            text = _SIGN_OFF_MARK_RE.sub(".", text)
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS and len(text.split()) >= 5


def _ends_with_mark(text: str) -> bool:
    """Whether `text` ends like a `/.` sign-off mark (all _SIGN_OFF_MARK_RE can match)."""
    return text.rstrip(" \t").endswith("/.")


def _ends_in_word(text: str) -> bool:
    """Whether `text` ends in a word character, as a trailing `- VNA` (_TRAILING_AGENCY_RE)
    must."""
    last = text.rstrip(" \t")[-1:]
    return bool(last) and (last.isalnum() or last in "_&")


def _is_headline(text: str, min_words: int = 3, max_words: int = 25) -> bool:
    words = len(text.split())
    if not min_words <= words <= max_words:
        return False
    if text.endswith((".", "…", ",", ";", ":")) or (text.endswith(('"', "”")) and words > 15):
        return False
    return sum(map(str.isalpha, text)) >= 0.5 * len(text.replace(" ", ""))


# Lower-case words a date line may hold: those _CAPITALISED_WORD_RE lets through, and those
# the date, time and label patterns take away (months, weekdays, `am`, `published on`, ...).
_DATE_LINE_LOWER = frozenset(
    (
        "by", "and", "of", "the", "van", "thi", "am", "pm", "gmt", "utc", "ict", "jst",
        "published", "posted", "publish", "date", "first", "on", "at", "updated", "update",
        "last", "modified",
        *(form.lower() for form in lexicon.month_pattern(misspellings=True).split("|")),
        *lexicon.weekday_short_forms(),
    )
)  # fmt: skip


def _date_line(text: str) -> str | None:
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
    match = _search_date(text)
    value = parse_date(match) if match else None
    if value is None:
        return _stamp_date(text)
    rest = _TIME_RE.sub(" ", _DATE_RE.sub(" ", text))
    rest = _PUBLISHED_LABEL_RE.sub(" ", _UPDATED_LABEL_RE.sub(" ", rest))
    words = [w for w in _BYLINE_REST_RE.split(rest) if w]
    if len(words) > 6 or not all(_CAPITALISED_WORD_RE.match(w) for w in words):
        return _stamp_date(text)
    return value


def _date_label(text: str) -> bool:
    """Whether `text` opens with a `Published`/`Updated` label: followed by a colon or dash,
    or by the date or time itself (`Published on May 5, 2024`), not by more words
    (`Published data show ...`, `Date palms planted on ...`)."""
    label = _PUBLISHED_LABEL_RE.match(text) or _UPDATED_LABEL_RE.match(text)
    if label is None:
        return False
    if any(c in label.group() for c in ":-–"):
        return True
    return bool(_DATE_RE.match(text, label.end()) or _TIME_RE.match(text, label.end()))


# Lower-case words a byline may carry (`By Thu Ha in Tokyo`, `By our staff reporter`).
_BYLINE_PARTICLES = frozenset(
    (
        "and", "of", "the", "in", "from", "for", "at", "van", "thi",
        # `By our reporter`, `By a staff correspondent`
        "our", "a", "staff", "reporter", "reporters", "correspondent", "correspondents",
        "writer", "writers",
    )
)  # fmt: skip
#: Most words a byline's names may run to.
MAX_BYLINE_WORDS = 12


def _names_only(who: str) -> bool:
    """Whether the rest of a `By ...` line names people or outlets (`Mai Lan / VNS`,
    `Viet Nam News, 14:05`), not a sentence (`the end of May, Japanese firms had ...`)."""
    if any(c.isdigit() for c in who):
        who = _TIME_RE.sub(" ", _DATE_RE.sub(" ", who))
    words = [w for w in _BYLINE_REST_RE.split(who) if w]
    return (
        0 < len(words) <= MAX_BYLINE_WORDS
        and not who.rstrip().endswith((",", ";"))
        and all(w.lower() in _BYLINE_PARTICLES or _CAPITALISED_WORD_RE.match(w) for w in words)
    )


# Section names of news sites: a line made only of these is navigation, never a headline.
_SECTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """home news latest politics business economy economic society social culture sports sport
    world travel tourism life lifestyle opinion opinions video videos photo photos multimedia
    health education science technology sci-tech environment law entertainment features feature
    national international asia asean vietnam viet nam japan investment finance markets market
    real estate property industry trade diplomacy defence defense security national assembly
    party building government localities regions provinces cities search menu login english
    tiếng việt more topics hot trending e-magazine magazine podcast infographics interviews
    weather expats food arts art & and - | /""",
    )
)


def _is_section_run(text: str) -> bool:
    words = text.lower().replace(",", " ").split()
    return bool(words) and all(word in _SECTION_WORDS for word in words)


def _is_nav_path(text: str) -> bool:
    if not ("/" in text or ">" in text or "|" in text or "»" in text):
        return False
    parts = [p for p in _NAV_SEPARATOR_RE.split(text) if p]
    if len(parts) < 2 or len(text) > 160:
        return False
    if len(parts) == 2 and parts[0].lower() not in {"home", "news", "trang chủ", "homepage"}:
        return False
    return all(_NAV_ITEM_RE.match(p) and not p.endswith(".") for p in parts)


_SOURCE_LABEL_RE = re.compile(r"^(?:source|nguồn)\s*:\s*", re.IGNORECASE)


def _is_sign_off_line(text: str) -> str | None:
    """The outlet named by a sign-off line (`VNA`, `— VNS`, `Source: VNA`), else None."""
    if text[:6].lower().startswith(("source", "nguồn")):
        text = _SOURCE_LABEL_RE.sub("", text)
    return _outlet(text)


def _credits(
    text: str, lowered: str, lines: list[_Line], starts: list[int]
) -> list[tuple[int, int]]:
    """Photographer credits: `(Photo: VNA)`, `Photo: Minh Anh/The Hanoi Times`."""
    taken: list[tuple[int, int]] = []
    hits = _hint_positions(lowered, _CREDIT_HINTS)
    if not hits:
        return taken
    hinted = {bisect_right(starts, hit) - 1 for hit in hits}
    for line in (lines[i] for i in sorted(hinted)):
        if line.text:
            taken.extend(
                (line.start + s, line.start + e)
                for s, e in _credits_in(line.text, lowered[line.start : line.end])
            )
    return taken


def _credits_in(segment: str, lowered: str) -> list[tuple[int, int]]:
    """Credits in one line; `lowered` is the line in lower case (each pattern runs only
    where its words are)."""
    taken: list[tuple[int, int]] = []
    if "(" in segment:
        for match in _CREDIT_PAREN_RE.finditer(segment):
            taken.append((match.start(), match.end()))
    if "Photo" in segment or "PHOTO" in segment:
        for match in _CREDIT_AGENCY_RE.finditer(segment, _agency_credit_start(segment)):
            if not any(s <= match.start() < e for s, e in taken):
                taken.append((match.start(), match.end()))
    if not (
        any(word in lowered for word in _CREDIT_BARE_WORDS)
        and (":" in segment or "by" in lowered or "courtesy" in lowered)
    ):
        return sorted(taken)
    for match in _CREDIT_BARE_RE.finditer(segment, _bare_credit_start(lowered)):
        if any(s <= match.start() < e for s, e in taken):
            continue
        rest = segment[match.end() :]
        name = _CREDIT_NAME_RE.match(rest)
        if not name or not name.group().strip():
            continue
        if ":" not in match.group() and not _credit_by_stands_alone(segment, match, name):
            continue
        end = match.end() + len(name.group().rstrip(" \t,;"))
        taken.append((match.start(), end))
    return sorted(taken)


def _agency_credit_start(segment: str) -> int:
    """Where an agency credit (`— VNS Photo`) may start: what precedes `Photo` in one runs to
    some 14 characters and two runs of blanks (from the start if a window shows long runs)."""
    first = min(p for p in (segment.find("Photo"), segment.find("PHOTO")) if p >= 0)
    start = max(0, first - 24)
    if start and _BLANK_RUN_RE.search(segment, start, first):
        return 0
    return start


def _bare_credit_start(lowered: str) -> int:
    """Where a bare credit (`[File] photo: ...`) may start: at most one word before the first
    `photo`/`image`/`picture`/`ảnh` of the line (from the start if that word is very long)."""
    first = min(p for p in (lowered.find(w) for w in _CREDIT_BARE_WORDS) if p >= 0)
    start = max(0, first - 40)
    word = lowered[start : max(start, first - 1)]
    if start and word.isascii() and word.isalpha():
        return 0
    return start


def _credit_by_stands_alone(segment: str, match: re.Match[str], name: re.Match[str]) -> bool:
    """Whether a `Photo by X` credit stands on its own: it opens the line or follows the end
    of a caption, and nothing but punctuation follows the names (unlike `images by Toyama
    photographers opened ...` or `Photos by Japanese artists were on show`)."""
    before = segment[: match.start()].rstrip()
    if before and before[-1] not in '.!?)]"”’-–—|':
        return False
    after = segment[match.end() + name.end() :].lstrip(" \t")
    return not after or after[0] in ".,;)]|/-–—"


# --- the analysis ---------------------------------------------------------------------------


def analyse_metadata(text: str) -> Metadata:
    """Title, publication date, dateline, source and boilerplate spans of an article."""
    meta = Metadata()
    spans: list[tuple[int, int, str]] = []
    lines = _lines(text)
    nonblank = [line for line in lines if line.text]
    if not nonblank:
        return meta

    # A crawl header (` date 2024-08-24`) may be glued to the lede on the same line.
    crawl_date: str | None = None
    for line in nonblank[:3]:
        match = _CRAWL_HEADER_RE.match(text, line.start, line.end)
        if match:
            crawl_date = _iso(*(int(p) for p in match["date"].split("-")))
            spans.append((line.start, match.end(), CRAWL_HEADER))
            rest_start = (
                match.end()
                + len(text[match.end() : line.end])
                - len(text[match.end() : line.end].lstrip())
            )
            line.start, line.text = rest_start, text[rest_start : line.end]
            line.words = len(line.text.split())
            line.prose = line.words >= 5 and _is_prose(line.text)
            break

    kinds: dict[int, str] = {}  # line index -> boilerplate kind of the whole line
    line_starts = [line.start for line in lines]
    lowered = _lowered(text)
    credit_spans = _credits(text, lowered, lines, line_starts)
    # Every date pattern has a year: lines without one skip the date rules.
    year_lines = {bisect_right(line_starts, p) - 1 for p in _year_positions(text)}
    footer_hinted = {
        bisect_right(line_starts, p) - 1 for p in _hint_positions(lowered, _FOOTER_LINE_HINTS)
    }
    date_lines: dict[int, str] = {}
    byline_outlets: dict[int, str] = {}
    for line in nonblank:
        if not line.text:
            continue
        t = line.text
        if line.words > 25:
            continue
        # Tags, widgets, list headings and `By` lines open with one of a few words.
        starter = lowered.startswith(_LINE_STARTERS, line.start)
        if starter and _TAGS_RE.match(t):
            kinds[line.index] = TAGS
        elif starter and _WIDGET_RE.match(t):
            kinds[line.index] = WIDGET
        elif starter and _LIST_HEADING_RE.match(t):
            kinds[line.index] = "heading"
        elif starter and (by := _BY_RE.match(t)) and _names_only(by["who"]):
            kinds[line.index] = BYLINE
            who = _TIME_RE.sub(" ", _DATE_RE.sub(" ", by["who"])).strip(" ,|-–—")
            parts = [p.strip() for p in re.split(r"\s+[/|-]\s+|\s*/\s*|,\s+", who) if p.strip()]
            for part in reversed(parts):
                if _outlet(part):
                    byline_outlets[line.index] = part
                    break
            value = (_first_date(t) or _stamp_date(t)) if line.index in year_lines else None
            if value:
                date_lines[line.index] = value
        elif line.index in year_lines and (
            (line.words <= 20 and _date_label(t) and (value := _first_date(t)) is not None)
            or (value := _date_line(t)) is not None
        ):
            kinds[line.index] = BYLINE
            date_lines[line.index] = value
        elif (
            line.index in footer_hinted or lowered.startswith(_FOOTER_LABEL_STARTS, line.start)
        ) and _is_footer_line(t, line.words):
            kinds[line.index] = FOOTER
        elif _is_nav_path(t):
            kinds[line.index] = NAVIGATION

    # List sections: a heading and its timestamp, headline and teaser lines.
    list_starts: list[int] = []
    position = 0
    while position < len(lines):
        line = lines[position]
        if kinds.get(line.index) != "heading":
            position += 1
            continue
        list_starts.append(line.index)
        heading = _LIST_HEADING_RE.match(line.text)
        kind = OTHER_NEWS if heading and heading["other"] else RELATED
        kinds[line.index] = kind
        teasers_any = kind == OTHER_NEWS
        timestamped = False
        after_headline = after_teaser = False
        j = position + 1
        while j < len(lines):
            item = lines[j]
            t = item.text
            if not t:
                j += 1
                continue
            existing = kinds.get(item.index)
            if existing == "heading":
                break
            if existing is not None:
                if item.index in date_lines:
                    timestamped = True
                    after_headline = after_teaser = False
                kinds[item.index] = existing if existing != BYLINE else kind
                j += 1
                continue
            if _is_headline(t, min_words=1, max_words=30) and not item.prose:
                if timestamped and after_teaser:  # items start with their timestamp
                    break
                after_headline = True
            elif after_headline and (timestamped or teasers_any) and item.words <= 80:
                after_headline, after_teaser = False, True
            else:
                break
            kinds[item.index] = kind
            j += 1
        position = j

    # The lede: the first prose line or a line opening with a dateline.
    lede: _Line | None = None
    outside_lists = (ln for ln in nonblank if kinds.get(ln.index) not in (RELATED, OTHER_NEWS))
    for line in islice(outside_lists, MAX_HEADER_LINES):
        if not line.text or line.index in kinds:
            continue
        if line.prose or _dateline_at(line.text) is not None:
            lede = line
            break

    title_line: _Line | None = None
    header_outlet: str | None = None
    if lede is not None:
        header = [ln for ln in nonblank if ln.index < lede.index and ln.text]
        for ln in header:
            # An outlet's name alone on a header line (`SGGP`, `Tuoi Tre News`).
            if ln.index not in kinds and ln.words <= 5 and (outlet := _is_sign_off_line(ln.text)):
                kinds[ln.index] = BYLINE
                header_outlet = header_outlet or outlet
        candidates = [
            ln
            for ln in header
            if ln.index not in kinds
            and _is_headline(ln.text)
            and not _is_section_run(ln.text)
            and not any(ln.start <= s < ln.end for s, _ in credit_spans)
        ]
        if candidates:
            title_line = candidates[-1]
            meta.title = title_line.text
        for ln in header:
            if ln.index in kinds:
                continue
            if title_line is None or ln.index < title_line.index or ln.words > 30:
                kinds[ln.index] = NAVIGATION

    # The end of the first story: a sign-off mark or line after the lede.
    story_end = len(text)
    sign_off_outlet: str | None = None
    sign_off_line: int | None = None
    if lede is not None:
        previous_prose = False
        for line in lines[lede.index :]:
            if not line.text:
                continue
            if line.index in kinds and kinds[line.index] not in (BYLINE,):
                if kinds[line.index] in (RELATED, OTHER_NEWS, FOOTER):
                    story_end = min(story_end, line.start)
                    break
                continue
            segment = line.text  # text[line.start : line.end]
            hinted = _has_sign_off_hint(segment)
            mark = (
                _SIGN_OFF_MARK_RE.search(segment) if hinted and _ends_with_mark(segment) else None
            )
            trailing = (
                _TRAILING_AGENCY_RE.search(segment) if hinted and _ends_in_word(segment) else None
            )
            if mark:
                spans.append((line.start + mark.start(), line.end, SIGN_OFF))
                sign_off_line = line.index
                break
            if trailing and _outlet(trailing["src"]):
                spans.append((line.start + trailing.start("mark"), line.end, SIGN_OFF))
                sign_off_outlet = trailing["src"]
                sign_off_line = line.index
                break
            if (
                previous_prose
                and line.index != lede.index
                and (outlet := _is_sign_off_line(line.text))
                and not _prose_follows(lines, kinds, line.index)
            ):
                kinds[line.index] = SIGN_OFF
                sign_off_outlet = outlet
                sign_off_line = line.index
                break
            previous_prose = line.prose or line.words > 12

    if sign_off_line is not None:
        story_start = _glued_story(lines, kinds, sign_off_line)
        if story_start is not None:
            spans.append((story_start, len(text), SECOND_STORY))
            story_end = min(story_end, story_start)
        # Short lines of names between the sign-off and the end (reporters, outlets).
        for line in lines[sign_off_line + 1 :]:
            if line.start >= story_end:
                break
            if not line.text or line.index in kinds:
                continue
            words = line.text.split()
            if len(words) <= 4 and all(_CAPITALISED_WORD_RE.match(w) for w in words):
                kinds[line.index] = SIGN_OFF
            else:
                break

    # Footers: from the first footer line on, when nothing but short lines follows.
    footer_lines = [i for i, k in kinds.items() if k == FOOTER]
    if footer_lines:
        first = lines[min(footer_lines)]
        if all(
            not ln.text or ln.index in kinds or (not ln.prose and ln.words <= 15)
            for ln in lines[first.index + 1 :]
        ):
            spans.append((first.start, len(text), FOOTER))
            story_end = min(story_end, first.start)

    # Publication date: crawl header, `Published ...`, a byline/date line near the top,
    # `Updated ...`, a dated dateline. Lists of other headlines and glued stories never count.
    meta.published = crawl_date or _published(lines, nonblank, lede, date_lines, kinds, story_end)

    # Dateline and source.
    agency: str | None = None
    if lede is not None:
        for line in _lines_from(lines, lede.index, 3):
            if line.start >= story_end:
                break
            found = _dateline_in(line, text, credit_spans)
            if found is not None:
                place, agency, when = found
                meta.dateline = place
                if meta.published is None and when:
                    meta.published = _first_date(when)
                break
    byline_outlet = next(
        (byline_outlets[i] for i in sorted(byline_outlets) if lines[i].start < story_end), None
    )
    meta.source = agency or byline_outlet or header_outlet or sign_off_outlet

    for index, kind in kinds.items():
        if kind == "heading":
            kind = RELATED
        line = lines[index]
        if line.text:
            spans.append((line.start, line.end, kind))
    spans.extend((s, e, PHOTO_CREDIT) for s, e in credit_spans)
    if "nh a" in lowered or "nh ả" in lowered:
        spans.extend(
            (m.start(), m.end(), ALT_TEXT)
            for m in _ALT_TEXT_RE.finditer(text)
            if m.start() == 0 or not text[m.start() - 1].isalnum()
        )
    spans.extend(
        (ln.start, ln.end, ALT_TEXT)
        for ln in nonblank
        if ln.words <= 2 and _ALT_TEXT_LINE_RE.fullmatch(ln.text)
    )
    if title_line is not None:
        spans = [
            s
            for s in spans
            if not (s[0] <= title_line.start and s[1] >= title_line.end and s[2] == NAVIGATION)
        ]
    meta.boilerplate = _merge(text, spans)
    return meta


def _lines_from(lines: list[_Line], index: int, count: int) -> list[_Line]:
    """The first `count` lines with text from line `index` on."""
    found: list[_Line] = []
    for position in range(index, len(lines)):
        line = lines[position]
        if line.text:
            found.append(line)
            if len(found) == count:
                break
    return found


def _published(
    lines: list[_Line],
    nonblank: list[_Line],
    lede: _Line | None,
    date_lines: dict[int, str],
    kinds: dict[int, str],
    story_end: int,
) -> str | None:
    top_end = lede.index if lede is not None else len(lines)
    near_top = {ln.index for ln in nonblank[:8]}
    if lede is not None:
        after = [ln.index for ln in _lines_from(lines, lede.index, 3)]
        last = max(after, default=0)
        near_top = {index for index in near_top if index <= last}
    labelled: str | None = None
    updated: str | None = None
    for index in sorted(date_lines):
        line = lines[index]
        if line.start >= story_end:
            break
        if kinds.get(line.index) in (RELATED, OTHER_NEWS):
            continue
        label = _PUBLISHED_LABEL_RE.search(line.text)
        if label and labelled is None:
            labelled = _first_date(line.text[label.end() :])
        up = _UPDATED_LABEL_RE.search(line.text)
        if up and updated is None:
            updated = _first_date(line.text[up.end() :])
    if labelled:
        return labelled
    for index in sorted(date_lines):
        if lines[index].start >= story_end or kinds.get(index) in (RELATED, OTHER_NEWS):
            continue
        if index < top_end or index in near_top:
            return date_lines[index]
    return updated


def _dateline_at(segment: str) -> tuple[str | None, str | None, str | None] | None:
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


def _dateline_in(
    line: _Line, text: str, credit_spans: list[tuple[int, int]]
) -> tuple[str | None, str | None, str | None] | None:
    starts = [line.start] + [e for s, e in credit_spans if line.start <= s and e < line.end]
    for start in starts:
        segment = text[start : line.end].lstrip()
        found = _dateline_at(segment)
        if found is not None:
            return found
    return None


def _prose_follows(lines: list[_Line], kinds: dict[int, str], index: int) -> bool:
    """Whether the next non-blank line after `index` continues the article as plain prose
    (so an acronym alone on the line at `index` is a heading, not a sign-off)."""
    for line in lines[index + 1 :]:
        if not line.text:
            continue
        return line.index not in kinds and line.prose and _dateline_at(line.text) is None
    return False


def _glued_story(lines: list[_Line], kinds: dict[int, str], sign_off: int) -> int | None:
    """Start offset of a second story after the sign-off line, if one is glued on."""
    rest = [ln for ln in lines[sign_off + 1 :] if ln.text and ln.index not in kinds]
    if not rest:
        return None
    first = rest[0]
    if _dateline_at(first.text) is not None and first.prose:
        return first.start
    if _is_headline(first.text) and len(rest) > 1 and rest[1].prose:
        return first.start
    return None


def _merge(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping spans; a span absorbs what it overlaps, and spans of one kind
    separated by whitespace only (the lines of a list) become one."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(s for s in spans if s[1] > s[0]):
        if merged and (
            start < merged[-1][1]
            or (
                kind == merged[-1][2]
                and kind not in (PHOTO_CREDIT, ALT_TEXT)
                and not text[merged[-1][1] : start].strip()
            )
        ):
            last = merged[-1]
            if end > last[1]:
                merged[-1] = (last[0], end, last[2])
            continue
        merged.append((start, end, kind))
    return merged
