"""The linguistic vocabulary of vjties: every word list in `resources/`, validated and loaded once.

Rules read words here, never from literals of their own: adding a cue word is a data edit,
and a word shared by several components (a month, a country word, a title, a family name)
is written once. Each resource file is one concern and documents itself in a `_doc` field
(a comment: JSON has none); `resources/README.md` lists them.

- `calendar.json`: months and weekdays;
- `countries.json`: the two countries, their names, adjectives and id prefixes;
- `person_names.json`: Vietnamese and Japanese names, honorifics, words that are never names;
- `titles.jsonl`: titles of office (the officials' phrase patterns) and other title words;
- `organizations.jsonl`, `organization_heads.json`, `organization_cues.json`: organization
  patterns, head words, and the organizations component's cue words;
- `official_cues.json`: the officials component's cue words (status words, guest cues, ...);
- `locality_types.json`, `locality_cues.json`: type words and the localities' cue words;
- `reporting_verbs.json`: verbs of speech (`said`), read by localities and officials;
- `partnership_cues.json`, `event_kinds.json`, `event_cues.json`, `metrics.json`,
  `units.json`, `currencies.json`, `known_starts.json`, `date_phrases.json`,
  `date_patterns.jsonl`: the vocabulary of one component each;
- `page_furniture.json`: the words of page furniture (vjties.page).

`load()` parses every file with strict pydantic models (unknown fields, wrong types and bad
regular expressions fail at load, naming the file); the accessor functions below give each
list in the form the rules use (folded lower-case sets, word -> value dicts, compiled regexes),
computed once. `check_consistency()` cross-checks the files (a family name is not a place word,
a title is in one list); the tests run it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vjties.models import Country, LocalityKind, Qualifier
from vjties.text import fold

# -- the files' models ------------------------------------------------------------------------


class _Resource(BaseModel):
    """Strict: no coercion, no unknown field; keys starting with `_` are documentation."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_comments(cls, data: Any) -> Any:
        """`_doc`, `_about` and `_<field>` keys are the files' comments."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not str(k).startswith("_")}
        return data


def _checked_regex(value: str) -> str:
    """A regular expression in a data file must compile, or the file is refused."""
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a regular expression ({error}): {value!r}") from None
    return value


class WordList(_Resource):
    """A documented list of words.

    (Lists, not tuples, in these models: the files are validated in strict mode after their
    comment keys are dropped, and strict mode takes a JSON array only as a list.)
    """

    words: list[str]


class Month(_Resource):
    name: str
    number: int = Field(ge=1, le=12)
    abbreviations: list[str] = []
    misspellings: list[str] = []


class Weekday(_Resource):
    name: str
    number: int = Field(ge=0, le=6)
    stems: list[str] = []


class Calendar(_Resource):
    months: list[Month] = Field(min_length=12, max_length=12)
    weekdays: list[Weekday] = Field(min_length=7, max_length=7)


class CountryWords(_Resource):
    code: Country
    name: str
    id_prefix: str
    names: list[str]
    adjectives: list[str]
    local_names: list[str] = []
    text_pattern: str

    @field_validator("text_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _checked_regex(value)


class Countries(_Resource):
    countries: list[CountryWords]


class VietnameseNames(_Resource):
    family_names: list[str]
    middle_names: list[str]


class JapaneseNames(_Resource):
    family_names: list[str]
    family_endings: list[str]
    given_endings: list[str]
    romanization: str

    @field_validator("romanization")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _checked_regex(value)


class PersonNames(_Resource):
    vietnamese: VietnameseNames
    japanese: JapaneseNames
    honorifics: WordList
    not_names: WordList


TitleRole = Literal["names_a_person", "holds_office_of"]


class Jurisdiction(_Resource):
    """Where an office or a level of government sits: a country and the gazetteer kinds of
    its unit (a governor's prefecture, a provincial body's province)."""

    country: Country
    kinds: list[LocalityKind] = Field(min_length=1)


class TitlePattern(_Resource):
    """A row of titles.jsonl: the officials' phrase patterns and the other title words.

    `TITLE`, `TITLE_MODIFIER` and `TITLE_DOMAIN` rows are the officials component's phrase
    patterns (`id` is the canonical form); `TITLE_WORD` rows are single words only the word
    rules read. `roles`: `names_a_person` (a place word after it is part of a person's name:
    `Governor Nagano`), `holds_office_of` (`Governor of X`: X is the office's place, not a
    party to a tie). `governs`: the unit a holder of the title with no place stated governs
    (a governor, the article's main prefecture).
    """

    label: Literal["TITLE", "TITLE_MODIFIER", "TITLE_DOMAIN", "TITLE_WORD"]
    pattern: str
    id: str
    roles: list[TitleRole] = []
    governs: Jurisdiction | None = None


class OrganizationPattern(_Resource):
    """A row of organizations.jsonl (see the officials component for `scope`)."""

    label: str
    pattern: str
    id: str
    scope: Literal["fixed", "local", "domain", "named"] = "named"
    country: Country | None = None


class OrganizationHeads(_Resource):
    heads: list[str]


class BackReferences(_Resource):
    """`the <head>` -> the kinds of body it can refer back to."""

    heads: dict[str, list[str]]


class LocalBodies(_Resource):
    """Vietnamese bodies named after their unit with its level (see organization_cues.json)."""

    bodies: list[str]
    levels: dict[LocalityKind, str]


class Level(Jurisdiction):
    """A level of government: its unit's country and kinds, and the kinds of body that are
    always of this level, level word or not (`Prefectural Assembly`)."""

    bodies: list[str] = []


class LevelWords(_Resource):
    levels: dict[str, Level]


class OrganizationCues(_Resource):
    """organization_cues.json: the organizations component's cue words."""

    name_stop_words: WordList
    back_references: BackReferences
    local_bodies: LocalBodies
    level_words: LevelWords


class StatusWords(_Resource):
    statuses: dict[str, Literal["current", "former"]]


class OfficialCues(_Resource):
    """official_cues.json: the officials component's cue words."""

    status_words: StatusWords
    role_prepositions: WordList
    articles: WordList
    role_references: WordList
    guest_cues: WordList
    host_sentence_stems: WordList
    host_words: WordList
    ministry_titles: WordList
    consulate_titles: WordList
    organization_head_words: WordList


class LocalityType(_Resource):
    """One type word of locality_types.json (its `_doc` explains each field)."""

    names: list[LocalityKind] = []
    plural: str | None = None
    describes: list[str] = []
    suffix: bool = False
    level: bool = False
    refers_to: list[LocalityKind] = []


class LocalityTypes(_Resource):
    nouns: dict[str, LocalityType]
    adjectives: dict[str, LocalityType]


class LocalityCues(_Resource):
    lower_name_words: WordList
    landmark_heads: WordList
    landmark_heads_any_case: WordList
    list_separators: WordList
    list_openers: WordList
    list_breakers: WordList
    coordinators: WordList
    possessives: WordList
    country_stops: WordList
    organization_inner_words: WordList
    in_place_organizations: WordList
    nesting_words: WordList
    apposition_openers: WordList
    apposition_articles: WordList
    apposition_closers: WordList
    newspaper_words: WordList
    place_preceders: WordList


class PartnershipCues(_Resource):
    """partnership_cues.json: the cue lexicon of the partnerships component."""

    strength: dict[str, int]
    kinds: dict[str, list[str]]
    friendly: list[str]
    friendly_fillers: list[str]
    tie_heads: list[str]
    country_level: list[str]
    proposal: list[str]
    made: list[str]
    locality_nouns: list[str]
    pair_references: dict[str, list[str]]
    blocking: list[str]
    modifiers: list[str]
    possessed_ties: list[str]
    people: list[str]
    clause_openers: list[str]
    coordinated_verbs: list[str]
    list_markers: list[str]
    government_kinds: list[str]
    instrument_kinds: list[str]
    signing_verbs: list[str]
    quantifiers: list[str]
    purpose_words: list[str]
    anniversary_words: list[str]
    anniversary_nouns: list[str]
    negations: list[str]
    negation_exceptions: list[str]
    agreeing: list[str]
    articles: list[str]
    clause_start_preps: list[str]
    topic_preps: list[str]
    name_nouns: list[str]
    attributive_participles: list[str]
    possessives: list[str]
    pairwise: list[str]
    title_articles: list[str]
    people_links: list[str]
    reference_determiners: list[str]
    container_stops: list[str]
    subject_pronouns: list[str]
    existing: list[str]
    presupposing: list[str]
    pair_links: list[str]
    between_words: list[str]
    year_nouns: list[str]
    count_links: list[str]
    modal_proposal: list[str]
    generic_instruments: list[str]
    infinitive_cues: list[str]
    infinitive_markers: list[str]
    infinitive_starts: list[str]
    complementizers: list[str]
    potential_nouns: list[str]
    day_parts: list[str]
    coordinated_subjects: list[str]


class EventKind(_Resource):
    """One kind of event_kinds.json (its `about` explains each field)."""

    cues: list[str]
    needs_name: bool = False
    moves: bool = False
    generic: bool = False
    stands_for: list[str] = []
    hosted: bool = False


class EventKinds(_Resource):
    """event_kinds.json: event nouns by kind, back-references and phrases that are no events."""

    about: str
    kinds: dict[str, EventKind]
    not_events: list[str]
    back_references: dict[str, str | None]


class EventCues(_Resource):
    """event_cues.json: the words around an event noun or verb (see its `_doc`)."""

    determiners: list[str]
    indefinite: list[str]
    relative_determiners: list[str]
    frames_before: list[str]
    frames_before_of: list[str]
    frame_skip_words: list[str]
    on_frames: list[str]
    on_word: str
    frame_after_pattern: str
    future_words: list[str]
    plan_pattern: str
    relative_start_pattern: str
    clause_end_pattern: str
    subevent_pattern: str
    subevent_after_pattern: str
    verb_kinds: dict[str, str]
    participle_kinds: dict[str, str]
    verb_particles: list[str]
    delegation_nouns: list[str]
    place_fillers: list[str]
    object_fillers: list[str]
    compound_heads: list[str]
    subject_verb_gap: list[str]
    bare_cues: list[str]
    bare_frames: list[str]
    name_links: list[str]
    name_link_fillers: list[str]
    date_blockers: list[str]
    period_preps: list[str]
    place_preps: list[str]
    destination_preps: list[str]
    host_adverbs: list[str]
    host_verbs: list[str]
    possessives: list[str]
    not_references_before_of: list[str]
    making_words: list[str]
    signing_verbs: list[str]
    instrument_fillers: list[str]
    present_periods: list[str]
    not_making_before: list[str]
    not_making_words: list[str]
    day_parts: list[str]
    participle_openers: list[str]
    host_phrases: list[str]
    coordinated_work: list[str]
    frames_before_in: list[str]
    sequence_words: list[str]

    @field_validator(
        "frame_after_pattern",
        "plan_pattern",
        "relative_start_pattern",
        "clause_end_pattern",
        "subevent_pattern",
        "subevent_after_pattern",
    )
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _checked_regex(value)


class Metric(_Resource):
    """One figure metric of metrics.json: its cues, default units and context words.

    `money`: an amount of money takes this metric from its cues. `context_of`: what the
    `context` words move to this metric, counts of `people` or of `places`.
    """

    description: str
    cues: list[str] = []
    units: list[str] = []
    context: list[str] = []
    money: bool = False
    context_of: Literal["people", "places"] | None = None


class Metrics(_Resource):
    metrics: dict[str, Metric]


class Units(_Resource):
    nouns: dict[str, str]
    nationality_nouns: list[str]
    output_units: dict[str, str]
    locality_units: list[str]
    pair_units: list[str]
    person_units: list[str]
    resident_units: list[str]
    role_units: list[str]


class PhraseList(_Resource):
    """A documented list of phrases (one or more words each)."""

    phrases: list[str]


class FigureCues(_Resource):
    """figure_cues.json: the figures component's word rules (each list documents itself)."""

    durations: WordList
    clock_words: WordList
    name_prefixes: WordList
    age_words: WordList
    ordinal_suffixes: WordList
    lone_numbers: WordList
    back_reference_determiners: WordList
    noun_stops: WordList
    conjunctions: WordList
    verb_endings: WordList
    plurals_without_s: WordList
    rank_words: WordList
    ranking_pools: PhraseList
    superlatives: WordList
    state_verbs: WordList
    of_which: WordList
    subset_openers: PhraseList
    antecedent_nouns: WordList
    not_plural_endings: WordList
    not_plurals: WordList
    share_words: WordList
    whole_words: WordList
    change_nouns: WordList
    change_of_nouns: WordList
    growth_particles: WordList
    project_values: PhraseList
    fdi_context: PhraseList
    registered_words: WordList
    share_openers: PhraseList
    community_words: WordList
    population_words: WordList
    represented_openers: PhraseList
    clause_words: WordList
    venue_words: WordList
    venue_prepositions: WordList
    period_prefixes: PhraseList
    period_bindings: PhraseList
    period_breakers: WordList
    deadline_words: WordList
    target_words: WordList
    founding_phrases: PhraseList
    month_end_openers: PhraseList
    year_preceders: WordList


class PageFurniture(_Resource):
    """page_furniture.json: the words of page furniture (vjties.page)."""

    outlets: PhraseList
    agencies: WordList
    section_words: WordList
    byline_particles: WordList
    date_line_words: WordList
    line_starters: PhraseList
    credit_words: WordList
    credit_hints: WordList
    footer_hints: PhraseList
    footer_label_starts: PhraseList
    home_words: PhraseList


#: What a token of a figure pattern may test, and the operators it may use.
PATTERN_ATTRIBUTES = frozenset({"TEXT", "ORTH", "LOWER"})
PATTERN_OPERATORS = frozenset({"?", "*", "+"})


def _pattern_token_problem(token: dict[str, Any]) -> str | None:
    """What is wrong with one token of a figure pattern, or None.

    A token tests one attribute: a string (`{"LOWER": "per"}`), `{"IN": [...]}` or `{"IN":
    "@name"}` (a word set the component names), `{"REGEX": "..."}` or `{"REGEX": "@name"}`;
    `"@name"` items inside an `IN` list add that set's words.
    """
    attributes = [key for key in token if key != "OP"]
    if len(attributes) != 1 or attributes[0] not in PATTERN_ATTRIBUTES:
        return f"one of {sorted(PATTERN_ATTRIBUTES)} and an optional OP expected: {token}"
    if "OP" in token and token["OP"] not in PATTERN_OPERATORS:
        return f"unknown operator {token['OP']!r}"
    value = token[attributes[0]]
    if isinstance(value, str):
        return None
    if not isinstance(value, dict) or len(value) != 1:
        return f"a string or one predicate expected: {value!r}"
    ((predicate, argument),) = value.items()
    if predicate == "IN":
        words = [argument] if isinstance(argument, str) else argument
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            return f"IN takes a word list or a set name: {argument!r}"
        return None
    if predicate == "REGEX" and isinstance(argument, str):
        return None if argument.startswith("@") else _regex_problem(argument)
    return f"unknown predicate {predicate!r}"


def _regex_problem(value: str) -> str | None:
    """Why `value` is not a regular expression, or None."""
    try:
        re.compile(value)
    except re.error as error:
        return f"not a regular expression ({error}): {value!r}"
    return None


class FigurePattern(_Resource):
    """A row of figure_patterns.jsonl: a spaCy Matcher pattern of a quantity (see
    `_pattern_token_problem` for what a token may say)."""

    label: Literal["AMOUNT"]
    id: str
    pattern: list[dict[str, Any]] = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _tokens(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for token in value:
            problem = _pattern_token_problem(token)
            if problem is not None:
                raise ValueError(problem)
        if all(token.get("OP") in ("?", "*") for token in value):
            raise ValueError("a pattern of optional tokens only matches nothing")
        return value


class NumberWords(_Resource):
    """numbers.json: number words, magnitudes, vague plurals, qualifiers, percent words."""

    units: dict[str, int]
    tens: dict[str, int]
    multiples: dict[str, int]
    magnitudes: dict[str, int]
    spelled_magnitudes: list[str]
    spaced_abbreviations: list[str]
    glued_abbreviations: list[str]
    vague_plurals: dict[str, int]
    vague_multipliers: dict[str, int]
    qualifier_prefixes: dict[str, Qualifier]
    qualifier_suffixes: dict[str, Qualifier]
    percent_words: list[str]
    articles: list[str]
    range_openers: dict[str, str]
    range_joiners: list[str]


class Currencies(_Resource):
    symbols: dict[str, str]
    codes: dict[str, str]
    words: dict[str, str]


class DatePhrases(_Resource):
    """date_phrases.json: the words of temporal expressions beyond month and weekday names."""

    undotted_months: list[str]
    mid_year_prefix: str
    fiscal_year_prefix: str
    fiscal_words: list[str]
    relative_days: dict[str, int]
    anchored_days: dict[str, int]
    period_offsets: dict[str, int]
    period_modifiers: list[str]
    periods: list[str]
    range_prefixes: list[str]
    range_separators: list[str]
    count_before: list[str]
    count_after: list[str]
    anchor_blockers: list[str]
    future_markers: list[str]
    name_year_blockers: list[str]
    start_verbs: list[str]
    anniversary_adjectives: list[str]
    ordinal_suffixes: list[str]
    ordinals: dict[str, int]


class DatePattern(_Resource):
    """A row of date_patterns.jsonl: a token pattern of spaCy's Matcher format, whose token
    dicts may name a token class the dates component computes (`{"CLASS": "MONTH"}`)."""

    label: str
    pattern: list[dict[str, Any]] = Field(min_length=1)
    id: str


class KnownStart(_Resource):
    id: str
    year: int
    source: str
    cues: list[str]
    requires: list[str] = []
    excludes: list[str] = []


class KnownStarts(_Resource):
    about: str
    starts: list[KnownStart]


# -- loading ----------------------------------------------------------------------------------


class LexiconError(ValueError):
    """A resource file that does not validate: which file, and what is wrong in it."""


@dataclass(frozen=True)
class Lexicon:
    """Every vocabulary resource, validated."""

    calendar: Calendar
    countries: Countries
    person_names: PersonNames
    titles: tuple[TitlePattern, ...]
    organizations: tuple[OrganizationPattern, ...]
    organization_heads: OrganizationHeads
    organization_cues: OrganizationCues
    official_cues: OfficialCues
    locality_types: LocalityTypes
    locality_cues: LocalityCues
    reporting_verbs: WordList
    partnership_cues: PartnershipCues
    event_kinds: EventKinds
    event_cues: EventCues
    metrics: Metrics
    units: Units
    currencies: Currencies
    known_starts: KnownStarts
    date_phrases: DatePhrases
    date_patterns: tuple[DatePattern, ...]
    numbers: NumberWords
    figure_cues: FigureCues
    figure_patterns: tuple[FigurePattern, ...]
    page_furniture: PageFurniture


M = TypeVar("M", bound=BaseModel)


def _read(name: str) -> str:
    """The text of a packaged resource file (works from a wheel or a checkout)."""
    return resources.files("vjties").joinpath("resources", name).read_text(encoding="utf-8")


def _parse(model: type[M], name: str, text: str | None = None) -> M:
    """`name` (a JSON resource) validated as `model`; a LexiconError names the file."""
    try:
        return model.model_validate_json(_read(name) if text is None else text)
    except ValidationError as error:
        raise LexiconError(f"resources/{name}: {error}") from None


def _parse_lines(model: type[M], name: str) -> tuple[M, ...]:
    """Each non-blank line of the JSONL resource `name`, validated as `model`."""
    rows = []
    for number, line in enumerate(_read(name).splitlines(), start=1):
        if line.strip():
            rows.append(_parse(model, f"{name}, line {number}", line))
    return tuple(rows)


#: The vocabulary files `load` reads; the other files of resources/ are data, not vocabulary
#: (the gazetteer and the hand-kept inputs its build script reads).
VOCABULARY_FILES: tuple[str, ...] = (
    "calendar.json",
    "countries.json",
    "person_names.json",
    "titles.jsonl",
    "organizations.jsonl",
    "organization_heads.json",
    "organization_cues.json",
    "official_cues.json",
    "locality_types.json",
    "locality_cues.json",
    "reporting_verbs.json",
    "partnership_cues.json",
    "event_kinds.json",
    "event_cues.json",
    "metrics.json",
    "units.json",
    "currencies.json",
    "known_starts.json",
    "date_phrases.json",
    "date_patterns.jsonl",
    "numbers.json",
    "figure_cues.json",
    "figure_patterns.jsonl",
    "page_furniture.json",
)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Every vocabulary resource of the package, parsed and validated once per process."""
    return Lexicon(
        calendar=_parse(Calendar, "calendar.json"),
        countries=_parse(Countries, "countries.json"),
        person_names=_parse(PersonNames, "person_names.json"),
        titles=_parse_lines(TitlePattern, "titles.jsonl"),
        organizations=_parse_lines(OrganizationPattern, "organizations.jsonl"),
        organization_heads=_parse(OrganizationHeads, "organization_heads.json"),
        organization_cues=_parse(OrganizationCues, "organization_cues.json"),
        official_cues=_parse(OfficialCues, "official_cues.json"),
        locality_types=_parse(LocalityTypes, "locality_types.json"),
        locality_cues=_parse(LocalityCues, "locality_cues.json"),
        reporting_verbs=_parse(WordList, "reporting_verbs.json"),
        partnership_cues=_parse(PartnershipCues, "partnership_cues.json"),
        event_kinds=_parse(EventKinds, "event_kinds.json"),
        event_cues=_parse(EventCues, "event_cues.json"),
        metrics=_parse(Metrics, "metrics.json"),
        units=_parse(Units, "units.json"),
        currencies=_parse(Currencies, "currencies.json"),
        known_starts=_parse(KnownStarts, "known_starts.json"),
        date_phrases=_parse(DatePhrases, "date_phrases.json"),
        date_patterns=_parse_lines(DatePattern, "date_patterns.jsonl"),
        numbers=_parse(NumberWords, "numbers.json"),
        figure_cues=_parse(FigureCues, "figure_cues.json"),
        figure_patterns=_parse_lines(FigurePattern, "figure_patterns.jsonl"),
        page_furniture=_parse(PageFurniture, "page_furniture.json"),
    )


# -- calendar ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation (lower case) -> 1-12: `september`, `sep`, `sept` -> 9."""
    return {
        form: month.number
        for month in load().calendar.months
        for form in (month.name, *month.abbreviations)
    }


@lru_cache(maxsize=1)
def month_names() -> tuple[str, ...]:
    """The twelve month names, lower case, January first."""
    return tuple(month.name for month in load().calendar.months)


@lru_cache(maxsize=2)
def month_pattern(misspellings: bool = False) -> str:
    """A regex alternation of every month form, capitalised (`September|Sepember|...|Sep`).

    Longest first, so a match takes the longest form; use it with re.IGNORECASE to accept any
    case. `misspellings` adds the misspelled forms sites print in header date lines.
    """
    forms = {
        form.title()
        for month in load().calendar.months
        for form in (
            month.name,
            *month.abbreviations,
            *(month.misspellings if misspellings else ()),
        )
    }
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


@lru_cache(maxsize=1)
def weekday_numbers() -> dict[str, int]:
    """Weekday name (lower case) -> 0-6, Monday = 0."""
    return {day.name: day.number for day in load().calendar.weekdays}


@lru_cache(maxsize=1)
def weekday_short_forms() -> tuple[str, ...]:
    """Each weekday stem alone and with `day` (`tue`, `tueday`, `tues`, `tuesday`), lower case:
    what header date lines print."""
    return tuple(
        stem + suffix
        for day in load().calendar.weekdays
        for stem in day.stems
        for suffix in ("", "day")
    )


@lru_cache(maxsize=1)
def weekday_pattern() -> str:
    """A regex alternation of `weekday_short_forms`, capitalised, longest first."""
    forms = {form.title() for form in weekday_short_forms()}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


# -- countries --------------------------------------------------------------------------------


def _country_words(*, names: bool, adjectives: bool, phrases: bool) -> dict[str, str]:
    """Country words of the kinds asked for -> code, in file order (JP first)."""
    found: dict[str, str] = {}
    for country in load().countries.countries:
        for word in (
            *(country.names if names else ()),
            *(country.adjectives if adjectives else ()),
        ):
            if phrases or " " not in word:
                found[word] = country.code
    return found


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """One-token country names and adjectives -> code: `japan`, `japanese` -> JP."""
    return _country_words(names=True, adjectives=True, phrases=False)


@lru_cache(maxsize=1)
def country_phrases() -> dict[str, str]:
    """Every country name and adjective, phrases too (`viet nam`) -> code."""
    return _country_words(names=True, adjectives=True, phrases=True)


@lru_cache(maxsize=1)
def country_name_words() -> dict[str, str]:
    """One-token country names (not adjectives) -> code: `japan` -> JP, `vietnam` -> VN."""
    return _country_words(names=True, adjectives=False, phrases=False)


@lru_cache(maxsize=1)
def country_name_sequences() -> dict[tuple[str, ...], str]:
    """Country names of several tokens -> code: (`viet`, `nam`) -> VN."""
    return {
        tuple(name.split()): country.code
        for country in load().countries.countries
        for name in country.names
        if " " in name
    }


@lru_cache(maxsize=1)
def country_tokens() -> frozenset[str]:
    """Every token of every country name, adjective and local name (`viet`, `nam`, `nhật`)."""
    return frozenset(
        token
        for country in load().countries.countries
        for phrase in (*country.names, *country.adjectives, *country.local_names)
        for token in phrase.split()
    )


@lru_cache(maxsize=1)
def country_display_names() -> dict[str, str]:
    """Code -> how records spell the country: JP -> Japan."""
    return {country.code: country.name for country in load().countries.countries}


@lru_cache(maxsize=1)
def country_id_prefixes() -> dict[str, str]:
    """Locality id prefix -> country code: `vn` -> VN."""
    return {country.id_prefix: country.code for country in load().countries.countries}


@lru_cache(maxsize=4)
def other_country(code: str) -> str:
    """The other of the two countries: `JP` -> `VN` (an ambassador to Vietnam is Japan's)."""
    others = [country.code for country in load().countries.countries if country.code != code]
    if len(others) != 1:
        raise ValueError(f"not one of the two countries of countries.json: {code!r}")
    return others[0]


def country_of_id(locality_id: str | None) -> str | None:
    """The country of a locality id (`jp/aichi` -> JP); None for other ids (`org/...`)."""
    if not locality_id:
        return None
    return country_id_prefixes().get(locality_id.split("/", 1)[0])


@lru_cache(maxsize=1)
def country_text_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(code, case-insensitive regex) finding each country in free text, JP first."""
    return tuple(
        (country.code, re.compile(country.text_pattern, re.IGNORECASE))
        for country in load().countries.countries
    )


# -- person names -----------------------------------------------------------------------------


def _folded(words: Iterable[str]) -> frozenset[str]:
    """Names are matched folded (case and diacritics away): `Nguyễn` is `nguyen`."""
    return frozenset(fold(word) for word in words)


@lru_cache(maxsize=1)
def vietnamese_family_names() -> frozenset[str]:
    """Vietnamese family names, folded (`nguyen`, `tran`, `lai`)."""
    return _folded(load().person_names.vietnamese.family_names)


@lru_cache(maxsize=1)
def vietnamese_name_parts() -> frozenset[str]:
    """Vietnamese family names and middle names, folded: a capitalised one before a place
    name makes the place part of a person's name (`Lai Thai Binh`, `Tran Quang Ninh`)."""
    names = load().person_names.vietnamese
    return _folded(names.family_names) | _folded(names.middle_names)


@lru_cache(maxsize=1)
def japanese_family_names() -> frozenset[str]:
    """Japanese family names, folded (`sato`, `ohmura`)."""
    return _folded(load().person_names.japanese.family_names)


@lru_cache(maxsize=1)
def japanese_name_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(typical endings of family names, of given names) of Japanese names."""
    names = load().person_names.japanese
    return tuple(names.family_endings), tuple(names.given_endings)


@lru_cache(maxsize=1)
def romanized_japanese() -> re.Pattern[str]:
    """A word in Hepburn romanization, for `.match()` on the folded lower-case word."""
    return re.compile(load().person_names.japanese.romanization)


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Forms of address, lower case: `mr`, `mr.`, `dr`, `madam`."""
    return frozenset(load().person_names.honorifics.words)


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Capitalised words that are never a person's name: function words, months, weekdays,
    country names and adjectives, and the few listed in person_names.json."""
    return frozenset(
        (
            *load().person_names.not_names.words,
            *month_names(),
            *weekday_numbers(),
            *country_words(),
        )
    )


# -- titles and organizations -----------------------------------------------------------------


@lru_cache(maxsize=1)
def title_patterns() -> tuple[TitlePattern, ...]:
    """The officials component's title phrase patterns (every row but `TITLE_WORD`)."""
    return tuple(row for row in load().titles if row.label != "TITLE_WORD")


@lru_cache(maxsize=2)
def title_words(role: TitleRole) -> frozenset[str]:
    """The one-word titles of titles.jsonl with `role` (see `TitlePattern`), lower case."""
    return frozenset(row.pattern.lower() for row in load().titles if role in row.roles)


@lru_cache(maxsize=1)
def person_name_cues() -> frozenset[str]:
    """Words after which a place word is part of a person's name: honorifics and the titles
    that `names_a_person` (`Governor Nagano`, `Mr. Aso`)."""
    return honorifics() | title_words("names_a_person")


@lru_cache(maxsize=1)
def organization_patterns() -> tuple[OrganizationPattern, ...]:
    """The rows of organizations.jsonl, in file order."""
    return load().organizations


@lru_cache(maxsize=1)
def organization_heads() -> frozenset[str]:
    """Words that end an organization's name (`committee`, `university`, `shimbun`)."""
    return frozenset(load().organization_heads.heads)


def organization_cues() -> OrganizationCues:
    """The organizations component's cue words (organization_cues.json)."""
    return load().organization_cues


def official_cues() -> OfficialCues:
    """The officials component's cue words (official_cues.json)."""
    return load().official_cues


@lru_cache(maxsize=1)
def title_jurisdictions() -> dict[str, Jurisdiction]:
    """Canonical title -> the unit its holder governs when none is stated (`Governor` -> a
    Japanese prefecture), for the titles of titles.jsonl that say so."""
    return {row.id: row.governs for row in load().titles if row.governs is not None}


# -- localities -------------------------------------------------------------------------------


def _types() -> Iterator[tuple[str, LocalityType]]:
    """Every type word of locality_types.json, nouns then adjectives."""
    types = load().locality_types
    yield from types.nouns.items()
    yield from types.adjectives.items()


@lru_cache(maxsize=1)
def locality_type_kinds() -> dict[str, frozenset[str]]:
    """Type word -> the gazetteer kinds a place next to it can be (`town` -> {city})."""
    return {word: frozenset(spec.names) for word, spec in _types() if spec.names}


@lru_cache(maxsize=1)
def locality_plurals() -> dict[str, str]:
    """Plural type word -> its singular: `prefectures` -> `prefecture`."""
    return {spec.plural: word for word, spec in _types() if spec.plural}


@lru_cache(maxsize=1)
def locality_descriptor_words() -> frozenset[str]:
    """Type words after which a region is a descriptor (`the Mekong Delta province of`)."""
    return frozenset(form for _, spec in _types() for form in spec.describes)


@lru_cache(maxsize=1)
def locality_suffix_words() -> frozenset[str]:
    """Type words written after a place's name in a body's or person's wording."""
    return frozenset(word for word, spec in _types() if spec.suffix)


@lru_cache(maxsize=1)
def locality_level_words() -> frozenset[str]:
    """Words naming the level of a local body (`provincial`, `city`, `district`)."""
    return frozenset(word for word, spec in _types() if spec.level)


@lru_cache(maxsize=1)
def locality_reference_kinds() -> dict[str, frozenset[str]]:
    """Back-reference noun -> the kinds `the <noun>` can name (`the town` -> city, district)."""
    return {word: frozenset(spec.refers_to) for word, spec in _types() if spec.refers_to}


def locality_cues() -> LocalityCues:
    """The localities component's own cue words (locality_cues.json)."""
    return load().locality_cues


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs of speech, lower case (`said`, `noted`): a capitalised word before one is a
    person (`Vu said`), which officials and localities both need to know."""
    return frozenset(load().reporting_verbs.words)


# -- component vocabularies -------------------------------------------------------------------


def partnership_cues() -> PartnershipCues:
    """The partnerships component's cue lexicon (partnership_cues.json)."""
    return load().partnership_cues


def event_kinds() -> EventKinds:
    """Event nouns, back-references and non-events (event_kinds.json)."""
    return load().event_kinds


def event_cues() -> EventCues:
    """The words around event nouns and verbs (event_cues.json)."""
    return load().event_cues


def metrics() -> Metrics:
    """The figures' metric vocabulary and cues (metrics.json)."""
    return load().metrics


def units() -> Units:
    """Counted nouns and their units (units.json)."""
    return load().units


def currencies() -> Currencies:
    """Currency symbols, codes and words (currencies.json)."""
    return load().currencies


def known_starts() -> KnownStarts:
    """Relationships whose start year is public knowledge (known_starts.json)."""
    return load().known_starts


def date_phrases() -> DatePhrases:
    """The words of temporal expressions beyond month and weekday names (date_phrases.json)."""
    return load().date_phrases


def date_patterns() -> tuple[DatePattern, ...]:
    """The dates component's token patterns, in file order (date_patterns.jsonl)."""
    return load().date_patterns


def numbers() -> NumberWords:
    """Number words, magnitudes, vague plurals, qualifiers and percent words (numbers.json)."""
    return load().numbers


def figure_cues() -> FigureCues:
    """The figures component's word rules (figure_cues.json)."""
    return load().figure_cues


def figure_patterns() -> tuple[FigurePattern, ...]:
    """The figures component's quantity patterns (figure_patterns.jsonl), in file order."""
    return load().figure_patterns


# -- cross-file consistency -------------------------------------------------------------------


def _place_words(lexicon: Lexicon) -> frozenset[str]:
    """Words that say "place" around a name: type words and the localities' place cues."""
    cues = lexicon.locality_cues
    types = lexicon.locality_types
    return frozenset(
        (
            *types.nouns,
            *types.adjectives,
            *(spec.plural for spec in types.nouns.values() if spec.plural),
            *cues.place_preceders.words,
            *cues.lower_name_words.words,
            *cues.landmark_heads.words,
            *cues.landmark_heads_any_case.words,
        )
    )


def _name_problems(lexicon: Lexicon) -> Iterator[str]:
    """A person-name word must not be a place word, and each name list says one country."""
    names = lexicon.person_names
    vietnamese = _folded(names.vietnamese.family_names) | _folded(names.vietnamese.middle_names)
    japanese = _folded(names.japanese.family_names)
    for word in sorted((vietnamese | japanese) & _place_words(lexicon)):
        yield f"person_names.json: {word!r} is a name part and a place word"
    for word in sorted(vietnamese & japanese):
        yield f"person_names.json: {word!r} is both a Vietnamese and a Japanese name"
    titles = {row.pattern.lower() for row in lexicon.titles}
    for word in sorted(set(names.honorifics.words) & titles):
        yield f"person_names.json: honorific {word!r} is also in titles.jsonl"


def _title_problems(lexicon: Lexicon) -> Iterator[str]:
    """A title is in one list: one row of titles.jsonl per pattern."""
    seen: set[str] = set()
    for row in lexicon.titles:
        key = row.pattern.lower()
        if key in seen:
            yield f"titles.jsonl: {row.pattern!r} is listed twice"
        seen.add(key)
        if row.label == "TITLE_WORD" and not row.roles:
            yield f"titles.jsonl: TITLE_WORD {row.pattern!r} has no role"


def _calendar_problems(lexicon: Lexicon) -> Iterator[str]:
    """Each month and weekday once; no form of one is a form of another."""
    calendar = lexicon.calendar
    if sorted(m.number for m in calendar.months) != list(range(1, 13)):
        yield "calendar.json: months must be numbered 1 to 12, once each"
    if sorted(d.number for d in calendar.weekdays) != list(range(7)):
        yield "calendar.json: weekdays must be numbered 0 to 6, once each"
    forms: dict[str, str] = {}
    for month in calendar.months:
        for form in (month.name, *month.abbreviations, *month.misspellings):
            if forms.setdefault(form, month.name) != month.name:
                yield f"calendar.json: {form!r} is a form of {forms[form]} and {month.name}"


def _country_problems(lexicon: Lexicon) -> Iterator[str]:
    """Codes, id prefixes and words of the two countries never overlap."""
    seen: dict[str, str] = {}
    for country in lexicon.countries.countries:
        for word in (country.code, country.id_prefix, *country.names, *country.adjectives):
            if seen.setdefault(word, country.code) != country.code:
                yield f"countries.json: {word!r} names both {seen[word]} and {country.code}"


def _locality_type_problems(lexicon: Lexicon) -> Iterator[str]:
    """What a type word types, a back-reference with that word can refer to."""
    for word, spec in lexicon.locality_types.nouns.items():
        if spec.names and spec.refers_to and not set(spec.names) <= set(spec.refers_to):
            yield f"locality_types.json: `the {word}` cannot refer to what `X {word}` names"
        for form in spec.describes:
            if form not in (word, spec.plural):
                yield f"locality_types.json: {word!r} describes {form!r}, not one of its forms"


def _organization_problems(lexicon: Lexicon) -> Iterator[str]:
    """Every organization pattern but a fixed name holds a head word of organization_heads."""
    heads = set(lexicon.organization_heads.heads)
    for row in lexicon.organizations:
        words = row.pattern.replace(",", " ").split()
        if row.scope != "fixed" and not any(w in heads or w.rstrip(".") in heads for w in words):
            yield f"organizations.jsonl: {row.pattern!r} holds no word of organization_heads.json"


def _partnership_problems(lexicon: Lexicon) -> Iterator[str]:
    """The government kinds of the partnership cues are kinds an organization can have, and
    every instrument kind is a kind of tie with cues."""
    cues = lexicon.partnership_cues
    labels = {row.label for row in lexicon.organizations}
    for kind in cues.government_kinds:
        if kind not in labels:
            yield f"partnership_cues.json: government kind {kind!r} is no organizations.jsonl label"
    for kind in cues.instrument_kinds:
        if kind not in cues.kinds:
            yield f"partnership_cues.json: instrument kind {kind!r} has no cues"


def _organization_cue_problems(lexicon: Lexicon) -> Iterator[str]:
    """The kinds and names organization_cues.json speaks of exist in organizations.jsonl, and
    its level words are level words of locality_types.json."""
    cues = lexicon.organization_cues
    labels = {row.label for row in lexicon.organizations}
    names = {row.id for row in lexicon.organizations}
    kinds = [
        *(kind for kinds in cues.back_references.heads.values() for kind in kinds),
        *(kind for level in cues.level_words.levels.values() for kind in level.bodies),
    ]
    for kind in kinds:
        if kind not in labels:
            yield f"organization_cues.json: {kind!r} is no label of organizations.jsonl"
    for body in cues.local_bodies.bodies:
        if body not in names:
            yield f"organization_cues.json: {body!r} is no id of organizations.jsonl"
    levels = {word for word, spec in lexicon.locality_types.adjectives.items() if spec.level}
    levels |= {word for word, spec in lexicon.locality_types.nouns.items() if spec.level}
    for word in cues.level_words.levels:
        if word not in levels:
            yield f"organization_cues.json: {word!r} is no level word of locality_types.json"


def _title_jurisdiction_problems(lexicon: Lexicon) -> Iterator[str]:
    """Rows of titles.jsonl with the same canonical title govern the same unit."""
    governs: dict[str, Jurisdiction | None] = {}
    for row in lexicon.titles:
        if row.label != "TITLE":
            continue
        if governs.setdefault(row.id, row.governs) != row.governs:
            yield f"titles.jsonl: the rows of {row.id!r} disagree on what it governs"


def _figure_problems(lexicon: Lexicon) -> Iterator[str]:
    """Magnitude lists name magnitudes; a counted unit has one default metric; a context word
    moves counts to one metric; metrics' units and the unit groups are units of units.json."""
    numbers = lexicon.numbers
    for name in ("spelled_magnitudes", "spaced_abbreviations", "glued_abbreviations"):
        for word in getattr(numbers, name):
            if word not in numbers.magnitudes:
                yield f"numbers.json: {name} holds {word!r}, which is not in magnitudes"
    units = set(lexicon.units.nouns.values())
    owners: dict[tuple[str, str], str] = {}
    for name, metric in lexicon.metrics.metrics.items():
        for kind, words in (("unit", metric.units), ("context word", metric.context)):
            for word in words:
                if owners.setdefault((kind, word), name) != name:
                    yield f"metrics.json: {kind} {word!r} is in {owners[kind, word]} and {name}"
        for unit in metric.units:
            if unit not in units:
                yield f"metrics.json: {name} counts {unit!r}, which no noun of units.json is"
        if metric.context and metric.context_of is None:
            yield f"metrics.json: {name} has context words but no context_of"
    for unit in lexicon.units.resident_units:
        if unit not in lexicon.units.person_units:
            yield f"units.json: resident unit {unit!r} is not a person unit"
    groups = (*lexicon.units.person_units, *lexicon.units.role_units)
    places = (*lexicon.units.locality_units, *lexicon.units.pair_units)
    for unit in (*groups, *places, *lexicon.units.output_units):
        if unit not in units:
            yield f"units.json: {unit!r} is in a unit group but no noun counts it"


def check_consistency(lexicon: Lexicon | None = None) -> list[str]:
    """Where two resource files disagree, one sentence each (an empty list: they agree).

    Why: a word kept in two lists drifts (the Vietnamese family names once did, so `Lai Thai
    Binh said` gave a place and `Nguyen Thai Binh said` did not); these rules catch it.
    """
    lexicon = lexicon or load()
    checks = (
        _name_problems,
        _title_problems,
        _calendar_problems,
        _country_problems,
        _locality_type_problems,
        _organization_problems,
        _partnership_problems,
        _organization_cue_problems,
        _title_jurisdiction_problems,
        _figure_problems,
    )
    return [problem for check in checks for problem in check(lexicon)]


def page_furniture() -> PageFurniture:
    """The words of page furniture: outlets, agencies, section names, byline and footer
    words (page_furniture.json)."""
    return load().page_furniture
