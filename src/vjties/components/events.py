"""Events: `doc._.events` (Event records) and `doc.spans["events"]` (every mention; kb_id_ =
the index of its record in `doc._.events`).

A `PhraseMatcher` finds event nouns (resources/event_kinds.json). A noun is an event only
when the text reports it as a happening: a frame before it (`At a reception`, `hosted a
workshop`, `Addressing the event`), a frame after it (`a forum ... was held`), or a name
(`the "Meet Japan 2023" programme`). Plurals (`meetings`), verbs (`meeting the demand`),
compounds (`the conference hall`), plans (`hope to hold a festival`) and names of
organizations (`the Vietnam-Japan Forum Association`) are not events. Verbs of receiving,
meeting and visiting with an official or a delegation (`X received Governor Y`, `the
delegation visited Hai Phong`) are receptions, meetings and visits.

One event per happening: an indefinite or named mention starts an event; a definite one
(`the reception`, `the event`, a caption `At the reception`, `At the talks` after a
reception) is a further mention of the nearest event it can refer to. Each event takes its
date and place from the clause that introduces it; an event held `within the framework of`
(or `at`, `on the sidelines of`) another takes the other's date and place when it states
none. With no place stated, an event takes the place of the event reported just before it
on the same day, else the dateline's (not visits and trips, which go elsewhere).
Participants are the officials named in the sentences of its mentions.

A receiving or welcoming frame with no date of its own right after a visit to the same
place (`paid a courtesy visit to Gifu on October 12. Receiving the delegation, ...`) is the
host's side of that visit, a further mention of it; a locality that is the subject of a
verb of receiving (`The province of X on Thursday welcomed a delegation`) is where the
reception happened. An event with no date, name or place is dropped unless it is of a
specific kind (not a bare visit, trip or ceremony) and has participants.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from vjties import ids, keys, lexicon
from vjties.components.dates import SentenceIndex, is_name_year, positions
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate
from vjties.text import fold

DETERMINERS = {"a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "another"}
INDEFINITE = {"a", "an", "another"}
# Words right before the noun phrase that report it as happening.
FRAMES_BEFORE = {
    "at", "during", "after", "following", "addressing", "addressed", "attending", "attended",
    "chaired", "co-chaired", "chairing", "held", "holds", "hosted", "hosts", "hosting", "organised", "organized", "organises", "organizes", "co-organised",
    "co-organized", "opened", "opens", "had", "has", "paid", "pays", "made", "makes", "joined",
    "joins", "concluded", "wrapped", "launched", "staged", "convened", "throughout", "on",
    "closing", "opening", "celebrated", "witnessed", "witnessing",
}  # fmt: skip
FRAMES_BEFORE_OF = {"framework", "sidelines", "sideline", "occasion", "side", "margins", "part"}
# `... was held`, `... took place` after the noun phrase (within the sentence).
FRAME_AFTER_RE = re.compile(
    r"^[^.;]{0,160}?\b(?:(?:was|were|is|are|will\s+be|has\s+been|have\s+been|had\s+been|being)"
    r"\s+(?:\w+\s+)?(?:held|organi[sz]ed|co-organi[sz]ed|hosted|co-hosted|convened|opened|"
    r"staged|launched|attended)|took\s+place|takes\s+place|kicked\s+off|opened|closed)\b",
    re.IGNORECASE,
)
# `Within the framework of the workshop, a forum ...`, `At the festival, the two sides held
# talks`: an event introduced after a mention of another in the same sentence is part of it.
PLAN_RE = re.compile(
    r"\b(?:agree[ds]?|plans?|planned|planning|hopes?|hoped|propos\w*|suggest\w*|expect\w*|"
    r"intend\w*|want\w*|wish\w*|aim\w*)\b",
    re.IGNORECASE,
)
RELATIVE_START_RE = re.compile(r"^\s*(?:that|which)\b", re.IGNORECASE)
CLAUSE_END_RE = re.compile(
    r"\b(?:that|which|who|where|said|says|agreed|agrees|noted|decided|heard|discussed)\b",
    re.IGNORECASE,
)
SUBEVENT_RE = re.compile(
    r"(?:(?:framework|sidelines?|part|margins?)\s+of|\bat|\bduring|\bon|\bwithin|\bamid)\s*$",
    re.IGNORECASE,
)
VERB_KINDS = {
    "received": "reception", "receives": "reception", "welcomed": "reception",
    "welcomes": "reception", "hosted": "reception", "hosts": "reception", "met": "meeting",
    "meets": "meeting", "visited": "visit", "visits": "visit",
}  # fmt: skip
# Only opening a sentence: `Receiving the delegation, X said`.
PARTICIPLE_KINDS = {"receiving": "reception", "welcoming": "reception", "meeting": "meeting"}
# Words that may stand between `in`/`at` and the locality: `in the central city of Da Nang`.
PLACE_FILLERS = {
    "the", "central", "southern", "northern", "eastern", "western", "north", "south", "east",
    "west", "central-south", "north-central", "south-central", "northwest", "northeast",
    "southwest", "southeast", "city", "province", "prefecture", "of", "capital", "port",
    "coastal", "mountainous", "mekong", "delta", "highlands", "'s", "’s", "industrial", "hub",
    "region", "northern-central", "island", "town", "district",
    # country words and names with their possessive (`Japan's`): resources/countries.json
    *(word for word in lexicon.country_tokens() if word.isascii()),
    *(f"{name}'s" for name in lexicon.country_name_words()),
}  # fmt: skip
OBJECT_FILLERS = PLACE_FILLERS | {
    "visiting", "a", "an", "and", "provincial", "prefectural", "municipal", "people", "'s",
    "committee", "council", "party", "high-ranking", "high-level", "large", "business",
    "from", "led", "by", "-", "–", "to", "in", "general",
}  # fmt: skip
# `the conference hall`, `a meeting room`: the event noun only modifies another noun.
COMPOUND_HEADS = {
    "room", "rooms", "hall", "halls", "centre", "center", "venue", "point", "place", "minutes",
    "agenda", "organisers", "organizers", "committee", "board", "secretariat", "series",
    "season", "schedule", "space", "facilities", "tickets", "organising", "organizing",
}  # fmt: skip
VISIT_KINDS = {"visit", "trip", "courtesy_visit"}
# Kinds too general to report on their own without a date, a name or a place.
GENERIC_KINDS = {"visit", "trip", "ceremony"}
# What may stand between a host locality and its verb: `Hanoi on Thursday welcomed`.
SUBJECT_VERB_GAP = {
    "on", "in", "also", "recently", "warmly", "officially", "has", "have", "had", ",", "the",
    "this", "last", "morning", "afternoon", "evening", "week", "month",
}  # fmt: skip
# `held talks with`: the one event noun used without a determiner.
BARE_FRAMES = {"held", "holds", "had", "has", "hold"}
QUOTES = {'"', "“", "”", "'", "‘", "’", "«", "»"}
NAME_LINKS = {"on", "themed", "titled", "entitled", "named", "called", "dubbed", "with", "theme"}
DATE_BLOCK_BEFORE = {"since", "by", "until", "till", "before", "of", "to"}


def _load_kinds() -> tuple[dict[str, str], set[str], dict[str, str | None], list[str]]:
    """(cue -> kind, kinds that need a name, back-reference noun -> kind, non-events), from
    resources/event_kinds.json."""
    raw = lexicon.event_kinds()
    cue_kind: dict[str, str] = {}
    named_only: set[str] = set()
    for kind, spec in raw.kinds.items():
        for cue in spec.cues:
            cue_kind[cue] = kind
        if spec.needs_name:
            named_only.add(kind)
    return cue_kind, named_only, dict(raw.back_references), list(raw.not_events)


CUE_KIND, NAMED_ONLY, BACK_REFERENCES, NOT_EVENTS = _load_kinds()
# A definite `the ceremony` may be the signing ceremony reported before.
# `received X ... At the talks`: news calls one encounter a reception, a meeting, talks.
REFERS_TO: dict[str, tuple[str, ...]] = {
    "ceremony": ("signing",),
    "visit": ("courtesy_visit",),
    "trip": ("visit", "courtesy_visit"),  # `visited Hai Phong ... joined the trip`
    "meeting": ("reception", "working_session", "courtesy_visit"),
    "working_session": ("reception", "meeting"),
    "reception": ("meeting",),
}


@dataclass
class Mention:
    kind: str | None  # None: `the event`, any kind
    start: int  # token offsets of the noun phrase
    end: int
    cue_start: int
    cue_end: int
    definite: bool
    framed: bool
    name: str | None = None
    verbal: bool = False  # `X received Y`
    place: str | None = None  # locality id, for `the delegation visited Hai Phong`


@dataclass
class Happening:
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


class EventsExtractor:
    """Finds events and their mentions (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue, kind in CUE_KIND.items():
            self.matcher.add(kind, [nlp.make_doc(cue)])
        for noun in BACK_REFERENCES:
            self.matcher.add(f"BACK:{noun}", [nlp.make_doc(noun)])
        self.matcher.add("NOT", [nlp.make_doc(phrase) for phrase in NOT_EVENTS])
        self.verb_hashes = numpy.array(
            sorted({nlp.vocab.strings.add(w) for w in (*VERB_KINDS, *PARTICIPLE_KINDS)}),
            dtype=numpy.uint64,
        )

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[_SENTENCES] = _Context(doc)
        try:
            mentions = self.match(doc)
            happenings = self.resolve(doc, mentions)
            self.set_annotations(doc, happenings)
        finally:
            doc.user_data.pop(_SENTENCES, None)
        return doc

    # -- finding mentions -------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Mention]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        # Longest cue wins: `investment promotion conference` over `conference`.
        spans.sort(key=lambda s: (s.start, -len(s)))
        taken: set[int] = set()
        organizations = _token_set(doc, keys.ORGANIZATIONS)
        mentions = []
        for span in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if in_boilerplate(doc, span.start_char, span.end_char):
                continue
            if span.label_ == "NOT":
                taken.update(range(span.start, span.end))
                continue
            mention = self.mention(doc, span, organizations)
            if mention is not None:
                taken.update(range(span.start, span.end))
                mentions.append(mention)
        mentions.extend(self.verbal_mentions(doc, taken))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def mention(self, doc: Doc, cue: Span, organizations: set[int]) -> Mention | None:
        label = cue.label_
        kind: str | None
        if label.startswith("BACK:"):
            kind = BACK_REFERENCES[label[5:]]
            back = True
        else:
            kind, back = label, False
        nxt = doc[cue.end] if cue.end < len(doc) else None
        if nxt is not None and nxt.lower_ in DETERMINERS and nxt.lower_ != "that":
            return None  # a verb: `meeting the demand`, `visit the city`
        if nxt is not None and nxt.lower_ in COMPOUND_HEADS:
            return None
        if label == "BACK:occasion" and nxt is not None and nxt.lower_ == "of":
            return None  # `on the occasion of the anniversary`
        if any(i in organizations for i in range(cue.start, cue.end)):
            return None
        titled = cue[-1].is_title and not _titlecase_sentence(_sent(doc, cue.start))
        if titled and nxt is not None and nxt.is_title and not nxt.is_sent_start:
            return None  # `Forum Association`, `Conference Center`
        start, determiner = _noun_phrase_start(doc, cue)
        name, name_start = _name(doc, cue, start, titled)
        if determiner is None and name_start is not None:
            start = name_start
        bare = (
            cue.text.lower() == "talks"
            and cue.start > 0
            and doc[cue.start - 1].lower_ in BARE_FRAMES
        )
        if determiner is None and name is None and not bare:
            return None
        if back and (name is not None or determiner is None or determiner.lower_ in INDEFINITE):
            return None
        if kind in NAMED_ONLY and name is None:
            back = True  # only `the programme` referring to a named one
        definite = back or (determiner is not None and determiner.lower_ not in INDEFINITE)
        if name is None and _in_title(doc, cue.start):
            definite = True  # `Hanoi, Fukuoka hold talks`: the story below reports it
        framed = _framed_before(doc, start, back) or _framed_after(doc, cue)
        if not framed and not (definite and _possessive_after(doc, cue)):
            return None
        return Mention(kind, start, cue.end, cue.start, cue.end, definite, framed, name)

    def verbal_mentions(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """`Chairman X received Governor Y`, `X met with Ambassador Y`, `Receiving the delegation,`."""
        officials = _ctx(doc).group(keys.OFFICIALS)
        starts = {span.start: span for span in officials}
        found: list[Mention] = []
        array = _ctx(doc).array
        if array is None:
            return found
        lowers = array[:, 0]
        for i in positions(lowers, self.verb_hashes):
            token = doc[i]
            lower = token.lower_
            if lower in VERB_KINDS:
                kind = VERB_KINDS[lower]
            elif lower in PARTICIPLE_KINDS and token.is_sent_start:
                kind = PARTICIPLE_KINDS[lower]
            else:
                continue
            if token.i in taken or in_boilerplate(doc, token.idx, token.idx + len(token)):
                continue
            if kind == "visit":
                found.extend(_visited(doc, token, officials))
                continue
            target = _received(doc, token, starts)
            if target is not None:
                found.append(
                    Mention(
                        kind, token.i, target.end, token.i, token.i + 1, False, True, verbal=True
                    )
                )
        return found

    # -- grouping mentions into happenings --------------------------------------------------

    def resolve(self, doc: Doc, mentions: list[Mention]) -> list[Happening]:
        happenings: list[Happening] = []
        dates = _date_spans(doc)
        for mention in mentions:
            if mention.definite and mention.name is None:
                continue
            if mention.kind is None:
                continue
            date = _date_for(doc, mention, mentions, dates)
            same = next((h for h in happenings if _same(h, mention, date)), None)
            if same is not None:
                same.mentions.append(mention)
                if same.date is None and date is not None:
                    same.date, same.end, same.date_how = date
                same.name = same.name or mention.name
                continue
            locality = mention.place or _locality_for(doc, mention, mentions)
            visit = _visit_received(doc, mention, date, locality, happenings)
            if visit is not None:
                visit.mentions.append(mention)  # `Receiving the delegation, X said`
                continue
            happening = Happening(mention.kind, mention, name=mention.name, mentions=[mention])
            if date is not None:
                happening.date, happening.end, happening.date_how = date
            happening.locality = locality
            happenings.append(happening)
        for mention in mentions:
            if not (mention.definite and mention.name is None):
                continue
            target = _antecedent(mention, happenings)
            date = _date_for(doc, mention, mentions, dates, max_gap=4)
            if target is not None and date is not None and target.date not in (None, date[0]):
                target = None  # `the reception on May 3` after one on May 1: another reception
            if target is not None and target.date is None and date is not None:
                target.date, target.end, target.date_how = date
            if target is None and mention.kind is not None and mention.framed:
                if mention.kind in NAMED_ONLY:
                    continue
                target = Happening(mention.kind, mention, mentions=[])
                if date is not None:
                    target.date, target.end, target.date_how = date
                target.locality = _locality_for(doc, mention, mentions)
                happenings.append(target)
            if target is not None:
                target.mentions.append(mention)
        for happening in happenings:
            happening.mentions.sort(key=lambda m: m.start)
            happening.parent = _parent(doc, happening, happenings)
        happenings.sort(key=lambda h: h.mentions[0].start)
        for index, happening in enumerate(happenings):
            _inherit(doc, happening, happenings[:index])
            happening.participants = _participants(doc, happening)
        return [h for h in happenings if not _weak(h)]

    def set_annotations(self, doc: Doc, happenings: list[Happening]) -> None:
        records: list[dict[str, Any]] = []
        group: list[Span] = []
        used: set[str] = set()
        name = _ctx(doc).doc_id
        for happening in sorted(happenings, key=lambda h: h.mentions[0].start):
            base = ids.event_id(name, happening.name or happening.kind, happening.date)
            event_id = ids.numbered(base, used)
            spans = [
                # kb_id is the record's index (see figures: ids would grow spaCy's strings).
                Span(doc, m.start, m.end, label=happening.kind, kb_id=str(len(records)))
                for m in happening.mentions
            ]
            group.extend(spans)
            records.append(
                {
                    "id": event_id,
                    "kind": happening.kind,
                    "name": happening.name,
                    "date": happening.date,
                    "end": happening.end,
                    "date_how": happening.date_how,
                    "locality": happening.locality,
                    "participants": sorted(happening.participants),
                    "evidence": _evidence(doc, spans[0]),
                    "mentions": [_evidence(doc, s) for s in spans],
                }
            )
        doc.spans[keys.EVENTS] = sorted(group, key=lambda s: (s.start, s.end))
        doc._.events = records


# -- helpers ---------------------------------------------------------------------------------

_SENTENCES = "vjties.events.sentences"


class _Context:
    """What the helpers look up again and again in one Doc, computed once per call."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # One `to_array` for what the helpers read: LOWER, ORTH, SENT_START.
        self.array = doc.to_array([LOWER, ORTH, SENT_START]) if len(doc) else None
        self.sentences = SentenceIndex(doc, self.array[:, 2] if self.array is not None else None)
        self.spans: dict[int, Span] = {}  # sentence start -> sentence
        self.title: dict[int, bool] = {}  # sentence start -> whether it is the headline
        self.groups: dict[str, list[Span]] = {}
        self.quotes: list[int] | None = None
        self.doc_id = doc_id(doc)

    def sent(self, i: int) -> Span:
        start, end = self.sentences.bounds(i)
        span = self.spans.get(start)
        if span is None:
            span = self.spans[start] = self.doc[start:end]
        return span

    def group(self, name: str) -> list[Span]:
        spans = self.groups.get(name)
        if spans is None:
            spans = self.groups[name] = list(self.doc.spans[name]) if name in self.doc.spans else []
        return spans

    def quote_positions(self) -> list[int]:
        if self.quotes is None:
            hashes = [self.doc.vocab.strings[q] for q in ('"', "“", "”")]
            if self.array is None:
                return []
            orths = self.array[:, 1]
            self.quotes = positions(orths, numpy.array(sorted(hashes), dtype=numpy.uint64))
        return self.quotes


def _ctx(doc: Doc) -> _Context:
    """The context `EventsExtractor.__call__` set up (and removes, so that the Doc stays
    serialisable); a fresh one, not kept, for a helper called outside it."""
    context = doc.user_data.get(_SENTENCES)
    if not isinstance(context, _Context) or context.doc is not doc:
        return _Context(doc)
    return context


def _sent(doc: Doc, i: int) -> Span:
    """The sentence of token `i` (`Token.sent` rescans the whole Doc on every call)."""
    return _ctx(doc).sent(i)


def _in_title(doc: Doc, i: int) -> bool:
    context = _ctx(doc)
    sent = context.sent(i)
    known = context.title.get(sent.start)
    if known is None:
        title = (doc._.meta or {}).get("title")
        known = context.title[sent.start] = (
            bool(title) and _text(doc, sent.start, sent.end).strip() == str(title).strip()
        )
    return known


def _evidence(doc: Doc, span: Span) -> dict[str, Any]:
    return evidence(doc, span.start_char, span.end_char, _ctx(doc).doc_id)


def _text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, sliced from the cached text instead of rebuilt from tokens."""
    if start >= end:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx : last.idx + len(last)]


def _token_set(doc: Doc, group: str) -> set[int]:
    if group not in doc.spans:
        return set()
    return {i for span in doc.spans[group] for i in range(span.start, span.end)}


def _titlecase_sentence(sent: Span) -> bool:
    """Headlines in Title Case: a capital letter does not make a name there."""
    if sent[-1].is_punct and sent[-1].text not in QUOTES:
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) > 0.7


