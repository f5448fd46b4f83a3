from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vjties.text import JUNK_RUN, ReadingView, fold, slugify, to_ascii


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đà Nẵng", "da nang"),
        ("Ðông Hà", "dong ha"),  # GeoNames writes U+00D0 (eth) where Vietnamese has Đ
        ("Bà Rịa - Vũng Tàu", "ba ria-vung tau"),
        ("Bà Rịa–Vũng Tàu", "ba ria-vung tau"),
        ("  HCM   City ", "hcm city"),
        ("Ōsaka", "osaka"),
        ("People’s Committee", "people's committee"),
    ],
)
def test_fold_ignores_case_diacritics_dashes_and_spacing(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_to_ascii_keeps_case() -> None:
    assert to_ascii("Thành phố Hồ Chí Minh") == "Thanh pho Ho Chi Minh"


@pytest.mark.parametrize(
    ("raw", "slug"),
    [("Ho Chi Minh City", "ho-chi-minh-city"), ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau")],
)
def test_slugify(raw: str, slug: str) -> None:
    assert slugify(raw) == slug


# Issue 14, rows 7 and 14: the reading view (NFC, CR as LF) and the way back.

DA_NANG = "Đà Nẵng: Chủ tịch Lê Trung Chinh tiếp ông Yuji Kuroiwa tại Hội An.\n"


def test_nfd_is_read_composed_and_offsets_map_back() -> None:
    original = unicodedata.normalize("NFD", DA_NANG)
    view = ReadingView(original)
    assert view.text == DA_NANG and view.changed
    for word in ("Đà Nẵng", "Lê Trung Chinh", "Hội An", "Yuji Kuroiwa"):
        start = DA_NANG.index(word)
        back = original[view.original_offset(start) : view.original_offset(start + len(word))]
        assert back == unicodedata.normalize("NFD", word)
    assert view.original_offset(len(view.text)) == len(original)


@pytest.mark.parametrize(
    ("original", "read"),
    [("a\rb\r\nc\r", "a\nb\r\nc\n"), ("\r\r", "\n\n"), ("no breaks", "no breaks")],
)
def test_cr_line_endings_are_read_as_lf_offset_for_offset(original: str, read: str) -> None:
    view = ReadingView(original)
    assert view.text == read
    assert view.changed == (original != read)
    assert [view.original_offset(i) for i in range(len(read) + 1)] == list(range(len(read) + 1))


def test_text_in_nfc_is_read_as_it_is() -> None:
    view = ReadingView(DA_NANG)
    assert view.text is DA_NANG and not view.changed


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    | st.just("a\r\nb\rc")
    | st.just(":" * 28 + "\x1b{{{")  # a punctuation run of JUNK_RUN, spaced in the view
)
def test_every_offset_maps_back_in_order_and_whole_clusters_to_their_originals(
    text: str,
) -> None:
    original = unicodedata.normalize("NFD", text)
    view = ReadingView(original)
    read = unicodedata.normalize("NFC", re.sub("\r(?!\n)", "\n", original))
    # A run of JUNK_RUN punctuation characters or more is read with every JUNK_RUN-th one a space.
    assert len(view.text) == len(read)
    assert all(
        shown == kept or (shown == " " and not (kept.isalnum() or kept.isspace()))
        for shown, kept in zip(view.text, read, strict=True)
    )
    mapped = [view.original_offset(i) for i in range(len(view.text) + 1)]
    assert mapped[0] == 0 and mapped[-1] == len(original)
    assert mapped == sorted(mapped)


def test_long_runs_of_punctuation_are_broken_up_character_for_character() -> None:
    # spaCy's tokenizer is quadratic on them: 20,000 `(` took 150 s.
    original = "Hanoi " + "(" * 70 + " ok ===== " + "=" * (JUNK_RUN - 1) + " end"
    view = ReadingView(original)
    assert len(view.text) == len(original) and view.changed
    assert view.text == "Hanoi " + ("(" * 31 + " ") * 2 + "(" * 6 + " ok ===== " + "=" * 31 + " end"
    assert [view.original_offset(i) for i in range(len(original) + 1)] == list(
        range(len(original) + 1)
    )
