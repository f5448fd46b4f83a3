"""Sentence structure without a parser: clauses, brackets, and which mentions are parties.

A locality that is a place (`in Hanoi`), a possessor (`Aichi's firms`), part of a title
(`Governor of Aichi`) or inside brackets is not a party. `Leaders of X and Y` are X and Y;
the signatories of an instrument (`Governor of Y ... signed an MoU`) stand for their
localities only when nothing else in the clause names that side. A dependent clause (`,
with the partnership with X being ...`, `, which became ...`, `and signed ...`) shares the
parties of the clauses before it.

Why apart: these rules read the words around one mention in one sentence; what the
parties of a clause state (`claims`) builds on their answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from vjties.components.partnerships.article import Article, DateRef
from vjties.components.partnerships.cues import CLOSE_BRACKETS, OPEN_BRACKETS, Cues
from vjties.components.partnerships.recognition import Cue, Party

#: How far back `_governor` walks from a mention (tokens), and past a container's words.
GOVERNOR_REACH = 30
CONTAINER_REACH = 5
#: How far back `leaders of (the central city of) X` may start (tokens).
PEOPLE_REACH = 8
#: How far after `, and the city` its verb may come (tokens).
SUBJECT_REACH = 3
#: How many words a back-reference (`the southern industrial hub`) may have.
REFERENCE_REACH = 6


@dataclass(frozen=True)
class Clause:
    """Tokens [start, end) of a sentence; a dependent clause shares the parties before it."""

    start: int
    end: int
    dependent: bool


@dataclass
class Claim:
    """One statement of a tie in one clause."""

    parties: tuple[Party, Party]
    kind: str
    status: str
    dates: list[DateRef]
    evidence: tuple[int, int, str]
    #: Named by a generic word that refers back (`the agreement`): the pair's instrument.
    generic: bool = False

    @property
    def pair(self) -> tuple[str, str]:
        """The two party ids, sorted."""
        a, b = sorted((self.parties[0].id, self.parties[1].id))
        return (a, b)


@dataclass
class Sentence:
    """One sentence that may state a tie, and what its clauses learn from each other."""

    article: Article
    span: Span
    cues: list[Cue]
    previous: list[Claim]
    brackets: dict[int, int] = field(default_factory=dict)
    clauses: list[Clause] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def doc(self) -> Doc:
        """The document."""
        return self.article.doc

    @property
    def low(self) -> list[str]:
        """Lower-case forms of the document's tokens (filled for this sentence)."""
        return self.article.low


def bracket_depth(low: list[str], sent: Span) -> dict[int, int]:
    """The bracket depth of the tokens of `sent` inside brackets (read with .get(i, 0))."""
    words = low[sent.start : sent.end]
    if "(" not in words and "[" not in words:
        return {}
    depth = 0
    depths: dict[int, int] = {}
    for i in range(sent.start, sent.end):
        text = low[i]
        if text in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        if depth:
            depths[i] = depth
        if text in OPEN_BRACKETS:
            depth += 1
    return depths


def split_clauses(
    low: list[str],
    sent: Span,
    openers: dict[str, list[list[str]]],
    verbs: frozenset[str],
    subjects: frozenset[str] = frozenset(),
) -> list[Clause]:
    """Clauses of a sentence; a dependent one shares the parties of the clauses before it.

    Dependent: `, with the partnership with X being ...`, `, which became ...`, a second
    predicate of the same subject (`signed an agreement in 2012 and became sister provinces`)
    and a second statement about a referred subject (`..., and the city became ...`).
    """
    bounds = [(sent.start, False)]
    for i in range(sent.start, sent.end):
        text = low[i]
        if text == ";" and i + 1 < sent.end:
            bounds.append((i + 1, False))
        elif (
            text == ","
            and i + 1 < sent.end
            and any(
                low[i + 1 : i + 1 + len(opener)] == opener for opener in openers.get(low[i + 1], ())
            )
        ):
            bounds.append((i + 1, True))
        elif text == "and" and i + 1 < sent.end and low[i + 1] in verbs:
            bounds.append((i, True))
        elif (
            text == ","
            and i + 2 < sent.end
            and low[i + 1] == "and"
            and low[i + 2] in subjects
            and any(low[k] in verbs for k in range(i + 3, min(sent.end, i + 3 + SUBJECT_REACH)))
        ):
            bounds.append((i + 1, True))  # `..., and the city became a sister city of X`
    clauses = []
    for n, (start, dependent) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else sent.end
        clauses.append(Clause(start, end, dependent))
    return clauses


