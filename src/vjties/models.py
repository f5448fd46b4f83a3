"""The dataset contract: every record vjties writes, defined once.

The JSON Schema (`vjties schema`, `data/vjties.schema.json`) is generated from these models.
Every model forbids unknown fields, so a typo in a component fails loudly instead of
silently dropping data.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal["1"] = "1"

Country = Literal["VN", "JP"]
LocalityKind = Literal[
    "municipality",
    "province",
    "city",
    "prefecture",
    "region",
    "district",
    "ward",
    "commune",
    "island",
    "town",
    "village",
    "place",
]
Qualifier = Literal["exact", "about", "more_than", "at_least", "less_than", "up_to", "range"]
DateHow = Literal["stated", "from_publication_date", "inferred"]
PartnershipStatus = Literal["established", "proposed"]


class Record(BaseModel):
    """Base of every dataset record: strict, so unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class Evidence(Record):
    """Where a fact was read: `text == original[start:end]` of the document."""

    document: str = Field(description="Id of the document the fact was read from.")
    start: int = Field(ge=0, description="Character offset into the original text.")
    end: int = Field(ge=0, description="Character offset (exclusive) into the original text.")
    text: str = Field(description="The exact slice of the original text.")


class BoilerplateSpan(Record):
    """A stretch of the original text that carries no facts (navigation, footers, ...)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: str = Field(
        description=(
            "One of: navigation, related, other_news, tags, widget, footer, alt_text, "
            "photo_credit, byline, crawl_header, sign_off, second_story."
        )
    )


class Document(Record):
    id: str = Field(
        description="File stem (or path with `--id-from path`), or `stdin`; `ID~2` is a "
        "second story glued onto document ID."
    )
    path: str = Field(description="The path as given on the command line, POSIX separators.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    encoding: str = Field(default="utf-8", description="Encoding the text was decoded with.")
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 publication date.")
    dateline: str | None = Field(default=None, description="Place the article was filed from.")
    source: str | None = Field(default=None, description="News agency or outlet, e.g. `VNA`.")
    author: str | None = Field(default=None, description="Author named by a web page.")
    boilerplate: list[BoilerplateSpan] = Field(default_factory=list)
    duplicate_of: str | None = Field(
        default=None,
        description="The earlier document with the same text (NFC, whitespace collapsed); "
        "its facts are counted there, once.",
    )
    text: str | None = Field(
        default=None,
        description="The text the evidence offsets point into, when it is not the file's own "
        "text: a web page's main text, or a story glued onto another article (`ID~2`).",
    )


class Successor(Record):
    id: str = Field(description="Locality id of the unit that absorbed this one.")
    since: str = Field(description="ISO date the merger took effect.")


class Locality(Record):
    id: str = Field(description="Stable readable id, e.g. `vn/da-nang`, `jp/aichi`.")
    name: str = Field(description="Common English ASCII name without the type word.")
    name_local: str | None = Field(default=None, description="Name with diacritics, if known.")
    country: Country
    kind: LocalityKind
    iso_3166_2: str | None = Field(
        default=None, description="The unit's ISO 3166-2 code, or its parent's for a city."
    )
    geonames_id: int | None = None
    latitude: float | None = Field(
        default=None,
        description="WGS 84 representative point: a unit's capital, a municipality's centre, "
        "a district's seat (see resources/SOURCES.md).",
    )
    longitude: float | None = Field(default=None, description="WGS 84, with `latitude`.")
    parent: str | None = Field(default=None, description="Locality id of the enclosing unit.")
    successor: Successor | None = None
    mentions: list[Evidence] = Field(default_factory=list)
    organization_mentions: list[Evidence] = Field(
        default_factory=list,
        description="Mentions inside an organization's name (`Da Nang City People's Committee`).",
    )


class Organization(Record):
    id: str
    name: str
    kind: str = Field(
        description=(
            "people_committee, people_council, party_committee, national_assembly, "
            "prefectural_assembly, prefectural_government, city_council, city_government, "
            "ministry, department, embassy, consulate_general, trade_promotion_agency, "
            "development_agency, friendship_association, economic_federation, "
            "chamber_of_commerce, business_association, university, company"
        )
    )
    country: Country | None = None
    locality: str | None = Field(default=None, description="Locality id.")
    mentions: list[Evidence] = Field(default_factory=list)


class Role(Record):
    title: str
    organization: str | None = Field(default=None, description="Organization id.")
    status: Literal["current", "former"] = "current"


class Official(Record):
    id: str
    name: str = Field(description="The name as written, folded to ASCII.")
    name_local: str | None = Field(default=None, description="The name with diacritics, if given.")
    title: str | None = Field(default=None, description="The first title stated for the person.")
    organization: str | None = Field(default=None, description="Organization id of that title.")
    roles: list[Role] = Field(default_factory=list, description="Every title stated, in order.")
    country: Country | None = None
    locality: str | None = Field(default=None, description="Locality id.")
    mentions: list[Evidence] = Field(default_factory=list)


class DateClaim(Record):
    date: str
    how: DateHow
    evidence: Evidence


#: `PARTY~PARTY~KIND[~proposed]`: lower-case ids of the two parties (`vn/hanoi`,
#: `org/jetro`), a kind, and the mark of a proposal. Older formats (`a+b/kind`) fail.
PARTNERSHIP_ID_PATTERN = r"^[a-z0-9][a-z0-9/_-]*~[a-z0-9][a-z0-9/_-]*~[a-z_]+(?:~proposed)?$"


def partnership_id(parties: tuple[str, str] | list[str], kind: str, status: str) -> str:
    """The id of a tie: the party ids sorted, the kind, and `~proposed` for a proposal, so a
    made tie and a proposed one never merge and the order the text names them in is moot."""
    first, second = sorted(parties)
    return f"{first}~{second}~{kind}" + ("~proposed" if status == "proposed" else "")


class Partnership(Record):
    id: str = Field(
        pattern=PARTNERSHIP_ID_PATTERN,
        description="`PARTY~PARTY~KIND`, party ids sorted, plus `~proposed` for a proposal.",
    )
    parties: list[str] = Field(
        min_length=2, max_length=2, description="Locality or organization ids."
    )
    party_types: list[Literal["locality", "organization"]] = Field(min_length=2, max_length=2)
    kind: str = Field(
        description="friendship, sister_city, mou, cooperation_agreement, letter_of_intent, cooperation"
    )
    status: PartnershipStatus = "established"
    established: str | None = Field(default=None, description="ISO date the tie was made.")
    dates: list[DateClaim] = Field(
        default_factory=list, description="Every stated date of the tie, each with its evidence."
    )
    events: list[str] = Field(
        default_factory=list,
        description="Ids of the events that made the tie (its signing or establishment).",
    )
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _id_names_the_tie(self) -> Partnership:
        """A stale or hand-made id that does not spell this tie would merge it with another."""
        expected = partnership_id(self.parties, self.kind, self.status)
        if self.id != expected:
            raise ValueError(f"partnership id {self.id!r} should be {expected!r}")
        return self


class Figure(Record):
    id: str
    text: str
    value: int | float
    value_max: int | float | None = None
    unit: str = Field(description="ISO 4217 code, `percent`, or the counted noun in the singular.")
    qualifier: Qualifier = "exact"
    metric: str
    period: str | None = None
    localities: list[str] = Field(default_factory=list, description="Locality ids it is about.")
    countries: list[Country] = Field(default_factory=list, description="Countries it is about.")
    evidence: Evidence


class TimeExpression(Record):
    id: str
    text: str
    value: str | None = Field(description="ISO 8601, as precise as the text allows; `--07-01`.")
    end: str | None = None
    how: DateHow | None = None
    evidence: Evidence


class Event(Record):
    id: str
    kind: str
    name: str | None = None
    date: str | None = None
    end: str | None = None
    date_how: DateHow | None = None
    locality: str | None = None
    participants: list[str] = Field(default_factory=list, description="Official ids.")
    parties: list[str] = Field(
        default_factory=list,
        description="Locality and organization ids of the sides taking part.",
    )
    partnerships: list[str] = Field(
        default_factory=list,
        description="Ids of the ties this event made (a signing or an establishment).",
    )
    evidence: Evidence
    mentions: list[Evidence] = Field(default_factory=list)


class Dataset(Record):
    schema_version: Literal["1"] = SCHEMA_VERSION
    documents: list[Document] = Field(default_factory=list)
    localities: list[Locality] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    partnerships: list[Partnership] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


# The fact types, in dataset order: Dataset field name -> (record model, jsonl `type`).
# Each pipeline component fills `doc._.<field name>` with dicts that validate as the model.
FACT_TYPES: dict[str, tuple[type[Record], str]] = {
    "localities": (Locality, "locality"),
    "organizations": (Organization, "organization"),
    "officials": (Official, "official"),
    "partnerships": (Partnership, "partnership"),
    "figures": (Figure, "figure"),
    "dates": (TimeExpression, "date"),
    "events": (Event, "event"),
}
