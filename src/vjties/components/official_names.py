"""Persons' names around role chains, and every later mention of the same person.

Where a chain's name is (`NameReader.name_of_chain`): right after it (`Vice Chairman of X Vo
Duc Trong`, after an honorific: `Ambassador Ms. X`), before it after a comma (`Vo Duc Trong,
Chairman of X, said`; `NAME, member of ... and Chairman of X`; a caption's `NAME (R),
Chairman of X`), or set off by commas after it (`President of the association, NAME, said`).
A name is a run of up to five name words (a Vietnamese name may hold words that are function
words elsewhere: `To Lam`, `Nguyen Van An`); a run that is a place is no name.

Resolution (`resolve_mentions`): a one-word name after a title (`PM Chinh`) and every later
occurrence of a full name or of a short form (`Vu said`, `Ohmura noted`) is the one person the
document names in full with that name; a short form two people share is nobody's. `the
governor` is the one holder of that title; `the host` is the one person of a reception's
sentences who is not its guest (`received Governor X`).

Vocabulary: honorifics and name lists from `resources/person_names.json` (`vjties.names`),
verbs of speech from `resources/reporting_verbs.json`, articles, role references and guest and
host cues from `resources/official_cues.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from vjties import lexicon
from vjties.components.document_index import (
    COUNTRY_WORDS,
    LOCALITY_TYPE_WORDS,
    NAME_PAIRS_BY_FIRST,
    NAME_PAIRS_BY_LAST,
    DocumentIndex,
)
from vjties.components.official_roles import RoleMention
from vjties.components.organizations import OrganizationTable
from vjties.gazetteer import load_gazetteer
from vjties.names import (
    HONORIFICS,
    fold,
    has_initial,
    is_capitalised_word,
    is_vietnamese_surname,
    name_country,
    same_person,
    short_keys,
)

_CUES = lexicon.official_cues()
#: Verbs of speech: a short name before one is a person's (`Vu said`).
REPORTING_VERBS = lexicon.reporting_verbs()
ARTICLES = frozenset(_CUES.articles.words)
#: Words before a lone title that make it refer to its holder (`the governor`).
ROLE_REFERENCES = frozenset(_CUES.role_references.words)
#: Words after which the person named next is the guest, not the host, of a reception.
GUEST_CUES = frozenset(_CUES.guest_cues.words)
HOST_SENTENCE_STEMS = tuple(_CUES.host_sentence_stems.words)
HOST_WORDS = tuple(_CUES.host_words.words)
#: Head words of bodies' names (`Centre`, `Council`): never a word of a person's name.
ORG_HEAD_WORDS = frozenset(_CUES.organization_head_words.words)
#: Punctuation between a name and the role chain after it: `NAME, Chairman of X`, `Mr. NAME -
#: Chairman of X, Head of Y`.
_APPOSITION_MARKS = frozenset({",", "-", "–", "—"})
#: Punctuation that ends the search for a descriptor's comma.
_CLAUSE_MARKS = frozenset({";", ":", '"', "“", "”"})

Name = tuple[int, int]


@dataclass
class Person:
    """A person the document names in full: the name's words and text, every role stated for
    them, and the token spans of every mention."""

    parts: list[str]
    text: str
    roles: list[RoleMention] = field(default_factory=list)
    name_spans: list[Name] = field(default_factory=list)


@dataclass
class Found:
    """What the role chains of a document gave: people with a full name, one-word names after
    titles (`pending`), lone titles that refer to a holder (`backrefs`: `the governor`), and
    the first tokens of names after a guest cue (`guests`)."""

    people: list[Person] = field(default_factory=list)
    pending: list[tuple[int, int, list[RoleMention]]] = field(default_factory=list)
    backrefs: list[tuple[int, int, RoleMention]] = field(default_factory=list)
    guests: set[int] = field(default_factory=set)


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Every gazetteer name key: a capitalised run that is one is a place, not a person."""
    return frozenset(load_gazetteer().by_key)


def _is_place_name(key: str) -> bool:
    """Whether folded words name a place in the gazetteer (`thanh hoa`, `ho chi minh`)."""
    keys = _place_keys()
    return key in keys or key + " city" in keys


def add_person(found: Found, index: DocumentIndex, name: Name, roles: list[RoleMention]) -> None:
    """Record a full name and its roles: a new person, or one already named in another form
    (`Sato Kenji` / `Kenji Sato` / `K. Sato`, the form without initials kept)."""
    parts = index.words[name[0] : name[1]]
    text = index.span_text(name[0], name[1])
    for person in found.people:
        if same_person(person.parts, parts):
            if has_initial(person.parts) and not has_initial(parts):
                person.parts, person.text = parts, text
            break
    else:
        person = Person(parts, text)
        found.people.append(person)
    person.roles.extend(roles)
    person.name_spans.append(name)


