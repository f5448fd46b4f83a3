"""Golden files: each tests/golden/<fact type>/<case>.txt against its reviewed <case>.json."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.txt"))

_spec = importlib.util.spec_from_file_location(
    "update_golden", GOLDEN.parent.parent / "scripts" / "update_golden.py"
)
assert _spec and _spec.loader
update_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_golden)


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden(case: Path) -> None:
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert update_golden.golden_records(case) == expected
