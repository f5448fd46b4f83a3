"""Role chains: the titles around a person's name and the office each one names.

A role is `[status] [country] [BODY|PLACE] TITLE [of|at|for BODY|PLACE|COUNTRY|DOMAIN] [to
COUNTRY|BODY] [in PLACE]`: `former Japanese Ambassador to Vietnam`, `Hanoi People's Committee
Chairman`, `Chairman of the Kansai Economic Federation`, `Minister of Foreign Affairs`,
`Consul General of Japan in Da Nang`. A chain is roles joined by `and` or `, now`
(`Vice Secretary of X and Chairwoman of Y`, `then Chairman, now Honorary Chairman of X`); a
bare title in a chain belongs to the body of the next one (`Chairman and CEO of X`).

The title is the bare title (`Ambassador`); a status word before it gives the role's `status`
(`former`, `ex-`, `then` -> former; `now` -> current). Two kinds of body exist only through a
role: a ministry named by its minister's domain (`Minister of Foreign Affairs`) and a
consulate general named by its consul general's posting; and `of its People's Committee`
is the body of the unit of the role before it in the chain (the organizations component leaves
it unresolved: `keys.ORGANIZATION_REFERENCES`). The officials component writes those bodies.

Vocabulary: titles from `resources/titles.jsonl` (via `document_index.TitleMatcher`), status
words, role prepositions and the titles that name a ministry or consulate from
`resources/official_cues.json`, ministry domains from the `domain` ministries of
`resources/organizations.jsonl`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from vjties import lexicon
from vjties.components.document_index import NAME_PAIRS_BY_LAST, DocumentIndex
from vjties.components.organization_bodies import (
    ITS,
    MINISTRY,
    OrgMention,
    body_name,
    consulate_general,
    make_org,
)
from vjties.components.organizations import OrganizationTable

_CUES = lexicon.official_cues()
#: `former`/`ex`/`then` -> "former", `now` -> "current": the status of the role after it.
STATUS_WORDS: dict[str, str] = dict(_CUES.status_words.statuses)
ROLE_PREPOSITIONS = frozenset(_CUES.role_prepositions.words)
MINISTRY_TITLES = tuple(_CUES.ministry_titles.words)
CONSULATE_TITLES = tuple(_CUES.consulate_titles.words)
_MINISTRY_PATTERN_PREFIX = "ministry of "
_MINISTRY_NAME_PREFIX = "Ministry of "


@dataclass
class RoleMention:
    """One role of a chain: the title, the tokens of the whole role phrase [start, end) and of
    the title [title_start, title_end), and the office it names."""

    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    org: OrgMention | None = None
    locality: str | None = None
    country: str | None = None
    status: str = "current"
    #: `TITLE of <something unknown>`: where the role ends, and so where a name could start,
    #: cannot be told.
    unfinished: bool = False


def names_a(words: tuple[str, ...], title: str) -> bool:
    """Whether `title` holds one of `words` (`Deputy Prime Minister` holds `Minister`)."""
    return any(word in title for word in words)


class MinistryDomains:
    """The domains of ministries (`Foreign Affairs`, `Planning and Investment`): after
    `Minister of` one names the ministry (`domain` rows of organizations.jsonl)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        #: match key -> (domain as the ministry's name writes it, the ministry's country).
        self.domains: dict[str, tuple[str, str | None]] = {}
        for row in lexicon.organization_patterns():
            if row.scope == "domain" and row.label == MINISTRY:
                key = f"D{len(self.domains)}"
                domain = row.id.removeprefix(_MINISTRY_NAME_PREFIX)
                self.domains[key] = (domain, row.country)
                self.matcher.add(
                    key, [nlp.make_doc(row.pattern.removeprefix(_MINISTRY_PATTERN_PREFIX))]
                )

    def at(self, index: DocumentIndex, k: int) -> tuple[int, tuple[str, str | None]] | None:
        """The longest domain starting at token k: (end, (domain, country))."""
        doc = index.doc
        best: tuple[int, tuple[str, str | None]] | None = None
        for match_id, s, e in self.matcher(doc[k : min(len(doc), k + 12)]):
            if s == k and (best is None or e > best[0]):  # offsets are the Doc's
                best = (e, self.domains[doc.vocab.strings[match_id]])
        return best


