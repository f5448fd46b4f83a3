from __future__ import annotations

import pytest

from vjties.names import (
    display_name,
    is_name_word,
    is_vietnamese_name,
    name_country,
    person_id,
    same_person,
    short_keys,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Cuong", True),
        ("Cường", True),
        ("T.", True),
        ("JETRO", False),
        ("said", False),
        ("The", False),
        ("November", False),
        ("Japan", False),
        ("2024", False),
    ],
)
def test_is_name_word(word: str, expected: bool) -> None:
    assert is_name_word(word) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyen Van Binh", True),
        ("Đỗ Thị Lan", True),
        ("Takashi Hamada", False),
        ("Hamada Takashi", False),
        ("Nguyen", False),
    ],
)
def test_is_vietnamese_name(name: str, expected: bool) -> None:
    assert is_vietnamese_name(name.split()) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Le Quoc Bao", "VN"),
        ("Kuroda Haruki", "JP"),
        ("Haruki Kuroda", "JP"),
        ("I. Suzuki", "JP"),
        ("John Smith", None),
    ],
)
def test_name_country(name: str, expected: str | None) -> None:
    assert name_country(name.split()) == expected


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Vo Thanh Tam", ["tam"]),  # Vietnamese: the given name, last
        ("Kuroda Haruki", ["kuroda", "haruki"]),  # Japanese: either end may be the family name
        ("I. Suzuki", ["suzuki"]),  # an initial is never a key
        ("Tam", []),
    ],
)
def test_short_keys(name: str, keys: list[str]) -> None:
    assert short_keys(name.split()) == keys


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kuroda Haruki", "Haruki Kuroda", True),
        ("Kuroda Haruki", "H. Kuroda", True),
        ("Haruki Kuroda", "H. Kuroda", True),
        ("Haruki Kuroda", "K. Kuroda", False),
        ("Vo Thanh Tam", "Võ Thanh Tâm", True),
        ("Vo Thanh Tam", "Vo Thanh Binh", False),
    ],
)
def test_same_person(a: str, b: str, expected: bool) -> None:
    assert same_person(a.split(), b.split()) is expected


def test_display_name_keeps_the_diacritic_form_apart() -> None:
    assert display_name("Võ  Thanh Tâm") == ("Vo Thanh Tam", "Võ Thanh Tâm")
    assert display_name("Vo Thanh Tam") == ("Vo Thanh Tam", None)


def test_person_id_is_the_same_for_both_japanese_orders() -> None:
    assert person_id("Haruki Kuroda") == person_id("Kuroda Haruki") == "person/kuroda-haruki"
    assert person_id("Vo Thanh Tam") == "person/vo-thanh-tam"


def test_person_id_puts_the_part_that_reads_as_a_family_name_first() -> None:
    assert person_id("Tsutomu Takebe") == person_id("Takebe Tsutomu") == "person/takebe-tsutomu"
    assert person_id("John Smith") == "person/john-smith"
    assert person_id("Kizo Hisamoto") == person_id("Hisamoto Kizo") == "person/hisamoto-kizo"
