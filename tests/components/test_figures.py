from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from factories import repository_texts, run
from vjties import keys
from vjties.components import figures_recognition
from vjties.components.figures import metric_vocabulary
from vjties.models import Figure


def figures(nlp: Language, text: str, published: str | None = None) -> list[dict[str, Any]]:
    records = run(nlp, text, published)._.figures
    for record in records:
        Figure.model_validate(record)
    return list(records)


def only(nlp: Language, text: str, published: str | None = None) -> dict[str, Any]:
    found = figures(nlp, text, published)
    assert len(found) == 1, [f["text"] for f in found]
    return found[0]


def brief(record: dict[str, Any]) -> tuple[Any, ...]:
    return (record["value"], record["value_max"], record["unit"], record["qualifier"])


# --- forms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Japanese firms have invested 1.2 billion USD in Ninh Binh.", (1_200_000_000, "USD")),
        ("Japan has provided USD 300 million in ODA to Quang Ngai.", (300_000_000, "USD")),
        ("Kyoto investors poured US$4.5 billion into Long An.", (4_500_000_000, "USD")),
        ("A Japanese firm invested $15 million in Tay Ninh.", (15_000_000, "USD")),
        ("Investors from Hyogo registered VND 2 trillion in Vinh Long.", (2 * 10**12, "VND")),
        ("Nagano firms invested 5 billion yen in Lang Son.", (5_000_000_000, "JPY")),
        ("Tochigi granted JPY 800 million in ODA to Dien Bien.", (800_000_000, "JPY")),
        ("Bilateral trade reached 48.18 billion USD last year.", (48_180_000_000, "USD")),
        ("Kagawa firms invested US$1.2bn in Son La.", (1_200_000_000, "USD")),
        ("Okayama investors spent $40m on a plant in Ca Mau.", (40_000_000, "USD")),
        ("Trade with Ehime stood at 6 bn USD.", (6_000_000_000, "USD")),
        ("Kochi companies invested 250 million US dollars in Ha Tinh.", (250_000_000, "USD")),
    ],
)
def test_money_before_and_after_the_currency(
    nlp: Language, sentence: str, expected: tuple[int, str]
) -> None:
    record = only(nlp, sentence)
    assert (record["value"], record["unit"]) == expected
    assert record["qualifier"] == "exact"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mie firms now run 1,250 projects in Hung Yen.", (1_250, None, "project", "exact")),
        ("Fukui has 4 projects in Cao Bang.", (4, None, "project", "exact")),
        ("Seven Japanese firms opened offices in Thai Nguyen.", (7, None, "enterprise", "exact")),
        ("The fair gathered four delegates from Iwate.", (4, None, "delegate", "exact")),
        ("A dozen Japanese companies set up plants in Phu Tho.", (12, None, "enterprise", "exact")),
        ("Dozens of Japanese firms visited Bac Ninh.", (24, None, "enterprise", "at_least")),
        ("Hundreds of visitors came to the Akita booth.", (200, None, "tourist", "at_least")),
        ("The 100,000-plus Vietnamese living in Saitama met.", (100_000, None, "person", "more_than")),
        ("Between 100 and 200 delegates attended.", (100, 200, "delegate", "range")),
        ("Japan will invest 2-3 billion USD in Hai Phong.", (2 * 10**9, 3 * 10**9, "USD", "range")),
        ("Japan will invest 2–3 billion USD in Hai Phong.", (2 * 10**9, 3 * 10**9, "USD", "range")),
        ("Growth of 5-7% is expected in Nara.", (5, 7, "percent", "range")),
        ("Shiga accounts for 23.5% of the number of projects.", (23.5, None, "percent", "exact")),
        ("Gifu accounts for 23.5 percent of the projects.", (23.5, None, "percent", "exact")),
        ("Some 1.5 million tourists visited Hue.", (1_500_000, None, "tourist", "about")),
    ],
)  # fmt: skip
def test_counts_percentages_and_ranges(
    nlp: Language, sentence: str, expected: tuple[Any, ...]
) -> None:
    assert brief(only(nlp, sentence)) == expected


