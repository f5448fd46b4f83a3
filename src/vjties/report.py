"""`vjties report`: one self-contained HTML page to see and check a dataset.

The page is `resources/report/report.html` with its CSS and JavaScript inlined and the data
embedded as JSON; it loads nothing from the network (a Content-Security-Policy with the
hashes of the inline script and style forbids it, and any other script). Every dataset and
article string reaches the page as JSON text, which the script only ever puts into text nodes
and plain attributes, so markup or `javascript:` in a dataset shows as text.

This module decides what is shown: the map (places projected by their gazetteer coordinates,
the ties between them), the tables and, for every row, the pieces of evidence with the
article text (or the dataset's passage) they sit in. The script renders lazily: a tab is built
when first opened, tables show one page of rows at a time, and an article's text is laid out
only when a row's evidence is opened, so 10,000 documents stay quick.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from vjties.context import Texts
from vjties.export.tables import Referents, evidence_fields
from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import FACT_TYPES, Dataset, Record
from vjties.places import PartyPoints, Point, locality_point
from vjties.show import documents_of

# The map frame: Viet Nam and Japan, equirectangular, squeezed by the cosine of the middle
# latitude so that shapes look right at these latitudes.
WEST, EAST, SOUTH, NORTH = 101.0, 147.0, 7.5, 46.0
SCALE = 13.0
ASPECT = math.cos(math.radians((SOUTH + NORTH) / 2))
MAP_WIDTH = round((EAST - WEST) * ASPECT * SCALE)
MAP_HEIGHT = round((NORTH - SOUTH) * SCALE)
MARGIN_WIDTH = 190  # the column of places without coordinates
ROW_HEIGHT = 15

KINDS = ("friendship", "sister_city", "mou", "cooperation_agreement", "letter_of_intent",
         "cooperation")  # fmt: skip
FIELD_LABELS = {"organization_mentions": "in org name", "dates": "date"}


def project(point: Point) -> tuple[float, float]:
    """SVG x, y of a point (clamped to the frame)."""
    lon = min(max(point.longitude, WEST), EAST)
    lat = min(max(point.latitude, SOUTH), NORTH)
    return round((lon - WEST) * ASPECT * SCALE, 1), round((NORTH - lat) * SCALE, 1)


@dataclass
class EvidenceIndex:
    """Every piece of evidence once, in columns (document index, start, end, text, label index).

    Columns parse faster in the browser than one small array per piece.
    """

    documents: dict[str, int]
    texts: Texts
    columns: dict[str, list[Any]] = field(
        default_factory=lambda: {"doc": [], "start": [], "end": [], "text": [], "label": []}
    )
    labels: list[str] = field(default_factory=list)
    by_record: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    by_document: dict[int, int] = field(default_factory=dict)

    def add_record(self, record_type: str, record: Record) -> None:
        found: list[int] = []
        for name, _, piece in evidence_fields(record):
            label = FIELD_LABELS.get(name, record_type)
            if label not in self.labels:
                self.labels.append(label)
            document = self.documents.get(piece.document, -1)
            found.append(len(self.columns["doc"]))
            # The page slices the article or a passage; a piece carries its own text only
            # where neither holds it.
            text = None if self.texts.covers(piece) else piece.text
            for column, value in zip(
                ("doc", "start", "end", "text", "label"),
                (document, piece.start, piece.end, text, self.labels.index(label)),
                strict=True,
            ):
                self.columns[column].append(value)
            self.by_document[document] = self.by_document.get(document, 0) + 1
        self.by_record[(record_type, str(getattr(record, "id", "")))] = found

    def of(self, record_type: str, record_id: str) -> list[int]:
        return self.by_record.get((record_type, record_id), [])


def index_evidence(dataset: Dataset, texts: Texts) -> EvidenceIndex:
    """Every piece of evidence in the dataset, indexed by record and document."""
    index = EvidenceIndex({d.id: i for i, d in enumerate(dataset.documents)}, texts)
    for name, (_, record_type) in FACT_TYPES.items():
        for record in getattr(dataset, name):
            index.add_record(record_type, record)
    return index


@dataclass
class TableData:
    key: str
    title: str
    record_type: str
    columns: list[tuple[str, str]]
    rows: list[list[Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    evidence: list[list[int]] = field(default_factory=list)

    def add(self, record_id: str, cells: list[Any], evidence: list[int]) -> None:
        self.rows.append(cells)
        self.ids.append(record_id)
        self.evidence.append(evidence)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "type": self.record_type,
            "columns": self.columns,
            "rows": self.rows,
            "ids": self.ids,
            "evidence": self.evidence,
        }


def _name(refs: Referents, record_id: str | None) -> str | None:
    found = refs.get(record_id)
    return found.name if found else record_id


def _country(refs: Referents, record_id: str | None) -> str | None:
    found = refs.get(record_id)
    return found.country if found else None


def ties_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """One row per tie: both parties, kind, status, date and how well reported."""
    table = TableData(
        "ties", "Ties", "partnership",
        [("Party", "text"), ("Country", "text"), ("Party", "text"), ("Country", "text"),
         ("Kind", "text"), ("Status", "text"), ("Since", "text"), ("Documents", "number"),
         ("Evidence", "number")],
    )  # fmt: skip
    for tie in dataset.partnerships:
        first, second = tie.parties
        cells: list[Any] = [_name(refs, first), _country(refs, first), _name(refs, second)]
        cells += [_country(refs, second), tie.kind, tie.status, tie.established]
        cells += [len(documents_of(tie)), len(tie.evidence)]
        table.add(tie.id, cells, index.of("partnership", tie.id))
    return table


def figures_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """One row per figure, with the places it is about."""
    table = TableData(
        "figures", "Figures", "figure",
        [("Value", "number"), ("Qualifier", "text"), ("Unit", "text"), ("Metric", "text"),
         ("Period", "text"), ("About", "text"), ("Text", "text"), ("Document", "text")],
    )  # fmt: skip
    for fig in dataset.figures:
        about = [_name(refs, i) or i for i in fig.localities] + list(fig.countries)
        cells: list[Any] = [fig.value, fig.qualifier, fig.unit, fig.metric, fig.period]
        cells += [", ".join(about), fig.text, fig.evidence.document]
        table.add(fig.id, cells, index.of("figure", fig.id))
    return table


def timeline_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """Events and the making of ties, by date; undated events last."""
    table = TableData(
        "timeline", "Timeline", "event",
        [("Date", "date"), ("End", "date"), ("Type", "text"), ("Kind", "text"),
         ("What", "text"), ("Place", "text"), ("Participants", "text"), ("Document", "text")],
    )  # fmt: skip
    entries: list[tuple[str, str, list[Any], list[int]]] = []
    for event in dataset.events:
        who = ", ".join(_name(refs, p) or p for p in event.participants)
        cells: list[Any] = [event.date, event.end, "event", event.kind, event.name or event.kind]
        cells += [_name(refs, event.locality), who, event.evidence.document]
        entries.append((event.date or "\uffff", event.id, cells, index.of("event", event.id)))
    for tie in dataset.partnerships:
        if tie.established is None:
            continue
        what = " ~ ".join(_name(refs, p) or p for p in tie.parties)
        cells = [tie.established, None, "tie", tie.kind, what, None, None, None]
        entries.append((tie.established, tie.id, cells, index.of("partnership", tie.id)))
    for _, record_id, cells, evidence in sorted(entries, key=lambda e: (e[0], e[1])):
        table.add(record_id, cells, evidence)
    return table


def officials_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """One row per official, with their first title and other roles."""
    table = TableData(
        "officials", "Officials", "official",
        [("Name", "text"), ("Title", "text"), ("Organization", "text"), ("Locality", "text"),
         ("Country", "text"), ("Other roles", "text"), ("Mentions", "number"),
         ("Documents", "number")],
    )  # fmt: skip
    for person in dataset.officials:
        others = "; ".join(r.title for r in person.roles[1:])
        cells: list[Any] = [person.name, person.title, _name(refs, person.organization)]
        cells += [_name(refs, person.locality), person.country, others]
        cells += [len(person.mentions), len(documents_of(person))]
        table.add(person.id, cells, index.of("official", person.id))
    return table


def localities_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """One row per locality, saying how it is placed on the map."""
    table = TableData(
        "localities", "Localities", "locality",
        [("Name", "text"), ("Local name", "text"), ("Kind", "text"), ("Country", "text"),
         ("Parent", "text"), ("Merged into", "text"), ("Mentions", "number"),
         ("Documents", "number"), ("On the map", "text")],
    )  # fmt: skip
    for loc in dataset.localities:
        point = locality_point(loc.id, refs.gazetteer)
        placed = "no coordinates" if point is None else (
            "own point" if point.source == "locality" else "parent's point"
        )  # fmt: skip
        merged = _name(refs, loc.successor.id) if loc.successor else None
        cells: list[Any] = [
            loc.name,
            loc.name_local,
            loc.kind,
            loc.country,
            _name(refs, loc.parent),
            merged,
        ]
        cells += [len(loc.mentions), len(documents_of(loc)), placed]
        table.add(loc.id, cells, index.of("locality", loc.id))
    return table


def organizations_table(dataset: Dataset, refs: Referents, index: EvidenceIndex) -> TableData:
    """One row per organization."""
    table = TableData(
        "organizations", "Organizations", "organization",
        [("Name", "text"), ("Kind", "text"), ("Country", "text"), ("Locality", "text"),
         ("Mentions", "number")],
    )  # fmt: skip
    for org in dataset.organizations:
        cells: list[Any] = [
            org.name,
            org.kind,
            org.country,
            _name(refs, org.locality),
            len(org.mentions),
        ]
        table.add(org.id, cells, index.of("organization", org.id))
    return table


def documents_table(dataset: Dataset, texts: Texts, index: EvidenceIndex) -> TableData:
    """One row per document; its evidence is every piece read from it."""
    table = TableData(
        "documents", "Documents", "document",
        [("Id", "text"), ("Title", "text"), ("Published", "date"), ("Source", "text"),
         ("Text", "text"), ("Evidence", "number")],
    )  # fmt: skip
    for i, doc in enumerate(dataset.documents):
        given = "article" if doc.id in texts.full else "passages only"
        cells: list[Any] = [doc.id, doc.title, doc.published, doc.source, given]
        # A document's evidence is every piece in it: the page finds them when asked.
        table.add(doc.id, [*cells, index.by_document.get(i, 0)], [])
    return table


def background_dots(gazetteer: Gazetteer) -> str:
    """An SVG path of a dot at every gazetteer place with coordinates: the two countries' shape."""
    dots = sorted(
        {
            project(Point(e.latitude, e.longitude, "locality"))
            for e in gazetteer.entries.values()
            if e.latitude is not None and e.longitude is not None
        }
    )
    return "".join(f"M{x:g} {y:g}h0" for x, y in dots)


