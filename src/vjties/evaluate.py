"""`vjties eval`: score an extraction against hand-written gold annotations.

Gold format
-----------
One JSON file per document in the gold directory, matched to a document by its `id`::

    {"id", "published", "note"?,
     "localities":   [{"name", "country", "kind", "core"}],
     "officials":    [{"name", "title", "org", "country", "core"?}],
     "partnerships": [{"parties": [name, name], "kind", "date", "core"}],
     "figures":      [{"text", "value", "value_max"?, "unit", "qualifier", "metric", "period"?, "core"}],
     "events":       [{"kind", "date", "place", "name"?, "core"?}]}

Names are ASCII-folded. `core` defaults to true; `core: false` marks a nice-to-have fact.
An official's `title` and `org` may be lists, one item per role, for a person with several
roles. `note` (on the document or any fact) is free text for the reader and is ignored.

Matching rules
--------------
Only documents that have both a gold file and an extracted document are scored; the others are
listed in the report. Within each document, each fact type is matched one to one:

- **Localities** by ASCII-folded name and country. A predicted locality belongs to a document
  when it has a (free) mention in that document; mentions inside organization names do not
  count. Tie-break: same kind.
- **Officials** by name, order-insensitive: the sets of folded name tokens must be equal
  (`Aso Yutaka` matches `Yutaka Aso`). A predicted official belongs to a document when it has a
  mention there.
- **Partnerships** by the unordered pair of party names (predicted party ids are mapped to the
  locality's or organization's name through the dataset, then folded). Only predictions with
  status `established` are scored; `proposed` ones are counted apart. Tie-break: same kind,
  then same date.
- **Figures** by unit (folded) and value within 0.5% of the gold value. Tie-break: the
  closer value, then same metric, then same qualifier, then overlapping text.
- **Events** by date (ISO string; a missing date matches a missing date). Tie-break: same
  kind, then same place.

Among candidates the pair with the better tie-break is taken first (ties broken by gold order,
then by predicted id), greedily, so the result is deterministic.

Scores: a prediction matched to a core gold fact is a true positive (TP). A prediction
matched to a `core: false` gold fact is neither TP nor false positive (it is counted as
`ignored`). An unmatched prediction is a false positive (FP); an unmatched core gold fact is a
false negative (FN); an unmatched `core: false` gold fact costs nothing.
Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2TP / (2TP + FP + FN) (their
harmonic mean); a ratio with a zero denominator is undefined (null, shown as `-`). Ratios are
rounded to 4 decimals.

Attribute accuracy is computed over all matched pairs (core or not):

- locality `kind`;
- official `title` (folded strings equal; a gold list is compared as a set with the folded
  titles of the official's roles), `org` (each gold organization string, folded and
  punctuation-insensitive with a leading "the" dropped, must equal the predicted
  organization's name or one of its mention texts; a gold list needs one distinct predicted
  role organization per item; a null gold `org` is not scored), `country`;
- partnership `kind` and `date` (the date the document itself states: a tie merged across
  documents keeps each one's dates, and its `established` counts only where the document gives it);
- figure `unit` (right by construction up to case, since figures match on it), `qualifier`,
  `metric` and `period`;
- event `kind` and `place` (the predicted locality's name, folded);
- document `published`.

Null is a value: a null gold date, place or country is right only if the prediction is null too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table

from vjties.dataset import merge_datasets
from vjties.errors import InputError, VjtiesError
from vjties.extract import extract_source
from vjties.models import Dataset, Event, Evidence, Figure, Locality, Official, Partnership
from vjties.reader import DEFAULT_GLOB, find_inputs, iter_sources
from vjties.text import fold

FACT_FIELDS: tuple[str, ...] = ("localities", "officials", "partnerships", "figures", "events")
VALUE_TOLERANCE = 0.005


class GoldError(VjtiesError):
    """A gold file or directory cannot be used."""


# --- Gold models -------------------------------------------------------------------------


class GoldFact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    core: bool = True
    note: str | None = None


class GoldLocality(GoldFact):
    name: str
    country: str
    kind: str


class GoldOfficial(GoldFact):
    name: str
    title: str | list[str] | None = None
    # One item per role; a null item is a role with no organization (`Governor`).
    org: str | list[str | None] | None = None
    country: str | None = None


class GoldPartnership(GoldFact):
    parties: list[str] = Field(min_length=2, max_length=2)
    kind: str
    date: str | None = None


class GoldFigure(GoldFact):
    text: str
    value: int | float
    value_max: int | float | None = None
    unit: str
    qualifier: str
    metric: str
    period: str | None = None


class GoldEvent(GoldFact):
    kind: str
    date: str | None = None
    place: str | None = None
    name: str | None = None
    participants: list[str] | None = None
    parties: list[str] | None = None


class GoldDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    published: str | None = None
    note: str | None = None
    localities: list[GoldLocality] = Field(default_factory=list)
    officials: list[GoldOfficial] = Field(default_factory=list)
    partnerships: list[GoldPartnership] = Field(default_factory=list)
    figures: list[GoldFigure] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)


def load_gold(gold_dir: Path) -> dict[str, GoldDocument]:
    """Every `*.json` gold file in `gold_dir`, by document id."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a directory of gold files; give the gold directory first")
    gold: dict[str, GoldDocument] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            document = GoldDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError, RecursionError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise GoldError(f"{path}: not a valid gold file ({first}); fix it") from None
        if document.id in gold:
            raise GoldError(f"{path}: a second gold file for document '{document.id}'; remove one")
        gold[document.id] = document
    if not gold:
        raise GoldError(f"{gold_dir}: no gold files (*.json) found; check the directory")
    return gold


