"""Resolution: the ties each clause states, with their parties, kind, status and dates.

A clause that holds a tie cue and a Vietnamese and a Japanese party states a tie between
them; a list on one side fans out (`with four Japanese cities - A, B, C and D` is four
ties). A side the clause does not name is taken, in this order, from a pair reference
(`they`, `the two localities`: the pair of a tie stated up to three sentences before, else,
for an explicit `the two provinces`, the article's main Vietnamese and Japanese
localities), from the clause before (a dependent clause, which also takes the kind of the
main clause when its own cue is a plain `partnership`), from a back-reference (`the
prefecture`, `the southern industrial hub`), and last from the signatories of a signed
instrument. Negated ties (`have not yet signed an MoU`) and wishes, plans and expectations
(`hopes to set up ties with`) are `proposed`.

The date of a tie is the first date stated close to it in its clause (right after the
partner or a tie cue, past a topic such as `on tourism`; `In 2008, ...` at the clause
start); in a clause about an anniversary only a range counts and gives its start
(`(2009-2024)` -> 2009).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from vjties.components.partnerships.article import DateRef
from vjties.components.partnerships.clauses import (
    Claim,
    Clause,
    Sentence,
    is_party,
    is_signatory,
    locality_references,
)
from vjties.components.partnerships.cues import NEAR_CUE, NEAR_PARTNER, NEAR_TOPIC, Cues
from vjties.components.partnerships.recognition import Cue, Party

#: The two sides of a tie, by country.
SIDES = ("VN", "JP")


@dataclass
class Sides:
    """The parties a clause names (or is given), per country, and its organizations."""

    by_country: dict[str, list[Party]] = field(default_factory=lambda: {"VN": [], "JP": []})
    orgs: list[Party] = field(default_factory=list)
    inherited: list[Cue] = field(default_factory=list)


def sentence_claims(sentence: Sentence, all_parties: list[Party]) -> list[Claim]:
    """The ties the clauses of `sentence` state (see the module docstring)."""
    sent, low = sentence.span, sentence.low
    parties, signatories = [], []
    for p in all_parties:
        if not sent.start <= p.start < sent.end:
            continue
        if is_party(sentence, p):
            parties.append(p)
        elif p.type == "locality" and is_signatory(sentence.article.cues, low, sent, p):
            signatories.append(p)
    for clause in sentence.clauses:
        clause_cues = [c for c in sentence.cues if clause.start <= c.start < clause.end]
        clause_parties = [p for p in parties if clause.start <= p.start < clause.end]
        if clause_cues:
            clause_signatories = [p for p in signatories if clause.start <= p.start < clause.end]
            sentence.claims.extend(
                _clause_claims(sentence, clause, clause_cues, clause_parties, clause_signatories)
            )
        sentence.parties.extend(clause_parties)
    return sentence.claims


def _clause_claims(
    sentence: Sentence,
    clause: Clause,
    clause_cues: list[Cue],
    parties: list[Party],
    signatories: list[Party],
) -> list[Claim]:
    """The ties one clause states: its sides, completed from elsewhere, then paired."""
    sides = _sides(sentence, parties)
    filled = _fill_from_pair_reference(sentence, clause, sides)
    if clause.dependent:
        filled = _fill_from_clauses_before(sentence, sides) or filled
        if filled:
            sides.inherited = [c for c in sentence.cues if c.start < clause.start]
    _fill_from_references(sentence, clause, sides)
    sentence.parties.extend(p for side in sides.by_country.values() for p in side if p.start < 0)
    _fill_from_signatories(sentence, clause, clause_cues, signatories, sides)
    pairs = _pairs(sentence, clause, sides)
    if not pairs:
        return []
    return _claims(sentence, clause, clause_cues, sides, pairs)


def _sides(sentence: Sentence, parties: list[Party]) -> Sides:
    """The clause's own parties, localities per country and organizations, each once; a
    city's prefecture named on the same side is where the city is, not a second party."""
    sides = Sides()
    by_country = sides.by_country
    for party in parties:
        if party.type == "locality" and party.country in by_country:
            side = by_country[party.country]
            if all(p.id != party.id for p in side):
                side.append(party)
        elif party.type == "organization" and all(p.id != party.id for p in sides.orgs):
            sides.orgs.append(party)
    if any(len(side) > 1 for side in by_country.values()):
        _drop_containers(sentence.doc, by_country)
    return sides


