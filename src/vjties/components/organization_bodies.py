"""How an organization pattern's match becomes a body: the words around it, its name, its id.

The organizations component (`vjties.components.organizations`) finds the matches;
`OrganizationBuilder.build` reads each one in its context by the `scope` of its pattern in
`resources/organizations.jsonl` (`fixed`, `local`, `domain`, `named`: see the component's
docstring) and gives the `OrgMention` it names, or None. `make_org` gives a body its id,
`local_body_name` names a Vietnamese local body after its unit and level, and
`consulate_general`/`body_name` name the bodies the officials component reads from a role
(`Consul General of Japan in Da Nang`, `its People's Committee`) the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

from vjties import lexicon
from vjties.components.document_index import COUNTRY_WORDS, DocumentIndex
from vjties.lexicon import OrganizationPattern
from vjties.names import fold
from vjties.text import slugify as _slugify
from vjties.text import to_ascii

slugify = lru_cache(maxsize=16384)(_slugify)

# Kinds the rules treat apart (labels of organizations.jsonl).
MINISTRY = "ministry"
DEPARTMENT = "department"
EMBASSY = "embassy"
CONSULATE_GENERAL = "consulate_general"
UNIVERSITY = "university"
#: Diplomatic missions: named by their sending country and their posting.
MISSIONS = frozenset({EMBASSY, CONSULATE_GENERAL})
#: Named bodies whose place may follow `of` (`University of Da Nang`).
PLACED_BY_OF = frozenset({UNIVERSITY, "friendship_association", "chamber_of_commerce"})
#: Kinds named after the unit they belong to; their id is kind + locality id.
LOCAL_KINDS = frozenset(
    {
        "people_committee",
        "people_council",
        "party_committee",
        "prefectural_assembly",
        "prefectural_government",
        "city_council",
        "city_government",
        DEPARTMENT,
    }
)
#: The `locality` of a body named through `its`, until a role says whose it is.
ITS = "its"

COUNTRY_NAMES: dict[str, str] = lexicon.country_display_names()
# `Viet Nam` -> `Vietnam`: ids name a country one way, whatever the article's spelling.
_COUNTRY_SPELLINGS = {
    " ".join(word.title() for word in names): COUNTRY_NAMES[code]
    for names, code in lexicon.country_name_sequences().items()
}
LEVEL_WORDS = lexicon.locality_level_words()
_CUES = lexicon.organization_cues()
#: Function words a run of capitalised words before a head never crosses.
NAME_STOP_WORDS = frozenset(_CUES.name_stop_words.words)
#: Level word (`provincial`) -> its level; a kind always of one level -> that level.
LEVELS = _CUES.level_words.levels
BODY_LEVELS = {kind: level for level in LEVELS.values() for kind in level.bodies}
#: Bodies named after their unit with its level, and the word of each unit kind's level.
LEVELLED_BODIES = frozenset(_CUES.local_bodies.bodies)
LEVEL_NAMES: dict[str, str] = {kind: word for kind, word in _CUES.local_bodies.levels.items()}


@dataclass
class OrgMention:
    """One mention of an organization: the body (id, name, kind, country, locality) and the
    tokens [start, end) that name it."""

    id: str
    name: str
    kind: str
    country: str | None
    locality: str | None
    start: int
    end: int

    def record(self) -> dict[str, Any]:
        """The Organization record of the body, without mentions."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "locality": self.locality,
        }


def country_names_as_records_write_them(text: str) -> str:
    """`text` with a country's name in other spellings (`Viet Nam`) written as records write
    it (`Vietnam`), so an organization's id does not depend on the article's spelling."""
    for spelling, name in _COUNTRY_SPELLINGS.items():
        text = text.replace(spelling, name)
    return text


def local_body_name(place: str, place_kind: str | None, canonical: str) -> str:
    """The name of the body `canonical` (`People's Committee`) of the unit `place`.

    Vietnamese local bodies are named after their unit with its level, whatever the wording
    of the mention: `Can Tho City People's Committee` (a municipality or city), `Quang Ninh
    Provincial People's Committee`, `Ho Chi Minh City People's Committee` (the name already
    ends in the level); other bodies are `<place> <body>`.
    """
    level = LEVEL_NAMES.get(place_kind or "") if canonical in LEVELLED_BODIES else None
    if level is None or place.endswith(" " + level):
        return f"{place} {canonical}"
    return f"{place} {level} {canonical}"


