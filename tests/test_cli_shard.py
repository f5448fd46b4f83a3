"""`vjties extract --shard I/N`: parts that `vjties merge` joins into the whole."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vjties.cli import app

SEEDS = (Path(__file__).resolve().parent.parent / "seeds").as_posix()
runner = CliRunner()


def test_shards_partition_the_corpus_and_merge_into_the_whole(tmp_path: Path) -> None:
    parts = []
    for index in (1, 2, 3):
        part = tmp_path / f"part{index}.json"
        result = runner.invoke(app, ["extract", SEEDS, "--shard", f"{index}/3", "-o", str(part)])
        assert result.exit_code == 0, result.output
        parts.append(part)
    ids = [d["id"] for p in parts for d in json.loads(p.read_text())["documents"]]
    # A story glued onto a seed (`ID~2`) goes with the file it was read from.
    seeds = sorted(p.stem for p in Path(SEEDS).glob("*.txt"))
    assert sorted(i.partition("~")[0] for i in set(ids)) == sorted([*seeds, seeds[0]])
    merged = tmp_path / "merged.json"
    assert runner.invoke(app, ["merge", *map(str, parts), "-o", str(merged)]).exit_code == 0
    whole = runner.invoke(app, ["extract", SEEDS])
    assert merged.read_text(encoding="utf-8") == whole.stdout


def test_an_empty_shard_is_an_empty_dataset_not_an_error() -> None:
    one_file = sorted(Path(SEEDS).glob("*.txt"))[0].as_posix()
    outputs = [runner.invoke(app, ["extract", one_file, "--shard", f"{i}/2"]) for i in (1, 2)]
    assert [r.exit_code for r in outputs] == [0, 0]
    counts = sorted(
        len([d for d in json.loads(r.stdout)["documents"] if "~" not in d["id"]]) for r in outputs
    )
    assert counts == [0, 1]


def test_a_bad_shard_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", SEEDS, "--shard", "3/2"])
    assert result.exit_code == 2
    assert "--shard" in result.output
