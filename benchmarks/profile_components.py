"""Time (CPU time, steadier on a shared machine) each pipeline component against spaCy's tokenizer plus sentencizer, on one corpus.

A diagnostic for finding hot spots (not a test, not the benchmark): prints each component's
time as a multiple of the baseline. The whole pipeline meets the speed target of
benchmarks/bench.py when the vjties components together take no longer than the baseline.

    python benchmarks/profile_components.py [--docs 300]
"""

from __future__ import annotations

import argparse
import time

import spacy
from bench import build_corpus

from vjties.extract import doc_to_dataset
from vjties.pipeline import build_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    texts = build_corpus(args.docs)
    nlp = build_pipeline()
    baseline_nlp = spacy.blank("en")
    baseline_nlp.add_pipe("sentencizer")
    for _ in baseline_nlp.pipe(texts[:20]):
        pass
    start = time.process_time()
    for text in texts:
        baseline_nlp(text)
    baseline = time.process_time() - start

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