def make_org(
    kind: str,
    name: str,
    country: str | None,
    locality: str | None,
    span: tuple[int, int],
    *,
    canonical: str | None = None,
    org_id: str | None = None,
) -> OrgMention:
    """A mention of the body `name` over the tokens `span`, with its id.

    Ids depend on what the body is, not on the wording: a ministry is its country and name
    (`org/jp/ministry-of-foreign-affairs`), a local body its unit and kind
    (`org/vn/hanoi/people-committee`; a department its unit and canonical name), any other
    body its name. A body with a locality and no country takes the locality's country.
    """
    if org_id is None:
        if kind == MINISTRY and country is not None:
            org_id = f"org/{country.lower()}/{slugify(name)}"
        elif kind in LOCAL_KINDS and locality is not None and locality != ITS:
            suffix = kind.replace("_", "-") if kind != DEPARTMENT else slugify(canonical or name)
            org_id = f"org/{locality}/{suffix}"
        else:
            org_id = "org/" + slugify(country_names_as_records_write_them(name))
    if locality is not None and locality != ITS and country is None:
        country = lexicon.country_of_id(locality)
    return OrgMention(org_id, name, kind, country, locality, *span)


def consulate_general(country: str, place: str, locality: str, span: tuple[int, int]) -> OrgMention:
    """The consulate general of `country` in the locality `place` (`Consulate General of Japan
    in Da Nang`), named by a mention or by its Consul General's role."""
    name = f"Consulate General of {COUNTRY_NAMES[country]} in {place}"
    org_id = f"org/{country.lower()}/consulate-general/{locality}"
    return make_org(CONSULATE_GENERAL, name, country, locality, span, org_id=org_id)


def body_name(index: DocumentIndex, locality: str, canonical: str) -> str:
    """`Hai Duong Provincial People's Committee`: the body `canonical` of a locality the
    document names (by its record, else by a mention of it); `canonical` if it names none."""
    name, _, loc_kind = index.loc_names.get(locality, (None, None, None))
    if name is None:
        for span in index.locs.values():
            if span.kb_id_ == locality:
                _, name, _, loc_kind = index.loc_info(span)
                break
    return local_body_name(name, loc_kind, canonical) if name else canonical


