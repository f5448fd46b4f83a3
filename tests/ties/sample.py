"""A small hand-made dataset over the two articles in `articles/`, for the export, report and
explain tests.

Written by hand (not extracted), so the tests do not move when extraction changes; every
piece of evidence is found in the article text, so its offsets are right by construction.
It has what the exports must handle: a tie with a stated date, a proposed tie, a tie with an
organization as a party, parties with and without coordinates in the gazetteer (prefectures
and provinces have none yet), a merged province with its successor, a figure about a
locality, an event with a participant, and an emoji before some evidence (offsets count code
points, which a browser does not).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from vjties.models import (
    Dataset,
    DateClaim,
    Document,
    Event,
    Evidence,
    Figure,
    Locality,
    Official,
    Organization,
    Partnership,
    Role,
    Successor,
    TimeExpression,
)

ARTICLES = Path(__file__).parent / "articles"
DA_NANG_DOC = "sakai_danang"
BINH_DUONG_DOC = "binh_duong_jetro"

SISTER = "jp/osaka/sakai~vn/da-nang~sister_city"
PROPOSED = "jp/aichi~vn/da-nang~mou~proposed"
JETRO_TIE = "org/jetro~vn/binh-duong~cooperation"


def text_of(doc_id: str) -> str:
    return (ARTICLES / f"{doc_id}.txt").read_text(encoding="utf-8")


def ev(doc_id: str, snippet: str, occurrence: int = 0) -> Evidence:
    """Evidence for the `occurrence`-th appearance of `snippet` in the document."""
    text = text_of(doc_id)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(snippet, start + 1)
    return Evidence(document=doc_id, start=start, end=start + len(snippet), text=snippet)


def _document(doc_id: str, **fields: str) -> Document:
    data = (ARTICLES / f"{doc_id}.txt").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    return Document(id=doc_id, path=f"articles/{doc_id}.txt", sha256=digest, **fields)


def _localities() -> list[Locality]:
    d, b = DA_NANG_DOC, BINH_DUONG_DOC
    return [
        Locality(
            id="jp/aichi",
            name="Aichi",
            country="JP",
            kind="prefecture",
            iso_3166_2="JP-23",
            mentions=[ev(d, "Aichi")],
        ),
        Locality(
            id="jp/osaka/sakai",
            name="Sakai",
            country="JP",
            kind="city",
            iso_3166_2="JP-27",
            geonames_id=1853195,
            parent="jp/osaka",
            mentions=[ev(d, "Sakai"), ev(d, "Sakai", 1)],
        ),
        Locality(
            id="vn/binh-duong",
            name="Binh Duong",
            name_local="Bình Dương",
            country="VN",
            kind="province",
            iso_3166_2="VN-57",
            successor=Successor(id="vn/ho-chi-minh-city", since="2025-07-01"),
            mentions=[ev(b, "Binh Duong"), ev(b, "Binh Duong", 1), ev(b, "Binh Duong", 2)],
        ),
        Locality(
            id="vn/da-nang",
            name="Da Nang",
            name_local="Đà Nẵng",
            country="VN",
            kind="municipality",
            iso_3166_2="VN-DN",
            mentions=[ev(d, "Da Nang", i) for i in (0, 1, 3, 4)],
            organization_mentions=[ev(d, "Da Nang", 2)],
        ),
        Locality(
            id="vn/ho-chi-minh-city",
            name="Ho Chi Minh City",
            country="VN",
            kind="municipality",
            iso_3166_2="VN-SG",
            mentions=[ev(b, "Ho Chi Minh City")],
        ),
    ]


def _people() -> tuple[list[Organization], list[Official]]:
    d, b = DA_NANG_DOC, BINH_DUONG_DOC
    committee = "org/vn/da-nang/people-committee"
    organizations = [
        Organization(
            id="org/jetro",
            name="Japan External Trade Organization",
            kind="trade_promotion_agency",
            country="JP",
            mentions=[ev(b, "Japan External Trade Organization"), ev(b, "JETRO")],
        ),
        Organization(
            id=committee,
            name="Da Nang City People's Committee",
            kind="people_committee",
            country="VN",
            locality="vn/da-nang",
            mentions=[ev(d, "Da Nang City People's Committee")],
        ),
    ]
    officials = [
        Official(
            id="person/le-trung-chinh",
            name="Le Trung Chinh",
            title="Chairman",
            organization=committee,
            country="VN",
            locality="vn/da-nang",
            roles=[Role(title="Chairman", organization=committee)],
            mentions=[ev(d, "Le Trung Chinh")],
        )
    ]
    return organizations, officials


def _partnerships() -> list[Partnership]:
    d, b = DA_NANG_DOC, BINH_DUONG_DOC
    sister_sentence = ev(
        d, "Da Nang and Sakai city of Osaka prefecture became sister cities in 2014"
    )
    return [
        Partnership(
            id=PROPOSED,
            parties=["jp/aichi", "vn/da-nang"],
            party_types=["locality", "locality"],
            kind="mou",
            status="proposed",
            evidence=[ev(d, "Aichi prefecture hopes to sign an MoU with Da Nang")],
        ),
        Partnership(
            id=SISTER,
            parties=["jp/osaka/sakai", "vn/da-nang"],
            party_types=["locality", "locality"],
            kind="sister_city",
            established="2014",
            dates=[DateClaim(date="2014", how="stated", evidence=ev(d, "2014"))],
            evidence=[sister_sentence],
        ),
        Partnership(
            id=JETRO_TIE,
            parties=["org/jetro", "vn/binh-duong"],
            party_types=["organization", "locality"],
            kind="cooperation",
            evidence=[
                ev(
                    b,
                    "Binh Duong province, now part of Ho Chi Minh City, cooperates "
                    "with the Japan External Trade Organization (JETRO)",
                )
            ],
        ),
    ]


def _facts() -> tuple[list[Figure], list[TimeExpression], list[Event]]:
    d, b = DA_NANG_DOC, BINH_DUONG_DOC
    figures = [
        Figure(
            id=f"{b}/figure/400-projects",
            text="400 Japanese projects",
            value=400,
            unit="project",
            qualifier="about",
            metric="fdi_projects",
            localities=["vn/binh-duong"],
            countries=["JP"],
            evidence=ev(b, "400 Japanese projects"),
        ),
        Figure(
            id=f"{d}/figure/2-1-billion-usd",
            text="2.1 billion USD",
            value=2_100_000_000.0,
            unit="USD",
            metric="fdi_registered_capital",
            localities=["vn/da-nang"],
            countries=["JP"],
            evidence=ev(d, "2.1 billion USD"),
        ),
    ]
    dates = [
        TimeExpression(
            id=f"{d}/date/2014", text="2014", value="2014", how="stated", evidence=ev(d, "2014")
        ),
        TimeExpression(
            id=f"{d}/date/2024-03-05",
            text="March 5, 2024",
            value="2024-03-05",
            how="stated",
            evidence=ev(d, "March 5, 2024"),
        ),
    ]
    events = [
        Event(
            id=f"{d}/event/reception-2024-03-05",
            kind="reception",
            date="2024-03-05",
            date_how="stated",
            locality="vn/da-nang",
            participants=["person/le-trung-chinh"],
            evidence=ev(d, "a reception"),
            mentions=[ev(d, "a reception")],
        )
    ]
    return figures, dates, events


def sample_dataset() -> Dataset:
    organizations, officials = _people()
    figures, dates, events = _facts()
    return Dataset(
        documents=[
            _document(BINH_DUONG_DOC, title="Binh Duong welcomes Japanese firms 🇯🇵"),
            _document(
                DA_NANG_DOC,
                title="Da Nang and Sakai mark ten years as sister cities",
                dateline="Da Nang",
                source="VNA",
            ),
        ],
        localities=_localities(),
        organizations=organizations,
        officials=officials,
        partnerships=_partnerships(),
        figures=figures,
        dates=dates,
        events=events,
    )
