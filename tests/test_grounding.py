"""Moving a fragment's evidence (chunks, the reading view) keeps every fact grounded."""

from __future__ import annotations

from vjties.grounding import move_fragment
from vjties.models import BoilerplateSpan, Dataset, Document, Event, Evidence, TimeExpression


def _evidence(start: int, text: str) -> Evidence:
    return Evidence(document="d", start=start, end=start + len(text), text=text)


FRAGMENT = Dataset(
    documents=[
        Document(
            id="d",
            path="d.txt",
            sha256="0" * 64,
            boilerplate=[BoilerplateSpan(start=0, end=4, kind="byline")],
        )
    ],
    dates=[
        TimeExpression(
            id="d/date/--07-01", text="July 1", value="--07-01", evidence=_evidence(5, "July 1")
        )
    ],
    events=[
        Event(id="d/event/meeting", kind="meeting", evidence=_evidence(12, "met")),
        Event(id="d/event/forum-2023-07-01", kind="forum", evidence=_evidence(1, "forum")),
    ],
)


def test_offsets_and_texts_follow_the_map_and_ids_stay() -> None:
    original = "#" * 100 + "VNA: July\n1 met"
    moved = move_fragment(FRAGMENT, lambda offset: offset + 100, original)
    assert moved.documents[0].boilerplate[0].model_dump() == {
        "start": 100,
        "end": 104,
        "kind": "byline",
    }
    (date,) = moved.dates
    assert (date.id, date.evidence.start, date.evidence.text, date.text) == (
        "d/date/--07-01",
        105,
        "July\n1",
        "July\n1",
    )
    assert [e.id for e in moved.events] == ["d/event/meeting", "d/event/forum-2023-07-01"]


def test_without_the_original_the_texts_are_kept() -> None:
    moved = move_fragment(FRAGMENT, lambda offset: offset + 7)
    assert moved.dates[0].evidence.text == "July 1"
    assert moved.dates[0].evidence.start == 12


def test_an_id_that_ends_in_its_offset_is_not_moved() -> None:
    # Offsets were once part of date ids (`d/date/5`); now `d/date/2023#2` and the like stay
    # whatever number they end in.
    dates = [
        TimeExpression(id=i, text="2023", value="2023", evidence=_evidence(start, "2023"))
        for i, start in (("d/date/2023", 5), ("d/date/2023#95", 95))
    ]
    fragment = Dataset(documents=FRAGMENT.documents, dates=dates)
    moved = move_fragment(fragment, lambda offset: offset + 5 if offset >= 95 else offset)
    assert [(d.id, d.evidence.start) for d in moved.dates] == [
        ("d/date/2023", 5),
        ("d/date/2023#95", 100),
    ]