class OrganizationBuilder:
    """Reads the organization a pattern match names in its context (see the module docstring:
    one step per `scope`). Returns None when the match names no body here."""

    def __init__(self, index: DocumentIndex, matcher: PhraseMatcher) -> None:
        self.x = index
        self.matcher = matcher

    def build(self, s: int, e: int, row: OrganizationPattern) -> OrgMention | None:
        """The body the match [s, e) of `row` names, with the tokens that name it."""
        if row.scope == "fixed":
            return self._fixed(s, e, row)
        if row.scope == "named":
            return self._named(s, e, row)
        return self._local(s, e, row)

    def _fixed(self, s: int, e: int, row: OrganizationPattern) -> OrgMention:
        """`JETRO (Japan External Trade Organization) Hanoi`: the name, an expansion or
        acronym of it in brackets, the office's place; the country near it."""
        x, end = self.x, e
        if (
            end + 2 < x.n
            and x.words[end] == "("
            and x.words[end + 2] == ")"
            and self.matcher(x.doc[end + 1 : end + 2])
        ):
            end += 3
        office = x.locs.get(end)
        if office is not None and not x.sentence_start[end]:
            end = office.end  # "JETRO Hanoi": the body's office there
        country = row.country or self._country_near(s, end)  # "the foreign ministry of Vietnam"
        return make_org(row.label, row.id, country, None, (s, end))

    def _local(self, s: int, e: int, row: OrganizationPattern) -> OrgMention | None:
        """A body of a unit: `Hanoi People's Committee`, `Da Nang City People's Committee`,
        `HCMC Party Committee`, `People's Committee of Hai Duong`, `the provincial People's
        Committee` (the article's main province), `Department of Health`."""
        x, kind, canonical = self.x, row.label, row.id
        country: str | None = row.country
        start, locality = self._local_start(s)
        end = e
        if locality is None and x.key_at(end) == "of":
            span, loc_end = x.locality_after(end + 1, described=True)
            if span is not None:
                locality, end = span, loc_end
        if row.scope == "domain" and country is None:
            country = self._country_near(start, end) or x.country_in(start, s)
        if locality is not None:
            local_id, loc_name, local_country, loc_kind = x.loc_info(locality)
            name = local_body_name(loc_name, loc_kind, canonical)
            country = local_country or country
            return make_org(kind, name, country, local_id, (start, end), canonical=canonical)
        level = x.key_at(start) if start < s else ""
        if row.scope == "domain":
            if kind == DEPARTMENT:
                # A provincial department names nothing without its province.
                return self._of_main_unit(kind, canonical, country, level, (start, end))
            return make_org(kind, canonical, country, None, (start, end))
        if start > 0 and x.key_at(start - 1) == "its":
            return make_org(kind, canonical, country, ITS, (start, end))
        found = self._of_main_unit(kind, canonical, country, level, (start, end))
        if found is None and start < s and x.words[start][:1].isupper():
            name = to_ascii(x.span_text(start, end))  # a capitalised name of no known place
            return make_org(kind, name, country, None, (start, end))
        return found

    def _local_start(self, s: int) -> tuple[int, Span | None]:
        """Where a local body's mention starts before its head word at s, and the locality
        named there: a level word (`provincial`), a possessive, the capitalised name before."""
        x = self.x
        k = s
        if k > 0 and x.key_at(k - 1) in LEVEL_WORDS:
            k -= 1
        if k > 0 and x.key_at(k - 1) == "'s" and k - 1 > 0:
            k -= 1
        left = self.name_run_left(k)
        if left < k:
            return left, x.locality_inside(left, s)
        if k < s and x.keys[k] == "'s":
            k += 1
        return k, None

    def _of_main_unit(
        self,
        kind: str,
        canonical: str,
        country: str | None,
        level_word: str,
        span: tuple[int, int],
    ) -> OrgMention | None:
        """The body `canonical` of the article's main unit of the level its kind or its level
        word gives (`the provincial People's Committee`), if the article has one."""
        level = BODY_LEVELS.get(kind) or LEVELS.get(level_word)
        unit = self.x.main_locality(level.country, level.kinds) if level is not None else None
        if unit is None:
            return None
        name = body_name(self.x, unit, canonical)
        return make_org(kind, name, country, unit, span, canonical=canonical)

    def _named(self, s: int, e: int, row: OrganizationPattern) -> OrgMention | None:
        """A body named by the capitalised words before its head (`Dong A University`), maybe
        with its place or country after it (`... Association in the Kansai region`, `Japan
        Business Association in Vietnam`); an embassy or a consulate by its countries."""
        x, kind = self.x, row.label
        if not x.words[s][:1].isupper() and not x.words[s].isupper():
            return None
        start = self.name_run_left(s)
        sending: str | None = None
        if kind in MISSIONS:
            start, sending = self._sending_country(start, s)
        end, locality, of_country, in_country = self._after_head(e, kind, start < s)
        if kind in MISSIONS and of_country is not None:
            sending = of_country
        if start == s and kind not in MISSIONS and end == e:
            return None  # a bare head word ("the university") names nothing
        if locality is None:
            locality = x.locality_inside(start, end)
        if kind in MISSIONS:
            return self._mission(kind, sending, in_country, locality, (start, end))
        return self._named_body(row, (start, end), e, locality)

    def _sending_country(self, left: int, s: int) -> tuple[int, str | None]:
        """(start, country) of a mission from the words before its head: `Japanese Embassy`,
        `Vietnam's Embassy`."""
        x = self.x
        sending: str | None = None
        for word in x.words[left:s]:
            sending = sending or COUNTRY_WORDS.get(fold(word))
        if left == s and left >= 2 and x.key_at(left - 1) == "'s":
            sending = COUNTRY_WORDS.get(fold(x.words[left - 2]))
            return (left - 2 if sending else left), sending
        return left, sending

    def _after_head(
        self, e: int, kind: str, has_name: bool
    ) -> tuple[int, Span | None, str | None, str | None]:
        """What follows a named body's head: `of` + a country (or the place of a university,
        an association, a chamber), `in` + a country (a mission's posting, or part of a name
        such as `Japan Business Association in Vietnam`) or a place. Returns (end, locality,
        the country after `of`, the country after `in`)."""
        x, end = self.x, e
        locality: Span | None = None
        of_country = in_country = None
        if x.key_at(end) == "of":
            code, c_end = x.country_at(end + 1)
            if code is not None:
                of_country, end = code, c_end
            elif kind in PLACED_BY_OF:
                span, loc_end = x.locality_after(end + 1)
                if span is not None:
                    locality, end = span, loc_end
        if x.key_at(end) == "in":
            code, c_end = x.country_at(end + 1)
            if code is not None and (kind in MISSIONS or has_name):
                in_country, end = code, c_end
            else:
                span, loc_end = x.locality_after(end + 1)
                if span is not None:
                    locality, end = span, loc_end
        return end, locality, of_country, in_country

    def _mission(
        self,
        kind: str,
        sending: str | None,
        host: str | None,
        locality: Span | None,
        span: tuple[int, int],
    ) -> OrgMention | None:
        """An embassy (`Embassy of Japan in Vietnam`, in the other country unless stated) or a
        consulate general (in the locality named: `Consulate General of Japan in Da Nang`)."""
        if sending is None:
            return None
        if kind == EMBASSY:
            host = host or lexicon.other_country(sending)
            name = f"Embassy of {COUNTRY_NAMES[sending]} in {COUNTRY_NAMES[host]}"
            org_id = f"org/{sending.lower()}/embassy/{host.lower()}"
            return make_org(kind, name, sending, None, span, org_id=org_id)
        if locality is None:
            return None
        loc_id, place, _, _ = self.x.loc_info(locality)
        return consulate_general(sending, place, loc_id, span)

    def _named_body(
        self, row: OrganizationPattern, span: tuple[int, int], e: int, locality: Span | None
    ) -> OrgMention:
        """A named body: its name as written, its acronym (`(JBAV)`) part of the mention and
        not of the name, its country from the row, its place or its wording, and an id of its
        name and place when the place follows the head (`... in the Kansai region`)."""
        x = self.x
        start, end = span
        name_end = end
        named_loc = loc_country = None
        if locality is not None:
            named_loc, _, loc_country, _ = x.loc_info(locality)
        if (
            end + 2 < x.n
            and x.words[end] == "("
            and x.words[end + 2] == ")"
            and x.words[end + 1].isupper()
        ):
            end += 3
        name = to_ascii(x.span_text(start, name_end))
        country = row.country or loc_country or x.country_in(start, name_end)
        if country is None and start >= 2 and x.key_at(start - 1) == "'s":
            country = COUNTRY_WORDS.get(fold(x.words[start - 2]))
        org_id = None
        if end > e and named_loc is not None and locality is not None and locality.start >= e:
            # "... Friendship Association in the Kansai region": the place, not its wording.
            base = country_names_as_records_write_them(to_ascii(x.span_text(start, e)))
            org_id = f"org/{slugify(base)}/{named_loc}"
        return make_org(row.label, name, country, named_loc, (start, end), org_id=org_id)

    def name_run_left(self, i: int) -> int:
        """Start of the run of name-like tokens (capitalised words, localities, `-` and `&`
        between them) ending before token i; never across a title or a stop word."""
        x = self.x
        words, starts = x.words, x.sentence_start
        k = i
        while k > 0:
            w = words[k - 1]
            if k - 1 in x.loc_tokens:
                k -= 1
                continue
            if w in ("-", "–", "&") and k - 2 >= 0 and words[k - 2][:1].isupper() and k < i:
                k -= 1
                continue
            if starts[k - 1] and not (w[:1].isupper() and w.isalpha()):
                break
            if (
                w[:1].isupper()
                and (w.isalpha() or w.isalnum())
                and fold(w) not in NAME_STOP_WORDS
                and k - 1 not in x.title_tokens
            ):
                k -= 1
                if starts[k]:
                    break
                continue
            break
        return k

    def _country_near(self, start: int, end: int) -> str | None:
        """`Japan's Ministry of X`, `the Vietnamese Ministry of X`, `Ministry of X of Japan`."""
        x = self.x
        if start >= 2 and x.key_at(start - 1) == "'s":
            code, _ = x.country_at(start - 2)
            if code:
                return code
        if start >= 1:
            code, _ = x.country_at(start - 1)
            if code:
                return code
        if x.key_at(end) == "of":
            code, _ = x.country_at(end + 1)
            return code
        return None
