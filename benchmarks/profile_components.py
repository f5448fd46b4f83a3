"""Time (CPU time, steadier on a shared machine) each pipeline component against spaCy's tokenizer plus sentencizer, on one corpus.

A diagnostic for finding hot spots (not a test, not the benchmark): prints each component's
time as a multiple of the baseline. The whole pipeline meets the speed target of
benchmarks/bench.py when the vjties components together take no longer than the baseline.

    python benchmarks/profile_components.py [--docs 300] [--repeat 1]

With `--repeat N` the corpus is run N times and each component's fastest run is kept: load
from elsewhere only ever slows a run down, so the minimum is the least disturbed figure.
"""

from __future__ import annotations

import argparse
import time

import spacy
from bench import build_corpus
from spacy.language import Language

from vjties.extract import doc_to_dataset
from vjties.pipeline import build_pipeline


def component_times(nlp: Language, texts: list[str]) -> tuple[dict[str, float], float, float]:
    """CPU seconds of each component over `texts`, of the tokenizer, and of the records step."""
    times = {name: 0.0 for name in nlp.pipe_names}
    tokenizer = convert = 0.0
    for text in texts:
        start = time.process_time()
        doc = nlp.make_doc(text)
        tokenizer += time.process_time() - start
        doc._.doc_id = "profile"
        for name, component in nlp.pipeline:
            start = time.process_time()
            doc = component(doc)
            times[name] += time.process_time() - start
        start = time.process_time()
        doc_to_dataset(doc, "-", "")
        convert += time.process_time() - start
    return times, tokenizer, convert


def baseline_time(texts: list[str]) -> float:
    """CPU seconds of spaCy's tokenizer plus sentencizer over `texts`."""
    baseline_nlp = spacy.blank("en")
    baseline_nlp.add_pipe("sentencizer")
    for _ in baseline_nlp.pipe(texts[:20]):
        pass
    start = time.process_time()
    for text in texts:
        baseline_nlp(text)
    return time.process_time() - start


def main() -> None:
    """Print each component's CPU time against the tokenizer-plus-sentencizer baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="runs; the fastest is kept")
    args = parser.parse_args()
    texts = build_corpus(args.docs)
    nlp = build_pipeline()
    baseline = min(baseline_time(texts) for _ in range(args.repeat))
    runs = [component_times(nlp, texts) for _ in range(args.repeat)]
    times = {name: min(run[0][name] for run in runs) for name in nlp.pipe_names}
    tokenizer = min(run[1] for run in runs)
    convert = min(run[2] for run in runs)
    print(f"baseline (tokenizer + sentencizer): {baseline:.3f}s for {len(texts)} documents")
    for name, seconds in [*times.items(), ("records -> dataset", convert)]:
        print(f"  {name:24s} {seconds:7.3f}s  {seconds / baseline:5.2f}x baseline")
    own = sum(times.values()) - times.get("sentencizer", 0.0) + convert
    print(f"vjties components together: {own / baseline:.2f}x baseline (target <= 1.00x)")
    print(
        f"ratio full/baseline words per second: {baseline / (tokenizer + sum(times.values()) + convert):.2f}"
    )


if __name__ == "__main__":
    main()
