"""A hostile terminal test: no string from an article, a file name or a dataset reaches the
terminal as an escape code or as Rich markup, through `show`, `diff` or a message (issue 14,
row 3)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from vjties.cli import app
from vjties.dataset import dataset_json
from vjties.models import Dataset, Document, Evidence, Locality
from vjties.terminal import SafeConsole, escape_controls

runner = CliRunner()

# A terminal title, a screen clear, a clipboard write (OSC 52), a C1 CSI, a right-to-left
# override, a bell, and Rich markup that closes what it never opened or makes a link.
HOSTILE = (
    "\x1b]0;owned\x07 \x1b[2J \x1b]52;c;ZXZpbA==\x07 \x9b31m \u202eevil [/x] "
    "[link=https://example.org]click[/link] :smile:"
)
ESCAPED = (
    "\\x1b]0;owned\\x07 \\x1b[2J \\x1b]52;c;ZXZpbA==\\x07 \\x9b31m \\u202eevil [/x] "
    "[link=https://example.org]click[/link] :smile:"
)
# What Rich itself writes to a colour terminal: SGR sequences only.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def hostile_dataset(name: str = HOSTILE) -> Dataset:
    evidence = Evidence(document="doc", start=0, end=len(name), text=name)
    return Dataset(
        documents=[
            Document(id="doc", path=f"{name}.txt", sha256="0" * 64, title=name, source=name)
        ],
        localities=[
            Locality(id="vn/x", name=name, country="VN", kind="province", mentions=[evidence])
        ],
    )


def assert_no_escape_codes(output: str) -> None:
    assert "\x1b" not in output
    assert "\x9b" not in output
    assert "\x07" not in output
    assert "\u202e" not in output


def test_escape_controls_shows_every_control_character() -> None:
    assert escape_controls(HOSTILE) == ESCAPED
    assert escape_controls("tab\there\nnew line\r\x00\x7f\u2028") == (
        "tab\\there\\nnew line\\r\\x00\\x7f\\u2028"
    )
    assert escape_controls("Đà Nẵng — 東京") == "Đà Nẵng — 東京"


def test_safe_console_escapes_strings_text_and_table_cells() -> None:
    out = io.StringIO()
    console = SafeConsole(file=out, width=300, force_terminal=True, color_system="standard")
    table = Table("name")
    table.add_row(HOSTILE)
    console.print(HOSTILE)
    console.print(Text(HOSTILE, style="bold"))
    console.print(table)
    written = SGR.sub("", out.getvalue())
    assert written.count(ESCAPED) == 2
    # Rich drops the bell from a Text when it is made; the escapes still show.
    assert ESCAPED.replace("\\x07", "") in written
    assert_no_escape_codes(written)


@pytest.mark.parametrize("color", [False, True])
def test_show_prints_hostile_strings_escaped(tmp_path: Path, color: bool) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(dataset_json(hostile_dataset()), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "COLUMNS": "400"} if color else {"COLUMNS": "400"}
    result = runner.invoke(app, ["show", str(path), "-t", "documents", "-t", "localities"], env=env)
    assert result.exit_code == 0, result.output
    plain = SGR.sub("", result.stdout) if color else result.stdout
    assert_no_escape_codes(plain)
    assert ESCAPED in plain
    assert plain.count("[/x]") == 3  # title, source and locality name, as written


def test_diff_labels_and_values_are_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = Path("old.json")
    new = Path(f"new{HOSTILE[:10]}.json")
    old.write_text(dataset_json(hostile_dataset("plain")), encoding="utf-8")
    new.write_text(dataset_json(hostile_dataset()), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    assert_no_escape_codes(result.stdout)
    assert "[/x] [link=https://example.org]click[/link]" in result.stdout
    assert "new\\x1b]0;owned\\x07.json" in result.stdout  # the file name in the title


def test_messages_escape_file_names_and_reasons(tmp_path: Path) -> None:
    article = tmp_path / f"a{HOSTILE[:12]}.txt"
    article.write_bytes(b"\x00\x01\x02\x03 binary")
    missing = tmp_path / "[/x][link=x]gone.txt"
    result = runner.invoke(app, ["extract", str(article), str(missing)])
    assert result.exit_code == 2
    assert_no_escape_codes(result.stderr)
    assert "a\\x1b]0;owned\\x07 \\x1b.txt: is a binary file" in result.stderr
    assert "[/x][link=x]gone.txt: no such file or directory" in result.stderr


def test_dataset_errors_escape_what_they_quote(tmp_path: Path) -> None:
    first = hostile_dataset()
    second = hostile_dataset()
    second.documents[0].path = "other.txt"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(dataset_json(first), encoding="utf-8")
    b.write_text(dataset_json(second), encoding="utf-8")
    result = runner.invoke(app, ["merge", str(a), str(b)])
    assert result.exit_code == 2
    assert_no_escape_codes(result.stderr)
    assert "appears twice with different content" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": HOSTILE}), encoding="utf-8")
    result = runner.invoke(app, ["show", str(bad)])
    assert result.exit_code == 2
    assert_no_escape_codes(result.stderr)
    assert "has schema_version '\\x1b]0;owned\\x07" in result.stderr


def test_a_line_break_in_a_file_name_cannot_fake_a_message(tmp_path: Path) -> None:
    article = tmp_path / "a\nerror: fake.txt"
    article.write_bytes(b"\x00\x01\x02\x03 binary")
    (tmp_path / "good.txt").write_text("Hanoi and Osaka sign an MoU.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 3
    assert all(
        line.startswith(("skipped:", "1 of 2 inputs skipped:"))
        for line in result.stderr.splitlines()
    ), result.stderr
    assert "a\\nerror: fake.txt" in result.stderr
