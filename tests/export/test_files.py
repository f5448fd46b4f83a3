"""Exports appear whole or not at all, and never write over what vjties did not write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vjties.errors import OutputError
from vjties.export import ExportFormat, export_dataset, tabular


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_a_folder_of_the_users_is_refused_and_left_alone(sample_ties, tmp_path) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_text("mine")
    with pytest.raises(OutputError, match="holds files vjties did not write"):
        export_dataset(sample_ties, ExportFormat.csv, folder)
    assert [p.name for p in folder.iterdir()] == ["chapter1.docx"]
    assert leftovers(tmp_path) == []


def test_an_earlier_export_is_replaced_whole(sample_ties, tmp_path) -> None:
    out = tmp_path / "csv"
    export_dataset(sample_ties, ExportFormat.csv, out)
    (out / "figures.csv").write_text("stale")
    sample_ties.figures = []
    export_dataset(sample_ties, ExportFormat.csv, out)
    assert (out / "figures.csv").read_text().count("\n") == 1  # the header only
    assert leftovers(tmp_path) == []


def test_an_earlier_export_with_a_stray_file_is_not_replaced(sample_ties, tmp_path) -> None:
    out = tmp_path / "csv"
    export_dataset(sample_ties, ExportFormat.csv, out)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError):
        export_dataset(sample_ties, ExportFormat.csv, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_a_failed_export_leaves_the_earlier_one_and_no_temporary_files(
    sample_ties, tmp_path, monkeypatch
) -> None:
    out = tmp_path / "csv"
    export_dataset(sample_ties, ExportFormat.csv, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def half_then_fail(tables, folder: Path) -> None:
        (folder / "documents.csv").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr(tabular, "write_csv_folder", half_then_fail)
    with pytest.raises(KeyboardInterrupt):
        export_dataset(sample_ties, ExportFormat.csv, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_a_failed_file_export_keeps_the_old_file(sample_ties, tmp_path, monkeypatch) -> None:
    from vjties.export import sqlite

    path = tmp_path / "ties.db"
    path.write_bytes(b"old")

    def fail(tables, database: Path) -> None:
        database.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite, "write_sqlite", fail)
    with pytest.raises(OSError):
        export_dataset(sample_ties, ExportFormat.sqlite, path)
    assert path.read_bytes() == b"old"
    assert not (tmp_path / "ties.metadata.json").exists()
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_is_replaced_not_written_through(sample_ties, tmp_path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "ties.geojson"
    link.symlink_to(target)
    export_dataset(sample_ties, ExportFormat.geojson, link)
    assert target.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text().startswith("{")


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.sqlite])
def test_a_directory_or_pipe_is_not_a_file_target(sample_ties, tmp_path, fmt) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        export_dataset(sample_ties, fmt, tmp_path)
    # A pipe stands for a device here: a test must never aim at a real one.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="not a regular file"):
        export_dataset(sample_ties, fmt, pipe)
    assert pipe.is_fifo()


def test_a_missing_parent_directory_is_one_clear_error(sample_ties, tmp_path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        export_dataset(sample_ties, ExportFormat.csv, tmp_path / "no" / "csv")


def test_the_written_files_get_the_usual_mode(sample_ties, tmp_path) -> None:
    umask = os.umask(0o022)
    try:
        export_dataset(sample_ties, ExportFormat.gexf, tmp_path / "t.gexf")
        export_dataset(sample_ties, ExportFormat.csv, tmp_path / "csv")
    finally:
        os.umask(umask)
    assert (tmp_path / "t.gexf").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "csv").stat().st_mode & 0o777 == 0o755
