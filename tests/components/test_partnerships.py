from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from factories import run
from vjties.dataset import merge_datasets
from vjties.extract import extract_text
from vjties.models import Partnership


def ties(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(r["id"], r["status"], r["established"]) for r in doc._.partnerships]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quang Ninh and Japan's Shiga prefecture signed a memorandum of understanding (MoU) "
            "on friendship and cooperation in May 2016.",
            [("jp/shiga~vn/quang-ninh~mou", "established", "2016-05")],
        ),
        (
            "The northern port city of Hai Phong inked a letter of intent with Niigata City in "
            "March 2019.",
            [("jp/niigata/niigata-city~vn/hai-phong~letter_of_intent", "established", "2019-03")],
        ),
        (
            "The northern province of Bac Ninh signed a cooperation agreement with Gunma "
            "prefecture in 2019.",
            [("jp/gunma~vn/bac-ninh~cooperation_agreement", "established", "2019")],
        ),
        (
            "Hue and Okayama became sister cities in 1999.",
            [("jp/okayama~vn/hue~sister_city", "established", "1999")],
        ),
        (
            "Can Tho and Toyama became twin towns in 2012.",
            [("jp/toyama~vn/can-tho~sister_city", "established", "2012")],
        ),
        (
            "Thua Thien-Hue and Kyoto have been sister localities since 2009.",
            [("jp/kyoto~vn/hue~sister_city", "established", "2009")],
        ),
        (
            "Yen Bai set up friendly and cooperative relations with Shizuoka last decade.",
            [("jp/shizuoka~vn/yen-bai~friendship", "established", None)],
        ),
        (
            "Nagano and Lam Dong signed an agreement to become sister provinces.",
            [("jp/nagano~vn/lam-dong~sister_city", "established", None)],
        ),
        (
            "Hiroshima Prefecture has maintained friendly exchanges with Vietnam's Quang Nam "
            "province since 2015.",
            [("jp/hiroshima~vn/quang-nam~friendship", "established", "2015")],
        ),
        (
            "He spoke highly of the relationship between Can Tho and Kumamoto.",
            [("jp/kumamoto~vn/can-tho~cooperation", "established", None)],
        ),
        (
            "Thai Binh and Saga signed a friendship agreement.",
            [("jp/saga~vn/thai-binh~friendship", "established", None)],
        ),
        (
            "An MoU between Ha Nam and Kobe was signed at the event. It covers ports.",
            [("jp/hyogo/kobe~vn/ha-nam~mou", "established", None)],
        ),
        (
            "Ha Nam and Kobe signed an MoU.",
            [("jp/hyogo/kobe~vn/ha-nam~mou", "established", None)],
        ),
        (
            "At a meeting in Osaka, Hue and Kobe agreed to upgrade their ties.",
            [("jp/hyogo/kobe~vn/hue~cooperation", "established", None)],
        ),
    ],
)
def test_each_kind_with_its_date(nlp: Language, text: str, expected: list[Any]) -> None:
    assert ties(run(nlp, text)) == expected


def test_a_list_fans_out_into_one_tie_per_partner(nlp: Language) -> None:
    doc = run(nlp, "Nghe An has friendship ties with three Japanese cities - Kobe, Nara and Otsu.")
    assert ties(doc) == [
        ("jp/hyogo/kobe~vn/nghe-an~friendship", "established", None),
        ("jp/nara/nara-city~vn/nghe-an~friendship", "established", None),
        ("jp/shiga/otsu~vn/nghe-an~friendship", "established", None),
    ]


def test_respectively_pairs_two_lists_in_order(nlp: Language) -> None:
    doc = run(nlp, "Hue and Can Tho have sister-city ties with Kyoto and Toyama respectively.")
    assert ties(doc) == [
        ("jp/kyoto~vn/hue~sister_city", "established", None),
        ("jp/toyama~vn/can-tho~sister_city", "established", None),
    ]


