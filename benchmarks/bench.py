"""Benchmark: vjties extraction against spaCy's own tokenizer and sentence splitter.

Not a test: run it by hand (`make bench` or `python benchmarks/bench.py`) and copy its output into
benchmarks/RESULTS.md. It builds a corpus of the genre by recombining the lines of the corpus's
`dev` articles (where the git-ignored cache holds them, else the seeds and the golden articles),
then, in one run and on the same texts, measures:

  (a) `spacy.blank("en")` tokenization plus sentence splitting alone;
  (b) the full vjties pipeline, up to the dataset records;

and prints words per second for both and their ratio, then words and documents per second of
`--jobs 1`, `--jobs 2` and a Dask `LocalCluster` of two worker processes (when the `dask` extra
is installed), and the peak memory of `vjties extract` in jsonl and json on 5,000 and 20,000
documents (each in a fresh process).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from vjties.extract import extract_fragments, extract_source
from vjties.pipeline import build_pipeline, shared_pipeline
from vjties.reader import SourceText

ROOT = Path(__file__).resolve().parent.parent


def dev_article_paths(root: Path = ROOT) -> list[Path]:
    """The cached texts of the real-article corpus's `dev` split (none on a fresh clone).

    Only `dev`: the `test` split is for scoring, and its texts go into nothing else."""
    manifest = root / "corpus" / "manifest.jsonl"
    if not manifest.exists():
        return []
    lines = manifest.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    paths = [root / "corpus" / "texts" / f"{r['id']}.txt" for r in records if r["split"] == "dev"]
    return sorted(path for path in paths if path.exists())


def corpus_paths(root: Path = ROOT) -> tuple[str, list[Path]]:
    """(what the corpus is made of, its article files): the real `dev` articles where the
    cache holds them, else the seeds and the golden articles."""
    dev = dev_article_paths(root)
    if dev:
        return f"{len(dev)} real `dev` articles of the corpus", dev
    written = sorted((root / "seeds").glob("*.txt")) + sorted(
        (root / "tests" / "golden").rglob("*.txt")
    )
    return f"{len(written)} seeds and golden articles (corpus/texts not cached)", written


def corpus_lines(paths: list[Path]) -> tuple[list[str], list[str]]:
    """(first lines, body lines) of `paths`; a first line is a headline or the page's head."""
    head: list[str] = []
    body: list[str] = []
    for path in paths:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not lines:
            continue
        head.append(lines[0])
        body.extend(lines[1:])
    return head, body


def build_corpus(count: int, seed: int = 1973) -> list[str]:
    """`count` articles: a first line, 6 to 20 body lines, sometimes a sign-off."""
    head, body = corpus_lines(corpus_paths()[1])
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        lines = [rng.choice(head), *rng.sample(body, k=min(len(body), rng.randint(6, 20)))]
        if rng.random() < 0.5:
            lines.append(rng.choice(["VNA", "VNS", "/.", "Vietnamplus"]))
        texts.append("\n".join(lines) + "\n")
    return texts


def word_count(nlp: spacy.language.Language, texts: list[str]) -> int:
    return sum(1 for doc in nlp.tokenizer.pipe(texts) for token in doc if not token.is_space)


#: The clock of (a) and (b): wall time by default; `--clock cpu` counts this process's CPU time
#: only, which other load on a shared machine disturbs far less (for A/B comparisons).
CLOCK = time.perf_counter


def time_baseline(texts: list[str]) -> float:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    start = CLOCK()
    for doc in nlp.pipe(texts, batch_size=256):
        for _ in doc.sents:
            pass
    return CLOCK() - start


def time_vjties(texts: list[str]) -> float:
    nlp = build_pipeline()
    sources = [
        SourceText(id=f"bench-{i:06d}", path="-", text=t, sha256="") for i, t in enumerate(texts)
    ]
    start = CLOCK()
    for source in sources:
        extract_source(source, nlp)
    return CLOCK() - start


def time_jobs(texts: list[str], jobs: int) -> tuple[float, float, float]:
    """(wall seconds, this process's CPU seconds, its finished children's CPU seconds) of
    `extract_fragments` with `jobs`. On a shared machine the wall clock of two processes
    depends on the other load; the CPU seconds do not: with `jobs` idle cores the speed-up
    would be `jobs` times the one-job CPU over the total CPU of the run with `jobs`."""
    sources = [
        SourceText(id=f"bench-{i:06d}", path="-", text=t, sha256="") for i, t in enumerate(texts)
    ]
    shared_pipeline()  # built before the clock starts, as the workers inherit it
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in extract_fragments(sources, jobs=jobs):
        pass
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, children


