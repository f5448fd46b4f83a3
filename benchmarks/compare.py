"""A/B benchmark: this checkout against another version of vjties, in lockstep.

    python benchmarks/compare.py BASE_SRC [--docs 1000] [--chunk 50] [--passes 4]

BASE_SRC is the `src/` folder of the other version (`mkdir -p /tmp/base && git archive main src
| tar -x -C /tmp/base`, then `/tmp/base/src`). Two worker processes, one per version, load the
pipeline and the corpus of `bench.py`, then take turns on the same chunks of documents (the
order alternating chunk by chunk); each times, in CPU time, spaCy's tokenizer plus sentencizer
and the full vjties extraction (`extract_source`) on the chunk. Each chunk's fastest pass is
kept, and the sums give each version's ratio as `bench.py` defines it.

Why: on a shared machine a `bench.py` run taken a minute after another moves by 10% or more,
more than a refactor may cost (5%); versions that alternate every few documents see the same
load, the fastest of several passes is the least disturbed, and the tokenizer, the same code in
both, shows how well the two were calibrated.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker(docs: int) -> None:
    """Serve `START END` requests on stdin: time both sides on those documents."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import spacy
    from bench import build_corpus

    from vjties.extract import extract_source
    from vjties.pipeline import build_pipeline
    from vjties.reader import SourceText

    texts = build_corpus(docs, seed=11)
    nlp = build_pipeline()
    baseline = spacy.blank("en")
    baseline.add_pipe("sentencizer")
    sources = [SourceText(id=f"b{i}", path="-", text=t, sha256="") for i, t in enumerate(texts)]
    for source in sources[:30]:  # warm-up: first-call costs are not the pipeline's speed
        extract_source(source, nlp)
    for _ in baseline.pipe(texts[:30]):
        pass
    print("ready", flush=True)
    for line in sys.stdin:
        start, end = map(int, line.split())
        clock = time.process_time()
        for _ in baseline.pipe(texts[start:end]):
            pass
        tokenizer = time.process_time() - clock
        clock = time.process_time()
        for source in sources[start:end]:
            extract_source(source, nlp)
        print(f"{tokenizer} {time.process_time() - clock}", flush=True)


def start_worker(src: Path, docs: int) -> subprocess.Popen[str]:
    """A worker process with `src` first on the import path, once it is ready."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    process = subprocess.Popen(
        [sys.executable, __file__, "--worker", "--docs", str(docs), str(src)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise SystemExit(f"the worker for {src} did not start")
    return process


def lockstep(
    workers: dict[str, subprocess.Popen[str]], docs: int, chunk: int, passes: int
) -> dict[str, dict[int, tuple[float, float]]]:
    """Each chunk's fastest (tokenizer, full) CPU times per version, the versions taking turns."""
    best: dict[str, dict[int, tuple[float, float]]] = {name: {} for name in workers}
    for number in range(passes):
        for start in range(0, docs, chunk):
            names = list(workers)
            if (start // chunk + number) % 2:
                names.reverse()
            for name in names:
                process = workers[name]
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(f"{start} {start + chunk}\n")
                process.stdin.flush()
                tokenizer, full = map(float, process.stdout.readline().split())
                old = best[name].get(start, (float("inf"), float("inf")))
                best[name][start] = (min(old[0], tokenizer), min(old[1], full))
    return best


def main() -> None:
    """Run the two versions in lockstep and print their ratios and the change."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="src/ folder of the version to compare with")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--chunk", type=int, default=50, help="documents per turn")
    parser.add_argument("--passes", type=int, default=4, help="passes; the fastest is kept")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.docs)
        return
    workers = {
        "base": start_worker(args.base.resolve(), args.docs),
        "this": start_worker(ROOT / "src", args.docs),
    }
    best = lockstep(workers, args.docs, args.chunk, args.passes)
    for process in workers.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    totals = {}
    for name, chunks in best.items():
        tokenizer = sum(t for t, _ in chunks.values())
        full = totals[name] = sum(f for _, f in chunks.values())
        print(
            f"{name}: tokenizer+sentencizer {tokenizer:.3f}s, vjties {full:.3f}s, ratio {tokenizer / full:.3f}"
        )
    print(f"vjties CPU time, this against base: {totals['this'] / totals['base'] - 1:+.1%}")


if __name__ == "__main__":
    main()
