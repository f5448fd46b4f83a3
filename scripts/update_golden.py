"""Regenerate the golden files: tests/golden/<fact type>/<case>.json from <case>.txt.

Golden files are the tool's output, reviewed by a person and committed; regenerating them is a
deliberate step (`python scripts/update_golden.py [FACT_TYPE...]`), never part of a test run.
Each folder's JSON holds only the records of its fact type, so a change in one component
does not churn the golden files of the others.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vjties.extract import extract_text

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


def golden_records(text_path: Path) -> list[dict[str, object]]:
    field = text_path.parent.name
    dataset = extract_text(text_path.read_text(encoding="utf-8"), doc_id=text_path.stem)
    return [record.model_dump(mode="json") for record in getattr(dataset, field)]


def main(fields: list[str]) -> None:
    for folder in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        if fields and folder.name not in fields:
            continue
        for text_path in sorted(folder.glob("*.txt")):
            expected = json.dumps(golden_records(text_path), ensure_ascii=False, indent=2) + "\n"
            text_path.with_suffix(".json").write_text(expected, encoding="utf-8")
            print(f"wrote {text_path.with_suffix('.json').relative_to(GOLDEN.parent.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
