"""Resolution, the dates of a tie: which of a clause's dates say when a tie was made.

The date of a tie is the first date stated close to it in its clause (right after the
partner or a tie cue, past a topic such as `on tourism`; `In 2008, ...` at the clause
start, when the clause states a making); in a clause about an anniversary only a range
counts and gives its start (`(2009-2024)` -> 2009), and a count of years (`15 years of
friendship`) gives the year it counts from.

Why apart from `claims`: who the parties are and when the tie was made are separate
questions with separate cues; this module answers the second.
"""

from __future__ import annotations

from vjties.components.partnerships.article import DateRef
from vjties.components.partnerships.clauses import Clause, Sentence
from vjties.components.partnerships.cues import NEAR_CUE, NEAR_PARTNER, NEAR_TOPIC
from vjties.components.partnerships.recognition import Cue, Party
from vjties.extensions import published
from vjties.numbers import NUMBER_WORDS
from vjties.temporal import ordinal_value, parse_published

#: How long the brackets after a party may be to say something of it alone (tokens).
BRACKET_REACH = 16
#: How far after `15 years of` the tie it counts may be named (tokens).
COUNT_REACH = 9


def own_bracket(sentence: Sentence, party: Party) -> tuple[int, int] | None:
    """Tokens [start, end) of the brackets right after a party (past its type noun) that
    say something of it alone: `Shiga Prefecture (MoU signed in May 2012)`."""
    if party.start < 0:
        return None
    low, sent = sentence.low, sentence.span
    i = party.end
    while i < sent.end and low[i] in sentence.article.cues.party_nouns:
        i += 1
    if i >= sent.end or low[i] != "(":
        return None
    for j in range(i + 1, min(sent.end, i + BRACKET_REACH)):
        if low[j] == ")":
            return (i, j + 1)
        if low[j] == "(":
            return None
    return None


def claim_dates(
    sentence: Sentence,
    clause: Clause,
    pair: tuple[Party, Party],
    positioned: list[Party],
    clause_cues: list[Cue],
    dates: list[DateRef],
) -> list[DateRef]:
    """The dates that belong to one tie: after the partner, else after the clause's first cue.

    In a clause about an anniversary only a range counts, and it gives the start
    (`the 15th anniversary of ties (2009-2024)` -> 2009).
    """
    in_clause = [d for d in dates if clause.start <= d.start and d.end <= clause.end]
    counted = _counted_start(sentence, clause, in_clause)
    if counted is not None:  # ... unless the clause states the span: `(2008-2023)`
        return [d for d in in_clause if d.is_range and d.value.isdigit()][:1] or [counted]
    if not in_clause:
        return _sentence_opening_date(sentence, clause, dates)
    if _about_an_anniversary(sentence, clause, in_clause):
        return [d for d in in_clause if d.is_range][:1]
    partner = pair[0]
    own = []
    brackets = {p.start: b for p in positioned if (b := own_bracket(sentence, p)) is not None}
    for party in pair:
        if party.start < 0 or (party is not partner and party.country == partner.country):
            continue
        bracket = brackets.get(party.start)
        if bracket is not None:  # `Shiga Prefecture (MoU signed in May 2012)`
            own += [d for d in in_clause if bracket[0] <= d.start and d.end <= bracket[1]]
            continue
        following = [p.start for p in positioned if p.start > party.start]
        stop = following[0] if following else clause.end
        own += [
            d
            for d in in_clause
            if d.end <= stop and _near(sentence, party.end, d.start, NEAR_PARTNER)
        ]
    if own:
        return sorted(own, key=lambda d: d.start)  # `with Gunma prefecture in 2019`
    # The dates in another item's own brackets are that item's.
    in_clause = [
        d for d in in_clause if not any(a <= d.start and d.end <= b for a, b in brackets.values())
    ]
    # Dates right after another partner of a list are that partner's.
    others = [p.end for p in positioned if p.country == partner.country and p.id != partner.id]
    chosen = []
    for ref in in_clause:
        if any(_near(sentence, end, ref.start, NEAR_PARTNER) for end in others):
            continue
        if any(_near(sentence, c.end, ref.start, NEAR_CUE) for c in clause_cues):
            chosen.append(ref)  # `became twin towns in 2008`, `sister localities since 2009`
        elif _before_making(sentence, ref, clause_cues):
            chosen.append(ref)  # `X and Y on May 8 signed an MoU`
        elif _opens_clause(sentence, clause, ref) and _states_making(sentence, clause):
            chosen.append(ref)  # `In 2008, X and Y became twin towns`
    return chosen or _sentence_opening_date(sentence, clause, dates)


