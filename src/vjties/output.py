"""Writing results: to stdout, or to a file without ever losing one.

`-o FILE` is written atomically: the data goes to a temporary file beside FILE that replaces it
only once everything is written, so a failed or interrupted run leaves no partial file and an
existing one untouched. What FILE may be:

- a new or existing regular file: replaced atomically, keeping its mode;
- never one of the run's inputs (an article or a dataset being read): refused, exit 2;
- never a symbolic link: replacing it would drop the link, and writing through it would
  overwrite a file the user did not name (a link planted in a shared folder): refused, exit 2;
- a character device or a FIFO (`/dev/null`, a named pipe): written directly, as a shell
  redirection would; a block device, a socket or a directory: refused, exit 2.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from vjties.errors import OutputError, VjtiesError


def _target_mode(path: Path) -> int:
    """The existing file's mode, or what the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def file_key(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names after links, or None if there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


class _NamedStream:
    """A text stream whose failed writes raise an OutputError naming the output."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def _failed(self, error: OSError) -> OutputError:
        return OutputError(
            f"{self._name}: the output could not be written ({error.strerror or error})"
        )

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise self._failed(error) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise self._failed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def check_target(path: Path, inputs: Iterable[str | Path] = ()) -> os.stat_result | None:
    """The stat of the existing `-o` target (None if there is none yet); VjtiesError (exit 2)
    when vjties must not write there (see the module docstring)."""
    if path.is_symlink():
        raise VjtiesError(
            f"{path}: is a symbolic link; vjties does not write through links, "
            f"give -o the file it points to ({os.path.realpath(path)}) or another name"
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise VjtiesError(f"{path}: is a directory; give -o a file name inside it")
    if not (
        stat.S_ISREG(info.st_mode) or stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)
    ):
        raise VjtiesError(
            f"{path}: is not a regular file, a character device or a FIFO; choose another -o"
        )
    key = (info.st_dev, info.st_ino)
    if any(file_key(item) == key for item in inputs):
        raise VjtiesError(
            f"{path}: is one of the inputs; vjties never writes over an input, choose another -o"
        )
    return info


@contextlib.contextmanager
def open_output(
    path: Path | None, inputs: Iterable[str | Path] = (), hold: bool = False
) -> Iterator[TextIO]:
    """A text stream for the result: stdout for None or `-`, else FILE as the module says.

    `inputs` are the files the run reads, which FILE must not be. With `hold`, what goes to
    stdout is kept in a temporary file and written only once the block succeeds, so that a
    run that fails writes nothing (a file, FILE, is always written that way).
    """
    if path is None or str(path) == "-":
        if hold:
            yield from _held_stdout()
        else:
            yield sys.stdout
            sys.stdout.flush()
        return
    info = check_target(path, inputs)
    if info is not None and not stat.S_ISREG(info.st_mode):
        yield from _write_directly(path)
        return
    yield from _write_atomically(path)


def _held_stdout() -> Iterator[TextIO]:
    # An unnamed temporary file: nothing to clean up, whatever stops the run.
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        stream = _NamedStream(spool, f"a temporary file in {tempfile.gettempdir()}")
        yield stream  # type: ignore[misc]
        stream.flush()
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            sys.stdout.write(chunk)
        sys.stdout.flush()


def _write_directly(path: Path) -> Iterator[TextIO]:
    """A character device or FIFO: nothing to replace, so write to it as it is."""
    try:
        handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
    with handle:
        stream = _NamedStream(handle, str(path))
        yield stream  # type: ignore[misc]
        stream.flush()


# Signals held while the temporary file is made: one arriving between its creation and the
# clean-up handler would leave it behind.
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _write_atomically(path: Path) -> Iterator[TextIO]:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the directory {directory} does not exist; create it first")
    temp_name: str | None = None
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        try:
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=directory
            )
        except OSError as error:
            raise OutputError(
                f"{path}: cannot write here ({error.strerror}); choose another -o"
            ) from None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        # mkstemp makes the file private (0600); give it the mode a plain write would have.
        os.chmod(temp_name, _target_mode(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as raw:
            stream = _NamedStream(raw, str(path))
            yield stream  # type: ignore[misc]
            stream.flush()
            _sync(raw, path)
        try:
            os.replace(temp_name, path)
        except OSError as error:
            raise OutputError(
                f"{path}: the output could not be written ({error.strerror or error})"
            ) from None
    except BaseException:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        raise


def _sync(handle: TextIO, path: Path) -> None:
    """Flush the data to the disk before the rename makes it the output."""
    try:
        os.fsync(handle.fileno())
    except OSError as error:
        raise OutputError(
            f"{path}: the output could not be written ({error.strerror or error})"
        ) from None
