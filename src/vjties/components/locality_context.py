"""The localities' context rules: what the words around a gazetteer match say about it.

A type word (`Gunma prefecture`, `the city of Hue`), an apposition, a plural type word over a
list, a country cue, nesting (`Kisarazu, Chiba`), a pair (`Hoi An and Kumamoto`), an
organization or a person's name around the match. `ContextRules` is mixed into
`LocalityRecognizer` (components/localities.py), whose gazetteer it reads.
"""

from __future__ import annotations

from vjties.components.locality_mentions import (
    ANY_CASE_LANDMARKS,
    APPOSITION_ARTICLES,
    APPOSITION_CLOSERS,
    APPOSITION_OPENERS,
    COORDINATORS,
    COUNTRY_GATE,
    COUNTRY_NAME_WORDS,
    COUNTRY_STOPS,
    COUNTRY_WORDS,
    DASHES,
    DESCRIBED_KINDS,
    IN_PLACE_ORGS,
    LANDMARK_HEADS,
    LIST_BREAKERS,
    LIST_OPENERS,
    LIST_SEPARATORS,
    LOWER_NAME_WORDS,
    NAME_PAIRS_BY_FIRST,
    NAME_PAIRS_BY_LAST,
    NESTING_WORDS,
    NEWSPAPER_WORDS,
    ORG_HEAD_GATE,
    ORG_HEADS,
    ORG_INNER_LOWER,
    PERSON_TITLES,
    PLACE_PRECEDERS,
    PLURAL_TYPES,
    POSSESSIVE,
    REPORTING_VERBS,
    TYPE_KINDS,
    VN_NAME_PARTS,
    Mention,
    city_and_unit,
    romanized_japanese,
)
from vjties.gazetteer import Gazetteer
from vjties.tokens import TokenView


def drop_short_names_before_reporting_verbs(v: TokenView, mentions: list[Mention]) -> None:
    """`Tomioka Kazuhiro ... Tomioka said`: a one-word name with no cue, alone before a verb of
    speech, in a document that also wrote it as part of a person's full name, is that person's
    short name, not the place.

    Both conditions are needed: a place is the subject of such verbs too (`Sanjo welcomed
    the delegation`, `Tokyo said`), and a name seen only after a title (`Mayor Takahashi`)
    gives no full name to refer to (the officials component resolves a short name only to a
    person named in full). Run after resolution, so that such a name still counts as what the
    document says elsewhere while the other mentions are resolved, as it did when the
    officials component took these mentions out of this component's output afterwards.
    """
    full_names = {m.key for m in mentions if m.in_full_name}
    if not full_names:
        return
    for mention in mentions:
        if (
            mention.drop
            or mention.cued
            or mention.in_org
            or mention.end - mention.start != 1
            or mention.key not in full_names
        ):
            continue
        following = mention.end
        if following < v.n and v.key(following) in REPORTING_VERBS:
            mention.drop = True