def _noun_phrase_start(doc: Doc, cue: Span) -> tuple[int, Token | None]:
    """Walk left over modifiers (`a high-level`, `the "Meet Japan 2023"`) to a determiner."""
    i = cue.start - 1
    sent_start = _sent(doc, cue.start).start
    in_quote = False
    steps = 0
    while i >= sent_start and steps < 12:
        token = doc[i]
        if token.text in QUOTES:
            in_quote = not in_quote
        elif in_quote:
            pass
        elif token.lower_ in DETERMINERS:
            return i, token
        elif token.text in {"'s", "’s"}:
            return i + 1, token
        elif not (
            token.is_title
            or token.like_num
            or token.text in {"-", "–", "—"}
            or (token.is_alpha and token.is_lower and not token.is_stop and steps < 3)
        ):
            break
        i -= 1
        steps += 1
    return cue.start, None


def _name(doc: Doc, cue: Span, start: int, titled: bool) -> tuple[str | None, int | None]:
    """`the "Meet Japan 2023" programme`, `a forum on "..."`, `the Vietnam-Japan Festival`.

    Returns the name and, when the name stands before the noun, where it starts.
    """
    before = doc[start : cue.start]
    quoted = _quoted(before)
    if quoted:
        return quoted, None
    j = cue.end
    if j < len(doc) and doc[j].lower_ in NAME_LINKS:
        j += 1
        while j < len(doc) and doc[j].lower_ in {"the", "theme", "of", ":"}:
            j += 1
    if j < len(doc) and doc[j].text in QUOTES:
        close = next(
            (k for k in range(j + 1, min(len(doc), j + 40)) if doc[k].text in QUOTES), None
        )
        if close is not None and close > j + 1:
            return doc[j + 1 : close].text, None
    run = cue.start
    sent_start = _sent(doc, cue.start).start
    while run > sent_start and (
        doc[run - 1].is_title or doc[run - 1].like_num or doc[run - 1].text in {"-", "–"}
    ):
        if doc[run - 1].lower_ in DETERMINERS or doc[run - 1].is_sent_start:
            break
        run -= 1
    if run < cue.start and not titled and doc[cue.start - 1].like_num:
        return doc[run : cue.start].text, run  # `Meet Japan 2023 programme`
    if titled and run < cue.start:
        end = cue.end
        if end < len(doc) and re.fullmatch(r"(?:19|20)\d\d", doc[end].text):
            end += 1
        return doc[run:end].text, run
    return None, None