# --- Normalisation -------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(text: str) -> str:
    return fold(text)


def name_tokens(text: str) -> frozenset[str]:
    """Order-insensitive key of a person's name: its folded tokens."""
    return frozenset(t for t in _NON_ALNUM.split(fold(text)) if t)


def org_key(text: str) -> str:
    """Folded, punctuation-insensitive organization name without a leading `the`."""
    key = " ".join(t for t in _NON_ALNUM.split(fold(text)) if t)
    return key.removeprefix("the ")


def _fold_opt(value: str | None) -> str | None:
    return None if value is None else fold(value)


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) or not value.is_integer() else f"{int(value):,}"


# --- Report --------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.ignored += other.ignored

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "ignored": self.ignored,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass
class Mismatch:
    """A false positive, a false negative, or a wrong attribute of a matched pair."""

    document: str
    type: str
    error: str  # "fp", "fn" or "attribute"
    text: str
    attribute: str | None = None
    gold: Any = None
    predicted: Any = None
    cause: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "document": self.document,
            "type": self.type,
            "error": self.error,
            "cause": self.cause,
            "text": self.text,
        }
        if self.error == "attribute":
            data |= {"attribute": self.attribute, "gold": self.gold, "predicted": self.predicted}
        return data


@dataclass
class Report:
    documents: list[str] = field(default_factory=list)
    documents_without_gold: list[str] = field(default_factory=list)
    gold_without_documents: list[str] = field(default_factory=list)
    scores: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FACT_FIELDS})
    per_document: dict[str, dict[str, Counts]] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    proposed_partnerships: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "documents_without_gold": self.documents_without_gold,
            "gold_without_documents": self.gold_without_documents,
            "scores": {f: c.to_json() for f, c in self.scores.items()},
            "attributes": {k: self.attributes[k].to_json() for k in sorted(self.attributes)},
            "proposed_partnerships_not_scored": self.proposed_partnerships,
            "per_document": {
                doc: {f: c.to_json() for f, c in counts.items()}
                for doc, counts in sorted(self.per_document.items())
            },
            "causes": [
                {"type": t, "error": e, "cause": c, "count": n} for (t, e, c), n in self.causes()
            ],
            "mismatches": [m.to_json() for m in self.mismatches],
        }

    def causes(self) -> list[tuple[tuple[str, str, str], int]]:
        """Misses grouped by type, error and cause, most frequent first: where to work next."""
        counts: dict[tuple[str, str, str], int] = {}
        for m in self.mismatches:
            key = (m.type, m.error if m.error != "attribute" else f"{m.attribute}", m.cause)
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# --- Matching ------------------------------------------------------------------------------

