"""The names under which vjties' components share data on a `Doc`: span groups and user_data.

Every component reads what earlier ones wrote through these constants, never through a
string literal, so a renamed group is one edit and `grep` finds every reader of it (a test
checks that no component spells a span-group key itself). The factories' `assigns`/`requires`
declarations name the same data at spaCy's granularity (`doc.spans`, `doc._.localities`).
"""

from __future__ import annotations

#: Locality mentions outside organization names (localities component); kb_id_ = locality id.
LOCALITIES = "localities"
#: Locality mentions inside an organization's name (`Hanoi People's Committee`).
LOCALITIES_IN_ORGS = "locality_in_org"
#: Organization mentions (organizations component); kb_id_ = organization id, label_ = kind.
#: Read every organization through `components.organizations.organization_spans`: the bodies
#: only a role names are in ROLE_ORGANIZATIONS.
ORGANIZATIONS = "organizations"
#: Local bodies named through a possessive (`its People's Committee`), whose unit only the role
#: before them tells (organizations component); label_ = kind, kb_id_ = the body's canonical
#: name (`People's Committee`). The officials component resolves them.
ORGANIZATION_REFERENCES = "organization_references"
#: Person mentions of officials (officials component); kb_id_ = official id.
OFFICIALS = "officials"
#: Mentions of the bodies only a role names (`Minister of Foreign Affairs`, `Consul General of
#: Japan in Da Nang`, a resolved `its People's Committee`), by the officials component;
#: kb_id_ = organization id, label_ = kind.
ROLE_ORGANIZATIONS = "role_organizations"
#: Temporal expressions (dates component); kb_id_ = ISO value, label_ = how it was resolved.
DATES = "dates"
#: Figures (figures component); kb_id_ = index of the record in `doc._.figures`.
FIGURES = "figures"
#: Event mentions (events component); kb_id_ = index of the record in `doc._.events`.
EVENTS = "events"

#: Every span group the pipeline writes, in pipeline order.
SPAN_GROUPS: tuple[str, ...] = (
    LOCALITIES,
    LOCALITIES_IN_ORGS,
    ORGANIZATIONS,
    ORGANIZATION_REFERENCES,
    OFFICIALS,
    ROLE_ORGANIZATIONS,
    DATES,
    FIGURES,
    EVENTS,
)

# -- doc.user_data keys (plain JSON-able values, so a Doc still serialises) -----------------

#: The document's text, cached (see `vjties.extensions.doc_text`).
TEXT = "vjties_text"
#: `doc._.boilerplate`: [[start, end, kind], ...] character spans that carry no facts, written
#: by the metadata component (the extension's getter and setter use this key).
BOILERPLATE = "vjties_boilerplate"
#: (the spans list, their start offsets): the cache of `vjties.extensions.in_boilerplate`.
BOILERPLATE_STARTS = "vjties_boilerplate_starts"
#: The per-Doc token view (see `vjties.tokens.TokenView`); removed before the Doc leaves the
#: pipeline (`vjties.tokens.release`), as it holds Python objects.
TOKEN_VIEW = "vjties_token_view"