def _quoted(span: Span) -> str | None:
    quotes = [t.i for t in span if t.text in QUOTES]
    if len(quotes) >= 2 and quotes[-1] - quotes[0] > 1:
        return span.doc[quotes[0] + 1 : quotes[-1]].text
    return None


def _framed_before(doc: Doc, start: int, back: bool = False) -> bool:
    """A word before the noun phrase reports it as happening; `on` frames only visits and
    trips (`on a working visit`) and references back (`on the occasion`)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in {"also", "jointly", "successfully", "recently", "just", ","}:
        i -= 1
    if i < 0:
        return False
    prev = doc[i]
    if prev.lower_ in FRAMES_BEFORE:
        return prev.lower_ != "on" or back or _on_visit(doc, start)
    return prev.lower_ == "of" and i > 0 and doc[i - 1].lower_ in FRAMES_BEFORE_OF


def _on_visit(doc: Doc, start: int) -> bool:
    return any(t.lower_ in {"visit", "trip", "tour"} for t in doc[start : min(len(doc), start + 4)])


def _framed_after(doc: Doc, cue: Span) -> bool:
    """`a forum ... was held`, `a festival that will be held`, but not `The conference agreed
    that a festival will be held`: the clause ends at a reporting verb or a new clause."""
    sent = _sent(doc, cue.start)
    rest = _text(doc, cue.end, sent.end)
    if not RELATIVE_START_RE.match(rest):
        rest = CLAUSE_END_RE.split(rest, maxsplit=1)[0]
    frame = FRAME_AFTER_RE.match(rest)
    if frame is None:
        return False
    # `agreed that a festival will be held`: a plan, not a happening.
    return not (
        "will" in frame.group().lower() and PLAN_RE.search(_text(doc, sent.start, cue.start))
    )


def _possessive_after(doc: Doc, cue: Span) -> bool:
    return cue.end < len(doc) and doc[cue.end].text in {"'s", "’s"}


def _visited(doc: Doc, verb: Token, officials: Any) -> list[Mention]:
    """`The delegation led by Governor X visited Hai Phong on May 3`: a visit to a locality by
    officials or a delegation named before the verb in the same sentence."""
    sent = _sent(doc, verb.i)
    visitors = any(sent.start <= s.start and s.end <= verb.i for s in officials) or any(
        t.lower_ in {"delegation", "delegations"} for t in doc[sent.start : verb.i]
    )
    if not visitors:
        return []
    for span in _ctx(doc).group(keys.LOCALITIES):
        if span.kb_id_ and verb.i < span.start <= verb.i + 6 and span.end <= sent.end:
            between = doc[verb.i + 1 : span.start]
            if all(t.lower_ in PLACE_FILLERS for t in between):
                return [
                    Mention(
                        "visit",
                        verb.i,
                        span.end,
                        verb.i,
                        verb.i + 1,
                        False,
                        True,
                        verbal=True,
                        place=str(span.kb_id_),
                    )
                ]
    return []


def _received(doc: Doc, verb: Token, official_starts: dict[int, Span]) -> Span | None:
    """The official or delegation a verb of receiving/meeting takes: `received visiting
    Governor of Shizuoka prefecture Kawakatsu Heita`, `met with a delegation from Gunma`."""
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ == "with":
        j += 1
    sent_end = _sent(doc, verb.i).end
    for k in range(j, min(sent_end, j + 14)):
        token = doc[k]
        target = official_starts.get(k)
        if target is None and token.lower_ in {"delegation", "delegations"}:
            target = doc[k : k + 1]
        if target is not None:
            after = doc[target.end] if target.end < len(doc) else None
            return None if after is not None and after.text in {"'s", "’s"} else target
        if not (token.is_title or token.is_upper or token.lower_ in OBJECT_FILLERS):
            return None
    return None


def _date_spans(doc: Doc) -> list[Span]:
    spans = _ctx(doc).group(keys.DATES)
    return [s for s in spans if not is_name_year(s)]


def _date_for(
    doc: Doc, mention: Mention, mentions: list[Mention], dates: list[Span], max_gap: int = 0
) -> tuple[str, str | None, str | None] | None:
    """The date of the clause that introduces the event: after the noun first, then before.

    With `max_gap`, only a date at most that many tokens away (`the reception on May 3`).
    """
    floor, limit = _clause(doc, mention, mentions)
    if max_gap:
        floor, limit = (
            max(floor, mention.start - max_gap - 3),
            min(limit, mention.end + max_gap + 3),
        )
    candidates = [s for s in dates if mention.end <= s.start < limit]
    candidates += [s for s in reversed(dates) if floor <= s.start and s.end <= mention.start]
    records = {r["evidence"]["start"]: r for r in doc._.dates or []}
    for span in candidates:
        if span.start > 0 and doc[span.start - 1].lower_ in DATE_BLOCK_BEFORE:
            continue
        record = records.get(span.start_char)
        if record is None or (not record.get("value") and not record.get("end")):
            continue
        value = record.get("value")
        if value is None:  # `between now and 2030` with no publication date
            continue
        if re.fullmatch(r"\d{4}(?:-\d\d)?", value) and not (
            span.start > 0 and doc[span.start - 1].lower_ in {"in", "during"}
        ):
            continue
        return value, record.get("end"), record.get("how")
    return None


def _clause(doc: Doc, mention: Mention, mentions: list[Mention]) -> tuple[int, int]:
    """The stretch of the sentence that belongs to `mention`: up to the next event noun that
    starts an event, and back to the end of the one before."""
    sent = _sent(doc, mention.cue_start)
    later = [m.start for m in mentions if mention.end < m.start < sent.end and not m.definite]
    earlier = [
        m.end
        for m in mentions
        if sent.start <= m.start and m.end <= mention.start and not m.definite
    ]
    return (max(earlier) if earlier else sent.start), (min(later) if later else sent.end)


def _locality_for(doc: Doc, mention: Mention, mentions: list[Mention]) -> str | None:
    """`in Hanoi`, `held in the southern province of Binh Duong`, `a visit to Aichi`,
    `Da Nang hosted a ...`; after the event noun first, then before it."""
    localities = [s for s in _ctx(doc).group(keys.LOCALITIES) if s.kb_id_]
    if not localities:
        return None
    floor, limit = _clause(doc, mention, mentions)
    preps = {"in", "at"} | (
        {"to"} if mention.kind in {"visit", "trip", "courtesy_visit"} else set()
    )
    after = [s for s in localities if mention.end <= s.start and s.end <= limit]
    before = [s for s in reversed(localities) if floor <= s.start and s.end <= mention.start]
    for span in after + before:
        if _inside_quotes(doc, span) or (mention.verbal and span.start < mention.start):
            continue
        if _introduced_by(doc, span, preps if span.start >= mention.end else {"in", "at"}):
            return str(span.kb_id_)
    subject = _host_subject(doc, mention, before)
    if subject is not None:
        return subject
    host = _host_before(doc, mention.start)
    for span in before:
        if span.end == host:
            return str(span.kb_id_)
    return None


def _visit_received(
    doc: Doc,
    mention: Mention,
    date: tuple[str, str | None, str | None] | None,
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
    if visit.kind not in VISIT_KINDS or locality not in (None, visit.locality):
        return None
    # The sentence after: only line breaks (sentences of their own) may stand between.
    gap = doc[_sent(doc, last).end : _sent(doc, mention.start).start]
    return visit if all(t.is_space or t.is_punct for t in gap) else None


def _host_subject(doc: Doc, mention: Mention, before: list[Span]) -> str | None:
    """`The southern province of Ba Ria-Vung Tau on Thursday welcomed a delegation`: the
    locality that is the subject of a verb of receiving or meeting is where it happened."""
    if not (mention.verbal and mention.kind in {"reception", "meeting"}):
        return None
    sent = _sent(doc, mention.start)
    dates = {i for s in _ctx(doc).group(keys.DATES) for i in range(s.start, s.end)}
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


def _weak(happening: Happening) -> bool:
    """No date, no name and no place (`During the trip, ...` with nothing before it): too
    little to report, unless a specific kind of event has participants."""
    if happening.date or happening.end or happening.name or happening.locality:
        return False
    return happening.kind in GENERIC_KINDS or not happening.participants


def _host_before(doc: Doc, start: int) -> int | None:
    """`Da Nang hosted a festival`: the token index where the host's name ends."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in {"also", "successfully", "recently", "jointly"}:
        i -= 1
    if i >= 0 and doc[i].lower_ in {"hosted", "hosts", "organised", "organized", "held", "holds"}:
        return i
    return None


