"""Writing an export without ever leaving half of it: files and folders appear whole or not at all.

A file is written to a temporary name beside the target and renamed over it at the end (a
symbolic link at the target is replaced, its target never written through). A folder is built
beside the target and swapped in; an existing folder is replaced only when it is an earlier
vjties export (its `datapackage.json` names vjties and lists every file in it), so a wrong `-o`
never wipes a folder of the user's.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from vjties.errors import OutputError

PACKAGE_NAME = "vjties"
DESCRIPTOR = "datapackage.json"


def _directory_of(path: Path) -> Path:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the directory {directory} does not exist; create it first")
    return directory


def _new_mode(base: int) -> int:
    """The mode a plain write would give (`base` less the umask): mkstemp's are private."""
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


def check_file_target(path: Path) -> None:
    """OutputError unless `path` is absent, a regular file or a symbolic link (replaced)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{path}: cannot be checked ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory; give a file name to -o")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError(f"{path}: is not a regular file (a device or pipe?); choose another -o")


@contextlib.contextmanager
def replaced_file(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write; it becomes `path` only if the block succeeds."""
    check_file_target(path)
    directory = _directory_of(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(
            f"{path}: cannot write here ({error.strerror}); choose another -o"
        ) from None
    os.close(handle)
    temp = Path(name)
    try:
        os.chmod(temp, _new_mode(0o666))
        yield temp
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _is_earlier_export(path: Path) -> bool:
    """Whether a folder holds nothing but a vjties export (or nothing at all)."""
    names = {entry.name for entry in path.iterdir()}
    if not names:
        return True
    try:
        descriptor = json.loads((path / DESCRIPTOR).read_text(encoding="utf-8"))
        listed = {r["path"] for r in descriptor["resources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return descriptor.get("name") == PACKAGE_NAME and names <= listed | {DESCRIPTOR}


def check_folder_target(path: Path) -> None:
    """OutputError unless `path` is absent, an empty folder or an earlier vjties export."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise OutputError(f"{path}: exists and is not a folder; give -o a new folder name")
    if path.is_dir() and not _is_earlier_export(path):
        raise OutputError(
            f"{path}: holds files vjties did not write; give -o a new folder name "
            "(an earlier vjties export there would be replaced)"
        )


@contextlib.contextmanager
def replaced_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside `path` to fill; it takes `path`'s place if the block succeeds."""
    check_folder_target(path)
    directory = _directory_of(path)
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory))
    except OSError as error:
        raise OutputError(
            f"{path}: cannot write here ({error.strerror}); choose another -o"
        ) from None
    try:
        os.chmod(temp, _new_mode(0o777))
        yield temp
        _swap_in(temp, path)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _swap_in(temp: Path, path: Path) -> None:
    """Put the finished folder in place; an earlier export moves aside and is removed last."""
    if not path.exists():
        os.rename(temp, path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
    os.rename(path, old / "export")
    try:
        os.rename(temp, path)
    except BaseException:
        os.rename(old / "export", path)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
