"""Inputs as users have them (issue 16): syndicated copies, scraper layouts, web pages,
glued second stories and stdin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vjties.cli import app
from vjties.duplicates import text_key
from vjties.errors import ExitCode
from vjties.html import looks_like_html

runner = CliRunner()

ARTICLE = (
    "Lang Son and Toyama expand exchanges\n"
    "Lang Son (VNA) – The northern province of Lang Son and Japan's Toyama prefecture signed a "
    "memorandum of understanding on cooperation on March 3, 2024. Toyama firms invested "
    "20 million USD in Lang Son in 2023.\n"
)
PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Hanoi and Aichi sign pact</title>"
    '<meta name="author" content="Jane Doe">'
    '<meta property="og:site_name" content="VnExpress">'
    '<meta property="article:published_time" content="2024-03-05"></head>'
    "<body><nav>Home | World | Business</nav><article><h1>Hanoi and Aichi sign pact</h1>"
    "<p>Hanoi and Japan's Aichi Prefecture signed a friendship agreement on March 4, 2024, "
    "officials said. The two localities will cooperate in trade and education.</p>"
    "<p>Japanese investment in Hanoi reached 1.2 billion USD in 2023.</p></article>"
    "<footer>Copyright 2024 VnExpress</footer></body></html>\n"
)


def extract(*args: str, input: str | None = None) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["extract", *args], input=input)
    data = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, data, result.stderr


def facts_of(data: dict[str, Any], document: str) -> int:
    """The number of evidence entries that point into `document`."""
    return json.dumps(data).count(f'"document": "{document}"')


def test_text_key_ignores_spacing_line_endings_and_normalization() -> None:
    assert text_key("Hà Nội\r\n  signed ") == text_key("Ha\u0300 Nội signed")
    assert text_key("Hanoi signed") != text_key("Hanoi signs")


def test_syndicated_copies_count_once(tmp_path: Path) -> None:
    for name in ("a_vna", "b_vnexpress", "c_nhandan"):
        # The same wire story, with its own line endings and spacing on each site.
        (tmp_path / f"{name}.txt").write_text(
            ARTICLE if name != "c_nhandan" else ARTICLE.replace("\n", "\r\n  "), encoding="utf-8"
        )
    code, data, _ = extract(str(tmp_path))
    assert code == 0
    documents = {d["id"]: d["duplicate_of"] for d in data["documents"]}
    assert documents == {"a_vna": None, "b_vnexpress": "a_vna", "c_nhandan": "a_vna"}
    assert facts_of(data, "a_vna") > 0
    assert facts_of(data, "b_vnexpress") == facts_of(data, "c_nhandan") == 0
    (tie,) = data["partnerships"]
    assert {e["document"] for e in tie["evidence"]} == {"a_vna"}
    code, kept, _ = extract(str(tmp_path), "--keep-duplicates")
    assert code == 0
    assert [d["duplicate_of"] for d in kept["documents"]] == [None, None, None]
    assert len(kept["partnerships"][0]["evidence"]) == 3


def test_ids_from_paths_for_scraper_layouts(tmp_path: Path) -> None:
    for site in ("vnexpress/2024", "nhandan"):
        (tmp_path / site).mkdir(parents=True)
        (tmp_path / site / "index.txt").write_text(ARTICLE + site + "\n", encoding="utf-8")
    code, _, stderr = extract(str(tmp_path))
    assert code == ExitCode.PARTIAL
    assert "has the same document id 'index'" in stderr
    code, data, _ = extract(str(tmp_path), "--id-from", "path")
    assert code == 0
    assert [d["id"] for d in data["documents"]] == ["nhandan/index", "vnexpress/2024/index"]
    assert all(e["document"] != "index" for e in data["partnerships"][0]["evidence"])


def test_html_pages_are_read_for_their_article(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(ARTICLE, encoding="utf-8")  # not an article by default
    code, data, _ = extract(str(tmp_path))
    assert code == 0
    (document,) = data["documents"]
    assert (document["id"], document["title"], document["author"], document["source"]) == (
        "page",
        "Hanoi and Aichi sign pact",
        "Jane Doe",
        "VnExpress",
    )
    assert document["published"] == "2024-03-05"
    text = document["text"]
    assert "<" not in text and "Home | World" not in text and "Copyright" not in text
    # Every offset points into the stored text.
    for figure in data["figures"]:
        evidence = figure["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert {tuple(t["parties"]) for t in data["partnerships"]} == {("jp/aichi", "vn/hanoi")}
    assert any(f["value"] == 1_200_000_000 for f in data["figures"])


def test_html_on_stdin_is_detected() -> None:
    assert looks_like_html(PAGE) and looks_like_html("\n<html lang='en'><body>")
    assert not looks_like_html(ARTICLE) and not looks_like_html("<b>bold</b> news")
    code, data, _ = extract("-", input=PAGE)
    assert code == 0
    assert data["documents"][0]["title"] == "Hanoi and Aichi sign pact"
    assert data["documents"][0]["text"].startswith("Hanoi and Aichi sign pact")


def test_a_page_without_an_article_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><head><title></title></head><body><script>track()</script></body></html>"
    )
    code, _, stderr = extract(str(tmp_path / "empty.html"))
    assert code == ExitCode.USAGE
    assert "no article text was found" in stderr


def test_a_glued_second_story_is_a_document_of_its_own(tmp_path: Path) -> None:
    second = (
        "Khanh Hoa seeks Japanese tourists\n"
        "The south-central province of Khanh Hoa will host a tourism roadshow in Osaka next "
        "month, the provincial tourism department said.\n"
    )
    (tmp_path / "glued.txt").write_text(ARTICLE.rstrip("\n") + "/.\n" + second)
    code, data, _ = extract(str(tmp_path))
    assert code == 0
    first, glued = data["documents"]
    assert (first["id"], glued["id"]) == ("glued", "glued~2")
    assert glued["title"] == "Khanh Hoa seeks Japanese tourists"
    assert glued["text"] == second
    assert [s["kind"] for s in first["boilerplate"]][-1] == "second_story"
    osaka = next(p for p in data["localities"] if p["id"] == "jp/osaka")
    (mention,) = osaka["mentions"]
    assert mention["document"] == "glued~2"
    assert glued["text"][mention["start"] : mention["end"]] == "Osaka"


@pytest.mark.parametrize("stdin", ["", "  \n\n"])
def test_an_empty_stdin_is_an_error(stdin: str) -> None:
    code, _, stderr = extract("-", input=stdin)
    assert code == ExitCode.USAGE == 2
    assert "-: is empty (did the command piping into vjties fail?)" in stderr


def test_stdin_on_a_terminal_gets_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import vjties.cli

    said: list[str] = []
    monkeypatch.setattr(vjties.cli, "_say", said.append)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    vjties.cli._hint_stdin(["-"], quiet=False)
    assert said == [
        "reading an article from stdin; end it with Ctrl-D (or pipe one in: cat a.txt | ...)"
    ]
    said.clear()
    vjties.cli._hint_stdin(["-"], quiet=True)
    vjties.cli._hint_stdin(["a.txt"], quiet=False)
    assert said == []


def test_a_terminal_gets_a_summary_line_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vjties.runtime import err_console

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(err_console, "_force_terminal", True)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    counts = ", ".join(
        f"{len(data[field])} {field}"
        for field in ("localities", "organizations", "officials", "partnerships")
    )
    assert f"extracted 2 documents (1 copies of others): {counts}, " in result.stderr
    assert result.stderr.rstrip().endswith(f"-> {out}")
    quiet = runner.invoke(app, ["extract", str(tmp_path), "-q", "-o", str(out)])
    assert "extracted" not in quiet.stderr


def test_check_reextracts_with_the_same_input_options(tmp_path: Path) -> None:
    for site in ("a", "b"):
        (tmp_path / "scrape" / site).mkdir(parents=True)
        (tmp_path / "scrape" / site / "index.txt").write_text(ARTICLE, encoding="utf-8")
    scrape, data = str(tmp_path / "scrape"), str(tmp_path / "data.json")
    assert runner.invoke(app, ["extract", scrape, "--id-from", "path", "-o", data]).exit_code == 0
    assert json.loads(Path(data).read_text())["documents"][1]["duplicate_of"] == "a/index"
    same = runner.invoke(app, ["check", data, scrape, "--id-from", "path"])
    assert same.exit_code == 0, same.output
    kept = runner.invoke(app, ["check", data, scrape, "--id-from", "path", "--keep-duplicates"])
    assert kept.exit_code == ExitCode.DIFFERENT
    assert f"regenerate with: vjties extract {scrape} --id-from path --keep-duplicates" in (
        kept.stderr
    )


LONG_STORY = " ".join(
    f"Sentence {n} of the wire story says that Lang Son and Toyama agreed on point {n}."
    for n in range(40)
)


def test_near_copies_by_shingling() -> None:
    from vjties.duplicates import NearCopies

    copies = NearCopies()
    assert copies.first_copy("vna", LONG_STORY) is None
    # Another site's header line and a changed word: still the same story.
    edited = "VIETNAMPLUS | Politics\n" + LONG_STORY.replace("point 7.", "item 7.")
    assert copies.first_copy("vnexpress", edited) == "vna"
    # Half the story is another story: not a copy.
    other = LONG_STORY[: len(LONG_STORY) // 2] + LONG_STORY[: len(LONG_STORY) // 2].replace(
        "Lang Son", "Khanh Hoa"
    )
    assert copies.first_copy("other", other) is None
    assert copies.first_copy("empty", "   ") is None


def test_near_duplicates_only_when_asked(tmp_path: Path) -> None:
    story = ARTICLE + LONG_STORY + "\n"
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Source: Nhan Dan\n" + story, encoding="utf-8")
    code, exact, _ = extract(str(tmp_path))
    assert code == 0 and [d["duplicate_of"] for d in exact["documents"]] == [None, None]
    code, near, _ = extract(str(tmp_path), "--near-duplicates")
    assert code == 0 and [d["duplicate_of"] for d in near["documents"]] == [None, "a"]
    assert facts_of(near, "b") == 0