def _inside_quotes(doc: Doc, span: Span) -> bool:
    sent = _sent(doc, span.start)
    quotes = _ctx(doc).quote_positions()
    return (bisect_left(quotes, span.start) - bisect_left(quotes, sent.start)) % 2 == 1


def _introduced_by(doc: Doc, span: Span, preps: set[str]) -> bool:
    i = span.start - 1
    while i >= 0 and span.start - i <= 7:
        token = doc[i]
        if token.lower_ in preps:
            return True
        if token.lower_ not in PLACE_FILLERS:
            return False
        i -= 1
    return False


def _same(
    happening: Happening, mention: Mention, date: tuple[str, str | None, str | None] | None
) -> bool:
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


def _parent(doc: Doc, happening: Happening, happenings: list[Happening]) -> Happening | None:
    """`Within the framework of the workshop, a forum ...`: the forum is part of the workshop."""
    anchor = happening.anchor
    if anchor.definite:
        return None
    sent = _sent(doc, anchor.cue_start)
    for other in happenings:
        if other is happening:
            continue
        for mention in other.mentions:
            if mention.start < sent.start or mention.end > anchor.start or mention is other.anchor:
                continue
            before = doc[max(sent.start, mention.start - 3) : mention.start].text
            after = doc[mention.end : min(sent.end, mention.end + 2)].text
            if SUBEVENT_RE.search(before) or re.match(
                r"^(?:'s|’s)\s+(?:framework|sidelines)", after
            ):
                return other
    return None


