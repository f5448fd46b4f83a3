"""The reader: finding inputs, decoding them, and naming every problem with its file."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from vjties.errors import InputError, VjtiesError
from vjties.reader import (
    STDIN,
    InputFile,
    SourceText,
    decode,
    find_inputs,
    iter_sources,
    read_input,
)

ARTICLE = "Hau Giang and Kagawa sign an MoU\nHAU GIANG — The two sides signed it on Monday.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read_all(paths: list[str], **kwargs: object) -> list[SourceText | InputError]:
    return list(iter_sources(find_inputs(paths), **kwargs))  # type: ignore[arg-type]


def test_directories_are_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "zeta.txt", ARTICLE)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b" / "c" / "alpha.txt", ARTICLE)
    write(tmp_path / "notes.md", ARTICLE)
    inputs = find_inputs([str(tmp_path)])
    assert [i.path for i in inputs] == [
        (tmp_path / "a.txt").as_posix(),
        (tmp_path / "b" / "c" / "alpha.txt").as_posix(),
        (tmp_path / "b" / "zeta.txt").as_posix(),
    ]
    assert [i.id for i in inputs] == ["a", "alpha", "zeta"]
    assert all(i.error is None for i in inputs)


def test_glob_picks_other_files_and_explicit_files_are_always_read(tmp_path: Path) -> None:
    write(tmp_path / "d" / "one.md", ARTICLE)
    write(tmp_path / "d" / "two.txt", ARTICLE)
    explicit = write(tmp_path / "three.text", ARTICLE)
    inputs = find_inputs([str(tmp_path / "d"), str(explicit)], glob="*.md")
    assert [i.id for i in inputs] == ["one", "three"]


def test_stdin_is_read_as_the_document_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    (source,) = read_all([STDIN])
    assert isinstance(source, SourceText)
    assert (source.id, source.path, source.text) == ("stdin", "-", ARTICLE)


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(InputError, match=r"^-: is over the 10-byte limit; raise --max-bytes"):
        read_input(InputFile("stdin", STDIN), max_bytes=10)


def test_utf8_with_bom_drops_the_mark_and_offsets_follow_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText)
    assert source.text == ARTICLE
    assert source.encoding == "utf-8-sig" and source.warning is None
    assert source.text.index("HAU GIANG") == ARTICLE.index("HAU GIANG")


def test_line_endings_and_diacritics_are_kept(tmp_path: Path) -> None:
    text = "Hậu Giang ký kết\r\nĐà Nẵng — “quotes” – dashes\r\n"
    path = write(tmp_path / "crlf.txt", text.encode())
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText) and source.text == text


def test_utf16_with_bom_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", ARTICLE.encode("utf-16"))
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText)
    assert source.text == ARTICLE and source.encoding == "utf-16"
    assert source.warning is not None and "wide.txt" in source.warning


def test_other_encodings_are_detected_with_a_warning(tmp_path: Path) -> None:
    text = (
        "Le département de la Haute-Savoie a signé un accord de coopération décentralisée "
        "avec la province de Thừa Thiên-Huế. Les délégués ont visité l'école française.\n"
    ).replace("Thừa Thiên-Huế", "Thua Thien-Hue")
    path = write(tmp_path / "latin.txt", text.encode("latin-1"))
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText)
    assert "département" in source.text
    assert source.warning is not None and "latin.txt" in source.warning
    assert "not UTF-8" in source.warning


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4, b"\x01\x02\x03\x04\x05" * 50],
)
def test_binary_files_are_a_clear_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "picture.txt", data)
    (error,) = read_all([str(path)])
    assert isinstance(error, InputError)
    assert str(error).startswith(path.as_posix() + ": ")
    assert "leave it out" in str(error)


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText) and source.text == ""


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", "word " * 100)
    (error,) = read_all([str(path)], max_bytes=50)
    assert isinstance(error, InputError)
    assert str(error) == (
        f"{path.as_posix()}: is 500 bytes, over the 50-byte limit; raise --max-bytes to read it"
    )


def test_a_missing_path_is_an_error_in_its_place(tmp_path: Path) -> None:
    good = write(tmp_path / "b.txt", ARTICLE)
    missing = tmp_path / "a.txt"
    results = read_all([str(good), str(missing)])
    assert isinstance(results[0], InputError)
    assert str(results[0]) == f"{missing.as_posix()}: no such file or directory; check the path"
    assert isinstance(results[1], SourceText)


def test_duplicate_document_ids_skip_the_later_file(tmp_path: Path) -> None:
    first = write(tmp_path / "2023" / "story.txt", ARTICLE)
    second = write(tmp_path / "2024" / "story.txt", ARTICLE)
    inputs = find_inputs([str(tmp_path)])
    assert inputs[0] == InputFile("story", first.as_posix())
    assert inputs[1].error is not None
    assert inputs[1].error.startswith("has the same document id 'story' as ")
    (good, error) = iter_sources(inputs)
    assert isinstance(good, SourceText) and isinstance(error, InputError)
    assert error.path == second.as_posix()


def test_broken_symbolic_link(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    results = read_all([str(tmp_path)])
    assert [type(r).__name__ for r in results] == ["InputError", "SourceText"]
    assert str(results[0]).endswith("gone.txt: is a broken symbolic link; fix or remove the link")


def test_symbolic_link_loops_end(tmp_path: Path) -> None:
    write(tmp_path / "d" / "ok.txt", ARTICLE)
    (tmp_path / "d" / "back").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    for follow_links in (False, True):
        notes: list[str] = []
        inputs = find_inputs([str(tmp_path)], follow_links=follow_links, notes=notes)
        assert [i.id for i in inputs if i.error is None] == ["ok"]
        problems = {Path(i.path).name: i.error for i in inputs if i.error}
        assert set(problems) == {"self.txt"}
        assert "loops back on itself" in str(problems["self.txt"])
        # Followed, the link leads to a directory already walked: nothing more, no message.
        assert notes == (
            []
            if follow_links
            else [
                f"1 symbolic link to a directory not followed: {(tmp_path / 'd' / 'back').as_posix()}; "
                "use --follow-links to read what they lead to"
            ]
        )


def test_a_linked_directory_outside_the_tree_is_read_only_when_asked(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "far.txt", ARTICLE)
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link").symlink_to(tmp_path / "elsewhere")
    assert find_inputs([str(tmp_path / "tree")]) == []
    assert [i.id for i in find_inputs([str(tmp_path / "tree")], follow_links=True)] == ["far"]
    # A link given as a root is the user's own choice, and always followed.
    assert [i.id for i in find_inputs([str(tmp_path / "tree" / "link")])] == ["far"]


def test_a_fan_of_links_walks_each_directory_and_reads_each_file_once(tmp_path: Path) -> None:
    # Issue 14, row 12: 18 levels, each with links to the level below, walked 131,072 paths.
    level = tmp_path / "l18"
    write(level / "leaf.txt", ARTICLE)
    for depth in range(17, -1, -1):
        upper = tmp_path / f"l{depth}"
        upper.mkdir()
        for name in ("a", "b", "c"):
            (upper / name).symlink_to(level)
        level = upper
    write(tmp_path / "l0" / "hard.txt", ARTICLE)
    os.link(tmp_path / "l0" / "hard.txt", tmp_path / "l0" / "again.txt")
    inputs = find_inputs([str(tmp_path / "l0")], follow_links=True)
    assert [(i.id, i.error) for i in inputs] == [("leaf", None), ("again", None)]
    assert inputs[0].path == (tmp_path / "l0" / ("a/" * 18) / "leaf.txt").as_posix()
    assert find_inputs([str(tmp_path / "l0"), str(tmp_path / "l0" / "hard.txt")]) == [
        InputFile("again", (tmp_path / "l0" / "again.txt").as_posix())
    ]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_proc_self_ends_without_leaving_it(tmp_path: Path) -> None:
    notes: list[str] = []
    assert find_inputs(["/proc/self"], notes=notes) == []
    assert notes and "use --follow-links" in notes[0]


@pytest.mark.parametrize("glob", ["", "**/", "."])
def test_a_glob_that_is_no_pattern_is_one_sentence(tmp_path: Path, glob: str) -> None:
    with pytest.raises(VjtiesError, match=r"is not a file pattern; give one such as '\*\.txt'"):
        find_inputs([str(tmp_path)], glob)


def test_unreadable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    write(tmp_path / "locked" / "secret.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    inputs = find_inputs([str(tmp_path)])
    assert [(Path(i.path).name, i.error is None) for i in inputs] == [
        ("locked", False),
        ("ok.txt", True),
    ]
    assert "directory that cannot be read (permission denied)" in str(inputs[0].error)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", ARTICLE)
    real_open = Path.open

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", open_)
    (error,) = read_all([str(path)])
    assert str(error) == (
        f"{path.as_posix()}: cannot be read (permission denied); check its permissions"
    )


def test_decode_keeps_utf8_as_is() -> None:
    assert decode("Đà Nẵng".encode(), "x.txt") == ("Đà Nẵng", "utf-8", None)


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (in_dir,) = find_inputs([str(tmp_path)])
    assert in_dir.error == "is not a regular file; leave it out"
    (given,) = find_inputs([str(fifo)])
    assert given.error == "is not a regular file or directory; leave it out"


@pytest.mark.parametrize(("glob", "expected"), [("**/*.md", ["two", "one"]), ("b/*.md", ["two"])])
def test_glob_patterns(tmp_path: Path, glob: str, expected: list[str]) -> None:
    write(tmp_path / "one.md", ARTICLE)
    write(tmp_path / "a" / "b" / "two.md", ARTICLE)
    write(tmp_path / "a" / "three.txt", ARTICLE)
    assert [i.id for i in find_inputs([str(tmp_path)], glob=glob)] == expected


# Issue 14, rows 6 and 15: a bad byte, UTF-16 without a byte order mark, a stray NUL.

VIETNAMESE = (
    "Đà Nẵng đón đoàn Kanagawa\n"
    "ĐÀ NẴNG — Chủ tịch UBND thành phố Lê Trung Chinh tiếp ông Yuji Kuroiwa, "
    "Thống đốc tỉnh Kanagawa, tại Đà Nẵng ngày 12/3.\n"
)


def test_utf8_with_one_invalid_byte_is_utf8_with_a_replacement_and_a_warning() -> None:
    good = VIETNAMESE.encode()
    cut = good.index(b"Kuroiwa") + 2
    text, encoding, warning = decode(good[:cut] + b"\xff" + good[cut:], "bad.txt")
    assert encoding == "utf-8"
    assert text == VIETNAMESE.replace("Kuroiwa", "Ku\ufffdroiwa")
    assert warning == (
        f"bad.txt: not valid UTF-8 at byte {cut}; read as UTF-8 with U+FFFD in place of the "
        "invalid bytes (fix the file to be sure)"
    )


def test_several_invalid_bytes_are_counted() -> None:
    data = VIETNAMESE.encode() + b"\xc3 and \xe1\x80 end\n"
    text, encoding, warning = decode(data, "two.txt")
    assert (encoding, text.count("\ufffd")) == ("utf-8", 2)
    assert (
        warning is not None and f"at byte {len(VIETNAMESE.encode()):,} and 1 more place;" in warning
    )


def test_a_legacy_encoding_without_valid_utf8_is_still_detected() -> None:
    # cp1252 smart quotes in English: no valid UTF-8 sequence at all, so not "mostly UTF-8".
    data = "Japan\u2019s investors \u2013 and Vietnam\u2019s \u201cpartners\u201d.\n".encode(
        "cp1252"
    )
    text, encoding, warning = decode(data * 20, "quotes.txt")
    assert encoding != "utf-8"
    assert text.startswith("Japan\u2019s investors \u2013 and")
    assert warning is not None and "not UTF-8, read as" in warning


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(encoding: str) -> None:
    text, found, warning = decode(VIETNAMESE.encode(encoding), "wide.txt")
    assert (text, found) == (VIETNAMESE, encoding)
    assert warning == f"wide.txt: not UTF-8, read as {encoding} (no byte order mark)"


def test_one_nul_byte_does_not_make_a_text_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "nul.txt", ARTICLE.encode()[:10] + b"\x00" + ARTICLE.encode()[10:])
    (source,) = read_all([str(path)])
    assert isinstance(source, SourceText)
    assert source.text == ARTICLE[:10] + "\x00" + ARTICLE[10:]
    assert source.warning is None


def test_two_control_characters_in_a_short_file_still_look_binary() -> None:
    with pytest.raises(InputError, match="is a binary file"):
        decode(b"\x00\x01binary", "short.bin")


def test_a_file_name_that_is_not_utf8_is_skipped_in_one_sentence(tmp_path: Path) -> None:
    # Its name would have made the dataset invalid UTF-8 (stdout) or crashed writing -o.
    write(tmp_path / "good.txt", ARTICLE)
    bad = os.fsdecode(os.fsencode(tmp_path) + b"/bad\xffname.txt")
    Path(bad).write_text(ARTICLE, encoding="utf-8")
    error, good = read_all([str(tmp_path)])  # in path order: "bad\\xff..." < "good"
    assert isinstance(error, InputError) and isinstance(good, SourceText)
    assert str(error) == (
        f"{tmp_path.as_posix()}/bad\\xffname.txt: has a name that is not valid UTF-8; "
        "rename the file"
    )
