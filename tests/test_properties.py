"""Property tests: extraction never raises, and every fact is grounded in the original text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from vjties.dataset import dataset_json
from vjties.extract import extract_text
from vjties.models import Evidence
from vjties.schema import dataset_schema

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_LINES = [
    line
    for path in sorted(SEEDS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
VALIDATOR = jsonschema.Draft202012Validator(dataset_schema())
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _all_evidence(value: object) -> list[Evidence]:
    if isinstance(value, Evidence):
        return [value]
    if isinstance(value, list):
        return [e for item in value for e in _all_evidence(item)]
    if isinstance(value, BaseModel):
        return [e for name in type(value).model_fields for e in _all_evidence(getattr(value, name))]
    return []


def _check(text: str) -> None:
    dataset = extract_text(text, doc_id="probe")
    # A story glued on after a sign-off is a document of its own, with its text stored.
    texts = {d.id: text if d.text is None else d.text for d in dataset.documents}
    assert [d.id for d in dataset.documents][:1] == ["probe"]
    assert all(d.id == "probe" or d.id.startswith("probe~") for d in dataset.documents)
    for evidence in _all_evidence(dataset):
        shown = texts[evidence.document]
        assert 0 <= evidence.start <= evidence.end <= len(shown)
        assert shown[evidence.start : evidence.end] == evidence.text
    for field in type(dataset).model_fields:
        records = getattr(dataset, field)
        if isinstance(records, list) and records and hasattr(records[0], "id"):
            ids = [r.id for r in records]
            assert len(ids) == len(set(ids)), f"duplicate ids in {field}"
    VALIDATOR.validate(json.loads(dataset_json(dataset)))


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_text_is_extracted_without_error(text: str) -> None:
    _check(text)


edits = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10_000), st.text(max_size=6)), max_size=6
)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=8), edits)
def test_edited_seed_sentences_are_extracted_and_grounded(
    lines: list[str], changes: list[tuple[int, str]]
) -> None:
    text = "\n".join(lines)
    for position, insert in changes:
        cut = position % (len(text) + 1)
        text = text[:cut] + insert + text[cut + len(insert) // 2 :]
    _check(text)
