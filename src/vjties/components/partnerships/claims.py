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

The dates of each tie are `claim_dates`'s (see that module).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc

from vjties.components.partnerships.claim_dates import claim_dates, own_bracket
from vjties.components.partnerships.clauses import (
    Claim,
    Clause,
    Sentence,
    is_party,
    is_signatory,
    locality_references,
)
from vjties.components.partnerships.cues import Cues, country_of
from vjties.components.partnerships.recognition import Cue, Party

#: How far after `between` (and after `and`) the parties of `between X and Y` may start:
#: `between the southern province of Dong Nai and Japan's Hyogo prefecture`.
BETWEEN_REACH = 7
#: Dashes that join the two parties of a pair written `A-B`.
DASHES = frozenset({"-", "–", "—"})
#: How far before its cue a word may say a tie exists (`the long-standing friendship`).
EXISTING_REACH = 3
#: The two sides of a tie, by country.
SIDES = ("VN", "JP")


@dataclass
class Sides:
    """The parties a clause names (or is given), per country, and its organizations."""

    by_country: dict[str, list[Party]] = field(default_factory=lambda: {"VN": [], "JP": []})
    orgs: list[Party] = field(default_factory=list)
    inherited: list[Cue] = field(default_factory=list)
    #: The clause's own parties, every mention, before any is merged or dropped.
    named: list[Party] = field(default_factory=list)
    #: Where the pair reference that named both sides stands (`for the two localities`).
    reference: int | None = None


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
    filled = _fill_from_subject_pronoun(sentence, clause, sides) or filled
    if clause.dependent:
        filled = _fill_from_clauses_before(sentence, sides) or filled
        if filled:
            sides.inherited = [c for c in sentence.cues if c.start < clause.start]
    _fill_from_references(sentence, clause, sides)
    sentence.parties.extend(p for side in sides.by_country.values() for p in side if p.start < 0)
    _fill_from_signatories(sentence, clause, clause_cues, signatories, sides)
    _fill_from_officials(sentence, clause, sides)
    pairs = _pairs(sentence, clause, sides)
    if not pairs:
        return []
    return _claims(sentence, clause, clause_cues, sides, pairs)


def _sides(sentence: Sentence, parties: list[Party]) -> Sides:
    """The clause's own parties, localities per country and organizations, each once; a
    city's prefecture named on the same side is where the city is, not a second party."""
    sides = Sides(named=list(parties))
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
    positions = [i for i in article.pair_refs if clause.start <= i < clause.end]
    refs = {article.pair_refs[i] for i in positions}
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
    if filled:
        sides.reference = min(positions)
    return filled


def _fill_from_subject_pronoun(sentence: Sentence, clause: Clause, sides: Sides) -> bool:
    """`It also has cooperative relations with A and B`: a sentence that opens with a subject
    pronoun speaks of the side its previous statement of a tie named, when that side was
    one locality and this clause names none there."""
    low = sentence.low
    if (
        clause.start != sentence.span.start
        or low[clause.start] not in sentence.article.cues.subject_pronouns
    ):
        return False
    filled = False
    for country, side in sides.by_country.items():
        named = {
            p.id: p
            for claim in sentence.previous
            for p in claim.parties
            if p.type == "locality" and p.country == country
        }
        if not side and len(named) == 1 and any(sides.by_country.values()):
            side.append(_placeholder(next(iter(named.values()))))
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


def _fill_from_officials(sentence: Sentence, clause: Clause, sides: Sides) -> None:
    """`Mr Quang ... since the establishment of cooperative relations with Kisarazu City in
    2019`, `Chairman X and Governor Y signed an MoU`: an official named in the clause
    speaks for the locality they represent (their record's locality, as the officials
    component wrote it; the head of a People's Committee or a prefecture) when the clause
    names no party of that side and its officials of that side represent one locality."""
    by_country = sides.by_country
    missing = [country for country, side in by_country.items() if not side]
    if not missing or len(missing) == len(by_country):
        return
    found: dict[str, dict[str, Party]] = {country: {} for country in missing}
    for official, start, end in sentence.article.officials_in(clause.start, clause.end):
        locality = official.get("locality")
        country = country_of(locality)
        if country in found:
            start_char, end_char = sentence.article.view.span_chars(start, end)
            party = Party(str(locality), "locality", country, start, end, start_char, end_char)
            found[country].setdefault(str(locality), party)
    for country, parties in found.items():
        if len(parties) == 1:
            by_country[country].append(next(iter(parties.values())))


def _pairs(sentence: Sentence, clause: Clause, sides: Sides) -> list[tuple[Party, Party]]:
    """(anchor, partner) pairs: one side's party with each of the other's (a list fans
    out); two lists only `respectively`; a locality and one foreign organization."""
    between = _between_pair(sentence, clause, sides)
    if between is not None:
        return [between]
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
        # `Fukuoka-Hanoi, Kitakyushu city - the port city of Hai Phong`: pairs by dashes;
        # else both sides are lists and who is tied to whom is not stated.
        return _dashed_pairs(sentence, [p for p in sides.named if p.type == "locality"])
    if sides.orgs and (vn or jp):
        side = vn or jp
        foreign = [o for o in sides.orgs if o.country and o.country != side[0].country]
        if len(side) == 1 and len(foreign) == 1:
            return [(side[0], foreign[0])]
    return []