class NameReader:
    """Reads a person's name at the places a role chain allows (see the module docstring)."""

    def __init__(self, index: DocumentIndex, orgs: OrganizationTable) -> None:
        self.x = index
        self.org_tokens = orgs.by_token

    def name_of_chain(self, roles: list[RoleMention], end: int) -> Name | None:
        """The name a role chain (ending at token `end`, -1 if unknown) is about: after it,
        before it, or between commas after it; a place after the name (`Governor NAME of
        Aichi Prefecture`) is the last role's."""
        x = self.x
        name: Name | None = None
        if end >= 0:
            j = end + 1 if x.key_at(end) in HONORIFICS else end
            name = self.read_name(j) if j < x.n and not x.sentence_start[j] else None
        if name is None:
            name = self._name_before(roles[0].start)
        if name is None and end >= 0 and x.key_at(end) == ",":
            name = self.read_name_between_commas(end + 1)
        last = roles[-1]
        if name is not None and x.key_at(name[1]) == "of" and last.org is None:
            place, _ = x.locality_after(name[1] + 1)
            if place is not None and last.locality is None:
                last.locality = place.kb_id_
                last.country = last.country or x.loc_info(place)[2]
        return name

    def _name_before(self, start: int) -> Name | None:
        """`NAME, [the] TITLE ...`, `NAME, member of ... and TITLE`: the name before the comma
        before a chain starting at token `start`."""
        x = self.x
        c = start - 1
        if c >= 0 and x.key_at(c) in ARTICLES and c - 1 >= 0 and x.words[c - 1] == ",":
            c -= 1
        if c >= 0 and x.key_at(c) == "and":
            c = self._descriptor_comma(c)
        if c >= 0 and x.words[c] in _APPOSITION_MARKS and not x.sentence_start[start]:
            return self.read_name_left(c)
        return None

    def read_name(self, j: int) -> Name | None:
        """The person name starting at token j: (start, end), or None."""
        x = self.x
        # A Vietnamese family name may be a function word elsewhere (`To Lam`), and so may a
        # given name at the end (`Nguyen Van An`).
        vietnamese = j < x.n and is_vietnamese_surname(x.words[j])
        k = j
        while (
            k < x.n
            and k - j < 5
            and (x.is_name_word(k) or (vietnamese and is_capitalised_word(x.words[k])))
            and (k == j or not x.sentence_start[k])
            and k not in x.title_tokens
            and k not in self.org_tokens
            and x.keys[k] not in ORG_HEAD_WORDS
        ):
            k += 1
        if k < x.n and x.keys[k] in ORG_HEAD_WORDS:
            # `Director of the Asia Business Centre NAME`: the run names a body, and the
            # person's name, if any, follows its head word.
            return self.read_name(k + 1) if k + 1 < x.n and x.is_name_word(k + 1) else None
        return self._check_name(j, k)

    def read_name_left(self, c: int) -> Name | None:
        """The person name that ends right before token c (a comma)."""
        x, words = self.x, self.x.words
        if c >= 3 and words[c - 1] == ")" and words[c - 3] == "(":
            c -= 3  # a caption's position marker: "NAME (R), Chairman of ..."
        k = c
        while (
            k > 0
            and c - k < 5
            and is_capitalised_word(words[k - 1])
            and k - 1 not in x.title_tokens
            and k - 1 not in self.org_tokens
            and x.keys[k - 1] not in ORG_HEAD_WORDS
            and x.keys[k - 1] not in HONORIFICS  # `Mr Hitoshi Kato -`: no period after Mr
        ):
            k -= 1
            if x.sentence_start[k]:
                break
        # Drop openers ("In Hanoi, ..."); function words stay only inside a Vietnamese name
        # ("To Lam", "Nguyen Van An").
        while k < c and not x.is_name_word(k) and not is_vietnamese_surname(words[k]):
            k += 1
        if any(not x.is_name_word(t) for t in range(k, c)) and (
            not is_vietnamese_surname(words[k]) or any(t in x.loc_tokens for t in range(k, c))
        ):
            return None
        found = self._check_name(k, c)
        if found is None:
            return None
        parts = words[found[0] : found[1]]
        honorific = found[0] > 0 and x.key_at(found[0] - 1) in HONORIFICS
        if len(parts) >= 2 and name_country(parts) is None and not honorific:
            return None  # an unknown capitalised run before a comma is too weak a clue
        return found

    def _descriptor_comma(self, c: int) -> int:
        """`NAME, member of the Party Central Committee and TITLE ...`: the comma after NAME.

        Steps back from the `and` at c over a descriptor that opens in lower case; -1 if
        there is none within the sentence.
        """
        x = self.x
        k = c - 1
        while k > 0 and c - k < 12 and not x.sentence_start[k]:
            if x.words[k] == ",":
                opener = x.words[k + 1] if k + 1 < c else ""
                return k if opener[:1].islower() and k + 1 not in x.titles else -1
            if x.words[k] in _CLAUSE_MARKS:
                return -1
            k -= 1
        return -1

    def read_name_between_commas(self, j: int) -> Name | None:
        """`President of the association, NAME, said`: a name set off by commas after a role."""
        x = self.x
        if j < x.n and x.key_at(j) in HONORIFICS:
            j += 1
        if j >= x.n or x.sentence_start[j]:
            return None
        found = self.read_name(j)
        if found is None or found[1] - found[0] < 2:
            return None
        after = found[1]
        if x.key_at(after) == ",":
            if after + 1 in x.titles or x.key_at(after + 1) in ARTICLES:
                return None  # the name opens the next apposition: `, NAME, Director of ...`
            return found
        if after >= x.n or x.sentence_start[after] or x.key_at(after) == ".":
            return found
        return found if x.keys[after] in REPORTING_VERBS else None

    def _check_name(self, start: int, end: int) -> Name | None:
        """Tokens [start, end) as a name, unless they are a place or boilerplate."""
        x = self.x
        if end <= start:
            return None
        words = x.keys[start:end]
        if words[-1] in LOCALITY_TYPE_WORDS or not ORG_HEAD_WORDS.isdisjoint(words):
            return None
        loc = x.locs.get(start)
        if loc is not None and loc.end >= end:
            return None  # a place, not a person
        if end - start >= 2 and _is_place_name(" ".join(words)):
            return None  # an untagged place: "Thanh Hoa", "Ho Chi Minh (City)"
        if x.in_boilerplate(start, end):
            return None
        return start, end

    def after_guest_cue(self, start: int) -> bool:
        """Whether the chain or name starting at token `start` follows a guest cue:
        `received NAME`, `for the NAME`, `welcomed Japan's NAME`."""
        key_at = self.x.key_at
        if start > 0 and key_at(start - 1) in GUEST_CUES:
            return True
        if start > 1 and key_at(start - 1) == "the" and key_at(start - 2) in GUEST_CUES:
            return True
        return (
            start > 2
            and key_at(start - 1) == "'s"
            and (key_at(start - 3) in GUEST_CUES or key_at(start - 4) in GUEST_CUES)
        )