def _fill_from_pair_reference(sentence: Sentence, clause: Clause, sides: Sides) -> bool:
    """`they`, `the two localities`: the pair of the previous statement, else (for an
    explicit `the two provinces`) the article's two main localities."""
    article = sentence.article
    refs = {label for i, label in article.pair_refs.items() if clause.start <= i < clause.end}
    if not refs:
        return False
    previous = sentence.previous
    ref_pair: list[tuple[str, str]] = []
    if previous and len({c.pair for c in previous}) == 1:
        ref_pair = [
            (p.id, p.country) for p in previous[0].parties if p.type == "locality" and p.country
        ]
    elif "explicit" in refs:
        ref_pair = [
            (pid, country)
            for country in SIDES
            if (pid := article.main_locality(country)) is not None
        ]
    filled = False
    if len(ref_pair) == 2:
        for pid, country in ref_pair:
            if not sides.by_country[country]:
                sides.by_country[country].append(Party(pid, "locality", country, -1, -1))
                filled = True
    return filled


def _fill_from_clauses_before(sentence: Sentence, sides: Sides) -> bool:
    """A dependent clause (`, with the partnership with Aichi being ...`) takes the side it
    lacks from the clauses before it in the sentence, when they name one locality there."""
    filled = False
    for country, side in sides.by_country.items():
        if side:
            continue
        before = {
            p.id: p for p in sentence.parties if p.type == "locality" and p.country == country
        }
        if len(before) == 1:
            side.append(_placeholder(next(iter(before.values()))))
            filled = True
    return filled


def _fill_from_references(sentence: Sentence, clause: Clause, sides: Sides) -> None:
    """`The southern industrial hub and Japan's Yamaguchi prefecture`, `the prefecture
    values its ties with the city`: a back-reference names the missing side (the last
    locality of its kind, else the article's main one)."""
    by_country = sides.by_country
    missing = [c for c, side in by_country.items() if not side]
    if len(missing) == 2 and sides.orgs:
        # `The city inked a letter of intent with JICA`: the city is on the other side.
        org_countries = {o.country for o in sides.orgs} - {None}
        if len(org_countries) == 1:
            missing = [c for c in missing if c not in org_countries]
    if not missing:
        return
    nouns = locality_references(sentence, clause)
    if len(missing) == 2:
        # Two references: the prefecture is the Japanese side, the other the Vietnamese.
        japanese = [n for n in nouns if n[0] == "prefecture"]
        others = [n for n in nouns if n[0] != "prefecture"]
        assigned = {"JP": japanese[:1], "VN": others[:1]}
        if not (japanese and others):
            assigned = {}
    else:
        assigned = {missing[0]: nouns[:1]}
    resolved = {
        country: sentence.article.referent(country, noun[0][0], noun[0][1])
        for country, noun in assigned.items()
        if noun and not (noun[0][0] == "prefecture" and country != "JP")
    }
    if len(resolved) == len(missing) and all(resolved.values()):
        for country, pid in resolved.items():
            by_country[country].append(Party(str(pid), "locality", country, -1, -1))


def _fill_from_signatories(
    sentence: Sentence,
    clause: Clause,
    clause_cues: list[Cue],
    signatories: list[Party],
    sides: Sides,
) -> None:
    """`Chairman of the Hue People's Committee A and Governor of Okayama prefecture B
    signed an MoU`: the signatories' localities, when the side has no other party."""
    cues, low = sentence.article.cues, sentence.low
    if not (
        signatories
        and any(c.kind in cues.instrument_kinds for c in clause_cues)
        and any(low[i] in cues.signing_verbs for i in range(clause.start, clause.end))
    ):
        return
    for country, side in sides.by_country.items():
        signers = {p.id: p for p in signatories if p.country == country}
        if not side and len(signers) == 1:
            side.append(next(iter(signers.values())))