def test_two_lists_without_respectively_are_not_paired(nlp: Language) -> None:
    assert ties(run(nlp, "Hue and Can Tho have ties with Kyoto and Toyama.")) == []


def test_each_partner_of_a_list_keeps_its_own_kind_and_date(nlp: Language) -> None:
    doc = run(nlp, "Nam Dinh has sister-city ties with Toyama since 2014 and cooperates with Gifu.")
    assert ties(doc) == [
        ("jp/gifu~vn/nam-dinh~cooperation", "established", None),
        ("jp/toyama~vn/nam-dinh~sister_city", "established", "2014"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ceremony marked the 10th anniversary of sister city ties between Nam Dinh and "
        "Toyama (2014-2024).",
        "Nam Dinh and Toyama will celebrate the 10th anniversary of their sister city ties "
        "(2014-2024) in Hanoi this year.",
    ],
)
def test_an_anniversary_range_gives_the_start(nlp: Language, text: str) -> None:
    doc = run(nlp, text)
    assert ties(doc) == [("jp/toyama~vn/nam-dinh~sister_city", "established", "2014")]
    [claim] = doc._.partnerships[0]["dates"]
    assert (claim["date"], claim["evidence"]["text"]) == ("2014", "2014-2024")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tottori hopes to set up ties with Hue.",
            [("jp/tottori~vn/hue~cooperation~proposed", "proposed", None)],
        ),
        (
            "Lao Cai plans to sign a memorandum of understanding with Tottori prefecture next "
            "year.",
            [("jp/tottori~vn/lao-cai~mou~proposed", "proposed", None)],
        ),
        (
            "Ben Tre and Ehime eye deeper farm cooperation",
            [("jp/ehime~vn/ben-tre~cooperation~proposed", "proposed", None)],
        ),
        (
            "Hanoi and Osaka have not yet signed an MoU.",
            [("jp/osaka~vn/hanoi~mou~proposed", "proposed", None)],
        ),
        (
            "Yen Bai hopes to establish friendly relations with Shizuoka, the governor said.",
            [("jp/shizuoka~vn/yen-bai~friendship~proposed", "proposed", None)],
        ),
        (
            "The Ninh Binh governor proposed that Ninh Binh and Mie prefecture sign a memorandum "
            "of understanding on tourism, and the Mie delegation agreed.",
            [("jp/mie~vn/ninh-binh~mou~proposed", "proposed", None)],
        ),
    ],
)
def test_a_proposal_is_never_a_made_tie(nlp: Language, text: str, expected: list[Any]) -> None:
    assert ties(run(nlp, text)) == expected


def test_celebrating_a_tie_to_come_is_about_a_made_tie(nlp: Language) -> None:
    text = " date 2024-05-18\nHue and Kobe will celebrate 20 years of sister city ties next year."
    doc = run(nlp, text)
    # 20 years counted back from the year of the celebration (ANNOTATION.md: a count the
    # text lets you compute dates the tie).
    assert ties(doc) == [("jp/hyogo/kobe~vn/hue~sister_city", "established", "2005")]


def test_a_wish_about_a_made_tie_is_not_a_second_tie(nlp: Language) -> None:
    text = (
        "Hue and Okayama became sister cities in 1999. Okayama looks forward to further "
        "strengthening its partnership with Hue."
    )
    assert ties(run(nlp, text)) == [("jp/okayama~vn/hue~sister_city", "established", "1999")]


@pytest.mark.parametrize(
    "text",
    [
        "Hai Phong has relations with 12 Japanese localities.",  # a count, a figure
        "Hue and Japan have strong ties.",  # a country is not a partner
        "A delegation from Nara visited Hue to promote cooperation.",  # places, not parties
        "Governor of Shiga prefecture Taro Mikami met Quang Ninh leaders on cooperation.",
        "An Osaka-based company signed an MoU with Hue.",
        "Hanoi welcomes 2,000 Kyoto tourists each year amid growing cooperation.",
        "Hanoi welcomes Kyoto tourists each year amid growing cooperation.",
        "The Hanoi-Osaka flights have strengthened cooperation.",
        "The 30th anniversary of diplomatic relations was marked in Hanoi with Osaka delegates.",
        "Hanoi and Hue signed a cooperation agreement in 2015.",  # not a Vietnam-Japan tie
    ],
)
def test_no_tie(nlp: Language, text: str) -> None:
    assert ties(run(nlp, text)) == []


