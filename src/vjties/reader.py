"""Finds and reads the articles: files, directories (recursively) and `-` for stdin.

- Inputs are processed in sorted path order; a document's id is its file stem (`stdin`), or
  with `id_from="path"` its path relative to the directory it was found in, without the
  suffix and with `/` separators (`vnexpress/2024/05/index`), for scrapers that name every
  file alike.
- Web pages (`.html`, `.htm`, or HTML on stdin) are read through trafilatura
  (`vjties.html`): the article's main text is the document's text.
- UTF-8 is read as is. A UTF-8 byte order mark is not part of the article: it is dropped,
  so every offset is relative to the decoded text after it (`sha256` still covers the raw
  bytes). UTF-16/32 with a BOM and other encodings (detected with charset-normalizer) are read
  with a warning naming the encoding. Line endings are kept as they are.
- A path that cannot be used (missing, a broken or looping symbolic link, an unreadable
  directory, a duplicate document id) is not fatal while the inputs are found: it becomes an
  `InputFile` with an `error`, which `iter_sources` yields as an `InputError` in its sorted
  place, so one bad file does not sink a directory run (the CLI decides, see `--strict`).
- Each real file is read once, whatever the paths to it. Inside a directory, a symbolic link
  to a directory is followed only with `--follow-links` (and each real directory is walked
  once), so a walk never leaves the given roots through a link unless asked to, and link
  loops and fan-outs end.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from vjties.errors import InputError, VjtiesError
from vjties.html import HTML_SUFFIXES, Page, looks_like_html, read_page

# Comma-separated patterns: text articles and saved web pages.
DEFAULT_GLOB = "*.txt,*.html,*.htm"
DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"

# Byte order marks other than UTF-8's, longest first (UTF-32-LE starts like UTF-16-LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that do not occur in text (tab, newlines and form feed do).
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}


@dataclass(frozen=True)
class SourceText:
    id: str
    path: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    warning: str | None = None
    #: The web page `text` was taken from (its text is then stored in the dataset).
    page: Page | None = None
    #: The id of an earlier document with the same normalized text (`vjties.duplicates`).
    duplicate_of: str | None = None


@dataclass(frozen=True)
class InputFile:
    """A file to read: `path` as the user will recognise it, `id` the document id.

    `error` says why the path cannot be read when that is known before reading it.
    """

    id: str
    path: str
    error: str | None = None


def find_inputs(
    paths: Sequence[str],
    glob: str = DEFAULT_GLOB,
    follow_links: bool = False,
    notes: list[str] | None = None,
    id_from: str = "stem",
) -> list[InputFile]:
    """Expand files and directories into the sorted list of inputs (problems included).

    Each real file is an input once, under the first of its paths in sorted order (hard
    links, links to files, a folder given twice). Inside a directory, a symbolic link to a
    directory is followed only with `follow_links`, and then each real directory is walked
    once; the links left alone are summed up in `notes`. `id_from` is `stem` or `path`.
    """
    patterns = _checked_glob(glob)
    walk = _Walk(patterns, follow_links, id_from == "path")
    for raw in paths:
        if raw == STDIN:
            walk.found[STDIN] = InputFile(id="stdin", path=STDIN)
            continue
        path = Path(raw)
        problem = _path_problem(path)
        if problem is not None:
            walk.add_problem(path, problem)
        elif path.is_dir():
            walk.visit(path, path)
        elif path.is_file():
            walk.add_file(path)
        else:
            walk.add_problem(path, "is not a regular file or directory; leave it out")
    if notes is not None and walk.links_not_followed:
        notes.append(_links_note(walk.links_not_followed))
    return _with_unique_ids(walk.inputs())


def _checked_glob(glob: str) -> tuple[str, ...]:
    """The comma-separated patterns of `glob`, each without a leading `**/` (the same as
    none); VjtiesError if one is not a pattern."""
    patterns: list[str] = []
    for part in glob.split(","):
        pattern = part.strip()
        while pattern.startswith("**/"):
            pattern = pattern[3:]
        try:
            PurePosixPath("probe.txt").match(pattern)
        except ValueError:
            raise VjtiesError(
                f"--glob {glob!r} is not a file pattern; give one such as '*.txt' or '*.txt,*.html'"
            ) from None
        patterns.append(pattern)
    return tuple(patterns)


def _links_note(links: list[str], shown: int = 5) -> str:
    """One warning for all the links not followed: a fan of them must not flood stderr."""
    named = ", ".join(links[:shown]) + (
        f" and {len(links) - shown} more" if len(links) > shown else ""
    )
    count = (
        "1 symbolic link to a directory"
        if len(links) == 1
        else f"{len(links)} symbolic links to directories"
    )
    return f"{count} not followed: {named}; use --follow-links to read what they lead to"


def _with_unique_ids(inputs: list[InputFile]) -> list[InputFile]:
    """The inputs in path order; a second file with a document id already taken is an error."""
    seen: dict[str, str] = {}
    result: list[InputFile] = []
    for item in sorted(inputs, key=lambda f: f.path):
        if item.error is None and item.id in seen:
            item = InputFile(
                item.id,
                item.path,
                f"has the same document id '{item.id}' as {seen[item.id]}; rename one of them",
            )
        elif item.error is None:
            seen[item.id] = item.path
        result.append(item)
    return result


def shown_path(path: Path | str) -> str:
    """A path as text: a name that is not UTF-8 (its bytes kept by Python as surrogates)
    with those bytes as escapes, `\\xff`."""
    name = path.as_posix() if isinstance(path, Path) else path
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _path_problem(path: Path) -> str | None:
    """Why `path` (given by the user or met in a directory) cannot be used, else None."""
    if shown_path(path) != path.as_posix():
        # Its id and path could not be written as JSON (UTF-8).
        return "has a name that is not valid UTF-8; rename the file"
    try:
        path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return "is a broken symbolic link; fix or remove the link"
        return "no such file or directory; check the path"
    except PermissionError:
        return "cannot be accessed (permission denied); check its permissions"
    except OSError as error:
        if path.is_symlink():
            return "is a symbolic link that loops back on itself; fix or remove the link"
        return f"cannot be accessed ({error.strerror or error}); check the path"
    return None


class _Walk:
    """The state of one search for inputs: what was found, and what was already seen.

    Directories and files are known by (device, inode), so that links and a path given twice
    neither repeat a file nor walk a directory again: a directory of links fanning out to
    each other is walked once, and `/proc/self` ends.
    """

    def __init__(self, globs: tuple[str, ...], follow_links: bool, id_from_path: bool) -> None:
        self.globs = globs
        self.follow_links = follow_links
        self.id_from_path = id_from_path
        self.found: dict[str, InputFile] = {}
        self.files: dict[tuple[int, int], str] = {}  # file -> the first path to it
        self.directories: set[tuple[int, int]] = set()
        self.links_not_followed: list[str] = []

    def inputs(self) -> list[InputFile]:
        return list(self.found.values())

    def add_problem(self, path: Path, problem: str) -> None:
        """An input that cannot be read, kept in its place to be reported when it is reached."""
        name = shown_path(path)
        self.found[name] = InputFile(Path(name).stem or name, name, problem)

    def matches(self, relative: PurePosixPath) -> bool:
        return any(relative.match(glob) for glob in self.globs)

    def add_file(
        self, path: Path, info: os.stat_result | None = None, root: Path | None = None
    ) -> None:
        """A regular file, unless another path to it is there already (the smaller wins)."""
        info = info or path.stat()
        key = (info.st_dev, info.st_ino)
        name = path.as_posix()
        known = self.files.get(key)
        if known is not None:
            if known <= name:
                return
            del self.found[known]
        self.files[key] = name
        doc_id = path.stem
        if self.id_from_path and root is not None:
            doc_id = path.relative_to(root).with_suffix("").as_posix()
        self.found[name] = InputFile(id=doc_id, path=name)

    def visit(self, directory: Path, root: Path) -> None:
        """Every file under `directory` matching the glob, and the problems met on the way.

        The glob is matched against the path relative to `root` from the right, so `*.txt`
        and `2024/*.txt` work at any depth.
        """
        try:
            info = directory.stat()
        except OSError:
            return
        key = (info.st_dev, info.st_ino)
        if key in self.directories:
            return
        self.directories.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except PermissionError:
            self.add_problem(
                directory,
                "is a directory that cannot be read (permission denied); check its permissions",
            )
            return
        except OSError as error:
            self.add_problem(
                directory, f"is a directory that cannot be read ({error.strerror or error})"
            )
            return
        for entry in entries:
            self._entry(directory / entry.name, entry, root)

    def _entry(self, path: Path, entry: os.DirEntry[str], root: Path) -> None:
        relative = PurePosixPath(path.relative_to(root).as_posix())
        problem = _path_problem(path)
        if problem is not None:
            if self.matches(relative) or "loops" in problem or "permission" in problem:
                self.add_problem(path, problem)
            return
        if _is_dir(entry):
            if entry.is_symlink() and not self.follow_links:
                self.links_not_followed.append(path.as_posix())
            else:
                self.visit(path, root)
            return
        if not self.matches(relative):
            return
        info = path.stat()
        if stat.S_ISREG(info.st_mode):
            self.add_file(path, info, root)
        else:
            self.add_problem(path, "is not a regular file; leave it out")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _looks_binary(text: str) -> bool:
    """More than one control character in a hundred (and more than one at all): one stray
    NUL or ESC does not make an article binary."""
    sample = text[:20_000]
    controls = sum(1 for c in sample if c in _CONTROL)
    return controls > max(1, len(sample) // 100)


def decode(data: bytes, path: str) -> tuple[str, str, str | None]:
    """(text, encoding, warning) for the bytes of an article; InputError if it is not text.

    In order: a byte order mark; UTF-16 without one (many NUL bytes, all on one side of the
    code units); UTF-8; UTF-8 with a few invalid bytes (fewer than its valid non-ASCII
    characters), read as U+FFFD with a warning giving the first one's offset; then whatever
    charset-normalizer detects.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig", None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, path)
            return text, encoding, f"{path}: not UTF-8, read as {encoding} (byte order mark)"
    wide = _utf16_without_bom(data)
    if wide is not None:
        text, encoding = wide
        return text, encoding, f"{path}: not UTF-8, read as {encoding} (no byte order mark)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        mostly = _mostly_utf8(data, error.start, path)
        if mostly is not None:
            return mostly
    else:
        if _looks_binary(text):
            raise InputError(
                path, "is a binary file, not a text article; leave it out of the input"
            )
        return text, "utf-8", None
    return _detected(data, path)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) if `data` reads as UTF-16 without a byte order mark, else None.

    Text in a Latin script in UTF-16 has a zero byte in most code units, always on the same
    side; UTF-8 text has none, binary formats have them on both sides.
    """
    sample = data[:20_000]
    units = len(sample) // 2
    if units < 2 or len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= units * 0.3 and low <= units * 0.02:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else (text, encoding)
    return None


_REPLACEMENT_BYTES = "\ufffd".encode()


def _mostly_utf8(data: bytes, first: int, path: str) -> tuple[str, str, str | None] | None:
    """UTF-8 with a few invalid bytes (a truncated download, one bad byte): the text with
    U+FFFD for each invalid sequence and a warning, if the valid non-ASCII characters
    outnumber the invalid sequences; else None (another encoding is likelier)."""
    text = data.decode("utf-8", errors="replace")
    genuine = data.count(_REPLACEMENT_BYTES)
    invalid = text.count("\ufffd") - genuine
    valid = sum(1 for c in text if c > "\x7f") - invalid - genuine
    if valid <= invalid or _looks_binary(text):
        return None
    more = f" and {invalid - 1:,} more place{'s' if invalid > 2 else ''}" if invalid > 1 else ""
    return (
        text,
        "utf-8",
        f"{path}: not valid UTF-8 at byte {first:,}{more}; read as UTF-8 with U+FFFD in "
        "place of the invalid bytes (fix the file to be sure)",
    )


def _detected(data: bytes, path: str) -> tuple[str, str, str | None]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        if b"\x00" in data:
            raise InputError(
                path, "is a binary file, not a text article; leave it out of the input"
            )
        raise InputError(
            path,
            "is not text in any encoding vjties can detect; convert it to UTF-8 or leave it out",
        )
    encoding = str(best.encoding)
    return (
        str(best),
        encoding,
        f"{path}: not UTF-8, read as {encoding}; convert it to UTF-8 to be sure",
    )


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            path, f"starts like {encoding} but is not valid {encoding}; convert it to UTF-8"
        ) from None
    if _looks_binary(text):
        raise InputError(path, "is a binary file, not a text article; leave it out of the input")
    return text


def _too_large(path: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        path, f"is {size:,} bytes, over the {max_bytes:,}-byte limit; raise --max-bytes to read it"
    )


def read_input(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one input. Raises InputError naming the file when it cannot be used."""
    if item.error is not None:
        raise InputError(item.path, item.error)
    try:
        if item.path == STDIN:
            if sys.stdin is None:
                raise InputError(
                    item.path, "stdin is closed; pipe an article into it or name a file"
                )
            data = sys.stdin.buffer.read(max_bytes + 1)
            if not data.strip():
                raise InputError(
                    item.path,
                    "is empty (did the command piping into vjties fail?); pipe an article into it",
                )
            if len(data) > max_bytes:
                raise InputError(
                    item.path, f"is over the {max_bytes:,}-byte limit; raise --max-bytes to read it"
                )
        else:
            path = Path(item.path)
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_large(item.path, size, max_bytes)
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise _too_large(item.path, len(data), max_bytes)
    except PermissionError:
        raise InputError(
            item.path, "cannot be read (permission denied); check its permissions"
        ) from None
    except IsADirectoryError:
        raise InputError(item.path, "is a directory, not a file; pass it as a directory") from None
    except OSError as error:
        raise InputError(
            item.path, f"cannot be read ({error.strerror or error}); check the file"
        ) from None
    text, encoding, warning = decode(data, item.path)
    page = None
    if item.path.lower().endswith(HTML_SUFFIXES) or (item.path == STDIN and looks_like_html(text)):
        page = read_page(text, item.path)
        text = page.text
    return SourceText(
        id=item.id,
        path=item.path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warning=warning,
        page=page,
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
