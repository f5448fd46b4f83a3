"""The officials component's output: Official records, and the bodies only roles name.

`write_officials` sets `doc._.officials` (one record per person with a role: name as written
and folded, id, roles in order, country, locality, every mention), `doc.spans[keys.OFFICIALS]`
(every mention of a person, kb_id_ = person id, even of one without a role), and the
organizations the roles name that the organizations component did not write:
`doc._.role_organizations` and `doc.spans[keys.ROLE_ORGANIZATIONS]` (a ministry named by its
minister's domain, a consulate general by its consul general's posting, `its People's
Committee` once resolved, each with the mentions of it the organizations component does not
have). `organizations.organization_records` and `organization_spans` combine both.

A person's country and locality are those of the first role's body that has one, else of the
first role's place or country; a governor or mayor with neither governs the article's main
prefecture or city (`governs` in titles.jsonl); else the country the name reads as.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.components.document_index import DocumentIndex
from vjties.components.official_names import Person
from vjties.components.organization_bodies import ITS, OrgMention
from vjties.components.organizations import OrganizationTable, add_mention
from vjties.names import display_name, fold, name_country, person_id

#: Canonical title -> the unit its holder governs when none is stated (`Governor`).
TITLE_JURISDICTIONS = lexicon.title_jurisdictions()


def write_officials(
    doc: Doc, index: DocumentIndex, orgs: OrganizationTable, people: list[Person]
) -> None:
    """Write the officials and the bodies their roles name (see the module docstring)."""
    role_records, role_spans = role_organizations(doc, index, orgs, people)
    # Bodies by id, the organizations component's record first (as the dataset combines them).
    bodies = {**role_records, **orgs.records}
    officials: list[dict[str, Any]] = []
    person_spans: list[Span] = []
    for person in people:
        name, name_local = display_name(person.text)
        pid = person_id(name)
        spans = sorted(set(person.name_spans))
        person_spans.extend(Span(doc, s, e, label="official", kb_id=pid) for s, e in spans)
        roles = person_roles(person, bodies)
        if not roles:
            continue
        country, locality = person_place(person, bodies, index)
        officials.append(
            {
                "id": pid,
                "name": name,
                "name_local": name_local,
                "title": roles[0]["title"],
                "organization": roles[0]["organization"],
                "roles": roles,
                "country": country,
                "locality": locality,
                "mentions": [index.evidence(s, e) for s, e in spans],
            }
        )
    doc._.officials = officials
    doc.spans[keys.OFFICIALS] = person_spans
    doc._.role_organizations = [role_records[k] for k in sorted(role_records)]
    doc.spans[keys.ROLE_ORGANIZATIONS] = role_spans


def role_organizations(
    doc: Doc, index: DocumentIndex, orgs: OrganizationTable, people: list[Person]
) -> tuple[dict[str, dict[str, Any]], list[Span]]:
    """The records and mentions of the bodies the roles name that the organizations component
    did not write: resolved `its` bodies, then the roles' bodies person by person. A mention
    that component wrote is not written again; an unresolved `its` body is no body."""
    records: dict[str, dict[str, Any]] = {}
    spans: list[Span] = []

    def add(org: OrgMention) -> None:
        if org.locality == ITS:
            return
        known = orgs.records.get(org.id)
        if known is not None and index.evidence(org.start, org.end) in known["mentions"]:
            return
        add_mention(doc, index, records, spans, org)

    for org in orgs.references:
        add(org)
    for person in people:
        for role in person.roles:
            if role.org is not None:
                add(role.org)
    return records, spans


def person_roles(person: Person, bodies: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A person's Role records in order, each title once: a repeat of a title with no body or
    the same body is the same role (`Chairwoman of X NAME ... Chairwoman NAME`), and a body
    stated later completes a bare title."""
    roles: list[dict[str, Any]] = []
    for role in person.roles:
        org_id = role.org.id if role.org is not None and role.org.id in bodies else None
        same = [r for r in roles if fold(r["title"]) == fold(role.title)]
        if same and (org_id is None or any(r["organization"] == org_id for r in same)):
            continue
        bare = [r for r in same if r["organization"] is None]
        if bare:
            bare[0]["organization"] = org_id
            continue
        roles.append({"title": role.title, "organization": org_id, "status": role.status})
    return roles


def person_place(
    person: Person, bodies: dict[str, dict[str, Any]], index: DocumentIndex
) -> tuple[str | None, str | None]:
    """(country, locality) of a person (see the module docstring)."""
    country: str | None = None
    locality: str | None = None
    for role in person.roles:
        if role.org is not None and role.org.id in bodies:
            body = bodies[role.org.id]
            country, locality = body["country"], body["locality"]
            if country or locality:
                break
    if country is None and locality is None:
        for role in person.roles:
            if role.locality:
                locality = role.locality
                country = lexicon.country_of_id(locality) or role.country
                break
            if role.country:
                country = role.country
                break
    head = person.roles[0].title.split()[-1] if person.roles else ""
    office = TITLE_JURISDICTIONS.get(head)
    if locality is None and office is not None and country in (None, office.country):
        # "a delegation from Fukuoka led by Governor X": the prefecture (city for a mayor)
        # the article names most.
        locality = index.main_locality(office.country, office.kinds)
        country = office.country if locality else country
    if country is None:
        country = name_country(person.parts)
    return country, locality
