"""Recognition: the mentions of events in a Doc, before any is grouped into a happening.

A `PhraseMatcher` finds event nouns (resources/event_kinds.json). A noun is an event only
when the text reports it as a happening: a frame before it (`At a reception`, `hosted a
workshop`, `Addressing the event`), a frame after it (`a forum ... was held`), or a name
(`the "Meet Japan 2023" programme`). Plurals (`meetings`), verbs (`meeting the demand`),
compounds (`the conference hall`), plans (`hope to hold a festival`) and names of
organizations (`the Vietnam-Japan Forum Association`) are not events. Verbs of receiving,
meeting and visiting with an official or a delegation (`X received Governor Y`, `the
delegation visited Hai Phong`) are receptions, meetings and visits.

Why apart from resolution: whether words name a happening is a question about the words
around one noun; which happening a mention belongs to is a question about the whole
article (`happenings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from vjties import keys
from vjties.components.events.cues import (
    BACK_REFERENCES,
    BARE_CUES,
    BARE_FRAMES,
    CLAUSE_END_RE,
    COMPOUND_HEADS,
    COORDINATED_WORK,
    CUE_KIND,
    DELEGATION_NOUNS,
    DETERMINERS,
    FRAME_AFTER_RE,
    FRAME_SKIP_WORDS,
    FRAMES_BEFORE,
    FRAMES_BEFORE_IN,
    FRAMES_BEFORE_OF,
    FUTURE_WORDS,
    HOST_PHRASES,
    INDEFINITE,
    INSTRUMENT_FILLERS,
    INSTRUMENT_WORDS,
    NAME_LINK_FILLERS,
    NAME_LINKS,
    NAMED_ONLY,
    NOT_EVENTS,
    NOT_REFERENCES_BEFORE_OF,
    OBJECT_FILLERS,
    ON_FRAMES,
    ON_WORD,
    PARTICIPLE_KINDS,
    PARTICIPLE_OPENERS,
    PLACE_FILLERS,
    PLAN_RE,
    POSSESSIVES,
    QUOTES,
    RELATIVE_DETERMINERS,
    RELATIVE_START_RE,
    SIGNING_VERBS,
    VERB_KINDS,
    VERB_PARTICLES,
    VISITOR_TITLES,
)
from vjties.components.organizations import organization_spans
from vjties.tokens import TokenView

#: The label prefix of back-reference nouns in the matcher (`BACK:event`).
BACK = "BACK:"
#: The label of phrases that contain an event noun but are no event (`press conference`).
NOT = "NOT"
#: How far after a verb of receiving its official or delegation may start (tokens).
OBJECT_REACH = 14
#: How far after a verb of visiting the locality visited may start (tokens).
VISITED_REACH = 6
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass
class Mention:
    """One mention of an event: a noun phrase (`a working session`), a back-reference (`the
    event`) or a verb (`X received Y`)."""

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


def sentence(doc: Doc, i: int) -> Span:
    """The sentence of token `i` (`Token.sent` rescans the whole Doc on every call)."""
    return TokenView.of(doc).sentence_span(i)


class MentionFinder:
    """The event nouns and verbs of a Doc that report happenings (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue, kind in CUE_KIND.items():
            self.matcher.add(kind, [nlp.make_doc(cue)])
        for noun in BACK_REFERENCES:
            self.matcher.add(f"{BACK}{noun}", [nlp.make_doc(noun)])
        self.matcher.add(NOT, [nlp.make_doc(phrase) for phrase in NOT_EVENTS])
        self.verbs = (*VERB_KINDS, *PARTICIPLE_KINDS, *SIGNING_VERBS)

    def __call__(self, doc: Doc) -> list[Mention]:
        """Every mention, in text order: the longest cue wins where cues overlap
        (`investment promotion conference` over `conference`)."""
        view = TokenView.of(doc)
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        spans.sort(key=lambda s: (s.start, -len(s)))
        taken: set[int] = set()
        organizations = {i for span in organization_spans(doc) for i in range(span.start, span.end)}
        mentions = []
        for span in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if view.in_boilerplate(span.start, span.end):
                continue
            if span.label_ == NOT:
                taken.update(range(span.start, span.end))
                continue
            mention = noun_mention(doc, span, organizations)
            if mention is not None:
                taken.update(range(span.start, span.end))
                mentions.append(mention)
        mentions.extend(self.verbal_mentions(doc, taken))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def verbal_mentions(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """`Chairman X received Governor Y`, `X met with Ambassador Y`, `Receiving the delegation,`."""
        view = TokenView.of(doc)
        officials = view.spans(keys.OFFICIALS)
        starts = {span.start: span for span in officials}
        found: list[Mention] = []
        for i, kind, last in self._verbs(doc):
            if i in taken or view.in_boilerplate(i, last + 1):
                continue
            token = doc[i]
            if kind == "visit":
                found.extend(_visited(doc, token, officials))
                continue
            if kind == "signing":
                found.extend(_signed(doc, i))
                continue
            target = _received(doc, doc[last], starts)
            if target is not None:
                found.append(Mention(kind, i, target.end, i, last + 1, False, True, verbal=True))
        return found

    def _verbs(self, doc: Doc) -> list[tuple[int, str, int]]:
        """(first token, kind, last token) of each verb of receiving, meeting or visiting:
        a finite verb (`received`), a participle opening a sentence or after `while`/`when`
        (`Receiving the delegation,`, `while hosting Governor X`), a phrase (`played host to`)."""
        view = TokenView.of(doc)
        found = []
        for i in view.positions(self.verbs):
            lower = view.lower(i)
            if lower in VERB_KINDS:
                found.append((i, VERB_KINDS[lower], i))
            elif lower in SIGNING_VERBS:
                found.append((i, "signing", i))
            elif lower in PARTICIPLE_KINDS and (
                doc[i].is_sent_start or (i > 0 and view.lower(i - 1) in PARTICIPLE_OPENERS)
            ):
                found.append((i, PARTICIPLE_KINDS[lower], i))
        for phrase in HOST_PHRASES:
            for i in view.positions(phrase[:1]):
                if tuple(view.lower(k) for k in range(i, min(view.n, i + len(phrase)))) == phrase:
                    found.append((i, "reception", i + len(phrase) - 1))
        return sorted(found)


def noun_mention(doc: Doc, cue: Span, organizations: set[int]) -> Mention | None:
    """The mention an event noun makes, if the text reports it as a happening (or refers
    back to one): its noun phrase, name, definiteness and frame."""
    label = cue.label_
    kind: str | None
    if label.startswith(BACK):
        kind = BACK_REFERENCES[label[len(BACK) :]]
        back = True
    else:
        kind, back = label, False
    nxt = doc[cue.end] if cue.end < len(doc) else None
    if nxt is not None and nxt.lower_ in DETERMINERS and nxt.lower_ not in RELATIVE_DETERMINERS:
        return None  # a verb: `meeting the demand`, `visit the city`
    if nxt is not None and nxt.lower_ in COMPOUND_HEADS:
        return None
    if (
        back
        and label[len(BACK) :] in NOT_REFERENCES_BEFORE_OF
        and nxt is not None
        and nxt.lower_ == "of"
    ):
        return None  # `on the occasion of the anniversary`
    if any(i in organizations for i in range(cue.start, cue.end)):
        return None
    titled = cue[-1].is_title and not _titlecase_sentence(sentence(doc, cue.start))
    if titled and nxt is not None and nxt.is_title and not nxt.is_sent_start:
        return None  # `Forum Association`, `Conference Center`
    start, determiner = _noun_phrase_start(doc, cue)
    name, name_start = _name(doc, cue, start, titled)
    if determiner is None and name_start is not None:
        start = name_start
    bare = (
        cue.text.lower() in BARE_CUES and cue.start > 0 and doc[cue.start - 1].lower_ in BARE_FRAMES
    )
    if determiner is None and name is None and not bare:
        return None
    if back and (name is not None or determiner is None or determiner.lower_ in INDEFINITE):
        return None
    if kind in NAMED_ONLY and name is None:
        back = True  # only `the programme` referring to a named one
    definite = back or (determiner is not None and determiner.lower_ not in INDEFINITE)
    if name is None and in_title(doc, cue.start):
        definite = True  # `Hanoi, Fukuoka hold talks`: the story below reports it
    framed = _framed_before(doc, start, back) or _framed_after(doc, cue)
    if not framed and not (definite and _possessive_after(doc, cue)):
        return None
    return Mention(kind, start, cue.end, cue.start, cue.end, definite, framed, name)


def in_title(doc: Doc, i: int) -> bool:
    """Whether token `i` is in the headline (the sentence that is the document's title)."""
    view = TokenView.of(doc)
    sent = sentence(doc, i)

    def is_title() -> bool:
        """Whether the sentence is the title, computed once per sentence."""
        title = (doc._.meta or {}).get("title")
        return bool(title) and view.span_text(sent.start, sent.end).strip() == str(title).strip()

    return view.memo(("events.in_title", sent.start), is_title)


def _titlecase_sentence(sent: Span) -> bool:
    """Headlines in Title Case: a capital letter does not make a name there."""
    if sent[-1].is_punct and sent[-1].text not in QUOTES:
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) > 0.7


def _noun_phrase_start(doc: Doc, cue: Span) -> tuple[int, Token | None]:
    """Walk left over modifiers (`a high-level`, `the "Meet Japan 2023"`) to a determiner."""
    i = cue.start - 1
    sent_start = sentence(doc, cue.start).start
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
        elif token.text in POSSESSIVES:
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
    quoted = _quoted(doc[start : cue.start])
    if quoted:
        return quoted, None
    quoted = _quoted_after(doc, cue)
    if quoted:
        return quoted, None
    run = cue.start
    sent_start = sentence(doc, cue.start).start
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
        if end < len(doc) and _YEAR_RE.fullmatch(doc[end].text):
            end += 1
        return doc[run:end].text, run
    return None, None


def _quoted_after(doc: Doc, cue: Span) -> str | None:
    """A quoted name after the noun: `a forum on "..."`, `a festival themed "..."`."""
    j = cue.end
    if j < len(doc) and doc[j].lower_ in NAME_LINKS:
        j += 1
        while j < len(doc) and doc[j].lower_ in NAME_LINK_FILLERS:
            j += 1
    if j < len(doc) and doc[j].text in QUOTES:
        close = next(
            (k for k in range(j + 1, min(len(doc), j + 40)) if doc[k].text in QUOTES), None
        )
        if close is not None and close > j + 1:
            return doc[j + 1 : close].text
    return None


def _quoted(span: Span) -> str | None:
    """The text between the first and last quotation marks of `span`, if any."""
    quotes = [t.i for t in span if t.text in QUOTES]
    if len(quotes) >= 2 and quotes[-1] - quotes[0] > 1:
        return span.doc[quotes[0] + 1 : quotes[-1]].text
    return None


def _framed_before(doc: Doc, start: int, back: bool = False) -> bool:
    """A word before the noun phrase reports it as happening; `on` frames only visits and
    trips (`on a working visit`) and references back (`on the occasion`)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in FRAME_SKIP_WORDS:
        i -= 1
    if i < 0:
        return False
    prev = doc[i]
    if prev.lower_ in FRAMES_BEFORE:
        return prev.lower_ != ON_WORD or back or _on_visit(doc, start)
    if prev.lower_ == "in" and i > 0 and doc[i - 1].lower_ in FRAMES_BEFORE_IN:
        return True  # `took part in a conference`
    return prev.lower_ == "of" and i > 0 and doc[i - 1].lower_ in FRAMES_BEFORE_OF


def _on_visit(doc: Doc, start: int) -> bool:
    """Whether a visit or trip noun is among the first words of the phrase at `start`."""
    return any(t.lower_ in ON_FRAMES for t in doc[start : min(len(doc), start + 4)])


def _framed_after(doc: Doc, cue: Span) -> bool:
    """`a forum ... was held`, `a festival that will be held`, but not `The conference agreed
    that a festival will be held`: the clause ends at a reporting verb or a new clause."""
    view = TokenView.of(doc)
    sent = sentence(doc, cue.start)
    rest = view.span_text(cue.end, sent.end)
    if not RELATIVE_START_RE.match(rest):
        rest = CLAUSE_END_RE.split(rest, maxsplit=1)[0]
    frame = FRAME_AFTER_RE.match(rest)
    if frame is None:
        return False
    # `agreed that a festival will be held`: a plan, not a happening.
    said = frame.group().lower()
    return not (
        any(word in said for word in FUTURE_WORDS)
        and PLAN_RE.search(view.span_text(sent.start, cue.start))
    )


def _possessive_after(doc: Doc, cue: Span) -> bool:
    """Whether the noun is followed by a possessive (`the meeting's agenda`)."""
    return cue.end < len(doc) and doc[cue.end].text in POSSESSIVES


def _visited(doc: Doc, verb: Token, officials: list[Span]) -> list[Mention]:
    """`The delegation led by Governor X visited Hai Phong on May 3`: a visit to a locality by
    officials or a delegation named before the verb in the same sentence (a title of office
    is enough: `Governor of X prefecture Y visited Z`, where Y was not recognised)."""
    sent = sentence(doc, verb.i)
    visitors = any(sent.start <= s.start and s.end <= verb.i for s in officials) or any(
        t.lower_ in DELEGATION_NOUNS or (t.is_title and t.lower_ in VISITOR_TITLES)
        for t in doc[sent.start : verb.i]
    )
    if not visitors:
        return []
    for span in TokenView.of(doc).spans(keys.LOCALITIES):
        if span.kb_id_ and verb.i < span.start <= verb.i + VISITED_REACH and span.end <= sent.end:
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


def _signed(doc: Doc, i: int) -> list[Mention]:
    """`X and Y signed memorandums of understanding on August 23`: a verb of signing with an
    instrument right after it (past a few fillers) reports a signing; `the statement signed
    between the two localities` (no instrument after it) does not."""
    view = TokenView.of(doc)
    end = sentence(doc, i).end
    k = i + 1
    while k < end and view.lower(k) in INSTRUMENT_FILLERS:
        k += 1
    if k >= end or view.lower(k) not in INSTRUMENT_WORDS:
        return []
    return [Mention("signing", i, k + 1, i, i + 1, False, True, verbal=True)]


def _received(doc: Doc, verb: Token, official_starts: dict[int, Span]) -> Span | None:
    """The official or delegation a verb of receiving/meeting takes: `received visiting
    Governor of Shizuoka prefecture Kawakatsu Heita`, `met with a delegation from Gunma`."""
    j = verb.i + 1
    if (
        j + 2 < len(doc)
        and doc[j].lower_ == "and"
        and doc[j + 1].lower_ in COORDINATED_WORK
        and doc[j + 2].lower_ in VERB_PARTICLES
    ):
        j += 2  # `received and worked with the delegation`
    if j < len(doc) and doc[j].lower_ in VERB_PARTICLES:
        j += 1
    sent_end = sentence(doc, verb.i).end
    for k in range(j, min(sent_end, j + OBJECT_REACH)):
        token = doc[k]
        target = official_starts.get(k)
        if target is None and token.lower_ in DELEGATION_NOUNS:
            target = doc[k : k + 1]
        if target is not None:
            after = doc[target.end] if target.end < len(doc) else None
            return None if after is not None and after.text in POSSESSIVES else target
        if not (token.is_title or token.is_upper or token.lower_ in OBJECT_FILLERS):
            return None
    return None
