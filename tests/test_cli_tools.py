"""The dataset tools on the command line: diff, check, merge, show, schema (in-process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factories import evidence, partnership
from vjties.cli import app
from vjties.dataset import dataset_json, dataset_jsonl
from vjties.models import (
    Dataset,
    DateClaim,
    Document,
    Event,
    Figure,
    Locality,
    Official,
)

runner = CliRunner()


def ties_dataset() -> Dataset:
    """A small dataset in vjties' own order, about an article that exists only here."""
    return Dataset(
        documents=[
            Document(
                id="hb-01",
                path="articles/hb-01.txt",
                sha256="0f" * 32,
                title="Hoa Binh and Shimane sign cooperation deal",
                published="2024-10-02",
                source="VNA",
            )
        ],
        localities=[
            Locality(
                id="jp/shimane",
                name="Shimane",
                country="JP",
                kind="prefecture",
                mentions=[evidence("Shimane", 20, "hb-01"), evidence("Shimane", 140, "hb-01")],
            ),
            Locality(
                id="vn/hoa-binh",
                name="Hoa Binh",
                country="VN",
                kind="province",
                mentions=[evidence("Hoa Binh", 7, "hb-01")],
            ),
        ],
        officials=[
            Official(
                id="person/bui-van-khanh",
                name="Bui Van Khanh",
                title="Chairman",
                country="VN",
                locality="vn/hoa-binh",
                mentions=[evidence("Bui Van Khanh", 60, "hb-01")],
            )
        ],
        partnerships=[
            partnership(
                ["jp/shimane", "vn/hoa-binh"],
                "mou",
                established="2024-10-01",
                dates=[
                    DateClaim(
                        date="2024-10-01",
                        how="stated",
                        evidence=evidence("October 1", 100, "hb-01"),
                    )
                ],
                evidence=[evidence("signed an MoU", 90, "hb-01")],
            )
        ],
        figures=[
            Figure(
                id="hb-01/figure/investment-capital-1",
                text="about 45 million USD",
                value=45_000_000,
                unit="USD",
                qualifier="about",
                metric="investment_capital",
                localities=["vn/hoa-binh"],
                countries=["JP"],
                evidence=evidence("about 45 million USD", 180, "hb-01"),
            )
        ],
        events=[
            Event(
                id="hb-01/event/signing-1",
                kind="signing",
                date="2024-10-01",
                date_how="stated",
                locality="vn/hoa-binh",
                participants=["person/bui-van-khanh"],
                evidence=evidence("signed an MoU", 90, "hb-01"),
            )
        ],
    )


def write(path: Path, dataset: Dataset) -> str:
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return str(path)


def diff(*args: str, input: str | None = None) -> typer.testing.Result:
    return runner.invoke(app, ["diff", *args], input=input)


@pytest.fixture
def old(tmp_path: Path) -> str:
    return write(tmp_path / "old.json", ties_dataset())


# diff


def test_diff_same_exits_0(tmp_path: Path, old: str) -> None:
    new = write(tmp_path / "new.json", ties_dataset())
    result = diff(old, new)
    assert result.exit_code == 0
    assert result.stdout.startswith("no differences")


def test_diff_changed_figure_value(tmp_path: Path, old: str) -> None:
    changed = ties_dataset()
    changed.figures[0].value = 52_000_000
    new = write(tmp_path / "new.json", changed)
    result = diff(old, new)
    assert result.exit_code == 1
    assert "~ figure hb-01/figure/investment-capital-1  changed" in result.stdout
    assert "value: 45000000 -> 52000000" in result.stdout
    as_json = json.loads(diff(old, new, "--format", "json").stdout)
    assert as_json["changed"][0]["changes"] == [
        {"path": "value", "kind": "changed", "old": 45_000_000, "new": 52_000_000}
    ]
    assert as_json["counts"]["figure"]["changed"] == 1


def test_diff_added_locality(tmp_path: Path, old: str) -> None:
    grown = ties_dataset()
    grown.localities.append(
        Locality(
            id="vn/son-la",
            name="Son La",
            country="VN",
            kind="province",
            mentions=[evidence("Son La", 300, "hb-01")],
        )
    )
    result = diff(old, write(tmp_path / "new.json", grown))
    assert result.exit_code == 1
    assert "+ locality vn/son-la  added  Son La" in result.stdout
    as_json = json.loads(diff(old, str(tmp_path / "new.json"), "-f", "json").stdout)
    assert [(a["type"], a["id"]) for a in as_json["added"]] == [("locality", "vn/son-la")]
    assert as_json["added"][0]["record"]["name"] == "Son La"


