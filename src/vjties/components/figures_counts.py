"""Figures, step 2 for counts: the unit a count counts, and its metric.

A count measures the noun after it (`222 projects`, nouns and units in `resources/units.json`),
skipping up to four modifiers; a place name between a count and its noun is one modifier
(`1,200 Can Tho residents`); people-nouns count `person` and the sentence says who they are
(`living` -> community, `attended` -> participants); places count partner localities when the
sentence speaks of ties. Without a noun, a count borrows the unit of the figure before it
(`40 of which`), of `the number of ...`, or of the subject of a state verb (`arrivals reached
85,000`). Years, `one` alone, the pool of a ranking (`among 63 localities`), superlatives
(`the 10 largest`) and back-references (`the two localities`) are no counts. Word lists come
from `resources/figure_cues.json`.
"""

from __future__ import annotations

from spacy.strings import hash_string  # type: ignore[attr-defined]

from vjties import lexicon
from vjties.components.figures_recognition import Candidate, is_year
from vjties.components.figures_resolution import (
    NOUN_UNITS,
    UNIT_METRICS,
    Sentence,
    clause_bounds,
    is_growth,
    like_num,
    locality_spans,
    words_before,
)
from vjties.tokens import TokenView

_METRICS = lexicon.metrics().metrics
_UNITS = lexicon.units()
_CUES = lexicon.figure_cues()

NATIONALITY_NOUNS = frozenset(_UNITS.nationality_nouns)
LOCALITY_UNITS = frozenset(_UNITS.locality_units)
PERSON_UNITS = frozenset(_UNITS.person_units)
# Workers and students live, work or train somewhere; they do not attend.
RESIDENT_UNITS = frozenset(_UNITS.resident_units)
# People whose role the sentence decides (`experts living in Hue` vs `experts attending`).
PEOPLE_UNITS = PERSON_UNITS | frozenset(_UNITS.role_units)
_PEOPLE_CONTEXT: dict[str, str] = {
    cue: name for name, spec in _METRICS.items() if spec.context_of == "people"
    for cue in spec.context
}  # fmt: skip
_CONTEXT_HASHES = {hash_string(cue): m for cue, m in _PEOPLE_CONTEXT.items() if " " not in cue}
_CONTEXT_PAIRS = {
    tuple(hash_string(w) for w in cue.split(" ")): m
    for cue, m in _PEOPLE_CONTEXT.items()
    if cue.count(" ") == 1
}
TIE_CUES = frozenset(
    cue for spec in _METRICS.values() if spec.context_of == "places" for cue in spec.context
)
_LONE_NUMBERS = frozenset(_CUES.lone_numbers.words)
_BACK_REFERENCE_DETERMINERS = frozenset(_CUES.back_reference_determiners.words)
_NOUN_STOPS = frozenset(_CUES.noun_stops.words)
_CONJUNCTIONS = frozenset(_CUES.conjunctions.words)
_VERB_ENDINGS = tuple(_CUES.verb_endings.words)
_PLURALS_WITHOUT_S = frozenset(_CUES.plurals_without_s.words)
_DURATIONS = frozenset(_CUES.durations.words)
_RANK_WORDS = frozenset(_CUES.rank_words.words)
_RANKING_POOLS = tuple(tuple(p.split(" ")) for p in _CUES.ranking_pools.phrases)
_SUPERLATIVES = frozenset(_CUES.superlatives.words)
_STATE_VERBS = frozenset(_CUES.state_verbs.words)
_OF_WHICH = frozenset(_CUES.of_which.words)
_SUBSET_OPENERS = tuple(tuple(p.split(" ")) for p in _CUES.subset_openers.phrases)
_ANTECEDENT_NOUNS = frozenset(_CUES.antecedent_nouns.words)
_NOT_PLURALS = frozenset(_CUES.not_plurals.words)
_NOT_PLURAL_ENDINGS = tuple(_CUES.not_plural_endings.words)
_PAIR_UNITS = frozenset(_UNITS.pair_units)
# The first words of titles of office (`Prime` of `Prime Minister`), from titles.jsonl.
_TITLE_HEADS = frozenset(
    row.pattern.split(" ")[0].lower() for row in lexicon.title_patterns() if row.label == "TITLE"
)
_COMMUNITY_WORDS = frozenset(_CUES.community_words.words)
_POPULATION_WORDS = frozenset(_CUES.population_words.words)
_REPRESENTED_OPENERS = tuple(tuple(p.split(" ")) for p in _CUES.represented_openers.phrases)


