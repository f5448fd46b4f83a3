"""Benchmark: how long `vjties report` pages take to load in headless Chromium.

Not a test: run it by hand (`make bench-report` or `python benchmarks/report_load.py`) and copy
its output into benchmarks/REPORT_LOAD.md. It scales the seeds' dataset up to N documents (each
a copy of a seed under a new id, ties spread over many places; see tests/ties/scale.py), writes
the report with the article texts and without them, opens each in Debian's chromium (as the
report tests do) and prints the file size, the time to build the page in Python, and the
browser's time from navigation start to the page's `vjties-ready` mark (median of --runs
fresh browser loads), with the time the file took to arrive (`responseEnd`).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import console_errors, headless_chromium, load_time_ms, open_page, unavailable  # noqa: E402
from ties.scale import scaled_dataset  # noqa: E402
from vjties.context import Texts, read_articles  # noqa: E402
from vjties.diff import read_dataset  # noqa: E402
from vjties.report import render_report  # noqa: E402


def measure(page: Path, runs: int) -> tuple[float, float, int]:
    """Median ready time and file-arrival time in ms, and the number of ties drawn."""
    ready, arrived, ties = [], [], 0
    for _ in range(runs):
        with headless_chromium() as driver:
            open_page(driver, page)
            errors = console_errors(driver)
            if errors:
                raise SystemExit(f"{page.name}: console errors: {errors}")
            ready.append(load_time_ms(driver))
            arrived.append(
                driver.execute_script(
                    "return performance.getEntriesByType('navigation')[0].responseEnd"
                )
            )
            ties = driver.execute_script("return document.querySelectorAll('path.tie').length")
    return statistics.median(ready), statistics.median(arrived), ties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        raise SystemExit(f"cannot run: {reason}")
    base = read_dataset(str(ROOT / "data" / "vjties.json"))
    articles = read_articles(base, [str(ROOT / "seeds")]).texts
    dataset, texts = scaled_dataset(base, articles, args.documents)
    evidence = sum(len(loc.mentions) for loc in dataset.localities)
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")  # fmt: skip
    print(f"dataset: {len(dataset.documents):,} documents, {len(dataset.partnerships):,} ties, "
          f"{len(dataset.figures):,} figures, {len(dataset.events):,} events, "
          f"{evidence:,} locality mentions")  # fmt: skip
    print(
        "| texts | page size | build (Python) | ready in Chromium (median) | file arrived | ties drawn |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for label, given in (("given", texts), ("not given", {})):
            started = time.perf_counter()
            page = Path(folder) / "report.html"
            page.write_text(render_report(dataset, Texts(dataset, given)), encoding="utf-8")
            built = time.perf_counter() - started
            ready, arrived, ties = measure(page, args.runs)
            size = page.stat().st_size / 1e6
            print(f"| {label} | {size:.1f} MB | {built:.1f} s | {ready / 1000:.2f} s | "
                  f"{arrived / 1000:.2f} s | {ties} |")  # fmt: skip


if __name__ == "__main__":
    main()