def test_diff_removed_partnership(tmp_path: Path, old: str) -> None:
    smaller = ties_dataset()
    smaller.partnerships = []
    result = diff(old, write(tmp_path / "new.json", smaller))
    assert result.exit_code == 1
    assert "- partnership jp/shimane~vn/hoa-binh~mou  removed" in result.stdout
    as_json = json.loads(diff(old, str(tmp_path / "new.json"), "--format", "json").stdout)
    assert as_json["removed"][0]["record"]["kind"] == "mou"


def test_diff_stat_gives_counts_only(tmp_path: Path, old: str) -> None:
    changed = ties_dataset()
    changed.figures[0].value = 1
    changed.partnerships = []
    new = write(tmp_path / "new.json", changed)
    result = diff(old, new, "--stat")
    assert result.exit_code == 1
    assert "partnership" in result.stdout and "figure" in result.stdout
    assert "value:" not in result.stdout and "- partnership" not in result.stdout
    counts = json.loads(diff(old, new, "--stat", "--format", "json").stdout)
    assert set(counts) == {"old", "new", "same", "counts"}
    assert counts["counts"]["partnership"]["removed"] == 1


def test_diff_evidence_moved_and_ignored(tmp_path: Path, old: str) -> None:
    moved = ties_dataset()
    moved.localities[0].mentions = [
        evidence("Shimane", 25, "hb-01"),
        evidence("Shimane", 145, "hb-01"),
    ]
    new = write(tmp_path / "new.json", moved)
    result = diff(old, new)
    assert result.exit_code == 1
    assert "~ locality jp/shimane  evidence moved" in result.stdout
    assert "mentions[0]: evidence moved 20-27 -> 25-32" in result.stdout
    ignored = diff(old, new, "--ignore-evidence")
    assert ignored.exit_code == 0


def test_diff_ignores_a_moved_corpus_folder_unless_asked(tmp_path: Path, old: str) -> None:
    moved = ties_dataset()
    moved.documents[0].path = "elsewhere/articles/hb-01.txt"
    new = write(tmp_path / "new.json", moved)
    same = diff(old, new)
    assert (same.exit_code, same.stdout) == (0, f"no differences between {old} and {new}\n")
    asked = diff(old, new, "--compare-paths")
    assert asked.exit_code == 1
    assert 'path: "articles/hb-01.txt" -> "elsewhere/articles/hb-01.txt"' in asked.stdout


def test_diff_reads_stdin_and_jsonl(tmp_path: Path, old: str) -> None:
    result = diff(old, "-", input=dataset_jsonl(ties_dataset()))
    assert result.exit_code == 0, result.output
    assert "stdin" in result.stdout


def test_diff_output_is_plain_when_piped(
    tmp_path: Path, old: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    changed = ties_dataset()
    changed.figures[0].value = 1
    result = diff(old, write(tmp_path / "new.json", changed))
    assert "\x1b[" not in result.stdout


def test_diff_other_schema_version_exits_2(tmp_path: Path, old: str) -> None:
    raw = ties_dataset().model_dump(mode="json") | {"schema_version": "2"}
    future = tmp_path / "future.json"
    future.write_text(json.dumps(raw), encoding="utf-8")
    result = diff(old, str(future))
    assert result.exit_code == 2
    assert str(future) in result.stderr
    assert "schema_version '2'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        ('{"documents": []}', "not a vjties dataset"),
        ("Da Lat (VNA) - this is an article.", "not valid JSON"),
    ],
)
def test_diff_trouble_exits_2(tmp_path: Path, old: str, content: str | None, reason: str) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = diff(str(bad), old)
    assert result.exit_code == 2
    assert str(bad) in result.stderr and reason in result.stderr


def test_diff_refuses_stdin_twice() -> None:
    result = diff("-", "-", input="{}")
    assert result.exit_code == 2
    assert "stdin" in result.stderr


