from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

import vjties.output
from vjties.errors import OutputError, VjtiesError
from vjties.output import check_target, open_output


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


# Issue 14, row 2: an output that is an input, a link or a device.


def test_an_input_is_never_written_over(tmp_path: Path) -> None:
    article = tmp_path / "art.txt"
    article.write_text("the article\n")
    hard_link = tmp_path / "same.txt"
    os.link(article, hard_link)
    for target in (article, hard_link):
        with (
            pytest.raises(VjtiesError, match="is one of the inputs") as raised,
            open_output(target, [str(article)]),
        ):
            pass
        assert raised.value.exit_code == 2
    assert article.read_text() == "the article\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["art.txt", "same.txt"]


def test_a_symbolic_link_is_refused_and_left_alone(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    for target in (link, dangling):
        with (
            pytest.raises(VjtiesError, match="is a symbolic link; vjties does not write"),
            open_output(target),
        ):
            pass
    assert link.is_symlink() and real.read_text() == "old\n"
    assert dangling.is_symlink() and not (tmp_path / "nowhere.json").exists()


def test_a_fifo_is_written_directly_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    with open_output(fifo) as stream:
        stream.write("through the pipe\n")
    reader.join(timeout=30)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
def test_a_full_character_device_is_an_output_error_and_stays_a_device(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # check_target decides before anything is opened: /dev/full is written directly.
    info = check_target(Path("/dev/full"))
    assert info is not None and stat.S_ISCHR(info.st_mode)

    def refuse(*args: object, **options: object) -> None:
        raise AssertionError("a temporary file to replace /dev/full with")

    monkeypatch.setattr(vjties.output.tempfile, "mkstemp", refuse)
    with (
        pytest.raises(OutputError, match=r"/dev/full: the output could not be written \(No space"),
        open_output(Path("/dev/full")) as stream,
    ):
        stream.write("x" * 100_000)
    assert Path("/dev/full").is_char_device()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with (
        pytest.raises(VjtiesError, match="is a directory; give -o a file name") as raised,
        open_output(tmp_path),
    ):
        pass
    assert raised.value.exit_code == 2


def test_a_write_error_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n")

    def no_sync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(vjties.output.os, "fsync", no_sync)
    with (
        pytest.raises(OutputError, match=r"out.json: the output could not be written \(Input"),
        open_output(target) as stream,
    ):
        stream.write("new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
