"""The dataset's JSON Schema, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from vjties.models import Dataset


def dataset_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://vjties.invalid/schema/1/vjties.schema.json"
    return schema


def schema_json() -> str:
    return json.dumps(dataset_schema(), indent=2, ensure_ascii=False) + "\n"
