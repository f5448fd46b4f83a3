"""Resolution, part two: mentions grouped into happenings, one per thing that happened.

An indefinite or named mention starts a happening (or joins an earlier one of its kind with
its date or name); a definite one (`the reception`, `the event`, a caption `At the
reception`, `At the talks` after a reception) is a further mention of the nearest happening
it can refer to. An event held `within the framework of` (or `at`, `on the sidelines of`)
another takes the other's date and place when it states none. With no place stated, an
event takes the place of the event reported just before it on the same day, else the
dateline's (not visits and trips, which go elsewhere).

A receiving or welcoming frame with no date of its own right after a visit to the same
place (`paid a courtesy visit to Gifu on October 12. Receiving the delegation, ...`) is the
host's side of that visit, a further mention of it; a locality that is the subject of a
verb of receiving (`The province of X on Thursday welcomed a delegation`) is where the
reception happened. An event with no date, name or place is dropped unless it is of a
specific kind (not a bare visit, trip or ceremony) and has participants.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from vjties.components.events.attributes import (
    DateValue,
    date_for,
    date_spans,
    lede_date,
    lede_sentences,
    locality_for,
    participants,
)
from vjties.components.events.cues import (
    GENERIC_KINDS,
    MOVING_KINDS,
    NAMED_ONLY,
    REFERS_TO,
    SEQUENCE_WORDS,
    SUBEVENT_AFTER_RE,
    SUBEVENT_RE,
)
from vjties.components.events.mentions import Mention, sentence
from vjties.components.events.signings import tie_signings
from vjties.components.localities import main_locality
from vjties.text import fold
from vjties.tokens import TokenView

#: A definite mention with its own date this close (tokens) dates its event.
DEFINITE_DATE_GAP = 4


@dataclass
class Happening:
    """One thing that happened, with every mention of it."""

    kind: str
    anchor: Mention
    name: str | None = None
    date: str | None = None
    end: str | None = None
    date_how: str | None = None
    locality: str | None = None
    parent: Happening | None = None
    mentions: list[Mention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    #: The ties this happening made (a signing), by partnership id.
    partnerships: list[str] = field(default_factory=list)
    #: Made from a tie's date (see `signings`), not from the words of an event.
    from_tie: bool = False

    def set_date(self, date: DateValue) -> None:
        """Take `date` (value, end, how) as this happening's date."""
        self.date, self.end, self.date_how = date


def group_mentions(doc: Doc, mentions: list[Mention]) -> list[Happening]:
    """The happenings `mentions` report, in text order, with their date, place, parent and
    participants; weak ones (see `_weak`) left out."""
    dates = date_spans(doc)
    signings = tie_signings(doc)
    # `X and Y signed an agreement in 2018`: the verb is the making of that tie (below).
    made_at = {mention.start for mention, _, _ in signings}
    mentions = [
        m for m in mentions if not (m.kind == "signing" and m.verbal and m.start in made_at)
    ]
    happenings = _introduce(doc, mentions, dates)
    _attach_references(doc, mentions, dates, happenings)
    _add_signings(doc, happenings, signings)
    for happening in happenings:
        happening.mentions.sort(key=lambda m: m.start)
        happening.parent = _parent(doc, happening, happenings)
    happenings.sort(key=lambda h: h.mentions[0].start)
    happenings = [h for h in happenings if not _only_a_frame(doc, h, happenings)]
    main = main_happening(doc, happenings)
    if main is not None and main.date is None and main.end is None:
        date = lede_date(doc, dates)
        if date is not None:
            main.set_date(date)
    if main is not None and _day(main.date):
        _date_with_main(doc, main, happenings)
    if main is not None:
        happenings = _fold_references_into(main, happenings)
    for index, happening in enumerate(happenings):
        _date_in_sequence(doc, happening, happenings[:index])
        _inherit(doc, happening, happenings[:index])
        happening.participants = participants(doc, happening.mentions)
    # A happening on a timeline has a date; only the article's main one is kept without
    # (unless too little is known of it: a bare `During the trip, ...`).
    return [h for h in happenings if h.date or h.end or (h is main and not _weak(h))]


