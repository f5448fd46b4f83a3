"""Finds Vietnamese and Japanese localities and resolves each mention to one gazetteer entry.

Recognition is a PhraseMatcher over every gazetteer name and alias, on token norms folded for
case and diacritics (`Bà Rịa - Vũng Tàu` = `Ba Ria-Vung Tau`). Each match is then read in its
context, by rules:

- a type word after or before it (`Gunma prefecture`, `Kobe City`, `the city of Hue`, `Japan's
  Tottori province`), an apposition (`Fukuoka [Kyushu's largest city]`), or a plural type word
  governing a list (`the prefectures of Fukuoka, Saga and Oita`, `Japanese cities - Kobe, Nara`);
- a country cue (`Japan's`, `the Japanese prefecture of`, `..., Japan`);
- nesting (`Higashiosaka city of Japan's Osaka prefecture`, `Kisarazu, Chiba`);
- a consulate or embassy `in` a place sits in a city (`Consulate General in Osaka`);
- the other places of the document: a bare name takes the reading the document gave it with a
  cue elsewhere (`Kumamoto city ... Kumamoto`), and an ambiguous city the one whose prefecture
  or province the document names (`Sakai` with `Fukui`); population last.
A bare name that is both a prefecture (or province) and a city, with no cue, is the prefecture:
news names the prefecture far more often, and says `city` when it means the city.

Not localities: names inside a person's name (`Governor Nagano`, `Yutaka Aso`) and such a
name used alone before a verb of speech (`Tomioka Kazuhiro ... Tomioka said`), lower-case
words, boilerplate, a region used as a descriptor (`the Mekong Delta province of ...`), and
names that are common words or surnames (`needs_cue` in the gazetteer) unless a type word,
list or nesting says they are places. A name inside an organization's name (`Hanoi People's
Committee`, `Kyushu Economic Federation`) goes to `doc.spans["locality_in_org"]`.

Why descriptors are read by window rules and not by `Matcher` patterns (issue 3): every
descriptor pattern (`the Mekong Delta province of X`, `Japan's X prefecture`, `the Japanese
prefecture of X`, `X City`, `X city of Japan's Y prefecture`) is anchored on a gazetteer match,
and a `Matcher` pattern cannot say "a gazetteer name" except through a custom token attribute
set beforehand (`_` predicates run Python per token, the slowest thing a Matcher can do) or
by listing all 1,700 names in every pattern (one more pass over the document that finds the
places again). The patterns would also only find the cues: what a cue means depends on the
match it touches and on the matches around it (a region before a type word is a descriptor
and is dropped; a type word after the name wins over one before it; a list takes its plural
type word; a nested name takes its parent from the match after `of`/`in`/`,`), so that logic
would stay in Python, now split between a pattern file and the code and kept in step by hand.
The window rules read a handful of tokens at each match only, from the shared token view
(`vjties.tokens.TokenView`), which is cheaper than a second Matcher pass over every token; so
they stay, with their tests in tests/components/test_localities.py.

Vocabulary: the type words, country words, titles, person names and organization heads are
the shared lexicon's (`vjties.lexicon`); the cue words only this component reads are in
`resources/locality_cues.json`.

Modules: this one is the component (matching, annotations, records and `main_locality()`);
`locality_mentions.py` holds the vocabulary, the `Mention` record and shared helpers,
`locality_context.py` the context rules and `locality_resolution.py` the choice of entry.

Speed: per document, one regex pass folds the few non-ASCII tokens for the PhraseMatcher,
the PhraseMatcher finds the names, and the rules then run per match only; token attributes come
from the shared `TokenView` (one `doc.to_array`, lexical flags cached per word for the
process), never from `Token` objects, and the scans for a country or an organization's head run
only when such a word is near (`TokenView.contains` on a gate of word hashes).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vjties import keys
from vjties.components.locality_context import ContextRules, drop_short_names_before_reporting_verbs
from vjties.components.locality_mentions import Mention, filter_matches, fold_name, fold_non_ascii
from vjties.components.locality_resolution import Resolution
from vjties.extensions import doc_id, evidence, in_boilerplate
from vjties.gazetteer import Entry, Gazetteer, load_gazetteer
from vjties.text import fold
from vjties.tokens import TokenView


class LocalityRecognizer(ContextRules, Resolution):
    """Sets `doc.spans["localities"]`, `doc.spans["locality_in_org"]` and `doc._.localities`."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        # Name key -> its gazetteer entries (shared by the mentions, never changed).
        self._candidates: dict[str, list[Entry]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        names = list(self.gazetteer.by_key)
        tokenizer: Any = nlp.tokenizer
        for name, pattern in zip(names, tokenizer.pipe(names), strict=True):
            self.matcher.add(name, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    # -- matching -----------------------------------------------------------------------
    def match(self, doc: Doc) -> list[Mention]:
        """The gazetteer names of `doc` that are localities here, read in context and resolved
        (one pass of the PhraseMatcher, then rules at each match on the shared token view)."""
        v = TokenView.of(doc)
        fold_non_ascii(doc, v)
        matches = self.matcher(doc)
        if not matches:
            return []
        strings = doc.vocab.strings
        mentions: list[Mention] = []
        for match_id, start, end in filter_matches(matches):
            key = strings[match_id]
            if not self._capitalised(v, start, end, key):
                continue
            start_char, end_char = v.span_chars(start, end)
            if in_boilerplate(doc, start_char, end_char):
                continue
            candidates = self._candidates.get(key)
            if candidates is None:
                candidates = self._candidates[key] = self.gazetteer.candidates(key)
            if candidates:
                mention = Mention(start, end, key, candidates)
                mention.start_char, mention.end_char = start_char, end_char
                mentions.append(mention)
        self._read_context(v, mentions)
        self._read_pairs(v, mentions)
        self._resolve(mentions)
        self._pair_levels(mentions)
        drop_short_names_before_reporting_verbs(v, mentions)
        return [m for m in mentions if not m.drop and m.entry is not None]

    # -- output -------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        """Write the two span groups and the Locality records (see the class docstring)."""
        free: list[Span] = []
        org: list[Span] = []
        for mention in mentions:
            assert mention.entry is not None
            span = Span(
                doc, mention.start, mention.end, label=mention.entry.kind, kb_id=mention.entry.id
            )
            (org if mention.in_org else free).append(span)
        doc.spans[keys.LOCALITIES] = free
        doc.spans[keys.LOCALITIES_IN_ORGS] = org
        # What `locality_records` reads back from the span groups, built from the mentions.
        doc._.localities = _records(
            doc,
            (
                (m.entry.id, m.start_char, m.end_char, m.in_org)
                for m in sorted(mentions, key=lambda m: m.start_char)
                if m.entry is not None
            ),
        )


def locality_records(doc: Doc) -> list[dict[str, Any]]:
    """The `Locality` records of `doc`, (re)built from its two locality span groups."""
    spans = [
        (span.kb_id_, span.start_char, span.end_char, group == keys.LOCALITIES_IN_ORGS)
        for group in (keys.LOCALITIES, keys.LOCALITIES_IN_ORGS)
        if group in doc.spans
        for span in sorted(doc.spans[group], key=lambda s: s.start_char)
    ]
    return _records(doc, spans)


def main_locality(
    doc: Doc, country: str | None = None, kinds: Collection[str] | None = None
) -> str | None:
    """The article's main locality: the one it names most, if one clearly leads.

    Why one definition: "the prefecture", a governor's prefecture, a partnership's missing
    side and an event's place all ask which place the article is about, and three components
    answered it three ways, so one article could resolve `the prefecture` differently in two
    of them. The organizations and officials components read this one (`the provincial
    People's Committee`, a governor with no stated prefecture); the others keep their own until
    they switch:

    - partnerships (`_main_localities`, `_main_for`): the locality parties (free mentions
      outside boilerplate and organizations) plus the localities of government bodies
      (People's Committee, prefectural government), a mention that is the dateline counting
      3; ties of the top two give none;
    - events (`_dateline_locality`): the locality whose mention is the dateline, uncounted.

    This one: every mention of a locality outside boilerplate, free or inside an
    organization's name (`Hanoi People's Committee` is about Hanoi), counts 1, and 3 when it
    is the dateline (where the article was filed); only localities of `country` (`VN`, `JP`)
    and of gazetteer `kinds` (`("prefecture",)`) count when given. The highest score wins;
    when the top two tie there is no main locality (None), as there is none without
    mentions (the id only orders the ranking: it never breaks a tie).

    Measured on every article of the repository (139 with the corpus cache), this one agreed
    with the officials' own answer (free mentions outside boilerplate, each counting 1) in all
    61 calls (and in all 70 calls on 160 articles when the officials switched to it) and with
    the partnerships' in all 55, so those can switch without changing the output; the events' dateline rule answers
    another question (where the article was filed) and differs in 54 of 76 calls.
    """
    view = TokenView.of(doc)
    dateline = fold(str((doc._.meta or {}).get("dateline") or ""))
    gazetteer = load_gazetteer()
    scores: dict[str, int] = {}
    for group in (keys.LOCALITIES, keys.LOCALITIES_IN_ORGS):
        for span in view.spans(group):
            entry = gazetteer.get(span.kb_id_)
            if entry is None or (country is not None and entry.country != country):
                continue
            if (kinds is not None and entry.kind not in kinds) or view.in_boilerplate(
                span.start, span.end
            ):
                continue
            text = view.span_text(span.start, span.end)
            weight = 3 if dateline and fold_name(text) == dateline else 1
            scores[entry.id] = scores.get(entry.id, 0) + weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _records(doc: Doc, mentions: Iterable[tuple[str, int, int, bool]]) -> list[dict[str, Any]]:
    """Locality records from (gazetteer id, start, end, inside an organization) mentions."""
    gazetteer = load_gazetteer()
    document = doc_id(doc)
    records: dict[str, dict[str, Any]] = {}
    for entry_id, start, end, in_org in mentions:
        entry = gazetteer.get(entry_id)
        if entry is None:
            continue
        record = records.get(entry.id)
        if record is None:
            record = records[entry.id] = {
                **entry.record(),
                "mentions": [],
                "organization_mentions": [],
            }
        record["organization_mentions" if in_org else "mentions"].append(
            evidence(doc, start, end, document)
        )
    return [records[i] for i in sorted(records)]


@Language.factory(
    "vjties_localities",
    assigns=["doc.spans", "doc._.localities", "token.norm"],
    requires=["doc._.boilerplate"],
)
def make_localities(nlp: Language, name: str) -> LocalityRecognizer:
    """The `vjties_localities` component (the gazetteer is loaded once per process)."""
    return LocalityRecognizer(nlp)