def resolve_count(
    v: TokenView, candidate: Candidate, sentence: Sentence, found: list[Candidate]
) -> bool:
    """Give a count its unit and metric; False when it counts nothing we know."""
    if _is_no_count(v, candidate, sentence):
        return False
    amount = candidate.amount
    assert amount is not None
    start, end = candidate.start, candidate.end
    noun = _counted_noun(v, end, sentence.end)
    growth = is_growth(v, candidate.text_start)
    earlier = [c for c in found if c.start >= sentence.start and c.unit not in (None,)
               and c.amount is not None and c.amount.unit is None]  # fmt: skip
    if noun is not None:
        unit, noun_end = noun
        if _is_back_reference(v, start, amount.value, amount.value_max):
            return False
        if _is_the_pair(v, candidate, sentence, unit):
            return False
        candidate.unit = unit
        candidate.text_end = max(candidate.text_end, noun_end)
        candidate.metric = _count_metric(v, candidate, sentence, unit)
    elif earlier and _counts_what_came_before(v, candidate, sentence):
        candidate.unit = earlier[-1].unit
        candidate.metric = earlier[-1].metric
    elif growth and (antecedent := _antecedent_unit(v, sentence, start, earlier)):
        candidate.unit = antecedent
        candidate.metric = "growth"
    else:
        if _is_back_reference(v, start, amount.value, amount.value_max):
            return False  # `between the two`
        if _unknown_noun_follows(v, end, sentence.end):
            return False  # `is home to 29 industrial parks`: it counts parks
        before = _stated_of_the_number(v, candidate, sentence, found)
        if before is not None:
            candidate.unit, candidate.metric = before.unit, before.metric
            return True
        unit_metric = _bare_count(v, sentence, start)
        if unit_metric is None or not _is_clause_verb_before(v, start, sentence):
            return False
        candidate.unit, candidate.metric = unit_metric
    if growth and candidate.metric != "growth":
        candidate.metric = "growth"
    return True


def _is_no_count(v: TokenView, candidate: Candidate, sentence: Sentence) -> bool:
    """A year, a year range, `one`/`a` alone, the pool of a ranking (`among 63 localities`)
    or part of a superlative (`the 10 largest`): no count."""
    amount = candidate.amount
    assert amount is not None
    start, end = candidate.start, candidate.end
    if amount.value_max is None and end - start == 1 and is_year(v.text_of(start)):
        return True
    if amount.value_max is not None and all(
        is_year(str(value)) for value in (amount.value, amount.value_max)
    ):
        return True
    if end - start == 1 and v.lower(start) in _LONE_NUMBERS:
        return True
    if _is_ranking_pool(v, candidate.text_start, sentence):
        return True
    return end < sentence.end and v.lower(end) in _SUPERLATIVES


def _counts_what_came_before(v: TokenView, candidate: Candidate, sentence: Sentence) -> bool:
    """`40 of which are in Hanoi` (the figure takes in `of which`), `3.4 million visitors, of
    which 200,000 were from Japan`, `..., including 200,000 from Japan`: the count counts
    what the figure before it counted."""
    end, text_start = candidate.end, candidate.text_start
    if end + 1 < sentence.end and v.lower(end) == "of" and v.lower(end + 1) in _OF_WHICH:
        candidate.text_end = end + 2
        return True
    return any(
        text_start - len(opener) >= sentence.start and words_before(v, text_start, opener)
        for opener in _SUBSET_OPENERS
    )


def _stated_of_the_number(
    v: TokenView, candidate: Candidate, sentence: Sentence, found: list[Candidate]
) -> Candidate | None:
    """`Vietnam has sent over 250,000 practitioners to Japan. In 2018 alone, the number was
    nearly 70,000`: the count before, when the bare number is stated of `the number`."""
    start = candidate.text_start
    clause_start, _ = clause_bounds(v, sentence, start)
    verbs = [i for i in range(max(clause_start, start - 3), start) if v.lower(i) in _STATE_VERBS]
    if not verbs or verbs[0] == clause_start or v.lower(verbs[0] - 1) not in _ANTECEDENT_NOUNS:
        return None
    counts = [c for c in found if c.unit and c.amount is not None and c.amount.unit is None]
    return counts[-1] if counts else None


