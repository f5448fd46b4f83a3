"""Temporal expressions: `doc.spans["dates"]` and `doc._.dates` (TimeExpression records).

Token patterns (resources/date_patterns.jsonl, in spaCy's Matcher format, with token classes
filled in by `patterns`) find the phrases (full dates, month-day, month-year, years, fiscal
years, weekdays, relative phrases, ranges); they are matched by `TokenClassMatcher` over one
bitmask per token, with Python work only where a pattern can start, which is several times
faster than spaCy's `Matcher` on these patterns and finds the same matches. `vjties.temporal`
parses and resolves them against the publication date in `doc._.meta`. Each span's `kb_id_`
is the resolved ISO value (`""` when it cannot be resolved; an ISO interval `2009/2024` for a
range) and its `label_` says how (`stated`, `from_publication_date`, `inferred`).

- `recognition`: the phrases, without years that are part of other tokens (`Resolution
  98/2023/QH15`), numbers that count things (`about 2000 people`) or anything in boilerplate
  (bylines and `Other news` timestamps included);
- `resolution`: each phrase's value. A clause about what will happen (`will be held on April
  6`) resolves forward from publication. Without a publication date, a year in a name in the
  same sentence (`Meet Japan 2023`) or an anniversary fixes the year, how `inferred`: one
  whose span (`(2014-2024)`) or start (`ties set up in 2014`) the sentence states, or one of a
  known start (resources/known_starts.json);
- `records`: the TimeExpression records and the span group.
"""

from vjties.components.dates.component import DatesExtractor, make_dates
from vjties.components.dates.patterns import PATTERNS
from vjties.components.dates.recognition import is_name_year

__all__ = ["PATTERNS", "DatesExtractor", "is_name_year", "make_dates"]
