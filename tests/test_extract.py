"""The extraction run as a whole: determinism, formats, parallel runs."""

from __future__ import annotations

import io
import itertools
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from spacy.language import Language

import vjties.extract
from vjties.dataset import parse_dataset
from vjties.errors import InputError
from vjties.extract import (
    _process_chunk,
    chunk_bounds,
    doc_to_dataset,
    extract_fragments,
    extract_source,
    extract_text,
    process,
)
from vjties.fragments import Fragment, write_fragments
from vjties.models import Dataset, Evidence
from vjties.page import analyse_page
from vjties.pipeline import build_pipeline
from vjties.reader import SourceText, find_inputs, iter_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _run(fmt: str, jobs: int = 1) -> str:
    inputs = find_inputs([SEEDS.as_posix()])
    stream = io.StringIO()
    fragments = extract_fragments(iter_sources(inputs), jobs=jobs, style=fmt)
    write_fragments((f for f in fragments if isinstance(f, Fragment)), stream, fmt)
    return stream.getvalue()


def test_two_runs_give_identical_bytes() -> None:
    assert _run("json") == _run("json")


def test_jsonl_and_json_carry_the_same_records() -> None:
    as_json = _run("json")
    as_jsonl = _run("jsonl")
    assert all(json.loads(line)["type"] for line in as_jsonl.splitlines())
    assert parse_dataset(as_jsonl, "jsonl") == parse_dataset(as_json, "json")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_parallel_jobs_give_the_same_bytes_as_one_job(fmt: str) -> None:
    assert _run(fmt, jobs=2) == _run(fmt, jobs=1)


def test_documents_are_in_sorted_path_order_with_stem_ids() -> None:
    dataset = parse_dataset(_run("json"), "json")
    files = [d.id for d in dataset.documents if "~" not in d.id]
    assert files == sorted(p.stem for p in SEEDS.glob("*.txt"))
    # The seed with a story glued after its sign-off gives a second document, right after it.
    assert [d.id for d in dataset.documents][:2] == [files[0], files[0] + "~2"]
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
    ids = [r.records[0].id for r in results if isinstance(r, Fragment)]
    assert all(r.records[0].field == "documents" for r in results if isinstance(r, Fragment))
    assert ids == [s.id for s in sources if not isinstance(s, InputError)]


def test_a_consumer_that_stops_early_does_not_hang_the_workers() -> None:
    sources = list(iter_sources(find_inputs([SEEDS.as_posix()]))) * 60
    fragments = extract_fragments(iter(sources), jobs=2)
    first = next(fragments)
    fragments.close()  # returns only once the pool is shut down
    assert isinstance(first, Fragment)


# Issue 14, rows 1, 7 and 14: long, decomposed and CR-only articles.

GOLDEN = Path(__file__).resolve().parent / "golden"
DA_NANG = (GOLDEN / "officials" / "da_nang_kanagawa.txt").read_text(encoding="utf-8")
BINH_DUONG = (SEEDS / "001_e8194724c3fb40e8.txt").read_text(encoding="utf-8")


def _evidence(value: object) -> list[Evidence]:
    if isinstance(value, Evidence):
        return [value]
    if isinstance(value, list):
        return [e for item in value for e in _evidence(item)]
    if isinstance(value, BaseModel):
        return [e for name in type(value).model_fields for e in _evidence(getattr(value, name))]
    return []


def _facts(dataset: Dataset) -> str:
    """Everything but offsets and evidence texts, which differ between the two forms."""
    data = dataset.model_dump(mode="json")
    del data["documents"]

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            if value.keys() == {"document", "start", "end", "text"}:
                return value["document"]
            return {k: strip(v) for k, v in value.items() if k not in ("id", "text")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(data), sort_keys=True)


def _assert_grounded(dataset: Dataset, text: str) -> None:
    for evidence in _evidence(dataset):
        assert text[evidence.start : evidence.end] == evidence.text
    for span in dataset.documents[0].boilerplate:
        assert 0 <= span.start <= span.end <= len(text)


def test_an_nfd_article_gives_the_facts_of_its_nfc_form_with_offsets_into_it() -> None:
    nfd = unicodedata.normalize("NFD", DA_NANG)
    composed, decomposed = extract_text(DA_NANG, "a"), extract_text(nfd, "a")
    assert _facts(decomposed) == _facts(composed)
    assert decomposed.documents[0].model_dump(exclude={"sha256", "boilerplate"}) == (
        composed.documents[0].model_dump(exclude={"sha256", "boilerplate"})
    )
    assert decomposed.documents[0].dateline == "ĐÀ NẴNG"
    assert len(decomposed.officials) == 5
    _assert_grounded(decomposed, nfd)
    # Ids name facts, not offsets: the two forms give the same ids.
    for field in ("dates", "figures", "events"):
        ids = [r.id for r in getattr(decomposed, field)]
        assert ids == [r.id for r in getattr(composed, field)]
    assert decomposed.dates


