"""Person names: Vietnamese family-first names, Japanese names in either order, initials.

A name is kept as written (ASCII-folded in `name`, the diacritic form in `name_local`) and
gets an id that depends on the name only, so the same person merges across documents.
Short forms used later in a text (`Vu said`, `Ohmura noted`, `PM Chinh`) are keyed here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vjties import lexicon
from vjties.text import fold as _fold_text
from vjties.text import slugify, to_ascii

# Names repeat within and across documents: fold each word once.
fold = lru_cache(maxsize=65536)(_fold_text)

_INITIAL_RE = re.compile(r"^[A-Z]\.$")
_NAME_PART_RE = re.compile(r"^[^\W\d_]+$")
# Hepburn romanisation (resources/person_names.json): (consonant) vowel syllables, syllabic n,
# doubled consonants.
_ROMAJI_RE = lexicon.romanized_japanese()

HONORIFICS: frozenset[str] = lexicon.honorifics()

# Capitalised words that open a sentence or a phrase but never a person's name.
NOT_NAME_WORDS: frozenset[str] = lexicon.not_name_words()


def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(Vietnamese, Japanese) family names, folded (resources/person_names.json)."""
    return lexicon.vietnamese_family_names(), lexicon.japanese_family_names()


def is_initial(part: str) -> bool:
    return bool(_INITIAL_RE.match(part))


@lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """A capitalised word (any script's letters) or an initial (`T.`)."""
    if is_initial(word):
        return True
    if not _NAME_PART_RE.match(word) or not word[0].isupper():
        return False
    if len(word) > 1 and word.isupper():
        return False  # acronyms: VNA, JETRO, HCMC
    return fold(word) not in NOT_NAME_WORDS


def is_capitalised_word(word: str) -> bool:
    """A capitalised word, even one that is usually not a name (`An`, `To`)."""
    return (
        bool(_NAME_PART_RE.match(word))
        and word[0].isupper()
        and not (len(word) > 1 and word.isupper())
    )


def is_vietnamese_surname(word: str) -> bool:
    return fold(word) in _surnames()[0]


def is_vietnamese_name(parts: list[str]) -> bool:
    """Family name first, from the list of Vietnamese family names."""
    vietnamese, _ = _surnames()
    return len(parts) >= 2 and fold(parts[0]) in vietnamese and not is_initial(parts[0])


def name_country(parts: list[str]) -> str | None:
    """`VN` for a Vietnamese family-first name, `JP` for a name with a Japanese family name."""
    _vietnamese, japanese = _surnames()
    if is_vietnamese_name(parts):
        return "VN"
    if len(parts) >= 2 and (fold(parts[0]) in japanese or fold(parts[-1]) in japanese):
        return "JP"
    words = [fold(p) for p in parts if not is_initial(p)]
    if len(parts) == 2 and len(words) == 2 and all(_ROMAJI_RE.match(w) for w in words):
        return "JP"  # both parts read as romanised Japanese: `Takebe Tsutomu`
    return None


def short_keys(parts: list[str]) -> list[str]:
    """Folded short forms a text may use later for this person.

    Vietnamese: the given name (last part). Japanese and others: the family name, which may
    be first or last, so both ends (an initial is never a key).
    """
    if len(parts) < 2:
        return []
    if is_vietnamese_name(parts):
        return [fold(parts[-1])]
    keys = [fold(p) for p in (parts[0], parts[-1]) if not is_initial(p)]
    return list(dict.fromkeys(keys))


def same_person(a: list[str], b: list[str]) -> bool:
    """Same name in either order, or with initials standing for given names (`T. Sato`)."""
    fa = [fold(p) for p in a]
    fb = [fold(p) for p in b]
    if fa == fb or (len(fa) == len(fb) == 2 and fa == fb[::-1]):
        return True
    if len(fa) != len(fb):
        return False
    for order in (fb, fb[::-1]):
        if all(
            x == y
            or (is_initial(pa) and y.startswith(x[0]))
            or (is_initial(pb) and x.startswith(y[0]))
            for x, y, pa, pb in zip(fa, order, a, b if order is fb else b[::-1], strict=True)
        ):
            return True
    return False


def has_initial(parts: list[str]) -> bool:
    return any(is_initial(p) for p in parts)


@lru_cache(maxsize=16384)
def display_name(text: str) -> tuple[str, str | None]:
    """(`name`, `name_local`): ASCII-folded name, and the diacritic form when it differs."""
    text = " ".join(text.split())
    ascii_name = to_ascii(text)
    return ascii_name, (text if ascii_name != text else None)


@lru_cache(maxsize=16384)
def person_id(name: str) -> str:
    """`person/<slug>`, the same whichever order a Japanese name is written in.

    A known family name goes first (`Hideaki Ohmura` -> `person/ohmura-hideaki`); failing
    that, the part that ends like a family name (`-be`, `-mura`) rather than a given name
    (`-ji`, `-shi`) does (`Yuji Kuroiwa` -> `person/kuroiwa-yuji`); failing that, the
    name stays as written.
    """
    parts = name.split()
    if len(parts) == 2 and not is_vietnamese_name(parts):
        _, japanese = _surnames()
        first, last = (int(fold(p) in japanese) for p in parts)
        if first == last and name_country(parts) == "JP":
            first, last = (_family_likeness(fold(p)) for p in parts)
        if last > first:
            parts = parts[::-1]
    return "person/" + slugify(" ".join(parts))


_FAMILY_ENDINGS, _GIVEN_ENDINGS = lexicon.japanese_name_endings()


def _family_likeness(word: str) -> int:
    """+1 for a typical family-name ending, -1 for a given-name one; the longer ending wins."""
    family = max((len(e) for e in _FAMILY_ENDINGS if word.endswith(e)), default=0)
    given = max((len(e) for e in _GIVEN_ENDINGS if word.endswith(e)), default=0)
    return (family > given) - (given > family)