def resolve_mentions(index: DocumentIndex, orgs: OrganizationTable, found: Found) -> None:
    """Give each person every later mention of them (see the module docstring): one-word names
    after titles, repeats of full names and of short forms, `the <title>`, `the host`."""
    people = found.people
    by_key: dict[str, list[Person]] = {}
    for person in people:
        for key in short_keys(person.parts):
            by_key.setdefault(key, []).append(person)
    taken: set[int] = {t for person in people for s, e in person.name_spans for t in range(s, e)}
    unnamed: list[tuple[int, int, list[RoleMention]]] = []
    for s, e, roles in found.pending:
        owners = by_key.get(index.keys[s], [])
        if len(owners) == 1:
            owners[0].name_spans.append((s, e))
            owners[0].roles.extend(r for r in roles if r.org is not None)
            taken.add(s)
        elif not owners:
            unnamed.append((s, e, roles))
    for person in _people_named_by_one_word(index, unnamed):
        people.append(person)
        by_key.setdefault(index.keys[person.name_spans[0][0]], []).append(person)
        taken.update(s for s, _ in person.name_spans)
    _find_repeats(index, orgs, people, by_key, taken)
    _resolve_role_references(index, people, found.backrefs)
    if not index.view.positions(HOST_WORDS, attr="key"):
        return
    hosts = _hosts(index, people, found.guests)
    if len(hosts) == 1:
        for h in index.view.positions(HOST_WORDS, attr="key"):
            if h > 0 and index.keys[h - 1] == "the" and not index.in_boilerplate(h, h + 1):
                hosts[0].name_spans.append((h, h + 1))


def _people_named_by_one_word(
    index: DocumentIndex, unnamed: list[tuple[int, int, list[RoleMention]]]
) -> list[Person]:
    """`Governor Ishihara`, `Emperor Akihito`: a one-word name after a title that no full name
    of the document has as a short form is a person of its own, named by that word; the same
    word after several titles is one person with all their roles. Why: news often gives a
    well-known holder's surname or regnal name only, and the title says they are a person."""
    people: dict[str, Person] = {}
    for s, e, roles in unnamed:
        word = index.words[s]
        if _in_longer_name(index, index.keys[s]) or _in_country_name(index.keys[s]):
            continue  # `Governor Kuroiwa` of a `Kuroiwa Yuji` read nowhere with a title
        person = people.setdefault(index.keys[s], Person([word], word))
        person.roles.extend(roles)
        person.name_spans.append((s, e))
    return list(people.values())