def _inherit(doc: Doc, happening: Happening, earlier: list[Happening]) -> None:
    """Date and place from the event this one is part of; with no place yet, the place of the
    event reported just before on the same day (`received X ... witnessed the signing`), else
    the dateline's (not for visits and trips, which go elsewhere)."""
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
    if happening.locality is not None or happening.kind in {"visit", "trip", "courtesy_visit"}:
        return
    before = earlier[-1] if earlier else None
    if before is not None and before.locality and happening.date in (None, before.date):
        happening.locality = before.locality
    else:
        happening.locality = _dateline_locality(doc)


def _dateline_locality(doc: Doc) -> str | None:
    dateline = (doc._.meta or {}).get("dateline")
    if not dateline or keys.LOCALITIES not in doc.spans:
        return None
    key = fold(str(dateline))
    for span in doc.spans[keys.LOCALITIES]:
        if span.kb_id_ and fold(span.text) == key:
            return str(span.kb_id_)
    return None


def _participants(doc: Doc, happening: Happening) -> set[str]:
    officials = _ctx(doc).group(keys.OFFICIALS)
    if not officials:
        return set()
    sentences = {(s.start, s.end) for s in (_sent(doc, m.cue_start) for m in happening.mentions)}
    return {
        str(span.kb_id_)
        for span in officials
        if span.kb_id_ and any(s <= span.start and span.end <= e for s, e in sentences)
    }


@Language.factory(
    "vjties_events",
    assigns=["doc.spans", "doc._.events"],
    requires=[
        "doc.spans",
        "doc._.dates",
        "doc._.officials",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
    ],
)
def make_events(nlp: Language, name: str) -> EventsExtractor:
    return EventsExtractor(nlp)