def test_a_descriptor_refers_to_the_articles_main_locality(nlp: Language) -> None:
    text = (
        "Bac Ninh (VNA) - Bac Ninh welcomed 30 Japanese investors on Friday. The northern "
        "industrial hub and Japan's Gunma prefecture have enjoyed fruitful cooperation since "
        "they signed an MoU in June 2015."
    )
    assert ties(run(nlp, text)) == [("jp/gunma~vn/bac-ninh~mou", "established", "2015-06")]


def test_they_refers_to_the_pair_of_the_previous_statement(nlp: Language) -> None:
    doc = run(nlp, "Hue and Okayama signed an MoU in 2010. They became sister cities in 2015.")
    assert ties(doc) == [
        ("jp/okayama~vn/hue~mou", "established", "2010"),
        ("jp/okayama~vn/hue~sister_city", "established", "2015"),
    ]


def test_the_two_provinces_are_the_articles_main_pair(nlp: Language) -> None:
    text = (
        "Lang Son (VNA) - A Saga trade fair opened in Lang Son on Monday.\n"
        "Saga firms showed farm machinery to Lang Son buyers.\n"
        "The two provinces signed a letter of intent on border trade in April 2021."
    )
    assert ties(run(nlp, text)) == [
        ("jp/saga~vn/lang-son~letter_of_intent", "established", "2021-04")
    ]


def test_the_two_localities_fill_the_side_a_sentence_lacks(nlp: Language) -> None:
    text = (
        "Ca Mau, Miyagi look back on years of ties\n"
        "Leaders of Ca Mau received a delegation from Miyagi prefecture, the third visit "
        "since the two localities signed an MoU in 2016."
    )
    assert ties(run(nlp, text)) == [("jp/miyagi~vn/ca-mau~mou", "established", "2016")]


def test_the_prefecture_and_the_city_are_the_articles_main_localities(nlp: Language) -> None:
    text = (
        "Can Tho hosts Shizuoka delegation\n"
        "Vice Chairman of the Can Tho City People's Committee Le Van Tam met Shizuoka "
        "officials in Can Tho.\n"
        "The governor said the prefecture values its friendship with the city."
    )
    assert ties(run(nlp, text)) == [("jp/shizuoka~vn/can-tho~friendship", "established", None)]


def test_a_back_reference_names_a_locality_of_its_kind(nlp: Language) -> None:
    # The dateline city (Ha Long), named most, is not `the province`.
    text = (
        "Ha Long (VNA) - Quang Ninh leaders met a Gifu delegation in Ha Long on Monday.\n"
        "The province set up friendly relations with Gifu in 2015."
    )
    assert ties(run(nlp, text)) == [("jp/gifu~vn/quang-ninh~friendship", "established", "2015")]


def test_the_prefecture_is_the_last_one_named_even_in_a_title(nlp: Language) -> None:
    # The dateline (OSAKA) is where the article was filed; `Vice Governor of Nara Prefecture`
    # names the prefecture just before `the prefecture`, though not as a party.
    text = (
        "Ben Tre seeks partners in Nara\n"
        "OSAKA — A delegation from Ben Tre province paid a courtesy visit to Nara prefecture "
        "on May 3.\n"
        "Meeting the guests, Vice Governor of Nara Prefecture Taro Ueda said the prefecture "
        "has friendship ties with Ben Tre and Tra Vinh."
    )
    assert ties(run(nlp, text)) == [
        ("jp/nara~vn/ben-tre~friendship", "established", None),
        ("jp/nara~vn/tra-vinh~friendship", "established", None),
    ]


