"""What every command gets from the CLI group: exit codes for crashes, closed or full stdout,
closed stdin and stop signals (issue 14, rows 8, 9 and 11)."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vjties.schema
from vjties.cli import app
from vjties.errors import ExitCode, OutputError
from vjties.runtime import OutputClosed, _GuardedStdout

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
VJTIES = [sys.executable, "-m", "vjties"]
ARTICLE = (ROOT / "seeds" / "001_e8194724c3fb40e8.txt").read_text(encoding="utf-8")


def test_a_crash_is_exit_70_in_one_sentence_never_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise RuntimeError("boom \x1b[2J")

    monkeypatch.setattr(vjties.schema, "schema_json", broken)
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == ExitCode.INTERNAL == 70
    assert result.stderr.startswith("internal error: RuntimeError: boom \\x1b[2J. This is a bug")
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr


def test_vjties_debug_adds_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(vjties.schema, "schema_json", broken)
    monkeypatch.setenv("VJTIES_DEBUG", "1")
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 70
    assert "Traceback (most recent call last)" in result.stderr
    assert "in broken" in result.stderr


class _Pipe(io.RawIOBase):
    """A pipe that takes `room` bytes, then its reader goes away."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.taken = b""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.room <= 0:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")
        chunk = bytes(data[: self.room])
        self.room -= len(chunk)
        self.taken += chunk
        return len(chunk)


def test_a_short_write_to_a_closed_pipe_is_not_silently_dropped() -> None:
    raw = _Pipe(room=10)
    stream = io.TextIOWrapper(io.BufferedWriter(raw, buffer_size=4), encoding="utf-8")
    guarded = _GuardedStdout(stream)
    with pytest.raises(OutputClosed):
        guarded.write("x" * 100)
    assert raw.taken == b"x" * 10


def test_a_full_disk_on_stdout_is_an_output_error() -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match=r"stdout: the output could not be written \(No space"):
        _GuardedStdout(Full()).write("data")


def _run(
    args: list[str], stdout: object = subprocess.PIPE, **options: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*VJTIES, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        check=False,
        timeout=120,
        **options,
    )


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["schema"], ["show", "data/vjties.json"], ["merge", "data/vjties.json"]]
)
def test_full_stdout_exits_4_with_one_sentence(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = _run(args, stdout=full)
    assert result.returncode == ExitCode.OUTPUT == 4
    assert result.stderr.decode() == (
        "error: stdout: the output could not be written (No space left on device)\n"
    )


@pytest.mark.parametrize("args", [["schema"], ["diff", "data/vjties.json", "-"]])
def test_closed_pipe_exits_4_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        with open(ROOT / "data" / "vjties.json", "rb") as dataset:
            result = _run(args, stdout=write, stdin=dataset)
    finally:
        os.close(write)
    assert result.returncode == 4
    assert result.stderr == b""


def test_json_to_a_pipe_closed_after_one_byte_is_exit_4_not_silently_dropped(
    tmp_path: Path,
) -> None:
    # The dataset is one write of more than a pipe's 64 KiB: the text layer used to drop all
    # but the first 64 KiB without an error when the reader went away, and exit 0.
    for n in range(16):  # some 6 KB of JSON each once shared records are merged
        (tmp_path / f"a{n:02}.txt").write_text(ARTICLE, encoding="utf-8")
    process = subprocess.Popen(
        [*VJTIES, "extract", str(tmp_path), "--keep-duplicates"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stdout.read(1) == b"{"
    process.stdout.close()
    stderr = process.communicate(timeout=120)[1]
    assert (process.returncode, stderr) == (4, b"")


def test_closed_stdout_and_stdin_are_one_sentence() -> None:
    closed_out = _run(
        ["schema"],
        stdout=None,
        preexec_fn=lambda: os.close(1),
    )
    assert closed_out.returncode == 4
    assert closed_out.stderr.decode() == (
        "error: stdout: the output could not be written (Bad file descriptor)\n"
    )
    closed_in = _run(["show", "-"], preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 2
    assert (
        closed_in.stderr.decode()
        == "error: stdin: is closed; pipe a dataset into it or give a file\n"
    )


@pytest.mark.parametrize(
    ("stop", "jobs", "fmt", "code"),
    [(signal.SIGTERM, "2", "jsonl", 143), (signal.SIGINT, "1", "json", 130)],
)
def test_a_stop_signal_cleans_up_like_ctrl_c(
    tmp_path: Path, stop: signal.Signals, jobs: str, fmt: str, code: int
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        (corpus / f"a{n:02}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out" / "data.json"
    out.parent.mkdir()
    out.write_text("kept\n", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = os.environ | {"TMPDIR": str(temp)}
    process = subprocess.Popen(
        [*VJTIES, "extract", str(corpus), "-o", str(out), "-f", fmt, "--jobs", jobs, "-q"],
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    # Wait until the run is writing (its temporary file exists), then stop it.
    while process.poll() is None and len(list(out.parent.iterdir())) < 2:
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be stopped"
    os.killpg(process.pid, stop)
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == code
    assert stderr == f"stopped: {'interrupted' if stop == signal.SIGINT else 'SIGTERM'}\n"
    assert [p.name for p in out.parent.iterdir()] == ["data.json"]
    assert out.read_text(encoding="utf-8") == "kept\n"
    assert list(temp.iterdir()) == []
