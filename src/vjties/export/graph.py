"""GraphML and GEXF exports through networkx: the ties as a network for Gephi.

Nodes are the dataset's localities and every organization that is a party to a tie, with their
id, name, type, country, kind and (where the gazetteer has them) coordinates; edges are the
ties, with kind, status, date and how much evidence they have. Two parties can have several
ties (a friendship and an MoU), so the graph is a multigraph keyed by partnership id. In GEXF
the coordinates are also the nodes' positions, so Gephi shows the map as soon as it opens.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx

from vjties.export.tables import Referents
from vjties.gazetteer import Gazetteer, load_gazetteer
from vjties.models import Dataset
from vjties.places import locality_point
from vjties.show import documents_of

# Gephi colours by country (VN red, JP blue); other nodes grey.
COLOURS = {"VN": (218, 37, 29), "JP": (24, 92, 180)}


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF have no null: an unknown attribute is left out."""
    return {k: v for k, v in values.items() if v is not None}


def build_graph(dataset: Dataset, gazetteer: Gazetteer | None = None) -> nx.MultiGraph:
    """The ties network: localities and party organizations as nodes, ties as edges."""
    gazetteer = gazetteer or load_gazetteer()
    refs = Referents(dataset, gazetteer)
    graph = nx.MultiGraph(name="vjties ties")
    node_ids = {loc.id for loc in dataset.localities}
    node_ids |= {party for tie in dataset.partnerships for party in tie.parties}
    for node in sorted(node_ids):
        found = refs.get(node)
        point = locality_point(node, gazetteer)
        attributes: dict[str, Any] = {
            "label": found.name if found else node,
            "type": found.type if found else None,
            "country": found.country if found else None,
            "kind": found.kind if found else None,
        }
        if point is not None:
            attributes |= {"latitude": point.latitude, "longitude": point.longitude}
            attributes |= {"coordinates_from": point.source}
        graph.add_node(node, **_present(attributes))
    for tie in dataset.partnerships:
        first, second = tie.parties
        edge: dict[str, Any] = {
            "label": tie.kind,
            "kind": tie.kind,
            "status": tie.status,
            "established": tie.established,
            "documents": len(documents_of(tie)),
            "evidence": len(tie.evidence),
            # Gephi draws an edge as thick as its weight: the number of documents.
            "weight": len(documents_of(tie)),
        }
        graph.add_edge(first, second, key=tie.id, id=tie.id, **_present(edge))
    return graph


def graphml_text(graph: nx.MultiGraph) -> str:
    """GraphML with edge ids from the partnership ids."""
    stream = io.BytesIO()
    nx.write_graphml(graph, stream, encoding="utf-8", edge_id_from_attribute="id")
    return stream.getvalue().decode("utf-8")


def _with_positions(graph: nx.MultiGraph) -> nx.MultiGraph:
    """A copy whose nodes carry GEXF `viz` position (longitude, latitude) and colour."""
    shown = graph.copy()
    for _, data in shown.nodes(data=True):
        viz: dict[str, Any] = {}
        if "longitude" in data:
            viz["position"] = {"x": data["longitude"], "y": data["latitude"], "z": 0.0}
        red, green, blue = COLOURS.get(data.get("country", ""), (128, 128, 128))
        viz["color"] = {"r": red, "g": green, "b": blue, "a": 1.0}
        data["viz"] = viz
    return shown


def gexf_text(graph: nx.MultiGraph) -> str:
    """GEXF 1.2 without the writer's `lastmodifieddate`, so the same graph gives the same bytes."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(_with_positions(graph))
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue().decode("utf-8")


def write_graph(graph: nx.MultiGraph, path: Path, fmt: str) -> None:
    """The graph as GraphML or GEXF at `path`."""
    text = graphml_text(graph) if fmt == "graphml" else gexf_text(graph)
    path.write_text(text, encoding="utf-8")