@dataclass
class MapData:
    """Places as `[id, name, country, kind, x, y, how]`, ties as `[a, b, kind, status,
    documents, row of the ties table]`; `how` says where the point came from."""

    places: list[list[Any]] = field(default_factory=list)
    ties: list[list[Any]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    height: int = MAP_HEIGHT


def _place(party: str, party_point: PartyPoints) -> tuple[Point | None, str]:
    """A party's point and how it was found: own, parent's, its organization's locality's."""
    point = party_point(party)
    if point is None:
        return None, "none"
    if party in party_point.located:
        return point, "organization's locality"
    return point, "own" if point.source == "locality" else "parent's"


def map_data(dataset: Dataset, refs: Referents) -> MapData:
    """Every locality and tie party placed by coordinates; those with none go to the margin."""
    result = MapData()
    party_point = PartyPoints(dataset, refs.gazetteer)
    parties = {p for tie in dataset.partnerships for p in tie.parties}
    ids = sorted({loc.id for loc in dataset.localities} | parties)
    position: dict[str, int] = {}
    margin: list[str] = []
    for record_id in ids:
        point, how = _place(record_id, party_point)
        if point is None:
            result.unplaced.append(record_id)
            if record_id in parties:
                margin.append(record_id)
            continue
        x, y = project(point)
        position[record_id] = len(result.places)
        result.places.append([record_id, _name(refs, record_id), _country(refs, record_id),
                              _kind(refs, record_id), x, y, how])  # fmt: skip
    # Parties without a point stand in a column at the right, Viet Nam first, then Japan.
    margin.sort(key=lambda i: (_country(refs, i) != "VN", _country(refs, i) or "", i))
    for row, record_id in enumerate(margin):
        x, y = MAP_WIDTH + 24, 40 + row * ROW_HEIGHT
        position[record_id] = len(result.places)
        result.places.append([record_id, _name(refs, record_id), _country(refs, record_id),
                              _kind(refs, record_id), x, y, "none"])  # fmt: skip
    result.height = max(MAP_HEIGHT, 40 + len(margin) * ROW_HEIGHT + 20)
    for row, tie in enumerate(dataset.partnerships):
        first, second = (position[p] for p in tie.parties)
        result.ties.append([first, second, tie.kind, tie.status, len(documents_of(tie)), row])
    return result


def _kind(refs: Referents, record_id: str) -> str | None:
    found = refs.get(record_id)
    return found.kind if found else None


def report_data(dataset: Dataset, texts: Texts, title: str) -> dict[str, Any]:
    """Everything the page shows, as one JSON-ready value."""
    gazetteer = load_gazetteer()
    refs = Referents(dataset, gazetteer)
    index = index_evidence(dataset, texts)
    drawn = map_data(dataset, refs)
    tables = [
        ties_table(dataset, refs, index),
        figures_table(dataset, refs, index),
        timeline_table(dataset, refs, index),
        officials_table(dataset, refs, index),
        localities_table(dataset, refs, index),
        organizations_table(dataset, refs, index),
        documents_table(dataset, texts, index),
    ]
    documents = [[d.id, d.title, d.published, d.source, d.path] for d in dataset.documents]
    return {
        "title": title,
        "counts": {name: len(getattr(dataset, name)) for name in ("documents", *FACT_TYPES)},
        "texts_given": sum(1 for d in dataset.documents if d.id in texts.full),
        "documents": documents,
        "evidence": index.columns,
        "labels": index.labels,
        "map": {
            "width": MAP_WIDTH,
            "margin": MARGIN_WIDTH,
            "height": drawn.height,
            "background": background_dots(gazetteer),
            "places": drawn.places,
            "ties": drawn.ties,
            "kinds": list(KINDS),
            "unplaced": drawn.unplaced,
        },
        "tables": [t.to_json() for t in tables],
    }


def text_blocks(dataset: Dataset, texts: Texts) -> tuple[list[Any], list[Any]]:
    """Per document: its article text (or null), and the dataset's passages where it has none.

    They go in JSON blocks of their own, which the page parses only when evidence is opened.
    """
    full = [texts.full.get(d.id) for d in dataset.documents]
    passages = [
        None if d.id in texts.full else [[p.start, p.text] for p in texts.passages.get(d.id, [])]
        for d in dataset.documents
    ]
    return full, passages


def _asset(name: str) -> str:
    """A file of the page template, from the package."""
    return resources.files("vjties").joinpath(f"resources/report/{name}").read_text("utf-8")


def _csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def embedded_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` survive as such."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_report(dataset: Dataset, texts: Texts, title: str = "vjties report") -> str:
    """The whole page: template, inline CSS and script with their CSP hashes, and the data."""
    style, script = _asset("report.css"), _asset("report.js")
    full, passages = text_blocks(dataset, texts)
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}"
    )
    values = {
        "CSP": html.escape(policy, quote=False),
        "TITLE": html.escape(title),
        "DATA": embedded_json(report_data(dataset, texts, title)),
        "TEXTS": embedded_json(full),
        "PASSAGES": embedded_json(passages),
        "STYLE": style,
        "SCRIPT": script,
    }
    # One pass over the template: text put in is never searched for markers again.
    page = re.sub(r"@@([A-Z]+)@@", lambda m: values[m.group(1)], _asset("report.html"))
    return page


def texts_note(texts: Texts, documents: Iterable[str]) -> str:
    """How many documents have their article text, for the CLI's summary."""
    ids = list(documents)
    given = sum(1 for i in ids if i in texts.full)
    return f"article text for {given} of {len(ids)} documents"
