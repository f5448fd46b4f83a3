"""Page furniture inside lines: photo credits, footers, navigation paths, section runs, widgets,
tags, list headings and alt text.

These are the regions of a page that never hold facts; `vjties.page.analysis` marks them as
boilerplate. Each test is about the genre's shapes (a copyright mark, a `Photo: NAME` credit, a
breadcrumb `Home / News / Society`), never about particular articles. The words they rely on
are data (`resources/page_furniture.json`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from vjties import lexicon
from vjties.page.layout import CAPITALISED_WORD_RE, CLOSERS, SENTENCE_ENDS, Line, hint_positions
from vjties.temporal import BLANK_RUN_RE

# --- line shapes ----------------------------------------------------------------------------

_WORDS = lexicon.page_furniture()
_HOME_WORDS = frozenset(_WORDS.home_words.phrases)

CRAWL_HEADER_RE = re.compile(
    r"[ \t]*date[ \t]*[:=]?[ \t]*(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?"
)
TAGS_RE = re.compile(r"^(?:tags?|keywords?|topics?|từ khóa)\s*[:：]", re.IGNORECASE)
WIDGET_RE = re.compile(
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
LIST_HEADING_RE = re.compile(
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
# What a line matched by TAGS_RE, WIDGET_RE, LIST_HEADING_RE or BY_RE opens with, lower-cased
# (a cheap test that spares ordinary lines those four patterns).
LINE_STARTERS = tuple(_WORDS.line_starters.phrases)
# No IGNORECASE and a character class first: this one scans every whole text.
ALT_TEXT_RE = re.compile(r"[Hh][iìIÌ][Nn][Hh] [AaẢả][Nn][Hh]\s*\d+\b")
ALT_TEXT_LINE_RE = re.compile(r"(?:image|photo|picture|ảnh)\s*\d+", re.IGNORECASE)
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
_CREDIT_BARE_WORDS = tuple(_WORDS.credit_words.words)
_CREDIT_HINTS = tuple(_WORDS.credit_hints.words)


_FOOTER_HINTS = tuple(_WORDS.footer_hints.phrases)
FOOTER_LINE_HINTS = (*_FOOTER_HINTS, "editor")
FOOTER_LABEL_STARTS = tuple(_WORDS.footer_label_starts.phrases)


def is_footer_line(text: str, words: int) -> bool:
    """A copyright, licence or contact line of a site's footer (never a sentence of news)."""
    lowered = text.lower()
    if any(hint in lowered for hint in _FOOTER_HINTS) and _FOOTER_RE.search(text):
        return True
    if not ("editor" in lowered or lowered.startswith(FOOTER_LABEL_STARTS)):
        return False
    if not _FOOTER_LABEL_RE.search(text):
        return False
    if ":" in text or "|" in text:
        return True
    return words <= 8 and (
        text.rstrip(CLOSERS)[-1:] not in SENTENCE_ENDS
        or all(CAPITALISED_WORD_RE.match(w) for w in text.split())
    )


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


# Section names of news sites: a line made only of these is navigation, never a headline.
_SECTION_WORDS = frozenset(_WORDS.section_words.words)


def is_section_run(text: str) -> bool:
    """Whether a line is only section names of a news site (`Society, Business, World`)."""
    words = text.lower().replace(",", " ").split()
    return bool(words) and all(word in _SECTION_WORDS for word in words)


def is_nav_path(text: str) -> bool:
    """Whether a line is a breadcrumb path (`Home / News / Society`, `Localities > Quang Ninh`)."""
    if not ("/" in text or ">" in text or "|" in text or "»" in text):
        return False
    parts = [p for p in _NAV_SEPARATOR_RE.split(text) if p]
    if len(parts) < 2 or len(text) > 160:
        return False
    if len(parts) == 2 and parts[0].lower() not in _HOME_WORDS:
        return False
    return all(_NAV_ITEM_RE.match(p) and not p.endswith(".") for p in parts)


def find_credits(
    text: str, lowered: str, lines: list[Line], starts: list[int]
) -> list[tuple[int, int]]:
    """Photographer credits: `(Photo: VNA)`, `Photo: Minh Anh/The Hanoi Times`."""
    taken: list[tuple[int, int]] = []
    hits = hint_positions(lowered, _CREDIT_HINTS)
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
    if start and BLANK_RUN_RE.search(segment, start, first):
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
