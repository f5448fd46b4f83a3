"""The README's commands run (issue 16): pasted into a shell, in the README's order.

The fenced `sh` blocks are read line by line; every line that calls vjties, jq or sqlite-utils
is run with bash (pipefail) in a scratch folder holding the repository's seeds and data, with
the venv's `bin` first on PATH, as `. .venv/bin/activate` would put it. Lines that need the
network or another program (curl, datasette, pip, python) are left out. With
VJTIES_README_FRESH_VENV=1 (set by `.ci/run`) the quick start itself runs in a clean
environment, as a new user would paste it: a new venv, `pip install -e .`, no vjties on PATH
before.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RUNNABLE = re.compile(r"^(vjties|jq|sqlite-utils) ")
# Not run: network and installs, and the corpus commands, which read the git-ignored cache of
# publishers' texts (corpus/README.md) that a clean checkout does not have.
NOT_RUN = ("curl ", "datasette ", "pip ", "corpus/texts")


def sh_blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)]


def readme_commands(installs: bool = False) -> list[str]:
    """The runnable lines of the `sh` blocks and of the indented examples, in README order;
    with `installs`, also the lines that install this clone's extras (`pip install -e ...`),
    which the commands after them need in a fresh venv."""
    found: list[str] = []
    fence: str | None = None
    for line in README.splitlines():
        if line.startswith("```"):
            fence = None if fence is not None else line[3:]
            continue
        command = (
            line if fence == "sh" else line[4:] if fence is None and line[:4] == "    " else ""
        )
        if (RUNNABLE.match(command) and not any(word in command for word in NOT_RUN)) or (
            installs and command.startswith("pip install -e ")
        ):
            found.append(command)
    return found


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    return sh_blocks(section)[0]


def scratch_copy(tmp_path: Path) -> Path:
    for folder in ("seeds", "data", "tests/gold", "tests/holdout", "tests/holdout2"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_quick_start_ends_with_a_readable_summary() -> None:
    lines = quick_start()
    assert lines[0] == "python3 -m venv .venv"
    assert lines[1].startswith(". .venv/bin/activate")
    assert lines[-1] == "vjties extract seeds/ -o seeds.json && vjties show seeds.json"
    # The jq recipes come right after, and read the file the quick start wrote.
    recipes = README.split("## Using it with jq", 1)[1]
    assert README.index("## Using it with jq") < README.index("## Commands")
    assert "seeds.json" in sh_blocks(recipes)[0][1]


def test_the_sample_output_is_what_show_prints(tmp_path: Path) -> None:
    after = README.split("and the partnerships table:\n\n```\n", 1)[1]
    sample = after.split("```", 1)[0].splitlines()
    folder = scratch_copy(tmp_path)
    shutil.copy(folder / "data" / "vjties.json", folder / "seeds.json")
    env = dict(os.environ, COLUMNS="80")
    env.pop("NO_COLOR", None)
    shown = subprocess.run(
        [Path(sys.executable).parent / "vjties", "show", "seeds.json"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    shown = [line.rstrip() for line in shown]
    assert shown[:3] == sample[:3]
    at = shown.index(sample[3])
    assert shown[at : at + len(sample) - 3] == sample[3:]


def test_every_readme_command_runs(tmp_path: Path) -> None:
    folder = scratch_copy(tmp_path)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("NO_COLOR", None)
    commands = readme_commands()
    assert len(commands) >= 15
    # The quick start writes seeds.json, which the recipes read.
    assert commands[0] == "vjties extract seeds/ -o seeds.json && vjties show seeds.json"
    for command in commands:
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        assert done.stdout.strip() or re.search(r" (>|-o) ", command), command
    shown = subprocess.run(
        ["vjties", "show", "seeds.json"], cwd=folder, env=env, capture_output=True, text=True
    )
    assert shown.stdout.startswith("seeds.json: 6 documents, ")


@pytest.mark.skipif(
    os.environ.get("VJTIES_README_FRESH_VENV") != "1",
    reason="installs vjties in a new venv (minutes); .ci/run sets VJTIES_README_FRESH_VENV=1",
)
def test_the_quick_start_in_a_fresh_shell(tmp_path: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    clone = tmp_path / "clone"
    for name in filter(None, files):
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    rest = [c for c in readme_commands(installs=True) if c not in quick_start()]
    script = "\n".join(["set -euo pipefail", *quick_start(), *rest])
    # A clean environment but for HOME, where pip keeps its cache of downloads.
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", str(tmp_path))}
    env["LANG"] = "C.UTF-8"
    done = subprocess.run(
        ["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "seeds.json: 6 documents, " in done.stdout