G = TypeVar("G")
P = TypeVar("P")


@dataclass
class Matching(Generic[G, P]):
    pairs: list[tuple[G, P]]
    unmatched_gold: list[G]
    unmatched_pred: list[P]


def match_one_to_one(
    gold: Sequence[G],
    pred: Sequence[P],
    matches: Callable[[G, P], bool],
    preference: Callable[[G, P], tuple[Any, ...]],
) -> Matching[G, P]:
    """Greedy one-to-one matching of candidate pairs, best preference first.

    `preference` returns a tuple where smaller is better; remaining ties go to the earlier
    gold fact, then the earlier prediction, so the result is deterministic.
    """
    candidates = [
        (preference(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if matches(g, p)
    ]
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        chosen.append((gi, pi))
    chosen.sort()
    return Matching(
        pairs=[(gold[gi], pred[pi]) for gi, pi in chosen],
        unmatched_gold=[g for gi, g in enumerate(gold) if gi not in used_gold],
        unmatched_pred=[p for pi, p in enumerate(pred) if pi not in used_pred],
    )


class _Scorer:
    """Scores one dataset against gold documents, accumulating into a Report."""

    def __init__(self, dataset: Dataset, report: Report) -> None:
        self.dataset = dataset
        self.report = report
        self.locality_names = {loc.id: loc.name for loc in dataset.localities}
        self.organizations = {org.id: org for org in dataset.organizations}
        self.org_names = {org.id: org.name for org in dataset.organizations}

    # helpers

    def _attribute(
        self,
        doc_id: str,
        fact_type: str,
        attribute: str,
        text: str,
        gold: Any,
        predicted: Any,
        ok: bool,
    ) -> None:
        key = f"{fact_type}.{attribute}"
        accuracy = self.report.attributes.setdefault(key, Accuracy())
        accuracy.total += 1
        if ok:
            accuracy.correct += 1
        else:
            cause = (
                "missing" if predicted in (None, []) else "spurious" if gold is None else "wrong"
            )
            self.report.mismatches.append(
                Mismatch(doc_id, fact_type, "attribute", text, attribute, gold, predicted, cause)
            )

    def _count(
        self,
        doc_id: str,
        fact_type: str,
        matching: Matching[Any, Any],
        gold_text: Callable[[Any], str],
        pred_text: Callable[[Any], str],
        fn_cause: Callable[[Any], str] = lambda g: "not found",
        fp_cause: Callable[[Any], str] = lambda p: "not in gold",
    ) -> None:
        counts = Counts()
        for gold, _ in matching.pairs:
            if gold.core:
                counts.tp += 1
            else:
                counts.ignored += 1
        for pred in matching.unmatched_pred:
            counts.fp += 1
            self.report.mismatches.append(
                Mismatch(doc_id, fact_type, "fp", pred_text(pred), cause=fp_cause(pred))
            )
        for gold in matching.unmatched_gold:
            if gold.core:
                counts.fn += 1
                self.report.mismatches.append(
                    Mismatch(doc_id, fact_type, "fn", gold_text(gold), cause=fn_cause(gold))
                )
        self.report.per_document.setdefault(doc_id, {})[fact_type] = counts
        self.report.scores[fact_type].add(counts)

    @staticmethod
    def _in_document(evidence: Iterable[Evidence], doc_id: str) -> bool:
        return any(e.document == doc_id for e in evidence)

    # fact types

    def localities(self, doc_id: str, gold: list[GoldLocality]) -> None:
        pred = [loc for loc in self.dataset.localities if self._in_document(loc.mentions, doc_id)]
        matching = match_one_to_one(
            gold,
            pred,
            lambda g, p: name_key(g.name) == name_key(p.name) and g.country == p.country,
            lambda g, p: (g.kind != p.kind,),
        )
        for g, p in matching.pairs:
            self._attribute(doc_id, "localities", "kind", g.name, g.kind, p.kind, g.kind == p.kind)

        def describe(p: Locality) -> str:
            return f"{p.name} ({p.country}, {p.kind}) [{p.id}]"

        def fn_cause(g: GoldLocality) -> str:
            same_name = [
                loc for loc in self.dataset.localities if name_key(loc.name) == name_key(g.name)
            ]
            if any(loc.country != g.country for loc in same_name):
                return "found in the other country"
            if any(self._in_document(loc.organization_mentions, doc_id) for loc in same_name):
                return "only inside an organization"
            return "not recognised"

        self._count(
            doc_id,
            "localities",
            matching,
            lambda g: f"{g.name} ({g.country}, {g.kind})",
            describe,
            fn_cause,
            lambda p: f"not in gold ({p.kind})",
        )

    def _org_matches(self, gold_org: str, org_id: str | None) -> bool:
        if org_id is None:
            return False
        org = self.organizations.get(org_id)
        if org is None:
            return org_key(gold_org) == org_key(org_id)
        keys = {org_key(org.name)} | {org_key(m.text) for m in org.mentions}
        return org_key(gold_org) in keys

    def _official_titles(self, p: Official) -> list[str]:
        return [r.title for r in p.roles] or ([p.title] if p.title else [])

    def _official_in_document(self, official: Official, doc_id: str) -> Official:
        """`official` as the document `doc_id` states it: a person merged across documents
        keeps the roles of every article (a secretary of one province, later chairman of a
        city), and a document is scored on its own, so a role whose organization the document
        never mentions is left out (roles with no organization stay)."""

        def here(org_id: str | None) -> bool:
            org = self.organizations.get(org_id or "")
            return org is None or not org.mentions or self._in_document(org.mentions, doc_id)

        roles = [role for role in official.roles if here(role.organization)]
        if roles == official.roles:
            return official
        first = roles[0] if roles else None
        title, organization = official.title, official.organization
        if not here(organization):
            title = first.title if first else None
            organization = first.organization if first else None
        update = {"roles": roles, "title": title, "organization": organization}
        return official.model_copy(update=update)

    def officials(self, doc_id: str, gold: list[GoldOfficial]) -> None:
        pred = [
            self._official_in_document(o, doc_id)
            for o in self.dataset.officials
            if self._in_document(o.mentions, doc_id)
        ]
        matching = match_one_to_one(
            gold, pred, lambda g, p: name_tokens(g.name) == name_tokens(p.name), lambda g, p: ()
        )
        for g, p in matching.pairs:
            if isinstance(g.title, list):
                titles = self._official_titles(p)
                ok = {fold(t) for t in g.title} == {fold(t) for t in titles}
                self._attribute(doc_id, "officials", "title", g.name, g.title, titles, ok)
            else:
                ok = _fold_opt(g.title) == _fold_opt(p.title)
                self._attribute(doc_id, "officials", "title", g.name, g.title, p.title, ok)
            gold_orgs = [o for o in g.org if o] if isinstance(g.org, list) else None
            if gold_orgs:
                role_orgs = sorted({r.organization for r in p.roles if r.organization})
                if not role_orgs and p.organization:
                    role_orgs = [p.organization]
                ok = len(role_orgs) == len(gold_orgs) and all(
                    any(self._org_matches(gold_org, o) for o in role_orgs) for gold_org in gold_orgs
                )
                shown = [self.org_names.get(o, o) for o in role_orgs]
                self._attribute(doc_id, "officials", "org", g.name, gold_orgs, shown, ok)
            elif isinstance(g.org, str):
                ok = self._org_matches(g.org, p.organization)
                shown_one = self.org_names.get(p.organization or "", p.organization)
                self._attribute(doc_id, "officials", "org", g.name, g.org, shown_one, ok)
            self._attribute(
                doc_id, "officials", "country", g.name, g.country, p.country, g.country == p.country
            )

        def gold_text(g: GoldOfficial) -> str:
            title = ", ".join(g.title) if isinstance(g.title, list) else g.title
            return f"{g.name} ({title})" if title else g.name

        def pred_text(p: Official) -> str:
            return f"{p.name} ({p.title})" if p.title else p.name

        def fn_cause(g: GoldOfficial) -> str:
            partial = any(name_tokens(g.name) & name_tokens(p.name) for p in pred)
            return "name found in part" if partial else "not found"

        def fp_cause(p: Official) -> str:
            partial = any(name_tokens(g.name) & name_tokens(p.name) for g in gold)
            return "part of a gold name" if partial else "not in gold"

        self._count(doc_id, "officials", matching, gold_text, pred_text, fn_cause, fp_cause)

    def _party_name(self, party_id: str) -> str:
        return self.locality_names.get(party_id) or self.org_names.get(party_id) or party_id

    def _pair(self, names: Sequence[str]) -> tuple[str, ...]:
        return tuple(sorted(name_key(n) for n in names))

    @staticmethod
    def _date_in_document(tie: Partnership, doc_id: str) -> str | None:
        """The date of `tie` as the document `doc_id` states it: a tie merged across documents
        keeps every document's dates, and a document is scored on what it says, not on a date
        another article gave (the tie's `established` when this document states it too, else
        the first date it states, else none). A tie with no date claims keeps its `established`."""
        if not tie.dates:
            return tie.established
        own = [claim.date for claim in tie.dates if claim.evidence.document == doc_id]
        if tie.established in own:
            return tie.established
        return own[0] if own else None

    def partnerships(self, doc_id: str, gold: list[GoldPartnership]) -> None:
        pred: list[Partnership] = []
        proposed: set[tuple[str, ...]] = set()
        for p in self.dataset.partnerships:
            if not self._in_document(p.evidence, doc_id):
                continue
            if p.status != "established":
                self.report.proposed_partnerships += 1
                proposed.add(self._pair([self._party_name(x) for x in p.parties]))
                continue
            pred.append(p)
        pred_pairs = {p.id: self._pair([self._party_name(x) for x in p.parties]) for p in pred}
        dates = {p.id: self._date_in_document(p, doc_id) for p in pred}
        matching = match_one_to_one(
            gold,
            pred,
            lambda g, p: self._pair(g.parties) == pred_pairs[p.id],
            lambda g, p: (g.kind != p.kind, g.date != dates[p.id]),
        )
        for g, p in matching.pairs:
            text = " - ".join(g.parties)
            date = dates[p.id]
            self._attribute(doc_id, "partnerships", "kind", text, g.kind, p.kind, g.kind == p.kind)
            self._attribute(doc_id, "partnerships", "date", text, g.date, date, g.date == date)

        def pred_text(p: Partnership) -> str:
            names = " - ".join(self._party_name(x) for x in p.parties)
            return f"{names} ({p.kind}, {dates[p.id]})"

        def fn_cause(g: GoldPartnership) -> str:
            pair = self._pair(g.parties)
            if pair in proposed:
                return "found as proposed"
            if any(set(pair) & set(found) for found in pred_pairs.values()):
                return "one party found in another tie"
            return "not found"

        def fp_cause(p: Partnership) -> str:
            names = set(pred_pairs[p.id])
            if any(names & set(self._pair(g.parties)) for g in gold):
                return "one party of a gold tie"
            return "pair not in gold"

        self._count(
            doc_id,
            "partnerships",
            matching,
            lambda g: f"{' - '.join(g.parties)} ({g.kind}, {g.date})",
            pred_text,
            fn_cause,
            fp_cause,
        )

    def figures(self, doc_id: str, gold: list[GoldFigure]) -> None:
        pred = [f for f in self.dataset.figures if f.evidence.document == doc_id]

        def matches(g: GoldFigure, p: Figure) -> bool:
            if fold(g.unit) != fold(p.unit):
                return False
            return abs(p.value - g.value) <= VALUE_TOLERANCE * abs(g.value)

        def preference(g: GoldFigure, p: Figure) -> tuple[Any, ...]:
            gt, pt = fold(g.text), fold(p.text)
            overlap = pt in gt or gt in pt
            return (
                abs(p.value - g.value),
                g.metric != p.metric,
                g.qualifier != p.qualifier,
                not overlap,
            )

        matching = match_one_to_one(gold, pred, matches, preference)
        for g, p in matching.pairs:
            for attribute, gv, pv in (
                ("unit", g.unit, p.unit),
                ("qualifier", g.qualifier, p.qualifier),
                ("metric", g.metric, p.metric),
                ("period", g.period, p.period),
            ):
                self._attribute(doc_id, "figures", attribute, g.text, gv, pv, gv == pv)

        def gold_text(g: GoldFigure) -> str:
            return f"{g.text!r} ({_number(g.value)} {g.unit}, {g.qualifier}, {g.metric})"

        def pred_text(p: Figure) -> str:
            return f"{p.text!r} ({_number(p.value)} {p.unit}, {p.qualifier}, {p.metric})"

        def fn_cause(g: GoldFigure) -> str:
            near = [p for p in pred if abs(p.value - g.value) <= VALUE_TOLERANCE * abs(g.value)]
            return "found with another unit" if near else "not found"

        def fp_cause(p: Figure) -> str:
            near = [g for g in gold if abs(p.value - g.value) <= VALUE_TOLERANCE * abs(g.value)]
            return "gold has it with another unit" if near else f"not in gold ({p.metric})"

        self._count(doc_id, "figures", matching, gold_text, pred_text, fn_cause, fp_cause)

    def events(self, doc_id: str, gold: list[GoldEvent]) -> None:
        pred = [e for e in self.dataset.events if e.evidence.document == doc_id]

        def place(p: Event) -> str | None:
            return None if p.locality is None else self._party_name(p.locality)

        matching = match_one_to_one(
            gold,
            pred,
            lambda g, p: g.date == p.date,
            lambda g, p: (g.kind != p.kind, _fold_opt(g.place) != _fold_opt(place(p))),
        )
        for g, p in matching.pairs:
            text = f"{g.kind} {g.date}"
            self._attribute(doc_id, "events", "kind", text, g.kind, p.kind, g.kind == p.kind)
            ok = _fold_opt(g.place) == _fold_opt(place(p))
            self._attribute(doc_id, "events", "place", text, g.place, place(p), ok)

        def pred_text(p: Event) -> str:
            return f"{p.kind} {p.date} at {place(p)}: {p.evidence.text!r}"

        def fn_cause(g: GoldEvent) -> str:
            same_kind = [p for p in matching.unmatched_pred if p.kind == g.kind]
            if any(p.date is None for p in same_kind):
                return "found undated"
            return "found with another date" if same_kind else "not found"

        def fp_cause(p: Event) -> str:
            return "undated" if p.date is None else "date not in gold"

        self._count(
            doc_id,
            "events",
            matching,
            lambda g: f"{g.kind} {g.date} at {g.place}",
            pred_text,
            fn_cause,
            fp_cause,
        )

    def document(self, gold: GoldDocument) -> None:
        doc_id = gold.id
        published = next(d.published for d in self.dataset.documents if d.id == doc_id)
        ok = gold.published == published
        self._attribute(doc_id, "documents", "published", doc_id, gold.published, published, ok)
        self.localities(doc_id, gold.localities)
        self.officials(doc_id, gold.officials)
        self.partnerships(doc_id, gold.partnerships)
        self.figures(doc_id, gold.figures)
        self.events(doc_id, gold.events)


_ERROR_ORDER = {"fn": 0, "fp": 1, "attribute": 2}


def evaluate_dataset(dataset: Dataset, gold: dict[str, GoldDocument]) -> Report:
    """Score an extracted dataset against gold documents (see the module docstring)."""
    extracted = {d.id for d in dataset.documents}
    report = Report(
        documents=sorted(extracted & gold.keys()),
        documents_without_gold=sorted(extracted - gold.keys()),
        gold_without_documents=sorted(gold.keys() - extracted),
    )
    if not report.documents:
        raise GoldError("no gold file matches any extracted document; check the gold directory")
    scorer = _Scorer(dataset, report)
    for doc_id in report.documents:
        scorer.document(gold[doc_id])
    fields = {name: i for i, name in enumerate(("documents", *FACT_FIELDS))}
    report.mismatches.sort(
        key=lambda m: (m.document, fields[m.type], _ERROR_ORDER[m.error], m.text, m.attribute or "")
    )
    return report


def load_split(manifest: Path, split: str) -> set[str]:
    """The ids of a corpus manifest's `split` (`dev`, `test`): JSON Lines with `id` and `split`."""
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{manifest}: cannot read the corpus manifest ({error})") from None
    ids = {str(r.get("id")) for r in records if isinstance(r, dict) and r.get("split") == split}
    if not ids:
        raise GoldError(f"{manifest}: no article is in the split {split!r}")
    return ids


def evaluate_corpus(
    gold_dir: Path,
    paths: list[str],
    glob: str = DEFAULT_GLOB,
    split: str | None = None,
    manifest: Path | None = None,
) -> Report:
    """Extract the articles at `paths` and score them against the gold files in `gold_dir`.

    With `split`, only the articles the corpus manifest (default: `manifest.jsonl` beside the
    gold directory) puts in that split are read and scored, so `test` stays unread otherwise.
    """
    gold = load_gold(gold_dir)
    inputs = find_inputs(paths, glob)
    if split is not None:
        ids = load_split(manifest or gold_dir.parent / "manifest.jsonl", split)
        gold = {k: v for k, v in gold.items() if k in ids}
        inputs = [i for i in inputs if i.id in ids]
    fragments: list[Dataset] = []
    for source in iter_sources(inputs):
        if isinstance(source, InputError):
            raise source
        fragments.append(extract_source(source))
    return evaluate_dataset(merge_datasets(fragments), gold)


# --- Rendering -----------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_report(report: Report, console: Console) -> None:
    """Score table, attribute-accuracy table, then every mismatch (for developers)."""
    scores = Table(title=f"vjties eval: {len(report.documents)} documents")
    for column in ("type", "TP", "FP", "FN", "ignored", "P", "R", "F1"):
        scores.add_column(column, justify="left" if column == "type" else "right")
    total = Counts()
    for fact_type, counts in report.scores.items():
        total.add(counts)
        scores.add_row(
            fact_type,
            str(counts.tp),
            str(counts.fp),
            str(counts.fn),
            str(counts.ignored),
            _fmt(counts.precision),
            _fmt(counts.recall),
            _fmt(counts.f1),
        )
    scores.add_section()
    scores.add_row(
        "all",
        str(total.tp),
        str(total.fp),
        str(total.fn),
        str(total.ignored),
        _fmt(total.precision),
        _fmt(total.recall),
        _fmt(total.f1),
    )
    console.print(scores)

    attributes = Table(title="Attribute accuracy over matched facts")
    for column in ("attribute", "correct", "total", "accuracy"):
        attributes.add_column(column, justify="left" if column == "attribute" else "right")
    for key in sorted(report.attributes):
        acc = report.attributes[key]
        attributes.add_row(key, str(acc.correct), str(acc.total), _fmt(acc.accuracy))
    console.print(attributes)

    if report.documents_without_gold:
        console.print("Not scored (no gold file): " + ", ".join(report.documents_without_gold))
    if report.gold_without_documents:
        console.print("Gold files without a document: " + ", ".join(report.gold_without_documents))
    if report.proposed_partnerships:
        console.print(f"Proposed partnerships (not scored): {report.proposed_partnerships}")
    if not report.mismatches:
        return
    causes = Table(title="Misses by cause")
    for column in ("type", "error", "cause", "count"):
        causes.add_column(column, justify="right" if column == "count" else "left")
    for (fact_type, error, cause), count in report.causes():
        causes.add_row(fact_type, error, cause, str(count))
    console.print(causes)
    console.print(f"Mismatches ({len(report.mismatches)}):", markup=False)
    for m in report.mismatches:
        line = f"  {m.document}  {m.type}  {m.error.upper()} [{m.cause}]  {m.text}"
        if m.error == "attribute":
            line += f"  {m.attribute}: gold {m.gold!r}, predicted {m.predicted!r}"
        console.print(line, markup=False, soft_wrap=True)