def _pairs(sentence: Sentence, clause: Clause, sides: Sides) -> list[tuple[Party, Party]]:
    """(anchor, partner) pairs: one side's party with each of the other's (a list fans
    out); two lists only `respectively`; a locality and one foreign organization."""
    vn, jp = sides.by_country["VN"], sides.by_country["JP"]
    if vn and jp:
        if len(vn) == 1:
            return [(vn[0], p) for p in jp]
        if len(jp) == 1:
            return [(jp[0], p) for p in vn]
        words = sentence.low[clause.start : clause.end]
        if len(vn) == len(jp) and any(w in words for w in sentence.article.cues.pairwise):
            # `Hanoi and Hue have ties with Fukuoka and Kyoto respectively`
            return list(zip(vn, jp, strict=True))
        return []  # both sides are lists: who is tied to whom is not stated
    if sides.orgs and (vn or jp):
        side = vn or jp
        foreign = [o for o in sides.orgs if o.country and o.country != side[0].country]
        if len(side) == 1 and len(foreign) == 1:
            return [(side[0], foreign[0])]
    return []


def _claims(
    sentence: Sentence,
    clause: Clause,
    clause_cues: list[Cue],
    sides: Sides,
    pairs: list[tuple[Party, Party]],
) -> list[Claim]:
    """A claim per pair: the cue that governs the partner gives the kind, the words before
    it the status, the dates near it the tie's dates."""
    article = sentence.article
    cues, low = article.cues, sentence.low
    claims = []
    partner_kinds: dict[str, tuple[Cue, str]] = {}
    vn, jp = sides.by_country["VN"], sides.by_country["JP"]
    positioned = sorted((p for p in vn + jp + sides.orgs if p.start >= 0), key=lambda p: p.start)
    sent = sentence.span
    evidence = _trimmed(article.view.text[sent.start_char : sent.end_char], sent.start_char)
    for anchor, partner in pairs:
        cue = _cue_for(partner, positioned, clause_cues, partner_kinds)
        if sides.inherited and cue.kind == "cooperation":
            # `..., with the partnership with X being ...`: the main clause says what tie
            best = max(sides.inherited, key=lambda c: c.strength)
            if best.strength > cue.strength:
                cue = Cue(cue.start, cue.end, best.kind, best.strength)
        status_from = sentence.clauses[0].start if sides.inherited else clause.start
        status = _status(cues, low, status_from, cue, clause)
        partner_kinds[partner.id] = (cue, status)
        if (
            "organization" in (anchor.type, partner.type)
            and cue.kind not in cues.instrument_kinds
            and status != "proposed"
        ):
            continue
        dates = _claim_dates(
            sentence, clause, (partner, anchor), positioned, clause_cues, article.dates()
        )
        claims.append(Claim((anchor, partner), cue.kind, status, dates, evidence))
    return claims


def _cue_for(
    partner: Party,
    positioned: list[Party],
    clause_cues: list[Cue],
    partner_kinds: dict[str, tuple[Cue, str]],
) -> Cue:
    """The cue that governs `partner`: the strongest between the party before it and it,
    else the previous list item's, else the strongest after it (or in the clause)."""
    if partner.start < 0:
        return max(clause_cues, key=lambda c: (c.strength, -c.start))
    before = [p for p in positioned if p.end <= partner.start]
    prev = before[-1] if before else None
    low = prev.end if prev else -1
    segment = [c for c in clause_cues if low <= c.start and c.end <= partner.start]
    if segment:
        return max(segment, key=lambda c: (c.strength, -c.start))
    if prev is not None and prev.country == partner.country and prev.id in partner_kinds:
        return partner_kinds[prev.id][0]  # the next item of a list
    trailing = [c for c in clause_cues if c.start >= partner.end]
    pool = trailing or clause_cues
    return max(pool, key=lambda c: (c.strength, -c.start))


