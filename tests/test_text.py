from __future__ import annotations

import pytest

from vjties.text import fold, slugify, to_ascii


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