# --- qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "qualifier"),
    [
        ("more than 300", "more_than"),
        ("over 300", "more_than"),
        ("above 300", "more_than"),
        ("about 300", "about"),
        ("around 300", "about"),
        ("roughly 300", "about"),
        ("nearly 300", "about"),
        ("approximately 300", "about"),
        ("some 300", "about"),
        ("at least 300", "at_least"),
        ("up to 300", "up_to"),
        ("less than 300", "less_than"),
        ("under 300", "less_than"),
        ("300", "exact"),
    ],
)
def test_qualifiers(nlp: Language, wording: str, qualifier: str) -> None:
    record = only(nlp, f"Tottori has sent {wording} technical interns to Nghe An.")
    assert (record["value"], record["qualifier"], record["metric"]) == (300, qualifier, "interns")


def test_exceeds_and_plus_qualify_a_count(nlp: Language) -> None:
    record = only(nlp, "The Vietnamese community in Gunma now exceeds 40,000.")
    assert brief(record) == (40_000, None, "person", "more_than")
    assert record["metric"] == "community"


# --- metrics ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("Osaka firms have registered investment capital of 2 billion USD in Dong Nai.",
         "investment_capital"),
        ("Japanese investors have 150 projects in Quang Ninh.", "investment_projects"),
        ("FDI from Japan into Bac Giang reached 3.1 billion USD.", "fdi"),
        ("Japan's ODA for Can Tho totals 900 million USD.", "oda"),
        ("Export turnover from Nam Dinh to Japan hit 1.4 billion USD.", "export"),
        ("Import value from Japan was 700 million USD.", "import"),
        ("Two-way trade between Japan and Thanh Hoa reached 2 billion USD.", "trade"),
        ("More than 90 Japanese businesses operate in Hai Duong.", "enterprises"),
        ("About 8,000 Vietnamese people are living and working in Toyama.", "community"),
        ("Ibaraki hosts 2,500 technical interns from An Giang.", "interns"),
        ("Kagoshima welcomed 30,000 Vietnamese tourists last year.", "tourists"),
        ("The forum drew 350 delegates from Yamagata and Tra Vinh.", "participants"),
        ("The two provinces have signed 14 cooperation agreements.", "partnerships"),
        ("Fukushima has cooperation ties with 6 Vietnamese provinces.", "partner_localities"),
        ("The number of residents grows by about 3,000 each year.", "growth"),
        ("Exports from Ben Tre to Japan rose 18% in the first quarter.", "growth"),
        ("The Wakayama fair had 40 booths.", "other"),
    ],
)  # fmt: skip
def test_metrics(nlp: Language, sentence: str, metric: str) -> None:
    assert only(nlp, sentence)["metric"] == metric


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("Japan accounts for 26% of foreign investment capital in Lam Dong.", "share_of_fdi"),
        ("Chiba firms hold about 30% of Japan's total investment in Long An.",
         "share_of_investment_capital"),
        ("Kansai takes roughly 25% of bilateral trade turnover.", "share_of_trade"),
        ("Japanese projects make up 12% of the number of projects in Hue.",
         "share_of_investment_projects"),
        ("Japanese firms are 9% of the enterprises in Binh Phuoc.", "share_of_enterprises"),
        ("Japan's share of ODA to the province is 40%.", "share_of_oda"),
    ],
)  # fmt: skip
def test_percentages_are_shares_of_what_follows(nlp: Language, sentence: str, metric: str) -> None:
    assert only(nlp, sentence)["metric"] == metric


def test_metric_vocabulary_is_documented_in_one_place() -> None:
    vocabulary = metric_vocabulary()
    assert set(vocabulary) == {
        "investment_capital", "investment_projects", "fdi", "oda", "export", "import", "trade",
        "enterprises", "community", "interns", "tourists", "participants", "partnerships",
        "partner_localities", "growth", "other",
    }  # fmt: skip
    assert all(spec.get("description") for spec in vocabulary.values())


def test_money_metrics_follow_the_nearest_cue_in_the_clause(nlp: Language) -> None:
    found = figures(
        nlp,
        "Exports from Vinh Phuc to Japan reached 610 million USD in 2023, while imports were "
        "320 million USD.",
    )
    assert [(f["value"], f["metric"], f["period"]) for f in found] == [
        (610_000_000, "export", "2023"),
        (320_000_000, "import", "2023"),
    ]