def is_party(sentence: Sentence, party: Party) -> bool:
    """Whether the mention is a party of what its sentence states, not a place, possessor,
    title, count or bracketed aside (see the module docstring)."""
    article, sent, low = sentence.article, sentence.span, sentence.low
    cues = article.cues
    if sentence.brackets.get(party.start, 0) > 0:
        return False
    after = party.end
    while after < sent.end and low[after] in cues.party_nouns:
        after += 1
    if after < sent.end and _describes_something_else(cues, low, sent, party, after):
        return False
    if party.start > sent.start and (
        low[party.start - 1] in cues.quantifiers or sentence.doc[party.start - 1].like_num
    ):
        return False  # `2,000 Osaka tourists`, `many Aichi firms`
    governor = governing_word(article, sent, party.start, party.country)
    if governor in cues.people_links and _people_before(cues, low, sent, party.start):
        return True  # `Leaders of Hue and Okayama met to mark their ties`
    return governor not in cues.blocking


def _describes_something_else(
    cues: Cues, low: list[str], sent: Span, party: Party, after: int
) -> bool:
    """What follows the mention (and its type noun, at `after`) makes it name something of
    the locality: a possessive (`Aichi's firms`, not `Hanoi's ties`), a modifier (`Osaka
    Governor`), `-based`, or the dateline's bracket or dash."""
    following = low[after]
    if following in cues.possessives or following == "'":
        nxt = low[after + 1] if after + 1 < sent.end else ""
        return nxt not in cues.possessed_ties
    if following in cues.modifiers or following in cues.locality_plurals:
        return True  # `Osaka Governor`, `Kyushu localities`
    if (
        following in {"-", "–"}
        and after + 1 < sent.end
        and low[after + 1] in cues.attributive_participles
    ):
        return True  # `an Osaka-based company`
    if following == "(" and party.start == sent.start:
        return True  # the dateline: `Da Nang (VNA) -`
    return following in {"-", "–", "—"} and party.start == sent.start and party.type == "locality"


def is_signatory(cues: Cues, low: list[str], sent: Span, party: Party) -> bool:
    """Whether the mention is in an official's title: `Governor of Okayama prefecture`."""
    i = party.start - 1
    while i > sent.start and low[i] in cues.title_articles:
        i -= 1
    return i > sent.start and low[i] == "of" and low[i - 1] in cues.titles


def _people_before(cues: Cues, low: list[str], sent: Span, start: int) -> bool:
    """Whether the mention at `start` is in `leaders of (the central city of) X`."""
    for i in range(start - 1, max(sent.start, start - PEOPLE_REACH) - 1, -1):
        if low[i] in cues.people_links and i > sent.start:
            if low[i - 1] in cues.locality_nouns:
                continue  # `the Mekong Delta city of X`: part of the place's name
            return low[i - 1] in cues.people  # the nearest `of`/`from` governs the mention
    return False


