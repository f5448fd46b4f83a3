"""Officials: the people an article names with a title, their roles, and every mention of them.

Sets `doc._.officials`, `doc.spans[keys.OFFICIALS]` (person mentions, kb_id_ = person id),
and, for the bodies that exist only through a role (`Minister of Foreign Affairs`, `Consul
General of Japan in Da Nang`, `its People's Committee`), `doc._.role_organizations` and
`doc.spans[keys.ROLE_ORGANIZATIONS]`; it never changes what an earlier component wrote. It
reads the localities' and the organizations' output and the shared document index
(`document_index`: titles, places, country words).

The work, one module per stage:

1. recognition, `official_roles`: at each title (`resources/titles.jsonl`), the role chain
   around it (`Vice Secretary of X and Chairwoman of Y`, `NAME, Chairman of X, said`, `then
   ..., now ...`, `former`), each role's title, status and office (body, place, country);
2. names, `official_names`: the name each chain is about (after it, before it, between commas),
   people merged across the forms of their name, then every later mention of each person:
   short forms (`Vu said`, `PM Chinh`), `the governor`, `the host`. A short form shared by two
   people resolves to nobody;
3. records, `official_records`: the Official records and the role-only bodies.

A role's `title` is the bare title (`Ambassador`, `Chairman`); a status word before it is not
part of the title but the role's `status` (`former Japanese Ambassador to Vietnam Ms. X` ->
title `Ambassador`, status `former`, country JP).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from vjties.components.document_index import DocumentIndex, TitleMatcher, document_index
from vjties.components.official_names import (
    ROLE_REFERENCES,
    Found,
    NameReader,
    add_person,
    resolve_mentions,
)
from vjties.components.official_records import write_officials
from vjties.components.official_roles import MinistryDomains, RoleReader
from vjties.components.organizations import OrganizationTable, organization_table


class OfficialsRecognizer:
    """The officials component: `match` reads the people, `write_officials` writes them."""

    def __init__(self, nlp: Language) -> None:
        self.titles = TitleMatcher(nlp)
        self.domains = MinistryDomains(nlp)

    def __call__(self, doc: Doc) -> Doc:
        """Read the officials of `doc` (after localities and organizations) and write them."""
        index = document_index(doc, self.titles)
        orgs = organization_table(doc)
        found = self.match(index, orgs)
        write_officials(doc, index, orgs, found.people)
        return doc

    def match(self, index: DocumentIndex, orgs: OrganizationTable) -> Found:
        """Every person of the document with their roles and mentions, from the role chain at
        each title (left to right, a title read as part of a chain is not read again)."""
        roles = RoleReader(index, orgs, self.domains)
        names = NameReader(index, orgs)
        found = Found()
        consumed: set[int] = set()
        for t_start in sorted(index.titles):
            if t_start in consumed or index.in_boilerplate(t_start, index.titles[t_start][0]):
                continue
            start = roles.chain_start(t_start)
            parsed = roles.parse_chain(start)
            if parsed is None:
                continue
            chain, end = parsed
            consumed.update(role.title_start for role in chain)
            name = names.name_of_chain(chain, end)
            if name is None:
                # `the governor`, `Aichi's governor`: a title that refers to its holder.
                if start > 0 and index.key_at(start - 1) in ROLE_REFERENCES and len(chain) == 1:
                    found.backrefs.append((chain[0].title_start, chain[0].title_end, chain[0]))
                continue
            if names.after_guest_cue(min(name[0], chain[0].start)):
                found.guests.add(name[0])
            if name[1] - name[0] == 1:
                found.pending.append((name[0], name[1], chain))  # `PM Chinh`: resolved later
                continue
            add_person(found, index, name, chain)
        resolve_mentions(index, orgs, found)
        return found


@Language.factory(
    "vjties_officials",
    assigns=["doc.spans", "doc._.officials", "doc._.role_organizations"],
    requires=[
        "doc.spans",
        "doc._.localities",
        "doc._.organizations",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
        "token.norm",
    ],
)
def make_officials(nlp: Language, name: str) -> OfficialsRecognizer:
    """The `vjties_officials` component (after organizations)."""
    return OfficialsRecognizer(nlp)
