"""The shapes of a page's lines: the `Line` record, prose and headline tests, sign-off marks.

Every other module of `vjties.page` reads the text as these lines: a news dump is a sequence of
lines (navigation, headline, byline, lede, body, sign-off, lists, footer), and what a line is
depends on its shape: whether it ends like a sentence, how many words it has, whether a sign-off
(`./.`, `- VNA`) is glued to its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    """What the page analysis found: title, publication date, dateline, source and the
    boilerplate spans."""

    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    source: str | None = None
    #: (start, end, kind) character spans of the original text that carry no facts,
    #: sorted and non-overlapping.
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)


CAPITALISED_WORD_RE = re.compile(
    r"^(?:[A-ZÀ-ỸĐ][\w'’.&-]*|by|By|BY|and|of|the|van|thi|[a-z0-9.-]+\.(?:vn|com|net|org|jp))$"
)
SENTENCE_ENDS = frozenset(".!?…")
CLOSERS = "\"'”’»)]"


def has_sign_off_hint(text: str) -> bool:
    """Whether the end of a line holds what any sign-off needs (`/.` or a dash): a cheap test
    that spares most lines the sign-off patterns."""
    tail = text[-16:]
    return "/." in tail or "-" in tail or "–" in tail or "—" in tail


def lower_aligned(text: str) -> str:
    """`text` in lower case, offset for offset (a few letters change length when lowered)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def hint_positions(lowered: str, hints: tuple[str, ...]) -> list[int]:
    """Offsets of the hints in the lower-cased text (str.find beats an IGNORECASE regex)."""
    found: list[int] = []
    for hint in hints:
        position = lowered.find(hint)
        while position >= 0:
            found.append(position)
            position = lowered.find(hint, position + 1)
    return found


SIGN_OFF_MARK_RE = re.compile(r"(?:(?<=\s)\.)?/\.[ \t]*$|(?<=\S)[ \t]*\./\.[ \t]*$")
TRAILING_AGENCY_RE = re.compile(
    r"(?<=[.!?\"”’])[ \t]*(?P<mark>[-–—]+[ \t]*(?P<src>[A-Z][\w&]{1,12}(?:/[A-Z][\w&]{1,12})?))[ \t]*$"
)


@dataclass(slots=True)
class Line:
    """One line of the text as the page rules see it."""

    index: int
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the stripped line
    words: int = 0
    prose: bool = False


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets, word counts and whether they read as prose."""
    lines: list[Line] = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if not stripped:
            lines.append(Line(index, offset + len(raw), offset + len(raw), ""))
        else:
            start = offset + raw.find(stripped) if raw[0].isspace() else offset
            words = len(stripped.split())
            prose = words >= 5 and (
                is_prose(stripped)
                if has_sign_off_hint(stripped)
                else stripped.rstrip(CLOSERS)[-1:] in SENTENCE_ENDS
            )
            lines.append(Line(index, start, start + len(stripped), stripped, words, prose))
        offset += len(raw) + 1
    return lines


def is_prose(text: str) -> bool:
    """Whether a line reads as sentences (a sign-off glued to its end does not count)."""
    if has_sign_off_hint(text):
        if ends_in_word(text):
            text = TRAILING_AGENCY_RE.sub("", text)
        if ends_with_mark(text):
            text = SIGN_OFF_MARK_RE.sub(".", text)
    return text.rstrip(CLOSERS)[-1:] in SENTENCE_ENDS and len(text.split()) >= 5


def ends_with_mark(text: str) -> bool:
    """Whether `text` ends like a `/.` sign-off mark (all SIGN_OFF_MARK_RE can match)."""
    return text.rstrip(" \t").endswith("/.")


def ends_in_word(text: str) -> bool:
    """Whether `text` ends in a word character, as a trailing `- VNA` (TRAILING_AGENCY_RE)
    must."""
    last = text.rstrip(" \t")[-1:]
    return bool(last) and (last.isalnum() or last in "_&")


def is_headline(text: str, min_words: int = 3, max_words: int = 25) -> bool:
    """Whether a line reads as a headline: a few words, mostly letters, not ending like a
    sentence or a clause."""
    words = len(text.split())
    if not min_words <= words <= max_words:
        return False
    if text.endswith((".", "…", ",", ";", ":")) or (text.endswith(('"', "”")) and words > 15):
        return False
    return sum(map(str.isalpha, text)) >= 0.5 * len(text.replace(" ", ""))


def lines_from(lines: list[Line], index: int, count: int) -> list[Line]:
    """The first `count` lines with text from line `index` on."""
    found: list[Line] = []
    for position in range(index, len(lines)):
        line = lines[position]
        if line.text:
            found.append(line)
            if len(found) == count:
                break
    return found
