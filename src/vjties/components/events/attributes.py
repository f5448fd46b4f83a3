"""Resolution, part one: the date, place and participants a mention states in its clause.

Each event takes its date and place from the clause that introduces it: the stretch of its
sentence up to the next event noun that starts an event, and back to the end of the one
before. Participants are the officials named in the sentences of its mentions.

Why apart from the grouping (`happenings`): these rules read the words around one mention;
the grouping decides which mentions are one happening and what a happening inherits.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Span

from vjties import keys
from vjties.components.dates import is_name_year
from vjties.components.events.cues import (
    DATE_BLOCK_BEFORE,
    DAY_PARTS,
    DESTINATION_PREPS,
    DOUBLE_QUOTES,
    HOST_ADVERBS,
    HOST_VERBS,
    HOSTED_KINDS,
    MOVING_KINDS,
    PERIOD_PREPS,
    PLACE_FILLERS,
    PLACE_PREPS,
    PRESENT_PERIODS,
    SUBJECT_VERB_GAP,
)
from vjties.components.events.mentions import Mention, in_title, sentence
from vjties.tokens import TokenView

#: A date as the events read it: (value, end, how).
DateValue = tuple[str, str | None, str | None]
#: The story sentences after the headline that report the main happening, and how many
#: words a line needs to count as one (not a caption stub or a byline).
LEDE_SENTENCES = 2
LEDE_MIN_WORDS = 4
#: How far before a locality the preposition that introduces it may stand (tokens).
PREP_REACH = 7
_YEAR_OR_MONTH_RE = re.compile(r"\d{4}(?:-\d\d)?")


def date_spans(doc: Doc) -> list[Span]:
    """The document's date spans, without the years that are part of a name, nor the year or
    month a tie was made in (`established relations in 2007`: the partnerships component
    read it as the making's; it is the signing's, never a seminar's in the same sentence)."""
    made = _tie_making_starts(doc)
    return [
        s
        for s in TokenView.of(doc).spans(keys.DATES)
        if not is_name_year(s) and s.start_char not in made
    ]


def _tie_making_starts(doc: Doc) -> set[int]:
    """Start offsets of the dates of established ties that name a year or a month only."""
    return {
        int(claim["evidence"]["start"])
        for tie in doc._.partnerships or []
        if isinstance(tie, dict) and tie.get("status") == "established"
        for claim in tie.get("dates") or []
        if _YEAR_OR_MONTH_RE.fullmatch(str(claim.get("date")))
    }


def date_for(
    doc: Doc, mention: Mention, mentions: list[Mention], dates: list[Span], max_gap: int = 0
) -> DateValue | None:
    """The date of the clause that introduces the event: after the noun first, then before.

    With `max_gap`, only a date at most that many tokens away (`the reception on May 3`).
    """
    floor, limit = clause(doc, mention, mentions)
    if max_gap:
        floor, limit = (
            max(floor, mention.start - max_gap - 3),
            min(limit, mention.end + max_gap + 3),
        )
    candidates = [s for s in dates if mention.end <= s.start < limit]
    candidates += [s for s in reversed(dates) if floor <= s.start and s.end <= mention.start]
    records = {r["evidence"]["start"]: r for r in doc._.dates or []}
    for span in candidates:
        found = _date_value(doc, span, records)
        if found is not None:
            return found
    return None


def _date_value(doc: Doc, span: Span, records: dict[int, dict[str, Any]]) -> DateValue | None:
    """The value of one date span as an event date, or None: not after `since`/`by`, not
    unresolved, no span of years (an anniversary's), and a year or month alone only after
    `in`/`during` or relative to publication (`last year`)."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in DATE_BLOCK_BEFORE and not (
        span.start > 1 and doc[span.start - 2].lower_ in DAY_PARTS  # `the afternoon of May 4`
    ):
        return None
    record = records.get(span.start_char)
    if record is None or (not record.get("value") and not record.get("end")):
        return None
    value = record.get("value")
    if value is None:  # `between now and 2030` with no publication date
        return None
    end = record.get("end")
    if end and value[:4].isdigit() and end[:4].isdigit() and int(end[:4]) - int(value[:4]) > 1:
        return None  # `(September 21, 1973 - September 21, 2023)`: a span of years, no happening
    if (
        _YEAR_OR_MONTH_RE.fullmatch(value)
        and (  # `last year`, `earlier this month`, but not `this year`
            record.get("how") != "from_publication_date" or span[0].lower_ in PRESENT_PERIODS
        )
        and not (span.start > 0 and doc[span.start - 1].lower_ in PERIOD_PREPS)
    ):
        return None
    return value, record.get("end"), record.get("how")


def lede_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The headline and the first sentences of the story (LEDE_SENTENCES of them, with a few
    words each, outside boilerplate): where an article reports its main happening."""
    view = TokenView.of(doc)

    def compute() -> list[tuple[int, int]]:
        """The lede sentences, computed once per document (see `lede_sentences`)."""
        found: list[tuple[int, int]] = []
        body = 0
        for start, end in view.sentences():
            if not _has_words(view, start, end) or view.in_boilerplate(start, end):
                continue
            found.append((start, end))
            if not in_title(doc, start):
                body += 1
                if body == LEDE_SENTENCES:
                    break
        return found

    return view.memo("events.lede", compute)


def _has_words(view: TokenView, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold LEDE_MIN_WORDS words (counting stops there)."""
    words = 0
    for i in range(start, end):
        if view.is_alpha(i):
            words += 1
            if words == LEDE_MIN_WORDS:
                return True
    return False


def lede_date(doc: Doc, dates: list[Span]) -> DateValue | None:
    """The first date of the lede sentences that can date a happening, else the headline's."""
    records = {r["evidence"]["start"]: r for r in doc._.dates or []}
    ledes = lede_sentences(doc)
    ordered = sorted(ledes, key=lambda bounds: in_title(doc, bounds[0]))
    for start, end in ordered:
        for span in dates:
            if start <= span.start and span.end <= end:
                found = _date_value(doc, span, records)
                if found is not None:
                    return found
    return None


def clause(doc: Doc, mention: Mention, mentions: list[Mention]) -> tuple[int, int]:
    """The stretch of the sentence that belongs to `mention`: up to the next event noun that
    starts an event, and back to the end of the one before."""
    sent = sentence(doc, mention.cue_start)
    later = [m.start for m in mentions if mention.end < m.start < sent.end and not m.definite]
    earlier = [
        m.end
        for m in mentions
        if sent.start <= m.start and m.end <= mention.start and not m.definite
    ]
    return (max(earlier) if earlier else sent.start), (min(later) if later else sent.end)


def locality_for(doc: Doc, mention: Mention, mentions: list[Mention]) -> str | None:
    """`in Hanoi`, `held in the southern province of Binh Duong`, `a visit to Aichi`,
    `Da Nang hosted a ...`; after the event noun first, then before it."""
    localities = [s for s in TokenView.of(doc).spans(keys.LOCALITIES) if s.kb_id_]
    if not localities:
        return None
    floor, limit = clause(doc, mention, mentions)
    preps = PLACE_PREPS | (DESTINATION_PREPS if mention.kind in MOVING_KINDS else frozenset())
    after = [s for s in localities if mention.end <= s.start and s.end <= limit]
    before = [s for s in reversed(localities) if floor <= s.start and s.end <= mention.start]
    for span in after + before:
        if _inside_quotes(doc, span) or (mention.verbal and span.start < mention.start):
            continue
        if _introduced_by(doc, span, preps if span.start >= mention.end else PLACE_PREPS):
            return str(span.kb_id_)
    subject = _host_subject(doc, mention, before) or _host_official(doc, mention)
    if subject is not None:
        return subject
    host = _host_before(doc, mention.start)
    for span in before:
        if span.end == host:
            return str(span.kb_id_)
    return None


def _host_subject(doc: Doc, mention: Mention, before: list[Span]) -> str | None:
    """`The southern province of Ba Ria-Vung Tau on Thursday welcomed a delegation`: the
    locality that is the subject of a verb of receiving or meeting is where it happened."""
    if not (mention.verbal and mention.kind in HOSTED_KINDS):
        return None
    sent = sentence(doc, mention.start)
    dates = {i for s in TokenView.of(doc).spans(keys.DATES) for i in range(s.start, s.end)}
    for span in before:
        if span.start < sent.start:
            break
        leading = doc[sent.start : span.start]
        between = doc[span.end : mention.start]
        if all(t.lower_ in PLACE_FILLERS or t.is_punct for t in leading) and all(
            t.i in dates or t.lower_ in SUBJECT_VERB_GAP for t in between
        ):
            return str(span.kb_id_)
    return None


def _host_official(doc: Doc, mention: Mention) -> str | None:
    """`Chairman of the Thai Binh Provincial People's Committee X on April 5 received a
    delegation`: the locality the receiving official represents (their record, as the
    officials component wrote it) is where the reception happened."""
    if not (mention.verbal and mention.kind in HOSTED_KINDS):
        return None
    sent = sentence(doc, mention.start)
    records = {str(r.get("id")): r for r in doc._.officials or [] if isinstance(r, dict)}
    hosts = [
        records.get(span.kb_id_, {}).get("locality")
        for span in TokenView.of(doc).spans(keys.OFFICIALS)
        if sent.start <= span.start and span.end <= mention.start
    ]
    return str(hosts[0]) if hosts and hosts[0] else None


def _host_before(doc: Doc, start: int) -> int | None:
    """`Da Nang hosted a festival`: the token index where the host's name ends."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in HOST_ADVERBS:
        i -= 1
    if i >= 0 and doc[i].lower_ in HOST_VERBS:
        return i
    return None


def _inside_quotes(doc: Doc, span: Span) -> bool:
    """Whether `span` stands inside quotation marks in its sentence (quoted speech)."""
    view = TokenView.of(doc)
    sent = sentence(doc, span.start)
    quotes = view.memo("events.quotes", lambda: view.positions(DOUBLE_QUOTES, "orth"))
    return (bisect_left(quotes, span.start) - bisect_left(quotes, sent.start)) % 2 == 1


def _introduced_by(doc: Doc, span: Span, preps: frozenset[str]) -> bool:
    """Whether one of `preps` stands before `span`, past place fillers (`in the central city
    of Da Nang`)."""
    i = span.start - 1
    while i >= 0 and span.start - i <= PREP_REACH:
        token = doc[i]
        if token.lower_ in preps:
            return True
        if token.lower_ not in PLACE_FILLERS:
            return False
        i -= 1
    return False


def participants(doc: Doc, mentions: list[Mention]) -> set[str]:
    """The officials named in the sentences of `mentions`."""
    officials = TokenView.of(doc).spans(keys.OFFICIALS)
    if not officials:
        return set()
    sentences = {(s.start, s.end) for s in (sentence(doc, m.cue_start) for m in mentions)}
    return {
        str(span.kb_id_)
        for span in officials
        if span.kb_id_ and any(s <= span.start and span.end <= e for s, e in sentences)
    }
