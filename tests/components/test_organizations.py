"""The organizations component on a blank pipeline, with the localities set by hand."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import vjties.pipeline  # noqa: F401  (registers the components and the Doc attributes)
from factories import evidence, with_localities
from vjties import keys
from vjties.components.organizations import (
    organization_records,
    organization_spans,
    organization_table,
)

HANOI = {"Hanoi": "vn/hanoi"}


@pytest.fixture(scope="module")
def blank() -> Language:
    """A blank English pipeline with only the organizations component."""
    nlp = spacy.blank("en")
    nlp.add_pipe("vjties_organizations")
    return nlp


def annotate(
    nlp: Language,
    text: str,
    free: dict[str, str] | None = None,
    in_orgs: dict[str, str] | None = None,
    boilerplate: list[list[Any]] | None = None,
) -> Doc:
    doc = with_localities(nlp, text, free, in_orgs)
    if boilerplate is not None:
        doc._.boilerplate = boilerplate
    return nlp(doc)


def found(doc: Doc) -> list[tuple[str, str, str]]:
    """(text, id, kind) of each organization mention the component wrote."""
    return [(s.text, s.kb_id_, s.label_) for s in doc.spans[keys.ORGANIZATIONS]]


def record(doc: Doc, org_id: str) -> tuple[str, str | None, str | None]:
    """(name, country, locality) of one of the component's records."""
    (rec,) = (r for r in doc._.organizations if r["id"] == org_id)
    return rec["name"], rec["country"], rec["locality"]


@pytest.mark.parametrize(
    ("text", "free", "in_orgs", "mention", "org_id", "name", "locality"),
    [
        # A local body with its unit in its name: named after the unit and its level.
        (
            "Vice Chairman of the Hanoi People's Committee met them.",
            {},
            HANOI,
            "Hanoi People's Committee",
            "org/vn/hanoi/people-committee",
            "Hanoi City People's Committee",
            "vn/hanoi",
        ),
        (
            "Kobe City Council signed it.",
            {},
            {"Kobe": "jp/hyogo/kobe"},
            "Kobe City Council",
            "org/jp/hyogo/kobe/city-council",
            "Kobe City Council",
            "jp/hyogo/kobe",
        ),
        # A level word and no place: the body of the article's main unit of that level.
        (
            "Quang Ninh province is green. The provincial People's Committee agreed.",
            {"Quang Ninh": "vn/quang-ninh"},
            {},
            "provincial People's Committee",
            "org/vn/quang-ninh/people-committee",
            "Quang Ninh Provincial People's Committee",
            "vn/quang-ninh",
        ),
        (
            "Hai Duong province met them. The provincial Department of Health agreed.",
            {"Hai Duong": "vn/hai-duong"},
            {},
            "provincial Department of Health",
            "org/vn/hai-duong/department-of-health",
            "Hai Duong Department of Health",
            "vn/hai-duong",
        ),
        # A named body with its place after it: the id names the place, not its wording.
        (
            "Members of the Vietnam-Japan Friendship Association in the Kansai region came.",
            {"Kansai": "jp/kansai"},
            {},
            "Vietnam-Japan Friendship Association in the Kansai region",
            "org/vietnam-japan-friendship-association/jp/kansai",
            "Vietnam-Japan Friendship Association in the Kansai region",
            "jp/kansai",
        ),
        (
            "The University of Da Nang signed it.",
            {"Da Nang": "vn/da-nang"},
            {},
            "University of Da Nang",
            "org/university/vn/da-nang",
            "University of Da Nang",
            "vn/da-nang",
        ),
        # Missions: by their countries and posting.
        (
            "The Japanese Embassy hosted it.",
            {},
            {},
            "Japanese Embassy",
            "org/jp/embassy/vn",
            "Embassy of Japan in Vietnam",
            None,
        ),
        (
            "The Consulate General of Japan in Da Nang hosted it.",
            {"Da Nang": "vn/da-nang"},
            {},
            "Consulate General of Japan in Da Nang",
            "org/jp/consulate-general/vn/da-nang",
            "Consulate General of Japan in Da Nang",
            "vn/da-nang",
        ),
        # A fixed name, with its office's place.
        (
            "JETRO Hanoi said so.",
            HANOI,
            {},
            "JETRO Hanoi",
            "org/japan-external-trade-organization",
            "Japan External Trade Organization",
            None,
        ),
    ],
)
def test_bodies_are_read_in_their_context(
    blank: Language,
    text: str,
    free: dict[str, str],
    in_orgs: dict[str, str],
    mention: str,
    org_id: str,
    name: str,
    locality: str | None,
) -> None:
    doc = annotate(blank, text, free, in_orgs)
    assert [(text, kb_id) for text, kb_id, _ in found(doc)] == [(mention, org_id)]
    assert record(doc, org_id)[0] == name
    assert record(doc, org_id)[2] == locality


