"""The dataset as flat tables: one per record type, plus link tables for the lists in records.

The tabular formats (CSV with its `datapackage.json`, SQLite, Parquet) are all written from
these tables, so they agree column for column, and their descriptions come from here too.
Every id comes with the name, country and kind of what it points to, so a table reads without
a join; every list inside a record becomes a link table keyed by (record, position), and every
piece of evidence is one row of `evidence`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import FACT_TYPES, Dataset, Evidence
from vjties.places import locality_point
from vjties.show import documents_of, evidence_of

ColumnType = Literal["string", "integer", "number"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    other: str = "id"


@dataclass
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, values: dict[str, Any]) -> None:
        """Append a row given by column name; a name that is not a column is a bug."""
        names = [c.name for c in self.columns]
        unknown = set(values) - set(names)
        if unknown:
            raise KeyError(f"{self.name}: no column {sorted(unknown)}")
        self.rows.append(tuple(values.get(n) for n in names))

    def records(self) -> Iterable[dict[str, Any]]:
        names = [c.name for c in self.columns]
        return (dict(zip(names, row, strict=True)) for row in self.rows)


def _s(name: str, description: str) -> Column:
    return Column(name, "string", description)


def _i(name: str, description: str) -> Column:
    return Column(name, "integer", description)


def _n(name: str, description: str) -> Column:
    return Column(name, "number", description)


def _ref(prefix: str, what: str) -> tuple[Column, ...]:
    """An id column and the name, country and kind of what it points to."""
    return (
        _s(prefix, f"Id of the {what}."),
        _s(f"{prefix}_name", f"Name of the {what}."),
        _s(f"{prefix}_country", f"Country of the {what} (VN, JP)."),
        _s(f"{prefix}_kind", f"Kind of the {what}."),
    )


SPAN = (
    _s("document", "Id of the document the fact was read from."),
    _i("char_start", "Character offset of the evidence in the original text."),
    _i("char_end", "Character offset (exclusive) of the evidence's end."),
)
DOCUMENTS_COUNT = _i("documents", "Number of documents with evidence for it.")


@dataclass(frozen=True)
class Referent:
    type: str
    name: str
    country: str | None
    kind: str | None


class Referents:
    """What each id in a dataset points to; localities the dataset lacks come from the gazetteer."""

    def __init__(self, dataset: Dataset, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._by_id: dict[str, Referent] = {}
        for loc in dataset.localities:
            self._by_id[loc.id] = Referent("locality", loc.name, loc.country, loc.kind)
        for org in dataset.organizations:
            self._by_id[org.id] = Referent("organization", org.name, org.country, org.kind)
        for person in dataset.officials:
            self._by_id[person.id] = Referent("official", person.name, person.country, None)

    def get(self, record_id: str | None) -> Referent | None:
        if record_id is None:
            return None
        found = self._by_id.get(record_id)
        if found is None:
            entry = self.gazetteer.get(record_id)
            if entry is not None:
                found = Referent("locality", entry.name, entry.country, entry.kind)
        return found

    def columns(self, prefix: str, record_id: str | None) -> dict[str, Any]:
        """The values of `_ref(prefix, ...)` for an id."""
        found = self.get(record_id)
        return {
            prefix: record_id,
            f"{prefix}_name": found.name if found else None,
            f"{prefix}_country": found.country if found else None,
            f"{prefix}_kind": found.kind if found else None,
        }


def _span(evidence: Evidence) -> dict[str, Any]:
    """The evidence columns of a record that has a single piece."""
    return {"document": evidence.document, "char_start": evidence.start, "char_end": evidence.end}


def _document_tables(dataset: Dataset) -> list[Table]:
    """Documents, and their boilerplate spans as a link table."""
    documents = Table(
        "documents",
        "One row per article read.",
        (
            _s("id", "Document id: the file stem."),
            _s("path", "The path as given on the command line."),
            _s("sha256", "SHA-256 of the file's bytes."),
            _s("encoding", "Encoding the text was decoded with."),
            _s("title", "The headline, where one is identifiable."),
            _s("published", "Publication date, ISO 8601."),
            _s("dateline", "Place the article was filed from."),
            _s("source", "News agency or outlet."),
            _s("author", "Author named by a web page."),
            _s("duplicate_of", "The earlier document with the same text, counted there."),
            _s("text", "The text the offsets point into when it is not the file's own."),
        ),
        ("id",),
    )
    boilerplate = Table(
        "boilerplate",
        "Stretches of each document that yield no facts (navigation, footers, ...).",
        (
            _s("document", "Document id."),
            _i("position", "Order of the span in the document's list."),
            _i("char_start", "Character offset of the span."),
            _i("char_end", "Character offset (exclusive) of the span's end."),
            _s("kind", "navigation, related, other_news, tags, widget, footer, ..."),
        ),
        ("document", "position"),
        (ForeignKey("document", "documents"),),
    )
    for doc in dataset.documents:
        documents.add(doc.model_dump(exclude={"boilerplate"}))
        for i, span in enumerate(doc.boilerplate):
            boilerplate.add(
                {"document": doc.id, "position": i, "char_start": span.start}
                | {"char_end": span.end, "kind": span.kind}
            )
    return [documents, boilerplate]


def _localities_table(dataset: Dataset, refs: Referents) -> Table:
    """Localities with parent and successor names and gazetteer coordinates."""
    table = Table(
        "localities",
        "Provinces, municipalities, prefectures, cities and regions the articles name.",
        (
            _s("id", "Stable locality id, e.g. vn/da-nang, jp/aichi."),
            _s("name", "Common English ASCII name."),
            _s("name_local", "Name with diacritics, where known."),
            _s("country", "VN or JP."),
            _s("kind", "municipality, province, city, prefecture, region, ..."),
            _s("iso_3166_2", "ISO 3166-2 code of the unit, or of its parent for a city."),
            _i("geonames_id", "GeoNames id."),
            _s("parent", "Id of the enclosing unit (may not be a row of this table)."),
            _s("parent_name", "Name of the enclosing unit, from the gazetteer if need be."),
            _s("successor", "Id of the unit that absorbed it in Vietnam's 2025 merger."),
            _s("successor_name", "Name of that unit."),
            _s("successor_since", "ISO date the merger took effect."),
            _n("latitude", "Latitude (WGS 84) from the gazetteer."),
            _n("longitude", "Longitude (WGS 84) from the gazetteer."),
            _s("coordinates_from", "locality: its own point; parent: its parent's; empty: none."),
            _i("mentions", "Free mentions in the text."),
            _i("organization_mentions", "Mentions inside an organization's name."),
            DOCUMENTS_COUNT,
        ),
        ("id",),
    )
    for loc in dataset.localities:
        point = locality_point(loc.id, refs.gazetteer)
        parent, successor = refs.get(loc.parent), loc.successor
        row = loc.model_dump(include={"id", "name", "name_local", "country", "kind"})
        row |= {"iso_3166_2": loc.iso_3166_2, "geonames_id": loc.geonames_id}
        row |= {"parent": loc.parent, "parent_name": parent.name if parent else None}
        if successor is not None:
            found = refs.get(successor.id)
            row |= {"successor": successor.id, "successor_since": successor.since}
            row |= {"successor_name": found.name if found else None}
        if point is not None:
            row |= {"latitude": point.latitude, "longitude": point.longitude}
            row |= {"coordinates_from": point.source}
        row |= {"mentions": len(loc.mentions)}
        row |= {"organization_mentions": len(loc.organization_mentions)}
        table.add(row | {"documents": len(documents_of(loc))})
    return table


def _organizations_table(dataset: Dataset, refs: Referents) -> Table:
    """Organizations with the locality they belong to."""
    table = Table(
        "organizations",
        "Government bodies, agencies, associations and companies the articles name.",
        (
            _s("id", "Organization id."),
            _s("name", "Name."),
            _s("kind", "people_committee, prefectural_government, embassy, company, ..."),
            _s("country", "VN or JP, where known."),
            *_ref("locality", "locality it belongs to"),
            _i("mentions", "Mentions in the text."),
            DOCUMENTS_COUNT,
        ),
        ("id",),
        (ForeignKey("locality", "localities"),),
    )
    for org in dataset.organizations:
        row = org.model_dump(include={"id", "name", "kind", "country"})
        row |= refs.columns("locality", org.locality)
        row |= {"mentions": len(org.mentions), "documents": len(documents_of(org))}
        table.add(row)
    return table


def _official_tables(dataset: Dataset, refs: Referents) -> list[Table]:
    """Officials, and every role stated for them."""
    officials = Table(
        "officials",
        "People named with a title: governors, chairs, ambassadors, ...",
        (
            _s("id", "Official id, from the name."),
            _s("name", "Name as written, folded to ASCII."),
            _s("name_local", "Name with diacritics, where given."),
            _s("title", "The first title stated."),
            *_ref("organization", "organization of that title"),
            _s("country", "VN or JP, where known."),
            *_ref("locality", "locality the official belongs to"),
            _i("mentions", "Mentions in the text."),
            DOCUMENTS_COUNT,
        ),
        ("id",),
        (ForeignKey("organization", "organizations"), ForeignKey("locality", "localities")),
    )
    roles = Table(
        "official_roles",
        "Every title stated for an official, in order.",
        (
            _s("official", "Official id."),
            _s("official_name", "Official's name."),
            _i("position", "Order of the role."),
            _s("title", "Title."),
            *_ref("organization", "organization of the title"),
            _s("status", "current or former."),
        ),
        ("official", "position"),
        (ForeignKey("official", "officials"), ForeignKey("organization", "organizations")),
    )
    for person in dataset.officials:
        row = person.model_dump(include={"id", "name", "name_local", "title", "country"})
        row |= refs.columns("organization", person.organization)
        row |= refs.columns("locality", person.locality)
        row |= {"mentions": len(person.mentions), "documents": len(documents_of(person))}
        officials.add(row)
        for i, role in enumerate(person.roles):
            head = {"official": person.id, "official_name": person.name, "position": i}
            role_row = head | {"title": role.title, "status": role.status}
            roles.add(role_row | refs.columns("organization", role.organization))
    return [officials, roles]


def _partnership_tables(dataset: Dataset, refs: Referents) -> list[Table]:
    """Ties with both parties inline (for reading), their parties one per row (for
    counting per place) and their dated claims."""
    partnerships = Table(
        "partnerships",
        "Ties between two parties (localities or organizations): friendship, sister city, MoU...",
        (
            _s("id", "PARTY~PARTY~KIND, plus ~proposed for a proposal."),
            *_ref("party_1", "first party"),
            _s("party_1_type", "locality or organization."),
            *_ref("party_2", "second party"),
            _s("party_2_type", "locality or organization."),
            _s("kind", "friendship, sister_city, mou, cooperation_agreement, ..."),
            _s("status", "established or proposed."),
            _s("established", "ISO date the tie was made, where stated."),
            _i("dates", "Number of dates stated for the tie."),
            _i("events", "Number of events that made the tie (see event_partnerships)."),
            _i("evidence", "Number of pieces of evidence."),
            DOCUMENTS_COUNT,
        ),
        ("id",),
    )
    parties = Table(
        "partnership_parties",
        "The two parties of each tie, one row each.",
        (
            _s("partnership", "Partnership id."),
            _i("position", "1 or 2."),
            *_ref("party", "party"),
            _s("party_type", "locality or organization."),
        ),
        ("partnership", "position"),
        (ForeignKey("partnership", "partnerships"),),
    )
    dates = Table(
        "partnership_dates",
        "Every date stated for a tie, with how it was obtained (conflicting reports are kept).",
        (
            _s("partnership", "Partnership id."),
            _i("position", "Order of the claim."),
            _s("date", "ISO date."),
            _s("how", "stated, from_publication_date or inferred."),
            *SPAN,
            _s("text", "The evidence text."),
        ),
        ("partnership", "position"),
        (ForeignKey("partnership", "partnerships"), ForeignKey("document", "documents")),
    )
    for tie in dataset.partnerships:
        row: dict[str, Any] = {"id": tie.id, "kind": tie.kind, "status": tie.status}
        row |= {"established": tie.established, "dates": len(tie.dates), "events": len(tie.events)}
        row |= {"evidence": len(tie.evidence), "documents": len(documents_of(tie))}
        for n, (party, kind) in enumerate(zip(tie.parties, tie.party_types, strict=True), 1):
            row |= refs.columns(f"party_{n}", party) | {f"party_{n}_type": kind}
            link = {"partnership": tie.id, "position": n, "party_type": kind}
            parties.add(link | refs.columns("party", party))
        partnerships.add(row)
        for i, claim in enumerate(tie.dates):
            head = {"partnership": tie.id, "position": i, "date": claim.date, "how": claim.how}
            dates.add(head | _span(claim.evidence) | {"text": claim.evidence.text})
    return [partnerships, parties, dates]


def _figure_tables(dataset: Dataset, refs: Referents) -> list[Table]:
    """Figures, and the localities and countries each is about."""
    figures = Table(
        "figures",
        "Numbers: investment, trade, ODA, projects, enterprises, people, shares.",
        (
            _s("id", "Figure id."),
            _s("text", "The figure as written."),
            _n("value", "Absolute value (the lower bound of a range)."),
            _n("value_max", "Upper bound of a range."),
            _s("unit", "ISO 4217 code, percent, or the counted noun."),
            _s("qualifier", "exact, about, more_than, at_least, less_than, up_to, range."),
            _s("metric", "What is measured, e.g. fdi_registered_capital."),
            _s("period", "The period it covers, where stated."),
            *SPAN,
        ),
        ("id",),
        (ForeignKey("document", "documents"),),
    )
    places = Table(
        "figure_localities",
        "The localities each figure is about.",
        (
            _s("figure", "Figure id."),
            _i("position", "Order in the figure's list."),
            *_ref("locality", "locality"),
        ),
        ("figure", "position"),
        (ForeignKey("figure", "figures"), ForeignKey("locality", "localities")),
    )
    countries = Table(
        "figure_countries",
        "The countries each figure is about.",
        (
            _s("figure", "Figure id."),
            _i("position", "Order in the figure's list."),
            _s("country", "VN or JP."),
        ),
        ("figure", "position"),
        (ForeignKey("figure", "figures"),),
    )
    for fig in dataset.figures:
        row = fig.model_dump(include={"id", "text", "value", "value_max", "unit", "qualifier"})
        figures.add(row | {"metric": fig.metric, "period": fig.period} | _span(fig.evidence))
        for i, place in enumerate(fig.localities):
            places.add({"figure": fig.id, "position": i} | refs.columns("locality", place))
        for i, country in enumerate(fig.countries):
            countries.add({"figure": fig.id, "position": i, "country": country})
    return [figures, places, countries]


def _dates_table(dataset: Dataset) -> Table:
    """Temporal expressions with their resolved values."""
    table = Table(
        "dates",
        "Every temporal expression with its resolved value.",
        (
            _s("id", "Date id."),
            _s("text", "The expression as written."),
            _s("value", "ISO 8601 value, as precise as the text allows."),
            _s("end", "End of a range."),
            _s("how", "stated, from_publication_date or inferred."),
            *SPAN,
        ),
        ("id",),
        (ForeignKey("document", "documents"),),
    )
    for date in dataset.dates:
        table.add(
            date.model_dump(include={"id", "text", "value", "end", "how"}) | _span(date.evidence)
        )
    return table


def _event_tables(dataset: Dataset, refs: Referents) -> list[Table]:
    """Events, their participants, their parties, and the ties they made."""
    events = Table(
        "events",
        "Receptions, meetings, signings, forums...: one row per happening.",
        (
            _s("id", "Event id."),
            _s("kind", "reception, meeting, workshop, forum, signing, ..."),
            _s("name", "The event's name, where the text gives one."),
            _s("date", "ISO date (start)."),
            _s("end", "ISO date of the end, for a range."),
            _s("date_how", "stated, from_publication_date or inferred."),
            *_ref("locality", "locality where it happened"),
            *SPAN,
            _s("text", "The evidence text."),
            _i("participants", "Number of participants (officials)."),
            _i("mentions", "Number of mentions."),
        ),
        ("id",),
        (ForeignKey("locality", "localities"), ForeignKey("document", "documents")),
    )
    participants = Table(
        "event_participants",
        "The officials taking part in each event.",
        (
            _s("event", "Event id."),
            _i("position", "Order in the event's list."),
            _s("official", "Official id."),
            _s("official_name", "Official's name."),
            _s("official_title", "Official's first title."),
            _s("official_country", "Official's country."),
        ),
        ("event", "position"),
        (ForeignKey("event", "events"), ForeignKey("official", "officials")),
    )
    parties = Table(
        "event_parties",
        "The localities and organizations taking part in each event.",
        (
            _s("event", "Event id."),
            _i("position", "Order in the event's list."),
            *_ref("party", "party"),
            _s("party_type", "locality or organization."),
        ),
        ("event", "position"),
        (ForeignKey("event", "events"),),
    )
    made = Table(
        "event_partnerships",
        "The ties each event made (a signing or an establishment): `Event.partnerships`, "
        "and read the other way `Partnership.events`.",
        (_s("event", "Event id."), _s("partnership", "Partnership id.")),
        ("event", "partnership"),
        (ForeignKey("event", "events"), ForeignKey("partnership", "partnerships")),
    )
    titles = {person.id: person.title for person in dataset.officials}
    for event in dataset.events:
        row = event.model_dump(include={"id", "kind", "name", "date", "end", "date_how"})
        row |= refs.columns("locality", event.locality) | _span(event.evidence)
        row |= {"text": event.evidence.text, "participants": len(event.participants)}
        events.add(row | {"mentions": len(event.mentions)})
        for i, person in enumerate(event.participants):
            found = refs.get(person)
            participants.add(
                {"event": event.id, "position": i, "official": person}
                | {"official_name": found.name if found else None}
                | {
                    "official_title": titles.get(person),
                    "official_country": found and found.country,
                }
            )
        for i, party in enumerate(event.parties):
            found = refs.get(party)
            head = {"event": event.id, "position": i, "party_type": found and found.type}
            parties.add(head | refs.columns("party", party))
        for tie in event.partnerships:
            made.add({"event": event.id, "partnership": tie})
    return [events, participants, parties, made]


def _evidence_table(dataset: Dataset) -> Table:
    """Every piece of evidence of every record, one row each (full-text searchable in SQLite)."""
    table = Table(
        "evidence",
        "Every piece of evidence of every record: where in which document it was read.",
        (
            _s(
                "record_type", "locality, organization, official, partnership, figure, date, event."
            ),
            _s("record_id", "Id of the record."),
            _s("field", "The record's field holding it: mentions, evidence, dates, ..."),
            _i("position", "Order in that field's list (0 for a single piece)."),
            *SPAN,
            _s("text", "The exact slice of the original text."),
        ),
        ("record_type", "record_id", "field", "position"),
        (ForeignKey("document", "documents"),),
    )
    for list_name, (_, record_type) in FACT_TYPES.items():
        for record in getattr(dataset, list_name):
            for name, position, evidence in evidence_fields(record):
                head = {"record_type": record_type, "record_id": record.id, "field": name}
                table.add(head | {"position": position} | _span(evidence) | {"text": evidence.text})
    return table


def evidence_fields(record: BaseModel) -> Iterable[tuple[str, int, Evidence]]:
    """(field, position, evidence) for each piece of evidence a record holds, in field order.

    Generic over the models, so evidence in a field added later is exported too.
    """
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for position, item in enumerate(items):
            found = evidence_of(item) if isinstance(item, BaseModel) else []
            for evidence in found:
                yield name, position, evidence


def build_tables(dataset: Dataset, gazetteer: Gazetteer | None = None) -> list[Table]:
    """Every table of the dataset, in a fixed order: records first, then their link tables."""
    refs = Referents(dataset, gazetteer or load_gazetteer())
    return [
        *_document_tables(dataset),
        _localities_table(dataset, refs),
        _organizations_table(dataset, refs),
        *_official_tables(dataset, refs),
        *_partnership_tables(dataset, refs),
        *_figure_tables(dataset, refs),
        _dates_table(dataset),
        *_event_tables(dataset, refs),
        _evidence_table(dataset),
    ]
