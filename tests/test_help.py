"""Help as sqlite-utils does it (issue 16): examples never re-wrapped, one-line summaries
whole, readable usage names; every command in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from vjties.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


def examples(command: str) -> list[str]:
    """The example lines of a command's docstring."""
    text = GROUP.commands[command].help or ""  # type: ignore[attr-defined]
    block = text.split("Example:", 1)[1]
    return [line.strip() for line in block.splitlines() if line.strip() not in ("", "\b")]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("width", ["60", "80"])
def test_examples_are_never_rewrapped(command: str, width: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": width})
    assert result.exit_code == 0
    shown = [line.strip() for line in result.stdout.splitlines()]
    lines = examples(command)
    assert lines, f"{command} has no examples"
    for line in lines:
        assert line in shown, f"{command} --help at {width} columns breaks: {line}"


@pytest.mark.parametrize("width", ["60", "80"])
def test_the_command_list_gives_each_summary_whole(width: str) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": width})
    listing = " ".join(result.stdout.split("Commands:", 1)[1].split())
    for command in COMMANDS:
        summary = (GROUP.commands[command].help or "").strip().splitlines()[0]  # type: ignore[attr-defined]
        assert f"{command} {summary}" in listing
    assert "..." not in listing


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_names_are_readable(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    usage = result.stdout.splitlines()[0]
    assert re.fullmatch(r"Usage: vjties \S+ \[OPTIONS\]( \[?[A-Z_]+(\.\.\.)?\]?)*", usage), usage
    # Choices read as `<json|jsonl>`; Python types (`<list[str]>`, `<int range>`) do not.
    assert not re.search(r"<(list|str|int|float|path)\b", result.stdout), result.stdout


def test_extract_usage() -> None:
    assert runner.invoke(app, ["extract", "--help"]).stdout.startswith(
        "Usage: vjties extract [OPTIONS] PATH...\n"
    )
    assert runner.invoke(app, ["check", "--help"]).stdout.startswith(
        "Usage: vjties check [OPTIONS] [DATASET] [PATH...]\n"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`vjties {command}" in readme
