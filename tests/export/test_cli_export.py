"""`vjties export` on the command line (in-process)."""

from __future__ import annotations

import builtins
import json

import pandas as pd
from typer.testing import CliRunner

from vjties.cli import app
from vjties.dataset import dataset_json, dataset_jsonl

runner = CliRunner()


def test_export_csv_from_a_file(sample_ties, tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    result = runner.invoke(app, ["export", str(source), "--to", "csv", "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "wrote 18 tables" in result.stderr
    assert len(pd.read_csv(tmp_path / "c" / "partnerships.csv")) == 3


def test_export_reads_jsonl_from_stdin_and_writes_geojson_to_stdout(sample_ties) -> None:
    result = runner.invoke(
        app, ["export", "-", "--to", "geojson", "-o", "-"], input=dataset_jsonl(sample_ties)
    )
    assert result.exit_code == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    assert "left off for want of coordinates" in result.stderr


def test_export_quiet_says_nothing(sample_ties, tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    out = tmp_path / "t.graphml"
    result = runner.invoke(app, ["export", str(source), "-t", "graphml", "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert out.read_text().startswith("<?xml")


def test_a_folder_format_cannot_go_to_stdout(sample_ties, tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    result = runner.invoke(app, ["export", str(source), "--to", "sqlite", "-o", "-"])
    assert result.exit_code == 2
    assert "writes files, not stdout" in result.stderr and result.stdout == ""


def test_a_bad_dataset_is_one_sentence_and_exit_2(tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text('{"hello": 1}')
    result = runner.invoke(app, ["export", str(source), "--to", "csv", "-o", str(tmp_path / "c")])
    assert result.exit_code == 2
    assert "not a vjties dataset" in result.stderr
    assert not (tmp_path / "c").exists()


def test_a_users_folder_is_exit_4(sample_ties, tmp_path) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.txt").write_text("x")
    result = runner.invoke(
        app, ["export", str(source), "--to", "csv", "-o", str(tmp_path / "mine")]
    )
    assert result.exit_code == 4
    assert "did not write" in result.stderr


def test_parquet_without_pyarrow_says_how_to_get_it(sample_ties, tmp_path, monkeypatch) -> None:
    source = tmp_path / "d.json"
    source.write_text(dataset_json(sample_ties))
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = runner.invoke(
        app, ["export", str(source), "--to", "parquet", "-o", str(tmp_path / "p")]
    )
    assert result.exit_code == 2
    assert "pip install 'vjties[parquet]'" in result.stderr
    assert not (tmp_path / "p").exists()