def _is_the_pair(v: TokenView, candidate: Candidate, sentence: Sentence, unit: str) -> bool:
    """`between two countries`, `cooperation between two localities`: the two parties the
    article speaks of, not a count (unless places are counted as partners: `has ties with
    two Japanese cities`)."""
    amount = candidate.amount
    assert amount is not None
    if amount.value != 2 or amount.value_max is not None:
        return False
    if unit in _PAIR_UNITS:
        return True
    return unit in LOCALITY_UNITS and not _is_tie_count(v, candidate, sentence)


def _is_unknown_plural(v: TokenView, i: int) -> bool:
    """A lower-case plural noun that is no counted noun (`parks`, `peoples`, `technicians`)."""
    lower = v.lower(i)
    return (
        len(lower) > 3
        and lower.endswith("s")
        and not lower.endswith(_NOT_PLURAL_ENDINGS)
        and lower not in _NOT_PLURALS
        and lower not in NOUN_UNITS
        and v.text_of(i).islower()
    )


def _unknown_noun_follows(v: TokenView, end: int, limit: int) -> bool:
    """Whether the words right after a number (up to five, hyphens aside, before a function
    word or punctuation) hold an unknown plural noun: then the number counts that."""
    words, i = 0, end
    while i < limit and words < 5:
        if v.text_of(i) != "-":
            if not v.is_alpha(i) or v.lower(i) in _NOUN_STOPS:
                return False
            if _is_unknown_plural(v, i):
                return True
            words += 1
        i += 1
    return False


def _counted_noun(v: TokenView, end: int, limit: int) -> tuple[str, int] | None:
    """The unit counted by the number ending at `end`, and where its noun phrase ends.

    Skips up to four modifiers (`more than 30 domestic and Japanese researchers`); the last
    noun of a run wins (`Japanese companies`); two different place nouns joined by `and`
    count `locality` (`15 other provinces and cities`). A nationality (`Vietnamese`) is the
    noun only when nothing else is (`100,000 Vietnamese living in Osaka`). A place name
    (`doc.spans["localities"]`) is one modifier, whatever its words (`1,200 Can Tho
    residents`, `4,500 Nghe An people`).
    """
    i, skipped = end, 0
    nationality: tuple[str, int] | None = None
    places = _locality_ends(v)
    while i < limit and skipped <= 4:
        place_end = places.get(i)
        if place_end is not None and place_end < limit:
            i = place_end
            skipped += 1
            continue
        lower = v.lower(i)
        unit = NOUN_UNITS.get(lower)
        if lower in NATIONALITY_NOUNS:
            if not _modifies_next(v, i, limit):
                return NOUN_UNITS[lower], i + 1
            nationality = nationality or (NOUN_UNITS[lower], i + 1)
        elif unit is not None:
            if i == end + 1 and v.text_of(end) == "-":
                return unit, i + 1  # `a 10-member delegation` counts members
            return _noun_run(v, i, limit)
        elif _ends_noun_search(v, i, lower):
            break
        elif lower in _DURATIONS or _is_unknown_plural(v, i):
            return None  # `30 years`; `29 industrial parks`, `Vietnamese technicians`
        else:
            nationality = None  # `Vietnamese` described this unknown word
        i += 1
        skipped += 1
    return nationality


def _noun_run(v: TokenView, i: int, limit: int) -> tuple[str, int] | None:
    """The unit of the run of counted nouns starting at `i` (the last one wins), or of the
    group when two different nouns of it are joined by `and`; None if the run only
    describes the word after it (`30 delegation exchanges`)."""
    unit = NOUN_UNITS[v.lower(i)]
    j = i + 1
    while j < limit and NOUN_UNITS.get(v.lower(j)) and v.lower(j) not in NATIONALITY_NOUNS:
        unit = NOUN_UNITS[v.lower(j)]
        j += 1
    # Two different nouns of one group joined by `and` count the group's unit.
    for group, group_unit in ((LOCALITY_UNITS, "locality"), (PEOPLE_UNITS, "person")):
        if (
            unit in group
            and j + 1 < limit
            and v.lower(j) in _CONJUNCTIONS
            and NOUN_UNITS.get(v.lower(j + 1)) in group
            and NOUN_UNITS[v.lower(j + 1)] != unit
        ):
            return group_unit, j + 2
    if _is_modifier(v, j - 1, limit):
        return None
    return unit, j


