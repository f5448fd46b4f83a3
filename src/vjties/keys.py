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
#: Person mentions of officials (officials component); kb_id_ = official id.
OFFICIALS = "officials"
#: Organization mentions (officials component); kb_id_ = organization id, label_ = kind.
ORGANIZATIONS = "organizations"
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
    OFFICIALS,
    ORGANIZATIONS,
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