def test_of_which_counts_what_came_before(nlp: Language) -> None:
    found = figures(nlp, "Shizuoka has over 150 companies in Vietnam, 40 of which are in Hanoi.")
    assert [(f["value"], f["unit"], f["metric"]) for f in found] == [
        (150, "enterprise", "enterprises"),
        (40, "enterprise", "enterprises"),
    ]


def test_units_name_the_counted_noun(nlp: Language) -> None:
    found = figures(
        nlp,
        "Da Nang has ties with three Japanese cities and 12 other provinces and cities, and "
        "hosted 60 researchers and 5 reports.",
    )
    assert [(f["value"], f["unit"]) for f in found] == [
        (3, "city"),
        (12, "locality"),
        (60, "researcher"),
        (5, "report"),
    ]


# --- not figures --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The agreement was signed in 2019 in Kumamoto.",
        "The talks took place on July 14 in Hanoi.",
        "The meeting began at 9:30 a.m. in Hue.",
        "The event opened at 10 am sharp.",
        "Hanoi celebrated the 50th anniversary of the ties.",
        "Japan ranks first among foreign investors in Nam Dinh.",
        "Kyushu is Japan's third largest island.",
        "Nam Dinh ranks second among 40 investors there.",
        "The city applies Resolution 98/2023/QH15 on special policies.",
        "Decree 31 guides the law.",
        "The two countries agreed to deepen ties.",
        "The two sides discussed cooperation.",
        "Both sides agreed, and the two localities will meet again.",
        "Governor Yamada, 64, has led Oita since 2019.",
        "The governor, aged 58, spoke.",
        "A 45-year-old engineer from Gifu joined.",
        "Page 2 of 5",
        "The ties go back 30 years.",
        "The partnership spans five decades.",
        "It was a three-decade effort.",
        "Binh Duong hosted the Meet Japan 2023 programme.",
        "The Vietnam - Asia 2023 Smart City Summit opened.",
        "Industry 4.0 is a priority.",
        "The firm made one of the largest deals.",
        "The ties (2014–2024) grew stronger.",
        "Exports rose from 100 to 200 million USD.",
        "Leaders of 5 Yen Bai cooperatives and Dong Nai met.",
        "Cooperation between two localities in Gifu and Hue is growing.",
        "Trust between two countries keeps rising.",
        "The bonds between the two grew after the agreements reached by the two.",
        "Binh Duong is home to 29 large-scale industrial parks.",
        "Japan runs 15 training schemes that bring trainees to Gifu.",
        "Thousands of Vietnamese technicians work in Aichi.",
        "Eight Japanese Prime Ministers have visited Hue.",
    ],
)
def test_not_figures(nlp: Language, sentence: str) -> None:
    assert figures(nlp, sentence) == []


def test_numbers_in_boilerplate_are_not_figures(nlp: Language) -> None:
    text = (
        "Ninh Thuan welcomes Japanese investors\n"
        "Japanese firms have 20 projects in Ninh Thuan.\n"
        "RELATED NEWS\n"
        "Other news\n"
        "22:32, 2025/01/09\n"
        "Vietnam gets a $11.3 million project for energy efficiency\n"
    )
    found = figures(nlp, text)
    assert [f["text"] for f in found] == ["20 projects"]


# --- context ------------------------------------------------------------------------------


def test_period_from_a_year_and_a_fiscal_year(nlp: Language) -> None:
    found = figures(
        nlp,
        "Exports to Japan hit 1.1 billion USD in 2022. Japan's ODA reached around 5 billion "
        "USD as of the end of the fiscal year 2023.",
    )
    assert [(f["value"], f["qualifier"], f["period"]) for f in found] == [
        (1_100_000_000, "exact", "2022"),
        (5_000_000_000, "about", "FY2023"),
    ]


def test_period_from_the_end_of_a_month_in_the_publication_year(nlp: Language) -> None:
    record = only(
        nlp, "Japanese firms invested 1.2 billion USD in Hue by the end of May.", "2024-08-24"
    )
    assert record["period"] == "2024-05"


def test_a_period_far_from_the_figure_does_not_apply(nlp: Language) -> None:
    found = figures(
        nlp,
        "Japan gave around 2 billion USD in ODA as of the end of the fiscal year 2024, and is "
        "the third largest investor and fourth largest trade partner, with a two-way trade of "
        "40 billion USD.",
    )
    assert [(f["metric"], f["period"]) for f in found] == [("oda", "FY2024"), ("trade", None)]


