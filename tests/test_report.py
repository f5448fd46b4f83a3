"""`vjties report`: the page's content, its safety, and the command (no browser here; see
test_report_browser.py for the page opened in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from ties.sample import ARTICLES, BINH_DUONG_DOC, DA_NANG_DOC, JETRO_TIE, SISTER
from vjties.cli import app
from vjties.context import Texts
from vjties.dataset import dataset_json
from vjties.models import Dataset, Document, Evidence, Locality, Official, Partnership
from vjties.places import locality_point
from vjties.report import embedded_json, render_report, report_data

runner = CliRunner()
HOSTILE_TEXT = (
    "<b>Hue</b> and <script>window.__pwned=1</script> Kyoto became sister cities. "
    'Read more: <a href="javascript:alert(1)">here</a>\n'
)


def hostile_dataset(folder: Path) -> Dataset:
    """A dataset whose every string is markup or a `javascript:` URL, with its article."""
    article = folder / "hostile.txt"
    article.write_text(HOSTILE_TEXT, encoding="utf-8")
    sentence = HOSTILE_TEXT.split(". ")[0]
    piece = Evidence(document="hostile", start=0, end=len(sentence), text=sentence)
    return Dataset(
        documents=[
            Document(
                id="hostile", path="javascript:alert(2)",
                sha256=hashlib.sha256(article.read_bytes()).hexdigest(),
                title="<img src=x onerror=window.__pwned=2>",
                source='<a href="javascript:alert(3)">VNA</a>',
            )
        ],
        localities=[
            Locality(id="jp/kyoto", name="<script>window.__pwned=3</script>", country="JP",
                     kind="prefecture", mentions=[piece]),
            Locality(id="vn/hue", name="<svg onload=window.__pwned=4>", country="VN",
                     kind="province", mentions=[piece]),
        ],
        officials=[Official(id="person/x", name="javascript:alert(4)", mentions=[piece])],
        partnerships=[
            # (A kind cannot be markup: the id spells it and is checked against a pattern.)
            Partnership(id="jp/kyoto~vn/hue~sister_city", parties=["jp/kyoto", "vn/hue"],
                        party_types=["locality", "locality"], kind="sister_city",
                        evidence=[piece])
        ],
    )  # fmt: skip


def blocks(page: str) -> dict[str, str]:
    """The text of each <script> and <style> element, by id (or tag)."""
    found = {}
    for tag, attrs, body in re.findall(r"<(script|style)([^>]*)>(.*?)</\1>", page, re.S):
        name = re.search(r'id="([^"]+)"', attrs)
        found[name.group(1) if name else tag] = body
    return found


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_page_needs_nothing_from_the_network(sample_ties) -> None:
    page = render_report(sample_ties, Texts(sample_ties))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    parts = blocks(page)
    assert policy.startswith("default-src 'none'; img-src data:;")
    assert f"script-src {csp_hash(parts['script'])}" in policy
    assert f"style-src {csp_hash(parts['style'])}" in policy
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", parts["style"])


def test_the_embedded_data_round_trips(sample_ties) -> None:
    texts = Texts(sample_ties, {DA_NANG_DOC: (ARTICLES / f"{DA_NANG_DOC}.txt").read_text()})
    page = render_report(sample_ties, texts)
    parts = blocks(page)
    assert json.loads(parts["vjties-data"]) == json.loads(
        json.dumps(report_data(sample_ties, texts, "vjties report"))
    )
    assert json.loads(parts["vjties-texts"]) == [None, texts.full[DA_NANG_DOC]]
    passages = json.loads(parts["vjties-passages"])
    assert passages[1] is None and passages[0]  # Binh Duong has only the dataset's passages


def test_no_dataset_string_survives_as_markup(tmp_path) -> None:
    dataset = hostile_dataset(tmp_path)
    page = render_report(dataset, Texts(dataset, {"hostile": HOSTILE_TEXT}))
    for needle in ("<img", "<svg", "<b>", "<a ", "<script>window", "</script> Kyoto"):
        assert needle not in page
    assert page.count("<script") == 4  # three JSON blocks and the page's own script
    data = json.loads(blocks(page)["vjties-data"])
    names = {place[1] for place in data["map"]["places"]}
    assert names == {"<script>window.__pwned=3</script>", "<svg onload=window.__pwned=4>"}


def test_embedded_json_cannot_close_its_script() -> None:
    text = embedded_json({"a": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script> & <!-- \u2028"}


def test_every_tie_is_drawn_and_the_unplaced_are_counted(sample_ties) -> None:
    data = report_data(sample_ties, Texts(sample_ties), "t")
    places, ties = data["map"]["places"], data["map"]["ties"]
    assert len(ties) == len(sample_ties.partnerships)
    for tie, drawn in zip(sample_ties.partnerships, ties, strict=True):
        assert [places[drawn[0]][0], places[drawn[1]][0]] == tie.parties
        assert drawn[2:5] == [tie.kind, tie.status, 1]
    for place in places:
        point = locality_point(place[0]) if not place[0].startswith("org/") else None
        if place[0] == "org/jetro":  # no locality: in the margin
            assert place[6] == "none"
        elif point is None:
            assert place[6] == "none" and place[0] in data["map"]["unplaced"]
        else:
            assert place[6] in ("own", "parent's")
    assert set(data["map"]["unplaced"]) >= {"org/jetro"}


def test_tables_carry_rows_and_evidence_for_every_record(sample_ties) -> None:
    data = report_data(sample_ties, Texts(sample_ties), "t")
    tables = {t["key"]: t for t in data["tables"]}
    assert len(tables["ties"]["rows"]) == 3 and len(tables["figures"]["rows"]) == 2
    assert len(tables["officials"]["rows"]) == 1 and len(tables["localities"]["rows"]) == 5
    # The timeline holds the dated tie and the event, by date.
    timeline = tables["timeline"]
    assert [r[:3] for r in timeline["rows"]] == [
        ["2014", None, "tie"],
        ["2024-03-05", None, "event"],
    ]
    sister = tables["ties"]["ids"].index(SISTER)
    pieces = [data["evidence"]["start"][i] for i in tables["ties"]["evidence"][sister]]
    assert sorted(pieces) == [67, 134]
    jetro = tables["ties"]["rows"][tables["ties"]["ids"].index(JETRO_TIE)]
    assert jetro[:4] == ["Japan External Trade Organization", "JP", "Binh Duong", "VN"]


def test_report_command_writes_the_page_and_names_a_changed_article(sample_ties, tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / f"{DA_NANG_DOC}.txt").write_bytes((ARTICLES / f"{DA_NANG_DOC}.txt").read_bytes())
    (articles / f"{BINH_DUONG_DOC}.txt").write_text("changed", encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(source), str(articles), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "SHA-256 differs" in result.stderr
    assert f"wrote {out} (article text for 1 of 2 documents)" in " ".join(result.stderr.split())
    texts = json.loads(blocks(out.read_text())["vjties-texts"])
    assert texts[0] is None and texts[1].startswith("Da Nang and Sakai")


def test_report_command_refuses_a_bad_dataset(tmp_path) -> None:
    (tmp_path / "d.json").write_text('{"documents": 1}')
    result = runner.invoke(
        app, ["report", str(tmp_path / "d.json"), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2 and "not a vjties dataset" in result.stderr
    assert not (tmp_path / "r.html").exists()
