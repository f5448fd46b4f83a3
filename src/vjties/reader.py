"""Finds and reads the articles: files, directories (recursively) and `-` for stdin."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from vjties.errors import InputError

DEFAULT_GLOB = "*.txt"
DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"


@dataclass(frozen=True)
class SourceText:
    id: str
    path: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    warning: str | None = None


@dataclass(frozen=True)
class InputFile:
    """A file to read: `path` as the user will recognise it, `id` the document id."""

    id: str
    path: str


def find_inputs(paths: Sequence[str], glob: str = DEFAULT_GLOB) -> list[InputFile]:
    """Expand files and directories into the sorted list of inputs.

    Raises InputError for a path that does not exist.
    """
    found: dict[str, InputFile] = {}
    for raw in paths:
        if raw == STDIN:
            found[STDIN] = InputFile(id="stdin", path=STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in path.rglob(glob):
                if child.is_file():
                    found[child.as_posix()] = InputFile(id=child.stem, path=child.as_posix())
        elif path.is_file():
            found[path.as_posix()] = InputFile(id=path.stem, path=path.as_posix())
        else:
            raise InputError(raw, "no such file or directory; check the path")
    inputs = sorted(found.values(), key=lambda f: f.path)
    seen: dict[str, str] = {}
    for item in inputs:
        if item.id in seen:
            raise InputError(
                item.path,
                f"has the same document id '{item.id}' as {seen[item.id]}; rename one of them",
            )
        seen[item.id] = item.path
    return inputs


def decode(data: bytes, path: str) -> tuple[str, str, str | None]:
    """(text, encoding, warning) for the bytes of an article; InputError if it is not text."""
    if b"\x00" in data:
        raise InputError(path, "is a binary file, not a text article; leave it out of the input")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "is not text in any encoding vjties can detect; convert it to UTF-8")
    encoding = str(best.encoding)
    return str(best), encoding, f"{path}: not UTF-8, read as {encoding}"


def read_input(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one input. Raises InputError naming the file when it cannot be used."""
    try:
        if item.path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            size = Path(item.path).stat().st_size
            if size > max_bytes:
                raise InputError(
                    item.path,
                    f"is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                    "raise --max-bytes to read it",
                )
            data = Path(item.path).read_bytes()
    except PermissionError:
        raise InputError(item.path, "cannot be read (permission denied); check its permissions") from None
    except OSError as error:
        raise InputError(item.path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(item.path, f"is over the {max_bytes:,}-byte limit; raise --max-bytes")
    text, encoding, warning = decode(data, item.path)
    return SourceText(
        id=item.id,
        path=item.path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warning=warning,
    )


def iter_sources(
    inputs: Sequence[InputFile], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceText | InputError]:
    """Each input read, or the InputError that says why it could not be."""
    for item in inputs:
        try:
            yield read_input(item, max_bytes)
        except InputError as error:
            yield error