def test_event_names_give_no_period(nlp: Language) -> None:
    record = only(nlp, 'About 500 delegates joined the "Japan Week 2024" in Quang Binh.')
    assert record["period"] is None


def test_host_and_investor_are_attributed(nlp: Language) -> None:
    record = only(nlp, "Japan has invested more than 2 billion USD in Da Nang.")
    assert record["localities"] == ["vn/da-nang"]
    assert record["countries"] == ["JP"]


def test_ids_start_with_the_document_and_name_what_is_measured(nlp: Language) -> None:
    doc = run(nlp, "Gunma has 12 projects in Bac Ninh. Nara has 12 projects in Hue.", doc_id="d7")
    ids = [f["id"] for f in doc._.figures]
    assert ids == [
        "d7/figure/investment_projects~project~jp/gunma+vn/bac-ninh",
        "d7/figure/investment_projects~project~jp/nara+vn/hue",
    ]
    # A span's kb_id is the index of its record in doc._.figures.
    assert [(s.text, s.kb_id_, s.label_) for s in doc.spans["figures"]] == [
        ("12 projects", "0", "investment_projects"),
        ("12 projects", "1", "investment_projects"),
    ]


def test_evidence_is_the_figure_text(nlp: Language) -> None:
    text = "Saga firms have invested about US$75 million in Quang Tri."
    record = only(nlp, text)
    start, end = record["evidence"]["start"], record["evidence"]["end"]
    assert text[start:end] == record["text"] == record["evidence"]["text"] == "about US$75 million"


def test_an_opening_period_is_said_of_the_whole_sentence(nlp: Language) -> None:
    found = figures(
        nlp,
        "As of the end of 2022, Hyogo firms had 130 valid projects in Vietnam with a total "
        "registered capital of 2.7 billion USD.",
    )
    assert [(f["metric"], f["period"]) for f in found] == [
        ("investment_projects", "2022"),
        ("investment_capital", "2022"),
    ]


def test_a_period_of_a_later_plan_does_not_leak_back(nlp: Language) -> None:
    found = figures(
        nlp,
        "The two sides signed five cooperation agreements in 2018 and will hold the Kochi "
        "festival next spring, which is expected to draw between 2,000 and 3,000 visitors.",
    )
    assert [(f["value"], f["period"]) for f in found] == [(5, "2018"), (2_000, None)]


def test_of_which_after_a_count(nlp: Language) -> None:
    found = figures(nlp, "Hue received 1.2 million visitors, of which 90,000 were from Japan.")
    assert [(f["value"], f["unit"], f["metric"]) for f in found] == [
        (1_200_000, "tourist", "tourists"),
        (90_000, "tourist", "tourists"),
    ]


def test_units_are_merged_as_the_annotation_guide_merges_them(nlp: Language) -> None:
    found = figures(
        nlp,
        "Hue welcomed 3 million visitors, including 90,000 from Japan, and Nagano hosts 800 "
        "trainees and over 2,000 practitioners from Vietnam in 22 countries and territories.",
    )
    assert [(f["value"], f["unit"], f["metric"]) for f in found] == [
        (3_000_000, "tourist", "tourists"),
        (90_000, "tourist", "tourists"),
        (800, "intern", "interns"),
        (2_000, "intern", "interns"),
        (22, "country", "other"),
    ]


def test_a_subject_gives_a_bare_number_its_unit(nlp: Language) -> None:
    record = only(nlp, "Japanese tourist arrivals to Phu Quoc last year reached 85,000.")
    assert brief(record) == (85_000, None, "tourist", "exact")
    assert record["metric"] == "tourists"


@pytest.mark.parametrize(
    "sentence",
    [
        "The two cities held nearly 30 delegation exchanges.",
        "Shiga will support the 15 largest Vietnamese firms.",
        "Japan ranks third among 145 countries and territories.",
    ],
)
def test_modifiers_and_selections_are_not_counts(nlp: Language, sentence: str) -> None:
    assert figures(nlp, sentence) == []


