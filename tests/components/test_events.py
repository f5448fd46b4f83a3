from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from factories import run
from vjties.extract import extract_text


def events(doc: Doc) -> list[tuple[Any, ...]]:
    return [(e["kind"], e["name"], e["date"], e["end"], e["locality"]) for e in doc._.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At a reception in Nam Dinh on June 4, the provincial leader welcomed Japanese guests.",
            ("reception", None, "2024-06-04", None, "vn/nam-dinh"),
        ),
        (
            "Officials of Ninh Binh had a working session with partners from Toyama on May 30.",
            ("working_session", None, "2024-05-30", None, None),
        ),
        (
            "The delegation paid a courtesy visit to the Governor in Okayama on June 3.",
            ("courtesy_visit", None, "2024-06-03", None, "jp/okayama"),
        ),
        (
            "Leaders of Lang Son are on a working visit to Shiga from June 1 to 5.",
            ("visit", None, "2024-06-01", "2024-06-05", "jp/shiga"),
        ),
        (
            "During a business trip to Nagano on May 20, the team toured several farms.",
            ("trip", None, "2024-05-20", None, "jp/nagano"),
        ),
        (
            "A signing ceremony took place in Quang Tri on May 15.",
            ("signing", None, "2024-05-15", None, "vn/quang-tri"),
        ),
        (
            "A workshop on smart farming was held in Dong Thap on 12 April.",
            ("workshop", None, "2024-04-12", None, "vn/dong-thap"),
        ),
        (
            "A seminar on tourism was organised in Ha Tinh on April 2.",
            ("seminar", None, "2024-04-02", None, "vn/ha-tinh"),
        ),
        (
            "Nearly 200 firms joined a webinar on supply chains on March 19.",
            ("webinar", None, "2024-03-19", None, None),
        ),
        (
            "The Mekong–Japan Business Forum took place in Can Tho on May 9.",
            ("forum", "Mekong–Japan Business Forum", "2024-05-09", None, "vn/can-tho"),
        ),
        (
            "A conference on labour cooperation was held in Fukui on April 25.",
            ("conference", None, "2024-04-25", None, "jp/fukui"),
        ),
        (
            "An investment promotion conference was held in Osaka on May 22.",
            ("investment_promotion_conference", None, "2024-05-22", None, "jp/osaka"),
        ),
        (
            "The Vietnam Festival 2024 was held in Hiroshima from May 11 to 12.",
            ("festival", "Vietnam Festival 2024", "2024-05-11", "2024-05-12", "jp/hiroshima"),
        ),
        (
            "Thai Nguyen hosted a cultural exchange programme with Ibaraki students on June 8.",
            ("exchange_programme", None, "2024-06-08", None, "vn/thai-nguyen"),
        ),
        (
            'The "Hello Kyoto 2024" programme was held in Hue on 1 June.',
            ("programme", "Hello Kyoto 2024", "2024-06-01", None, "vn/hue"),
        ),
        (
            "An anniversary ceremony took place in Bac Lieu on May 28.",
            ("ceremony", None, "2024-05-28", None, "vn/bac-lieu"),
        ),
        (
            "Leaders of Kon Tum held talks with a Nara delegation in Kon Tum on June 10.",
            ("meeting", None, "2024-06-10", None, "vn/kon-tum"),
        ),
    ],
)
def test_each_kind(nlp: Language, text: str, expected: tuple[Any, ...]) -> None:
    assert events(run(nlp, text, "2024-06-12")) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The province is meeting the demand of Japanese investors.",
        "Japanese businesses often visit the industrial parks of Bac Giang.",
        "Members of the Vietnam-Japan Cultural Forum Association gave a talk.",
        "They hope to organise a festival next year.",
        "Holding cultural festivals and meetings helps people understand each other.",
        "The conference hall in Yokohama was full.",
        "At a press conference on May 2, the spokesperson answered questions.",
        "The programme to train 500 workers for Japanese firms continues.",
        "Tay Ninh received 300 million USD from Japanese investors on May 2.",
        "The two sides agreed that a trade festival will be held in Osaka next year.",
        "The conference hall agreed that a forum is needed.",
    ],
)
def test_generic_words_are_not_events(nlp: Language, text: str) -> None:
    assert events(run(nlp, text, "2024-06-12")) == []


