"""Text normalisation shared by the gazetteer, the components and the evaluation, and the
view of an article that extraction reads."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

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


# The text the pipeline reads, and the way back to the original's offsets.
#
# The rules are written for text in NFC with LF or CRLF line endings. An article in NFD
# (decomposed: `a` + U+0302 + U+0303 for `ẫ`, as Windows-1258 decodes) or with CR-only line
# endings (old Mac files) is read through a view of it in that form; every offset the
# pipeline produces is mapped back to the original, so evidence still slices the file's text.
# Long runs of punctuation are broken up in the view (see JUNK_RUN), character for character.

_LONE_CR = re.compile(r"\r(?!\n)")
# spaCy's tokenizer takes quadratic time on a run of punctuation with no space in it (3,000
# `(` took 4 s, 20,000 took 150 s): such a run, never text, is read with a space in place of
# every JUNK_RUN-th character, so that reading it is linear.
JUNK_RUN = 32
_JUNK = re.compile(rf"(?:[^\w\s]|_){{{JUNK_RUN},}}")
# An ASCII character never composes with what precedes it and has combining class 0, so NFC
# can be computed piece by piece between them: each piece is an ASCII character and the
# non-ASCII characters after it (or a non-ASCII run at the very start).
_NFC_PIECE = re.compile(r"[\x00-\x7f][^\x00-\x7f]*|[^\x00-\x7f]+")


class ReadingView:
    """`text`, the form of `original` that extraction reads, with `original_offset` to map
    an offset into `text` back to `original`.

    The map is kept as breakpoints: from `_points[i]` on, an offset is shifted by
    `_shifts[i]`. A composed character maps to the start of the characters it was made from,
    so a span of whole characters maps to the span of their originals.
    """

    def __init__(self, original: str) -> None:
        text = _LONE_CR.sub("\n", original)
        self._points: list[int] = [0]
        self._shifts: list[int] = [0]
        if not unicodedata.is_normalized("NFC", text):
            text = self._compose(text)
        self.text = _JUNK.sub(_spaced, text)
        self.original = original

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def original_offset(self, offset: int) -> int:
        index = bisect_right(self._points, offset) - 1
        return offset + self._shifts[index]

    def _compose(self, text: str) -> str:
        parts: list[str] = []
        position = 0  # in the composed text
        for match in _NFC_PIECE.finditer(text):
            piece = match.group()
            composed = unicodedata.normalize("NFC", piece)
            if composed != piece:
                self._map_piece(piece, composed, position, match.start())
            parts.append(composed)
            position += len(composed)
        return "".join(parts)

    def _map_piece(self, piece: str, composed: str, at: int, source: int) -> None:
        """Breakpoints for one piece whose NFC differs, cluster by cluster where possible."""
        clusters = _clusters(piece)
        pairs = [(c, unicodedata.normalize("NFC", c)) for c in clusters]
        if "".join(n for _, n in pairs) != composed:
            pairs = [(piece, composed)]
        for original, normalized in pairs:
            for k in range(len(normalized)):
                # The first character stands for what the cluster lost in composing.
                back = 0 if k == 0 else max(0, len(original) - len(normalized)) + k
                self._add(at + k, source + min(back, len(original) - 1))
            at += len(normalized)
            source += len(original)
        self._add(at, source)

    def _add(self, point: int, original: int) -> None:
        shift = original - point
        if shift == self._shifts[-1]:
            return
        if point == self._points[-1]:
            self._shifts[-1] = shift
        else:
            self._points.append(point)
            self._shifts.append(shift)


def _spaced(match: re.Match[str]) -> str:
    chars = list(match.group())
    for index in range(JUNK_RUN - 1, len(chars), JUNK_RUN):
        chars[index] = " "
    return "".join(chars)


def _clusters(text: str) -> list[str]:
    """`text` cut before each character of combining class 0."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters
