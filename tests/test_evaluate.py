"""The scorer behind `vjties eval`: matching rules, core handling, tie-breaks and scores.

Every dataset and gold annotation here is synthetic and written in the test.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from factories import (
    DOC,
    dataset,
    document,
    event,
    evidence,
    figure,
    locality,
    partnership,
)
from vjties.cli import app
from vjties.evaluate import (
    GoldDocument,
    GoldError,
    Report,
    evaluate_dataset,
    load_gold,
    match_one_to_one,
    name_tokens,
    org_key,
    render_report,
)
from vjties.models import (
    DateClaim,
    Locality,
    Official,
    Organization,
    Role,
)

OTHER = "doc2"


def gold(**facts: Any) -> dict[str, GoldDocument]:
    return {DOC: GoldDocument.model_validate({"id": DOC, **facts})}


def score(report: Report, fact_type: str) -> dict[str, Any]:
    return report.to_json()["scores"][fact_type]


def attr(report: Report, key: str) -> dict[str, Any]:
    return report.to_json()["attributes"][key]


# --- Localities ----------------------------------------------------------------------------


def test_localities_match_by_folded_name_and_country() -> None:
    data = dataset(
        localities=[
            locality("vn/quang-tri", "Quảng Trị", "VN", "province"),
            locality("vn/tottori", "Tottori", "VN", "province"),  # wrong country: FP
        ]
    )
    report = evaluate_dataset(
        data,
        gold(
            localities=[
                {"name": "quang tri", "country": "VN", "kind": "province"},
                {"name": "Tottori", "country": "JP", "kind": "prefecture"},
            ]
        ),
    )
    assert score(report, "localities") == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "ignored": 0,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }


def test_locality_counts_only_with_a_free_mention_in_the_document() -> None:
    in_other_doc = locality("jp/gifu", "Gifu", "JP", "prefecture", document=OTHER)
    only_in_org = Locality(
        id="vn/lang-son",
        name="Lang Son",
        country="VN",
        kind="province",
        organization_mentions=[evidence("Lang Son")],
    )
    data = dataset(documents=[document(), document(OTHER)], localities=[in_other_doc, only_in_org])
    report = evaluate_dataset(
        data,
        gold(
            localities=[
                {"name": "Gifu", "country": "JP", "kind": "prefecture"},
                {"name": "Lang Son", "country": "VN", "kind": "province"},
            ]
        ),
    )
    assert score(report, "localities")["tp"] == 0
    assert score(report, "localities")["fn"] == 2
    assert report.documents_without_gold == [OTHER]


def test_locality_tie_break_by_kind_and_core_false_is_ignored() -> None:
    # The same name is a city (core) and a prefecture (nice to have); the prediction is the
    # prefecture, so it pairs with the prefecture and the city is missed.
    data = dataset(localities=[locality("jp/hamana", "Hamana", "JP", "prefecture")])
    report = evaluate_dataset(
        data,
        gold(
            localities=[
                {"name": "Hamana", "country": "JP", "kind": "city", "core": True},
                {"name": "Hamana", "country": "JP", "kind": "prefecture", "core": False},
            ]
        ),
    )
    assert score(report, "localities") == {
        "tp": 0,
        "fp": 0,
        "fn": 1,
        "ignored": 1,
        "precision": None,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert attr(report, "localities.kind") == {"correct": 1, "total": 1, "accuracy": 1.0}


def test_locality_kind_accuracy_counts_a_wrong_kind() -> None:
    data = dataset(localities=[locality("jp/hamana", "Hamana", "JP", "prefecture")])
    report = evaluate_dataset(
        data, gold(localities=[{"name": "Hamana", "country": "JP", "kind": "city"}])
    )
    assert score(report, "localities")["tp"] == 1
    assert attr(report, "localities.kind") == {"correct": 0, "total": 1, "accuracy": 0.0}
    [mismatch] = report.to_json()["mismatches"]
    assert mismatch == {
        "document": DOC,
        "type": "localities",
        "error": "attribute",
        "cause": "wrong",
        "text": "Hamana",
        "attribute": "kind",
        "gold": "city",
        "predicted": "prefecture",
    }


def test_unmatched_core_false_gold_costs_nothing() -> None:
    report = evaluate_dataset(
        dataset(),
        gold(localities=[{"name": "Hamana", "country": "JP", "kind": "city", "core": False}]),
    )
    assert score(report, "localities") == {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "ignored": 0,
        "precision": None,
        "recall": None,
        "f1": None,
    }


# --- Officials -----------------------------------------------------------------------------


def test_official_names_match_in_either_order() -> None:
    assert name_tokens("Kenji Sato") == name_tokens("SATO Kenji")
    org = Organization(
        id="org/shizuoka-prefectural-assembly",
        name="Shizuoka Prefectural Assembly",
        kind="assembly",
        mentions=[evidence("the Shizuoka Prefectural Assembly")],
    )
    official = Official(
        id="person/kenji-sato",
        name="Kenji Sato",
        title="Speaker",
        organization=org.id,
        roles=[Role(title="Speaker", organization=org.id)],
        country="JP",
        mentions=[evidence("Kenji Sato")],
    )
    report = evaluate_dataset(
        dataset(officials=[official], organizations=[org]),
        gold(
            officials=[
                {
                    "name": "Sato Kenji",
                    "title": "speaker",
                    "org": "Shizuoka prefectural assembly",
                    "country": "JP",
                }
            ]
        ),
    )
    assert score(report, "officials")["tp"] == 1
    for key in ("officials.title", "officials.org", "officials.country"):
        assert attr(report, key)["accuracy"] == 1.0


def test_official_partial_name_does_not_match() -> None:
    official = Official(id="person/sato", name="Sato", mentions=[evidence("Sato")])
    report = evaluate_dataset(
        dataset(officials=[official]),
        gold(officials=[{"name": "Sato Kenji", "title": "Speaker", "country": "JP"}]),
    )
    assert (score(report, "officials")["fp"], score(report, "officials")["fn"]) == (1, 1)


def test_org_compare_is_folded_and_punctuation_insensitive_on_names_and_mentions() -> None:
    assert org_key("The Lam Dong People’s Committee") == org_key("lam dong people's committee")
    org = Organization(
        id="org/lam-dong-pc",
        name="Lam Dong Provincial People's Committee",
        kind="people_committee",
        mentions=[evidence("Lam Dong People’s Committee")],
    )
    official = Official(
        id="person/dinh-van-tuan",
        name="Dinh Van Tuan",
        title="Vice Chairman",
        organization=org.id,
        country="VN",
        mentions=[evidence("Dinh Van Tuan")],
    )
    data = dataset(officials=[official], organizations=[org])
    ok = evaluate_dataset(
        data,
        gold(
            officials=[
                {
                    "name": "Dinh Van Tuan",
                    "title": "Vice Chairman",
                    "org": "the Lam Dong People's Committee",
                    "country": "VN",
                }
            ]
        ),
    )
    assert attr(ok, "officials.org")["accuracy"] == 1.0
    wrong = evaluate_dataset(
        data,
        gold(
            officials=[
                {
                    "name": "Dinh Van Tuan",
                    "title": "Chairman",
                    "org": "Lam Dong People's Council",
                    "country": "VN",
                }
            ]
        ),
    )
    assert attr(wrong, "officials.org")["accuracy"] == 0.0
    assert attr(wrong, "officials.title")["accuracy"] == 0.0


def test_official_title_and_org_lists_compare_as_sets_with_roles() -> None:
    party = Organization(id="org/party", name="Can Tho City Party Committee", kind="party")
    council = Organization(id="org/council", name="Can Tho City People's Council", kind="council")
    roles = [
        Role(title="Secretary", organization=party.id),
        Role(title="Chairman", organization=council.id),
    ]
    official = Official(
        id="person/tran-van-hoa",
        name="Tran Van Hoa",
        title="Secretary",
        organization=party.id,
        roles=roles,
        country="VN",
        mentions=[evidence("Tran Van Hoa")],
    )
    gold_official = {
        "name": "Tran Van Hoa",
        "title": ["Chairman", "Secretary"],
        "org": ["Can Tho City People's Council", "Can Tho City Party Committee"],
        "country": "VN",
    }
    report = evaluate_dataset(
        dataset(officials=[official], organizations=[party, council]),
        gold(officials=[gold_official]),
    )
    assert attr(report, "officials.title")["accuracy"] == 1.0
    assert attr(report, "officials.org")["accuracy"] == 1.0

    one_role = official.model_copy(update={"roles": roles[:1]})
    report = evaluate_dataset(
        dataset(officials=[one_role], organizations=[party, council]),
        gold(officials=[gold_official]),
    )
    assert attr(report, "officials.title")["accuracy"] == 0.0
    assert attr(report, "officials.org")["accuracy"] == 0.0


def test_an_official_is_scored_on_the_roles_each_document_states() -> None:
    party = Organization(
        id="org/party",
        name="Long An Provincial Party Committee",
        kind="party_committee",
        mentions=[evidence("Long An Provincial Party Committee", 30, OTHER)],
    )
    city = Organization(
        id="org/city",
        name="Ho Chi Minh City People's Committee",
        kind="people_committee",
        mentions=[evidence("Ho Chi Minh City People's Committee", 30)],
    )
    official = Official(
        id="person/nguyen-van-an",
        name="Nguyen Van An",
        title="Secretary",
        organization=party.id,
        roles=[
            Role(title="Secretary", organization=party.id),
            Role(title="Chairman", organization=city.id),
        ],
        country="VN",
        mentions=[evidence("Nguyen Van An"), evidence("Nguyen Van An", 0, OTHER)],
    )
    golds = {
        DOC: {"title": "Chairman", "org": "Ho Chi Minh City People's Committee"},
        OTHER: {"title": "Secretary", "org": "Long An Provincial Party Committee"},
    }
    report = evaluate_dataset(
        dataset(
            officials=[official],
            organizations=[party, city],
            documents=[document(DOC), document(OTHER)],
        ),
        {
            doc: GoldDocument.model_validate(
                {"id": doc, "officials": [{"name": "Nguyen Van An", "country": "VN", **facts}]}
            )
            for doc, facts in golds.items()
        },
    )
    assert attr(report, "officials.title") == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert attr(report, "officials.org") == {"correct": 2, "total": 2, "accuracy": 1.0}


def test_null_gold_org_is_not_scored_but_null_country_is() -> None:
    official = Official(
        id="person/mori", name="Mori Haruto", title="Governor", mentions=[evidence("Mori Haruto")]
    )
    report = evaluate_dataset(
        dataset(officials=[official]),
        gold(
            officials=[{"name": "Mori Haruto", "title": "Governor", "org": None, "country": "JP"}]
        ),
    )
    assert "officials.org" not in report.attributes
    assert attr(report, "officials.country") == {"correct": 0, "total": 1, "accuracy": 0.0}


# --- Partnerships --------------------------------------------------------------------------


def test_partnerships_match_by_unordered_pair_of_names() -> None:
    places = [
        locality("vn/ninh-binh", "Ninh Binh", "VN", "province"),
        locality("jp/nara", "Nara", "JP", "prefecture"),
        locality("jp/otsu", "Otsu", "JP", "city"),
    ]
    ties = [
        partnership(["jp/nara", "vn/ninh-binh"], "mou", established="2016-05"),
        partnership(["jp/otsu", "vn/ninh-binh"], "mou", established=None),
    ]
    report = evaluate_dataset(
        dataset(localities=places, partnerships=ties),
        gold(
            partnerships=[
                {"parties": ["Ninh Binh", "Nara"], "kind": "mou", "date": "2016-05"},
                {"parties": ["Otsu", "Ninh Binh"], "kind": "friendship", "date": "2019"},
            ]
        ),
    )
    assert score(report, "partnerships")["tp"] == 2
    assert attr(report, "partnerships.kind") == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert attr(report, "partnerships.date") == {"correct": 1, "total": 2, "accuracy": 0.5}


def test_proposed_partnerships_are_not_scored() -> None:
    places = [
        locality("vn/ninh-binh", "Ninh Binh", "VN", "province"),
        locality("jp/nara", "Nara", "JP", "prefecture"),
    ]
    tie = partnership(
        ["vn/ninh-binh", "jp/nara"], "cooperation", established=None, status="proposed"
    )
    report = evaluate_dataset(dataset(localities=places, partnerships=[tie]), gold())
    assert score(report, "partnerships")["fp"] == 0
    assert report.proposed_partnerships == 1


def test_partnership_tie_break_by_kind() -> None:
    places = [
        locality("vn/ninh-binh", "Ninh Binh", "VN", "province"),
        locality("jp/nara", "Nara", "JP", "prefecture"),
    ]
    ties = [
        partnership(["vn/ninh-binh", "jp/nara"], "cooperation", established=None),
        partnership(["vn/ninh-binh", "jp/nara"], "mou", established="2016-05"),
    ]
    report = evaluate_dataset(
        dataset(localities=places, partnerships=ties),
        gold(partnerships=[{"parties": ["Nara", "Ninh Binh"], "kind": "mou", "date": "2016-05"}]),
    )
    assert (score(report, "partnerships")["tp"], score(report, "partnerships")["fp"]) == (1, 1)
    assert attr(report, "partnerships.kind")["accuracy"] == 1.0
    [fp] = [m for m in report.mismatches if m.error == "fp" and m.type == "partnerships"]
    assert "cooperation" in fp.text


def test_a_tie_is_dated_by_what_each_document_states() -> None:
    places = [
        locality("vn/ninh-binh", "Ninh Binh", "VN", "province"),
        locality("jp/nara", "Nara", "JP", "prefecture"),
    ]
    claim = DateClaim(date="2016-05", how="stated", evidence=evidence("in May 2016", 40, OTHER))
    tie = partnership(
        ["jp/nara", "vn/ninh-binh"],
        "mou",
        established="2016-05",
        dates=[claim],
        evidence=[evidence("signed an MoU"), evidence("signed an MoU", 20, OTHER)],
    )
    undated = {"parties": ["Nara", "Ninh Binh"], "kind": "mou", "date": None}
    dated = {**undated, "date": "2016-05"}
    golds = {
        DOC: GoldDocument.model_validate({"id": DOC, "partnerships": [undated]}),
        OTHER: GoldDocument.model_validate({"id": OTHER, "partnerships": [dated]}),
    }
    ties = dataset(
        localities=places,
        partnerships=[tie],
        documents=[document(DOC), document(OTHER)],
    )
    report = evaluate_dataset(ties, golds)
    assert attr(report, "partnerships.date") == {"correct": 2, "total": 2, "accuracy": 1.0}
    wrong = evaluate_dataset(
        ties, {DOC: GoldDocument.model_validate({"id": DOC, "partnerships": [dated]})}
    )
    assert attr(wrong, "partnerships.date") == {"correct": 0, "total": 1, "accuracy": 0.0}


# --- Figures -------------------------------------------------------------------------------


def gold_figure(text: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "text": text,
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "metric": "other",
    } | extra


def test_figures_match_by_unit_and_value_within_half_a_percent() -> None:
    predicted = [
        figure("a", "1.004 billion USD", 1_004_000_000, "USD", metric="fdi"),  # within 0.5%
        figure("b", "2.02 billion USD", 2_020_000_000, "USD", metric="fdi"),  # 1% off: FP
        figure("c", "45 projects", 45, "enterprise"),  # wrong unit: FP
    ]
    report = evaluate_dataset(
        dataset(figures=predicted),
        gold(
            figures=[
                gold_figure("1 billion USD", 1_000_000_000, "USD", metric="fdi"),
                gold_figure("2 billion USD", 2_000_000_000, "USD", metric="fdi"),
                gold_figure("45 projects", 45, "project", metric="investment_projects"),
            ]
        ),
    )
    assert score(report, "figures") == {
        "tp": 1,
        "fp": 2,
        "fn": 2,
        "ignored": 0,
        "precision": 0.3333,
        "recall": 0.3333,
        "f1": 0.3333,
    }


def test_figure_tie_break_prefers_the_closer_value_then_the_metric() -> None:
    predicted = [
        figure("a", "about 600", 601, "person", metric="community", qualifier="about"),
        figure("b", "600 interns", 600, "person", metric="interns"),
    ]
    report = evaluate_dataset(
        dataset(figures=predicted),
        gold(figures=[gold_figure("600 interns", 600, "person", metric="interns")]),
    )
    assert attr(report, "figures.metric")["accuracy"] == 1.0
    assert [m.text for m in report.mismatches if m.error == "fp"] == [
        "'about 600' (601 person, about, community)"
    ]
    same_value = [
        figure("a", "300 people", 300, "person", metric="community"),
        figure("b", "300 delegates", 300, "person", metric="participants"),
    ]
    report = evaluate_dataset(
        dataset(figures=same_value),
        gold(figures=[gold_figure("300 delegates", 300, "person", metric="participants")]),
    )
    assert attr(report, "figures.metric")["accuracy"] == 1.0


def test_figure_attributes_qualifier_metric_period() -> None:
    predicted = [
        figure(
            "a", "over 70 firms", 70, "enterprise", metric="investment_projects", qualifier="about"
        )
    ]
    report = evaluate_dataset(
        dataset(figures=predicted),
        gold(
            figures=[
                gold_figure(
                    "over 70 firms",
                    70,
                    "enterprise",
                    qualifier="more_than",
                    metric="enterprises",
                    period="2021",
                )
            ]
        ),
    )
    summary = {k: v["accuracy"] for k, v in report.to_json()["attributes"].items()}
    assert summary == {
        "documents.published": 1.0,
        "figures.metric": 0.0,
        "figures.period": 0.0,
        "figures.qualifier": 0.0,
        "figures.unit": 1.0,
    }


# --- Events --------------------------------------------------------------------------------


def test_events_match_by_date_with_kind_tie_break_and_place_accuracy() -> None:
    places = [locality("vn/hue", "Hue", "VN", "municipality")]
    predicted = [
        event("a", "meeting", date="2024-03-05", locality="vn/hue"),
        event("b", "seminar", date="2024-03-05", locality=None),
        event("c", "forum", date="2024-03-06", locality="vn/hue"),
    ]
    report = evaluate_dataset(
        dataset(localities=places, events=predicted),
        gold(
            events=[
                {"kind": "seminar", "date": "2024-03-05", "place": "Hue"},
                {"kind": "forum", "date": "2024-03-07", "place": "Hue"},
            ]
        ),
    )
    assert (score(report, "events")["tp"], score(report, "events")["fp"]) == (1, 2)
    assert score(report, "events")["fn"] == 1
    assert attr(report, "events.kind")["accuracy"] == 1.0
    assert attr(report, "events.place") == {"correct": 0, "total": 1, "accuracy": 0.0}


def test_event_without_date_matches_gold_without_date() -> None:
    report = evaluate_dataset(
        dataset(events=[event("a", "festival", date=None)]),
        gold(events=[{"kind": "festival", "date": None, "place": None}]),
    )
    assert score(report, "events")["tp"] == 1
    assert attr(report, "events.place")["accuracy"] == 1.0


# --- Scores, determinism, gold files --------------------------------------------------------


def test_scores_are_summed_over_documents() -> None:
    data = dataset(
        documents=[document(), document(OTHER)],
        localities=[
            locality("jp/gifu", "Gifu", "JP", "prefecture"),
            locality("vn/hue", "Hue", "VN", "municipality", document=OTHER),
        ],
    )
    golds = {
        DOC: GoldDocument.model_validate(
            {"id": DOC, "localities": [{"name": "Gifu", "country": "JP", "kind": "prefecture"}]}
        ),
        OTHER: GoldDocument.model_validate(
            {
                "id": OTHER,
                "localities": [{"name": "Hoi An", "country": "VN", "kind": "city"}],
            }
        ),
    }
    report = evaluate_dataset(data, golds)
    assert score(report, "localities") == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "ignored": 0,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    per_doc = report.to_json()["per_document"]
    assert per_doc[DOC]["localities"]["tp"] == 1
    assert per_doc[OTHER]["localities"]["fp"] == 1


def test_report_is_deterministic_whatever_the_prediction_order() -> None:
    predicted = [
        figure(str(i), f"{v} units", v, "project") for i, v in enumerate([10, 10, 20, 30, 30, 40])
    ]
    golden = gold(figures=[gold_figure(f"{v} units", v, "project") for v in (10, 20, 30, 50)])
    first = json.dumps(evaluate_dataset(dataset(figures=predicted), golden).to_json())
    shuffled = predicted[:]
    random.Random(7).shuffle(shuffled)
    again = json.dumps(evaluate_dataset(dataset(figures=shuffled), golden).to_json())
    assert json.loads(first)["scores"] == json.loads(again)["scores"]
    assert first == json.dumps(evaluate_dataset(dataset(figures=predicted), golden).to_json())


def test_match_one_to_one_never_reuses_a_fact() -> None:
    result = match_one_to_one([1, 1], [1, 1, 1], lambda g, p: g == p, lambda g, p: ())
    assert len(result.pairs) == 2
    assert result.unmatched_pred == [1]
    assert result.unmatched_gold == []


def test_published_date_is_an_attribute() -> None:
    report = evaluate_dataset(
        dataset(documents=[document(published="2024-02-02")]),
        {DOC: GoldDocument.model_validate({"id": DOC, "published": "2024-02-03"})},
    )
    assert attr(report, "documents.published") == {"correct": 0, "total": 1, "accuracy": 0.0}


def test_load_gold_rejects_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "localitiez": []}))
    with pytest.raises(GoldError, match=r"a\.json"):
        load_gold(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match="no gold files"):
        load_gold(tmp_path / "empty")
    with pytest.raises(GoldError, match="not a directory"):
        load_gold(tmp_path / "missing")


def test_a_gold_file_nested_too_deeply_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text('{"id": "d", "note": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(GoldError, match=r"deep\.json: not a valid gold file \("):
        load_gold(tmp_path)


def test_no_matching_document_is_an_error() -> None:
    with pytest.raises(GoldError, match="no gold file matches"):
        evaluate_dataset(dataset(documents=[document(OTHER)]), gold())


def test_render_report_prints_tables_and_mismatches() -> None:
    report = evaluate_dataset(
        dataset(localities=[locality("jp/gifu", "Gifu", "JP", "prefecture")]),
        gold(localities=[{"name": "Hoi An", "country": "VN", "kind": "city"}]),
    )
    out = io.StringIO()
    render_report(report, Console(file=out, width=120, color_system=None))
    text = out.getvalue()
    assert "localities" in text and "Attribute accuracy" in text
    assert "FN [not recognised]  Hoi An (VN, city)" in text
    assert "Misses by cause" in text
    assert "FP [not in gold (prefecture)]  Gifu (JP, prefecture) [jp/gifu]" in text


def test_eval_command_scores_a_corpus(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "kobe-visit.txt").write_text(
        "Hue (VNA) - Leaders of the central city of Hue received a delegation from Kobe City "
        "on May 4 and agreed to expand cooperation in tourism./.\n",
        encoding="utf-8",
    )
    golds = tmp_path / "gold"
    golds.mkdir()
    (golds / "kobe-visit.json").write_text(
        json.dumps(
            {
                "id": "kobe-visit",
                "published": None,
                "localities": [{"name": "Hue", "country": "VN", "kind": "municipality"}],
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", str(golds), str(articles), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == ["kobe-visit"]
    assert set(report["scores"]) == {"localities", "officials", "partnerships", "figures", "events"}
    assert report["scores"]["localities"]["tp"] + report["scores"]["localities"]["fn"] == 1
    table = CliRunner().invoke(app, ["eval", str(golds), str(articles)])
    assert table.exit_code == 0
    assert "F1" in table.stdout


def test_eval_command_reports_a_bad_gold_dir(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nothing here.", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope"), str(tmp_path)])
    assert result.exit_code == 2


# --- Misses by cause, corpus splits ---------------------------------------------------------


def test_misses_are_grouped_by_cause() -> None:
    places = [
        locality("vn/ninh-binh", "Ninh Binh", "VN", "province"),
        locality("jp/nara", "Nara", "JP", "prefecture"),
    ]
    proposed = partnership(
        ["vn/ninh-binh", "jp/nara"], "cooperation", established=None, status="proposed"
    )
    report = evaluate_dataset(
        dataset(
            localities=places,
            partnerships=[proposed],
            events=[event("a", "reception", date=None), event("b", "forum", date="2024-05-02")],
        ),
        gold(
            partnerships=[{"parties": ["Ninh Binh", "Nara"], "kind": "mou", "date": None}],
            events=[{"kind": "reception", "date": "2024-05-01", "place": None}],
        ),
    )
    causes = {key: n for key, n in report.causes()}
    assert causes[("partnerships", "fn", "found as proposed")] == 1
    assert causes[("events", "fn", "found undated")] == 1
    assert causes[("events", "fp", "undated")] == 1
    assert causes[("events", "fp", "date not in gold")] == 1
    assert report.to_json()["causes"][0]["count"] == 1


def test_eval_split_scores_only_the_manifest_split(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "texts").mkdir(parents=True)
    (corpus / "gold").mkdir()
    for doc_id in ("a", "b"):
        (corpus / "texts" / f"{doc_id}.txt").write_text("Officials of Hue met.", encoding="utf-8")
        (corpus / "gold" / f"{doc_id}.json").write_text(
            json.dumps({"id": doc_id, "published": None}), encoding="utf-8"
        )
    manifest = "".join(
        json.dumps({"id": i, "split": s}) + "\n" for i, s in (("a", "dev"), ("b", "test"))
    )
    (corpus / "manifest.jsonl").write_text(manifest, encoding="utf-8")
    args = ["eval", str(corpus / "gold"), str(corpus / "texts"), "--json"]
    test = CliRunner().invoke(app, [*args, "--split", "test"])
    assert test.exit_code == 0, test.output
    assert json.loads(test.stdout)["documents"] == ["b"]
    none = CliRunner().invoke(app, [*args, "--split", "holdout"])
    assert none.exit_code == 2
    assert "no article is in the split 'holdout'" in none.output