def governing_word(article: Article, sent: Span, start: int, country: str | None = None) -> str:
    """The word a mention hangs from, looking back past articles, descriptors and lists.

    `in the central city of Da Nang` -> `in`; `between Hanoi and the Kyushu region` ->
    `between`; `Higashiosaka city of Japan's Osaka prefecture` -> `of` (a container).
    """
    cues, lows, locality_token = article.cues, article.low, article.locality_token
    doc = article.doc
    i = start - 1
    steps = 0
    while i >= sent.start and steps < GOVERNOR_REACH:
        steps += 1
        low = lows[i]
        if low in cues.skip_words:
            i -= 1
            continue
        if _plural_of(cues, lows, sent, i):
            i = _container_start(article, sent, i - 2)  # `the Japanese cities of X, Y`
            continue
        if low == "of" and i - 1 >= sent.start and lows[i - 1] in cues.locality_nouns:
            j = _container_start(article, sent, i - 2)
            if j >= sent.start and (locality_token[j] is not None or lows[j] in cues.possessives):
                return "of"  # `X city of Y prefecture`: Y is X's container
            i = j
            continue
        if low == "," and (i - 1 < sent.start or locality_token[i - 1] != country):
            # `In Osaka, Hanoi and Kobe ...`: a comma after a place ends a phrase, it is
            # a list only between localities of one country (`Kawasaki, Sakai`).
            return ""
        if low in cues.list_markers:
            before = locality_token[i - 1] if i - 1 >= sent.start else None
            if country and before not in (None, "?", country):
                return ""  # `Hue and Kobe`: the other party, not a list of places
            i = skip_conjunct(article, sent, i - 1)
            if i < sent.start:
                return ""
            low = lows[i]
            if low in cues.list_markers or _plural_of(cues, lows, sent, i):
                continue
            if low in cues.blocking or doc[i].is_lower:
                return low
            return ""
        return low
    return ""


def _plural_of(cues: Cues, lows: list[str], sent: Span, i: int) -> bool:
    """Whether token `i` is the `of` of `the Japanese cities of X, Y`: what follows names
    the places the plural noun speaks of, so the noun's governor is theirs."""
    return lows[i] == "of" and i - 1 >= sent.start and lows[i - 1] in cues.locality_plurals


def _container_start(article: Article, sent: Span, j: int) -> int:
    """Walking back from the word before `<noun> of` (`Higashiosaka city of ...`) over a
    few plain words: where the walk stops."""
    cues, lows, locality_token, doc = article.cues, article.low, article.locality_token, article.doc
    walked = 0
    while (
        j >= sent.start
        and walked < CONTAINER_REACH
        and locality_token[j] is None
        and lows[j] not in cues.blocking
        and lows[j] not in cues.container_stops
        and doc[j].is_alpha
    ):
        j -= 1
        walked += 1
    return j


def skip_conjunct(article: Article, sent: Span, i: int) -> int:
    """Index of the word before the list item that ends at token `i`."""
    low, locality_token, doc = article.low, article.locality_token, article.doc
    skip_words = article.cues.skip_words
    while i >= sent.start:
        if low[i] in CLOSE_BRACKETS:
            depth = 0
            while i >= sent.start:
                if low[i] in CLOSE_BRACKETS:
                    depth += 1
                elif low[i] in OPEN_BRACKETS:
                    depth -= 1
                    if depth == 0:
                        break
                i -= 1
            i -= 1
            continue
        if (
            locality_token[i] is not None
            or low[i] in skip_words
            or doc[i].is_title
            or doc[i].is_upper
            or doc[i].like_num
        ):
            i -= 1
            continue
        break
    return i


def locality_references(sentence: Sentence, clause: Clause) -> list[tuple[str, int]]:
    """(head noun, position) of `the (southern industrial) hub`, `the prefecture` that are
    parties."""
    article, sent, low, doc = sentence.article, sentence.span, sentence.low, sentence.doc
    cues, locality_token = article.cues, article.locality_token
    found = []
    for i in range(clause.start, clause.end):
        if low[i] not in cues.reference_determiners or sentence.brackets.get(i, 0) > 0:
            continue
        for j in range(i + 1, min(i + REFERENCE_REACH, clause.end)):
            token = doc[j]
            if locality_token[j] is not None or not (token.is_alpha or "-" in token.text):
                break
            if low[j] in cues.locality_nouns:
                nxt = j + 1 if j + 1 < sent.end else None
                if nxt is not None and (low[nxt] == "of" or locality_token[nxt] is not None):
                    break
                if (
                    nxt is not None
                    and low[nxt] in cues.possessives
                    and not (j + 2 < sent.end and low[j + 2] in cues.possessed_ties)
                ):
                    break
                if governing_word(article, sent, i) in cues.blocking:
                    break
                found.append((low[j], i))
                break
            if not token.is_lower:
                break
    return found
