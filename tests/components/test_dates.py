from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from factories import run
from vjties.components.dates import PATTERNS
from vjties.components.dates.patterns import CLASSES, expand
from vjties.lexicon import LexiconError


def values(doc: Doc) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(r["text"], r["value"], r["end"], r["how"]) for r in doc._.dates]


def test_forms_in_an_article_with_a_publication_date(nlp: Language) -> None:
    text = (
        "Vice Chairman Pham Quoc Trung received a delegation from Japan's Shimane prefecture "
        "on Thursday. The two sides first met on 14 March 2019 and held talks again in "
        "December 2021. Trade rose by 12% last year, and Shimane firms plan to invest more "
        "between now and 2030. A Shimane week will run from October 6 to 12."
    )
    doc = run(nlp, text, "2024-09-27")
    assert values(doc) == [
        ("Thursday", "2024-09-26", None, "from_publication_date"),
        ("14 March 2019", "2019-03-14", None, "stated"),
        ("December 2021", "2021-12", None, "stated"),
        ("last year", "2023", None, "from_publication_date"),
        ("between now and 2030", "2024-09-27", "2030", "from_publication_date"),
        ("October 6 to 12", "2024-10-06", "2024-10-12", "from_publication_date"),  # will run
    ]


def test_spans_carry_the_value_and_how(nlp: Language) -> None:
    doc = run(nlp, "Thai Binh and Ehime set up ties in 2012 (2012-2022).", None)
    spans = [(s.text, s.kb_id_, s.label_) for s in doc.spans["dates"]]
    assert spans == [("2012", "2012", "stated"), ("2012-2022", "2012/2022", "stated")]


def test_year_rollover(nlp: Language) -> None:
    doc = run(nlp, "The festival in Kagawa closed on December 29.", "2025-01-06")
    assert values(doc) == [("December 29", "2024-12-29", None, "from_publication_date")]


def test_no_publication_date_keeps_the_year_unknown(nlp: Language) -> None:
    doc = run(nlp, "Leaders of Nam Dinh met Japanese investors on 5 June.", None)
    assert values(doc) == [("5 June", "--06-05", None, "stated")]
    assert doc.spans["dates"][0].kb_id_ == "--06-05"


def test_a_year_in_the_event_name_fixes_the_year(nlp: Language) -> None:
    text = 'The "Japan Autumn Fair 2022" opened in Can Tho on October 21.'
    doc = run(nlp, text, None)
    assert values(doc)[-1] == ("October 21", "2022-10-21", None, "inferred")


def test_an_anniversary_of_diplomatic_relations_fixes_the_year(nlp: Language) -> None:
    text = (
        "A photo exhibition opened in Quang Ninh on 2 October to mark the 45th anniversary "
        "of diplomatic relations between Vietnam and Japan."
    )
    doc = run(nlp, text, None)
    assert values(doc) == [("2 October", "2018-10-02", None, "inferred")]


def test_today_with_a_bracketed_date(nlp: Language) -> None:
    doc = run(nlp, "Governor Ito Kazuo met Hai Phong leaders today [May 14].", "2024-05-14")
    assert values(doc) == [("today [May 14]", "2024-05-14", None, "from_publication_date")]


def test_a_weekday_with_a_bracketed_date(nlp: Language) -> None:
    doc = run(nlp, "Officials from Hai Duong met Saga leaders on Thursday (March 7).", "2024-03-09")
    assert values(doc) == [("Thursday (March 7)", "2024-03-07", None, "from_publication_date")]


def test_the_same_day_follows_the_date_before_it(nlp: Language) -> None:
    text = "The talks took place on 9 April 2022. The same day, a memorandum was signed."
    doc = run(nlp, text, None)
    assert values(doc)[-1] == ("The same day", "2022-04-09", None, "inferred")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It has 2,000 members and about 2010 volunteers.", []),
        ("Resolution 98/2023/QH15 lets the city pilot new policies.", []),
        ("Decree 15/2021/ND-CP took effect.", []),
        ("Khanh Linh 21:30, 2023/03/08", []),  # a byline
        ("Exports hit 2024 tonnes.", []),
        ("The company was set up in 2024./.", [("2024", "2024", None, "stated")]),
    ],
)
def test_numbers_that_are_not_dates(nlp: Language, text: str, expected: list[Any]) -> None:
    assert values(run(nlp, text, None)) == expected