def _to_windows_1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese writes it: base letters, with tone marks combining."""
    encoded = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        for cut in range(len(decomposed), 0, -1):
            try:
                head = unicodedata.normalize("NFC", decomposed[:cut]).encode("cp1258")
                encoded.append(head + decomposed[cut:].encode("cp1258"))
                break
            except UnicodeEncodeError:
                continue
    return b"".join(encoded)


def test_a_windows_1258_article_gives_the_facts_of_its_utf8_form(tmp_path: Path) -> None:
    path = tmp_path / "da_nang.txt"
    path.write_bytes(_to_windows_1258(DA_NANG))
    (source,) = list(iter_sources(find_inputs([str(path)])))
    assert isinstance(source, SourceText) and source.encoding == "cp1258"
    assert source.text != DA_NANG and unicodedata.normalize("NFC", source.text) == DA_NANG
    dataset = extract_source(source)
    assert _facts(dataset) == _facts(extract_text(DA_NANG, "da_nang"))
    _assert_grounded(dataset, source.text)


def test_cr_line_endings_give_the_facts_of_lf() -> None:
    cr = BINH_DUONG.replace("\n", "\r")
    lf_data, cr_data = extract_text(BINH_DUONG, "a"), extract_text(cr, "a")
    assert cr_data.documents[0].title == "Binh Duong hosts Meet Japan 2023 programme"
    assert cr_data.documents[0].model_dump(exclude={"sha256"}) == (
        lf_data.documents[0].model_dump(exclude={"sha256"})
    )
    assert _facts(cr_data) == _facts(lf_data)
    assert [e.start for e in _evidence(cr_data)] == [e.start for e in _evidence(lf_data)]
    _assert_grounded(cr_data, cr)


@pytest.mark.parametrize("size", [10, 1000])
def test_chunks_cover_the_text_in_order_and_prefer_blank_lines(size: int) -> None:
    text = "\n\n".join(["word " * 30] * 20)
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= size for start, end in bounds)
    if size == 1000:
        assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


def test_a_chunk_with_the_whole_metadata_reads_as_the_pipeline_does(nlp: Language) -> None:
    # _process_chunk stands in for the metadata component: it must not differ from it.
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        whole = doc_to_dataset(process(text, "d", nlp), "p", "s")
        chunk = _process_chunk(text, "d", nlp, analyse_page(text), 0)
        assert doc_to_dataset(chunk, "p", "s") == whole


def test_an_article_over_a_million_characters_is_read_in_chunks(tmp_path: Path) -> None:
    filler = ("x" * 99 + "\n") * 10_050
    text = DA_NANG + "\n" + filler + "\n" + DA_NANG
    assert len(text) > 1_000_000
    dataset = extract_text(text, "long")
    _assert_grounded(dataset, text)
    tail = len(text) - len(DA_NANG)
    officials = {o.name: [m.start for m in o.mentions] for o in dataset.officials}
    assert len(officials) == 5 and all(
        any(s < len(DA_NANG) for s in starts) and any(s >= tail for s in starts)
        for starts in officials.values()
    )
    ids = [r.id for field in ("figures", "dates", "events") for r in getattr(dataset, field)]
    assert len(ids) == len(set(ids))
    assert dataset.documents[0].title == "Đà Nẵng welcomes Kanagawa delegation"


def test_repeated_figures_in_two_chunks_are_two_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vjties.extract, "CHUNK_CHARS", 400)
    line = "Japanese firms invested USD 300 million in Binh Duong in 2023.\n"
    text = (line * 5 + "\n") * 4
    assert len(chunk_bounds(text, 400)) == 4
    dataset = extract_text(text, "rep")
    # Within a chunk a figure its sentence repeats is one record; chunks are read apart, so
    # each gives its own, and their ids never collide.
    assert len(dataset.figures) == 4
    assert len({f.id for f in dataset.figures}) == 4
    _assert_grounded(dataset, text)


def test_a_run_of_punctuation_is_read_in_linear_time_and_facts_around_it_kept() -> None:
    # 20,000 `(` took spaCy's tokenizer 150 s; the reading view breaks the run up.
    head = "Japanese firms invested USD 5 million in Da Nang.\n"
    tail = "Japanese firms invested USD 7 million in Da Nang.\n"
    text = head + "(" * 20_000 + "\n" + tail
    dataset = extract_text(text, "junk")
    assert sorted(f.evidence.start for f in dataset.figures) == [24, len(head) + 20_001 + 24]
    _assert_grounded(dataset, text)
