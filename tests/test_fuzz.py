"""Fuzzing the command line end to end: mutated articles and hostile datasets.

Beside the property tests (which call the library), these run the commands a user runs, in
process, on files that a careless scraper, a broken disk or a hostile colleague could make:

- articles: seeds, golden and held-out articles, mutated (escape codes, markup, line and
  paragraph separators, CR endings, NFD, huge numbers, deletions, splices), saved in UTF-8,
  UTF-8 with a BOM or bad bytes, UTF-16 with and without a BOM, Windows-1258 or cp1252, or
  as junk, under hostile file names. Each corpus is extracted to json and jsonl; then the
  exit code must be documented, every evidence must slice the decoded file, and each output
  must read back through merge (same bytes), diff (no difference), show and, now and then,
  check; an output that is an input is refused; no message carries a control character.
- datasets: vjties' own datasets, mutated as JSON (wrong types, hostile strings, conflicts,
  unknown keys) and as text (truncated, NaN, 1e999, a 5,000-digit number, deep nesting,
  lone surrogates, BOM, bad bytes), then shown, diffed and merged: exit 0, 1 (diff) or 2,
  never a crash, and whatever one command reads, every command reads.

Both check that no file that existed before a command changed. Each example is made from
its own seeded random generator, so a finding names the example that reproduces it.

The CI runs a bounded number (40 articles, 20 datasets); `make fuzz` runs VJTIES_FUZZ_ARTICLES=10000 and
VJTIES_FUZZ_DATASETS=1000 and prints the counts (set VJTIES_FUZZ_SEED for other examples).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from vjties.cli import app
from vjties.dataset import dataset_json, dataset_jsonl, parse_dataset
from vjties.errors import ExitCode
from vjties.extract import extract_text
from vjties.reader import decode

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = int(os.environ.get("VJTIES_FUZZ_ARTICLES", "40"))
DATASETS = int(os.environ.get("VJTIES_FUZZ_DATASETS", "20"))
SEED = os.environ.get("VJTIES_FUZZ_SEED", "14")

runner = CliRunner()

SOURCES = [
    p.read_text(encoding="utf-8")
    for pattern in ("seeds/*.txt", "tests/golden/*/*.txt", "tests/holdout*/articles/*.txt")
    for p in sorted(ROOT.glob(pattern))
]
HOSTILE = [
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "[/x]",
    "[link=https://example.org]click[/link]",
    "[bold red]",
    ":smile:",
    "\u2028",
    "\u2029",
    "\u0085",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x00",
    "\ufeff",
    "\ufffd",
    "\u200b",
    "1,000,000,000,000,000,000,000,000",
    "USD 1e999 million",
    "NaN percent",
    "Đà Nẵng",
    "Thừa Thiên Huế",
    "東京都と大阪府",
    "😀",
    "\U0010ffff",
    "Hanoi (VNA) – ",
    "Published: 2024-02-30 10:00",
    "Monday, 31/02/2024",
    "<script>alert(1)</script>",
    '{"schema_version": "1"}',
    "(Photo: VNA)",
    "Back to top",
]
# Characters no message, table or diff may print raw (the line feed aside).
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Every line on stderr is one of vjties' messages: a file name or a string from a dataset
# cannot start a line of its own.
MESSAGE = re.compile(
    r"(error|warning|skipped): |\d+ of \d+ inputs skipped: |regenerate with: |.* is up to date$"
)
NAMES = [
    "a.txt",
    "B c.txt",
    "x\x1b[2Jy.txt",
    "[b]x[red]y.txt",
    "-dash.txt",
    "ünï.txt",
    "日本.txt",
    "a" * 200 + ".txt",
    "new\nline.txt",
    "tab\there.txt",
    "q'\"uote.txt",
    "\u202eevil.txt",
]


@dataclass
class Findings:
    """What went wrong, kept to report all of it at the end of a long run."""

    kind: str
    items: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def check(self, condition: bool, example: int, what: str) -> None:
        if not condition:
            self.items.append(f"{self.kind} example {example} (VJTIES_FUZZ_SEED={SEED}): {what}")

    def report(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"fuzz {self.kind}: {counts}; {len(self.items)} findings"


def _run(args: list[str], findings: Findings, example: int, allowed: set[int]) -> Result:
    result = runner.invoke(app, args)
    command = " ".join(repr(a) for a in args[:1]) + " ..."
    findings.counts[f"{args[0]} exit {result.exit_code}"] += 1
    findings.check(
        result.exit_code in allowed,
        example,
        f"{command} exited {result.exit_code}: {result.stderr[-400:]!r}",
    )
    findings.check(result.exit_code != ExitCode.INTERNAL, example, f"{command} crashed")
    findings.check("Traceback" not in result.output, example, f"{command} printed a traceback")
    findings.check(
        not UNSAFE.search(result.stderr), example, f"{command} stderr: {result.stderr[-300:]!r}"
    )
    findings.check(
        all(MESSAGE.match(line) for line in result.stderr.splitlines()),
        example,
        f"{command} printed a line that is not a message: {result.stderr[-300:]!r}",
    )
    if args[0] in ("show", "diff"):
        findings.check(not UNSAFE.search(result.stdout), example, f"{command} stdout unsafe")
    return result


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# Articles


def _mutated_text(rng: random.Random) -> str:
    text = rng.choice(SOURCES)
    for _ in range(rng.randint(1, 5)):
        text = rng.choice(TEXT_MUTATIONS)(rng, text)
    return text


def _insert(rng: random.Random, text: str) -> str:
    snippet = rng.choice(HOSTILE)
    roll = rng.random()
    if roll < 0.1:
        snippet = "9" * rng.randint(20, 5000)
    elif roll < 0.15:  # a run of punctuation, which spaCy's tokenizer reads in quadratic time
        snippet = "".join(rng.choices("([{\"'$=+%,;:!?_“«", k=rng.randint(20, 5000)))
    cut = rng.randint(0, len(text))
    return text[:cut] + snippet + text[cut:]


def _delete(rng: random.Random, text: str) -> str:
    start = rng.randint(0, len(text))
    return text[:start] + text[start + rng.randint(1, 200) :]


def _duplicate(rng: random.Random, text: str) -> str:
    start = rng.randint(0, len(text))
    piece = text[start : start + rng.randint(1, 400)]
    return text[:start] + piece * rng.randint(2, 4) + text[start:]


def _line_endings(rng: random.Random, text: str) -> str:
    return text.replace("\n", rng.choice(["\r", "\r\n", "\u2028", "\n\n"]))


def _decompose(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        return unicodedata.normalize("NFD", text)
    start = rng.randint(0, len(text))
    end = start + rng.randint(1, 300)
    return text[:start] + unicodedata.normalize("NFD", text[start:end]) + text[end:]


def _case(rng: random.Random, text: str) -> str:
    start = rng.randint(0, len(text))
    end = start + rng.randint(1, 300)
    change = rng.choice([str.upper, str.lower, str.title])
    return text[:start] + change(text[start:end]) + text[end:]


def _splice(rng: random.Random, text: str) -> str:
    lines, other = text.split("\n"), rng.choice(SOURCES).split("\n")
    cut = rng.randint(0, len(lines))
    return "\n".join(lines[:cut] + other[rng.randint(0, len(other)) :])


TEXT_MUTATIONS: list[Callable[[random.Random, str], str]] = [
    _insert,
    _insert,
    _insert,
    _delete,
    _duplicate,
    _line_endings,
    _decompose,
    _case,
    _splice,
]


def _windows_1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese writes it (tone marks combining); `?` where it cannot."""
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
        else:
            encoded.append(b"?")
    return b"".join(encoded)


