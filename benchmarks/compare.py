"""A/B benchmark: the ratio of `bench.py` for two checkouts of vjties, runs interleaved.

    python benchmarks/compare.py BASE_SRC [--rounds 5] [--docs 3000]

BASE_SRC is the `src/` folder of the other version (for instance `git archive REV src | tar -x
-C /tmp/base`, then `/tmp/base/src`). Each round runs `bench.py` once with that version first
on the import path and once with this checkout's, both timing (a) and (b) in CPU time; the
median ratio of each version and its best-of ratio (fastest (b) over fastest (a)) are printed
with the change. Why: a single before/after pair taken minutes apart moves by 10% or more on
a shared machine, more than the 5% a refactor may cost.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEED_RE = re.compile(r"^\((?P<side>[ab])\)[^:]*:\s*(?P<words>[0-9,]+) words/s", re.MULTILINE)


def speeds(src: Path, docs: int) -> tuple[float, float]:
    """Words per second of (a) and (b) in one `bench.py` run with `src` first on the import
    path (the jobs and memory parts kept tiny)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "bench.py"),
        "--docs",
        str(docs),
        "--jobs-docs",
        "20",
        "--memory-sizes",
        "20,40",
        "--clock",
        "cpu",
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    found = {m["side"]: float(m["words"].replace(",", "")) for m in SPEED_RE.finditer(output)}
    if set(found) != {"a", "b"}:
        raise SystemExit(f"no speeds in bench.py's output:\n{output}")
    return found["a"], found["b"]


def main() -> None:
    """Run the rounds and print the per-round, median and best-of ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="src/ folder of the version to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--docs", type=int, default=3000)
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
    for round_ in range(args.rounds):
        runs["base"].append(speeds(args.base.resolve(), args.docs))
        runs["this"].append(speeds(ROOT / "src", args.docs))
        shown = "  ".join(f"{name} {b / a:.3f}" for name, ((a, b), *_) in _latest(runs))
        print(f"round {round_ + 1}: ratio {shown}", flush=True)
    median = {name: statistics.median(b / a for a, b in found) for name, found in runs.items()}
    # Load from elsewhere only ever slows a run down: the fastest (a) and the fastest (b) of
    # the rounds are the least disturbed measurements of each.
    best = {
        name: max(b for _, b in found) / max(a for a, _ in found) for name, found in runs.items()
    }
    for label, values in (("median", median), ("best-of", best)):
        change = values["this"] / values["base"] - 1
        print(
            f"{label} ratio: base {values['base']:.3f}, this {values['this']:.3f}, "
            f"change {change:+.1%}"
        )


def _latest(
    runs: dict[str, list[tuple[float, float]]],
) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each version's runs, latest first (for the per-round line)."""
    return [(name, found[::-1]) for name, found in runs.items()]


if __name__ == "__main__":
    main()