def test_province_names_are_not_currencies(nlp: Language) -> None:
    found = figures(
        nlp, "Japan gave 2 billion yen to 40 Dong Thap students and 12 Yen Bai schools."
    )
    assert [(f["value"], f["unit"]) for f in found] == [
        (2_000_000_000, "JPY"),
        (40, "person"),
        (12, "school"),
    ]


def test_a_share_of_the_total_is_a_share_of_the_amount_before_it(nlp: Language) -> None:
    found = figures(nlp, "Japanese FDI in Hue reached 1.2 billion USD, 14% of the city's total.")
    assert [(f["text"], f["metric"]) for f in found] == [
        ("1.2 billion USD", "fdi"),
        ("14% of the city's total", "share_of_fdi"),
    ]


def test_an_event_venue_elsewhere_in_the_sentence_is_not_what_a_figure_is_about(
    nlp: Language,
) -> None:
    found = figures(
        nlp,
        "At a meeting in Hanoi on Monday, the governor thanked Gifu for supporting the "
        "20,000-plus Vietnamese living in Gifu.",
    )
    assert [(f["value"], f["localities"]) for f in found] == [(20_000, ["jp/gifu"])]
    record = only(nlp, "The festival in Kobe drew 50,000 visitors.")
    assert record["localities"] == ["jp/hyogo/kobe"]


def test_change_nouns_after_a_percentage_make_it_growth(nlp: Language) -> None:
    assert only(nlp, "Exports to Japan saw a 20% increase.")["metric"] == "growth"


def test_a_hyphenated_count_counts_its_own_noun(nlp: Language) -> None:
    assert brief(only(nlp, "A 10-member delegation from Iwate visited.")) == (
        10,
        None,
        "member",
        "exact",
    )


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        # A place name between the number and the people-noun, stop words and all.
        ("Around 800 Long An workers are now working in Aichi.", "Around 800 Long An workers",
         "about"),
        ("Nearly 350 Long An people have settled in Nagano.", "Nearly 350 Long An people",
         "about"),
        ("More than 2,500 Ho Chi Minh City students are studying in Fukuoka.",
         "More than 2,500 Ho Chi Minh City students", "more_than"),
    ],
)  # fmt: skip
def test_a_place_name_before_the_counted_people_is_a_modifier(
    nlp: Language, sentence: str, text: str, qualifier: str
) -> None:
    record = only(nlp, sentence)
    assert (record["text"], record["unit"], record["qualifier"], record["metric"]) == (
        text,
        "person",
        qualifier,
        "community",
    )


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("Some 4,000 Vietnamese workers live in Toyama.", "community"),
        ("About 900 students from Hanoi are studying in Ishikawa.", "community"),
        # Workers and students live, work or study somewhere: a community (the guide's
        # `community`: people living, working or studying in a place) unless they attend.
        ("The 300 workers visited a job fair in Nam Dinh.", "community"),
        ("Nearly 9,000 Vietnamese workers are in Shiga.", "community"),
        ("More than 400 local students attended the Kanagawa festival.", "participants"),
        ("The festival, attended by many, drew 400 students who study in Hue.", "community"),
    ],
)
def test_people_nouns_count_persons_and_the_metric_says_who_they_are(
    nlp: Language, sentence: str, metric: str
) -> None:
    record = only(nlp, sentence)
    assert (record["unit"], record["metric"]) == ("person", metric)


def test_money_after_projects_worth_is_their_investment_capital(nlp: Language) -> None:
    found = figures(nlp, "Its 12 projects valued at 40 million USD are in Binh Dinh.")
    assert [f["metric"] for f in found] == ["investment_projects", "investment_capital"]
    found = figures(nlp, "Japan is its top investor, with 177 projects totalling 800 million USD.")
    assert [f["metric"] for f in found] == ["investment_projects", "investment_capital"]
    found = figures(nlp, "Osaka firms run 9 projects, capitalised at 70 million USD, in Hue.")
    assert [f["metric"] for f in found] == ["investment_projects", "investment_capital"]


