"""Benchmark: vjties extraction against spaCy's own tokenizer and sentence splitter.

Not a test: run it by hand (`make bench` or `python benchmarks/bench.py`) and copy its output into
benchmarks/RESULTS.md. It builds a corpus of the genre by recombining the lines of the seeds and of
the test articles, then, in one run and on the same texts, measures:

  (a) `spacy.blank("en")` tokenization plus sentence splitting alone;
  (b) the full vjties pipeline, up to the dataset records;

and prints words per second for both and their ratio, documents per second, the speed-up of
`--jobs 2` over `--jobs 1`, and the peak memory of `vjties extract --format jsonl` on 5,000 and
20,000 documents (each in a fresh process).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from vjties.extract import extract_fragments, extract_source
from vjties.pipeline import build_pipeline
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


def time_jobs(texts: list[str], jobs: int) -> float:
    sources = [
        SourceText(id=f"bench-{i:06d}", path="-", text=t, sha256="") for i, t in enumerate(texts)
    ]
    start = time.perf_counter()
    for _ in extract_fragments(sources, jobs=jobs):
        pass
    return time.perf_counter() - start


def peak_memory_mib(texts: list[str], workdir: Path) -> float:
    """Peak RSS of `vjties extract DIR --format jsonl` over `texts`, in a fresh process."""
    corpus = workdir / f"corpus-{len(texts)}"
    corpus.mkdir()
    for i, text in enumerate(texts):
        (corpus / f"doc-{i:06d}.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "vjties", "extract", str(corpus), "--format", "jsonl", "-q"]
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
    one = time_jobs(sample, 1)
    two = time_jobs(sample, 2)
    print(
        f"--jobs 1: {len(sample) / one:,.0f} docs/s; --jobs 2: {len(sample) / two:,.0f} docs/s; "
        f"speed-up {one / two:.2f}x  (target >= 1.7x on 2 cores)"
    )

    sizes = [int(size) for size in args.memory_sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="vjties-bench-") as workdir:
        peaks = {
            size: peak_memory_mib(build_corpus(size, seed=size), Path(workdir)) for size in sizes
        }
    for size, peak in peaks.items():
        print(f"peak memory, jsonl, {size:,} documents: {peak:,.0f} MiB")
    if len(sizes) >= 2:
        low, high = peaks[sizes[0]], peaks[sizes[-1]]
        print(
            f"memory growth {sizes[0]:,} -> {sizes[-1]:,}: {(high - low) / low:+.1%}  (target within 10%)"
        )


if __name__ == "__main__":
    main()
