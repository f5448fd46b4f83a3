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
import subprocess
import sys
from pathlib import Path
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


def has_diacritics(text: str) -> bool:
    """Written with Vietnamese diacritics: several letters only Vietnamese spelling uses."""
    marks = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    return sum(ch.lower() in marks for ch in text) >= 5


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
    sub.add_parser("verify", help="check the cache against the manifest").set_defaults(
        func=cmd_verify
    )
    ids = sub.add_parser("ids", help="list article ids")
    ids.add_argument("--split", choices=("dev", "test"))
    ids.set_defaults(func=cmd_ids)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
