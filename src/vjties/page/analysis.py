"""The page analysis: one pass over the lines of an article, in named steps.

`analyse_page` strips a crawl header, classifies the short lines (tags, widgets, bylines, date
lines, footers, navigation), runs the lists of other headlines, finds the lede and the title,
ends the first story at its sign-off, and reads the publication date, dateline and source. The
steps share one `_Page` state; each step is a function of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from vjties.page.bylines import (
    BY_RE,
    PUBLISHED_LABEL_RE,
    UPDATED_LABEL_RE,
    byline_outlet,
    date_label,
    date_line,
    dateline_at,
    dateline_in,
    is_sign_off_line,
    names_only,
    outlet_name,
)
from vjties.page.furniture import (
    ALT_TEXT_LINE_RE,
    ALT_TEXT_RE,
    CRAWL_HEADER_RE,
    FOOTER_LABEL_STARTS,
    FOOTER_LINE_HINTS,
    LINE_STARTERS,
    LIST_HEADING_RE,
    TAGS_RE,
    WIDGET_RE,
    find_credits,
    is_footer_line,
    is_nav_path,
    is_section_run,
)
from vjties.page.layout import (
    ALT_TEXT,
    BYLINE,
    CAPITALISED_WORD_RE,
    CRAWL_HEADER,
    FOOTER,
    MAX_HEADER_LINES,
    NAVIGATION,
    OTHER_NEWS,
    PHOTO_CREDIT,
    RELATED,
    SECOND_STORY,
    SIGN_OFF,
    SIGN_OFF_MARK_RE,
    TAGS,
    TRAILING_AGENCY_RE,
    WIDGET,
    Line,
    Metadata,
    ends_in_word,
    ends_with_mark,
    has_sign_off_hint,
    hint_positions,
    is_headline,
    is_prose,
    lines_from,
    lower_aligned,
    split_lines,
)
from vjties.temporal import first_date, iso_date, stamp_date, year_positions

# --- the page and its steps -----------------------------------------------------------------

#: A line index -> kind marker for a list heading before its kind (related/other) is known.
_HEADING = "heading"


@dataclass
class _Page:
    """What the steps of `analyse_page` share: the text, its lines, and what they found."""

    text: str
    lines: list[Line]
    nonblank: list[Line]
    meta: Metadata = field(default_factory=Metadata)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    kinds: dict[int, str] = field(default_factory=dict)  # line index -> kind of the whole line
    line_starts: list[int] = field(default_factory=list)
    lowered: str = ""
    credit_spans: list[tuple[int, int]] = field(default_factory=list)
    date_lines: dict[int, str] = field(default_factory=dict)
    byline_outlets: dict[int, str] = field(default_factory=dict)
    crawl_date: str | None = None
    lede: Line | None = None
    title_line: Line | None = None
    header_outlet: str | None = None
    story_end: int = 0
    sign_off_outlet: str | None = None
    sign_off_line: int | None = None


def analyse_page(text: str) -> Metadata:
    """Title, publication date, dateline, source and boilerplate spans of an article."""
    lines = split_lines(text)
    page = _Page(text, lines, [line for line in lines if line.text], story_end=len(text))
    if not page.nonblank:
        return page.meta
    _strip_crawl_header(page)
    page.line_starts = [line.start for line in lines]
    page.lowered = lower_aligned(text)
    page.credit_spans = find_credits(text, page.lowered, lines, page.line_starts)
    _classify_lines(page)
    _mark_lists(page)
    page.lede = _find_lede(page)
    if page.lede is not None:
        _read_header(page, page.lede)
        _end_at_sign_off(page, page.lede)
    if page.sign_off_line is not None:
        _after_sign_off(page, page.sign_off_line)
    _mark_footers(page)
    # Publication date: crawl header, `Published ...`, a byline/date line near the top,
    # `Updated ...`, a dated dateline. Lists of other headlines and glued stories never count.
    page.meta.published = page.crawl_date or _published(page)
    _read_dateline_and_source(page)
    page.meta.boilerplate = _merge(text, _all_spans(page))
    return page.meta


def _strip_crawl_header(page: _Page) -> None:
    """A crawl header (` date 2024-08-24`) may be glued to the lede on the same line: mark it,
    keep its date, and let the line start after it."""
    text = page.text
    for line in page.nonblank[:3]:
        match = CRAWL_HEADER_RE.match(text, line.start, line.end)
        if not match:
            continue
        page.crawl_date = iso_date(*(int(p) for p in match["date"].split("-")))
        page.spans.append((line.start, match.end(), CRAWL_HEADER))
        rest_start = (
            match.end()
            + len(text[match.end() : line.end])
            - len(text[match.end() : line.end].lstrip())
        )
        line.start, line.text = rest_start, text[rest_start : line.end]
        line.words = len(line.text.split())
        line.prose = line.words >= 5 and is_prose(line.text)
        break


def _classify_lines(page: _Page) -> None:
    """Whole short lines that are furniture: tags, widgets, list headings, bylines, date lines,
    footers and navigation paths."""
    lowered, starts = page.lowered, page.line_starts
    # Every date pattern has a year: lines without one skip the date rules.
    year_lines = {bisect_right(starts, p) - 1 for p in year_positions(page.text)}
    footer_hinted = {
        bisect_right(starts, p) - 1 for p in hint_positions(lowered, FOOTER_LINE_HINTS)
    }
    kinds = page.kinds
    for line in page.nonblank:
        if not line.text or line.words > 25:
            continue
        t = line.text
        # Tags, widgets, list headings and `By` lines open with one of a few words.
        starter = lowered.startswith(LINE_STARTERS, line.start)
        if starter and TAGS_RE.match(t):
            kinds[line.index] = TAGS
        elif starter and WIDGET_RE.match(t):
            kinds[line.index] = WIDGET
        elif starter and LIST_HEADING_RE.match(t):
            kinds[line.index] = _HEADING
        elif starter and (by := BY_RE.match(t)) and names_only(by["who"]):
            _read_byline(page, line, by["who"], line.index in year_lines)
        elif line.index in year_lines and (
            (line.words <= 20 and date_label(t) and (value := first_date(t)) is not None)
            or (value := date_line(t)) is not None
        ):
            kinds[line.index] = BYLINE
            page.date_lines[line.index] = value
        elif (
            line.index in footer_hinted or lowered.startswith(FOOTER_LABEL_STARTS, line.start)
        ) and is_footer_line(t, line.words):
            kinds[line.index] = FOOTER
        elif is_nav_path(t):
            kinds[line.index] = NAVIGATION


def _read_byline(page: _Page, line: Line, who: str, has_year: bool) -> None:
    """A `By ...` line: its outlet (the last part naming one) and its date, if any."""
    page.kinds[line.index] = BYLINE
    outlet = byline_outlet(who)
    if outlet:
        page.byline_outlets[line.index] = outlet
    value = (first_date(line.text) or stamp_date(line.text)) if has_year else None
    if value:
        page.date_lines[line.index] = value


def _mark_lists(page: _Page) -> None:
    """List sections: a heading and its timestamp, headline and teaser lines."""
    position = 0
    while position < len(page.lines):
        if page.kinds.get(page.lines[position].index) != _HEADING:
            position += 1
            continue
        position = _mark_list(page, position)


def _mark_list(page: _Page, position: int) -> int:
    """Mark the list whose heading is line `position`; the position after its last item."""
    lines, kinds = page.lines, page.kinds
    line = lines[position]
    heading = LIST_HEADING_RE.match(line.text)
    kind = OTHER_NEWS if heading and heading["other"] else RELATED
    kinds[line.index] = kind
    teasers_any = kind == OTHER_NEWS
    timestamped = after_headline = after_teaser = False
    j = position + 1
    while j < len(lines):
        item = lines[j]
        if not item.text:
            j += 1
            continue
        existing = kinds.get(item.index)
        if existing == _HEADING:
            break
        if existing is not None:
            if item.index in page.date_lines:
                timestamped = True
                after_headline = after_teaser = False
            kinds[item.index] = existing if existing != BYLINE else kind
            j += 1
            continue
        if is_headline(item.text, min_words=1, max_words=30) and not item.prose:
            if timestamped and after_teaser:  # items start with their timestamp
                break
            after_headline = True
        elif after_headline and (timestamped or teasers_any) and item.words <= 80:
            after_headline, after_teaser = False, True
        else:
            break
        kinds[item.index] = kind
        j += 1
    return j


def _find_lede(page: _Page) -> Line | None:
    """The lede: the first prose line, or a line opening with a dateline, outside lists."""
    kinds = page.kinds
    outside_lists = (ln for ln in page.nonblank if kinds.get(ln.index) not in (RELATED, OTHER_NEWS))
    for line in islice(outside_lists, MAX_HEADER_LINES):
        if not line.text or line.index in kinds:
            continue
        if line.prose or dateline_at(line.text) is not None:
            return line
    return None


def _read_header(page: _Page, lede: Line) -> None:
    """The lines before the lede: outlet lines, the title (the last headline-like line), and
    navigation before it."""
    kinds = page.kinds
    header = [ln for ln in page.nonblank if ln.index < lede.index and ln.text]
    for ln in header:
        # An outlet's name alone on a header line (`SGGP`, `Tuoi Tre News`).
        if ln.index not in kinds and ln.words <= 5 and (outlet := is_sign_off_line(ln.text)):
            kinds[ln.index] = BYLINE
            page.header_outlet = page.header_outlet or outlet
    candidates = [
        ln
        for ln in header
        if ln.index not in kinds
        and is_headline(ln.text)
        and not is_section_run(ln.text)
        and not any(ln.start <= s < ln.end for s, _ in page.credit_spans)
    ]
    title_line = candidates[-1] if candidates else None
    if title_line is not None:
        page.title_line = title_line
        page.meta.title = title_line.text
    for ln in header:
        if ln.index in kinds:
            continue
        if title_line is None or ln.index < title_line.index or ln.words > 30:
            kinds[ln.index] = NAVIGATION


def _end_at_sign_off(page: _Page, lede: Line) -> None:
    """The end of the first story: a list or footer line, or a sign-off mark or line after
    the lede."""
    kinds = page.kinds
    previous_prose = False
    for line in page.lines[lede.index :]:
        if not line.text:
            continue
        if line.index in kinds and kinds[line.index] not in (BYLINE,):
            if kinds[line.index] in (RELATED, OTHER_NEWS, FOOTER):
                page.story_end = min(page.story_end, line.start)
                break
            continue
        if _sign_off_in_line(page, line):
            break
        if (
            previous_prose
            and line.index != lede.index
            and (outlet := is_sign_off_line(line.text))
            and not _prose_follows(page.lines, kinds, line.index)
        ):
            kinds[line.index] = SIGN_OFF
            page.sign_off_outlet = outlet
            page.sign_off_line = line.index
            break
        previous_prose = line.prose or line.words > 12


def _sign_off_in_line(page: _Page, line: Line) -> bool:
    """Whether `line` ends with a sign-off mark (`./.`) or a trailing agency (`- VNA`);
    records it."""
    segment = line.text
    if not has_sign_off_hint(segment):
        return False
    mark = SIGN_OFF_MARK_RE.search(segment) if ends_with_mark(segment) else None
    if mark:
        page.spans.append((line.start + mark.start(), line.end, SIGN_OFF))
        page.sign_off_line = line.index
        return True
    trailing = TRAILING_AGENCY_RE.search(segment) if ends_in_word(segment) else None
    if trailing and outlet_name(trailing["src"]):
        page.spans.append((line.start + trailing.start("mark"), line.end, SIGN_OFF))
        page.sign_off_outlet = trailing["src"]
        page.sign_off_line = line.index
        return True
    return False


def _after_sign_off(page: _Page, sign_off_line: int) -> None:
    """After the sign-off: a glued second story, and short lines of names (reporters,
    outlets)."""
    story_start = _glued_story(page.lines, page.kinds, sign_off_line)
    if story_start is not None:
        page.spans.append((story_start, len(page.text), SECOND_STORY))
        page.story_end = min(page.story_end, story_start)
    for line in page.lines[sign_off_line + 1 :]:
        if line.start >= page.story_end:
            break
        if not line.text or line.index in page.kinds:
            continue
        words = line.text.split()
        if len(words) <= 4 and all(CAPITALISED_WORD_RE.match(w) for w in words):
            page.kinds[line.index] = SIGN_OFF
        else:
            break


def _mark_footers(page: _Page) -> None:
    """Footers: from the first footer line on, when nothing but short lines follows."""
    footer_lines = [i for i, k in page.kinds.items() if k == FOOTER]
    if not footer_lines:
        return
    first = page.lines[min(footer_lines)]
    if all(
        not ln.text or ln.index in page.kinds or (not ln.prose and ln.words <= 15)
        for ln in page.lines[first.index + 1 :]
    ):
        page.spans.append((first.start, len(page.text), FOOTER))
        page.story_end = min(page.story_end, first.start)


def _read_dateline_and_source(page: _Page) -> None:
    """The dateline near the lede (and the publication date it may carry), and the source:
    the dateline's agency, else a byline's, a header line's or the sign-off's outlet."""
    agency: str | None = None
    meta, lines = page.meta, page.lines
    if page.lede is not None:
        for line in lines_from(lines, page.lede.index, 3):
            if line.start >= page.story_end:
                break
            found = dateline_in(line, page.text, page.credit_spans)
            if found is not None:
                place, agency, when = found
                meta.dateline = place
                if meta.published is None and when:
                    meta.published = first_date(when)
                break
    byline = next(
        (
            page.byline_outlets[i]
            for i in sorted(page.byline_outlets)
            if lines[i].start < page.story_end
        ),
        None,
    )
    meta.source = agency or byline or page.header_outlet or page.sign_off_outlet


def _all_spans(page: _Page) -> list[tuple[int, int, str]]:
    """Every boilerplate span found: the steps' own, whole lines by kind, credits, alt text
    (minus navigation spans that would swallow the title)."""
    text, spans = page.text, list(page.spans)
    for index, kind in page.kinds.items():
        line = page.lines[index]
        if line.text:
            spans.append((line.start, line.end, RELATED if kind == _HEADING else kind))
    spans.extend((s, e, PHOTO_CREDIT) for s, e in page.credit_spans)
    if "nh a" in page.lowered or "nh ả" in page.lowered:
        spans.extend(
            (m.start(), m.end(), ALT_TEXT)
            for m in ALT_TEXT_RE.finditer(text)
            if m.start() == 0 or not text[m.start() - 1].isalnum()
        )
    spans.extend(
        (ln.start, ln.end, ALT_TEXT)
        for ln in page.nonblank
        if ln.words <= 2 and ALT_TEXT_LINE_RE.fullmatch(ln.text)
    )
    title = page.title_line
    if title is not None:
        spans = [
            s
            for s in spans
            if not (s[0] <= title.start and s[1] >= title.end and s[2] == NAVIGATION)
        ]
    return spans


def _published(page: _Page) -> str | None:
    """The publication date from the date lines: a `Published` label first, then a date line
    before the lede or near the top, then an `Updated` label."""
    lines, lede, kinds, date_lines = page.lines, page.lede, page.kinds, page.date_lines
    top_end = lede.index if lede is not None else len(lines)
    near_top = {ln.index for ln in page.nonblank[:8]}
    if lede is not None:
        after = [ln.index for ln in lines_from(lines, lede.index, 3)]
        last = max(after, default=0)
        near_top = {index for index in near_top if index <= last}
    labelled: str | None = None
    updated: str | None = None
    for index in sorted(date_lines):
        line = lines[index]
        if line.start >= page.story_end:
            break
        if kinds.get(line.index) in (RELATED, OTHER_NEWS):
            continue
        label = PUBLISHED_LABEL_RE.search(line.text)
        if label and labelled is None:
            labelled = first_date(line.text[label.end() :])
        up = UPDATED_LABEL_RE.search(line.text)
        if up and updated is None:
            updated = first_date(line.text[up.end() :])
    if labelled:
        return labelled
    for index in sorted(date_lines):
        if lines[index].start >= page.story_end or kinds.get(index) in (RELATED, OTHER_NEWS):
            continue
        if index < top_end or index in near_top:
            return date_lines[index]
    return updated


def _prose_follows(lines: list[Line], kinds: dict[int, str], index: int) -> bool:
    """Whether the next non-blank line after `index` continues the article as plain prose
    (so an acronym alone on the line at `index` is a heading, not a sign-off)."""
    for line in lines[index + 1 :]:
        if not line.text:
            continue
        return line.index not in kinds and line.prose and dateline_at(line.text) is None
    return False


def _glued_story(lines: list[Line], kinds: dict[int, str], sign_off: int) -> int | None:
    """Start offset of a second story after the sign-off line, if one is glued on."""
    rest = [ln for ln in lines[sign_off + 1 :] if ln.text and ln.index not in kinds]
    if not rest:
        return None
    first = rest[0]
    if dateline_at(first.text) is not None and first.prose:
        return first.start
    if is_headline(first.text) and len(rest) > 1 and rest[1].prose:
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