def _ends_noun_search(v: TokenView, i: int, lower: str) -> bool:
    """Punctuation (but a hyphen), a number, a function word or a symbol ends the search."""
    text = v.text_of(i)
    return (
        (v.is_punct(i) and text not in ("-", "–"))
        or bool(like_num(v)[i])
        or lower in _NOUN_STOPS
        or not (v.is_alpha(i) or text == "-")
    )


def _locality_ends(v: TokenView) -> dict[int, int]:
    """Where each free locality mention starts -> where it ends (memoized per document)."""
    return v.memo(
        ("figures", "locality_ends"),
        lambda: {start: end for start, end, _ in locality_spans(v)},
    )


def _is_modifier(v: TokenView, i: int, limit: int) -> bool:
    """`30 delegation exchanges`: a singular noun before another word describes that word."""
    lower = v.lower(i)
    if lower.endswith("s") or lower in _PLURALS_WITHOUT_S or i + 1 >= limit:
        return False
    following = v.lower(i + 1)
    return (
        v.is_alpha(i + 1)
        and v.text_of(i + 1).islower()
        and following not in _NOUN_STOPS
        and following not in _CONJUNCTIONS
    )


def _modifies_next(v: TokenView, i: int, limit: int) -> bool:
    """`Vietnamese` before a word that may be what it describes (`Vietnamese intern trainees`,
    `Vietnamese and Japanese firms`), not before a verb, a preposition or punctuation."""
    if i + 1 >= limit:
        return False
    following = v.lower(i + 1)
    if following in _CONJUNCTIONS or following == "-":
        return i + 2 < limit and v.is_alpha(i + 2) and v.lower(i + 2) not in _NOUN_STOPS
    if v.is_title(i + 1) and following in _TITLE_HEADS:
        return True  # `eight Japanese Prime Ministers`
    if not v.is_alpha(i + 1) or following in _NOUN_STOPS or v.is_title(i + 1):
        return False
    return not following.endswith(_VERB_ENDINGS)


def _is_ranking_pool(v: TokenView, start: int, sentence: Sentence) -> bool:
    """`ranks first among 63 localities`: the pool of a ranking, not a count."""
    if start - 1 <= sentence.start:
        return False
    if not any(words_before(v, start, pool) for pool in _RANKING_POOLS):
        return False
    return any(v.lower(i) in _RANK_WORDS for i in range(sentence.start, start))


def _is_back_reference(v: TokenView, start: int, value: float, value_max: float | None) -> bool:
    """`the two localities`, `both sides`: a reference back, not a count."""
    if start == 0 or value_max is not None or value > 3:
        return False
    return v.lower(start - 1) in _BACK_REFERENCE_DETERMINERS


def _count_metric(v: TokenView, candidate: Candidate, sentence: Sentence, unit: str) -> str:
    """The metric of a count of `unit`: places count ties when the sentence speaks of ties;
    people take the metric of the nearest context word; other units their default."""
    if unit in LOCALITY_UNITS:
        return "partner_localities" if _is_tie_count(v, candidate, sentence) else "other"
    if unit in PEOPLE_UNITS:
        return _people_metric(v, sentence, candidate.start, unit, candidate.text_end)
    metric = UNIT_METRICS.get(unit, "other")
    if metric == "enterprises" and _is_represented(v, candidate.text_start, sentence):
        return "participants"
    return metric


def _people_metric(
    v: TokenView, sentence: Sentence, position: int, unit: str, after: int | None = None
) -> str:
    """The metric of a count of people at `position`: that of the nearest context word, or
    else community for residents (workers and students live, work or study somewhere) and
    the unit's default for others. `after` is the token after the figure's text, where an
    attending verb makes residents participants (`400 students attended`)."""
    context = _nearest_context(v, sentence, position, unit, after)
    if context is not None:
        return context
    if unit in RESIDENT_UNITS:
        return "community"
    return UNIT_METRICS.get(unit, "other")


def _is_represented(v: TokenView, start: int, sentence: Sentence) -> bool:
    """`representatives from 25 businesses`: enterprises represented at an event."""
    return any(
        start - len(opener) >= sentence.start and words_before(v, start, opener)
        for opener in _REPRESENTED_OPENERS
    )


def _is_tie_count(v: TokenView, candidate: Candidate, sentence: Sentence) -> bool:
    """`has ties with four Japanese cities`, `cooperated with 15 provinces`, `10 sister cities`."""
    modifiers = {v.lower(i) for i in range(candidate.end, candidate.text_end)}
    if modifiers & TIE_CUES:
        return True
    window_start = max(sentence.start, candidate.text_start - 8)
    words = v.lowers(window_start, candidate.text_start)
    if "with" not in words:
        return False
    before_with = words[: len(words) - 1 - words[::-1].index("with")]
    sentence_before = set(v.lowers(sentence.start, window_start))
    return bool(TIE_CUES.intersection(before_with) or TIE_CUES & sentence_before)