def test_the_province_is_the_last_province_named_not_the_most_named(nlp: Language) -> None:
    text = (
        "Dong Thap courts Japanese investors\n"
        "Dong Thap officials said Dong Thap now hosts 40 Japanese projects. Dong Thap wants "
        "more.\n"
        "Officials of An Giang province also met a delegation from Shiga on Tuesday.\n"
        "The province signed an MoU with Shiga in 2022."
    )
    assert ties(run(nlp, text)) == [("jp/shiga~vn/an-giang~mou", "established", "2022")]


def test_the_city_skips_a_province_named_after_it(nlp: Language) -> None:
    text = (
        "Vinh Long hosts guests\n"
        "Vinh Long province welcomed officials from Da Nang and from Japan on Monday.\n"
        "The city has signed a letter of intent with Sakai."
    )
    assert ties(run(nlp, text)) == [
        ("jp/osaka/sakai~vn/da-nang~letter_of_intent", "established", None)
    ]


def test_the_province_named_long_before_is_the_articles_main_one(nlp: Language) -> None:
    # No province in the last three sentences: the province the article names most.
    text = (
        "Quang Binh eyes Japanese visitors\n"
        "Quang Binh received 2,000 Japanese visitors last year, Quang Binh officials said.\n"
        "Tourism grew by 20 percent.\n"
        "Hotels were full in summer.\n"
        "Airlines added flights.\n"
        "A new museum opened.\n"
        "The province has friendly relations with Toyama."
    )
    assert ties(run(nlp, text)) == [("jp/toyama~vn/quang-binh~friendship", "established", None)]


def test_a_second_predicate_is_a_second_tie(nlp: Language) -> None:
    text = "Quang Nam and Kanagawa signed an agreement in 2012 and became sister provinces in 2016."
    assert ties(run(nlp, text)) == [
        ("jp/kanagawa~vn/quang-nam~cooperation_agreement", "established", "2012"),
        ("jp/kanagawa~vn/quang-nam~sister_city", "established", "2016"),
    ]


def test_a_partner_singled_out_of_a_count_takes_the_main_clauses_kind(nlp: Language) -> None:
    text = (
        "Hai Phong has established friendly relations with ten Japanese localities, with the "
        "partnership with Saitama being the closest. Saitama values its relationship with "
        "Hai Phong."
    )
    doc = run(nlp, text)
    assert ties(doc) == [("jp/saitama~vn/hai-phong~friendship", "established", None)]
    assert len(doc._.partnerships[0]["evidence"]) == 2


def test_a_which_clause_ties_the_parties_before_it(nlp: Language) -> None:
    doc = run(nlp, "Hanoi and Fukuoka, which became twin towns in 2008, will hold a festival.")
    assert ties(doc) == [("jp/fukuoka~vn/hanoi~sister_city", "established", "2008")]


def test_a_date_far_from_the_tie_is_not_its_date(nlp: Language) -> None:
    doc = run(nlp, "Kobe, a sister city of Hue, sent a delegation in 2019.")
    assert ties(doc) == [("jp/hyogo/kobe~vn/hue~sister_city", "established", None)]


def test_an_organization_partner_is_marked_as_such(nlp: Language) -> None:
    doc = run(
        nlp,
        "Can Tho signed an MoU with the Japan International Cooperation Agency (JICA) in 2020.",
    )
    [record] = doc._.partnerships
    assert record["parties"] == ["org/japan-international-cooperation-agency", "vn/can-tho"]
    assert record["party_types"] == ["organization", "locality"]
    assert (record["kind"], record["established"]) == ("mou", "2020")


def test_a_government_body_signs_for_its_locality(nlp: Language) -> None:
    text = (
        "The Quang Ninh Provincial People's Committee and Shiga prefecture signed a letter of "
        "intent on tourism."
    )
    [record] = run(nlp, text)._.partnerships
    assert record["parties"] == ["jp/shiga", "vn/quang-ninh"]
    assert record["party_types"] == ["locality", "locality"]


