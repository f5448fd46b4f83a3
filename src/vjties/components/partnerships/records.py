"""Partnership records (models.Partnership) from the claims of one document.

Within a document: a pair with an established tie drops its proposals (`looks forward to
further strengthening this partnership` is about the tie already made); a pair's plain
`cooperation` or `friendship` mentions without dates join the pair's more specific tie
(`mou`, `sister_city`, ...) as evidence; proposals join the strongest proposal of the pair. Every date is
kept in `dates` with its evidence, so a tie merged across documents keeps conflicting dates
side by side; `established` is the first. Ids: `<party a>~<party b>~<kind>` with the party
ids sorted, plus `~proposed` for a proposal.

Why apart: the records are the dataset's contract; how claims merge into them is a policy of
its own, independent of how each claim was read.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from vjties.components.partnerships.article import DateRef
from vjties.components.partnerships.clauses import Claim
from vjties.components.partnerships.cues import Cues
from vjties.models import partnership_id
from vjties.tokens import TokenView

#: Kinds of a stated relation that, undated, are the pair's named instrument or status when
#: the document names one (`signed an MoU ... their friendship`): ANNOTATION.md's rule.
MERGED_KINDS = frozenset({"cooperation", "friendship"})
#: (sorted pair, kind, status): the key of one record.
RecordKey = tuple[tuple[str, str], str, str]


def partnership_records(doc: Doc, claims: list[Claim], cues: Cues) -> list[dict[str, Any]]:
    """One record per tie of the document, sorted by id (see the module docstring)."""
    if not claims:
        return []
    established_pairs = {c.pair for c in claims if c.status == "established"}
    kept = [c for c in claims if c.status == "established" or c.pair not in established_pairs]
    kept = [c for c in kept if c.parties[0].id != c.parties[1].id]
    records = [_record(doc, key, group) for key, group in _grouped(kept, cues).items()]
    return sorted(records, key=lambda r: str(r["id"]))


def _grouped(claims: list[Claim], cues: Cues) -> dict[RecordKey, list[Claim]]:
    """Claims by the record they make: a pair's plain, undated `cooperation` or `friendship`
    joins its more specific tie (but a dated one of its kind, if there is one: a stage of
    its own), and so does a generic `the agreement` (the instrument named before); a proposal joins the strongest proposal of the pair."""
    strongest: dict[tuple[tuple[str, str], str], str] = {}
    for claim in claims:
        key = (claim.pair, claim.status)
        if claim.kind == "cooperation" and claim.status == "established":
            continue
        known = strongest.get(key)
        if known is None or cues.strength[known] < cues.strength[claim.kind]:
            strongest[key] = claim.kind
    dated = {(c.pair, c.kind) for c in claims if c.dates}
    made_on: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        if claim.kind not in MERGED_KINDS and claim.status == "established":
            made_on.setdefault(claim.pair, set()).update(d.value for d in claim.dates)
    grouped: dict[RecordKey, list[Claim]] = {}
    for claim in claims:
        kind = claim.kind
        target = strongest.get((claim.pair, claim.status))
        merged = (kind in MERGED_KINDS or claim.generic) and (
            (not claim.dates and (claim.pair, kind) not in dated)
            # `... marked the 27th anniversary of their ties (1996-2023)` after `became
            # sister cities in 1996`: the same tie, from the same year.
            or bool({d.value for d in claim.dates} & made_on.get(claim.pair, set()))
        )
        if target and (claim.status == "proposed" or merged):
            kind = target
        grouped.setdefault((claim.pair, kind, claim.status), []).append(claim)
    return grouped


def _record(doc: Doc, key: RecordKey, group: list[Claim]) -> dict[str, Any]:
    """A models.Partnership, as plain JSON (tests validate it against the model)."""
    pair, kind, status = key
    view = TokenView.of(doc)
    types = {p.id: p.type for c in group for p in c.parties}
    dates = _dates(group)
    evidences = sorted({c.evidence for c in group})
    return {
        "id": partnership_id(pair, kind, status),
        "parties": list(pair),
        "party_types": [_party_type(types[pair[0]]), _party_type(types[pair[1]])],
        "kind": kind,
        "status": "proposed" if status == "proposed" else "established",
        "established": dates[0].value if dates and status == "established" else None,
        "dates": [
            {
                "date": r.value,
                "how": _date_how(r.how),
                "evidence": view.evidence(r.start_char, r.end_char),
            }
            for r in dates
        ],
        "evidence": [view.evidence(s, e) for s, e, _ in evidences],
    }


def _dates(group: list[Claim]) -> list[DateRef]:
    """The dates of a record's claims, each once, in text order."""
    dates = []
    seen: set[tuple[str, int, int]] = set()
    for claim in group:
        for ref in claim.dates:
            date_key = (ref.value, ref.start_char, ref.end_char)
            if date_key in seen:
                continue
            seen.add(date_key)
            dates.append(ref)
    dates.sort(key=lambda r: r.start_char)
    return dates


def _party_type(value: str) -> str:
    """`organization` or `locality`."""
    return "organization" if value == "organization" else "locality"


def _date_how(value: str) -> str:
    """How a tie's date was resolved, as the model spells it."""
    if value == "from_publication_date":
        return "from_publication_date"
    return "inferred" if value == "inferred" else "stated"
