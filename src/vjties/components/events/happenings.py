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
    locality_for,
    participants,
)
from vjties.components.events.cues import (
    GENERIC_KINDS,
    MOVING_KINDS,
    NAMED_ONLY,
    REFERS_TO,
    SUBEVENT_AFTER_RE,
    SUBEVENT_RE,
)
from vjties.components.events.mentions import Mention, sentence
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

    def set_date(self, date: DateValue) -> None:
        """Take `date` (value, end, how) as this happening's date."""
        self.date, self.end, self.date_how = date


def group_mentions(doc: Doc, mentions: list[Mention]) -> list[Happening]:
    """The happenings `mentions` report, in text order, with their date, place, parent and
    participants; weak ones (see `_weak`) left out."""
    dates = date_spans(doc)
    happenings = _introduce(doc, mentions, dates)
    _attach_references(doc, mentions, dates, happenings)
    for happening in happenings:
        happening.mentions.sort(key=lambda m: m.start)
        happening.parent = _parent(doc, happening, happenings)
    happenings.sort(key=lambda h: h.mentions[0].start)
    for index, happening in enumerate(happenings):
        _inherit(doc, happening, happenings[:index])
        happening.participants = participants(doc, happening.mentions)
    return [h for h in happenings if not _weak(h)]


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
    # The sentence after: only line breaks (sentences of their own) may stand between.
    view = TokenView.of(doc)
    gap_start, gap_end = sentence(doc, last).end, sentence(doc, mention.start).start
    return (
        visit
        if all(view.is_space(i) or view.is_punct(i) for i in range(gap_start, gap_end))
        else None
    )


def _weak(happening: Happening) -> bool:
    """No date, no name and no place (`During the trip, ...` with nothing before it): too
    little to report, unless a specific kind of event has participants."""
    if happening.date or happening.end or happening.name or happening.locality:
        return False
    return happening.kind in GENERIC_KINDS or not happening.participants


def _parent(doc: Doc, happening: Happening, happenings: list[Happening]) -> Happening | None:
    """`Within the framework of the workshop, a forum ...`: the forum is part of the workshop."""
    anchor = happening.anchor
    if anchor.definite:
        return None
    sent = sentence(doc, anchor.cue_start)
    for other in happenings:
        if other is happening:
            continue
        for mention in other.mentions:
            if mention.start < sent.start or mention.end > anchor.start or mention is other.anchor:
                continue
            before = doc[max(sent.start, mention.start - 3) : mention.start].text
            after = doc[mention.end : min(sent.end, mention.end + 2)].text
            if SUBEVENT_RE.search(before) or SUBEVENT_AFTER_RE.match(after):
                return other
    return None


def _inherit(doc: Doc, happening: Happening, earlier: list[Happening]) -> None:
    """Date and place from the event this one is part of; with no place yet, the place of the
    event reported just before on the same day (`received X ... witnessed the signing`), else
    the article's main locality (not for visits and trips, which go elsewhere)."""
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
    else:
        happening.locality = main_locality(doc)
