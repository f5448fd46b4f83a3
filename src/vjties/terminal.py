"""Terminal output that no string from an article or a dataset can take over.

File names, titles, names and ids come from files vjties did not write, or that someone else
edited. Printed raw, `\\x1b]0;...\\x07` retitles the terminal, `\\x1b[2J` clears it, OSC 52 writes
the clipboard, and to Rich `[/x]` is markup (a MarkupError) and `[link=...]` a hyperlink.
`SafeConsole` is the one console vjties prints with: it reads no markup or emoji codes unless
asked, and every control character in what it prints is shown escaped (`\\x1b`, `\\u202e`),
whether it comes as a plain string, a `Text` or a table cell. Rich's own styles and the
progress bar's cursor moves are not text, so they still work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# controls (which can make a line read differently from what it holds).
_NOT_C0 = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(rf"[\x00-\x1f{_NOT_C0}]")
# The same but for the line feed, which Rich's own output is made of.
_UNSAFE_KEEP_NEWLINE = re.compile(rf"[\x00-\x09\x0b-\x1f{_NOT_C0}]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape_controls(text: str) -> str:
    """`text` with every control character shown as an escape: one line, nothing hidden."""
    return _UNSAFE.sub(_escape, text)


def _escape_keep_newlines(text: str) -> str:
    return _UNSAFE_KEEP_NEWLINE.sub(_escape, text)


class SafeConsole(Console):
    """A Rich console for text that may come from anyone (see the module docstring).

    A broken pipe is raised as BrokenPipeError for the CLI to handle, instead of Rich's own
    `SystemExit(1)`: exit 1 means "datasets differ" in vjties.
    """

    def __init__(self, **options: Any) -> None:
        options.setdefault("markup", False)
        options.setdefault("emoji", False)
        options.setdefault("highlight", False)
        super().__init__(**options)

    def render_str(self, text: str, **options: Any) -> Text:
        # Escaped before Rich measures it, so that tables are laid out for what is shown.
        return super().render_str(_escape_keep_newlines(text), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not _UNSAFE_KEEP_NEWLINE.search(segment.text):
                yield segment
            else:
                yield Segment(_escape_keep_newlines(segment.text), segment.style)

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def message(label: str, style: str, text: str) -> Text:
    """`label: text` with the label styled and `text` (which may hold anything) escaped."""
    return Text.assemble((label, style), " ", escape_controls(text))
