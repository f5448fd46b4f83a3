"""Writing results: to stdout, or atomically to a file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from vjties.errors import OutputError


def _target_mode(path: Path) -> int:
    """The existing file's mode, or what the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """A text stream for the result; for a file, it only appears once the block succeeds.

    The data goes to a temporary file beside the target that replaces it at the end, so a
    failed or interrupted run leaves no partial file and an existing file untouched.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the directory {directory} does not exist; create it first")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(
            f"{path}: cannot write here ({error.strerror}); choose another -o"
        ) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have.
        os.chmod(temp_name, _target_mode(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
