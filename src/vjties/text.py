"""Text normalisation shared by the gazetteer, the components and the evaluation."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into an ASCII base letter.
_EXTRA_FOLDS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "ō": "o",
        "ū": "u",
        "Ō": "O",
        "Ū": "U",
    }
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def to_ascii(text: str) -> str:
    """Strip diacritics and fold typographic punctuation, keeping case: `Đà Nẵng` -> `Da Nang`.

    Keeps one output character per input character whenever the input character is a
    precomposed letter, so offsets stay close; callers must not rely on that for evidence.
    """
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: `Bà Rịa - Vũng Tàu` -> `ba ria-vung tau`."""
    folded = to_ascii(text).lower()
    folded = re.sub(r"\s*-\s*", "-", folded)
    return " ".join(folded.split())


def slugify(text: str) -> str:
    """Readable id part: `Ho Chi Minh City` -> `ho-chi-minh-city`."""
    return _SLUG_RE.sub("-", to_ascii(text).lower()).strip("-")