def _in_country_name(key: str) -> bool:
    """Whether `key` is a country word or a word of a two-word country name (`Nam` of `Viet
    Nam`): no one-word person name."""
    return key in COUNTRY_WORDS or key in NAME_PAIRS_BY_FIRST or key in NAME_PAIRS_BY_LAST


def _in_longer_name(index: DocumentIndex, key: str) -> bool:
    """Whether the word `key` stands anywhere in the document next to another name word that
    is no title (`Kuroiwa Yuji`, `Phung Thi Hong Ha`): then it is a short form of a full name
    the document gives, even where no role chain read that name."""
    titles = index.title_tokens
    for p in index.view.positions([key], attr="key"):
        for q in (p - 1, p + 1):
            if 0 <= q < index.n and q not in titles and index.is_name_word(q):
                if q == p + 1 and index.sentence_start[q]:
                    continue
                if q == p - 1 and index.sentence_start[p]:
                    continue
                return True
    return False


def _find_repeats(
    index: DocumentIndex,
    orgs: OrganizationTable,
    people: list[Person],
    by_key: dict[str, list[Person]],
    taken: set[int],
) -> None:
    """Every other occurrence of a full name (in either order for two words) or of a short
    form only one person has, standing alone (`Vu said`)."""
    x = index
    full: dict[str, list[tuple[list[str], Person]]] = {}
    for person in people:
        folded = [fold(p) for p in person.parts]
        full.setdefault(folded[0], []).append((folded, person))
        if len(folded) == 2:
            full.setdefault(folded[1], []).append((folded[::-1], person))
    next_free = 0
    for i in x.view.positions(set(full) | set(by_key), attr="key"):
        if i < next_free or i in taken or i in orgs.by_token:
            continue
        key = x.keys[i]
        if not is_capitalised_word(x.words[i]):
            continue
        matched = False
        for folded, person in full.get(key, []):
            n = len(folded)
            if x.keys[i : i + n] == folded and not x.in_boilerplate(i, i + n):
                person.name_spans.append((i, i + n))
                taken.update(range(i, i + n))
                next_free = i + n
                matched = True
                break
        if matched:
            continue
        if not x.is_name_word(i) and x.key_at(i + 1) not in REPORTING_VERBS:
            continue  # "An said": a given name that is also a function word, before a verb
        owners = by_key.get(key, [])
        if len(owners) == 1 and _standalone(x, i) and not x.in_boilerplate(i, i + 1):
            owners[0].name_spans.append((i, i + 1))
            taken.add(i)


def _resolve_role_references(
    index: DocumentIndex, people: list[Person], backrefs: list[tuple[int, int, RoleMention]]
) -> None:
    """`the governor`, `the PM`: the one person holding that title (of that body, if named)."""
    for s, e, role in backrefs:
        if index.in_boilerplate(s, e):
            continue
        holders = [
            p
            for p in people
            if any(
                fold(r.title) == fold(role.title)
                and (role.org is None or (r.org is not None and r.org.id == role.org.id))
                for r in p.roles
            )
        ]
        if len(holders) == 1:
            holders[0].name_spans.append((s, e))


def _standalone(x: DocumentIndex, i: int) -> bool:
    """A short name alone, not part of a longer capitalised run (another person, a place)."""
    before = i - 1 >= 0 and x.is_name_word(i - 1) and not x.sentence_start[i]
    after = i + 1 < x.n and x.is_name_word(i + 1) and not x.sentence_start[i + 1]
    after = after or (i + 1 < x.n and x.words[i + 1] == "-")
    if before and i - 1 not in x.title_tokens and x.key_at(i - 1) not in HONORIFICS:
        return False
    if after:
        return False
    if i in x.loc_tokens:
        prev_ok = i - 1 in x.title_tokens or x.key_at(i - 1) in HONORIFICS
        return prev_ok or x.key_at(i + 1) in REPORTING_VERBS
    return True


def _hosts(x: DocumentIndex, people: list[Person], guests: set[int]) -> list[Person]:
    """The people named in a reception's sentences (`reception`, `received`, `welcoming`) that
    also name a guest, who are not the guest."""
    view = x.view
    cued = {
        view.sentence_of(i) for i, key in enumerate(x.keys) if key.startswith(HOST_SENTENCE_STEMS)
    }
    hosts: list[Person] = []
    for sent in sorted(cued):
        present = [
            (person, s)
            for person in people
            for s, _ in person.name_spans
            if view.sentence_of(s) == sent
        ]
        guest_people = {id(p) for p, s in present if s in guests}
        if not guest_people:
            continue
        for person, _ in present:
            if id(person) not in guest_people and person not in hosts:
                hosts.append(person)
    return hosts