def with_localities(nlp: Language, text: str, names: dict[str, str]) -> Doc:
    """The pipeline's doc with the locality mentions replaced by `names` (name -> id)."""
    doc = run(nlp, text)
    spans = []
    for name, kb_id in names.items():
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="city", kb_id=kb_id)
        assert span is not None
        spans.append(span)
    doc.spans["localities"] = spans
    return nlp.get_pipe("vjties_partnerships")(doc)


def test_signatories_stand_for_their_localities(nlp: Language) -> None:
    text = (
        "Chairman of the Hue People's Committee Nguyen Van Phuong and Mayor of Kobe "
        "Hisamoto Kizo signed an MoU on port cooperation."
    )
    doc = with_localities(nlp, text, {"Kobe": "jp/hyogo/kobe"})
    assert ties(doc) == [("jp/hyogo/kobe~vn/hue~mou", "established", None)]


def test_a_guests_locality_is_not_a_signatory(nlp: Language) -> None:
    text = (
        "At a reception for Governor of Aichi Omura Hideaki, the chairwoman said HCMC signed "
        "an MoU with Osaka in 2015."
    )
    doc = with_localities(
        nlp, text, {"Aichi": "jp/aichi", "HCMC": "vn/ho-chi-minh-city", "Osaka": "jp/osaka"}
    )
    assert ties(doc) == [("jp/osaka~vn/ho-chi-minh-city~mou", "established", "2015")]


def test_no_tie_from_boilerplate(nlp: Language) -> None:
    text = "Hue and Okayama became sister cities in 1999."
    assert ties(run(nlp, text, boilerplate=[[0, len(text), "related"]])) == []


def test_records_validate_and_evidence_is_grounded(nlp: Language) -> None:
    text = "Intro line.\nQuang Ninh and Shiga prefecture became sister provinces in 2008."
    doc = run(nlp, text)
    [raw] = doc._.partnerships
    record = Partnership.model_validate(raw)
    for ev in [*record.evidence, *(claim.evidence for claim in record.dates)]:
        assert ev.text == text[ev.start : ev.end]
    assert (
        record.evidence[0].text
        == "Quang Ninh and Shiga prefecture became sister provinces in 2008."
    )
    assert [(c.date, c.how, c.evidence.text) for c in record.dates] == [("2008", "stated", "2008")]


def test_a_tie_reported_by_two_documents_is_one_partnership() -> None:
    first = extract_text(
        "Hai Duong and Japan's Tochigi prefecture signed an MoU on friendship and cooperation "
        "in March 2017.",
        doc_id="a",
    )
    second = extract_text(
        "Officials recalled that Tochigi and Hai Duong signed an MoU in April 2017, and "
        "trade has since doubled.",
        doc_id="b",
    )
    merged = merge_datasets([second, first])
    [record] = merged.partnerships
    assert record.id == "jp/tochigi~vn/hai-duong~mou"
    assert record.parties == ["jp/tochigi", "vn/hai-duong"]
    assert [e.document for e in record.evidence] == ["a", "b"]
    # Conflicting dates are both kept with their evidence; `established` is the first read.
    assert [(c.date, c.evidence.document) for c in record.dates] == [
        ("2017-03", "a"),
        ("2017-04", "b"),
    ]
    assert record.established == "2017-03"


def test_a_proposal_in_one_document_does_not_merge_into_a_tie_made_in_another() -> None:
    planned = extract_text("Hai Duong hopes to sign an MoU with Tochigi prefecture.", doc_id="a")
    made = extract_text("Hai Duong and Tochigi signed an MoU in March 2017.", doc_id="b")
    merged = merge_datasets([planned, made])
    assert [(r.id, r.status, r.established) for r in merged.partnerships] == [
        ("jp/tochigi~vn/hai-duong~mou", "established", "2017-03"),
        ("jp/tochigi~vn/hai-duong~mou~proposed", "proposed", None),
    ]


