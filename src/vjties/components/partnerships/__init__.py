"""Partnerships: the ties the text states between a Vietnamese and a Japanese locality.

Rules, sentence by sentence and clause by clause, over the mentions earlier components left
in `doc.spans` (localities, organizations, dates); there is no parser. Shaped like spaCy's
rulers: `match` finds the cues and parties (`recognition`) and reads the sentences that may
state a tie (`clauses`: which mentions are parties; `claims`: the ties each clause states,
with kind, status and dates; `article`: what the sentences share, such as the localities
back-references name); `set_annotations` writes the records (`records`). The vocabulary is
resources/partnership_cues.json (`cues`).

Decisions a user of the dataset should know:
- Only Vietnam–Japan pairs are ties; a locality tied to itself or to a country is not one.
- Back-references: `the province`, `the prefecture`, `the city` name the last locality of
  that kind named in the three sentences before or earlier in the sentence, even where it
  is no party (`Vice Governor of Gifu Prefecture X said the prefecture ...` is Gifu; the
  dateline, where the article was filed, does not outweigh it). Without one, and for
  kindless epithets (`the southern industrial hub`), the article's main locality of that
  kind (the most named, the dateline counting three times; no tie when two localities are
  named equally often).
- Negated ties and wishes, plans and expectations are emitted with status `proposed` and an
  id ending in `~proposed`, so they never merge into a made tie.
- A locality–organization tie (party_types) is emitted only for an instrument (MoU, letter
  of intent, agreement) or as a proposal, and only with a foreign organization; a
  government body (People's Committee, prefectural government) stands for its locality.
- The same tie reported by two documents is one record with both evidences.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from vjties.components.partnerships.article import Article
from vjties.components.partnerships.claims import sentence_claims
from vjties.components.partnerships.clauses import (
    Claim,
    Sentence,
    bracket_depth,
    split_clauses,
)
from vjties.components.partnerships.cues import (
    PREVIOUS_WINDOW,
    REFERENCE_WINDOW,
    Cues,
    load_cues,
)
from vjties.components.partnerships.recognition import (
    Cue,
    CueFinder,
    Found,
    Party,
    collect_parties,
    organization_tokens,
)
from vjties.components.partnerships.records import partnership_records

__all__ = ["Cues", "PartnershipsExtractor", "load_cues", "make_partnerships"]


class PartnershipsExtractor:
    """Finds tie cues with spaCy matchers, then pairs the parties around them clause by clause."""

    def __init__(self, nlp: Language, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self.finder = CueFinder(nlp, self.cues)
        # Clause openers after a comma (`, with the partnership ...`), by their first word:
        # checked only in the sentences that may state a tie.
        self.openers: dict[str, list[list[str]]] = {}
        for phrase in self.cues.clause_openers:
            opener = [t.lower_ for t in nlp.make_doc(phrase)]
            self.openers.setdefault(opener[0], []).append(opener)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate `doc` with its partnerships."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Claim]:
        """Every statement of a tie in `doc`, sentence by sentence."""
        found = self.finder.find(doc)
        if not found.kind_matches and not found.friendly:
            return []  # most documents of a corpus, and most sentences, state no tie
        in_org = organization_tokens(doc)
        cues = self.finder.tie_cues(doc, found, in_org)
        if not cues:
            return []
        parties, locality_token = collect_parties(doc, self.cues, in_org)
        article = Article(doc, self.cues, parties, locality_token, found.pair_refs, [""] * len(doc))
        return self._read_sentences(article, cues, found)

    def _read_sentences(self, article: Article, cues: list[Cue], found: Found) -> list[Claim]:
        """The claims of each sentence that holds a cue and may have two sides; `they` and
        back-references look back a few sentences (`PREVIOUS_WINDOW`, `REFERENCE_WINDOW`)."""
        view, parties = article.view, article.parties
        party_starts = [p.start for p in parties]
        claims: list[Claim] = []
        previous: list[Claim] = []
        age = 0
        cue_index = 0
        recent: list[int] = []  # starts of the sentences so far
        for sent_start, sent_end in view.sentences():
            while cue_index < len(cues) and cues[cue_index].start < sent_start:
                cue_index += 1
            sent_cues = []
            i = cue_index
            while i < len(cues) and cues[i].start < sent_end:
                sent_cues.append(cues[i])
                i += 1
            if sent_end - sent_start == 1 and view.lower(sent_start).isspace():
                continue  # a blank line between paragraphs is not a sentence
            age += 1
            if age > PREVIOUS_WINDOW:
                previous = []
            recent.append(sent_start)
            article.window_start = (
                recent[-1 - REFERENCE_WINDOW] if len(recent) > REFERENCE_WINDOW else 0
            )
            low = bisect_left(party_starts, sent_start)
            high = bisect_left(party_starts, sent_end)
            if not sent_cues:
                continue
            if not _two_sides(found, parties[low:high], sent_start, sent_end) and not (
                previous and view.lower(sent_start) in self.cues.subject_pronouns
            ):
                continue
            article.fill(sent_start, sent_end)
            sent = article.doc[sent_start:sent_end]
            sentence = Sentence(
                article,
                sent,
                sent_cues,
                previous,
                brackets=bracket_depth(article.low, sent),
                clauses=split_clauses(article.low, sent, self.openers, self.cues.coordinated_verbs),
            )
            stated = sentence_claims(sentence, parties[low:high])
            claims.extend(stated)
            if stated:
                previous, age = stated, 0
        return claims

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> None:
        """Write `doc._.partnerships`."""
        doc._.partnerships = partnership_records(doc, claims, self.cues)


def _two_sides(found: Found, parties: list[Party], start: int, end: int) -> bool:
    """Whether sentence [start, end) may name both sides of a tie: a pair reference (`the two
    localities`), two parties of different countries, or a back-reference (`the province`)
    and one more party or reference."""
    if _any_between(found.pair_starts, start, end):
        return True
    references = bisect_left(found.noun_starts, end) - bisect_left(found.noun_starts, start)
    if references == 0:
        countries = {p.country for p in parties}
        countries.discard(None)
        return len(countries) >= 2
    return references + len(parties) >= 2


def _any_between(positions: list[int], start: int, end: int) -> bool:
    """Whether the sorted `positions` hold one in [start, end)."""
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


@Language.factory(
    "vjties_partnerships",
    assigns=["doc._.partnerships"],
    requires=[
        "doc.spans",
        "doc._.localities",
        "doc._.organizations",
        "doc._.dates",
        "doc._.meta",
        "doc._.boilerplate",
        "token.is_sent_start",
    ],
)
def make_partnerships(nlp: Language, name: str) -> PartnershipsExtractor:
    """The `vjties_partnerships` component."""
    return PartnershipsExtractor(nlp)
