"""The pipeline's data flow: declared, complete, and spelled through `vjties.keys`."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language

from vjties import keys
from vjties.extract import process
from vjties.pipeline import COMPONENTS, build_pipeline

COMPONENT_SOURCES = sorted(
    (Path(__file__).resolve().parent.parent / "src" / "vjties" / "components").glob("*.py")
)


def test_analyze_pipes_reports_no_problems() -> None:
    analysis = build_pipeline().analyze_pipes()
    assert analysis["problems"] == {name: [] for name in ["sentencizer", *COMPONENTS]}


def test_every_vjties_component_declares_what_it_assigns(nlp: Language) -> None:
    for name in COMPONENTS:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, f"{name} declares no assigns"


def test_every_fact_type_is_assigned_by_one_component(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    for field in ("localities", "officials", "organizations", "dates", "figures", "events"):
        assert analysis["attrs"][f"doc._.{field}"]["assigns"], field
    assert analysis["attrs"]["doc._.partnerships"]["assigns"] == ["vjties_partnerships"]


def test_no_component_rewrites_what_another_wrote(nlp: Language) -> None:
    """Each Doc attribute has one writer: officials writes the bodies only its roles name
    beside the organizations' output, and never touches the localities'."""
    writers = {
        attr: info["assigns"]
        for attr, info in nlp.analyze_pipes()["attrs"].items()
        if attr.startswith("doc._.")
    }
    assert writers["doc._.localities"] == ["vjties_localities"]
    assert writers["doc._.organizations"] == ["vjties_organizations"]
    assert writers["doc._.role_organizations"] == ["vjties_officials"]
    assert writers["doc._.officials"] == ["vjties_officials"]
    assert all(len(names) == 1 for names in writers.values()), writers


def test_span_groups_are_named_by_keys_constants_only() -> None:
    """A span-group key written as a string literal in a component would bypass `keys`."""
    literal = re.compile(
        r"""spans(?:\[|\.get\()\s*["']|["'][a-z_]+["']\s+(?:not\s+)?in\s+doc\.spans"""
    )
    for path in COMPONENT_SOURCES:
        code = [line for line in path.read_text("utf-8").splitlines() if "`" not in line]
        offending = [line.strip() for line in code if literal.search(line)]
        assert not offending, f"{path.name}: {offending}"


def test_the_pipeline_writes_exactly_the_declared_span_groups(nlp: Language) -> None:
    doc = process(
        "Vice Chairman of the Hanoi People's Committee Nguyen Van A received Governor "
        "Ohno Motohiro of Saitama prefecture on May 3, 2024. Saitama invested 20 million USD "
        "at a ceremony where the two sides signed an MoU.",
        "t",
        nlp,
    )
    assert set(doc.spans) <= set(keys.SPAN_GROUPS)
    assert {keys.LOCALITIES, keys.OFFICIALS, keys.DATES, keys.FIGURES} <= set(doc.spans)
    assert {keys.ORGANIZATIONS, keys.ORGANIZATION_REFERENCES, keys.ROLE_ORGANIZATIONS} <= set(
        doc.spans
    )


def test_boilerplate_lives_under_a_public_user_data_key(nlp: Language) -> None:
    doc = process("Hanoi and Osaka signed an MoU.\n\nRelated news\nOther story here\n", "t", nlp)
    assert doc._.boilerplate is doc.user_data[keys.BOILERPLATE]
    doc._.boilerplate = [[0, 5, "navigation"]]
    assert doc.user_data[keys.BOILERPLATE] == [[0, 5, "navigation"]]
    # No private key of spaCy's Underscore is read or written for it.
    assert not any(isinstance(k, tuple) and "boilerplate" in k for k in doc.user_data)