def _introduce(doc: Doc, mentions: list[Mention], dates: list[Span]) -> list[Happening]:
    """Happenings from the mentions that introduce one (indefinite or named); a mention of
    the same kind and date (or name) as an earlier happening joins it."""
    happenings: list[Happening] = []
    for mention in mentions:
        if (mention.definite and mention.name is None) or mention.kind is None:
            continue
        date = date_for(doc, mention, mentions, dates)
        same = next((h for h in happenings if _same(h, mention, date)), None)
        if same is not None:
            same.mentions.append(mention)
            if same.date is None and date is not None:
                same.set_date(date)
            if same.locality is None:  # the headline says who, the lede where
                same.locality = mention.place or locality_for(doc, mention, mentions)
            same.name = same.name or mention.name
            continue
        locality = mention.place or locality_for(doc, mention, mentions)
        visit = _visit_received(doc, mention, date, locality, happenings)
        if visit is not None:
            visit.mentions.append(mention)  # `Receiving the delegation, X said`
            continue
        happening = Happening(mention.kind, mention, name=mention.name, mentions=[mention])
        if date is not None:
            happening.set_date(date)
        happening.locality = locality
        happenings.append(happening)
    return happenings


def _attach_references(
    doc: Doc, mentions: list[Mention], dates: list[Span], happenings: list[Happening]
) -> None:
    """Each definite mention joins the happening it refers to; a framed one with nothing to
    refer to starts a happening of its own (`At the ceremony on May 3, ...`)."""
    for mention in mentions:
        if not (mention.definite and mention.name is None):
            continue
        target = _antecedent(mention, happenings)
        date = date_for(doc, mention, mentions, dates, max_gap=DEFINITE_DATE_GAP)
        if target is not None and date is not None and target.date not in (None, date[0]):
            target = None  # `the reception on May 3` after one on May 1: another reception
        if target is not None and target.date is None and date is not None:
            target.set_date(date)
        if target is None and mention.kind is not None and mention.framed:
            if mention.kind in NAMED_ONLY:
                continue
            target = Happening(mention.kind, mention, mentions=[])
            if date is not None:
                target.set_date(date)
            target.locality = locality_for(doc, mention, mentions)
            happenings.append(target)
        if target is not None:
            target.mentions.append(mention)


def _add_signings(
    doc: Doc,
    happenings: list[Happening],
    signings: list[tuple[Mention, DateValue, list[str]]],
) -> None:
    """The makings of the document's dated ties (see `signings`): each joins a signing the
    words already report on its date or in its sentence (`the signing ceremony`), else is a
    happening of its own."""
    for mention, date, ties in signings:
        sent = sentence(doc, mention.start)

        def joins(h: Happening, sent: Span = sent, value: str = date[0]) -> bool:
            """Whether the signing `h` is this making: same date, or undated and in its
            sentence, or undated and the making dated to a day (the story's own ceremony)."""
            if h.kind != "signing":
                return False
            if h.date is not None:
                return h.date == value
            return _day(value) or any(sent.start <= m.start < sent.end for m in h.mentions)

        same = next((h for h in happenings if joins(h)), None)
        if same is None:
            same = Happening("signing", mention, from_tie=True)
            happenings.append(same)
        same.mentions.append(mention)
        if same.date is None:
            same.set_date(date)
        same.partnerships.extend(t for t in ties if t not in same.partnerships)


def _same(happening: Happening, mention: Mention, date: DateValue | None) -> bool:
    """Whether `mention` reports `happening` again: same kind and name, or same kind and
    date (a verbal mention with no date of its own fits any date)."""
    if happening.kind != mention.kind:
        return False
    if mention.name and happening.name:
        return fold(mention.name) == fold(happening.name)
    if mention.verbal or happening.anchor.verbal:
        return date is None or happening.date is None or happening.date == date[0]
    return date is not None and happening.date == date[0]


def _refers_to(kind: str | None, happening: Happening) -> bool:
    """Whether a definite mention of `kind` can refer to `happening` (`the ceremony` to a
    signing ceremony, `the event` to anything)."""
    return kind is None or happening.kind == kind or happening.kind in REFERS_TO.get(kind, ())


