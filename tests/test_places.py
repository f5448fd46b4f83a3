"""Where a locality is drawn: its own gazetteer point, else its nearest ancestor's."""

from __future__ import annotations

import json

from vjties.gazetteer import parse_gazetteer
from vjties.places import Point, locality_point


def entry(entry_id: str, parent: str | None = None, lat: float | None = None) -> dict:
    return {
        "id": entry_id, "name": entry_id.rsplit("/", 1)[-1].title(), "name_local": None,
        "country": "JP", "kind": "city" if parent else "prefecture", "iso_3166_2": None,
        "geonames_id": None, "parent": parent, "successor": None, "population": None,
        "latitude": lat, "longitude": None if lat is None else lat + 100, "aliases": [],
    }  # fmt: skip


GAZETTEER = parse_gazetteer(
    json.dumps(
        [
            entry("jp/aichi"),
            entry("jp/aichi/nagoya", "jp/aichi", 35.2),
            entry("jp/gifu", lat=35.4),
            entry("jp/gifu/seki", "jp/gifu"),
            entry("jp/loop", "jp/loop/a"),
            entry("jp/loop/a", "jp/loop"),
        ]
    )
)


def test_own_point_first() -> None:
    assert locality_point("jp/aichi/nagoya", GAZETTEER) == Point(35.2, 135.2, "locality")


def test_parent_point_when_it_has_none() -> None:
    assert locality_point("jp/gifu/seki", GAZETTEER) == Point(35.4, 135.4, "parent")


def test_none_when_no_ancestor_has_one() -> None:
    assert locality_point("jp/aichi", GAZETTEER) is None
    assert locality_point("jp/unknown", GAZETTEER) is None


def test_a_parent_loop_ends() -> None:
    assert locality_point("jp/loop/a", GAZETTEER) is None