def test_capital_in_a_sentence_about_fdi_is_fdi(nlp: Language) -> None:
    found = figures(
        nlp,
        "Korean and Japanese investors run 60 projects worth 900 million USD in Tay Ninh, "
        "or 5% of the province's total FDI.",
    )
    assert [(f["text"], f["metric"]) for f in found] == [
        ("60 projects", "investment_projects"),
        ("900 million USD", "fdi"),
        ("5% of the province's total FDI", "share_of_fdi"),
    ]
    found = figures(nlp, "Hue has drawn 5 billion USD from 40 countries and territories.")
    assert [(f["text"], f["metric"]) for f in found] == [
        ("5 billion USD", "fdi"),
        ("40 countries", "other"),
    ]
    # The registered capital is named as such, whatever the sentence is about.
    found = figures(
        nlp,
        "Japan has 215 FDI projects in Bac Ninh with total registered capital of 4.5 billion USD.",
    )
    assert [f["metric"] for f in found] == ["investment_projects", "investment_capital"]


def test_shares_of_what_follows_a_measure_word_or_of_something_else(nlp: Language) -> None:
    found = figures(
        nlp,
        "Japanese firms have 95 projects, or 9% in number of projects and 21% in amount of "
        "FDI capital in Long An.",
    )
    assert [(f["text"], f["metric"]) for f in found] == [
        ("95 projects", "investment_projects"),
        ("9% in number of projects", "share_of_investment_projects"),
        ("21% in amount of FDI capital", "share_of_fdi"),
    ]
    found = figures(nlp, "Of Gifu's GDP, industry accounted for 31.2% and services for 48%.")
    assert [f["metric"] for f in found] == ["share_of_other", "share_of_other"]


def test_represented_enterprises_take_part(nlp: Language) -> None:
    found = figures(
        nlp,
        "The delegation includes representatives from 25 businesses, and 12 Kanagawa firms "
        "invest in Vietnam.",
    )
    assert [(f["value"], f["metric"]) for f in found] == [
        (25, "participants"),
        (12, "enterprises"),
    ]


def test_the_population_of_a_place_is_no_community(nlp: Language) -> None:
    record = only(nlp, "Kanagawa is home to a population of over 9.2 million.")
    assert (record["unit"], record["metric"]) == ("person", "other")
    record = only(nlp, "The Vietnamese population in Gunma has reached 30,000.")
    assert (record["unit"], record["metric"]) == ("person", "community")


def test_a_range_between_two_amounts_takes_a_currency_code(nlp: Language) -> None:
    record = only(nlp, "Japan will invest between 2 and 3 million USD in Hue.")
    assert brief(record) == (2_000_000, 3_000_000, "USD", "range")


def test_a_figure_a_later_sentence_repeats_is_one_record(nlp: Language) -> None:
    found = figures(
        nlp,
        "Some 4,000 Vietnamese people live in Nara. Nara thanked the 4,000 Vietnamese people "
        "living there. Hanoi has 12 Japanese firms and Hue has 12 Japanese firms.",
    )
    assert [(f["value"], f["localities"]) for f in found] == [
        (4_000, ["jp/nara"]),
        (12, ["vn/hanoi", "vn/hue"]),
        (12, ["vn/hanoi", "vn/hue"]),
    ]


def test_dates_of_something_else_are_no_periods(nlp: Language) -> None:
    found = figures(
        nlp,
        "Hue has ties with three Japanese cities, namely Kobe (in 2012), Nara (2015) and "
        "Sakai (2019).",
    )
    assert [(f["value"], f["period"]) for f in found] == [(3, None)]
    record = only(nlp, "CLAIR was set up in 1988 to assist 17 prefectures.")
    assert record["period"] is None
    record = only(nlp, "The city aims to cut emissions by 10% by 2030.", published=None)
    assert record["period"] is None
    record = only(nlp, "Exports rose to 5 billion USD by 2023.", published="2024-03-01")
    assert record["period"] == "2023"


def test_an_as_of_date_before_the_figures_covers_them_by_month(nlp: Language) -> None:
    found = figures(
        nlp,
        "Binh Duong leads in FDI, he said, adding that as of October 31, 2022, it had 4,076 "
        "projects from many partners with a total capital of over 39.6 billion USD.",
    )
    assert [(f["value"], f["period"]) for f in found] == [
        (4_076, "2022-10"),
        (39_600_000_000, "2022-10"),
    ]


def test_a_period_followed_by_since_does_not_date_the_count(nlp: Language) -> None:
    record = only(
        nlp,
        "Phu Yen and Okayama signed a memorandum of understanding in 2019 and have since "
        "hosted some 15 delegations.",
    )
    assert (record["value"], record["period"]) == (15, None)
    record = only(nlp, "Phu Yen and Okayama hosted 15 delegations in 2019.")
    assert record["period"] == "2019"