def _antecedent(mention: Mention, happenings: list[Happening]) -> Happening | None:
    """The event a definite mention refers to: the nearest one before it of its kind, else
    one of a kind it may stand for (`received X ... At the talks`), else the first after it
    of its kind (a caption above the lede)."""

    def before(fits: list[Happening]) -> Happening | None:
        """The one of `fits` mentioned last before `mention`."""
        earlier = [h for h in fits if h.mentions[0].start < mention.start]
        if not earlier:
            return None
        return max(
            earlier, key=lambda h: max(m.start for m in h.mentions if m.start < mention.start)
        )

    same = [h for h in happenings if mention.kind is None or h.kind == mention.kind]
    found = before(same) or before([h for h in happenings if _refers_to(mention.kind, h)])
    if found is not None or mention.kind is None:
        return found
    return min(same, key=lambda h: h.mentions[0].start) if same else None


def _visit_received(
    doc: Doc,
    mention: Mention,
    date: DateValue | None,
    locality: str | None,
    happenings: list[Happening],
) -> Happening | None:
    """`A delegation paid a courtesy visit to Gifu on October 12. Receiving the delegation,
    the Vice Governor said ...`: a receiving or welcoming frame with no date of its own,
    right after a visit to the same place (in its sentence or the next, no other event
    between), is the host's side of that visit."""
    if not (mention.verbal and mention.kind == "reception") or date is not None:
        return None
    earlier = [
        (max(m.start for m in h.mentions if m.start < mention.start), h)
        for h in happenings
        if any(m.start < mention.start for m in h.mentions)
    ]
    if not earlier:
        return None
    last, visit = max(earlier, key=lambda pair: pair[0])
    if visit.kind not in MOVING_KINDS or locality not in (None, visit.locality):
        return None
    if sentence(doc, last).start == sentence(doc, mention.start).start:
        return None  # `within the framework of a trip, X received Y`: the trip frames it
    # The sentence after: only line breaks (sentences of their own) may stand between.
    view = TokenView.of(doc)
    gap_start, gap_end = sentence(doc, last).end, sentence(doc, mention.start).start
    return (
        visit
        if all(view.is_space(i) or view.is_punct(i) for i in range(gap_start, gap_end))
        else None
    )


def _only_a_frame(doc: Doc, happening: Happening, happenings: list[Happening]) -> bool:
    """`Within the framework of a business trip, X received Y`, `During his visit to Japan,
    X met Y`: a visit or trip named only as the frame of what happened during it, with no
    span of dates of its own, is no event of its own (ANNOTATION.md: the visit is only the
    frame)."""
    if happening.kind not in MOVING_KINDS or happening.end is not None:
        return False
    children = [h for h in happenings if h.parent is happening]
    if not children:
        return False
    for mention in happening.mentions:
        sent = sentence(doc, mention.start)
        before = doc[max(sent.start, mention.start - 3) : mention.start].text
        if not SUBEVENT_RE.search(before):
            return False
    return True


def _date_with_main(doc: Doc, main: Happening, happenings: list[Happening]) -> None:
    """`Leaders of the two provinces witness the signing ceremony` in a caption or the lede
    of a story dated by its main happening, `X visited Y, received Z and took part in a
    conference`: an undated event that only a definite mention introduces there, or that
    the main happening's own sentence reports with it, happened that day."""
    ledes = lede_sentences(doc)
    main_sentences = {sentence(doc, m.cue_start).start for m in main.mentions}
    for happening in happenings:
        if happening is main or happening.date or happening.end or happening.from_tie:
            continue
        anchor = happening.anchor
        alongside = sentence(doc, anchor.cue_start).start in main_sentences
        in_lede = any(start <= anchor.cue_start < end for start, end in ledes)
        if alongside or (anchor.definite and in_lede):
            happening.date, happening.end, happening.date_how = main.date, main.end, main.date_how


def _fold_references_into(main: Happening, happenings: list[Happening]) -> list[Happening]:
    """`During the visit, the guests toured a park` after a reception of the visiting
    delegation: an undated happening that only a back-reference introduced, with nothing of
    its own to refer to, is a further mention of the main happening when it can stand for it
    (the visit it was part of, `the event`, another word for the encounter)."""
    kept = []
    for happening in happenings:
        anchor = happening.anchor
        folds = (
            happening is not main
            and anchor.definite
            and not (happening.date or happening.end or happening.name)
            and anchor.start > main.mentions[0].start
            and (happening.kind in MOVING_KINDS or _refers_to(anchor.kind, main))
        )
        if folds:
            main.mentions.extend(happening.mentions)
            main.mentions.sort(key=lambda m: m.start)
        else:
            kept.append(happening)
    return kept