def test_en_dash_ranges_kept_whole_by_the_tokenizer(nlp: Language) -> None:
    text = "Ties (2014–2024) grew; a fair will run on May 18–19 and 20–22 June 2025 in Nara."
    doc = run(nlp, text, "2024-05-01")
    assert values(doc) == [
        ("2014–2024", "2014", "2024", "stated"),
        ("May 18–19", "2024-05-18", "2024-05-19", "from_publication_date"),
        ("20–22 June 2025", "2025-06-20", "2025-06-22", "stated"),
    ]


def test_fiscal_years(nlp: Language) -> None:
    doc = run(nlp, "ODA reached 1 billion USD in FY2023 and will grow in fiscal year 2025.")
    assert [r["value"] for r in doc._.dates] == ["FY2023", "FY2025"]


def test_ids_start_with_the_document_id_and_name_the_value(nlp: Language) -> None:
    doc = run(nlp, "Ties began in 1999.", None, doc_id="abc")
    assert [r["id"] for r in doc._.dates] == ["abc/date/1999"]
    assert doc._.dates[0]["evidence"] == {"document": "abc", "start": 14, "end": 18, "text": "1999"}


def test_a_value_read_again_is_numbered_in_text_order(nlp: Language) -> None:
    doc = run(
        nlp, "Ties began in 1999. In 1999 Hue and Nara met on 3-5 May 2024.", None, doc_id="a"
    )
    assert [r["id"] for r in doc._.dates] == [
        "a/date/1999",
        "a/date/1999#2",
        "a/date/2024-05-03/2024-05-05",
    ]


def test_nothing_from_boilerplate(nlp: Language) -> None:
    text = (
        "Bac Ninh welcomes Gunma firms\n"
        "The two sides met on 3 May 2024 in Bac Ninh.\n"
        "Other news\n"
        "10:47, 2025/01/08\n"
        "Hanoi flower market flourishes ahead of Tet 2025\n"
    )
    doc = run(nlp, text, None)
    assert [r["text"] for r in doc._.dates] == ["3 May 2024"]


def test_an_anniversary_span_fixes_the_year(nlp: Language) -> None:
    text = (
        "Thai Binh province hosted a gala on May 20 to mark the 20th anniversary of "
        "sister ties with Japan's Tottori prefecture (2004-2024)."
    )
    doc = run(nlp, text, None)
    assert values(doc)[0] == ("May 20", "2024-05-20", None, "inferred")


def test_an_anniversary_of_a_stated_start_fixes_the_year(nlp: Language) -> None:
    text = (
        "Quang Tri held a reception on August 8 for the fifth anniversary of ties forged "
        "in 2019 with Japan's Fukui prefecture."
    )
    doc = run(nlp, text, None)
    assert values(doc)[0] == ("August 8", "2024-08-08", None, "inferred")


def test_every_token_class_of_the_data_file_is_known_and_expanded() -> None:
    assert expand({"CLASS": "MONTH", "OP": "?"}) == {**CLASSES["MONTH"], "OP": "?"}
    assert expand({"LOWER": "between"}) == {"LOWER": "between"}
    assert all("CLASS" not in token for rows in PATTERNS.values() for p in rows for token in p)
    with pytest.raises(LexiconError, match="unknown token class 'MONTHS'"):
        expand({"CLASS": "MONTHS"})


def test_may_with_a_full_stop_is_no_month() -> None:
    assert "May" in CLASSES["MONTH"]["TEXT"]["IN"]
    assert "May." not in CLASSES["MONTH"]["TEXT"]["IN"]
    assert "Sept." in CLASSES["MONTH"]["TEXT"]["IN"]