def test_one_event_with_several_mentions(nlp: Language) -> None:
    text = (
        "Thanh Hoa deepens ties with Niigata\n"
        "The guests pose for a photo at the reception (Photo: VNA)\n"
        "At a reception on May 16 for Governor of Niigata prefecture Hanazumi Hideyo, "
        "Chairman of the Thanh Hoa Provincial People's Committee Do Minh Tuan praised the ties.\n"
        "Speaking at the reception, Hanazumi Hideyo thanked the province.\n"
        "At the event, both sides pledged more exchanges.\n"
    )
    doc = run(nlp, text, "2024-05-17", doc_id="doc9")
    assert len(doc._.events) == 1
    event = doc._.events[0]
    assert (event["kind"], event["date"], event["date_how"]) == (
        "reception",
        "2024-05-16",
        "from_publication_date",
    )
    assert [m["text"] for m in event["mentions"]] == [
        "the reception",
        "a reception",
        "the reception",
        "the event",
    ]
    assert event["evidence"] == event["mentions"][0]
    assert event["id"] == "doc9/event/reception-2024-05-16"
    assert event["participants"] == sorted({span.kb_id_ for span in doc.spans["officials"]})
    assert "person/do-minh-tuan" in event["participants"]
    # A span's kb_id is the index of its record in doc._.events.
    assert [s.kb_id_ for s in doc.spans["events"]] == [str(doc._.events.index(event))] * 4


def test_two_receptions_on_different_days_are_two_events(nlp: Language) -> None:
    text = (
        "At a reception in Hanoi on May 2, the guests met city leaders. "
        "At a reception in Hai Phong on May 4, they met port officials."
    )
    doc = run(nlp, text, "2024-05-10")
    assert events(doc) == [
        ("reception", None, "2024-05-02", None, "vn/hanoi"),
        ("reception", None, "2024-05-04", None, "vn/hai-phong"),
    ]


def test_receiving_verb_makes_a_reception(nlp: Language) -> None:
    text = (
        "Vice Chairman of the Quang Ngai Provincial People's Committee Tran Phuoc Hien received "
        "Governor of Kagoshima prefecture Shiota Koichi in Quang Ngai on Wednesday."
    )
    doc = run(nlp, text, "2024-05-10")
    assert events(doc) == [("reception", None, "2024-05-08", None, "vn/quang-ngai")]
    officials = sorted({span.kb_id_ for span in doc.spans["officials"]})
    assert len(officials) == 2
    assert doc._.events[0]["participants"] == officials


def test_an_event_within_another_takes_its_date_and_place(nlp: Language) -> None:
    text = (
        "A festival was held in Bac Ninh on 3 November. Within the framework of the festival, "
        'a seminar on "Craft villages and tourism" was organised.'
    )
    doc = run(nlp, text, "2024-11-05")
    assert events(doc) == [
        ("festival", None, "2024-11-03", None, "vn/bac-ninh"),
        ("seminar", "Craft villages and tourism", "2024-11-03", None, "vn/bac-ninh"),
    ]


def test_no_publication_date_and_a_name_with_a_year(nlp: Language) -> None:
    text = 'Kien Giang hosted the "Japan Culture Days 2022" programme on December 9.'
    doc = run(nlp, text)
    assert events(doc) == [
        ("programme", "Japan Culture Days 2022", "2022-12-09", None, "vn/kien-giang")
    ]
    assert doc._.events[0]["date_how"] == "inferred"


def test_no_publication_date_leaves_the_year_unknown(nlp: Language) -> None:
    doc = run(nlp, "A workshop was held in Vinh Long on 7 August.")
    assert events(doc) == [("workshop", None, "--08-07", None, "vn/vinh-long")]


def test_the_dateline_gives_the_place_when_the_text_does_not(nlp: Language) -> None:
    text = "Can Tho (VNA) – A seminar on rice exports was held on 18 May, drawing 120 delegates."
    doc = run(nlp, text)
    assert events(doc) == [("seminar", None, "--05-18", None, "vn/can-tho")]


def test_a_glued_story_after_the_sign_off_has_no_events(nlp: Language) -> None:
    text = (
        "Ca Mau (VNA) – A seminar was held in Ca Mau on 2 May to discuss shrimp exports./.\n"
        "Japanese firms eye Indonesian market\n"
        "A conference was held in Jakarta on May 3 to link businesses.\n"
    )
    doc = run(nlp, text)
    assert [e["kind"] for e in doc._.events] == ["seminar"]


def test_a_delegation_visiting_a_locality_is_a_visit(nlp: Language) -> None:
    text = (
        "A delegation led by Governor of Ishikawa prefecture Hase Hiroshi visited Hai Phong "
        "on Thursday (March 7) to explore investment. About 1.2 million Japanese tourists "
        "visited Da Nang last year."
    )
    doc = run(nlp, text, "2024-03-09")
    assert events(doc) == [("visit", None, "2024-03-07", None, "vn/hai-phong")]


