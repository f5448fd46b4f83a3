"""Organizations: the bodies an article names, each with its kind, country and locality.

Sets `doc.spans[keys.ORGANIZATIONS]` (kb_id_ = organization id, label_ = kind) and
`doc._.organizations` (one Organization record per id, its mentions in the order found), and
`doc.spans[keys.ORGANIZATION_REFERENCES]`: local bodies named through a possessive (`its
People's Committee`), whose unit only the role before them tells (`Secretary of the Hanoi
Party Committee and Chairman of its People's Committee`); the officials component, which reads
role chains, resolves them.

Recognition: a PhraseMatcher over the patterns of `resources/organizations.jsonl` (each with
both apostrophes, `People's` and `People’s`) on NORM, which the localities component folded
for the words with diacritics; the longest match at each start, left to right. Building (`OrganizationBuilder`): each match is
read in its context by the `scope` of its pattern:

- `fixed`: a body with one name (JETRO, JICA, Keidanren), maybe with its acronym and its office
  (`JETRO Hanoi`) and its country (`the foreign ministry of Vietnam`);
- `local` and `domain`: a body of a unit (`Hanoi People's Committee`, `People's Committee of
  Hai Duong`, `Department of Industry and Trade`), named after the unit with its level
  (`local_body_name`), its id kind + unit (`org/vn/can-tho/people-committee`); with a level
  word and no place (`the provincial People's Committee`) the article's main unit of that
  level (`localities.main_locality`);
- `named`: a body named by the capitalised words before its head (`Dong A University`,
  `Kyushu Economic Federation`), with the place after it (`Vietnam-Japan Friendship
  Association in the Kansai region`); an embassy or consulate by its sending country and
  posting (`Embassy of Japan in Vietnam`, `Consulate General of Japan in Da Nang`).

Then a shorter name that starts a longer one of the same kind is that body (`merge_org_names`),
and `the association` refers back to the one association the article names
(`find_org_backrefs`). Nothing is read from boilerplate.

Readers: `organization_spans(doc)` and `organization_records(doc)` give every organization of
a Doc, this component's and those the officials component names through a role (`Minister of
Foreign Affairs` names the ministry, `Consul General of Japan in Da Nang` the consulate:
`keys.ROLE_ORGANIZATIONS`, `doc._.role_organizations`); `organization_table(doc)` gives this
component's mentions by token, as the officials component reads them.

Kinds (`label` of organizations.jsonl): people_committee, people_council, party_committee,
national_assembly, prefectural_assembly, prefectural_government, city_council,
city_government, ministry, department, embassy, consulate_general, trade_promotion_agency,
development_agency, friendship_association, economic_federation, chamber_of_commerce,
business_association, university, company.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vjties import keys, lexicon
from vjties.components.document_index import (
    DocumentIndex,
    TitleMatcher,
    document_index,
    longest_matches,
)
from vjties.components.organization_bodies import (
    ITS,
    MINISTRY,
    OrganizationBuilder,
    OrgMention,
    make_org,
)
from vjties.lexicon import OrganizationPattern
from vjties.names import fold
from vjties.tokens import TokenView

#: `the <head>` -> the kinds of body it refers back to (`the association`).
BACKREF_HEADS: dict[str, tuple[str, ...]] = {
    head: tuple(kinds) for head, kinds in lexicon.organization_cues().back_references.heads.items()
}


def merge_org_names(orgs: list[OrgMention]) -> None:
    """A shorter name of the same kind that starts a longer one is the same body (`X
    Association`, then `X Association of Y`), and a ministry named once with its country has
    it at every mention of the same name."""
    ministries: dict[str, str] = {}
    for org in orgs:
        if org.kind == MINISTRY and org.country is not None:
            ministries.setdefault(org.name, org.country)
    for org in orgs:
        if org.kind == MINISTRY and org.country is None and org.name in ministries:
            org.country = ministries[org.name]
            org.id = make_org(MINISTRY, org.name, org.country, None, (0, 0)).id
    for org in orgs:
        for other in orgs:
            if (
                other is not org
                and other.kind == org.kind
                and other.id != org.id
                and len(other.name) > len(org.name)
                and fold(other.name).startswith(fold(org.name) + " ")
            ):
                org.id, org.name, org.locality = other.id, other.name, other.locality
                org.country = other.country or org.country


def find_org_backrefs(
    index: DocumentIndex, orgs: dict[int, OrgMention], org_tokens: dict[int, OrgMention]
) -> None:
    """`the association('s President)`: the one body of that kind the article names, added to
    `orgs` and `org_tokens` as a mention of that body; two or none, and it names nothing."""
    by_kind: dict[str, dict[str, OrgMention]] = {}
    for org in orgs.values():
        by_kind.setdefault(org.kind, {})[org.id] = org
    if not by_kind:
        return
    x = index
    for i in x.view.positions(BACKREF_HEADS, attr="key"):
        if i == 0 or x.keys[i - 1] != "the" or i in org_tokens:
            continue
        if i + 1 < x.n and x.is_name_word(i + 1):
            continue  # "the University Hospital": a name, not a back-reference
        kinds = BACKREF_HEADS[x.keys[i]]
        found = {oid: org for kind in kinds for oid, org in by_kind.get(kind, {}).items()}
        if len(found) != 1 or x.in_boilerplate(i, i + 1):
            continue
        (target,) = found.values()
        ref = OrgMention(
            target.id, target.name, target.kind, target.country, target.locality, i, i + 1
        )
        orgs[i] = ref
        org_tokens[i] = ref


def add_mention(
    doc: Doc,
    index: DocumentIndex,
    records: dict[str, dict[str, Any]],
    spans: list[Span],
    org: OrgMention,
) -> None:
    """Add `org` to `records` (one per id; the first mention gives the record's fields) and its
    mention to the record and to `spans`, unless the record already has that mention."""
    record = records.setdefault(org.id, org.record() | {"mentions": []})
    if org.start >= 0 and org.end > org.start:
        mention = index.evidence(org.start, org.end)
        if mention not in record["mentions"]:
            record["mentions"].append(mention)
            spans.append(Span(doc, org.start, org.end, label=org.kind, kb_id=org.id))


class OrganizationRecognizer:
    """The organizations component: `match` finds and names the bodies, `set_annotations`
    writes them (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.titles = TitleMatcher(nlp)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        #: match key -> its row of organizations.jsonl.
        self.rows: dict[str, OrganizationPattern] = {}
        for row in lexicon.organization_patterns():
            variants = {row.pattern, row.pattern.replace("'", "’")}
            key = f"O{len(self.rows)}"
            self.rows[key] = row
            self.matcher.add(key, [nlp.make_doc(v) for v in sorted(variants)])

    def __call__(self, doc: Doc) -> Doc:
        """Find the organizations of `doc` and write them."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[OrgMention]:
        """Every organization mention of `doc`, in the order found: the pattern matches from
        left to right (the longest at each start, none inside one already read), then the
        back-references."""
        index = document_index(doc, self.titles)
        builder = OrganizationBuilder(index, self.matcher)
        strings = doc.vocab.strings
        orgs: dict[int, OrgMention] = {}
        org_tokens: dict[int, OrgMention] = {}
        covered_until = -1
        best = longest_matches(self.matcher(doc))
        for s in sorted(best):
            if s < covered_until:
                continue
            end, match_id = best[s]
            org = builder.build(s, end, self.rows[strings[match_id]])
            if org is None or index.in_boilerplate(org.start, org.end):
                continue
            orgs[org.start] = org
            for t in range(org.start, org.end):
                org_tokens[t] = org
            covered_until = org.end
        merge_org_names(list(orgs.values()))
        find_org_backrefs(index, orgs, org_tokens)
        return list(orgs.values())

    def set_annotations(self, doc: Doc, mentions: list[OrgMention]) -> None:
        """Write the mentions: the bodies to `doc.spans[keys.ORGANIZATIONS]` and
        `doc._.organizations` (sorted by id), the `its` bodies to
        `doc.spans[keys.ORGANIZATION_REFERENCES]` (kb_id_ = their canonical name)."""
        index = document_index(doc, self.titles)
        records: dict[str, dict[str, Any]] = {}
        spans: list[Span] = []
        references: list[Span] = []
        for org in mentions:
            if org.locality == ITS:
                references.append(Span(doc, org.start, org.end, label=org.kind, kb_id=org.name))
            else:
                add_mention(doc, index, records, spans, org)
        doc.spans[keys.ORGANIZATIONS] = spans
        doc.spans[keys.ORGANIZATION_REFERENCES] = references
        doc._.organizations = [records[k] for k in sorted(records)]


# -- reading them back ------------------------------------------------------------------------


def organization_spans(doc: Doc) -> list[Span]:
    """Every organization mention of `doc`: this component's, then those the officials
    component wrote for the bodies it names through a role (`keys.ROLE_ORGANIZATIONS`).

    Read organizations through this, not one span group: a body such as the ministry of
    `Minister of Foreign Affairs` exists only in the officials' group.
    """
    return [*doc.spans.get(keys.ORGANIZATIONS, []), *doc.spans.get(keys.ROLE_ORGANIZATIONS, [])]


def organization_records(doc: Doc) -> list[dict[str, Any]]:
    """Every Organization record of `doc`, sorted by id: this component's records, and the
    officials' (`doc._.role_organizations`) for bodies named through a role. A body in both
    keeps this component's fields and gets the officials' mentions after its own, each
    mention once. The records of the dataset's `organizations` field."""
    combined: dict[str, dict[str, Any]] = {}
    for record in (*(doc._.organizations or []), *(doc._.role_organizations or [])):
        found = combined.get(record["id"])
        if found is None:
            combined[record["id"]] = {**record, "mentions": list(record["mentions"])}
            continue
        for mention in record["mentions"]:
            if mention not in found["mentions"]:
                found["mentions"].append(mention)
    return [combined[k] for k in sorted(combined)]


@dataclass
class OrganizationTable:
    """This component's mentions of one Doc by token, as the officials component reads them
    around a title: `by_start` (start token -> mention), `by_token` (every token of a mention
    -> the mention), `references` (the `its` bodies, locality `ITS` until a role resolves
    them) and `records` (this component's records by id)."""

    by_start: dict[int, OrgMention]
    by_token: dict[int, OrgMention]
    references: list[OrgMention]
    records: dict[str, dict[str, Any]]


def organization_table(doc: Doc) -> OrganizationTable:
    """The organizations of `doc` as this component wrote them, rebuilt as mentions: each span
    of `keys.ORGANIZATIONS` with the fields of its record, each `its` reference unresolved."""
    view = TokenView.of(doc)
    records = {record["id"]: record for record in doc._.organizations or []}
    mentions = [
        OrgMention(
            span.kb_id_,
            records[span.kb_id_]["name"],
            span.label_,
            records[span.kb_id_]["country"],
            records[span.kb_id_]["locality"],
            span.start,
            span.end,
        )
        for span in view.spans(keys.ORGANIZATIONS)
    ]
    references = [
        make_org(span.label_, span.kb_id_, None, ITS, (span.start, span.end))
        for span in view.spans(keys.ORGANIZATION_REFERENCES)
    ]
    by_start: dict[int, OrgMention] = {}
    by_token: dict[int, OrgMention] = {}
    # References first: where a name run read later took in a reference's words, the later
    # mention holds the token, as when the mentions were found.
    for org in (*references, *mentions):
        by_start[org.start] = org
        for t in range(org.start, org.end):
            by_token[t] = org
    return OrganizationTable(by_start, by_token, references, records)


@Language.factory(
    "vjties_organizations",
    assigns=["doc.spans", "doc._.organizations"],
    requires=[
        "doc.spans",
        "doc._.localities",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
        "token.norm",
    ],
)
def make_organizations(nlp: Language, name: str) -> OrganizationRecognizer:
    """The `vjties_organizations` component (after localities, before officials)."""
    return OrganizationRecognizer(nlp)
