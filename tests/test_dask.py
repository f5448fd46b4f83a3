"""The Dask engine: a bag of fragments, its merge, and `vjties extract --scheduler`, on a
real `distributed.LocalCluster` of two worker processes (CI installs the `dask` extra)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed")

import vjties.dask  # noqa: E402
from vjties.cli import app  # noqa: E402
from vjties.dataset import dataset_json  # noqa: E402
from vjties.errors import ExitCode  # noqa: E402
from vjties.pipeline import shared_pipeline  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COUNT = len(list(SEEDS.glob("*.txt")))
runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def _local(args: list[str], out: Path) -> bytes:
    result = runner.invoke(app, ["extract", *args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_extract_on_a_scheduler_gives_the_bytes_of_a_local_run(
    client: Any, tmp_path: Path, fmt: str
) -> None:
    args = [SEEDS.as_posix(), "--format", fmt]
    expected = _local(args, tmp_path / "local")
    on_cluster = tmp_path / "cluster"
    result = runner.invoke(
        app, ["extract", *args, "--scheduler", client.scheduler.address, "-o", str(on_cluster)]
    )
    assert result.exit_code == 0, result.stderr
    assert on_cluster.read_bytes() == expected


def test_to_dataset_merges_the_bag_as_extract_does(client: Any, tmp_path: Path) -> None:
    expected = _local([SEEDS.as_posix()], tmp_path / "local.json").decode("utf-8")
    bag = vjties.dask.extract_bag([SEEDS.as_posix()], partition_size=1)
    assert bag.npartitions == COUNT > 2  # merged in a tree across partitions and workers
    assert dataset_json(vjties.dask.to_dataset(bag, split_every=2)) == expected


def test_each_worker_builds_the_pipeline_once(client: Any) -> None:
    bag = vjties.dask.extract_bag([SEEDS.as_posix()], partition_size=1)
    assert len(bag.compute()) == COUNT
    builds = client.run(shared_pipeline.cache_info)
    assert len(builds) == 2
    assert all(info.misses <= 1 for info in builds.values())
    assert sum(info.hits for info in builds.values()) >= COUNT - 2


def test_unreadable_inputs_are_skipped_as_in_a_local_run(client: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((SEEDS / "001_e8194724c3fb40e8.txt").read_text("utf-8"), "utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    local = runner.invoke(app, ["extract", str(folder)])
    result = runner.invoke(app, ["extract", str(folder), "--scheduler", client.scheduler.address])
    assert result.exit_code == local.exit_code == ExitCode.PARTIAL
    assert result.stdout == local.stdout
    assert "photo.txt: is a binary file, not a text article" in result.stderr
    strict = runner.invoke(
        app, ["extract", str(folder), "--strict", "--scheduler", client.scheduler.address]
    )
    assert strict.exit_code == ExitCode.USAGE
    assert strict.stdout == ""


def test_a_local_dask_cluster_gives_the_same_bytes(tmp_path: Path) -> None:
    args = [SEEDS.as_posix(), "--format", "jsonl"]
    expected = _local(args, tmp_path / "local")
    on_dask = tmp_path / "dask"
    result = runner.invoke(
        app, ["extract", *args, "--scheduler", "processes", "--jobs", "2", "-o", str(on_dask)]
    )
    assert result.exit_code == 0, result.stderr
    assert on_dask.read_bytes() == expected


def test_stdin_goes_through_the_cluster_and_a_bad_address_is_refused(client: Any) -> None:
    text = (SEEDS / "001_e8194724c3fb40e8.txt").read_text("utf-8")
    local = runner.invoke(app, ["extract", "-"], input=text)
    address = client.scheduler.address
    stdin = runner.invoke(app, ["extract", "-", "--scheduler", address], input=text)
    assert stdin.exit_code == local.exit_code == 0
    assert stdin.stdout == local.stdout
    bad = runner.invoke(app, ["extract", SEEDS.as_posix(), "--scheduler", "somewhere"])
    assert bad.exit_code == ExitCode.USAGE
    assert "neither `processes` nor a scheduler address" in bad.stderr


def test_without_dask_the_option_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def hidden(name: str, *args: Any) -> Any:
        return None if name == "distributed" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", hidden)
    result = runner.invoke(app, ["extract", SEEDS.as_posix(), "--scheduler", "processes"])
    assert result.exit_code == ExitCode.USAGE
    assert "pip install 'vjties[dask]'" in result.stderr
    with pytest.raises(vjties.dask.DaskMissing):
        vjties.dask.extract_bag([SEEDS.as_posix()])
