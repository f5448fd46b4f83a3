"""What every command gets from the CLI's group, so that a new command cannot forget it.

- A `VjtiesError` a command did not catch: its one sentence on stderr and its exit code.
- stdout that cannot be written (a closed pipe, a full disk, a closed descriptor): exit 4; a
  reader that went away (`| head`) gets no message, as with any Unix tool.
- Ctrl-C, SIGTERM and SIGHUP stop the run through the same clean-up path (temporary files
  removed, an existing `-o` file left as it was): exit 128 + the signal number.
- Anything else is a bug in vjties: one sentence that says so, exit 70 (never 1, which
  `diff` and `check` use for "the datasets differ"); `VJTIES_DEBUG=1` adds the traceback.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from types import FrameType
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from vjties.errors import ExitCode, OutputError, VjtiesError
from vjties.terminal import SafeConsole, escape_controls, message

# Messages, warnings and the progress bar: stderr only, so stdout carries nothing but data.
err_console = SafeConsole(stderr=True)

# Signals that end a run the way Ctrl-C does.
STOP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """Raised by a stop signal. A BaseException, so that no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class OutputClosed(OutputError):
    """Whoever read stdout went away (`| head`): exit 4 without a word."""

    def __init__(self) -> None:
        super().__init__("stdout was closed")


def report_error(error: VjtiesError) -> typer.Exit:
    """Print `error` as one escaped line on stderr; the Exit to raise with its code."""
    if not isinstance(error, OutputClosed):
        err_console.print(message("error:", "red", str(error)), soft_wrap=True)
    return typer.Exit(int(error.exit_code))


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the process was started without (`>&-`)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False


class _GuardedStdout:
    """sys.stdout while a command runs: a write that fails raises an OutputError naming it."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _failed(self, error: OSError) -> OutputError:
        if isinstance(error, BrokenPipeError):
            _discard_stdout(self._stream)
            return OutputClosed()
        return OutputError(f"stdout: the output could not be written ({error.strerror or error})")

    def write(self, text: str) -> int:
        try:
            self._write_all(text)
        except OSError as error:
            raise self._failed(error) from None
        except UnicodeEncodeError as error:
            raise OutputError(
                f"stdout: its encoding ({error.encoding}) cannot hold {error.object[error.start]!r}; "
                "set PYTHONIOENCODING=utf-8"
            ) from None
        return len(text)

    def _write_all(self, text: str) -> None:
        """Write every byte of `text`, through the binary buffer where there is one.

        A text stream passes one write to its buffer and ignores a short count: on a pipe
        whose reader has gone, all but the first 64 KiB of a large write vanish without an
        error (CPython 3.11). Writing the bytes in a loop turns that into BrokenPipeError.
        """
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self._stream.write(text)
            return
        self._stream.flush()
        data = memoryview(text.encode(self._stream.encoding or "utf-8", self._stream.errors))
        while data:
            written = buffer.write(data)
            if not written:
                raise OSError(errno.EIO, "the output accepted no more data")
            data = data[written:]

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise self._failed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _discard_stdout(stream: Any) -> None:
    """Point the real stdout at /dev/null, so that Python's final flush does not fail again."""
    real = sys.__stdout__
    if real is None or stream is not real:
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, real.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _guarded_stdout() -> Iterator[None]:
    """sys.stdout guarded while the command runs, and flushed before it is over: data
    still in the buffer at exit would otherwise fail (or be lost) after the exit code is set."""
    saved = sys.stdout
    stream = saved if saved is not None else _ClosedStream()
    sys.stdout = _GuardedStdout(stream)
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
        finally:
            sys.stdout = saved


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Stopped in the main thread (once: a second one is ignored
    while the first is being cleaned up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _internal_error(error: BaseException) -> typer.Exit:
    if os.environ.get("VJTIES_DEBUG"):
        trace = "".join(traceback.format_exception(error))
        err_console.print(_escape_lines(trace), soft_wrap=True)
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    err_console.print(
        message(
            "internal error:",
            "red",
            f"{text}. This is a bug in vjties; please report it with the command you ran "
            "(VJTIES_DEBUG=1 shows where it happened).",
        ),
        soft_wrap=True,
    )
    return typer.Exit(int(ExitCode.INTERNAL))


def _escape_lines(text: str) -> str:
    return "\n".join(escape_controls(line) for line in text.splitlines())


class GuardedGroup(TyperGroup):
    """The vjties command group: every command runs under the rules in the module docstring."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the first line of its help whole (click cuts it at the first
        `.` or at 45 characters: `Merge datasets, e.g.`), wrapped if it must be."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, (command.help or "").strip().split("\n")[0].strip()))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            with _stop_signals_raise(), _guarded_stdout():
                return super().invoke(ctx)
        except VjtiesError as error:
            raise report_error(error) from None
        except KeyboardInterrupt:
            err_console.print(message("stopped:", "yellow", "interrupted"), soft_wrap=True)
            raise typer.Exit(int(ExitCode.SIGNAL) + signal.SIGINT) from None
        except Stopped as stop:
            name = signal.Signals(stop.signum).name
            err_console.print(message("stopped:", "yellow", name), soft_wrap=True)
            raise typer.Exit(int(ExitCode.SIGNAL) + stop.signum) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as error:
            if _is_click_exception(error):
                raise
            raise _internal_error(error) from None


def _parser_exceptions() -> tuple[type[BaseException], ...]:
    """Usage errors and exits of the command-line parser (click, or the copy typer ships),
    which the parser reports itself."""
    found: list[type[BaseException]] = []
    for name in ("typer._click.exceptions", "click.exceptions"):
        with contextlib.suppress(ImportError):
            module = importlib.import_module(name)
            found += [
                getattr(module, n)
                for n in ("ClickException", "Exit", "Abort")
                if hasattr(module, n)
            ]
    return tuple(found)


_PARSER_EXCEPTIONS = _parser_exceptions()


def _is_click_exception(error: Exception) -> bool:
    return isinstance(error, _PARSER_EXCEPTIONS)


class ReadableCommand(TyperCommand):
    """A command whose usage line and argument list use the argument's own name, as click
    prints it (`PATH...`, `[DATASET]`), not typer's `{paths}...` and `<list[str]>`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param))
        return pieces

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                # The name says it all; typer would add the Python type (`<list[str]>`).
                param.display_type_rich = _no_type  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)


def _no_type(ctx: Any) -> None:
    return None


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"