class ContextRules:
    """The context rules of `LocalityRecognizer`: each reads a few tokens around a match."""

    gazetteer: Gazetteer

    def _capitalised(self, v: TokenView, start: int, end: int, key: str) -> bool:
        """Whether a match is written as a name: capitalised, but for words a name may hold in
        lower case (`Ho Chi Minh city`) and the names the gazetteer writes in lower case."""
        if key in self.gazetteer.lowercase_keys:
            return True
        for i in range(start, end):
            if not v.is_capitalised(i) and v.is_alpha(i):
                if i > start and v.lower(i) in LOWER_NAME_WORDS:
                    continue
                return False
        return True

    # -- context ------------------------------------------------------------------------
    def _read_context(self, v: TokenView, mentions: list[Mention]) -> None:
        """Read each mention in its context: type words, appositions, landmarks, descriptors, the
        country, nesting, organizations, person names, then lists."""
        starts = {m.start: i for i, m in enumerate(mentions)}
        ends = {m.end: i for i, m in enumerate(mentions)}
        n, lower, lw, norm = v.n, v.lower, v.lower_folded, v.norm
        for index, mention in enumerate(mentions):
            after = after_start = v.skip(mention.end)
            after_type = lw(after).rstrip(DASHES) or None if after < n else None
            before1 = v.back(mention.start - 1)
            before2 = v.back(before1 - 1)
            if after_type in TYPE_KINDS:
                mention.kinds = TYPE_KINDS[after_type]
                mention.cued = True
                after = v.skip(after + 1)
            elif before2 >= 0 and lower(before1) == "of" and lower(before2) in TYPE_KINDS:
                mention.kinds = TYPE_KINDS[lower(before2)]
                mention.cued = True
            else:
                kinds = self._apposition_kinds(v, mention.end, starts)
                if kinds:
                    mention.kinds, mention.cued = kinds, True
            if after_start < n and lower(after_start) in LANDMARK_HEADS:
                mention.drop = (
                    v.is_capitalised(after_start) or lower(after_start) in ANY_CASE_LANDMARKS
                )
            if after_type in DESCRIBED_KINDS and all(
                c.kind == "region" for c in mention.candidates
            ):
                # `the Mekong Delta province of Long An`: a descriptor, not a mention.
                mention.drop = True
            mention.country = self._country_before(v, mention.start) or self._country_after(
                v, after
            )
            # Nesting: `X city of (Japan's) Y prefecture`, `X, Y`, `X in Y`.
            nest = after
            if nest < n and lower(nest) in NESTING_WORDS:
                nest = v.skip(nest + 1)
                if nest + 1 < n and norm(nest) in COUNTRY_WORDS and lw(nest + 1) in POSSESSIVE:
                    nest = v.skip(nest + 2)
                if nest in starts and starts[nest] != index:
                    mention.parent_of = starts[nest]
            if mention.parent_of is None:
                mention.parent_of = self._possessor(v, before1, ends)
            mention.in_org = self._in_org(v, mention, after)
            if mention.in_org:
                continue
            if self._after_given_name(v, mention, ends) or self._before_given_name(
                v, mention, starts
            ):
                mention.drop = mention.in_full_name = True
            elif self._after_person_title(v, mention):
                mention.drop = True
        self._read_lists(v, mentions, starts, ends)

    def _read_pairs(self, v: TokenView, mentions: list[Mention]) -> None:
        """Two mentions joined by `and` or a dash alone are a pair (`Hoi An and Nagasaki`,
        `Hanoi-Fukuoka`)."""
        for index, mention in enumerate(mentions[:-1]):
            nxt = mentions[index + 1]
            between = [v.lower(k) for k in range(mention.end, nxt.start) if not v.is_space(k)]
            if len(between) == 1 and between[0] in COORDINATORS:
                mention.partner, nxt.partner = index + 1, index

    def _pair_levels(self, mentions: list[Mention]) -> None:
        """An uncued Japanese name that is both a prefecture and a city takes its partner's
        level: `Hoi An and Nagasaki` pair two cities, `Hanoi-Fukuoka` two first-level units
        (news names the prefecture by default, but a pair is of one level)."""
        for mention in mentions:
            if mention.partner is None or mention.cued or mention.entry is None:
                continue
            partner = mentions[mention.partner].entry
            if partner is None or not city_and_unit(mention.candidates):
                continue
            # A Vietnamese municipality is a first-level unit, like a province.
            want = "city" if partner.kind == "city" else "admin1"
            for candidate in mention.candidates:
                if candidate.country != "JP":
                    continue
                if (want == "city" and candidate.kind == "city") or (
                    want == "admin1" and candidate.is_admin1
                ):
                    mention.entry = candidate
                    break

    def _possessor(self, v: TokenView, before: int, ends: dict[int, int]) -> int | None:
        """`Ishikawa's Shika`, `Long An province's Ben Luc`: the mention that owns this one."""
        if before < 1 or v.lower_folded(before) not in POSSESSIVE:
            return None
        if before in ends:
            return ends[before]
        owner = v.back(before - 1)
        if owner >= 1 and v.lower(owner) in TYPE_KINDS and owner in ends:
            return ends[owner]
        return None

    def _apposition_kinds(
        self, v: TokenView, end: int, starts: dict[int, int]
    ) -> frozenset[str] | None:
        """`Fukuoka [Kyushu's largest city]`, `Osaka, Japan's second city,`: the first type
        word of a short apposition."""
        n, lower = v.n, v.lower
        end = v.skip(end)
        # (A token is one of these punctuation marks exactly when its lower form is.)
        if end >= n or lower(end) not in APPOSITION_OPENERS:
            return None
        opener = lower(end)
        i = v.skip(end + 1)
        if (
            opener == ","
            and (i >= n or lower(i) not in APPOSITION_ARTICLES)
            and i not in starts
            and not (i < n and v.norm(i) in COUNTRY_WORDS)
        ):
            return None
        limit = min(n, i + 7)
        while i < limit:
            if v.is_space(i):
                i += 1
                continue
            word = lower(i)
            if word in APPOSITION_CLOSERS:
                return None
            if word in TYPE_KINDS:
                return TYPE_KINDS[word]
            if i in starts:
                # Another place inside the apposition: only its possessive (`Kyushu's`).
                j = i + 1
                while j < n and j not in starts and v.is_alpha(j) and j - i < 4:
                    j += 1
                if j >= n or v.lower_folded(j) not in POSSESSIVE:
                    return None
            i += 1
        return None

    def _country_before(self, v: TokenView, start: int) -> str | None:
        """A country word shortly before a name (`Japan's Gifu`, `the Vietnamese province of`),
        unless a stop word or punctuation comes between."""
        if not v.contains(COUNTRY_GATE, start - 6, start, attr="norm"):
            return None
        i = start - 1
        norm, lower = v.norm, v.lower
        while i >= 0 and start - i <= 6:
            if v.is_space(i):
                i -= 1
                continue
            word = norm(i)
            if word in COUNTRY_WORDS:
                return COUNTRY_WORDS[word]
            pair = NAME_PAIRS_BY_LAST.get(word)
            if pair is not None and i > 0 and norm(i - 1) == pair[0]:
                return pair[1]  # `Viet Nam`
            if (v.is_punct(i) and lower(i) != "-") or lower(i) in COUNTRY_STOPS:
                return None
            i -= 1
        return None

    def _country_after(self, v: TokenView, after: int) -> str | None:
        """A country named right after a place (`Osaka, Japan`, `Hue in Viet Nam`)."""
        if after + 1 < v.n and v.lower(after) in NESTING_WORDS:
            nxt = v.skip(after + 1)
            word = v.norm(nxt) if nxt < v.n else ""
            pair = NAME_PAIRS_BY_FIRST.get(word)
            if pair is not None and nxt + 1 < v.n and v.norm(nxt + 1) == pair[0]:
                return pair[1]  # `Viet Nam`
            if word in COUNTRY_NAME_WORDS:
                return COUNTRY_NAME_WORDS[word]
        return None

    def _in_org(self, v: TokenView, mention: Mention, after: int) -> bool:
        """Whether a mention is part of an organization's name, read after it (`Hanoi People's
        Committee`) or before it (`the People's Committee of Binh Duong`); a consulate or
        embassy `in` a place makes the place a city."""
        lw, cap = v.lower_folded, v.is_capitalised
        # After: `Hanoi People's Committee`, `Binh Duong provincial People's Council`.
        i, limit = after, min(v.n, after + 6)
        if not v.contains(ORG_HEAD_GATE, i, limit):
            i = limit  # the loop below can only return at such a word
        while i < limit:
            if v.is_space(i):
                i += 1
                continue
            word = lw(i)
            if cap(i) and (word in ORG_HEADS or word.rstrip(".") in ORG_HEADS):
                return True
            if word in NEWSPAPER_WORDS:
                return True
            if not (cap(i) and v.is_alpha(i)) and word not in ORG_INNER_LOWER:
                break
            i += 1
        # Before: `the People's Committee of Binh Duong`, `Consulate General of Japan in Osaka`.
        lower = v.lower
        i = v.back(mention.start - 1)
        if i >= 1 and lower(i) == "the":
            i = v.back(i - 1)
        if i < 1 or lower(i) not in {"of", "in"}:
            return False
        preposition = lower(i)
        j = i - 1
        if preposition == "in" and j >= 2 and v.norm(j) in COUNTRY_WORDS and lower(j - 1) == "of":
            j -= 2  # `Consulate General of Japan in Da Nang`
        stop = max(-1, j - 8)
        while j > stop:
            if v.is_space(j):
                j -= 1
                continue
            word = lw(j)
            if cap(j) and (word in ORG_HEADS or word in IN_PLACE_ORGS):
                if preposition == "in" and word in IN_PLACE_ORGS and mention.kinds is None:
                    # A consulate or embassy sits in a city: `Consulate General in Osaka`.
                    mention.kinds = TYPE_KINDS["city"]
                return preposition == "of" or word in IN_PLACE_ORGS
            if not (cap(j) or word in ORG_INNER_LOWER):
                return False
            j -= 1
        return False

    def _after_person_title(self, v: TokenView, mention: Mention) -> bool:
        """`Governor Nagano`, `Mr. Aso`: a place word after a title or an honorific is a name."""
        if mention.kinds is not None:
            return False
        before = v.back(mention.start - 1)
        return before >= 0 and v.lower(before) in PERSON_TITLES and v.is_capitalised(before)

    def _after_given_name(self, v: TokenView, mention: Mention, ends: dict[int, int]) -> bool:
        """`Yutaka Aso`, `Nguyen Thi Hue`: a place word after a given or family name is part of
        a person's full name."""
        if mention.kinds is not None:
            return False
        before = v.back(mention.start - 1)
        if before < 0:
            return False
        word = v.lower(before)
        if word in PERSON_TITLES and v.is_capitalised(before):
            return False  # a title, not a name: `_after_person_title`
        start_char, end_char = v.span_chars(mention.start, mention.end)
        if (
            v.text[start_char:end_char].isupper()
            or not v.is_alpha(before)
            or not v.is_capitalised(before)
        ):
            return False
        if v.is_upper(before) and v.length(before) > 1:
            return False  # an acronym: `HCMC`, `VNA`
        if before + 1 in ends or word in PLACE_PRECEDERS or v.is_stop(before):
            return False
        if v.norm(before) in VN_NAME_PARTS and any(c.country == "VN" for c in mention.candidates):
            return True
        if any(c.country == "JP" for c in mention.candidates):
            return romanized_japanese(v.text_of(before))
        return mention.end - mention.start == 1 or all(c.kind == "city" for c in mention.candidates)

    def _before_given_name(self, v: TokenView, mention: Mention, starts: dict[int, int]) -> bool:
        """`Yamaguchi Natsuo said`: a Japanese family name, then a given name that ends the
        name, is a person even without a title."""
        if mention.kinds is not None or mention.end - mention.start != 1:
            return False
        if not any(c.country == "JP" for c in mention.candidates):
            return False
        i = mention.end
        if i >= v.n or i in starts:
            return False
        if not (v.is_alpha(i) and v.is_capitalised(i) and not v.is_upper(i)):
            return False
        if v.is_stop(i) or v.lower(i) in ORG_HEADS or v.lower(i) in PERSON_TITLES:
            return False
        if i + 1 < v.n and v.is_alpha(i + 1) and v.is_capitalised(i + 1):
            return False
        return romanized_japanese(v.text_of(i))

    def _read_lists(
        self, v: TokenView, mentions: list[Mention], starts: dict[int, int], ends: dict[int, int]
    ) -> None:
        """A plural type word governing a list types and cues every item."""
        lower, space = v.lower, v.is_space
        groups: list[list[int]] = []
        for index, mention in enumerate(mentions):
            if groups and mention.start - mentions[groups[-1][-1]].end <= 6:
                last = mentions[groups[-1][-1]]
                words = [lower(k) for k in range(last.end, mention.start) if not space(k)]
                if 0 < len(words) <= 2 and all(w in LIST_SEPARATORS for w in words):
                    groups[-1].append(index)
                    continue
            groups.append([index])
        for group in groups:
            first, last = mentions[group[0]], mentions[group[-1]]
            kind_word, country = None, None
            kinds: frozenset[str] | None = None
            i = first.start
            for _ in range(4):  # `cities, such as A`
                i = v.back(i - 1)
                if i < 0:
                    break
                if lower(i) in PLURAL_TYPES:
                    if all(
                        (lower(k) in LIST_OPENERS or v.is_punct(k) or space(k))
                        and lower(k) not in LIST_BREAKERS  # `... villages. Hue and Okayama`
                        for k in range(i + 1, first.start)
                    ):
                        kind_word = PLURAL_TYPES[lower(i)]
                        previous = v.back(i - 1)
                        other = v.back(previous - 1) if previous >= 1 else -1
                        if (
                            previous >= 0
                            and lower(previous) in LIST_SEPARATORS
                            and (other >= 0 and lower(other) in PLURAL_TYPES)
                        ):
                            # `prefectures and cities, namely A, B`: either kind.
                            kinds = TYPE_KINDS[kind_word] | TYPE_KINDS[PLURAL_TYPES[lower(other)]]
                            previous = v.back(other - 1)
                        if previous >= 0 and v.norm(previous) in COUNTRY_WORDS:
                            country = COUNTRY_WORDS[v.norm(previous)]
                    break
            following = v.skip(last.end)
            if (
                kind_word is None
                and len(group) > 1
                and following < v.n
                and lower(following) in PLURAL_TYPES
            ):
                kind_word = PLURAL_TYPES[lower(following)]
            if kind_word is None:
                continue
            for index in group:
                mention = mentions[index]
                if mention.kinds is None:
                    mention.kinds = kinds or TYPE_KINDS[kind_word]
                mention.cued = True
                mention.country = mention.country or country