def _encoded(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.55:
        return text.encode("utf-8")
    if roll < 0.62:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if roll < 0.72:
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 3)):
            data.insert(rng.randint(0, len(data)), rng.choice([0xFF, 0xC3, 0x80, 0xE1]))
        return bytes(data)
    if roll < 0.8:
        return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]), "surrogatepass")
    if roll < 0.87:
        return _windows_1258(text)
    if roll < 0.92:
        return text.encode("cp1252", errors="replace")
    if roll < 0.97:
        return rng.randbytes(rng.randint(1, 3000))
    return b""


def _write_corpus(rng: random.Random, folder: Path, most: int) -> int:
    names = rng.sample(NAMES, min(most, rng.randint(1, 4)))
    for n, name in enumerate(names):
        place = folder / "sub" if n % 3 == 2 else folder
        place.mkdir(exist_ok=True)
        (place / name).write_bytes(_encoded(rng, _mutated_text(rng)))
    return len(names)


def _check_grounded(dataset: dict[str, Any], findings: Findings, example: int) -> None:
    texts: dict[str, str] = {}
    for document in dataset["documents"]:
        # A stored text (a web page's, a glued story's) is what the offsets point into.
        text = document["text"]
        if text is None:
            text = decode(Path(document["path"]).read_bytes(), document["path"])[0]
        texts[document["id"]] = text
        for span in document["boilerplate"]:
            findings.check(0 <= span["start"] <= span["end"] <= len(text), example, "boilerplate")

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.keys() == {"document", "start", "end", "text"}:
                text = texts[value["document"]]
                findings.check(
                    text[value["start"] : value["end"]] == value["text"],
                    example,
                    f"evidence {value!r} does not slice its document",
                )
                return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(dataset)
    for name, records in dataset.items():
        if isinstance(records, list):
            ids = [r["id"] for r in records]
            findings.check(len(ids) == len(set(ids)), example, f"duplicate ids in {name}")