def _between_pair(sentence: Sentence, clause: Clause, sides: Sides) -> tuple[Party, Party] | None:
    """`the memorandum signing ceremony between Hue University and Gifu University`, `the
    cooperation between HCMC and Aichi`: the two parties of different countries right after
    `between`, joined by `and`, are the pair (organizations too), whatever else the clause
    names."""
    low, cues = sentence.low, sentence.article.cues
    named = sorted(sides.named, key=lambda p: p.start)
    for i in range(clause.start, clause.end - 1):
        if low[i] not in cues.between_words:
            continue
        first = next((p for p in named if i < p.start <= i + BETWEEN_REACH), None)
        if first is None:
            continue
        second = next((p for p in named if first.end < p.start <= first.end + BETWEEN_REACH), None)
        if second is None or {first.country, second.country} != set(SIDES):
            continue
        joining = low[first.end : second.start]
        if "and" in joining and "," not in joining:
            return (first, second)
    return None


def _dashed_pairs(sentence: Sentence, parties: list[Party]) -> list[tuple[Party, Party]]:
    """Pairs written `A-B` or `A city - the northern province of B`: two parties of
    different countries with one dash and only lower-case or country words between them;
    every party of the clause must be in such a pair."""
    low, doc = sentence.low, sentence.doc
    skip = sentence.article.cues.skip_words  # `Can Tho city - the Japanese prefecture of X`
    ordered = sorted((p for p in parties if p.start >= 0), key=lambda p: p.start)
    pairs = []
    used: set[int] = set()
    for first, second in pairwise(ordered):
        if first.start in used or first.country == second.country:
            continue
        between = range(first.end, second.start)
        # The tokenizer keeps a dash glued to a word: `city-`, `prefecture-`.
        dashes = [i for i in between if low[i][-1:] in DASHES or low[i][:1] in DASHES]
        if len(dashes) == 1 and all(
            i in dashes or (doc[i].is_alpha and (doc[i].is_lower or low[i] in skip))
            for i in between
        ):
            pairs.append((first, second))
            used.update((first.start, second.start))
    return pairs if len(used) == len(ordered) else []


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
        found = _cue_for(sentence, partner, positioned, clause_cues, partner_kinds, sides.reference)
        if found is None:
            continue
        cue = found
        if sides.inherited and cue.kind == "cooperation":
            # `..., with the partnership with X being ...`: the main clause says what tie
            best = max(sides.inherited, key=lambda c: c.strength)
            if best.strength > cue.strength:
                cue = Cue(cue.start, cue.end, best.kind, best.strength)
        status_from = sentence.clauses[0].start if sides.inherited else clause.start
        status = _status(sentence, status_from, cue, clause)
        partner_kinds[partner.id] = (cue, status)
        if (
            "organization" in (anchor.type, partner.type)
            and cue.kind not in cues.instrument_kinds
            and status != "proposed"
        ):
            continue
        dates = claim_dates(
            sentence, clause, (partner, anchor), positioned, clause_cues, article.dates()
        )
        generic = (
            low[cue.start] in cues.generic_instruments
            and cue.start > 0
            and low[cue.start - 1] in cues.presupposing
        )
        claims.append(Claim((anchor, partner), cue.kind, status, dates, evidence, generic))
    return claims


def _cue_for(
    sentence: Sentence,
    partner: Party,
    positioned: list[Party],
    clause_cues: list[Cue],
    partner_kinds: dict[str, tuple[Cue, str]],
    reference: int | None = None,
) -> Cue | None:
    """The cue that governs `partner`: the strongest between the party before it and it,
    else the previous list item's, else one before `between` and the pair, else the
    strongest after it (or in the clause, but not one that governs a later pair); None if
    no cue of the clause can."""
    cues, lows = sentence.article.cues, sentence.low
    if partner.start < 0 and reference is not None:
        # `... elevated their relationship ..., will open up cooperation opportunities for
        # the two localities`: the cue nearest the reference is the pair's.
        return min(clause_cues, key=lambda c: (abs(c.start - reference), -c.strength))
    if partner.start < 0:
        return max(clause_cues, key=lambda c: (c.strength, -c.start))
    bracket = own_bracket(sentence, partner)
    if bracket is not None:
        inside = [c for c in clause_cues if bracket[0] <= c.start and c.end <= bracket[1]]
        if inside:  # `Shiga Prefecture (MoU signed in May 2012)`
            return max(inside, key=lambda c: (c.strength, -c.start))
    # A cue in another item's own brackets is that item's.
    others = [b for p in positioned if p is not partner and (b := own_bracket(sentence, p))]
    clause_cues = [c for c in clause_cues if not any(a <= c.start < b for a, b in others)]
    if not clause_cues:
        return None
    before = [p for p in positioned if p.end <= partner.start]
    prev = before[-1] if before else None
    low = prev.end if prev else -1
    segment = [c for c in clause_cues if low <= c.start and c.end <= partner.start]
    if segment:
        return max(segment, key=lambda c: (c.strength, -c.start))
    if prev is not None and prev.country == partner.country and prev.id in partner_kinds:
        return partner_kinds[prev.id][0]  # the next item of a list
    # `the fruitful collaboration between X and Y`: a cue before `between` governs the pair
    # after it, and only that pair.
    between = {c for c in clause_cues if c.end < len(lows) and lows[c.end] in cues.between_words}
    trailing = [c for c in clause_cues if c.start >= partner.end and c not in between]
    if any(c.end <= partner.start for c in between):
        # ... with the instrument named before it or in an apposition after the pair:
        # `signed an MoU in 2024, establishing friendly relations between X and Y` is the
        # MoU, `the cooperation between X and Y, a sister city of X` the sister city.
        leading = [c for c in clause_cues if c.end <= partner.start]
        return max(leading + trailing, key=lambda c: (c.strength, -c.start))
    pool = trailing or [c for c in clause_cues if c not in between or c.end <= partner.start]
    return max(pool, key=lambda c: (c.strength, -c.start)) if pool else None


