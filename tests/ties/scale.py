"""A large dataset made from a small one, to see that the report keeps working at scale.

Each of `documents` documents repeats one of the base documents (text and records) under a new
id. Localities, organizations and officials gather the mentions of every copy, as they would in
a real corpus. Ties are spread over `tie_groups` groups: in group g > 0 each locality party is
swapped for another gazetteer place of its country (chosen by a hash), so the map carries many
distinct ties between many places instead of one tie with thousands of copies.
"""

from __future__ import annotations

import zlib
from typing import Any

from vjties.gazetteer import load_gazetteer
from vjties.models import Dataset

PER_DOCUMENT = ("figures", "dates", "events")
SHARED = ("localities", "organizations", "officials")


def _retarget(value: Any, old: str, new: str) -> Any:
    """A copy of a dumped record with every evidence of document `old` moved to `new`."""
    if isinstance(value, dict):
        moved = {k: _retarget(v, old, new) for k, v in value.items()}
        if moved.get("document") == old and "start" in moved:
            moved["document"] = new
        return moved
    if isinstance(value, list):
        return [_retarget(v, old, new) for v in value]
    if isinstance(value, str) and value.startswith(old + "/"):
        return new + value[len(old) :]
    return value


def _places_by_country() -> dict[str, list[str]]:
    entries = load_gazetteer().entries.values()
    places: dict[str, list[str]] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        if entry.latitude is not None and entry.kind in ("city", "municipality"):
            places.setdefault(entry.country, []).append(entry.id)
    return places


def _swap(party: str, group: int, places: dict[str, list[str]]) -> str:
    country = party.split("/", 1)[0].upper()
    if group == 0 or country not in places:
        return party
    choices = places[country]
    return choices[zlib.crc32(f"{party}#{group}".encode()) % len(choices)]


def scaled_dataset(
    base: Dataset, texts: dict[str, str], documents: int, tie_groups: int = 50
) -> tuple[Dataset, dict[str, str]]:
    """A dataset of `documents` documents built from `base`, and the texts of its documents."""
    raw = base.model_dump(mode="json")
    places = _places_by_country()
    out: dict[str, Any] = {"schema_version": raw["schema_version"], "documents": []}
    out |= {name: [] for name in PER_DOCUMENT}
    shared = {name: {r["id"]: dict(r, mentions=[]) for r in raw[name]} for name in SHARED}
    for name in ("localities",):
        for record in shared[name].values():
            record["organization_mentions"] = []
    ties: dict[str, dict[str, Any]] = {}
    new_texts: dict[str, str] = {}
    for k in range(documents):
        source = raw["documents"][k % len(raw["documents"])]
        old, new = source["id"], f"{source['id']}-{k:05d}"
        out["documents"].append(dict(source, id=new, path=f"scaled/{new}.txt"))
        if old in texts:
            new_texts[new] = texts[old]
        for name in PER_DOCUMENT:
            out[name] += [
                _retarget(r, old, new) for r in raw[name] if r["evidence"]["document"] == old
            ]
        for name in SHARED:
            for record in raw[name]:
                for field in ("mentions", "organization_mentions"):
                    if field not in record:
                        continue
                    pieces = [m for m in record.get(field, []) if m["document"] == old]
                    shared[name][record["id"]].setdefault(field, []).extend(
                        _retarget(pieces, old, new)
                    )
        for tie in raw["partnerships"]:
            if not any(e["document"] == old for e in tie["evidence"]):
                continue
            _add_tie(
                ties, _retarget(tie, old, new), (k // len(raw["documents"])) % tie_groups, places
            )
    for name in SHARED:
        out[name] = sorted(shared[name].values(), key=lambda r: r["id"])
    out["partnerships"] = sorted(ties.values(), key=lambda r: r["id"])
    out["documents"].sort(key=lambda d: d["id"])
    return Dataset.model_validate(out), new_texts


def _add_tie(
    ties: dict[str, dict[str, Any]], tie: dict[str, Any], group: int, places: dict[str, list[str]]
) -> None:
    pairs = sorted(
        zip((_swap(p, group, places) for p in tie["parties"]), tie["party_types"], strict=True)
    )
    parties = [p for p, _ in pairs]
    tie_id = "~".join(
        [*parties, tie["kind"]] + (["proposed"] if tie["status"] == "proposed" else [])
    )
    known = ties.get(tie_id)
    if known is None:
        ties[tie_id] = dict(tie, id=tie_id, parties=parties, party_types=[t for _, t in pairs])
    else:
        known["evidence"] = known["evidence"] + tie["evidence"]
        known["dates"] = known["dates"] + tie["dates"]