def _sentence_opening_date(
    sentence: Sentence, clause: Clause, dates: list[DateRef]
) -> list[DateRef]:
    """`In 2019, with the help of the ministry, X and Y signed ...`: a date that opens the
    sentence's first clause, which states no tie of its own, dates the tie of the next."""
    first = sentence.clauses[0]
    if clause is first or clause.start != first.end:
        return []
    if any(first.start <= c.start < first.end for c in sentence.cues):
        return []
    return [
        d
        for d in dates
        if first.start <= d.start and d.end <= first.end and _opens_clause(sentence, first, d)
    ][:1]


def _counted_start(sentence: Sentence, clause: Clause, dates: list[DateRef]) -> DateRef | None:
    """The start a count of years lets the reader compute: `15 years of the two localities'
    friendship` in an article of 2023 -> 2008, `the 10th anniversary of ties` in 2024 ->
    2014, `will celebrate 20 years of ties next year` in 2024 -> 2005 (counted from the
    year of the clause's date, else of publication; how `inferred`); None without a year
    to count from or such a count."""
    years = [int(d.value[:4]) for d in dates if d.value[:4].isdigit()]
    pub = parse_published(published(sentence.doc))
    base = years[0] if years else pub.year if pub is not None else None
    if base is None:
        return None
    cues, low, view = sentence.article.cues, sentence.low, sentence.article.view
    for i in range(clause.start, clause.end - 2):
        count = None
        if low[i + 1] in cues.year_nouns:
            count = int(low[i]) if low[i].isdigit() else NUMBER_WORDS.get(low[i])
        elif low[i + 1] in cues.anniversary_nouns:
            count = ordinal_value(low[i])
        if not count or low[i + 2] not in cues.count_links or count >= base:
            continue
        if not any(c.start > i + 2 and c.start <= i + COUNT_REACH for c in sentence.cues):
            continue
        start_char, end_char = view.span_chars(i, i + 2)
        text = view.text[start_char:end_char]
        return DateRef(str(base - count), "inferred", start_char, end_char, i, i + 2, False, text)
    return None


def _about_an_anniversary(sentence: Sentence, clause: Clause, dates: list[DateRef]) -> bool:
    """Whether the clause celebrates a tie rather than stating when it was made: it names an
    anniversary, or a word of celebrating or marking stands with a span of years (`marks 15
    years of ties (2009-2024)`; `a milestone marking the start of their ties` alone is not)."""
    words = sentence.low[clause.start : clause.end]
    cues = sentence.article.cues
    if not cues.anniversary_nouns.isdisjoint(words):
        return True
    return not cues.anniversary_words.isdisjoint(words) and any(d.is_range for d in dates)


def _opens_clause(sentence: Sentence, clause: Clause, ref: DateRef) -> bool:
    """Whether the date opens the clause (`In 2008, X and Y became twin towns`, `On the
    afternoon of June 4, a signing ceremony ...`) or a reported one (`He recalled that in
    2019, X and Y signed ...`)."""
    cues, low = sentence.article.cues, sentence.low
    if ref.start == clause.start:
        return True
    prep = ref.start - 1
    if prep - 3 >= clause.start and low[prep] == "of" and low[prep - 1] in cues.day_parts:
        prep -= 3  # `On the afternoon of June 4, ...`
    if low[prep] not in cues.clause_start_preps:
        return False
    if prep > clause.start and low[prep - 1] in cues.complementizers:
        return True
    # Only a dateline may stand before it: `HUE — On the afternoon of June 4, ...`.
    article = sentence.article
    return all(
        article.locality_token[i] is not None or article.doc[i].is_punct
        for i in range(clause.start, prep)
    )


def _states_making(sentence: Sentence, clause: Clause) -> bool:
    """Whether the clause says a tie was made (`signed`, `became`, `a signing ceremony`), so
    that a date opening it dates the making, not a visit under an old MoU."""
    cues, low = sentence.article.cues, sentence.low
    return any(
        low[i] in cues.made or low[i] in cues.signing_verbs for i in range(clause.start, clause.end)
    )


def _before_making(sentence: Sentence, ref: DateRef, clause_cues: list[Cue]) -> bool:
    """Whether the date stands right before a verb of making (`on May 8 signed`, `in 2019
    became`) that a tie cue follows closely."""
    cues, low = sentence.article.cues, sentence.low
    verb = ref.end
    if verb >= len(low) or not (low[verb] in cues.signing_verbs or low[verb] in cues.made):
        return False
    return any(verb < c.start <= verb + NEAR_CUE for c in clause_cues)


def _near(sentence: Sentence, end: int, start: int, distance: int) -> bool:
    """Whether a date at `start` follows `end` closely, past a topic (`on heritage conservation`)."""
    if not end <= start:
        return False
    if start - end <= distance:
        return True
    doc = sentence.doc
    return (
        start - end <= NEAR_TOPIC
        and sentence.low[end] in sentence.article.cues.topic_preps
        and all(t.is_lower and t.is_alpha for t in doc[end:start])
    )
