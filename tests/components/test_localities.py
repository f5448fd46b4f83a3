from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from factories import run
from vjties.components.localities import locality_records, main_locality
from vjties.models import Locality


def found(nlp: Language, text: str, group: str = "localities") -> list[tuple[str, str, str]]:
    """(text, id, kind) of each mention of a span group, in text order."""
    doc = run(nlp, text)
    return [(s.text, s.kb_id_, s.label_) for s in doc.spans[group]]


def ids(nlp: Language, text: str, group: str = "localities") -> list[str]:
    return [kb_id for _, kb_id, _ in found(nlp, text, group)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Descriptors before the name.
        ("The Mekong Delta province of Long An wants investors.", ["vn/long-an"]),
        ("the southern province of Dong Nai hosted it", ["vn/dong-nai"]),
        ("He spoke in the central city of Hue on Monday.", ["vn/hue"]),
        ("the northern port city of Hai Phong", ["vn/hai-phong"]),
        ("Officials from the Japanese prefecture of Shiga came.", ["jp/shiga"]),
        # Type words after the name, either case.
        ("Japan's Gunma prefecture signed it.", ["jp/gunma"]),
        ("Saitama Prefecture signed it.", ["jp/saitama"]),
        ("Kobe City signed it.", ["jp/hyogo/kobe"]),
        # A prefecture called a province.
        ("Japan's Tottori province signed it.", ["jp/tottori"]),
        # Possessives.
        ("They praised Binh Duong's idea.", ["vn/binh-duong"]),
        ("They praised Gifu’s idea.", ["jp/gifu"]),
        # Hyphen and dash variants, diacritics, all capitals.
        ("Ba Ria-Vung Tau signed it.", ["vn/ba-ria-vung-tau"]),
        ("Bà Rịa - Vũng Tàu signed it.", ["vn/ba-ria-vung-tau"]),
        ("Ba Ria – Vung Tau signed it.", ["vn/ba-ria-vung-tau"]),
        ("ĐÀ NẴNG — The city signed it.", ["vn/da-nang"]),
        ("Thừa Thiên Huế signed it.", ["vn/hue"]),
        # Press aliases.
        ("HCMC and HCM City and Saigon and Ho Chi Minh City", ["vn/ho-chi-minh-city"] * 4),
        ("Danang and Ha Noi", ["vn/da-nang", "vn/hanoi"]),
        ("formerly Thua Thien-Hue province", ["vn/hue"]),
        # Regions.
        ("firms from the Kansai region and Tohoku", ["jp/kansai", "jp/tohoku"]),
        (
            "the Central Highlands and the southern key economic region",
            [
                "vn/central-highlands",
                "vn/southern-key-economic-region",
            ],
        ),
        # Nested units.
        ("Higashiosaka city of Japan's Osaka prefecture", ["jp/osaka/higashiosaka", "jp/osaka"]),
        ("Kisarazu, Chiba signed it.", ["jp/chiba/kisarazu", "jp/chiba"]),
        ("a teacher from Quang Nam's Hoi An city", ["vn/quang-nam", "vn/quang-nam/hoi-an"]),
        ("A festival was held in Thu Dau Mot city.", ["vn/binh-duong/thu-dau-mot"]),
    ],
)
def test_forms(nlp: Language, text: str, expected: list[str]) -> None:
    assert ids(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare name that is both a prefecture and a city is the prefecture.
        ("Delegates came from Fukuoka.", ["jp/fukuoka"]),
        ("Nagasaki welcomed them.", ["jp/nagasaki"]),
        # ... unless the text says which.
        ("Fukuoka [Kyushu's largest city] hosted it.", ["jp/fukuoka/fukuoka-city", "jp/kyushu"]),
        ("Osaka, Japan's second largest city, hosted it.", ["jp/osaka/osaka-city"]),
        ("Fukuoka City and Nagasaki prefecture", ["jp/fukuoka/fukuoka-city", "jp/nagasaki"]),
        ("the city of Nagasaki", ["jp/nagasaki/nagasaki-city"]),
        ("Kumamoto prefecture and Kumamoto city", ["jp/kumamoto", "jp/kumamoto/kumamoto-city"]),
        # A list governed by a plural type word.
        (
            "the three prefectures of Fukuoka, Saga and Kumamoto",
            ["jp/fukuoka", "jp/saga", "jp/kumamoto"],
        ),
        (
            "three Japanese cities - Kobe, Nara and Otsu",
            ["jp/hyogo/kobe", "jp/nara/nara-city", "jp/shiga/otsu"],
        ),
        ("Okayama, Kagoshima and Nagano prefectures", ["jp/okayama", "jp/kagoshima", "jp/nagano"]),
        # Sakai with no cue is the large city in Osaka prefecture.
        ("Sakai welcomed the delegation.", ["jp/osaka/sakai"]),
        # Kawasaki, Yokohama: the big namesake wins when nothing else says.
        ("Kawasaki and Yokohama", ["jp/kanagawa/kawasaki", "jp/kanagawa/yokohama"]),
        # The document's other places decide an ambiguous name.
        ("Sakai, Ibaraki and Koga in Ibaraki prefecture", None),
    ],
)
def test_ambiguity(nlp: Language, text: str, expected: list[str] | None) -> None:
    if expected is None:
        assert "jp/ibaraki/koga" in ids(nlp, text)
        return
    assert ids(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Governor Nagano said the ties would grow.",
        "Yutaka Aso and Hiroshi Aso met the press.",
        "Mr. Kumamoto and Ms. Kobe smiled.",
        "Nguyen Thi Hue, a teacher, spoke.",
        "Japan and Vietnam agreed. Viet Nam and Việt Nam too.",
        "Busan, Seoul, Bangkok and Paris are elsewhere.",
        "The hue of the sky. The date was set. Long live the saga.",
        "Toyota and Hitachi opened plants.",
        "Ise spoke.",
        "Deputy Prime Minister Nguyen Hoa Binh and Chairman Tran Quang Ninh spoke.",
        "Yamaguchi Natsuo met the press.",
        "Obama said the Showa era ended.",
        "Tourists crowded Ha Long Bay.",
        "The shop on Hai Ba Trung street opened. The Kyoto Protocol and Southeast Asia.",
    ],
)
def test_not_localities(nlp: Language, text: str) -> None:
    assert ids(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "org", "free"),
    [
        ("The Binh Duong Provincial People's Committee met.", ["vn/binh-duong"], []),
        ("Vice Chairman of Da Nang City People's Committee spoke.", ["vn/da-nang"], []),
        ("the Quang Ninh provincial People's Committee", ["vn/quang-ninh"], []),
        ("Japan’s Kyushu Economic Federation", ["jp/kyushu"], []),
        ("The delegation met reporters from Da Nang Today.", ["vn/da-nang"], []),
        ("the People's Committee of Long An province", ["vn/long-an"], []),
        ("the Consulate General of Japan in Da Nang", ["vn/da-nang"], []),
        ("the Osaka Prefectural Government", ["jp/osaka"], []),
        (
            "Kawasaki Heavy Industries and the Bank of Yokohama",
            ["jp/kanagawa/kawasaki", "jp/kanagawa/yokohama"],
            [],
        ),
        ("an association in the Kansai region", [], ["jp/kansai"]),
        (
            "The Saigon Giai Phong newspaper and Osaka Gas reported it.",
            [
                "vn/ho-chi-minh-city",
                "jp/osaka",
            ],
            [],
        ),
        ("Dong A University in Da Nang", [], ["vn/da-nang"]),
    ],
)
def test_in_organizations(nlp: Language, text: str, org: list[str], free: list[str]) -> None:
    assert ids(nlp, text, "locality_in_org") == org
    assert ids(nlp, text) == free


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnamese Firms Boost Aichi Ties", ["jp/aichi"]),
        ("Hoa Binh province and Ha Long city", ["vn/hoa-binh", "vn/quang-ninh/ha-long"]),
        ("Yamaguchi prefecture and Natsuo", ["jp/yamaguchi"]),
        ("the Tokyo Metropolitan Government", []),
    ],
)
def test_places_next_to_capitalised_words(nlp: Language, text: str, expected: list[str]) -> None:
    assert ids(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Vietnamese family name before a place name makes it a person's name, whichever
        # family name it is: the localities once kept a shorter copy of the list of names
        # (`Nguyen` in it, `Lai` not), so only the first gave no place.
        ("Nguyen Thai Binh said the plan was good.", []),
        ("Lai Thai Binh said the plan was good.", []),
        ("Khuc Quang Ninh attended.", []),
        # A middle name does too; the place itself still counts.
        ("Tran Van Thai Binh attended.", []),
        ("Officials from Thai Binh said the plan was good.", ["vn/thai-binh"]),
    ],
)
def test_every_vietnamese_family_name_marks_a_person(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert ids(nlp, text) == expected


def test_the_document_decides_a_bare_name(nlp: Language) -> None:
    text = "Kumamoto city hosted the fair. Kumamoto also sent interns."
    assert ids(nlp, text) == ["jp/kumamoto/kumamoto-city"] * 2
    assert ids(nlp, "Fukui prefecture and Sakai signed it.") == ["jp/fukui", "jp/fukui/sakai"]


def test_a_consulate_sits_in_a_city(nlp: Language) -> None:
    text = "the Vietnamese Consulate General in Osaka"
    assert ids(nlp, text, "locality_in_org") == ["jp/osaka/osaka-city"]


def test_region_as_descriptor_is_not_a_mention(nlp: Language) -> None:
    assert ids(nlp, "the Mekong Delta province of An Giang") == ["vn/an-giang"]
    assert ids(nlp, "the Mekong Delta is fertile") == ["vn/mekong-delta"]


def test_needs_cue_names_with_a_cue(nlp: Language) -> None:
    assert ids(nlp, "Ise city in Mie prefecture") == ["jp/mie/ise", "jp/mie"]


def test_boilerplate_is_skipped(nlp: Language) -> None:
    doc = nlp.make_doc("Hanoi and Osaka agreed.\nRELATED NEWS\nTAG: Aichi and Gunma")
    doc._.doc_id = "t"
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "vjties_metadata":
            doc._.boilerplate = [[doc.text.index("RELATED"), len(doc.text), "related"]]
    assert {s.kb_id_ for s in doc.spans["localities"]} == {"vn/hanoi", "jp/osaka"}


def test_records(nlp: Language) -> None:
    text = (
        "Binh Duong's leaders met Japan's Gunma prefecture. "
        "The Binh Duong Provincial People's Committee hosted it in Thu Dau Mot city."
    )
    records: dict[str, dict[str, Any]] = {r["id"]: r for r in run(nlp, text)._.localities}
    for record in records.values():
        Locality.model_validate(record)
    binh_duong = records["vn/binh-duong"]
    assert binh_duong["successor"] == {"id": "vn/ho-chi-minh-city", "since": "2025-07-01"}
    assert binh_duong["iso_3166_2"] == "VN-57"
    assert binh_duong["name_local"] == "Bình Dương"
    assert [m["text"] for m in binh_duong["mentions"]] == ["Binh Duong"]
    assert [m["start"] for m in binh_duong["organization_mentions"]] == [text.index("Binh Duong P")]
    city = records["vn/binh-duong/thu-dau-mot"]
    assert (city["kind"], city["parent"], city["iso_3166_2"]) == ("city", "vn/binh-duong", "VN-57")
    assert city["geonames_id"] == 1905476  # GeoNames admin-2 unit: Thành phố Thủ Dầu Một
    gunma = records["jp/gunma"]
    assert (gunma["country"], gunma["kind"], gunma["iso_3166_2"]) == ("JP", "prefecture", "JP-10")
    assert gunma["successor"] is None


def test_records_follow_the_span_groups(nlp: Language) -> None:
    """`locality_records` rebuilds the records from whatever the span groups hold."""
    doc = run(nlp, "Aichi and Nara signed it.")
    doc.spans["localities"] = [s for s in doc.spans["localities"] if s.text != "Nara"]
    assert [r["id"] for r in locality_records(doc)] == ["jp/aichi"]


def test_evidence_is_the_original_text(nlp: Language) -> None:
    text = "Đà Nẵng and Bà Rịa – Vũng Tàu\u00a0signed it."
    for record in run(nlp, text)._.localities:
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


@pytest.mark.parametrize("spelling", ["Quy Nhon", "Qui Nhon", "Quy Nhơn"])
def test_a_city_is_named_as_the_press_spells_it(nlp: Language, spelling: str) -> None:
    text = f"A trade mission from Shizuoka toured the port of {spelling} city on Friday."
    records = {r["id"]: r for r in run(nlp, text)._.localities}
    city = records["vn/binh-dinh/quy-nhon"]
    assert (city["name"], city["name_local"], city["kind"]) == ("Quy Nhon", "Quy Nhơn", "city")
    assert [m["text"] for m in city["mentions"]] == [spelling]


def test_records_equal_those_rebuilt_from_the_span_groups(nlp: Language) -> None:
    """The component builds its records from its mentions; `locality_records` rebuilds them
    from the span groups: both must agree."""
    text = (
        "The Tokushima Prefectural Government and Can Tho city signed an MoU, and Hà Nội "
        "People's Committee welcomed firms from Kobe City and the Kansai region to Can Tho."
    )
    doc = run(nlp, text)
    assert doc._.localities == locality_records(doc)
    assert {r["id"] for r in doc._.localities} >= {"jp/tokushima", "vn/can-tho", "vn/hanoi"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A type word before or after the name.
        ("Officials from the town of Shika came.", [("Shika", "jp/ishikawa/shika", "town")]),
        (
            "It is in Long Thanh district of Dong Nai province.",
            [
                ("Long Thanh", "vn/dong-nai/long-thanh", "district"),
                ("Dong Nai", "vn/dong-nai", "province"),
            ],
        ),
        ("Factories in Ben Luc district grew.", [("Ben Luc", "vn/long-an/ben-luc", "district")]),
        (
            "The village of Shimukappu signed it.",
            [("Shimukappu", "jp/hokkaido/shimukappu", "village")],
        ),
        # Its unit next to it: after a comma or `in`, or as its possessor.
        (
            "Shika, Ishikawa hosts a wind farm.",
            [("Shika", "jp/ishikawa/shika", "town"), ("Ishikawa", "jp/ishikawa", "prefecture")],
        ),
        (
            "Ishikawa's Shika hosts a wind farm.",
            [("Ishikawa", "jp/ishikawa", "prefecture"), ("Shika", "jp/ishikawa/shika", "town")],
        ),
        (
            "Long An province's Ben Luc grew.",
            [("Long An", "vn/long-an", "province"), ("Ben Luc", "vn/long-an/ben-luc", "district")],
        ),
        # A ward of a designated city, nested in its prefecture.
        (
            "Osaka's Kita ward hosted it.",
            [("Osaka", "jp/osaka", "prefecture"), ("Kita", "jp/osaka/osaka-city/kita", "ward")],
        ),
    ],
)
def test_small_places_with_a_cue(
    nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Small places without a cue: a town, surnames, English words, a ward, a place.
        ("Shika hosts a wind farm.", []),
        ("Matsuda and Ikeda signed it for Ishikawa.", ["jp/ishikawa"]),
        ("Mr. Matsuda said the mine was closed.", []),
        ("Kita met Minami in Hanoi.", ["vn/hanoi"]),
        ("Hirai said Tottori prefecture hopes to sign.", ["jp/tottori"]),
        ("Kato and Ono joined Hope in Da Nang.", ["vn/da-nang"]),
        # A unit named elsewhere in the text is no cue for a small place in it.
        (
            "Okayama sent a delegation. Da Nang and Sakai signed a deal.",
            ["jp/okayama", "vn/da-nang", "jp/osaka/sakai"],
        ),
        # A plural type word does not reach across a sentence end.
        (
            "They toured craft villages. Hue and Okayama will work together.",
            ["vn/hue", "jp/okayama"],
        ),
    ],
)
def test_small_places_without_a_cue(nlp: Language, text: str, expected: list[str]) -> None:
    assert ids(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name the document wrote as part of a person's full name, alone before a verb of
        # speech, is the person: in either order of the full name.
        ("Ibara Kazuhiro met them. Ibara said the visit mattered.", []),
        ("Kazuhiro Ibara met them. Ibara said the visit mattered.", []),
        ("Governor Nagano Kazuo met them. Nagano said Shiga is ready.", ["jp/shiga"]),
        # Without that full name, or before another verb, the place stays.
        ("Ibara said the visit mattered.", ["jp/okayama/ibara"]),
        ("Mayor Ibara met them. Ibara said the visit mattered.", ["jp/okayama/ibara"]),
        ("Kazuhiro Ibara met them. Ibara will visit Hue.", ["jp/okayama/ibara", "vn/hue"]),
        ("Tokyo said it was ready.", ["jp/tokyo"]),
        # With a cue it is the place.
        ("Kazuhiro Ibara met them. Ibara city said no.", ["jp/okayama/ibara"]),
    ],
)
def test_a_short_name_before_a_verb_of_speech(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert ids(nlp, text) == expected


# --- main_locality ------------------------------------------------------------------------


def test_the_main_locality_is_the_most_named(nlp: Language) -> None:
    doc = run(nlp, "Gifu sent a delegation to Hanoi. Gifu firms invest. Gifu leaders spoke.")
    assert main_locality(doc) == "jp/gifu"
    assert main_locality(doc, "VN") == "vn/hanoi"
    assert main_locality(doc, "JP", ("city",)) is None


def test_a_tie_gives_no_main_locality(nlp: Language) -> None:
    doc = run(nlp, "Gifu and Aichi signed it with Hanoi.")
    assert main_locality(doc) is None and main_locality(doc, "JP") is None
    assert main_locality(doc, "VN") == "vn/hanoi"
    assert main_locality(run(nlp, "Nothing here.")) is None


def test_kinds_choose_among_the_localities(nlp: Language) -> None:
    doc = run(nlp, "Kobe City and Kobe port met Hyogo prefecture officials.")
    assert main_locality(doc) == "jp/hyogo/kobe"
    assert main_locality(doc, kinds=("prefecture",)) == "jp/hyogo"


def test_the_dateline_counts_three_times(nlp: Language) -> None:
    text = (
        "Japanese firms eye Vietnam\n"
        "HANOI (VNA) - Osaka firms met investors, and Osaka officials praised the plan.\n"
    )
    doc = run(nlp, text)
    assert doc._.meta["dateline"] == "HANOI"
    assert [s.text for s in doc.spans["localities"]] == ["HANOI", "Osaka", "Osaka"]
    assert main_locality(doc) == "vn/hanoi"  # 3 for the dateline against 2


def test_names_inside_organizations_count_and_boilerplate_does_not(nlp: Language) -> None:
    text = "The Hanoi People's Committee met Osaka officials. Hanoi agreed.\nTags: Osaka, Osaka"
    doc = run(nlp, text, boilerplate=[[text.index("Tags"), len(text), "tags"]])
    assert [s.text for s in doc.spans["locality_in_org"]] == ["Hanoi"]
    assert main_locality(doc) == "vn/hanoi"