def _status(sentence: Sentence, start: int, cue: Cue, clause: Clause) -> str:
    """`proposed` for a negated tie or one after a word of wishing or planning (unless a
    word of making follows it, or the words before the cue state the tie as existing),
    else `established`."""
    cues, lows = sentence.article.cues, sentence.low
    text, idx = sentence.article.view.text, sentence.article.view.idx
    before = cue.start - 1
    if (
        before - 1 >= start
        and lows[cue.start] in cues.infinitive_cues
        and lows[before] in cues.infinitive_markers
        and lows[before - 1] not in cues.infinitive_starts
    ):
        return "proposed"  # `Hanoi, Hyogo to cooperate`: a plan, not `began to cooperate`
    if cue.end < len(lows) and lows[cue.end] in cues.potential_nouns:
        return "proposed"  # `cooperation opportunities`, `cooperation potential`
    last_proposal = -1
    for i in range(start, cue.start):
        low = lows[i]
        if low in cues.negations and lows[i + 1] not in cues.negation_exceptions:
            return "proposed"  # `have not yet signed an MoU`: not a made tie
        if low in cues.proposal or (low in cues.modal_proposal and text[idx[i]].islower()):
            last_proposal = i
    if last_proposal < 0 or _existing(cues, lows, max(start, last_proposal + 1), cue):
        return "established"
    for i in range(last_proposal + 1, clause.end):
        # Agreeing, after the tie is named, agrees to the proposal (`X proposed that the two
        # sides sign an MoU, and Y agreed`): the tie is still to be made.
        if lows[i] in cues.made and not (i >= cue.end and lows[i] in cues.agreeing):
            return "established"
    return "proposed"


def _existing(cues: Cues, lows: list[str], start: int, cue: Cue) -> bool:
    """A tie the words right before its cue state as existing, whatever is wished for it: `the
    traditional friendship`, `the fruitful collaboration between`, or `that the partnership
    between X and Y would achieve more` (a definite tie that a wish is about, not the object
    of a word of wishing or strengthening)."""
    before = lows[max(start, cue.start - EXISTING_REACH) : cue.start]
    if not cues.existing.isdisjoint(before):
        return True
    i = cue.start - 1
    return (
        i - 1 >= start
        and cue.end < len(lows)
        and lows[i] in cues.presupposing
        and lows[i - 1] not in cues.proposal
        and lows[cue.end] in cues.pair_links
    )


def _drop_containers(doc: Doc, by_country: dict[str, list[Party]]) -> None:
    """A city's prefecture named next to it on the same side (`Higashiosaka city of Osaka
    prefecture`, `Sakai, Osaka`) is where the city is, not a second party; one named as an
    item of its own in a list, other items between them (`Nagasaki, Shizuoka, ..., Goto`),
    is a party."""
    parents = {
        str(r.get("id")): r.get("parent") for r in doc._.localities or [] if isinstance(r, dict)
    }

    def contains(container: Party, other: Party, side: list[Party]) -> bool:
        """Whether `other` is a place in `container` named next to it: no other party of
        the side between them (`Yokohama City, the largest city of Kanagawa`)."""
        if other.id == container.id or parents.get(other.id) != container.id:
            return False
        if other.start < 0 or container.start < 0:
            return True
        low, high = sorted((container.start, other.start))
        return not any(low < p.start < high for p in side)

    for side in by_country.values():
        side[:] = [p for p in side if not any(contains(p, o, side) for o in side)]


def _placeholder(party: Party) -> Party:
    """A party taken from elsewhere: it has no position in the clause."""
    return Party(party.id, party.type, party.country, -1, -1)


def _trimmed(text: str, start: int) -> tuple[int, int, str]:
    """(start, end, text) of `text` (found at offset `start`) without surrounding space."""
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return (start, start + len(stripped), stripped)