def _nearest_context(
    v: TokenView, sentence: Sentence, position: int, unit: str, after: int | None = None
) -> str | None:
    """The metric the nearest context word gives a count of people. Residents (workers,
    students) live, work or train somewhere: they attend only as the subject of the
    attending verb right after them (`after`: `400 local students attended`)."""
    best: tuple[int, str] | None = None
    for i, metric in _context_words(v, sentence):
        attending = after is not None and after <= i <= after + 1
        if metric == "participants" and unit in RESIDENT_UNITS and not attending:
            continue
        distance = abs(i - position)
        if best is None or distance < best[0]:
            best = (distance, metric)
    return best[1] if best else None


def _context_words(v: TokenView, sentence: Sentence) -> list[tuple[int, str]]:
    """The context words of a sentence (`living`, `took part`) and their metrics, in order."""

    def compute() -> list[tuple[int, str]]:
        lowers = v.lower_hash
        found: list[tuple[int, str]] = []
        for i in range(sentence.start, sentence.end):
            metric = _CONTEXT_HASHES.get(lowers[i])
            if metric is None and i + 1 < sentence.end:
                metric = _CONTEXT_PAIRS.get((lowers[i], lowers[i + 1]))
            if metric is not None:
                found.append((i, metric))
        return found

    return v.memo(("figures", "context", sentence.start), compute)


def _antecedent_unit(
    v: TokenView, sentence: Sentence, start: int, earlier: list[Candidate]
) -> str | None:
    """The unit of what `the number grows by 5,000` counts."""
    if earlier:
        return earlier[-1].unit
    return _number_of_unit(v, sentence.start, start)


def _number_of_unit(v: TokenView, left: int, start: int) -> str | None:
    """The unit of the nearest `the number of <noun>` between `left` and `start`."""
    for i in range(start - 2, left - 1, -1):
        if v.lower(i) == "number" and v.lower(i + 1) == "of":
            noun = _counted_noun(v, i + 2, min(start, i + 6))
            if noun is not None:
                return noun[0]
    return None


def _bare_count(v: TokenView, sentence: Sentence, start: int) -> tuple[str, str] | None:
    """`the number of Japanese tourists reached 200,000`; `the community exceeds 630,000`."""
    clause_start, _ = clause_bounds(v, sentence, start)
    unit = _number_of_unit(v, clause_start, start)
    if unit is not None:
        metric = UNIT_METRICS.get(unit, "other")
        if unit in PERSON_UNITS:
            metric = _people_metric(v, sentence, start, unit)
        return unit, metric
    clause = v.lowers(clause_start, start)
    if _COMMUNITY_WORDS.intersection(clause):
        return "person", "community"
    if _POPULATION_WORDS.intersection(clause):
        # `the Vietnamese population ...` is a community, `a population of 9.2 million` is not
        return "person", "community" if NATIONALITY_NOUNS.intersection(clause) else "other"
    verbs = [i for i in range(max(clause_start, start - 3), start) if v.lower(i) in _STATE_VERBS]
    if verbs:
        return _subject_unit(v, sentence, start, verbs[0], clause_start)
    return None


def _subject_unit(
    v: TokenView, sentence: Sentence, start: int, verb: int, clause_start: int
) -> tuple[str, str] | None:
    """The unit and metric of the counted subject before a state verb (`arrivals reached`);
    None if there is none or it is a place."""
    for i in range(verb - 1, max(clause_start, verb - 12) - 1, -1):
        if v.is_punct(i):
            break
        lower = v.lower(i)
        unit = NOUN_UNITS.get(lower)
        if unit is not None and lower not in NATIONALITY_NOUNS:
            if unit in PEOPLE_UNITS:
                return unit, _people_metric(v, sentence, start, unit)
            if unit in LOCALITY_UNITS:
                return None
            return unit, UNIT_METRICS.get(unit, "other")
    return None


def _is_clause_verb_before(v: TokenView, start: int, sentence: Sentence) -> bool:
    """A bare number must be what a clause states: `exceeds 630,000`, `reached 200,000`."""
    return start > sentence.start and v.is_alpha(start - 1)
