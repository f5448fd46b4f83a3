"""The extraction pipeline: `spacy.blank("en")`, sentence splitting, and vjties' components.

No statistical model is loaded and nothing is downloaded: every component is rules and data
shipped inside the package.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import vjties.components
import vjties.extensions  # noqa: F401  (registers the Doc attributes)

# Order matters: each component may read what the ones before it wrote.
COMPONENTS: tuple[str, ...] = (
    "vjties_line_breaks",
    "vjties_metadata",
    "vjties_localities",
    "vjties_organizations",
    "vjties_officials",
    "vjties_dates",
    "vjties_figures",
    "vjties_partnerships",
    "vjties_events",
)


def build_pipeline() -> Language:
    """A fresh pipeline with every vjties component."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def shared_pipeline() -> Language:
    """One pipeline per process: building it loads the gazetteer, which is not free."""
    return build_pipeline()