def _date_in_sequence(doc: Doc, happening: Happening, earlier: list[Happening]) -> None:
    """`... welcomed a delegation on Friday. The two sides then witnessed the signing`: an
    undated event its sentence reports as coming next happened on the day of the dated event
    reported just before it."""
    if happening.date or happening.end or happening.from_tie or not earlier:
        return
    before = earlier[-1]
    if not _day(before.date):
        return
    view = TokenView.of(doc)
    anchor = happening.anchor
    start = sentence(doc, anchor.cue_start).start
    if any(view.lower(i) in SEQUENCE_WORDS for i in range(start, anchor.start)):
        happening.date, happening.end, happening.date_how = before.date, before.end, before.date_how


def _day(value: str | None) -> bool:
    """Whether an ISO date names a day (`2024-03-14`, `--03-14`), not a month or a year."""
    return value is not None and len(value) == 10 and value[-3] == "-"


def main_happening(doc: Doc, happenings: list[Happening]) -> Happening | None:
    """The article's main happening: the first one a mention of which stands in the headline
    or the lede (see `attributes.lede_sentences`), a visit or trip only when nothing else
    happens there."""
    ledes = lede_sentences(doc)
    in_lede = [
        h
        for h in happenings
        if any(start <= m.cue_start < end for m in h.mentions for start, end in ledes)
    ]
    # `During his visit to Japan, the PM received Governor X`: what happened, not the frame.
    staying = [h for h in in_lede if h.kind not in MOVING_KINDS]
    found = staying or in_lede
    return found[0] if found else None


def _weak(happening: Happening) -> bool:
    """No date, no name and no place (`During the trip, ...` with nothing before it): too
    little to report, unless a specific kind of event has participants."""
    if happening.date or happening.end or happening.name or happening.locality:
        return False
    return happening.kind in GENERIC_KINDS or not happening.participants


def _parent(doc: Doc, happening: Happening, happenings: list[Happening]) -> Happening | None:
    """`Within the framework of the workshop, a forum ...`: the forum is part of the workshop;
    `within the framework of a business trip, X received Y`: the reception, of the trip."""
    anchor = happening.anchor
    if anchor.definite and happening.mentions and happening.mentions[0] is not anchor:
        return None
    sent = sentence(doc, anchor.cue_start)
    for other in happenings:
        if other is happening:
            continue
        for mention in other.mentions:
            if mention.start < sent.start or mention.end > anchor.start:
                continue
            if mention is other.anchor and other.kind not in MOVING_KINDS:
                continue  # `at a reception, a workshop`: two happenings, not one inside the other
            before = doc[max(sent.start, mention.start - 3) : mention.start].text
            after = doc[mention.end : min(sent.end, mention.end + 2)].text
            if SUBEVENT_RE.search(before) or SUBEVENT_AFTER_RE.match(after):
                return other
    return None


def _inherit(doc: Doc, happening: Happening, earlier: list[Happening]) -> None:
    """Date and place from the event this one is part of; with no place yet, the place of the
    event reported just before on the same day (`received X ... witnessed the signing`), else
    the article's main locality (not for visits and trips, which go elsewhere). A tie made
    in a year or month of its own inherits nothing: it was not made where the story is."""
    if (happening.from_tie or happening.partnerships) and not _day(happening.date):
        return
    parent, seen = happening.parent, {id(happening)}
    while parent is not None and id(parent) not in seen:
        seen.add(id(parent))
        if happening.date is None and parent.date is not None:
            happening.date, happening.end, happening.date_how = (
                parent.date,
                parent.end,
                parent.date_how,
            )
        if happening.locality is None:
            happening.locality = parent.locality
        parent = parent.parent
    if happening.locality is not None or happening.kind in MOVING_KINDS:
        return
    before = earlier[-1] if earlier else None
    if before is not None and before.locality and happening.date in (None, before.date):
        happening.locality = before.locality
    elif not happening.from_tie or _day(happening.date):
        # ... but a tie made years ago was not made where the story is.
        view = TokenView.of(doc)
        happening.locality = view.memo("events.main_locality", lambda: main_locality(doc))
