"""GeoJSON export (RFC 7946): localities as points, ties as lines between their parties.

Coordinates come from the gazetteer by locality id, longitude first, WGS 84; a locality
without a point of its own takes its parent's (`coordinates_from: "parent"`). A locality with
no point anywhere up its chain, and a tie whose party has none (organizations are placed at
their locality), is left out and counted in `left_off`, which the CLI reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vjties.export.tables import Referents
from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import Dataset
from vjties.places import PartyPoints, Point, locality_point
from vjties.show import documents_of


@dataclass
class GeoResult:
    collection: dict[str, Any]
    localities: int = 0
    ties: int = 0
    #: Ids of the localities and ties with no point, in dataset order.
    left_off: list[str] = field(default_factory=list)


def _position(point: Point) -> list[float]:
    return [point.longitude, point.latitude]


def build_geojson(dataset: Dataset, gazetteer: Gazetteer | None = None) -> GeoResult:
    """The FeatureCollection of the dataset's localities and ties, and what had no point."""
    gazetteer = gazetteer or load_gazetteer()
    refs = Referents(dataset, gazetteer)
    result = GeoResult({"type": "FeatureCollection", "features": []})
    features: list[dict[str, Any]] = result.collection["features"]
    for loc in dataset.localities:
        point = locality_point(loc.id, gazetteer)
        if point is None:
            result.left_off.append(loc.id)
            continue
        properties = loc.model_dump(
            include={"id", "name", "name_local", "country", "kind", "iso_3166_2", "geonames_id"}
        )
        properties |= {"feature": "locality", "parent": loc.parent}
        properties |= {"mentions": len(loc.mentions), "documents": len(documents_of(loc))}
        properties |= {"coordinates_from": point.source}
        geometry = {"type": "Point", "coordinates": _position(point)}
        features.append(
            {"type": "Feature", "id": loc.id, "geometry": geometry, "properties": properties}
        )
        result.localities += 1
    party_point = PartyPoints(dataset, gazetteer)
    for tie in dataset.partnerships:
        points = [party_point(p) for p in tie.parties]
        if None in points:
            result.left_off.append(tie.id)
            continue
        names = [refs.get(p) for p in tie.parties]
        properties = {"feature": "tie", "id": tie.id, "parties": tie.parties}
        properties |= {
            "party_names": [n.name if n else p for n, p in zip(names, tie.parties, strict=True)]
        }
        properties |= {"kind": tie.kind, "status": tie.status, "established": tie.established}
        properties |= {"documents": len(documents_of(tie)), "evidence": len(tie.evidence)}
        coordinates = [_position(p) for p in points if p is not None]
        geometry = {"type": "LineString", "coordinates": coordinates}
        features.append(
            {"type": "Feature", "id": tie.id, "geometry": geometry, "properties": properties}
        )
        result.ties += 1
    return result
