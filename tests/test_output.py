from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vjties.errors import OutputError
from vjties.output import open_output


def test_a_new_file_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with open_output(tmp_path / "out.json") as stream:
            stream.write("{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_mode_and_gets_the_new_content(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n")
    target.chmod(0o640)
    with open_output(target) as stream:
        stream.write("new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failure_inside_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), open_output(target) as stream:
        stream.write("half of a dataset")
        raise RuntimeError("extraction failed")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"), open_output(tmp_path / "no" / "x"):
        pass