# --- issue 12: ties as real articles state them ---------------------------------------------


def test_signatories_make_a_tie_between_the_localities_they_represent(nlp: Language) -> None:
    text = (
        "Chairman of the Thai Binh Provincial People's Committee Nguyen Khac Than and Gunma "
        "Governor Yamamoto Ichita signed an MoU on cooperation on March 14, 2024."
    )
    doc = run(nlp, text, "2024-03-15")
    assert ties(doc) == [("jp/gunma~vn/thai-binh~mou", "established", "2024-03-14")]


def test_list_items_keep_their_own_instrument_and_date(nlp: Language) -> None:
    text = (
        "Tay Ninh has signed cooperation documents with two Japanese localities: Shiga "
        "Prefecture (MoU signed in May 2012) and Toyama Prefecture (letter of intent signed "
        "in October 2017)."
    )
    assert ties(run(nlp, text, "2024-03-15")) == [
        ("jp/shiga~vn/tay-ninh~mou", "established", "2012-05"),
        ("jp/toyama~vn/tay-ninh~letter_of_intent", "established", "2017-10"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tay Ninh has maintained cooperation with Ehime since 2014.",
            [("jp/ehime~vn/tay-ninh~cooperation", "established", "2014")],
        ),
        (
            "Tay Ninh values its long-standing ties with Ehime.",
            [("jp/ehime~vn/tay-ninh~cooperation", "established", None)],
        ),
        (
            "The governor will further promote the traditional friendship between Tay Ninh "
            "and Ehime.",
            [("jp/ehime~vn/tay-ninh~friendship", "established", None)],
        ),
        (
            "Commending the fruitful collaboration between Tay Ninh and Ehime, he hoped for "
            "more exchange programmes.",
            [("jp/ehime~vn/tay-ninh~cooperation", "established", None)],
        ),
        (
            "He wished that the partnership between Tay Ninh and Ehime would bring more results.",
            [("jp/ehime~vn/tay-ninh~cooperation", "established", None)],
        ),
        (
            "Ehime is interested in cooperation with Tay Ninh in renewable energy.",
            [("jp/ehime~vn/tay-ninh~cooperation~proposed", "proposed", None)],
        ),
        (
            "Tay Ninh and Ehime can cooperate in tourism.",
            [("jp/ehime~vn/tay-ninh~cooperation~proposed", "proposed", None)],
        ),
        (
            "He pointed to great cooperation opportunities between Tay Ninh and Ehime.",
            [("jp/ehime~vn/tay-ninh~cooperation~proposed", "proposed", None)],
        ),
        (
            "Hue and Can Tho have sister-city ties with Kyoto and Toyama respectively.",
            [
                ("jp/kyoto~vn/hue~sister_city", "established", None),
                ("jp/toyama~vn/can-tho~sister_city", "established", None),
            ],
        ),
    ],
)
def test_existing_ties_in_any_wording_are_established_and_wishes_proposed(
    nlp: Language, text: str, expected: list[Any]
) -> None:
    assert ties(run(nlp, text, "2024-03-15")) == expected


def test_a_count_of_years_dates_the_tie_back_from_publication(nlp: Language) -> None:
    text = "Hanoi and Fukuoka marked 15 years of the two localities' friendship."
    assert ties(run(nlp, text, "2023-11-12")) == [
        ("jp/fukuoka~vn/hanoi~friendship", "established", "2008")
    ]


def test_the_agreement_after_an_mou_is_that_mou(nlp: Language) -> None:
    text = (
        "Can Tho and Nasushiobara city of Japan on May 8 signed a memorandum of understanding. "
        "The chairman said the signing of the agreement would help farmers of the two cities."
    )
    assert ties(run(nlp, text, "2023-05-08")) == [
        ("jp/tochigi/nasushiobara~vn/can-tho~mou", "established", "2023-05-08")
    ]