def _status(cues: Cues, lows: list[str], start: int, cue: Cue, clause: Clause) -> str:
    """`proposed` for a negated tie or one after a word of wishing or planning (unless a
    word of making follows it), else `established`."""
    last_proposal = -1
    for i in range(start, cue.start):
        low = lows[i]
        if low in cues.negations and lows[i + 1] not in cues.negation_exceptions:
            return "proposed"  # `have not yet signed an MoU`: not a made tie
        if low in cues.proposal:
            last_proposal = i
    if last_proposal < 0:
        return "established"
    for i in range(last_proposal + 1, clause.end):
        # Agreeing, after the tie is named, agrees to the proposal (`X proposed that the two
        # sides sign an MoU, and Y agreed`): the tie is still to be made.
        if lows[i] in cues.made and not (i >= cue.end and lows[i] in cues.agreeing):
            return "established"
    return "proposed"


def _claim_dates(
    sentence: Sentence,
    clause: Clause,
    pair: tuple[Party, Party],
    positioned: list[Party],
    clause_cues: list[Cue],
    dates: list[DateRef],
) -> list[DateRef]:
    """The dates that belong to one tie: after the partner, else after the clause's first cue.

    In a clause about an anniversary only a range counts, and it gives the start
    (`the 15th anniversary of ties (2009-2024)` -> 2009).
    """
    cues, low = sentence.article.cues, sentence.low
    in_clause = [d for d in dates if clause.start <= d.start and d.end <= clause.end]
    if not in_clause:
        return []
    if not cues.anniversary_words.isdisjoint(low[clause.start : clause.end]):
        return [d for d in in_clause if d.is_range][:1]
    partner = pair[0]
    own = []
    for party in pair:
        if party.start < 0 or (party is not partner and party.country == partner.country):
            continue
        following = [p.start for p in positioned if p.start > party.start]
        stop = following[0] if following else clause.end
        own += [
            d
            for d in in_clause
            if d.end <= stop and _near(sentence, party.end, d.start, NEAR_PARTNER)
        ]
    if own:
        return sorted(own, key=lambda d: d.start)  # `with Gunma prefecture in 2019`
    # Dates right after another partner of a list are that partner's.
    others = [p.end for p in positioned if p.country == partner.country and p.id != partner.id]
    chosen = []
    for ref in in_clause:
        if any(_near(sentence, end, ref.start, NEAR_PARTNER) for end in others):
            continue
        if any(_near(sentence, c.end, ref.start, NEAR_CUE) for c in clause_cues):
            chosen.append(ref)  # `became twin towns in 2008`, `sister localities since 2009`
        elif ref.start - clause.start <= 1 and (
            ref.start == clause.start or low[clause.start] in cues.clause_start_preps
        ):
            chosen.append(ref)  # `In 2008, X and Y became twin towns`
    return chosen


def _near(sentence: Sentence, end: int, start: int, distance: int) -> bool:
    """Whether a date at `start` follows `end` closely, past a topic (`on heritage conservation`)."""
    if not end <= start:
        return False
    if start - end <= distance:
        return True
    doc = sentence.doc
    return (
        start - end <= NEAR_TOPIC
        and sentence.low[end] in sentence.article.cues.topic_preps
        and all(t.is_lower and t.is_alpha for t in doc[end:start])
    )


def _drop_containers(doc: Doc, by_country: dict[str, list[Party]]) -> None:
    """A city's prefecture named on the same side is where the city is, not a second party."""
    parents = {
        str(r.get("id")): r.get("parent") for r in doc._.localities or [] if isinstance(r, dict)
    }
    for side in by_country.values():
        ids = {p.id for p in side}
        side[:] = [p for p in side if not any(parents.get(o) == p.id for o in ids if o != p.id)]


def _placeholder(party: Party) -> Party:
    """A party taken from elsewhere: it has no position in the clause."""
    return Party(party.id, party.type, party.country, -1, -1)


def _trimmed(text: str, start: int) -> tuple[int, int, str]:
    """(start, end, text) of `text` (found at offset `start`) without surrounding space."""
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return (start, start + len(stripped), stripped)