def test_a_date_after_a_back_reference_fills_in_the_event(nlp: Language) -> None:
    text = (
        "Vice Chairman Le Trung Kien hosted a reception for Japanese investors. "
        "At the reception on May 2 in Thai Binh, he called for more projects."
    )
    doc = run(nlp, text, "2024-05-04")
    # No place in the reception's own clause: the article's main (only) locality.
    assert events(doc) == [("reception", None, "2024-05-02", None, "vn/thai-binh")]


def test_talks_after_a_reception_are_the_same_encounter(nlp: Language) -> None:
    text = (
        "Governor of Gunma prefecture Yamamoto Ichita welcomed a delegation from Bac Ninh in "
        "Maebashi on Friday. At the talks, Yamamoto praised Bac Ninh. The two sides then "
        "witnessed the signing of a labour agreement."
    )
    doc = run(nlp, text, "2024-03-03")
    # `then`: the signing came next, on the reception's day.
    assert events(doc) == [
        ("reception", None, "2024-03-01", None, "jp/gunma/maebashi"),
        ("signing", None, "2024-03-01", None, "jp/gunma/maebashi"),
    ]
    assert [m["text"] for m in doc._.events[0]["mentions"]] == [
        "welcomed a delegation",
        "the talks",
    ]


def test_a_headline_event_is_the_one_the_story_reports(nlp: Language) -> None:
    text = (
        "Hai Phong, Kitakyushu hold working session on port cooperation\n"
        " date 2024-05-10\n"
        "Vice Chairman of the Hai Phong People's Committee Le Anh Quan had a working session "
        "with a Kitakyushu delegation in Hai Phong on May 9.\n"
    )
    doc = run(nlp, text)
    assert events(doc) == [("working_session", None, "2024-05-09", None, "vn/hai-phong")]


def test_receiving_the_visitors_is_the_visit_they_paid(nlp: Language) -> None:
    text = (
        "A delegation from Hau Giang led by Vice Chairman of the provincial People's "
        "Committee Tran Van Huyen paid a courtesy visit to Kochi prefecture on November 5.\n"
        "Welcoming the Vietnamese delegation, Governor of Kochi Prefecture Hamada Seiji said "
        "the prefecture wants more trainees from the Mekong Delta.\n"
    )
    doc = run(nlp, text, "2024-11-07")
    assert events(doc) == [("courtesy_visit", None, "2024-11-05", None, "jp/kochi")]
    event = doc._.events[0]
    assert [m["text"] for m in event["mentions"]] == [
        "a courtesy visit",
        "Welcoming the Vietnamese delegation",
    ]
    assert "person/hamada-seiji" in event["participants"]


def test_a_reception_on_another_day_is_not_the_visit(nlp: Language) -> None:
    text = (
        "A delegation from Hau Giang paid a courtesy visit to Kochi prefecture on November 5.\n"
        "On November 6, Governor of Kochi Prefecture Hamada Seiji received the delegation "
        "in Kochi.\n"
    )
    doc = run(nlp, text, "2024-11-07")
    assert events(doc) == [
        ("courtesy_visit", None, "2024-11-05", None, "jp/kochi"),
        ("reception", None, "2024-11-06", None, "jp/kochi"),
    ]


def test_the_host_locality_that_welcomes_is_the_place(nlp: Language) -> None:
    text = (
        "The central province of Quang Ngai on Tuesday welcomed a delegation from "
        "Japan's Mie prefecture.\n"
    )
    doc = run(nlp, text, "2024-04-12")
    assert events(doc) == [("reception", None, "2024-04-09", None, "vn/quang-ngai")]


def test_the_trip_may_be_the_visit_reported_before(nlp: Language) -> None:
    text = (
        "A delegation from Niigata visited the central city of Hue on June 2.\n"
        "Mayor of Niigata City Nakahara Yaichi joined the trip.\n"
    )
    doc = run(nlp, text, "2024-06-04")
    assert events(doc) == [("visit", None, "2024-06-02", None, "vn/hue")]
    assert [m["text"] for m in doc._.events[0]["mentions"]][-1] == "the trip"


def test_a_bare_trip_with_nothing_known_is_not_reported(nlp: Language) -> None:
    text = "During the trip, the guests toured a seaport and a rice farm.\n"
    assert events(run(nlp, text, "2024-06-04")) == []


def test_a_specific_event_with_participants_is_kept_without_a_date(
    nlp: Language,
) -> None:
    text = "At the reception, Governor of Tottori Prefecture Hirai Shinji praised the guests.\n"
    doc = run(nlp, text, "2024-06-04")
    # No place stated: the article's main locality, the one it names.
    assert events(doc) == [("reception", None, None, None, "jp/tottori")]
    assert doc._.events[0]["participants"] == ["person/hirai-shinji"]


