"""Keep the real-article corpus: add cached texts, verify the cache, list the splits.

The texts belong to their publishers and are never committed: `corpus/texts/<id>.txt` is a
git-ignored cache, and `corpus/manifest.jsonl` (committed) records for each article its id, url,
title, outlet, year, the query that found it, the sha256 of the cached text and its split.

    # cache one article: the text, exactly as the search tool returned it, on stdin
    python scripts/corpus.py add --url URL --title TITLE --year 2024 --query "..." <<'__END__'
    ...text...
    __END__

    python scripts/corpus.py verify        # every manifest text cached and unchanged
    python scripts/corpus.py ids --split dev

`add` refuses an article that `../shared/tools/reserved` reports as reserved for independent
evaluation, and one whose url is already in the manifest. The split is not chosen by whoever
adds the article: it is a hash of the id (one in four is `test`), so nobody picks the test set.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MANIFEST = CORPUS / "manifest.jsonl"
TEXTS = CORPUS / "texts"
RESERVED = ROOT.parent / "shared" / "tools" / "reserved"
FIELDS = ("id", "url", "title", "outlet", "year", "query", "sha256", "split", "tags")
TAGS = ("japan-subject", "several-ties", "japanese-page", "diacritics")


def outlet_of(url: str) -> str:
    """The outlet is the site's host without `www.`: one name per site, whatever the section."""
    return urlsplit(url).netloc.lower().removeprefix("www.")


def article_id(url: str) -> str:
    """A readable, stable id: the outlet's first label and a hash of the url (texts are not unique)."""
    host = outlet_of(url)
    label = host.split(".")[0] if not host.startswith("en.") else host.split(".")[1]
    return f"{label}-{hashlib.sha256(url.encode()).hexdigest()[:10]}"


def split_of(doc_id: str) -> str:
    """One article in four goes to `test`, by a hash of its id, so the choice is nobody's."""
    return "test" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 4 == 0 else "dev"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_VN_LETTERS = set("ăâđêôơư")
_CAPITALISED_RUN = re.compile(r"[^\W\d_][^\W_]*(?:[ \-][^\W\d_][^\W_]*)+")


def _vietnamese_word(word: str) -> bool:
    """A word spelled the Vietnamese way: a letter only Vietnamese uses, or a tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return any(c in _VN_LETTERS for c in word.lower()) or any(
        unicodedata.combining(c) for c in decomposed
    )


def has_diacritics(text: str) -> bool:
    """Written with Vietnamese diacritics: at least two names of two or more capitalised words
    spelled the Vietnamese way (`Bình Dương`, `Trần Quốc Huy`), so a Vietnamese site's menu words
    (`Cỡ chữ`, `Ngày cập nhật`) do not count."""
    names = set()
    for run in _CAPITALISED_RUN.finditer(text):
        words = re.split(r"[ \-]", run.group())
        for start in range(len(words)):  # the capitalised stretches of the run
            stretch = []
            for word in words[start:]:
                if not word[0].isupper():
                    break
                stretch.append(word)
            if len(stretch) >= 2 and any(_vietnamese_word(w) for w in stretch):
                names.add(" ".join(stretch))
                break
    return len(names) >= 2


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def resplit(args: argparse.Namespace) -> int:
    """Copies of one story (four-word shingles, half or more of the shorter text shared) go to
    one split: `test` if any copy's hash says so, so a test story is never read through a copy."""
    records = load_manifest()
    shingles = {
        r["id"]: _shingles((TEXTS / f"{r['id']}.txt").read_text(encoding="utf-8")) for r in records
    }
    story = {r["id"]: r["id"] for r in records}  # union-find over copies
    ids = sorted(shingles)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = len(shingles[a] & shingles[b])
            if shared >= 0.5 * max(1, min(len(shingles[a]), len(shingles[b]))):
                story[story[b]] = story[a]

    def root(doc_id: str) -> str:
        while story[doc_id] != doc_id:
            doc_id = story[doc_id]
        return doc_id

    groups: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        groups.setdefault(root(r["id"]), []).append(r)
    for members in groups.values():
        split = "test" if any(split_of(r["id"]) == "test" for r in members) else "dev"
        for r in members:
            r["split"] = split
        if len(members) > 1:
            print("one story:", ", ".join(r["id"] for r in members), "->", split)
    write_manifest(records)
    return 0


