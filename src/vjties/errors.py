"""Errors and exit codes, in one place so the CLI and the README agree."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: `diff` and `check`: the datasets differ.
    DIFFERENT = 1
    #: Bad usage, an unreadable or invalid input, or a run stopped by `--strict`.
    USAGE = 2
    #: The run finished but skipped some inputs (listed on stderr).
    PARTIAL = 3
    #: The output could not be written; an existing output file is left as it was.
    OUTPUT = 4
    #: A bug in vjties (sysexits' EX_SOFTWARE): never 1, which means "the datasets differ".
    INTERNAL = 70
    #: Stopped by a signal: the exit code is 128 + the signal's number (130 for Ctrl-C).
    SIGNAL = 128


class VjtiesError(Exception):
    """An error a user can act on: the message is one sentence naming what and what to do."""

    exit_code: ExitCode = ExitCode.USAGE


class InputError(VjtiesError):
    """An input file or directory cannot be read as an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Pickled with its own arguments, so it can come back from a worker process.
        return (InputError, (self.path, self.reason))


class DatasetError(VjtiesError):
    """A file is not a vjties dataset this version can read."""


class OutputError(VjtiesError):
    exit_code = ExitCode.OUTPUT
