"""Count the linguistic vocabulary still written as string literals in vjties' rule code.

    python scripts/count_vocabulary.py [SRC_DIR] [--by-file]

Issue 17 asks for every cue list, name list, title, month and country word to live in
`resources/` data files. This script measures how far that went: it parses the rule modules
(`components/*.py`, `page/*.py`, `temporal.py`, `names.py`, `numbers.py` under SRC_DIR,
default this checkout's `src/vjties`) and counts string constants that

- stand in a set, list, tuple or dict literal (keys and values), or on the right of an
  `in` / `not in` test (`word in {"of", "in"}`, `word in ("the", "a")`);
- hold a letter (punctuation such as `","` is syntax, not vocabulary);
- are not identifiers of vjties' own data model (anything with `_`: `people_committee`,
  `doc._.meta`; the field names of the records in `models.py`: `id`, `text`, `value`), not
  spaCy's token-pattern keys (`LOWER`, `IN`, `OP`), not in `__slots__`/`__all__`, and not
  arguments of `@Language.factory`.

The same rule applied before and after a change gives comparable numbers; it over-counts a
little (format codes, attribute names without `_`) and never counts a regex's words.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE_MODULES = ("temporal.py", "names.py", "numbers.py")
COLLECTIONS = (ast.Set, ast.List, ast.Tuple, ast.Dict)
#: Keys of spaCy's token patterns: syntax of the Matcher, not words.
PATTERN_KEYS = frozenset(
    {"TEXT", "ORTH", "LOWER", "NORM", "LEMMA", "SHAPE", "LENGTH", "IN", "NOT_IN", "REGEX", "OP"}
    | {"FUZZY", "ENT_TYPE", "POS", "TAG", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "IS_SPACE"}
    | {"IS_STOP", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LIKE_NUM"}
)


def rule_files(src: Path) -> list[Path]:
    """The modules whose literals are counted, in a stable order."""
    files = sorted((src / "components").rglob("*.py")) + sorted((src / "page").glob("*.py"))
    return files + [src / name for name in RULE_MODULES if (src / name).exists()]


def model_fields(src: Path) -> frozenset[str]:
    """The field names of the records in `models.py`: keys of the dicts components build."""
    tree = ast.parse((src / "models.py").read_text(encoding="utf-8"))
    return frozenset(
        node.target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    )


def _is_vocabulary(value: str, fields: frozenset[str]) -> bool:
    """Whether a string constant counts as a word of vocabulary (see the module docstring)."""
    return (
        any(c.isalpha() for c in value)
        and "_" not in value
        and value not in PATTERN_KEYS
        and value not in fields
    )


def _excluded_nodes(tree: ast.AST) -> set[int]:
    """ids of nodes whose strings never count: `__slots__`/`__all__` and factory arguments."""
    excluded: set[int] = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id in {"__slots__", "__all__"} for t in targets):
            excluded.update(id(n) for n in ast.walk(node))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                excluded.update(id(n) for n in ast.walk(decorator))
    return excluded


def _counted_strings(tree: ast.AST, fields: frozenset[str]) -> Iterator[ast.Constant]:
    """Every string constant directly inside a collection literal or an `in` test's right."""
    excluded = _excluded_nodes(tree)
    seen: set[int] = set()
    for node in ast.walk(tree):
        containers: list[ast.AST] = []
        if isinstance(node, COLLECTIONS) and id(node) not in excluded:
            containers.append(node)
        if isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)):
                    containers.append(right)
        for container in containers:
            children = (
                [*container.keys, *container.values]
                if isinstance(container, ast.Dict)
                else list(getattr(container, "elts", []))
            )
            for child in children:
                if (
                    isinstance(child, ast.Constant)
                    and isinstance(child.value, str)
                    and _is_vocabulary(child.value, fields)
                    and id(child) not in seen
                ):
                    seen.add(id(child))
                    yield child


def count(src: Path) -> dict[str, int]:
    """File name (relative to `src`) -> number of vocabulary literals in it."""
    fields = model_fields(src)
    return {
        path.relative_to(src).as_posix(): sum(
            1 for _ in _counted_strings(ast.parse(path.read_text(encoding="utf-8")), fields)
        )
        for path in rule_files(src)
    }


def main(argv: list[str] | None = None) -> int:
    """Print the total (and with --by-file each module's count)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, default=ROOT / "src" / "vjties")
    parser.add_argument("--by-file", action="store_true", help="print the count of each file")
    args = parser.parse_args(argv)
    counts = count(args.src)
    if args.by_file:
        for name, found in counts.items():
            print(f"{found:6d}  {name}")
    print(f"{sum(counts.values())} vocabulary string literals in {len(counts)} rule modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