# --- issue 12: events a researcher can put on a timeline ------------------------------------


def test_a_signing_is_an_event_that_names_the_tie_it_made(nlp: Language) -> None:
    text = (
        "Thai Binh, Gunma sign MoU\n\nChairman of the Thai Binh Provincial People's Committee "
        "Nguyen Khac Than and Gunma Governor Yamamoto Ichita signed an MoU on cooperation on "
        "March 14, 2024.\n"
    )
    doc = run(nlp, text, "2024-03-15")
    assert [(e["kind"], e["date"], e["partnerships"], e["parties"]) for e in doc._.events] == [
        ("signing", "2024-03-14", ["jp/gunma~vn/thai-binh~mou"], ["jp/gunma", "vn/thai-binh"])
    ]
    assert doc._.events[0]["participants"] == ["person/nguyen-khac-than", "person/yamamoto-ichita"]


def test_the_partnership_lists_the_events_that_made_it() -> None:
    text = (
        " date 2023-05-09\nHue and Okayama signed an MoU in May 2012 and became sister cities "
        "in 1999, the chairman recalled.\n"
    )
    dataset = extract_text(text, doc_id="made")
    made = {e.id: e.partnerships for e in dataset.events}
    assert made == {
        "made/event/signing-2012-05": ["jp/okayama~vn/hue~mou"],
        "made/event/signing-1999": ["jp/okayama~vn/hue~sister_city"],
    }
    assert {t.id: t.events for t in dataset.partnerships} == {
        "jp/okayama~vn/hue~mou": ["made/event/signing-2012-05"],
        "jp/okayama~vn/hue~sister_city": ["made/event/signing-1999"],
    }


def test_a_tie_dated_by_its_start_or_an_anniversary_is_no_signing(nlp: Language) -> None:
    text = (
        "Ninh Binh has cooperated with Toyama since 2014. The two began cooperating in "
        "agriculture in 2016, and marked the 10th anniversary of their ties (2014-2024)."
    )
    doc = run(nlp, text, "2024-05-01")
    assert [e["kind"] for e in doc._.events] == []


def test_the_lede_dates_the_main_happening_and_back_references_are_mentions(
    nlp: Language,
) -> None:
    text = (
        "Thai Binh leader receives Gunma delegation\n\nChairman of the Thai Binh Provincial "
        "People's Committee Nguyen Khac Than on April 5 received a delegation from Japan's "
        "Gunma prefecture led by Governor Yamamoto Ichita.\nAt the meeting, Than said Gunma "
        "firms invested 200 million USD in Thai Binh in 2019.\nThe working session also "
        "touched on labour. During the visit, the guests toured an industrial park. The event "
        "drew 100 businesses.\n"
    )
    doc = run(nlp, text, "2024-04-06")
    assert events(doc) == [("reception", None, "2024-04-05", None, "vn/thai-binh")]
    record = doc._.events[0]
    assert record["participants"] == ["person/nguyen-khac-than", "person/yamamoto-ichita"]
    # The headline, the lede, `At the meeting` and `During the visit` are one happening.
    assert [m["text"] for m in record["mentions"]] == [
        "receives Gunma delegation",
        "received a delegation",
        "the meeting",
        "the visit",
    ]


def test_a_visit_by_a_titled_official(nlp: Language) -> None:
    text = "Governor of Japan's Gunma prefecture Yamamoto Ichita visited Thai Binh on Tuesday."
    assert events(run(nlp, text, "2024-04-06")) == [
        ("visit", None, "2024-04-02", None, "vn/thai-binh")
    ]


def test_an_undated_event_that_is_not_the_main_happening_is_not_reported(
    nlp: Language,
) -> None:
    text = (
        "Hai Phong, Niigata hold talks\n\nLeaders of Hai Phong held talks with a delegation "
        "from Niigata on May 2. A festival was held in Niigata last year. Officials also "
        "attended a seminar in Hai Phong.\n"
    )
    assert events(run(nlp, text, "2024-05-03")) == [
        ("meeting", None, "2024-05-02", None, "vn/hai-phong"),
        ("festival", None, "2023", None, "jp/niigata"),
    ]


def test_within_the_framework_of_a_trip_the_reception_is_the_event(nlp: Language) -> None:
    text = (
        "On December 17, within the framework of a business trip to Japan, Prime Minister "
        "Pham Minh Chinh received Governor of Aichi prefecture Omura Hideaki."
    )
    assert [e[:3] for e in events(run(nlp, text, "2023-12-18"))] == [
        ("reception", None, "2023-12-17")
    ]
