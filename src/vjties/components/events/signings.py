"""Resolution, part three: the making of a dated tie is an event on the timeline.

Every established tie of the document (the partnerships component's records, read, never
changed) whose date the text gives as the date of its making (`signed an MoU in May 2012`,
`became sister cities in 1999`, `established cooperative relations with X in 2019`) gives a
`signing` happening on that date, which names the ties it made (`Event.partnerships`; the
partnership lists it back in `events`, see `vjties.dataset.link_events`). One happening per
date: a ceremony that signs four MoUs is one signing. A date the text gives for something
else (`since 2014`, `began cooperating in 2020`, an anniversary's span) is no making.

Why apart: the other happenings come from the words of events (`a reception`, `received`);
these come from the ties, whose date rules live in the partnerships component.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from vjties.components.events.cues import MAKING_WORDS, NOT_MAKING_BEFORE, NOT_MAKING_WORDS
from vjties.components.events.mentions import Mention, sentence
from vjties.tokens import TokenView


def tie_signings(doc: Doc) -> list[tuple[Mention, tuple[str, str | None, str | None], list[str]]]:
    """(mention, date, tie ids) of each making the document dates, one per date, in text
    order; the mention is the word of making nearest the first date that gave it."""
    view = TokenView.of(doc)
    found: dict[str, tuple[Mention, tuple[str, str | None, str | None], list[str]]] = {}
    for tie in doc._.partnerships or []:
        if not isinstance(tie, dict) or tie.get("status") != "established":
            continue
        for claim in tie.get("dates") or []:
            made = _making(doc, view, claim)
            if made is None:
                continue
            value = str(claim["date"])
            if value in found:
                if tie["id"] not in found[value][2]:
                    found[value][2].append(tie["id"])
                continue
            found[value] = (made, (value, None, claim.get("how")), [str(tie["id"])])
    return sorted(found.values(), key=lambda item: item[0].start)


def _making(doc: Doc, view: TokenView, claim: dict[str, Any]) -> Mention | None:
    """The mention of the making a date claim dates: the word of making (`signed`, `became`,
    `establishment`) in the date's sentence nearest the date (the partnerships component
    tied the date to the tie); None if the sentence has none, or speaks of a beginning or an
    anniversary, or the date says when something else began (`since 2014`)."""
    evidence = claim.get("evidence") or {}
    span = doc.char_span(evidence.get("start", 0), evidence.get("end", 0), alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.start > 0 and view.lower(span.start - 1) in NOT_MAKING_BEFORE:
        return None
    sent = sentence(doc, span.start)
    low, high = sent.start, sent.end
    words = [i for i in range(low, high) if view.lower(i) in MAKING_WORDS]
    if not words or any(view.lower(i) in NOT_MAKING_WORDS for i in range(low, high)):
        return None
    i = min(words, key=lambda k: (abs(k - span.start), k))
    return Mention("signing", i, i + 1, i, i + 1, False, True, verbal=True)