def retag(args: argparse.Namespace) -> int:
    """Recompute the `diacritics` tag of every cached text (the other tags are editorial)."""
    records = load_manifest()
    for r in records:
        path = TEXTS / f"{r['id']}.txt"
        if not path.exists():
            continue
        tags = set(r.get("tags", [])) - {"diacritics"}
        if has_diacritics(path.read_text(encoding="utf-8")):
            tags.add("diacritics")
        r["tags"] = sorted(tags)
    write_manifest(records)
    print(sum("diacritics" in r["tags"] for r in records), "articles written with diacritics")
    return 0


def load_manifest(path: Path = MANIFEST) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_manifest(records: list[dict[str, object]], path: Path = MANIFEST) -> None:
    """Sorted by id, one compact record a line, so the file diffs cleanly."""
    records = sorted(records, key=lambda r: str(r["id"]))
    lines = [json.dumps({k: r.get(k, []) for k in FIELDS}, ensure_ascii=False) for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def is_reserved(url: str, title: str) -> bool:
    """Ask the project's reserved-article check; without it, refuse rather than guess."""
    if not RESERVED.exists():
        sys.exit(f"cannot check reservations: {RESERVED} not found")
    return subprocess.run([str(RESERVED), url, title], capture_output=True).returncode != 0


def cmd_add(args: argparse.Namespace) -> int:
    text = sys.stdin.read()
    if args.json:
        text = json.loads(text)  # the excerpt pasted as the JSON string the search tool gave
    elif text.endswith("\n") and not args.keep_final_newline:
        text = text[:-1]  # the newline a heredoc adds; the search tool's text has none
    if not text.strip():
        sys.exit("empty text on stdin")
    if is_reserved(args.url, args.title):
        print(f"reserved: {args.url} (not added)", file=sys.stderr)
        return 1
    CORPUS.mkdir(parents=True, exist_ok=True)
    with (CORPUS / ".manifest.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several people (or helpers) add at once
        return _add_locked(args, text)


def _add_locked(args: argparse.Namespace, text: str) -> int:
    records = load_manifest()
    if any(r["url"] == args.url for r in records):
        print(f"already in the manifest: {args.url}", file=sys.stderr)
        return 1
    doc_id = article_id(args.url)
    TEXTS.mkdir(parents=True, exist_ok=True)
    (TEXTS / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
    record = {
        "id": doc_id,
        "url": args.url,
        "title": args.title,
        "outlet": outlet_of(args.url),
        "year": args.year,
        "query": args.query,
        "sha256": sha256_text(text),
        "split": split_of(doc_id),
        "tags": sorted(set(args.tag) | ({"diacritics"} if has_diacritics(text) else set())),
    }
    write_manifest([*records, record])
    print(f"added {doc_id} ({len(text)} characters)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put back one text of the manifest, from the search tool's excerpt, if it hashes right."""
    text = sys.stdin.read()
    text = json.loads(text) if args.json else text.removesuffix("\n")
    record = next((r for r in load_manifest() if args.url in (r["url"], r["id"])), None)
    if record is None:
        sys.exit(f"not in the manifest: {args.url}")
    if sha256_text(text) != record["sha256"]:
        sys.exit(f"{record['id']}: the text differs from the one annotated (sha256); not restored")
    TEXTS.mkdir(parents=True, exist_ok=True)
    (TEXTS / f"{record['id']}.txt").write_text(text, encoding="utf-8", newline="")
    print(f"restored {record['id']}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Every manifest text is cached and hashes to its sha256; gold files name manifest ids."""
    bad = 0
    records = load_manifest()
    for r in records:
        path = TEXTS / f"{r['id']}.txt"
        if not path.exists():
            print(f"missing: {r['id']} (search the pages corpus for: {r['title']})")
            bad += 1
        elif sha256_text(path.read_text(encoding="utf-8")) != r["sha256"]:
            print(f"changed: {r['id']} (sha256 differs from the manifest)")
            bad += 1
    ids = {r["id"] for r in records}
    for gold in sorted((CORPUS / "gold").glob("*.json")):
        if gold.stem not in ids:
            print(f"gold without a manifest record: {gold.name}")
            bad += 1
    print(f"{len(records)} articles, {bad} problems")
    return 1 if bad else 0


LOCALITY_KINDS = {
    "municipality", "province", "city", "prefecture", "region", "district", "ward", "commune",
    "island", "town", "village",
}  # fmt: skip
PARTNERSHIP_KINDS = {
    "friendship", "sister_city", "mou", "cooperation_agreement", "letter_of_intent", "cooperation",
}  # fmt: skip
QUALIFIERS = {"exact", "about", "more_than", "at_least", "less_than", "up_to", "range"}
DATE_RE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}(?:-\d{2})?)$")
PERIOD_RE = re.compile(r"^(?:\d{4}(?:-\d{2})?|FY\d{4}|\d{4}-(?:Q[1-4]|H[12]))$")


def gold_problems(gold: dict[str, Any], vocab: dict[str, set[str]]) -> list[str]:
    """What in one gold file breaks ANNOTATION.md's conventions (not whether it is right)."""
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    published = gold.get("published")
    check(
        published is None or re.match(r"^\d{4}-\d{2}-\d{2}$", published) is not None,
        f"published {published!r}",
    )
    for loc in gold.get("localities", []):
        check(loc["name"].isascii(), f"locality name not ASCII: {loc['name']!r}")
        check(loc["kind"] in LOCALITY_KINDS, f"locality kind {loc['kind']!r}")
        check(loc["country"] in ("VN", "JP"), f"locality country {loc['country']!r}")
    for off in gold.get("officials", []):
        check(off["name"].isascii(), f"official name not ASCII: {off['name']!r}")
    for tie in gold.get("partnerships", []):
        check(tie["kind"] in PARTNERSHIP_KINDS, f"partnership kind {tie['kind']!r}")
        check(
            tie.get("date") is None or DATE_RE.match(tie["date"]) is not None,
            f"partnership date {tie.get('date')!r}",
        )
    for fig in gold.get("figures", []):
        check(fig["qualifier"] in QUALIFIERS, f"figure qualifier {fig['qualifier']!r}")
        metric = fig["metric"].removeprefix("share_of_")
        check(metric in vocab["metrics"], f"figure metric {fig['metric']!r}")
        check(
            fig.get("period") is None or PERIOD_RE.match(fig["period"]) is not None,
            f"figure period {fig.get('period')!r}",
        )
    for event in gold.get("events", []):
        check(event["kind"] in vocab["event_kinds"], f"event kind {event['kind']!r}")
        check(
            event.get("date") is None or DATE_RE.match(event["date"]) is not None,
            f"event date {event.get('date')!r}",
        )
    return problems


def cmd_check_gold(args: argparse.Namespace) -> int:
    """Validate every gold file against the gold model and ANNOTATION.md's vocabularies."""
    from vjties.evaluate import GoldDocument

    resources = ROOT / "src" / "vjties" / "resources"
    vocab = {
        "metrics": set(json.loads((resources / "metrics.json").read_text())["metrics"]),
        "event_kinds": set(json.loads((resources / "event_kinds.json").read_text())["kinds"]),
    }
    bad = 0
    for path in sorted((CORPUS / "gold").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        problems = [] if raw.get("id") == path.stem else [f"id {raw.get('id')!r}"]
        try:
            GoldDocument.model_validate(raw)
        except Exception as error:  # report and go on
            problems.append(str(error).splitlines()[0])
        else:
            problems += gold_problems(raw, vocab)
        for problem in problems:
            print(f"{path.name}: {problem}")
        bad += bool(problems)
    print(f"{bad} gold files with problems")
    return 1 if bad else 0


def cmd_ids(args: argparse.Namespace) -> int:
    for r in load_manifest():
        if args.split in (None, r["split"]):
            print(r["id"])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="cache one article read from stdin and record it")
    add.add_argument("--url", required=True)
    add.add_argument("--title", required=True)
    add.add_argument("--year", type=int, required=True)
    add.add_argument("--query", required=True, help="the search query that found it")
    add.add_argument("--keep-final-newline", action="store_true")
    add.add_argument("--json", action="store_true", help="stdin is a JSON string literal")
    add.add_argument("--tag", action="append", default=[], choices=TAGS[:3])
    add.set_defaults(func=cmd_add)
    restore = sub.add_parser("restore", help="restore one cached text read from stdin")
    restore.add_argument("--url", required=True, help="the article's url (or id)")
    restore.add_argument("--json", action="store_true", help="stdin is a JSON string literal")
    restore.set_defaults(func=cmd_restore)
    sub.add_parser("verify", help="check the cache against the manifest").set_defaults(
        func=cmd_verify
    )
    sub.add_parser("retag", help="recompute the diacritics tag").set_defaults(func=retag)
    sub.add_parser("resplit", help="put copies of a story in one split").set_defaults(func=resplit)
    sub.add_parser("check-gold", help="validate the gold files").set_defaults(func=cmd_check_gold)
    ids = sub.add_parser("ids", help="list article ids")
    ids.add_argument("--split", choices=("dev", "test"))
    ids.set_defaults(func=cmd_ids)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
