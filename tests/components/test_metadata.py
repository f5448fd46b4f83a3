"""The metadata component: doc._.meta, doc._.boilerplate and in_boilerplate on processed docs."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from vjties.extensions import in_boilerplate

TEXT = (
    "Home / Economy / Trade\n"
    "Quang Nam and Okayama open trade office\n"
    "Bich Ngoc 10:15, 2022/09/14\n"
    "Quang Nam (VNA) – The central province of Quang Nam opened a trade office in Okayama on "
    "Tuesday, local leaders said.\n"
    "Vice Chairman Le Tri Thanh (L) and Governor Ibara Ryuta. Photo: Kim Oanh/Central News\n"
    "The office will help firms from both sides find partners./.\n"
    "Other news\n"
    "08:00, 2022/09/13\n"
    "Hoi An lantern night draws record crowds\n"
    "More than 20,000 visitors came to the old town.\n"
)


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    return nlp(TEXT)


def test_meta(doc: Doc) -> None:
    assert doc._.meta == {
        "title": "Quang Nam and Okayama open trade office",
        "published": "2022-09-14",
        "dateline": "Quang Nam",
        "source": "VNA",
    }


def test_boilerplate_is_json_lists_into_the_original_text(doc: Doc) -> None:
    spans = doc._.boilerplate
    assert all(isinstance(s, list) and len(s) == 3 for s in spans)
    kinds = {kind: TEXT[start:end] for start, end, kind in spans}
    assert kinds["navigation"] == "Home / Economy / Trade"
    assert kinds["byline"] == "Bich Ngoc 10:15, 2022/09/14"
    assert kinds["photo_credit"] == "Photo: Kim Oanh/Central News"
    assert kinds["other_news"].startswith("Other news\n08:00")
    assert kinds["other_news"].endswith("old town.")


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("Home", True),
        ("Bich Ngoc", True),
        ("Kim Oanh", True),
        ("Hoi An", True),
        ("20,000", True),
        ("Le Tri Thanh", False),
        ("Ibara Ryuta", False),
        ("Okayama open trade office", False),
        ("The office will help firms", False),
    ],
)
def test_in_boilerplate(doc: Doc, needle: str, expected: bool) -> None:
    start = TEXT.index(needle)
    assert in_boilerplate(doc, start, start + len(needle)) is expected
    assert in_boilerplate(doc, start) is expected


def test_in_boilerplate_follows_a_reassigned_list(nlp: Language) -> None:
    doc = nlp.make_doc("one two three four")
    assert not in_boilerplate(doc, 0, 3)
    doc._.boilerplate = [[0, 3, "navigation"]]
    assert in_boilerplate(doc, 0, 3)
    assert not in_boilerplate(doc, 4, 7)
    doc._.boilerplate = [[4, 7, "navigation"]]
    assert not in_boilerplate(doc, 0, 3)
    assert in_boilerplate(doc, 4, 7)
    doc._.boilerplate.append([14, 18, "footer"])
    assert in_boilerplate(doc, 15, 16)


def test_empty_and_blank_texts(nlp: Language) -> None:
    for text in ("", "   \n\n"):
        doc = nlp(text)
        assert doc._.meta["published"] is None
        assert doc._.boilerplate == []
