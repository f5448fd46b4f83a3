"""The localities' resolution: one gazetteer entry for each mention, from its cues, its
nesting and the other places of the document, then population.

`Resolution` is mixed into `LocalityRecognizer` (components/localities.py), whose gazetteer it
reads.
"""

from __future__ import annotations

from vjties.components.locality_mentions import Mention
from vjties.gazetteer import Entry, Gazetteer


class Resolution:
    """The resolution steps of `LocalityRecognizer`."""

    gazetteer: Gazetteer

    # -- resolution ---------------------------------------------------------------------
    def _resolve(self, mentions: list[Mention]) -> None:
        """Give each mention its gazetteer entry: its cues first, then nesting and the other places
        of the document for an ambiguous name; a name that needs a cue and has none is dropped."""
        for mention in mentions:
            if len(mention.candidates) == 1:
                mention.entry = mention.candidates[0]  # what `_choose` gives for one
            else:
                mention.entry = self._choose(mention, None, set())
        # Nesting and the other places of the document refine ambiguous mentions.
        # What each name contributes: a mention is not its own evidence, nor is a name that
        # is a place only with a cue it lacks (`Kita`, a ward of Osaka city, in a surname).
        places: dict[str, set[str]] = {}
        for m in mentions:
            if m.entry and not m.drop and (m.cued or not m.entry.needs_cue):
                places.setdefault(m.key, set()).update(filter(None, (m.entry.id, m.entry.parent)))
        cued = {m.entry.id for m in mentions if m.entry and m.kinds is not None}
        known_by_key: dict[str, set[str]] = {}
        for mention in mentions:
            parent = None
            if mention.parent_of is not None:
                outer = mentions[mention.parent_of].entry
                if outer is not None:
                    parent = outer.id
            if len(mention.candidates) > 1 or parent:
                known = known_by_key.get(mention.key)
                if known is None:
                    known = known_by_key[mention.key] = set().union(
                        *(ids for key, ids in places.items() if key != mention.key)
                    )
                mention.entry = self._choose(mention, parent, known, cued)
                if parent and mention.entry and self._inside(mention.entry, parent):
                    mention.cued = True  # a small place with its unit: `Shika, Ishikawa`
            if mention.entry and mention.entry.needs_cue and not mention.cued:
                mention.drop = True

    def _inside(self, entry: Entry, unit_id: str) -> bool:
        """Whether `unit_id` is the entry's parent or its parent's parent (a ward's city's
        prefecture, a district's place's province)."""
        if entry.parent == unit_id:
            return True
        parent = self.gazetteer.get(entry.parent) if entry.parent else None
        return parent is not None and parent.parent == unit_id

    def _choose(
        self,
        mention: Mention,
        parent: str | None,
        known: set[str],
        cued: set[str] | None = None,
    ) -> Entry | None:
        """The best entry among a mention's candidates: narrowed by country, kind, parent, what the
        document said elsewhere and the places it names, then admin-1 units and regions, then
        population."""
        pool = mention.candidates
        if not mention.cued and parent is None and len(pool) > 1:
            # Without a cue only a name that needs none can be kept (`Kita` is a dozen wards).
            pool = [c for c in pool if not c.needs_cue] or pool
        if mention.country:
            pool = [c for c in pool if c.country == mention.country] or pool
        if mention.kinds is not None:
            pool = [c for c in pool if c.kind in mention.kinds] or pool
        if parent:
            pool = [c for c in pool if self._inside(c, parent)] or pool
        if len(pool) > 1 and mention.kinds is None and cued:
            # The document said which one elsewhere (`Fukuoka city ... Fukuoka`).
            pool = [c for c in pool if c.id in cued] or pool
        if len(pool) > 1 and known:
            # A unit named elsewhere in the document is no cue for a small place in it.
            pool = [
                c
                for c in pool
                if (c.parent in known or c.id in known) and (mention.cued or not c.needs_cue)
            ] or pool
        if len(pool) > 1 and (mention.kinds is None or len({c.kind for c in pool}) > 1):
            pool = [c for c in pool if c.is_admin1 or c.kind == "region"] or pool
        return max(pool, key=lambda c: (c.population or 0, c.id == pool[0].id), default=None)
