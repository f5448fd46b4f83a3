"""`vjties explain ID`: a record and each piece of its evidence marked in its sentence."""

from __future__ import annotations

import io

from rich.console import Console
from typer.testing import CliRunner

from ties.sample import ARTICLES, DA_NANG_DOC, SISTER
from vjties.cli import app
from vjties.context import Texts
from vjties.dataset import dataset_json
from vjties.explain import find_record, render_explanation, visible
from vjties.models import Dataset, Document, Evidence, Locality

runner = CliRunner()


def write(dataset: Dataset, tmp_path) -> str:
    path = tmp_path / "d.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return str(path)


def test_a_tie_is_shown_with_its_sentence_and_the_span_marked(sample_ties, tmp_path) -> None:
    result = runner.invoke(
        app, ["explain", SISTER, str(ARTICLES), "-d", write(sample_ties, tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"partnership {SISTER}\n")
    assert "  parties: Sakai (jp/osaka/sakai), Da Nang (vn/da-nang)\n" in out
    assert "  established: 2014\n" in out
    assert "  dates: date 2014, how stated\n" in out
    flat = " ".join(out.split())
    assert "evidence 1 of 2: sakai_danang, characters 134-138, its sentence in the article" in flat
    assert "evidence 2 of 2: sakai_danang, characters 67-138, its sentence in the article" in flat
    # The sentence runs on past the span; the span is between [[ ]] on a plain terminal.
    assert (
        "DA NANG (VNA) - [[Da Nang and Sakai city of Osaka prefecture became sister cities in "
        "2014]], Chairman of the Da Nang City People's Committee Le Trung Chinh said at a "
        "reception on March 5, 2024." in flat
    )


def test_without_articles_the_context_is_what_the_dataset_holds(sample_ties, tmp_path) -> None:
    record_id = f"{DA_NANG_DOC}/date/2014"
    result = runner.invoke(app, ["explain", record_id, "-d", write(sample_ties, tmp_path)])
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "what the dataset holds of the article (give the article files" in flat
    assert "Da Nang and Sakai city of Osaka prefecture became sister cities in [[2014]]" in flat


def test_an_unknown_id_says_which_ids_are_close(sample_ties, tmp_path) -> None:
    result = runner.invoke(app, ["explain", "sakai", "-d", write(sample_ties, tmp_path)])
    assert result.exit_code == 2
    assert "has no record with id 'sakai'; did you mean: jp/osaka/sakai," in result.stderr


def test_a_changed_article_is_named_and_not_used(sample_ties, tmp_path) -> None:
    (tmp_path / f"{DA_NANG_DOC}.txt").write_text("Something else entirely.", encoding="utf-8")
    dataset = write(sample_ties, tmp_path)
    result = runner.invoke(
        app, ["explain", SISTER, str(tmp_path / f"{DA_NANG_DOC}.txt"), "-d", dataset]
    )
    assert result.exit_code == 0
    assert "SHA-256 differs" in result.stderr
    assert "what the dataset holds" in result.stdout


def hostile_dataset() -> Dataset:
    text = "Da Nang\x1b[2J\x1b]8;;http://x\x07 [bold red]boom[/] \u202eevil \r over"
    piece = Evidence(document="h", start=0, end=len(text), text=text)
    return Dataset(
        documents=[Document(id="h", path="h.txt", sha256="0" * 64)],
        localities=[
            Locality(
                id="vn/da-nang", name="Da Nang [link=http://x]y[/link]", country="VN",
                kind="municipality", mentions=[piece],
            )
        ],
    )  # fmt: skip


def test_control_characters_and_markup_from_the_dataset_stay_inert(tmp_path) -> None:
    result = runner.invoke(app, ["explain", "vn/da-nang", "-d", write(hostile_dataset(), tmp_path)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b]8;;http://x\\x07 [bold red]boom[/] \\u202eevil \\x0d over" in out
    assert "name: Da Nang [link=http://x]y[/link]" in out


def test_on_a_terminal_the_span_is_highlighted_with_its_label(sample_ties) -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="standard", width=200)
    texts = Texts(sample_ties, {})
    found = find_record(sample_ties, SISTER)
    assert found is not None
    render_explanation(found, sample_ties, texts, console)
    out = stream.getvalue()
    assert "[[" not in out
    assert " PARTNERSHIP " in out and "\x1b[" in out  # rich's own styling only


def test_long_evidence_lists_are_cut_with_a_note(sample_ties) -> None:
    stream = io.StringIO()
    found = find_record(sample_ties, "vn/da-nang")
    assert found is not None
    render_explanation(found, sample_ties, Texts(sample_ties), Console(file=stream), limit=2)
    assert "evidence 2 of 5" in stream.getvalue()
    assert "... and 3 more (--all shows them)" in stream.getvalue()


def test_visible_escapes_what_a_terminal_would_obey() -> None:
    assert visible("a\x1b[31mb\tc\x9bd\u2066e\nf") == "a\\x1b[31mb c\\x9bd\\u2066e\nf"
