"""`vjties extract` on bad input: one clear sentence naming the file, and a documented exit code."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vjties.extract
import vjties.output
from vjties.cli import app
from vjties.errors import ExitCode

runner = CliRunner()

ARTICLE = (
    "Soc Trang and Ishikawa expand exchanges\n"
    "SOC TRANG — The Mekong Delta province of Soc Trang and Japan's Ishikawa prefecture "
    "agreed on Monday to expand exchanges in education.\n"
)
KEPT = '{"kept": true}\n'


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def documents(output: str) -> list[str]:
    return [d["id"] for d in json.loads(output)["documents"]]


def test_one_bad_file_does_not_sink_the_others(corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == ExitCode.PARTIAL == 3
    assert documents(result.stdout) == ["good"]
    photo = (corpus / "photo.txt").as_posix()
    assert f"skipped: {photo}: is a binary file, not a text article" in result.stderr
    assert f"1 of 2 inputs skipped: {photo}" in result.stderr


def test_strict_stops_and_keeps_an_existing_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(KEPT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus), "--strict", "-o", str(out)])
    assert result.exit_code == ExitCode.USAGE == 2
    assert "error:" in result.stderr and "photo.txt: is a binary file" in result.stderr
    assert out.read_text(encoding="utf-8") == KEPT
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_every_input_failing_exits_2_and_keeps_the_output(tmp_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.json"
    out.write_text(KEPT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert "none of the 1 inputs could be read" in result.stderr
    assert out.read_text(encoding="utf-8") == KEPT


def test_a_partial_run_writes_the_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(KEPT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(out)])
    assert result.exit_code == 3
    assert documents(out.read_text(encoding="utf-8")) == ["good"]


def test_missing_path(tmp_path: Path) -> None:
    missing = (tmp_path / "nope.txt").as_posix()
    result = runner.invoke(app, ["extract", missing])
    assert result.exit_code == 2
    assert f"{missing}: no such file or directory; check the path" in result.stderr


def test_directory_without_matching_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no files matching '*.txt,*.html,*.htm'; check --glob" in result.stderr


def test_empty_file_is_a_document_without_facts(tmp_path: Path) -> None:
    empty = tmp_path / "blank.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["blank"]
    assert all(data[field] == [] for field in data if field not in ("schema_version", "documents"))


def test_file_over_max_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(big), "--max-bytes", "20"])
    assert result.exit_code == 2
    assert (
        f"{big.as_posix()}: is {len(ARTICLE.encode()):,} bytes, over the 20-byte limit"
        in result.stderr
    )
    assert "raise --max-bytes" in result.stderr


def test_other_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(
        (
            ARTICLE + "Délégués de la préfecture ont visité l'école. Très réussi, à refaire.\n"
        ).encode("cp1252")
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert f"warning: {path.as_posix()}: not UTF-8, read as" in result.stderr
    assert documents(result.stdout) == ["old"]


def test_quiet_hides_warnings_but_not_skipped_files(corpus: Path) -> None:
    (corpus / "old.txt").write_bytes("Un délégué très apprécié à Hué.\n".encode("cp1252"))
    result = runner.invoke(app, ["extract", str(corpus), "--quiet"])
    assert result.exit_code == 3
    assert "warning:" not in result.stderr
    assert "photo.txt: is a binary file" in result.stderr


def test_broken_link_and_link_loop_in_a_directory(corpus: Path) -> None:
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to(corpus)
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 3
    assert "gone.txt: is a broken symbolic link; fix or remove the link" in result.stderr
    assert "warning: 1 symbolic link to a directory not followed: " in result.stderr
    assert "sub/up; use --follow-links" in result.stderr
    assert documents(result.stdout) == ["good"]


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-"], input=ARTICLE)
    assert result.exit_code == 0
    assert documents(result.stdout) == ["stdin"]


def test_output_directory_missing(tmp_path: Path, corpus: Path) -> None:
    target = tmp_path / "no" / "such" / "out.json"
    result = runner.invoke(app, ["extract", str(corpus / "good.txt"), "-o", str(target)])
    assert result.exit_code == ExitCode.OUTPUT == 4
    assert "does not exist; create it first" in result.stderr


def test_output_that_cannot_be_written_keeps_the_old_file(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text(KEPT, encoding="utf-8")

    def full_disk(source: str, target: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vjties.output.os, "replace", full_disk)
    result = runner.invoke(app, ["extract", str(corpus / "good.txt"), "-o", str(out)])
    assert result.exit_code == 4
    assert f"{out}: the output could not be written (No space left on device)" in result.stderr
    assert out.read_text(encoding="utf-8") == KEPT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.json"]


def test_parallel_run_skips_the_same_files(corpus: Path) -> None:
    (corpus / "second.txt").write_text(ARTICLE.replace("Soc Trang", "Bac Lieu"), encoding="utf-8")
    one = runner.invoke(app, ["extract", str(corpus), "--jobs", "1"])
    two = runner.invoke(app, ["extract", str(corpus), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 3
    assert one.stdout == two.stdout
    assert documents(two.stdout) == ["good", "second"]


# Issue 14, row 2: the output is never one of the inputs, a link or a device node replaced.


def test_an_output_that_is_the_input_is_refused(corpus: Path) -> None:
    article = corpus / "good.txt"
    result = runner.invoke(app, ["extract", str(article), "-o", str(article)])
    assert result.exit_code == 2
    assert f"{article}: is one of the inputs; vjties never writes over an input" in result.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert result.stdout == ""


def test_an_output_that_is_a_link_is_refused(corpus: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text(KEPT, encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = runner.invoke(app, ["extract", str(corpus / "good.txt"), "-o", str(link)])
    assert result.exit_code == 2
    assert "link.json: is a symbolic link; vjties does not write through links" in result.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8") == KEPT


def test_an_output_fifo_is_written_as_it_is(corpus: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = runner.invoke(app, ["extract", str(corpus / "good.txt"), "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert documents(received[0]) == ["good"]
    assert fifo.is_fifo()


def test_a_vietnamese_article_with_one_bad_byte_keeps_its_facts(tmp_path: Path) -> None:
    # Issue 14, row 6: it was read as cp1250/cp1256, names garbled and facts lost, exit 0.
    golden = Path(__file__).parent / "golden" / "officials" / "da_nang_kanagawa.txt"
    data = golden.read_bytes()
    (tmp_path / "clean.txt").write_bytes(data)
    body = data.rstrip(b"\n")
    (tmp_path / "damaged.txt").write_bytes(body + b"\xff\n")
    clean = runner.invoke(app, ["extract", str(tmp_path / "clean.txt")])
    damaged = runner.invoke(app, ["extract", str(tmp_path / "damaged.txt")])
    assert damaged.exit_code == 0
    assert f"damaged.txt: not valid UTF-8 at byte {len(body):,};" in damaged.stderr
    before, after = json.loads(clean.stdout), json.loads(damaged.stdout)
    assert after["documents"][0]["encoding"] == "utf-8"
    assert json.dumps(after["officials"]).replace("damaged", "clean") == json.dumps(
        before["officials"]
    )
    assert len(after["officials"]) == 5


# Issue 14, rows 8, 11 and 12: nothing written on exit 2; --glob; links; --jobs.


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_run_that_exits_2_prints_nothing(tmp_path: Path, corpus: Path, fmt: str) -> None:
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "-f", fmt])
    assert (missing.exit_code, missing.stdout) == (2, "")
    assert "none of the 1 inputs could be read (nothing was written" in missing.stderr
    # good.txt is extracted before photo.txt stops the run: its jsonl must not come out.
    strict = runner.invoke(app, ["extract", str(corpus), "--strict", "-f", fmt])
    assert (strict.exit_code, strict.stdout) == (2, "")
    assert "photo.txt: is a binary file" in strict.stderr


def test_an_empty_glob_is_one_sentence(corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus), "--glob", ""])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --glob '' is not a file pattern; give one such as '*.txt' or '*.txt,*.html'\n"
    )


def test_links_to_directories_are_followed_only_when_asked(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(ARTICLE.replace("Soc Trang", "Bac Lieu"), encoding="utf-8")
    (corpus / "link").symlink_to(outside)
    (corpus / "photo.txt").unlink()
    plain = runner.invoke(app, ["extract", str(corpus)])
    assert plain.exit_code == 0
    assert documents(plain.stdout) == ["good"]
    assert "1 symbolic link to a directory not followed" in plain.stderr
    followed = runner.invoke(app, ["extract", str(corpus), "--follow-links"])
    assert (followed.exit_code, followed.stderr) == (0, "")
    assert documents(followed.stdout) == ["far", "good"]


def test_jobs_are_capped_at_the_cpus_with_a_message(corpus: Path) -> None:
    cpus = vjties.extract.usable_cpus()
    result = runner.invoke(app, ["extract", str(corpus / "good.txt"), "--jobs", "100000"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: --jobs 100000 is more than the {cpus} CPUs vjties can use here; using {cpus}\n"
    )
    assert documents(result.stdout) == ["good"]