def test_a_country_word_before_a_ministry_gives_its_country(blank: Language) -> None:
    doc = annotate(blank, "Japan's Ministry of Foreign Affairs said so.")
    assert found(doc) == [
        (
            "Japan's Ministry of Foreign Affairs",
            "org/jp/ministry-of-foreign-affairs",
            "ministry",
        )
    ]
    assert record(doc, "org/jp/ministry-of-foreign-affairs") == (
        "Ministry of Foreign Affairs",
        "JP",
        None,
    )


def test_a_title_before_a_name_is_not_part_of_it(blank: Language) -> None:
    doc = annotate(blank, "Chairman Kyushu Economic Federation spoke.")
    assert [text for text, _, _ in found(doc)] == ["Kyushu Economic Federation"]


def test_a_bare_head_word_or_an_unknown_level_names_nothing(blank: Language) -> None:
    assert found(annotate(blank, "The university and the provincial People's Committee met.")) == []


def test_the_head_word_refers_back_to_the_one_body_of_its_kind(blank: Language) -> None:
    doc = annotate(
        blank,
        "The Kyushu Economic Federation signed it. The federation will invest.",
        in_orgs={"Kyushu": "jp/kyushu"},
    )
    federation = "org/kyushu-economic-federation"
    assert [(text, kb_id) for text, kb_id, _ in found(doc)] == [
        ("Kyushu Economic Federation", federation),
        ("federation", federation),
    ]
    (rec,) = doc._.organizations
    assert [m["text"] for m in rec["mentions"]] == ["Kyushu Economic Federation", "federation"]
    two = annotate(
        blank,
        "The Kyushu Economic Federation and the Kansai Economic Federation met. "
        "The federation will invest.",
    )
    assert [text for text, _, _ in found(two)] == [
        "Kyushu Economic Federation",
        "Kansai Economic Federation",
    ]


def test_its_body_is_left_to_the_officials_as_a_reference(blank: Language) -> None:
    doc = annotate(
        blank,
        "Secretary of the Hanoi Party Committee and Chairman of its People's Committee spoke.",
        in_orgs=HANOI,
    )
    assert [kb_id for _, kb_id, _ in found(doc)] == ["org/vn/hanoi/party-committee"]
    references = [(s.text, s.kb_id_, s.label_) for s in doc.spans[keys.ORGANIZATION_REFERENCES]]
    assert references == [("People's Committee", "People's Committee", "people_committee")]
    table = organization_table(doc)
    (its,) = table.references
    assert (its.kind, its.locality, its.name) == ("people_committee", "its", "People's Committee")
    assert table.by_token[its.start] is its
    (party,) = (org for org in table.by_start.values() if org is not its)
    assert (party.id, party.locality) == ("org/vn/hanoi/party-committee", "vn/hanoi")
    assert doc[party.start : party.end].text == "Hanoi Party Committee"


def test_nothing_is_read_from_boilerplate(blank: Language) -> None:
    text = "Kobe City Council signed it.\nRelated: Kyushu Economic Federation"
    start = text.index("Related")
    doc = annotate(
        blank,
        text,
        in_orgs={"Kobe": "jp/hyogo/kobe", "Kyushu": "jp/kyushu"},
        boilerplate=[[start, len(text), "related"]],
    )
    assert [text for text, _, _ in found(doc)] == ["Kobe City Council"]


def test_the_readers_add_the_bodies_only_roles_name(blank: Language) -> None:
    doc = annotate(
        blank, "Japan's Ministry of Foreign Affairs and the Minister of Foreign Affairs."
    )
    ministry = "org/jp/ministry-of-foreign-affairs"
    own = doc._.organizations[0]["mentions"][0]
    # What the officials component writes for `Minister of Foreign Affairs` and for a
    # consulate only a Consul General's role names.
    role_mention = evidence("Minister of Foreign Affairs", doc.text.index("Minister"), "t")
    consulate = "org/jp/consulate-general/vn/da-nang"
    doc._.role_organizations = [
        {
            "id": consulate,
            "name": "Consulate General of Japan in Da Nang",
            "kind": "consulate_general",
            "country": "JP",
            "locality": "vn/da-nang",
            "mentions": [],
        },
        {
            "id": ministry,
            "name": "Ministry of Foreign Affairs",
            "kind": "ministry",
            "country": "JP",
            "locality": None,
            "mentions": [own, role_mention.model_dump()],
        },
    ]
    role_start = doc.text.index("Minister of")
    role_span = doc.char_span(role_start, role_start + 27, "ministry", kb_id=ministry)
    doc.spans[keys.ROLE_ORGANIZATIONS] = [role_span]
    records = organization_records(doc)
    assert [r["id"] for r in records] == [consulate, ministry]
    # This component's record first, the officials' mentions after its own, each once.
    assert records[1]["mentions"] == [own, role_mention.model_dump()]
    assert [s.kb_id_ for s in organization_spans(doc)] == [ministry, ministry]
    assert organization_spans(doc)[1].text == "Minister of Foreign Affairs"
    # The component's own output is untouched.
    assert len(doc._.organizations) == 1 and len(doc._.organizations[0]["mentions"]) == 1
