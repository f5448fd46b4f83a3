"""The officials component on articles and sentences written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from factories import run
from vjties.components.organizations import organization_records, organization_spans
from vjties.extract import process
from vjties.models import Official, Organization


def people(doc: Doc) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for o in doc._.officials}


def orgs(doc: Doc) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in organization_records(doc)}


def mention_texts(record: dict[str, Any]) -> list[str]:
    return [m["text"] for m in record["mentions"]]


def test_title_before_name_with_provincial_committee(nlp: Language) -> None:
    doc = process(
        "Vice Chairman of the Tay Ninh Provincial People's Committee Vo Duc Trong met the "
        "delegation on Monday.",
        "t",
        nlp,
    )
    (official,) = doc._.officials
    assert official["name"] == "Vo Duc Trong"
    assert official["title"] == "Vice Chairman"
    assert official["organization"] == "org/vn/tay-ninh/people-committee"
    assert (official["country"], official["locality"]) == ("VN", "vn/tay-ninh")
    org = orgs(doc)["org/vn/tay-ninh/people-committee"]
    assert org["kind"] == "people_committee"
    assert mention_texts(org) == ["Tay Ninh Provincial People's Committee"]


def test_governor_of_a_prefecture_has_its_locality_and_no_organization(nlp: Language) -> None:
    doc = process("Governor of Toyama prefecture Arai Hiroshi arrived in Hanoi.", "t", nlp)
    official = people(doc)["Arai Hiroshi"]
    assert official["title"] == "Governor"
    assert official["organization"] is None
    assert (official["country"], official["locality"]) == ("JP", "jp/toyama")


def test_place_before_title(nlp: Language) -> None:
    doc = process("Nara Governor Yamashita Makoto welcomed the guests.", "t", nlp)
    official = people(doc)["Yamashita Makoto"]
    assert (official["title"], official["locality"], official["country"]) == (
        "Governor",
        "jp/nara",
        "JP",
    )


def test_abbreviated_title_is_expanded_and_short_form_resolves(nlp: Language) -> None:
    doc = process(
        "PM Tran Van Khoa chaired the meeting. Later, PM Khoa told reporters the talks went well.",
        "t",
        nlp,
    )
    (official,) = doc._.officials
    assert official["name"] == "Tran Van Khoa"
    assert official["title"] == "Prime Minister"
    assert official["country"] == "VN"
    assert mention_texts(official) == ["Tran Van Khoa", "Khoa"]


def test_ambassador_country_comes_from_the_title(nlp: Language) -> None:
    doc = process(
        "Japanese Ambassador to Vietnam Kimura Taro and Vietnamese Ambassador to Japan "
        "Dang Huu Phuc attended the ceremony.",
        "t",
        nlp,
    )
    found = people(doc)
    assert (found["Kimura Taro"]["title"], found["Kimura Taro"]["country"]) == ("Ambassador", "JP")
    assert (found["Dang Huu Phuc"]["title"], found["Dang Huu Phuc"]["country"]) == (
        "Ambassador",
        "VN",
    )


def test_consul_general_belongs_to_the_consulate_in_the_named_city(nlp: Language) -> None:
    doc = process(
        "Consul General of Japan in Da Nang Morita Shin gave a speech at the festival.", "t", nlp
    )
    official = people(doc)["Morita Shin"]
    assert official["title"] == "Consul General"
    assert official["organization"] == "org/jp/consulate-general/vn/da-nang"
    assert (official["country"], official["locality"]) == ("JP", "vn/da-nang")
    consulate = orgs(doc)["org/jp/consulate-general/vn/da-nang"]
    assert (consulate["kind"], consulate["country"]) == ("consulate_general", "JP")


def test_name_then_title_in_apposition(nlp: Language) -> None:
    doc = process(
        "Speaking at the forum, Bui Minh Chau, Chairwoman of the Lang Son provincial People's "
        "Council, said the border province welcomed Japanese investors.",
        "t",
        nlp,
    )
    official = people(doc)["Bui Minh Chau"]
    assert official["title"] == "Chairwoman"
    assert official["organization"] == "org/vn/lang-son/people-council"


def test_compound_title_gives_several_roles(nlp: Language) -> None:
    doc = process(
        "Secretary of the Ha Tinh Party Committee and Chairman of the Ha Tinh People's Council "
        "Hoang Trung Dung received the delegation.",
        "t",
        nlp,
    )
    official = people(doc)["Hoang Trung Dung"]
    assert [(r["title"], r["organization"]) for r in official["roles"]] == [
        ("Secretary", "org/vn/ha-tinh/party-committee"),
        ("Chairman", "org/vn/ha-tinh/people-council"),
    ]
    assert (official["title"], official["organization"]) == (
        "Secretary",
        "org/vn/ha-tinh/party-committee",
    )


def test_its_refers_to_the_previous_organization(nlp: Language) -> None:
    doc = process(
        "Ngo Thi Kim Yen, Secretary of the Hue Party Committee and Chairwoman of its People's "
        "Council, hosted the dinner.",
        "t",
        nlp,
    )
    official = people(doc)["Ngo Thi Kim Yen"]
    assert [r["organization"] for r in official["roles"]] == [
        "org/vn/hue/party-committee",
        "org/vn/hue/people-council",
    ]


def test_then_and_now_and_former_give_role_status(nlp: Language) -> None:
    doc = process(
        "Luong Van Tien, then Deputy Prime Minister, now State President, visited Gifu. "
        "Former Ambassador Okada Jun also attended.",
        "t",
        nlp,
    )
    found = people(doc)
    assert [(r["title"], r["status"]) for r in found["Luong Van Tien"]["roles"]] == [
        ("Deputy Prime Minister", "former"),
        ("State President", "current"),
    ]
    assert [(r["title"], r["status"]) for r in found["Okada Jun"]["roles"]] == [
        ("Ambassador", "former")
    ]


def test_honorifics_and_initials(nlp: Language) -> None:
    doc = process(
        "Mr. Kubota Ryo, President of the Hiroshima Chamber of Commerce and Industry, led the "
        "mission. Governor K. Fujii of Hiroshima and Governor Kenta Fujii met Mr. Kubota later. "
        "Ms. Trinh Thu Ha, Director of the Hanoi Department of Industry and Trade, joined them.",
        "t",
        nlp,
    )
    found = people(doc)
    assert found["Kubota Ryo"]["organization"] == "org/hiroshima-chamber-of-commerce-and-industry"
    assert mention_texts(found["Kubota Ryo"]) == ["Kubota Ryo", "Kubota"]
    # The initial stands for the given name: one person, named in full.
    assert "K. Fujii" not in found
    assert mention_texts(found["Kenta Fujii"]) == ["K. Fujii", "Kenta Fujii"]
    assert found["Trinh Thu Ha"]["organization"] == "org/vn/hanoi/department-of-industry-and-trade"


def test_diacritics_are_folded_in_name_and_kept_in_name_local(nlp: Language) -> None:
    doc = process(
        "Chairman of the Bắc Ninh Provincial People's Committee Vương Quốc Tuấn spoke first. "
        "Tuấn said the province is ready.",
        "t",
        nlp,
    )
    official = people(doc)["Vuong Quoc Tuan"]
    assert official["name_local"] == "Vương Quốc Tuấn"
    assert official["id"] == "person/vuong-quoc-tuan"
    assert mention_texts(official) == ["Vương Quốc Tuấn", "Tuấn"]
    plain = people(process("Governor Sato Kenji spoke.", "t", nlp))["Sato Kenji"]
    assert plain["name_local"] is None


def test_japanese_names_in_either_order_are_one_person(nlp: Language) -> None:
    doc = process(
        "Governor of Tottori prefecture Hirai Shinji met the press. Later, Shinji Hirai said "
        "Tottori values its ties with Vietnam. Hirai added that more trainees are welcome.",
        "t",
        nlp,
    )
    (official,) = doc._.officials
    assert official["name"] == "Hirai Shinji"
    assert mention_texts(official) == ["Hirai Shinji", "Shinji Hirai", "Hirai"]
    other_order = people(process("Governor Shinji Hirai spoke.", "t", nlp))["Shinji Hirai"]
    assert other_order["id"] == official["id"] == "person/hirai-shinji"


def test_coreference_chain(nlp: Language) -> None:
    doc = process(
        "At a reception on June 2 for Governor of Fukui prefecture Sugimoto Tatsuji, Chairman "
        "of the Nghe An Provincial People's Committee Nguyen Duc Trung said the two localities "
        "share many interests.\n"
        "Sugimoto noted that Fukui firms are keen on Nghe An. The governor also invited Trung "
        "to visit. The host thanked Sugimoto, and Chairman Trung promised a visit in autumn.",
        "t",
        nlp,
    )
    found = people(doc)
    assert mention_texts(found["Sugimoto Tatsuji"]) == [
        "Sugimoto Tatsuji",
        "Sugimoto",
        "governor",
        "Sugimoto",
    ]
    assert mention_texts(found["Nguyen Duc Trung"]) == [
        "Nguyen Duc Trung",
        "Trung",
        "host",
        "Trung",
    ]
    spans = {(s.text, s.kb_id_) for s in doc.spans["officials"]}
    assert ("governor", "person/sugimoto-tatsuji") in spans
    assert ("host", "person/nguyen-duc-trung") in spans


def test_ambiguous_short_name_maps_to_nobody(nlp: Language) -> None:
    doc = process(
        "Vice Chairman of the Hanoi People's Committee Nguyen Manh Quyen and Director of the "
        "Hanoi Department of Foreign Affairs Tran Thi Quyen met the guests. Quyen said the city "
        "was honoured. Director Tran Thi Quyen added that ties are strong.",
        "t",
        nlp,
    )
    found = people(doc)
    assert mention_texts(found["Nguyen Manh Quyen"]) == ["Nguyen Manh Quyen"]
    assert mention_texts(found["Tran Thi Quyen"]) == ["Tran Thi Quyen", "Tran Thi Quyen"]


def test_byline_and_photo_credit_yield_nobody(nlp: Language) -> None:
    text = (
        "Binh Dinh courts Japanese investors\n"
        "Hoang Anh Tuan 08:40, 2024/06/11\n"
        "Chairman of the Binh Dinh Provincial People's Committee Pham Anh Tuan met Japanese "
        "businesses on June 10.\n"
        "Chairman Pham Anh Tuan (C) and the delegates. Photo: Le Minh Tuan/Binh Dinh Newspaper\n"
        "Tuan said the province will support them.\n"
    )
    doc = process(text, "t", nlp)
    (official,) = doc._.officials
    assert official["name"] == "Pham Anh Tuan"
    assert all("Hoang Anh" not in m and "Le Minh" not in m for m in mention_texts(official))


def test_nothing_is_read_from_boilerplate(nlp: Language) -> None:
    text = (
        "Governor Ikeda Akira of Kochi visited Quang Tri.\n"
        "Other news: Chairman of the Gia Lai Provincial People's Committee Ho Van Nien meets "
        "investors"
    )
    start = text.index("Other news")
    doc = run(nlp, text, boilerplate=[[start, len(text), "other_news"]])
    assert set(people(doc)) == {"Ikeda Akira"}
    assert not any(o["kind"] == "people_committee" for o in organization_records(doc))


def test_places_and_organizations_are_not_people(nlp: Language) -> None:
    doc = process(
        "Bac Giang, Chairman of the board said nothing. The Kyoto University delegation, "
        "Director of the programme, met Kobe City officials.",
        "t",
        nlp,
    )
    assert doc._.officials == []


def test_locality_inside_a_person_name_is_dropped(nlp: Language) -> None:
    doc = process(
        "Vice Governor of Shiga prefecture Nagano Kazuo met Lam Dong officials. "
        "Nagano said Shiga is keen on agriculture.",
        "t",
        nlp,
    )
    official = people(doc)["Nagano Kazuo"]
    assert mention_texts(official) == ["Nagano Kazuo", "Nagano"]
    assert all(s.text != "Nagano" for s in doc.spans["localities"])
    assert "jp/nagano" not in {loc["id"] for loc in doc._.localities}


def test_organizations_kinds_countries_and_localities(nlp: Language) -> None:
    doc = process(
        "The Japan-Vietnam Friendship Association in the Kyushu region, JICA, the Japanese "
        "Embassy, Tohoku University, the Sendai Chamber of Commerce and Industry and the "
        "Miyagi Prefectural Assembly sent messages. The HCMC People's Committee and the Ho Chi "
        "Minh City People's Committee are one body.",
        "t",
        nlp,
    )
    found = orgs(doc)
    association = found["org/japan-vietnam-friendship-association/jp/kyushu"]
    assert (association["kind"], association["country"], association["locality"]) == (
        "friendship_association",
        "JP",
        "jp/kyushu",
    )
    assert found["org/japan-international-cooperation-agency"]["kind"] == "development_agency"
    assert found["org/jp/embassy/vn"]["name"] == "Embassy of Japan in Vietnam"
    assert found["org/tohoku-university"]["kind"] == "university"
    assert found["org/sendai-chamber-of-commerce-and-industry"]["locality"] == "jp/miyagi/sendai"
    assert found["org/jp/miyagi/prefectural-assembly"]["country"] == "JP"
    committee = found["org/vn/ho-chi-minh-city/people-committee"]
    assert committee["name"] == "Ho Chi Minh City People's Committee"
    assert mention_texts(committee) == [
        "HCMC People's Committee",
        "Ho Chi Minh City People's Committee",
    ]
    assert {s.kb_id_ for s in organization_spans(doc)} == set(found)


def test_minister_of_a_domain_belongs_to_that_ministry(nlp: Language) -> None:
    doc = process(
        "Minister of Industry and Trade Dinh Quoc Khanh and Japan's Minister of Health, Labour "
        "and Welfare Kato Ayumi signed the plan.",
        "t",
        nlp,
    )
    found = people(doc)
    assert found["Dinh Quoc Khanh"]["organization"] == "org/vn/ministry-of-industry-and-trade"
    assert found["Kato Ayumi"]["organization"] == "org/jp/ministry-of-health-labour-and-welfare"
    assert found["Kato Ayumi"]["country"] == "JP"


def test_records_validate_and_are_grounded(nlp: Language, seed_paths: list[Path]) -> None:
    for path in seed_paths:
        check_records(process(path.read_text(encoding="utf-8"), path.stem, nlp))


def check_records(doc: Doc) -> None:
    for raw in doc._.officials:
        official = Official.model_validate(raw)
        assert official.roles and official.title == official.roles[0].title
        for mention in official.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
    ids = {o["id"] for o in organization_records(doc)}
    for raw in organization_records(doc):
        Organization.model_validate(raw)
    for raw in doc._.officials:
        assert {r["organization"] for r in raw["roles"]} - {None} <= ids


def test_name_set_off_by_commas_after_the_role(nlp: Language) -> None:
    doc = process(
        "The Vietnamese Consul General in Fukuoka, Ta Minh Duc, said the community keeps growing.",
        "t",
        nlp,
    )
    official = people(doc)["Ta Minh Duc"]
    assert official["organization"] == "org/vn/consulate-general/jp/fukuoka/fukuoka-city"
    assert (official["country"], official["locality"]) == ("VN", "jp/fukuoka/fukuoka-city")


def test_organization_before_title_and_adviser_to_a_body(nlp: Language) -> None:
    doc = process(
        "JETRO Hanoi Chief Representative Kojima Eiji met investors. Sugawara Hideo, Special "
        "Adviser to the Japan-Vietnam Friendship Parliamentarians' Union, also spoke.",
        "t",
        nlp,
    )
    found = people(doc)
    assert found["Kojima Eiji"]["organization"] == "org/japan-external-trade-organization"
    assert found["Kojima Eiji"]["title"] == "Chief Representative"
    adviser = found["Sugawara Hideo"]
    assert adviser["title"] == "Special Adviser"
    assert adviser["organization"] == "org/japan-vietnam-friendship-parliamentarians-union"
    assert adviser["country"] == "JP"


def test_romanised_japanese_name_is_accepted_in_apposition(nlp: Language) -> None:
    doc = process(
        "Tokunaga Reiko, Chairwoman of the Kumamoto Prefectural Assembly, said the assembly "
        "supports the exchange.",
        "t",
        nlp,
    )
    official = people(doc)["Tokunaga Reiko"]
    assert official["organization"] == "org/jp/kumamoto/prefectural-assembly"
    assert official["country"] == "JP"


def test_governor_without_a_stated_prefecture_takes_the_one_the_article_is_about(
    nlp: Language,
) -> None:
    doc = process(
        "A delegation from Japan's Ehime prefecture led by Governor Nakamura Tokihiro visited "
        "Hanoi. Ehime firms want to invest more. The talks were held in Tokyo before.",
        "t",
        nlp,
    )
    official = people(doc)["Nakamura Tokihiro"]
    assert (official["country"], official["locality"]) == ("JP", "jp/ehime")


def test_country_of_a_ministry_from_a_possessive(nlp: Language) -> None:
    doc = process("Japan's Ministry of Foreign Affairs and the Ministry of Finance met.", "t", nlp)
    found = orgs(doc)
    assert found["org/jp/ministry-of-foreign-affairs"]["country"] == "JP"
    assert found["org/ministry-of-finance"]["country"] is None


def test_body_named_with_country_and_acronym_and_place_after_the_name(nlp: Language) -> None:
    doc = process(
        "Chairman of the Japan Business Association in Vietnam (JBAV) Ueno Takashi said member "
        "firms are upbeat. Governor Omura Hideaki of Aichi Prefecture sent a message, and "
        "Chairman of the National Assembly Tran Thanh Man welcomed it.",
        "t",
        nlp,
    )
    found = people(doc)
    association = orgs(doc)["org/japan-business-association-in-vietnam"]
    assert association["name"] == "Japan Business Association in Vietnam"
    assert mention_texts(association) == ["Japan Business Association in Vietnam (JBAV)"]
    assert found["Ueno Takashi"]["organization"] == "org/japan-business-association-in-vietnam"
    assert found["Omura Hideaki"]["locality"] == "jp/aichi"
    assert found["Tran Thanh Man"]["organization"] == "org/national-assembly-of-vietnam"


def test_the_association_refers_to_the_one_association_named(nlp: Language) -> None:
    doc = process(
        "The Vietnam-Japan Friendship Association of Can Tho city held its congress. "
        "At a reception for the association's President Lam Van Sang, officials praised it.",
        "t",
        nlp,
    )
    official = people(doc)["Lam Van Sang"]
    assert official["organization"] == "org/vietnam-japan-friendship-association/vn/can-tho"
    spans = [(s.text, s.kb_id_) for s in organization_spans(doc)]
    assert ("association", "org/vietnam-japan-friendship-association/vn/can-tho") in spans


def test_country_possessive_before_the_body_and_former_role_in_a_chain(nlp: Language) -> None:
    doc = process(
        "Vice President of the Japan-Vietnam Friendship Association and former Japanese "
        "Ambassador to Vietnam Hattori Norio met Chairman of Japan's Chubu Economic Federation "
        "Mizuno Akihisa.",
        "t",
        nlp,
    )
    found = people(doc)
    assert [(r["title"], r["status"]) for r in found["Hattori Norio"]["roles"]] == [
        ("Vice President", "current"),
        ("Ambassador", "former"),
    ]
    assert found["Mizuno Akihisa"]["organization"] == "org/chubu-economic-federation"
    assert orgs(doc)["org/chubu-economic-federation"]["country"] == "JP"


def test_apposition_after_a_lower_case_descriptor(nlp: Language) -> None:
    doc = process(
        "Dang Xuan Phong, member of the Party Central Committee and Secretary of the Lao Cai "
        "provincial Party Committee, said the province welcomes Japanese tourists.",
        "t",
        nlp,
    )
    official = people(doc)["Dang Xuan Phong"]
    assert (official["title"], official["organization"]) == (
        "Secretary",
        "org/vn/lao-cai/party-committee",
    )


def test_abbreviated_governor_and_deputy_prime_minister(nlp: Language) -> None:
    doc = process(
        "Gov. Hanazumi Hideyo of Niigata met DPM Le Thanh Long. Hanazumi said Niigata is ready.",
        "t",
        nlp,
    )
    found = people(doc)
    assert (found["Hanazumi Hideyo"]["title"], found["Hanazumi Hideyo"]["locality"]) == (
        "Governor",
        "jp/niigata",
    )
    assert found["Le Thanh Long"]["title"] == "Deputy Prime Minister"


def test_caption_position_marker_between_name_and_title(nlp: Language) -> None:
    doc = process(
        "Phan Van Mai (R), Chairman of the HCM City People's Committee, and the guests. "
        "(Photo: VNA)",
        "t",
        nlp,
    )
    official = people(doc)["Phan Van Mai"]
    assert official["organization"] == "org/vn/ho-chi-minh-city/people-committee"


def test_names_made_of_words_that_are_usually_function_words(nlp: Language) -> None:
    doc = process(
        "General Secretary To Lam met Chairman of the Thai Binh Provincial People's Committee "
        "Nguyen Khac An. An said the province is ready. To Lam said ties are strong. "
        "An official said nothing new.",
        "t",
        nlp,
    )
    found = people(doc)
    assert mention_texts(found["To Lam"]) == ["To Lam", "To Lam"]
    assert mention_texts(found["Nguyen Khac An"]) == ["Nguyen Khac An", "An"]


def test_apposition_with_a_given_name_that_is_a_function_word(nlp: Language) -> None:
    doc = process(
        "Le Van An, Vice Chairman of the Nam Dinh Provincial People's Committee, said the "
        "province wants Japanese investors. In Hanoi, Chairman of nothing spoke.",
        "t",
        nlp,
    )
    assert set(people(doc)) == {"Le Van An"}


def test_ministry_country_from_a_later_mention(nlp: Language) -> None:
    doc = process(
        "Officials from the Ministry of Foreign Affairs attended. The foreign ministry of "
        "Vietnam will keep supporting the province.",
        "t",
        nlp,
    )
    ministry = orgs(doc)["org/vn/ministry-of-foreign-affairs"]
    assert mention_texts(ministry) == ["Ministry of Foreign Affairs", "foreign ministry"]


def test_caption_line_with_position_marker_and_credit(nlp: Language) -> None:
    # A photo caption: a leading space, a position marker after the name, a credit at the
    # end. The credit is boilerplate; the caption before it is not, and the short form of
    # the name later refers back to it. The middle name `Viet` is also a word that never
    # opens a name (`Viet Nam`): it must not cut the name short.
    doc = process(
        "Lang Son welcomes investors from Shiga\n"
        "The northern province of Lang Son on Friday received a delegation from Shiga.\n"
        " Chairman of the provincial People's Committee Dang Viet Thieu (L) and Mr. Kenji Ono. "
        "Photo: Minh Duc/VNA\n"
        "Thieu told the guests that the province wants more Japanese investment.\n",
        "t",
        nlp,
    )
    official = people(doc)["Dang Viet Thieu"]
    assert official["title"] == "Chairman"
    assert official["organization"] == "org/vn/lang-son/people-committee"
    assert (official["country"], official["locality"]) == ("VN", "vn/lang-son")
    assert mention_texts(official) == ["Dang Viet Thieu", "Thieu"]
    assert orgs(doc)["org/vn/lang-son/people-committee"]["name"] == (
        "Lang Son Provincial People's Committee"
    )
    assert not any("Minh Duc" in name for name in people(doc))


def test_local_bodies_named_by_the_level_of_their_unit(nlp: Language) -> None:
    # However a mention is worded, a municipality's body is `<Name> City ...`, a province's
    # `<Name> Provincial ...`, and a name already ending in City keeps one `City`.
    doc = process(
        "A delegation visited the Mekong Delta city of Can Tho on Monday. It was led by Vice "
        "Chairwoman of the city People's Committee Le Thi Hoa. Officials of the Can Tho City "
        "People's Committee and of the Ha Giang People's Committee attended, as did Secretary "
        "of the Ho Chi Minh City Party Committee Tran Van Nam.",
        "t",
        nlp,
    )
    by_id = orgs(doc)
    assert by_id["org/vn/can-tho/people-committee"]["name"] == "Can Tho City People's Committee"
    assert by_id["org/vn/ha-giang/people-committee"]["name"] == (
        "Ha Giang Provincial People's Committee"
    )
    assert by_id["org/vn/ho-chi-minh-city/party-committee"]["name"] == (
        "Ho Chi Minh City Party Committee"
    )
    assert people(doc)["Le Thi Hoa"]["organization"] == "org/vn/can-tho/people-committee"


def test_former_role_keeps_the_bare_title_and_a_former_status(nlp: Language) -> None:
    doc = process(
        "The talks were attended by former Japanese Ambassador to Vietnam Ms. Hanako Mori.",
        "t",
        nlp,
    )
    official = people(doc)["Hanako Mori"]
    assert official["title"] == "Ambassador"
    assert official["roles"] == [{"title": "Ambassador", "organization": None, "status": "former"}]
    assert official["country"] == "JP"