def _fuzz_article_corpus(example: int, folder: Path, findings: Findings, most: int) -> int:
    """Extract a corpus of at most `most` mutated articles and check all of it; the number
    of articles."""
    rng = random.Random(f"{SEED}-article-{example}")
    corpus = folder / "corpus"
    corpus.mkdir()
    count = _write_corpus(rng, corpus, most)
    (folder / "keep.json").write_text('{"kept": true}\n', encoding="utf-8")
    before = _snapshot(folder)
    out_json, out_jsonl = str(folder / "out.json"), str(folder / "out.jsonl")
    as_json = _run(["extract", str(corpus), "-o", out_json], findings, example, {0, 2, 3})
    as_jsonl = _run(
        ["extract", str(corpus), "-f", "jsonl", "-o", out_jsonl], findings, example, {0, 2, 3}
    )
    findings.check(as_json.exit_code == as_jsonl.exit_code, example, "json and jsonl exits differ")
    findings.check(as_json.stdout == "", example, "data on stdout with -o")
    findings.check(_snapshot(folder).items() >= before.items(), example, "a file changed")
    if as_json.exit_code == 2:
        findings.check(not Path(out_json).exists(), example, "exit 2 but an output was written")
        return count
    dataset = json.loads(Path(out_json).read_text(encoding="utf-8"))
    _check_grounded(dataset, findings, example)
    _round_trips(
        folder, corpus, example, findings, check=as_json.exit_code == 0 and rng.random() < 0.15
    )
    victim = next(p for p in sorted(corpus.rglob("*")) if p.is_file())
    refused = _run(["extract", str(corpus), "-o", str(victim)], findings, example, {2})
    findings.check("is one of the inputs" in refused.stderr, example, "output over an input")
    findings.check(_snapshot(folder).items() >= before.items(), example, "a file changed")
    return count


def _round_trips(folder: Path, corpus: Path, example: int, findings: Findings, check: bool) -> None:
    """Each output reads back: merge gives its bytes, diff finds no difference, show and
    (with `check`, which needs every input readable) check accept it."""
    out_json, out_jsonl = folder / "out.json", folder / "out.jsonl"
    for out, fmt in ((out_json, "json"), (out_jsonl, "jsonl")):
        merged = _run(["merge", str(out), "-f", fmt], findings, example, {0})
        findings.check(
            merged.stdout == out.read_text(encoding="utf-8"), example, f"merge changed {fmt}"
        )
    _run(["diff", str(out_json), str(out_jsonl)], findings, example, {0})
    _run(["show", str(out_jsonl)], findings, example, {0})
    if check:
        _run(["check", str(out_jsonl), str(corpus)], findings, example, {0})


def _keep_if_found(folder: Path, findings: Findings, known: int) -> None:
    """Remove an example's files unless it found something (a long run makes thousands)."""
    if len(findings.items) == known:
        shutil.rmtree(folder)
    else:
        findings.items.append(f"  its files are in {folder}")


def test_fuzz_articles_end_to_end(tmp_path_factory: pytest.TempPathFactory) -> None:
    findings = Findings("articles")
    example = 0
    while findings.counts["articles"] < ARTICLES:
        folder = tmp_path_factory.mktemp(f"article{example}", numbered=True)
        known = len(findings.items)
        most = ARTICLES - findings.counts["articles"]
        findings.counts["articles"] += _fuzz_article_corpus(example, folder, findings, most)
        findings.counts["corpora"] += 1
        _keep_if_found(folder, findings, known)
        example += 1
    print(findings.report())
    assert not findings.items, "\n".join(findings.items[:20])


# Datasets


def _base_datasets() -> list[str]:
    seeds = (ROOT / "data" / "vjties.json").read_text(encoding="utf-8")
    golden = ROOT / "tests" / "golden" / "officials" / "da_nang_kanagawa.txt"
    small = extract_text(golden.read_text(encoding="utf-8"), "da_nang", golden.as_posix())
    return [seeds, dataset_jsonl(parse_dataset(seeds, "seeds")), dataset_json(small)]


BASES = _base_datasets()
HOSTILE_VALUES: list[Any] = [
    *HOSTILE,
    "",
    None,
    True,
    0,
    -1,
    10**30,
    1.5e308,
    -0.0,
    [],
    {},
    [None],
    {"type": "document"},
    "1",
    "x" * 10_000,
]
RAW_VALUES = ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, '"\\ud800"', '"\\udc00x"']


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:8]):
            found += _paths(item, (*path, index))
    return found


