"""Where a locality is on the map: its gazetteer point, or its parent's when it has none.

The gazetteer gives coordinates by locality id. First-level units may still lack them (the
prefectures and provinces are being filled in), so a locality without a point of its own takes
the nearest ancestor's, and says so; one with no point anywhere up the chain is left off the
map by the caller, which counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import Dataset

PointSource = Literal["locality", "parent"]


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    #: `locality`: the locality's own gazetteer point; `parent`: an enclosing unit's.
    source: PointSource


def locality_point(locality_id: str, gazetteer: Gazetteer | None = None) -> Point | None:
    """The locality's point, else its nearest ancestor's; None when the chain has none."""
    gazetteer = gazetteer or load_gazetteer()
    entry = gazetteer.get(locality_id)
    seen: set[str] = set()
    while entry is not None and entry.id not in seen:
        if entry.latitude is not None and entry.longitude is not None:
            source: PointSource = "locality" if entry.id == locality_id else "parent"
            return Point(entry.latitude, entry.longitude, source)
        seen.add(entry.id)
        entry = gazetteer.get(entry.parent) if entry.parent else None
    return None


class PartyPoints:
    """A tie party's point: a locality's own (or its parent's); an organization's locality's."""

    def __init__(self, dataset: Dataset, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer or load_gazetteer()
        self.located = {org.id: org.locality for org in dataset.organizations}

    def __call__(self, party: str) -> Point | None:
        place = self.located.get(party, party)
        return locality_point(place, self._gazetteer) if place else None