# --- the component alone, on hand-set spans ------------------------------------------------


@pytest.fixture(scope="module")
def figures_only() -> Language:
    """A blank pipeline with the sentencizer and the figures component, nothing else: the
    spans it reads are set by hand."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("vjties_figures")
    return pipeline


def annotate(
    pipeline: Language,
    text: str,
    localities: dict[str, str] | None = None,
    dates: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The figures of `text` with the given phrases set as locality and date spans
    (phrase -> kb_id), as the localities and dates components would have set them."""
    doc = pipeline.make_doc(text)
    doc._.doc_id = "t"
    doc = pipeline.get_pipe("sentencizer")(doc)
    for group, phrases in ((keys.LOCALITIES, localities or {}), (keys.DATES, dates or {})):
        spans = []
        for phrase, kb_id in phrases.items():
            start = text.index(phrase)
            span = doc.char_span(start, start + len(phrase), kb_id=kb_id)
            assert span is not None, phrase
            spans.append(span)
        doc.spans[group] = spans
    doc = pipeline.get_pipe("vjties_figures")(doc)
    for record in doc._.figures:
        Figure.model_validate(record)
    return list(doc._.figures)


def test_the_component_attributes_to_the_locality_spans_it_is_given(
    figures_only: Language,
) -> None:
    text = "Japanese firms invested 1.2 billion USD in Zeta Land in 2022."
    (record,) = annotate(figures_only, text, {"Zeta Land": "vn/zeta"}, {"2022": "2022"})
    assert (record["metric"], record["localities"], record["countries"]) == (
        "investment_capital",
        ["vn/zeta"],
        ["JP"],
    )
    assert record["period"] == "2022"
    (record,) = annotate(figures_only, text)
    assert (record["localities"], record["period"]) == ([], None)


def test_a_locality_span_between_a_count_and_its_noun_is_one_modifier(
    figures_only: Language,
) -> None:
    text = "Some 1,200 Zeta Nova Alta Prima Land residents live in Osaka."
    (record,) = annotate(figures_only, text, {"Zeta Nova Alta Prima Land": "vn/zeta"})
    assert (record["text"], record["unit"], record["metric"]) == (
        "Some 1,200 Zeta Nova Alta Prima Land residents",
        "person",
        "community",
    )
    assert annotate(figures_only, text) == []  # five unknown words: no counted noun


def test_a_number_inside_a_date_span_is_no_figure(figures_only: Language) -> None:
    text = "The plan runs to 2,030 projects."
    assert [r["value"] for r in annotate(figures_only, text)] == [2030]
    assert annotate(figures_only, text, dates={"2,030": "2030"}) == []


# --- the patterns --------------------------------------------------------------------------


def test_the_quantity_patterns_are_valid_spacy_patterns(nlp: Language) -> None:
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("AMOUNT", figures_recognition.amount_patterns(), greedy="LONGEST")
    doc = nlp.make_doc("It cost US$4.5bn, or 2-3 million USD, for some 25 projects.")
    assert sorted(doc[s:e].text for _, s, e in matcher(doc)) == [
        "2-3 million USD",
        "25",
        "US$4.5bn",
    ]


def test_a_pattern_naming_an_unknown_set_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown set @currencies"):
        figures_recognition._resolve_value({"IN": "@currencies"}, {}, {})


def test_the_flagged_matcher_finds_what_spacys_matcher_finds_on_every_text(
    nlp: Language,
) -> None:
    """The lexeme flags that speed the Matcher up change nothing it finds, on every article
    of the repository; a difference names the file and token offsets, never the text."""
    flagged = figures_recognition.amount_matcher(nlp.vocab)
    plain = Matcher(nlp.vocab)
    plain.add("AMOUNT", figures_recognition.amount_patterns(), greedy="LONGEST")
    texts: list[Path] = repository_texts()
    assert len(texts) >= 30
    for path in texts:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        expected = {(s, e) for _, s, e in plain(doc)}
        found = {(s, e) for _, s, e in flagged(doc)}
        assert found == expected, (path.name, sorted(found ^ expected)[:5])
