"""The partnerships component's vocabulary, in the forms its rules read.

Why a module: every word the rules test lives in resources/partnership_cues.json (and the
titles of titles.jsonl, the country words of countries.json, the back-reference kinds of
locality_types.json); this reads them once, as sets, so the rules never spell a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from vjties import lexicon
from vjties.models import DateHow

COUNTRY_OF_PREFIX = lexicon.country_id_prefixes()
#: The ways a date can be resolved (`stated`, `from_publication_date`, `inferred`).
DATE_HOWS = frozenset(get_args(DateHow))
OPEN_BRACKETS = {"(": ")", "[": "]"}
CLOSE_BRACKETS = {")": "(", "]": "["}
#: How far (in tokens) a date may follow the partner or a tie cue to be the tie's date:
#: `with Gunma prefecture in 2019`, `signed a letter of intent on tourism on June 12`.
NEAR_PARTNER = 3
NEAR_CUE = 4
#: ... or further, past a topic: `an MoU with JICA on heritage conservation in 2021`.
NEAR_TOPIC = 8
#: Labels of the matcher's non-cue phrases.
FRIENDLY = "_friendly"
NOUN = "_noun"
PAIR_PREFIX = "_pair_"
#: `the prefecture` names the last locality of its kind named up to this many sentences before.
REFERENCE_WINDOW = 3
#: `they`, `the two localities` may refer to a pair stated this many sentences before.
PREVIOUS_WINDOW = 3
#: Which locality kinds a back-reference noun can name; None: any kind.
NOUN_KINDS: dict[str, frozenset[str] | None] = dict(lexicon.locality_reference_kinds())


@dataclass(frozen=True)
class Cues:
    """The cue lexicon of resources/partnership_cues.json, as sets."""

    strength: dict[str, int]
    kinds: dict[str, list[str]]
    friendly: frozenset[str]
    friendly_fillers: frozenset[str]
    tie_heads: frozenset[str]
    country_level: frozenset[str]
    proposal: frozenset[str]
    made: frozenset[str]
    locality_nouns: frozenset[str]
    locality_plurals: frozenset[str]
    pair_references: dict[str, list[str]]
    blocking: frozenset[str]
    modifiers: frozenset[str]
    possessed_ties: frozenset[str]
    people: frozenset[str]
    titles: frozenset[str]
    clause_openers: list[str]
    coordinated_verbs: frozenset[str]
    list_markers: frozenset[str]
    government_kinds: frozenset[str]
    instrument_kinds: frozenset[str]
    signing_verbs: frozenset[str]
    quantifiers: frozenset[str]
    purpose_words: frozenset[str]
    anniversary_words: frozenset[str]
    anniversary_nouns: frozenset[str]
    negations: frozenset[str]
    negation_exceptions: frozenset[str]
    agreeing: frozenset[str]
    skip_words: frozenset[str]
    clause_start_preps: frozenset[str]
    topic_preps: frozenset[str]
    party_nouns: frozenset[str]
    attributive_participles: frozenset[str]
    possessives: frozenset[str]
    pairwise: frozenset[str]
    title_articles: frozenset[str]
    people_links: frozenset[str]
    reference_determiners: frozenset[str]
    container_stops: frozenset[str]
    subject_pronouns: frozenset[str]
    existing: frozenset[str]
    presupposing: frozenset[str]
    pair_links: frozenset[str]
    between_words: frozenset[str]
    year_nouns: frozenset[str]
    count_links: frozenset[str]
    modal_proposal: frozenset[str]
    generic_instruments: frozenset[str]
    infinitive_cues: frozenset[str]
    infinitive_markers: frozenset[str]
    infinitive_starts: frozenset[str]
    complementizers: frozenset[str]
    potential_nouns: frozenset[str]
    day_parts: frozenset[str]
    coordinated_subjects: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue lexicon (resources/partnership_cues.json; titles from titles.jsonl, country
    words from countries.json), as sets."""
    raw = lexicon.partnership_cues()
    return Cues(
        strength=dict(raw.strength),
        kinds={kind: list(phrases) for kind, phrases in raw.kinds.items()},
        friendly=frozenset(raw.friendly),
        friendly_fillers=frozenset(raw.friendly_fillers),
        tie_heads=frozenset(raw.tie_heads),
        country_level=frozenset(raw.country_level),
        proposal=frozenset(raw.proposal),
        made=frozenset(raw.made),
        locality_nouns=frozenset(raw.locality_nouns),
        # `the Japanese cities of Kawasaki, Sakai ...`: plurals of locality_types.json.
        locality_plurals=frozenset(lexicon.locality_plurals()),
        pair_references={label: list(words) for label, words in raw.pair_references.items()},
        blocking=frozenset(raw.blocking),
        modifiers=frozenset(raw.modifiers),
        possessed_ties=frozenset(raw.possessed_ties),
        people=frozenset(raw.people),
        titles=lexicon.title_words("holds_office_of"),
        clause_openers=list(raw.clause_openers),
        coordinated_verbs=frozenset(raw.coordinated_verbs),
        list_markers=frozenset(raw.list_markers),
        government_kinds=frozenset(raw.government_kinds),
        instrument_kinds=frozenset(raw.instrument_kinds),
        signing_verbs=frozenset(raw.signing_verbs),
        quantifiers=frozenset(raw.quantifiers),
        purpose_words=frozenset(raw.purpose_words),
        anniversary_words=frozenset(raw.anniversary_words),
        anniversary_nouns=frozenset(raw.anniversary_nouns),
        negations=frozenset(raw.negations),
        negation_exceptions=frozenset(raw.negation_exceptions),
        agreeing=frozenset(raw.agreeing),
        # Country words too: `Japan's Gunma prefecture` (Vietnamese spellings included).
        skip_words=frozenset(raw.articles) | lexicon.country_tokens(),
        clause_start_preps=frozenset(raw.clause_start_preps),
        topic_preps=frozenset(raw.topic_preps),
        party_nouns=frozenset(raw.locality_nouns) | frozenset(raw.name_nouns),
        attributive_participles=frozenset(raw.attributive_participles),
        possessives=frozenset(raw.possessives),
        pairwise=frozenset(raw.pairwise),
        title_articles=frozenset(raw.title_articles),
        people_links=frozenset(raw.people_links),
        reference_determiners=frozenset(raw.reference_determiners),
        container_stops=frozenset(raw.container_stops),
        subject_pronouns=frozenset(raw.subject_pronouns),
        existing=frozenset(raw.existing),
        presupposing=frozenset(raw.presupposing),
        pair_links=frozenset(raw.pair_links),
        between_words=frozenset(raw.between_words),
        year_nouns=frozenset(raw.year_nouns),
        count_links=frozenset(raw.count_links),
        modal_proposal=frozenset(raw.modal_proposal),
        generic_instruments=frozenset(raw.generic_instruments),
        infinitive_cues=frozenset(raw.infinitive_cues),
        infinitive_markers=frozenset(raw.infinitive_markers),
        infinitive_starts=frozenset(raw.infinitive_starts),
        complementizers=frozenset(raw.complementizers),
        potential_nouns=frozenset(raw.potential_nouns),
        day_parts=frozenset(raw.day_parts),
        coordinated_subjects=frozenset(raw.coordinated_subjects),
    )


@lru_cache(maxsize=4096)
def country_of(kb_id: object) -> str | None:
    """The country of a locality id (`jp/aichi` -> JP); None for anything else."""
    if not isinstance(kb_id, str) or "/" not in kb_id:
        return None
    return COUNTRY_OF_PREFIX.get(kb_id.split("/", 1)[0])
