"""The events component's vocabulary, in the forms its rules read.

Why a module: the words live in resources/event_kinds.json (event nouns by kind and what each
kind does) and resources/event_cues.json (the words around them); this reads them once, as
sets, dicts and compiled patterns, so the rules never spell a word themselves.
"""

from __future__ import annotations

import re

from vjties import lexicon

_KINDS = lexicon.event_kinds()
_CUES = lexicon.event_cues()

#: Event noun (lower case) -> its kind.
CUE_KIND: dict[str, str] = {cue: kind for kind, spec in _KINDS.kinds.items() for cue in spec.cues}
#: Kinds whose noun is an event only with a name (`the "Meet Japan 2023" programme`).
NAMED_ONLY = frozenset(kind for kind, spec in _KINDS.kinds.items() if spec.needs_name)
#: Back-reference noun -> the kind it may refer to (None: any).
BACK_REFERENCES: dict[str, str | None] = dict(_KINDS.back_references)
NOT_EVENTS: list[str] = list(_KINDS.not_events)
#: Kinds that go elsewhere (a visit, a trip): their place is where they go.
MOVING_KINDS = frozenset(kind for kind, spec in _KINDS.kinds.items() if spec.moves)
#: Kinds too general to report on their own without a date, a name or a place.
GENERIC_KINDS = frozenset(kind for kind, spec in _KINDS.kinds.items() if spec.generic)
#: Kinds whose verb's subject locality is where they happened (`X received ...`).
HOSTED_KINDS = frozenset(kind for kind, spec in _KINDS.kinds.items() if spec.hosted)
#: Kind of a definite mention -> the other kinds it may refer to (`the ceremony` -> signing).
REFERS_TO: dict[str, tuple[str, ...]] = {
    kind: tuple(spec.stands_for) for kind, spec in _KINDS.kinds.items() if spec.stands_for
}

DETERMINERS = frozenset(_CUES.determiners)
INDEFINITE = frozenset(_CUES.indefinite)
RELATIVE_DETERMINERS = frozenset(_CUES.relative_determiners)
FRAMES_BEFORE = frozenset(_CUES.frames_before)
FRAMES_BEFORE_OF = frozenset(_CUES.frames_before_of)
FRAME_SKIP_WORDS = frozenset(_CUES.frame_skip_words)
ON_FRAMES = frozenset(_CUES.on_frames)
ON_WORD = _CUES.on_word
FRAME_AFTER_RE = re.compile(_CUES.frame_after_pattern, re.IGNORECASE)
FUTURE_WORDS = tuple(_CUES.future_words)
PLAN_RE = re.compile(_CUES.plan_pattern, re.IGNORECASE)
RELATIVE_START_RE = re.compile(_CUES.relative_start_pattern, re.IGNORECASE)
CLAUSE_END_RE = re.compile(_CUES.clause_end_pattern, re.IGNORECASE)
SUBEVENT_RE = re.compile(_CUES.subevent_pattern, re.IGNORECASE)
SUBEVENT_AFTER_RE = re.compile(_CUES.subevent_after_pattern)
VERB_KINDS: dict[str, str] = dict(_CUES.verb_kinds)
PARTICIPLE_KINDS: dict[str, str] = dict(_CUES.participle_kinds)
VERB_PARTICLES = frozenset(_CUES.verb_particles)
DELEGATION_NOUNS = frozenset(_CUES.delegation_nouns)
# Country words and names with their possessive (`Japan's`) stand before a place too.
PLACE_FILLERS = frozenset(
    (
        *_CUES.place_fillers,
        *(word for word in lexicon.country_tokens() if word.isascii()),
        *(f"{name}'s" for name in lexicon.country_name_words()),
    )
)
# The tokenizer splits `high-ranking` at the hyphen: its parts are fillers too.
OBJECT_FILLERS = PLACE_FILLERS | frozenset(
    part for word in _CUES.object_fillers for part in (word, *word.split("-")) if part
)
COMPOUND_HEADS = frozenset(_CUES.compound_heads)
SUBJECT_VERB_GAP = frozenset(_CUES.subject_verb_gap)
BARE_CUES = frozenset(_CUES.bare_cues)
BARE_FRAMES = frozenset(_CUES.bare_frames)
NAME_LINKS = frozenset(_CUES.name_links)
NAME_LINK_FILLERS = frozenset(_CUES.name_link_fillers)
DATE_BLOCK_BEFORE = frozenset(_CUES.date_blockers)
PERIOD_PREPS = frozenset(_CUES.period_preps)
PLACE_PREPS = frozenset(_CUES.place_preps)
DESTINATION_PREPS = frozenset(_CUES.destination_preps)
HOST_ADVERBS = frozenset(_CUES.host_adverbs)
HOST_VERBS = frozenset(_CUES.host_verbs)
POSSESSIVES = frozenset(_CUES.possessives)
NOT_REFERENCES_BEFORE_OF = frozenset(_CUES.not_references_before_of)
MAKING_WORDS = frozenset(_CUES.making_words)
NOT_MAKING_BEFORE = frozenset(_CUES.not_making_before)
NOT_MAKING_WORDS = frozenset(_CUES.not_making_words)
DAY_PARTS = frozenset(_CUES.day_parts)
PARTICIPLE_OPENERS = frozenset(_CUES.participle_openers)
HOST_PHRASES = tuple(tuple(phrase.split()) for phrase in _CUES.host_phrases)
COORDINATED_WORK = frozenset(_CUES.coordinated_work)
FRAMES_BEFORE_IN = frozenset(_CUES.frames_before_in)
SEQUENCE_WORDS = frozenset(_CUES.sequence_words)
SIGNING_VERBS = frozenset(_CUES.signing_verbs)
PRESENT_PERIODS = frozenset(_CUES.present_periods)
INSTRUMENT_FILLERS = frozenset(_CUES.instrument_fillers)
#: The first words of the instruments' cues (partnership_cues.json): `memorandum`, `mou`,
#: `agreement`, `letter`...
INSTRUMENT_WORDS = frozenset(
    phrase.split()[0]
    for kind in lexicon.partnership_cues().instrument_kinds
    for phrase in lexicon.partnership_cues().kinds[kind]
)
#: Quotation marks around an event's name; the double ones also delimit quoted speech.
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
DOUBLE_QUOTES = ('"', "“", "”")
DASHES = frozenset({"-", "–", "—"})
#: One-word titles of office (titles.jsonl): a capitalised one before a verb of visiting is a
#: visitor even where no official was recognised (`Governor of X prefecture Y visited Z`).
VISITOR_TITLES = frozenset(
    row.pattern
    for row in lexicon.title_patterns()
    if row.label == "TITLE" and " " not in row.pattern
)