def write_corpus(texts: list[str], folder: Path) -> Path:
    """`texts` as files of `folder` (made here), for runs that read files."""
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"doc-{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def time_dask(texts: list[str], workers: int = 2) -> float | None:
    """Wall seconds of the Dask engine over `texts` on a `LocalCluster` of `workers` worker
    processes (one thread each), as `vjties extract --scheduler` runs it (texts sent in
    batches), after a warm-up in which each worker builds its pipeline; None without the
    `dask` extra."""
    try:
        from distributed import Client, LocalCluster

        from vjties.dask import extract_sources
    except ImportError:
        return None
    sources = [
        SourceText(id=f"bench-{i:06d}", path="-", text=t, sha256="") for i, t in enumerate(texts)
    ]
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
        ) as cluster,
        Client(cluster) as client,
    ):
        for _ in extract_sources(client, sources[: workers * 4], "jsonl", batch=1):
            pass
        start = time.perf_counter()
        for _ in extract_sources(client, sources, "jsonl"):
            pass
        return time.perf_counter() - start


def peak_memory_mib(texts: list[str], workdir: Path, fmt: str = "jsonl") -> float:
    """Peak RSS of `vjties extract DIR --format FMT` over `texts`, in a fresh process."""
    corpus = workdir / f"corpus-{len(texts)}"
    if not corpus.exists():
        write_corpus(texts, corpus)
    command = [sys.executable, "-m", "vjties", "extract", str(corpus), "--format", fmt, "-q"]
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"vjties extract failed on the {len(texts)}-document corpus")
    return usage.ru_maxrss / 1024


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{platform.system()} {platform.machine()}, {model}, {os.cpu_count()} cores{memory}; "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="corpus size for (a) and (b)")
    parser.add_argument("--jobs-docs", type=int, default=2000, help="corpus size for --jobs")
    parser.add_argument("--memory-sizes", default="5000,20000", help="corpus sizes for memory")
    parser.add_argument(
        "--clock", choices=["wall", "cpu"], default="wall", help="clock of (a), (b)"
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter

    texts = build_corpus(args.docs)
    words = word_count(spacy.blank("en"), texts)
    print(f"machine: {machine()}")
    print(f"corpus: {len(texts):,} documents, {words:,} words")

    # Warm-up, so neither side pays for first-call costs.
    time_baseline(texts[:50])
    time_vjties(texts[:50])
    baseline = time_baseline(texts)
    full = time_vjties(texts)
    print(
        f"(a) tokenizer + sentences: {words / baseline:12,.0f} words/s  {len(texts) / baseline:8,.0f} docs/s"
    )
    print(
        f"(b) vjties full pipeline:  {words / full:12,.0f} words/s  {len(texts) / full:8,.0f} docs/s"
    )
    print(f"ratio (b)/(a): {baseline / full:.3f}  (target >= 0.5)")

    sample = texts[: args.jobs_docs]
    sample_words = word_count(spacy.blank("en"), sample)
    one, one_cpu, _ = time_jobs(sample, 1)
    two, two_cpu, two_children = time_jobs(sample, 2)
    rows = [("vjties --jobs 1", one), ("vjties --jobs 2", two)]
    dask = time_dask(sample)
    if dask is not None:
        rows.append(("Dask LocalCluster, 2 workers", dask))
    print(f"on {len(sample):,} documents, {sample_words:,} words (wall clock):")
    for name, seconds in rows:
        print(
            f"  {name:30s} {sample_words / seconds:10,.0f} words/s  "
            f"{len(sample) / seconds:6,.0f} docs/s"
        )
    print(f"--jobs 2 speed-up over --jobs 1: {one / two:.2f}x  (target >= 1.8x on 2 cores)")
    print(
        f"  in CPU: --jobs 1 {one_cpu:.1f} s; --jobs 2 parent {two_cpu:.1f} s + workers "
        f"{two_children:.1f} s; on 2 idle cores: {2 * one_cpu / (two_cpu + two_children):.2f}x"
    )
    if dask is None:
        print("Dask: not installed (pip install 'vjties[dask]')")
    else:
        print(f"Dask LocalCluster speed-up over --jobs 1: {one / dask:.2f}x")

    sizes = [int(size) for size in args.memory_sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="vjties-bench-") as workdir:
        corpora = {size: build_corpus(size, seed=size) for size in sizes}
        peaks = {
            (fmt, size): peak_memory_mib(corpora[size], Path(workdir), fmt)
            for fmt in ("jsonl", "json")
            for size in sizes
        }
    for (fmt, size), peak in peaks.items():
        print(f"peak memory, {fmt}, {size:,} documents: {peak:,.0f} MiB")
    if len(sizes) >= 2:
        low, high = sizes[0], sizes[-1]
        jsonl = (peaks["jsonl", high] - peaks["jsonl", low]) / peaks["jsonl", low]
        print(f"jsonl memory growth {low:,} -> {high:,}: {jsonl:+.1%}  (target within 10%)")
        per_thousand = (peaks["json", high] - peaks["json", low]) / (high - low) * 1000
        print(f"json memory growth: {per_thousand:,.1f} MiB per 1,000 documents")


if __name__ == "__main__":
    main()
