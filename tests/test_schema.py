"""The generated JSON Schema: committed copy up to date, and every dataset vjties writes valid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from typer.testing import CliRunner

from factories import evidence, partnership
from vjties.cli import app
from vjties.dataset import LIST_OF_TYPE, dataset_json
from vjties.models import (
    Dataset,
    DateClaim,
    Document,
    Event,
    Figure,
    Locality,
    Official,
    Organization,
    Partnership,
    Role,
    Successor,
    TimeExpression,
)
from vjties.schema import dataset_schema, schema_json

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def every_record_dataset() -> Dataset:
    """One record of each type with its optional parts filled in."""
    return Dataset(
        documents=[
            Document(
                id="tb-7",
                path="in/tb-7.txt",
                sha256="3c" * 32,
                title="Thai Binh welcomes Kagawa delegation",
                published="2025-08-12",
                dateline="Thai Binh",
                source="VNA",
                boilerplate=[{"start": 900, "end": 950, "kind": "footer"}],
            )
        ],
        localities=[
            Locality(
                id="vn/thai-binh",
                name="Thai Binh",
                name_local="Thái Bình",
                country="VN",
                kind="province",
                iso_3166_2="VN-20",
                geonames_id=1566338,
                successor=Successor(id="vn/hung-yen", since="2025-07-01"),
                mentions=[evidence("Thai Binh", 0, "tb-7")],
                organization_mentions=[evidence("Thai Binh", 120, "tb-7")],
            )
        ],
        organizations=[
            Organization(
                id="org/thai-binh-people-s-committee",
                name="Thai Binh People's Committee",
                kind="people_committee",
                country="VN",
                locality="vn/thai-binh",
                mentions=[evidence("Thai Binh People's Committee", 120, "tb-7")],
            )
        ],
        officials=[
            Official(
                id="person/ngo-thi-hoa",
                name="Ngo Thi Hoa",
                name_local="Ngô Thị Hoa",
                title="Vice Chairwoman",
                organization="org/thai-binh-people-s-committee",
                roles=[
                    Role(title="Vice Chairwoman", organization="org/thai-binh-people-s-committee"),
                    Role(title="Director", status="former"),
                ],
                country="VN",
                locality="vn/thai-binh",
                mentions=[evidence("Ngo Thi Hoa", 90, "tb-7")],
            )
        ],
        partnerships=[
            partnership(
                ["jp/kagawa", "vn/thai-binh"],
                "cooperation",
                status="proposed",
                established="2016",
                dates=[
                    DateClaim(date="2016", how="stated", evidence=evidence("2016", 300, "tb-7"))
                ],
                evidence=[evidence("cooperation since 2016", 280, "tb-7")],
            )
        ],
        figures=[
            Figure(
                id="tb-7/figure/interns-1",
                text="some 1,200 trainees",
                value=1200,
                unit="person",
                qualifier="about",
                metric="interns",
                period="2024",
                localities=["jp/kagawa"],
                countries=["VN"],
                evidence=evidence("some 1,200 trainees", 400, "tb-7"),
            ),
            Figure(
                id="tb-7/figure/share-1",
                text="12.5%",
                value=12.5,
                value_max=13.0,
                unit="percent",
                qualifier="range",
                metric="share_of_fdi",
                evidence=evidence("12.5%", 450, "tb-7"),
            ),
        ],
        dates=[
            TimeExpression(
                id="tb-7/date/1",
                text="August 10-11",
                value="2025-08-10",
                end="2025-08-11",
                how="from_publication_date",
                evidence=evidence("August 10-11", 200, "tb-7"),
            ),
            TimeExpression(
                id="tb-7/date/2", text="soon", value=None, evidence=evidence("soon", 500, "tb-7")
            ),
        ],
        events=[
            Event(
                id="tb-7/event/reception-1",
                kind="reception",
                name="Kagawa delegation reception",
                date="2025-08-10",
                end="2025-08-11",
                date_how="from_publication_date",
                locality="vn/thai-binh",
                participants=["person/ngo-thi-hoa"],
                evidence=evidence("received", 60, "tb-7"),
                mentions=[evidence("received", 60, "tb-7")],
            )
        ],
    )


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / "data" / "vjties.schema.json").read_text(encoding="utf-8")
    assert committed == runner.invoke(app, ["schema"]).stdout == schema_json()


def test_schema_describes_every_record_list() -> None:
    properties = dataset_schema()["properties"]
    assert {"schema_version", *LIST_OF_TYPE.values()} <= set(properties)


def test_a_dataset_with_every_record_type_validates(validator: Draft202012Validator) -> None:
    instance = json.loads(dataset_json(every_record_dataset()))
    assert errors(validator, instance) == []


@pytest.mark.parametrize(
    ("path", "bad_value"),
    [
        (("localities", 0, "kind"), "county"),
        (("figures", 0, "qualifier"), "roughly"),
        (("partnerships", 0, "parties"), ["jp/kagawa"]),
        (("documents", 0, "unexpected"), 1),
        (("schema_version",), "2"),
    ],
)
def test_schema_rejects_what_the_models_reject(
    validator: Draft202012Validator, path: tuple[Any, ...], bad_value: Any
) -> None:
    instance = json.loads(dataset_json(every_record_dataset()))
    target = instance
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad_value
    assert errors(validator, instance)


def test_extracted_seeds_validate(validator: Draft202012Validator) -> None:
    result = runner.invoke(app, ["extract", str(ROOT / "seeds"), "-q"])
    assert result.exit_code == 0, result.output
    assert errors(validator, json.loads(result.stdout)) == []


def test_extracted_seeds_as_jsonl_validate(validator: Draft202012Validator) -> None:
    result = runner.invoke(app, ["extract", str(ROOT / "seeds"), "-q", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    instance: dict[str, Any] = {"schema_version": "1"} | {
        field: [] for field in LIST_OF_TYPE.values()
    }
    for line in result.stdout.splitlines():
        record = json.loads(line)
        instance[LIST_OF_TYPE[record.pop("type")]].append(record)
    assert len(instance["documents"]) == 6  # 5 seeds, one with a second story glued on
    assert errors(validator, instance) == []


def test_merged_dataset_validates(validator: Draft202012Validator, tmp_path: Path) -> None:
    part = tmp_path / "part.json"
    part.write_text(dataset_json(every_record_dataset()), encoding="utf-8")
    seeds = runner.invoke(app, ["extract", str(ROOT / "seeds"), "-q"]).stdout
    result = runner.invoke(app, ["merge", str(part), "-"], input=seeds)
    assert result.exit_code == 0, result.output
    assert errors(validator, json.loads(result.stdout)) == []


@pytest.mark.parametrize(
    "stale",
    [
        "jp/shimane+vn/hoa-binh/mou",  # the format before `~`
        "vn/hoa-binh~jp/shimane~mou",  # parties not sorted
        "jp/shimane~vn/hoa-binh~friendship",  # another kind
        "jp/shimane~vn/hoa-binh~mou~proposed",  # a proposal's id on a made tie
    ],
)
def test_a_partnership_id_that_does_not_spell_its_tie_fails(stale: str) -> None:
    fields = {
        "id": stale,
        "parties": ["jp/shimane", "vn/hoa-binh"],
        "party_types": ["locality", "locality"],
        "kind": "mou",
    }
    with pytest.raises(ValidationError, match=r"partnership id|should match pattern"):
        Partnership.model_validate(fields)
    assert Partnership.model_validate({**fields, "id": "jp/shimane~vn/hoa-binh~mou"})


def test_the_schema_rejects_the_old_partnership_id_format(
    validator: Draft202012Validator,
) -> None:
    record = partnership(["jp/shimane", "vn/hoa-binh"], "mou").model_dump(mode="json")
    document = {"schema_version": "1", "partnerships": [record]}
    assert errors(validator, document) == []
    document["partnerships"][0]["id"] = "jp/shimane+vn/hoa-binh/mou"
    assert errors(validator, document) and "does not match" in errors(validator, document)[0]