class RoleReader:
    """Reads role chains at the titles of one Doc (see the module docstring)."""

    def __init__(
        self, index: DocumentIndex, orgs: OrganizationTable, domains: MinistryDomains
    ) -> None:
        self.x = index
        self.orgs = orgs
        self.domains = domains

    def chain_start(self, t: int) -> int:
        """Where a role phrase with its title at t starts: before the status word, the
        nationality, and the body or place that precedes the title (`Hanoi's`, `JETRO`)."""
        x, org_tokens = self.x, self.orgs.by_token
        start = t
        if t - 1 >= 0 and x.key_at(t - 1) == "'s":
            k = t - 2
            org = org_tokens.get(k)
            if org is not None:
                start = org.start
            elif k in x.loc_tokens:
                while k - 1 in x.loc_tokens:
                    k -= 1
                start = k
        else:
            org = org_tokens.get(t - 1)
            if org is not None and org.end == t:
                start = org.start
            elif t - 1 in x.loc_tokens:
                k = t - 1
                while k - 1 in x.loc_tokens:
                    k -= 1
                if k in x.locs and x.locs[k].end == t:
                    start = k
        k = start - 1
        if k >= 0:
            code, end = x.country_at(k)
            if code is not None and end == start:
                start = k
            elif (pair := NAME_PAIRS_BY_LAST.get(x.key_at(k))) and x.key_at(k - 1) == pair[0]:
                start = k - 1  # `Viet Nam`
        if start - 1 >= 0 and x.keys[start - 1] in STATUS_WORDS:
            start -= 1
        return start

    def parse_chain(self, i: int) -> tuple[list[RoleMention], int] | None:
        """The roles joined by `and` / `, now` from token i, and where they end (-1: unknown)."""
        roles: list[RoleMention] = []
        role = self.parse_role(i, None)
        while role is not None:
            roles.append(role)
            if role.unfinished:
                return roles, -1
            j = role.end
            if self.x.key_at(j) == "and" or (
                self.x.key_at(j) == "," and self.x.key_at(j + 1) in STATUS_WORDS
            ):
                role = self.parse_role(j + 1, role)
            else:
                role = None
        if not roles:
            return None
        # "Chairman and CEO of X", "then Chairman, now Honorary Chairman of X": a bare title
        # belongs to the body named by the next title of the chain.
        for earlier, later in zip(roles[-2::-1], roles[:0:-1], strict=True):
            if earlier.org is None and earlier.locality is None and earlier.country is None:
                earlier.org = later.org
        return roles, roles[-1].end

    def parse_role(self, i: int, previous: RoleMention | None) -> RoleMention | None:
        """A role phrase starting at token i: `[former] [Japanese] [ORG] TITLE [of ORG] ...`;
        `previous` is the role before it in the chain (`... and Chairman of its ...`)."""
        x = self.x
        start = i
        status, i = self._status(i)
        country: str | None = None
        code, c_end = x.country_at(i) if i < x.n else (None, i)
        if code is not None:
            country = code
            i = c_end + 1 if x.key_at(c_end) == "'s" else c_end
        org, locality, i = self._office_before_title(i)
        if i not in x.titles:
            return None
        title_end, title = x.titles[i]
        role = RoleMention(title, start, title_end, i, title_end, org, locality, country, status)
        j = title_end
        if x.key_at(j) in ROLE_PREPOSITIONS:
            j = self._office_after_title(role, j, previous)
            if role.unfinished:
                role.end = j
                return role
        j = self._addressee(role, j)
        if x.key_at(j) == "in":
            code, c_end = x.country_at(j + 1)
            posting, loc_end = x.locality_after(j + 1)
            if posting is not None:
                role.locality, j = posting.kb_id_, loc_end
            elif code is not None:
                j = c_end
        role.end = j
        if role.org is None and names_a(CONSULATE_TITLES, title):
            self._consulate(role)
        return role

    def _status(self, i: int) -> tuple[str, int]:
        """The status a word at token i gives the role (`former`, `ex-`), and where it ends."""
        word = self.x.key_at(i)
        if word not in STATUS_WORDS:
            return "current", i
        i += 1
        if self.x.key_at(i) == "-":
            i += 1
        return STATUS_WORDS[word], i

    def _office_before_title(self, i: int) -> tuple[OrgMention | None, str | None, int]:
        """A body or a place right before the title (`JETRO's Chief Representative`, `Nara
        Governor`): (body, locality id, where the title starts)."""
        x, orgs = self.x, self.orgs.by_start
        after_org = -1
        if i in orgs:
            after_org = orgs[i].end
            after_org += 1 if x.key_at(after_org) == "'s" else 0
        if after_org in x.titles:
            return orgs[i], None, after_org
        if i in x.locs and i not in x.titles:
            span = x.locs[i]
            j = span.end + 1 if x.key_at(span.end) == "'s" else span.end
            if j in x.titles:
                return None, span.kb_id_, j
        return None, None, i

    def _office_after_title(self, role: RoleMention, j: int, previous: RoleMention | None) -> int:
        """`TITLE of|at|for X` at the preposition j: the body, place, ministry domain or
        country X, and where the role goes on. With none of those, the role is `unfinished`."""
        x, orgs = self.x, self.orgs.by_start
        k = j + 1
        if x.key_at(k) == "its" and previous is not None and k + 1 in orgs:
            its = orgs[k + 1]
            self._resolve_its(its, previous)
            role.org = its
            return its.end
        if x.key_at(k) == "the":
            k += 1
        code, c_end = x.country_at(k)
        if (
            code is not None
            and x.key_at(c_end) == "'s"
            and (c_end + 1 in orgs or c_end + 1 in x.locs)
        ):
            # "of Japan's Kansai Economic Federation", "of Japan's Tottori prefecture"
            k = c_end + 1
        if k in orgs:
            role.org = orgs[k]
            return orgs[k].end
        if k in x.locs:
            place, end = x.locality_after(k)
            assert place is not None
            role.locality = place.kb_id_
            role.country = role.country or x.loc_info(place)[2]
            return end
        domain = self.domains.at(x, k)
        if domain is not None and names_a(MINISTRY_TITLES, role.title):
            return self._ministry(role, domain)
        code, c_end = x.country_at(k)
        if code is not None:
            role.country = code
            return c_end
        role.unfinished = True
        return j

    def _resolve_its(self, its: OrgMention, previous: RoleMention) -> None:
        """`Secretary of the X Party Committee and Chairman of its People's Committee`: the
        body `its` names belongs to the unit of the previous role's body."""
        base = previous.org
        if base is None or its.locality != ITS:
            return
        canonical = self._canonical(its)
        name = its.name
        if base.locality is not None:
            named = body_name(self.x, base.locality, canonical)
            name = named if named != canonical else its.name
        resolved = make_org(
            its.kind,
            name,
            base.country,
            base.locality,
            (its.start, its.end),
            canonical=canonical,
        )
        its.id, its.name = resolved.id, resolved.name
        its.country, its.locality = resolved.country, resolved.locality

    @staticmethod
    def _canonical(org: OrgMention) -> str:
        """The canonical name of a local body's kind (its first `local` row)."""
        for row in lexicon.organization_patterns():
            if row.label == org.kind and row.scope == "local":
                return row.id
        return org.name

    def _ministry(self, role: RoleMention, domain: tuple[int, tuple[str, str | None]]) -> int:
        """`Minister of Foreign Affairs`: the ministry of that domain, of the country the
        domain's row or another mention of the ministry gives."""
        end, (name, country) = domain
        ministry = _MINISTRY_NAME_PREFIX + name
        for known in self.orgs.by_start.values():
            if known.kind == MINISTRY and known.name == ministry:
                country = country or known.country
        role.org = make_org(MINISTRY, ministry, country, None, (role.title_start, end))
        return end

    def _addressee(self, role: RoleMention, j: int) -> int:
        """`Ambassador to Vietnam` (the ambassador is the other country's), `Special Adviser
        to the X Union` (the body): at token j, for a role with no body yet."""
        x, orgs = self.x, self.orgs.by_start
        if x.key_at(j) != "to" or role.org is not None:
            return j
        k = j + 2 if x.key_at(j + 1) == "the" else j + 1
        code, c_end = x.country_at(j + 1)
        if k in orgs:
            role.org = orgs[k]
            return orgs[k].end
        if code is not None:
            role.country = role.country or lexicon.other_country(code)
            return c_end
        return j

    def _consulate(self, role: RoleMention) -> None:
        """`Consul General of Japan in Da Nang`: the consulate general of that country there."""
        if not role.country or not role.locality:
            return
        x = self.x
        place = role.locality
        for t in range(role.title_end, role.end):
            if t in x.locs and x.locs[t].kb_id_ == role.locality:
                place = x.loc_info(x.locs[t])[1]
                break
        span = (role.title_start, role.end)
        role.org = consulate_general(role.country, place, role.locality, span)
