"""The extraction run as a whole: determinism, formats, parallel runs."""

from __future__ import annotations

import io
import json
from pathlib import Path

from vjties.dataset import parse_dataset
from vjties.errors import InputError
from vjties.extract import extract_fragments, write_fragments
from vjties.models import Dataset
from vjties.pipeline import build_pipeline
from vjties.reader import find_inputs, iter_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _run(fmt: str, jobs: int = 1) -> str:
    inputs = find_inputs([SEEDS.as_posix()])
    stream = io.StringIO()
    fragments = extract_fragments(iter_sources(inputs), jobs=jobs)
    write_fragments((f for f in fragments if isinstance(f, Dataset)), stream, fmt)
    return stream.getvalue()


def test_two_runs_give_identical_bytes() -> None:
    assert _run("json") == _run("json")


def test_jsonl_and_json_carry_the_same_records() -> None:
    as_json = _run("json")
    as_jsonl = _run("jsonl")
    assert all(json.loads(line)["type"] for line in as_jsonl.splitlines())
    assert parse_dataset(as_jsonl, "jsonl") == parse_dataset(as_json, "json")


def test_parallel_jobs_give_the_same_bytes_as_one_job() -> None:
    assert _run("json", jobs=2) == _run("json", jobs=1)


def test_documents_are_in_sorted_path_order_with_stem_ids() -> None:
    dataset = parse_dataset(_run("json"), "json")
    assert [d.id for d in dataset.documents] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(d.path.startswith(SEEDS.as_posix()) for d in dataset.documents)


def test_nlp_pipe_with_worker_processes_keeps_the_extensions() -> None:
    nlp = build_pipeline()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    single = [doc._.localities for doc in nlp.pipe(texts)]
    parallel = [doc._.localities for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == single
    assert all(isinstance(records, list) for records in parallel)


def test_unreadable_inputs_pass_through_parallel_jobs_in_order() -> None:
    sources = list(iter_sources(find_inputs([SEEDS.as_posix()])))
    broken = InputError("missing.txt", "no such file")
    items = [sources[0], broken, *sources[1:]]
    results = list(extract_fragments(items, jobs=2))
    assert isinstance(results[1], InputError)
    assert (results[1].path, results[1].reason) == ("missing.txt", "no such file")
    ids = [r.documents[0].id for r in results if isinstance(r, Dataset)]
    assert ids == [s.id for s in sources if not isinstance(s, InputError)]


def test_a_consumer_that_stops_early_does_not_hang_the_workers() -> None:
    sources = list(iter_sources(find_inputs([SEEDS.as_posix()]))) * 60
    fragments = extract_fragments(iter(sources), jobs=2)
    first = next(fragments)
    fragments.close()  # returns only once the pool is shut down
    assert isinstance(first, Dataset)
