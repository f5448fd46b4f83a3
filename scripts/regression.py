"""Regression net for refactors: every article set in the repository, extracted and compared.

    python scripts/regression.py save DIR      # extract each set to DIR/<set>.json
    python scripts/regression.py compare DIR   # re-extract; exit 1 if any set differs

A set is a folder of articles: `seeds/`, `tests/holdout/articles`, `tests/holdout2/articles`,
each `tests/golden/<fact type>/` folder, and `corpus/texts/` when the git-ignored cache of real
articles is present. Each set is extracted by the real command line, `vjties extract SET -o
FILE`, in a fresh process, so the files are byte for byte what a user gets. `compare` reports
each set as identical or shows its first differing lines; the texts themselves are never
printed, only the dataset lines that differ.

Why: a refactor that promises unchanged behaviour needs a check over every text the repository
has, not only the golden files' chosen records; save the baseline at the branch point, compare
after every step.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Lines of difference shown per set before the rest is summarised.
SHOWN_LINES = 24


def article_sets(root: Path = ROOT) -> dict[str, Path]:
    """Set name -> folder of `.txt` articles, for every set present in the checkout."""
    sets = {
        "seeds": root / "seeds",
        "holdout": root / "tests" / "holdout" / "articles",
        "holdout2": root / "tests" / "holdout2" / "articles",
    }
    for folder in sorted((root / "tests" / "golden").iterdir()):
        if folder.is_dir() and any(folder.glob("*.txt")):
            sets[f"golden-{folder.name}"] = folder
    corpus = root / "corpus" / "texts"
    if corpus.is_dir() and any(corpus.glob("*.txt")):
        sets["corpus"] = corpus
    return sets


def extract_set(folder: Path, output: Path, jobs: int) -> None:
    """`vjties extract FOLDER -o OUTPUT`, in a fresh interpreter; fails loudly on any error.

    Run from the checkout's root with a relative folder, so the documents' paths are the same
    in every checkout and two worktrees can be compared.
    """
    command = [
        sys.executable,
        "-m",
        "vjties",
        "extract",
        str(folder.resolve().relative_to(ROOT)),
        "-o",
        str(output),
        "--quiet",
        "--jobs",
        str(jobs),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"vjties extract {folder} failed ({result.returncode}): {result.stderr}")


def save(directory: Path, jobs: int) -> None:
    """Extract every set into `directory`, one `<set>.json` each."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, folder in article_sets().items():
        extract_set(folder, directory / f"{name}.json", jobs)
        print(f"saved {name}: {sum(1 for _ in folder.glob('*.txt'))} articles")


def first_differences(old: str, new: str) -> list[str]:
    """The first lines of a unified diff of two datasets, and how many more there are."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), "baseline", "now", n=1, lineterm=""
        )
    )
    shown = lines[:SHOWN_LINES]
    if len(lines) > SHOWN_LINES:
        shown.append(f"... {len(lines) - SHOWN_LINES} more diff lines")
    return shown


def compare(directory: Path, jobs: int) -> int:
    """Re-extract every set and compare with `directory`; 0 when all are byte-identical."""
    different = 0
    with tempfile.TemporaryDirectory(prefix="vjties-regression-") as workdir:
        for name, folder in article_sets().items():
            baseline = directory / f"{name}.json"
            if not baseline.exists():
                print(f"{name}: no baseline in {directory} (run `save` first)")
                different += 1
                continue
            fresh = Path(workdir) / f"{name}.json"
            extract_set(folder, fresh, jobs)
            old, new = baseline.read_bytes(), fresh.read_bytes()
            if old == new:
                print(f"{name}: byte-identical ({len(new):,} bytes)")
                continue
            different += 1
            print(f"{name}: DIFFERENT")
            for line in first_differences(old.decode("utf-8"), new.decode("utf-8")):
                print(f"    {line}")
    print("all sets byte-identical" if not different else f"{different} set(s) differ")
    return 1 if different else 0


def main(argv: list[str] | None = None) -> int:
    """`save DIR` or `compare DIR`; the exit code is 1 when a set differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["save", "compare"])
    parser.add_argument("directory", type=Path, help="where the baseline datasets are kept")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes per extraction")
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.directory, args.jobs)
        return 0
    return compare(args.directory, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