# check


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the repository's seeds with a freshly extracted data/vjties.json."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", "seeds/", "-q", "-o", "data/vjties.json"])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_check_edited_seed_exits_1_then_0_when_restored(scratch: Path) -> None:
    assert runner.invoke(app, ["check"]).exit_code == 0
    seed = sorted((scratch / "seeds").glob("*.txt"))[2]
    original = seed.read_bytes()
    text = original.decode("utf-8")
    sentence_end = text.index(". ", len(text) // 2)
    seed.write_text(
        text[:sentence_end] + " and in Ninh Thuan" + text[sentence_end:], encoding="utf-8"
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert f"document {seed.stem}" in result.stdout
    assert "sha256" in result.stdout
    assert "regenerate with: vjties extract seeds/ -o data/vjties.json" in result.stderr
    seed.write_bytes(original)
    restored = runner.invoke(app, ["check", "data/vjties.json", "seeds/"])
    assert restored.exit_code == 0, restored.output
    assert "up to date" in restored.stderr


def test_check_json_format_with_jobs(scratch: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "json", "--jobs", "2"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["same"] is True


def test_check_stale_record_exits_1(scratch: Path) -> None:
    committed = Dataset.model_validate_json((scratch / "data/vjties.json").read_text())
    committed.localities.append(
        Locality(id="vn/yen-bai", name="Yen Bai", country="VN", kind="province")
    )
    write(scratch / "data/vjties.json", committed)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "- locality vn/yen-bai  removed" in result.stdout


def test_check_accepts_jsonl_and_notices_rewritten_file(scratch: Path) -> None:
    jsonl = runner.invoke(app, ["extract", "seeds/", "-q", "-f", "jsonl", "-o", "data/v.jsonl"])
    assert jsonl.exit_code == 0
    assert runner.invoke(app, ["check", "data/v.jsonl", "seeds/"]).exit_code == 0
    compact = json.dumps(json.loads((scratch / "data/vjties.json").read_text()))
    (scratch / "data/vjties.json").write_text(compact, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "same records" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "data/missing.json"],
            "create it with: vjties extract seeds/ -o data/missing.json",
        ),
        (["check", "data/vjties.json", "no-such-dir/"], "no-such-dir"),
        (["check", "data/vjties.json", "seeds/", "--glob", "*.md"], "--glob"),
        (["check", "data/new set.json", "seeds/", "--glob", "*.md"], "--glob"),
        (
            ["check", "data/new set.json"],
            "create it with: vjties extract seeds/ -o 'data/new set.json'",
        ),
    ],
)
def test_check_trouble_exits_2(scratch: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_check_other_schema_version_exits_2(scratch: Path) -> None:
    path = scratch / "data/vjties.json"
    path.write_text(path.read_text().replace('"schema_version": "1"', '"schema_version": "0"'))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "data/vjties.json" in result.stderr and "schema_version '0'" in result.stderr


def test_extract_piped_into_diff(scratch: Path) -> None:
    extracted = runner.invoke(app, ["extract", "seeds/", "-q"])
    result = diff("data/vjties.json", "-", input=extracted.stdout)
    assert result.exit_code == 0, result.output


def test_extract_piped_into_diff_in_a_shell(scratch: Path) -> None:
    vjties = [sys.executable, "-m", "vjties"]
    extract = subprocess.Popen([*vjties, "extract", "seeds/", "-q"], stdout=subprocess.PIPE)
    result = subprocess.run(
        [*vjties, "diff", "data/vjties.json", "-"],
        stdin=extract.stdout,
        capture_output=True,
        text=True,
    )
    assert extract.stdout is not None
    extract.stdout.close()
    assert extract.wait() == 0
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("no differences")


# merge


def test_merging_halves_gives_the_bytes_of_one_extraction(scratch: Path) -> None:
    seeds = sorted(str(p.relative_to(scratch)) for p in (scratch / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for fmt in ("json", "jsonl"):
        whole = runner.invoke(app, ["extract", *seeds, "-q", "-f", fmt]).stdout
        runner.invoke(app, ["extract", *seeds[:2], "-q", "-f", fmt, "-o", f"a.{fmt}"])
        runner.invoke(app, ["extract", *seeds[2:], "-q", "-f", fmt, "-o", f"b.{fmt}"])
        for parts in ([f"a.{fmt}", f"b.{fmt}"], [f"b.{fmt}", f"a.{fmt}"]):
            merged = runner.invoke(app, ["merge", *parts, "-f", fmt])
            assert merged.exit_code == 0, merged.output
            assert merged.stdout == whole
            assert merged.stderr == ""  # parts of one corpus never conflict


def test_merge_combines_records_across_parts(tmp_path: Path) -> None:
    first = ties_dataset()
    second = Dataset(
        documents=[Document(id="hb-02", path="articles/hb-02.txt", sha256="1e" * 32)],
        localities=[
            Locality(
                id="jp/shimane",
                name="Shimane",
                country="JP",
                kind="prefecture",
                mentions=[evidence("Shimane", 3, "hb-02")],
            )
        ],
    )
    write(tmp_path / "one.json", first)
    (tmp_path / "two.jsonl").write_text(dataset_jsonl(second), encoding="utf-8")
    out = tmp_path / "merged.json"
    result = runner.invoke(
        app, ["merge", str(tmp_path / "one.json"), str(tmp_path / "two.jsonl"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    merged = Dataset.model_validate_json(out.read_text())
    assert [d.id for d in merged.documents] == ["hb-01", "hb-02"]
    shimane = merged.localities[0]
    assert [(m.document, m.start) for m in shimane.mentions] == [
        ("hb-01", 20),
        ("hb-01", 140),
        ("hb-02", 3),
    ]


def test_merge_conflicting_documents_exits_2(tmp_path: Path) -> None:
    other = ties_dataset()
    other.documents[0].sha256 = "ee" * 32
    one = write(tmp_path / "one.json", ties_dataset())
    two = write(tmp_path / "two.json", other)
    result = runner.invoke(app, ["merge", one, two, "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert "hb-01" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_merge_reads_stdin(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", ties_dataset())
    result = runner.invoke(app, ["merge", one, "-"], input=dataset_json(ties_dataset()))
    assert result.exit_code == 0
    assert result.stdout == dataset_json(ties_dataset())


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_file_extract_writes_reads_back_through_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # Issue 14, row 4: line and paragraph separators in an article, and an empty article.
    monkeypatch.chdir(tmp_path)
    Path("articles").mkdir()
    article = (SEEDS / "001_e8194724c3fb40e8.txt").read_text(encoding="utf-8")
    Path("articles/separators.txt").write_text(
        article.replace(". ", ".\u2028", 3).replace("\n", "\u2029\n", 2) + "\u0085end\n",
        encoding="utf-8",
    )
    Path("articles/empty.txt").write_bytes(b"")
    for articles in (["articles"], ["articles/empty.txt"], ["articles/separators.txt"]):
        extracted = runner.invoke(app, ["extract", *articles, "-f", fmt, "-o", f"data.{fmt}"])
        assert extracted.exit_code == 0, extracted.output
        for command in (
            ["show", f"data.{fmt}"],
            ["diff", f"data.{fmt}", f"data.{fmt}"],
            ["check", f"data.{fmt}", *articles],
            ["merge", f"data.{fmt}", "-f", fmt],
        ):
            result = runner.invoke(app, command)
            assert result.exit_code == 0, (command, result.output)
        merged = runner.invoke(app, ["merge", f"data.{fmt}", "-f", fmt])
        assert merged.stdout == Path(f"data.{fmt}").read_text(encoding="utf-8")


def test_an_empty_shard_writes_a_file_that_reads_back(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Hanoi and Osaka sign an MoU.\n", encoding="utf-8")
    out = tmp_path / "part.jsonl"
    # a.txt falls in one of the two shards; the other writes no record at all.
    for shard in ("1/2", "2/2"):
        result = runner.invoke(
            app, ["extract", str(article), "--shard", shard, "-f", "jsonl", "-o", str(out)]
        )
        assert result.exit_code == 0
        assert runner.invoke(app, ["show", str(out)]).exit_code == 0
        assert runner.invoke(app, ["merge", str(out), str(out)]).exit_code == 0


def test_merge_never_writes_over_an_input_or_a_directory(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", ties_dataset())
    before = (tmp_path / "one.json").read_bytes()
    result = runner.invoke(app, ["merge", one, "-o", one])
    assert result.exit_code == 2
    assert "one.json: is one of the inputs; vjties never writes over an input" in result.stderr
    assert (tmp_path / "one.json").read_bytes() == before
    result = runner.invoke(app, ["merge", one, "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a directory; give -o a file name inside it\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.json"]


# show


def test_show_prints_the_tables(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", ties_dataset())
    result = runner.invoke(app, ["show", path])
    assert result.exit_code == 0, result.output
    for title in ("documents", "localities", "partnerships", "figures", "events", "officials"):
        assert title in result.stdout
    assert "Hoa Binh and Shimane sign cooperation deal" in result.stdout
    assert "Bui Van Khanh" in result.stdout and "Chairman" in result.stdout
    assert "\x1b[" not in result.stdout


def test_show_one_type_from_stdin() -> None:
    result = runner.invoke(
        app, ["show", "-", "--type", "partnerships"], input=dataset_json(ties_dataset())
    )
    assert result.exit_code == 0, result.output
    assert "partnerships" in result.stdout
    assert "2024-10-01" in result.stdout and "mou" in result.stdout
    header, _, tables = result.stdout.partition("\n\n")
    assert header == (
        "stdin: 1 documents, 2 localities, 0 organizations, 1 officials, 1 partnerships, "
        "1 figures, 0 dates, 1 events"
    )
    assert "officials" not in tables and "Bui Van Khanh" not in tables


def test_show_names_the_file_and_limits_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", ties_dataset())
    result = runner.invoke(app, ["show", path, "--type", "localities", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}: 1 documents, 2 localities, 0 organizations,")
    assert "... and 1 more localities (--limit 0 shows all)" in result.stdout
    everything = runner.invoke(app, ["show", path, "--type", "localities", "--limit", "0"])
    assert "more localities" not in everything.stdout


@pytest.mark.parametrize(("fmt", "separator"), [("csv", ","), ("tsv", "\t")])
def test_show_one_table_as_csv_or_tsv(tmp_path: Path, fmt: str, separator: str) -> None:
    import csv
    import io

    path = write(tmp_path / "d.json", ties_dataset())
    result = runner.invoke(app, ["show", path, "-t", "partnerships", "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=separator))
    assert rows[0] == ["party", "party 2", "kind", "status", "since", "documents"]
    assert rows[1][2:] == ["mou", "established", "2024-10-01", "1"]
    several = runner.invoke(app, ["show", path, "--format", fmt])
    assert several.exit_code == 2
    assert f"--format {fmt} writes one table; choose it with --type" in several.stderr


def test_show_as_json_for_tools(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", ties_dataset())
    result = runner.invoke(app, ["show", path, "-t", "partnerships", "-t", "events", "-f", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert list(shown) == ["partnerships", "events"]
    assert shown["partnerships"][0]["documents"] == "1"


def test_show_unknown_type_is_usage_error() -> None:
    result = runner.invoke(app, ["show", "-", "--type", "weather"], input="{}")
    assert result.exit_code == 2


def test_show_bad_dataset_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "none.json" in result.stderr


# help


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_tools_are_commands() -> None:
    assert {"diff", "check", "show", "merge", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_merge_warns_about_ids_that_disagree(tmp_path: Path) -> None:
    edited = ties_dataset()
    edited.figures[0].value = 46_000_000
    one = write(tmp_path / "one.json", ties_dataset())
    two = write(tmp_path / "two.json", edited)
    result = runner.invoke(app, ["merge", one, two])
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "warning: 1 id holds different records about the same document in different datasets: "
        "hb-01/figure/investment-capital-1;"
    )
    assert json.loads(result.stdout)["figures"][0]["value"] == 45_000_000
    assert runner.invoke(app, ["merge", one, one]).stderr == ""


# colour


def test_piped_show_is_plain_and_color_always_is_not(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", ties_dataset())
    piped = runner.invoke(app, ["show", path, "-t", "partnerships"])
    assert "\x1b[" not in piped.stdout and not set("│┃━┏") & set(piped.stdout)
    forced = runner.invoke(app, ["show", path, "-t", "partnerships", "--color", "always"])
    assert "\x1b[" in forced.stdout and set("│┃━┏") & set(forced.stdout)
    never = runner.invoke(app, ["diff", path, path, "--color", "never"])
    assert never.exit_code == 0 and "\x1b[" not in never.stdout


@pytest.mark.parametrize(
    ("color", "terminal", "no_color", "plain"),
    [
        ("auto", True, "", False),
        ("auto", True, "1", True),  # NO_COLOR: no colour, and no bold, italic or boxes either
        ("auto", False, "", True),  # a pipe
        ("always", False, "1", False),  # asked for, e.g. for less -R
        ("never", True, "", True),
    ],
)
def test_plain_output(
    monkeypatch: pytest.MonkeyPatch, color: str, terminal: bool, no_color: str, plain: bool
) -> None:
    from vjties.cli import Color, plain_output

    monkeypatch.setenv("NO_COLOR", no_color)
    assert plain_output(Color(color), terminal) is plain


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "tests/gold", "seeds/"],
        ["explain", "jp/aichi~vn/ho-chi-minh-city~friendship", "seeds/"],
        ["show", "data/vjties.json", "-t", "figures"],
    ],
    ids=["eval", "explain", "show"],
)
def test_color_option_on_every_command_that_prints_tables(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    plain = runner.invoke(app, args, env={"NO_COLOR": "1"})
    forced = runner.invoke(app, [*args, "--color", "always"], env={"NO_COLOR": "1"})
    assert plain.exit_code == forced.exit_code == 0, plain.output + forced.output
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in forced.stdout
