"""Record ids that say what a record is, never where in the text it was read.

An id made from a character offset (`doc/date/120`) changes whenever text is inserted before
it, so `vjties diff` of two extractions of an edited article reported every later date as
removed and added. An id made from the record's text (`doc/figure/usd-5-million`) changes when
a number is corrected, which `diff` then reports as one figure removed and another added.
The ids built here name the fact instead:

- a date by its value (`doc/date/2024-10-01`, a range `doc/date/2024-10-01/2024-10-03`; an
  expression with no value by its words, `doc/date/next-month`);
- a figure by its metric, unit, places and period
  (`doc/figure/investment_capital~usd~jp+vn/hoa-binh~2023`), not by its amount, so that a
  corrected amount is the same record *changed*;
- an event by its name or kind and its date (`doc/event/signing-2024-10-01`, undated
  `doc/event/meeting`);

each with an ordinal, `#2`, `#3`..., only where a document holds more than one record with
the same id (in text order: the first has none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vjties.text import slugify

#: Between an id and its ordinal: `doc/date/2023#2`. Nothing else in an id holds it.
ORDINAL = "#"
# What an id part may hold: ids of other records (`vn/hoa-binh`), ISO dates and periods
# (`2023-07-01`, `FY2024`, `2021/2025`), metric names (`investment_capital`).
_NOT_ID = re.compile(r"[^a-z0-9/_.+-]+")


def numbered(base: str, taken: set[str]) -> str:
    """`base`, or `base#2`, `base#3`... the first not in `taken`, which it is added to."""
    unique, number = base, 1
    while unique in taken:
        number += 1
        unique = f"{base}{ORDINAL}{number}"
    taken.add(unique)
    return unique


def without_ordinal(record_id: str) -> str:
    """`doc/date/2023#2` -> `doc/date/2023`: the id the ordinal was added to."""
    return record_id.split(ORDINAL, 1)[0]


def id_part(value: str) -> str:
    """`value` as a part of an id: lower case, runs of other characters as one `-` (none at
    either end; a `-` of the value's own stays, as in `--07-01`)."""
    lowered = value.lower()
    return _NOT_ID.sub(lambda m: "" if m.start() == 0 or m.end() == len(lowered) else "-", lowered)


def date_id(document: str, value: str | None, end: str | None, text: str) -> str:
    """The id of a temporal expression, before its ordinal: its value (and the end of a
    range), else the words it was written with."""
    if not value:
        return f"{document}/date/" + (slugify(text)[:60].strip("-") or "date")
    return f"{document}/date/{id_part(value + (f'/{end}' if end else ''))}"


def figure_id(
    document: str,
    metric: str,
    unit: str,
    places: Iterable[str] = (),
    period: str | None = None,
) -> str:
    """The id of a figure, before its ordinal: metric, unit, the places it is about (locality
    ids and country codes, sorted) and its period, each part left out when empty."""
    parts = [id_part(metric), id_part(unit)]
    where = "+".join(sorted(id_part(place) for place in places))
    if where:
        parts.append(where)
    if period:
        parts.append(id_part(period))
    return f"{document}/figure/" + "~".join(parts)


def event_id(document: str, name_or_kind: str, date: str | None) -> str:
    """The id of an event, before its ordinal: its name (else its kind) and its date."""
    what = slugify(name_or_kind) or "event"
    return f"{document}/event/{what}" + (f"-{id_part(date)}" if date else "")