def _mutate_json(rng: random.Random, data: Any) -> Any:
    path = rng.choice(_paths(data)[1:] or [()])
    if not path:
        return rng.choice(HOSTILE_VALUES)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    roll = rng.random()
    if roll < 0.55:
        parent[last] = rng.choice(HOSTILE_VALUES)
    elif roll < 0.7:
        del parent[last]
    elif roll < 0.8 and isinstance(parent, dict):
        parent[rng.choice(["extra", "id", "type", "schema_version"])] = rng.choice(HOSTILE_VALUES)
    elif isinstance(parent, list) and isinstance(parent[last], dict):
        # The same id with other content: a conflict for merge.
        twin = json.loads(json.dumps(parent[last]))
        key = rng.choice(sorted(twin))
        twin[key] = rng.choice(HOSTILE_VALUES) if key != "id" else twin[key]
        parent.append(twin)
    else:
        parent[last] = json.loads(json.dumps(parent[last]))
    return data


def _mutate_raw(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.25:
        tokens = list(re.finditer(r"-?\d+(?:\.\d+)?|null|true|false", text))
        if tokens:
            token = rng.choice(tokens)
            value = rng.choice(RAW_VALUES)
            if rng.random() < 0.2:
                depth = rng.randint(10, 3000)
                value = "[" * depth + "]" * depth
            text = text[: token.start()] + value + text[token.end() :]
        return text.encode("utf-8")
    if roll < 0.4:
        return text.encode("utf-8")[: rng.randint(0, len(text))]
    if roll < 0.5:
        return text.replace("\n", "\r\n").encode("utf-8")
    if roll < 0.6:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if roll < 0.7:
        data = bytearray(text.encode("utf-8"))
        data.insert(rng.randint(0, len(data)), rng.choice([0xFF, 0xC0, 0x80]))
        return bytes(data)
    if roll < 0.75:
        return rng.choice([b"", b"\n", b"   \n\n", b"{", b"[]", b"null", rng.randbytes(200)])
    start = rng.randint(0, len(text))
    return (text[:start] + rng.choice(HOSTILE) + text[start:]).encode("utf-8", "surrogatepass")


def _hostile_dataset(rng: random.Random) -> tuple[str, bytes]:
    base = rng.choice(BASES)
    suffix = ".jsonl" if "\n{" in base.strip() else ".json"
    if rng.random() < 0.6:
        if suffix == ".json":
            data = json.loads(base)
            for _ in range(rng.randint(1, 3)):
                data = _mutate_json(rng, data)
            text = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
        else:
            lines = [json.loads(line) for line in base.splitlines()]
            index = rng.randrange(len(lines))
            lines[index] = _mutate_json(rng, lines[index])
            text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
        return suffix, text.encode("utf-8", "surrogatepass")
    return suffix, _mutate_raw(rng, base)


def _fuzz_dataset(example: int, folder: Path, findings: Findings) -> None:
    rng = random.Random(f"{SEED}-dataset-{example}")
    suffix, data = _hostile_dataset(rng)
    hostile = folder / f"hostile{suffix}"
    hostile.write_bytes(data)
    base = folder / "base.json"
    base.write_text(BASES[2], encoding="utf-8")  # the small one: diffs and merges stay quick
    before = _snapshot(folder)
    shown = _run(["show", str(hostile)], findings, example, {0, 2})
    same = _run(["diff", str(hostile), str(hostile)], findings, example, {0, 2})
    _run(["diff", str(base), str(hostile)], findings, example, {0, 1, 2})
    out = folder / "merged.json"
    merged = _run(["merge", str(base), str(hostile), "-o", str(out)], findings, example, {0, 2})
    alone = _run(["merge", str(hostile), "-f", "jsonl"], findings, example, {0, 2})
    readable = {shown.exit_code, same.exit_code, alone.exit_code}
    findings.check(len(readable) == 1, example, f"read by some commands only: {readable}")
    findings.counts["readable" if shown.exit_code == 0 else "refused"] += 1
    if merged.exit_code == 0:
        again = _run(["merge", str(out), "-o", str(folder / "again.json")], findings, example, {0})
        findings.check(
            again.exit_code != 0 or (folder / "again.json").read_bytes() == out.read_bytes(),
            example,
            "merging a merge changed it",
        )
        _run(["show", str(out)], findings, example, {0})
        stream = folder / "alone.jsonl"
        stream.write_text(alone.stdout, encoding="utf-8")
        _run(["diff", str(hostile), str(stream)], findings, example, {0})
    after = _snapshot(folder)
    findings.check(
        all(after[name] == content for name, content in before.items()), example, "a file changed"
    )


def test_fuzz_hostile_datasets(tmp_path_factory: pytest.TempPathFactory) -> None:
    findings = Findings("datasets")
    for example in range(DATASETS):
        folder = tmp_path_factory.mktemp(f"dataset{example}", numbered=True)
        known = len(findings.items)
        _fuzz_dataset(example, folder, findings)
        findings.counts["datasets"] += 1
        _keep_if_found(folder, findings, known)
    print(findings.report())
    assert not findings.items, "\n".join(findings.items[:20])
