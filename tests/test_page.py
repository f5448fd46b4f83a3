"""The page analysis (vjties.page): metadata and boilerplate on invented messy dumps (names in no seed), and the seeds."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vjties.page import Metadata, analyse_page

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LEDE = (
    "The northern province of Lang Son and Japan's Toyama prefecture agreed on Friday to "
    "expand exchanges in farming and vocational training."
)


def kinds_of(meta: Metadata, text: str, needle: str) -> set[str]:
    """The boilerplate kinds that cover every character of `needle` in `text` (or empty)."""
    start = text.index(needle)
    end = start + len(needle)
    for s, e, kind in meta.boilerplate:
        if s <= start and end <= e:
            return {kind}
    return set()


def touches_boilerplate(meta: Metadata, text: str, needle: str) -> bool:
    start = text.index(needle)
    end = start + len(needle)
    return any(s < end and start < e for s, e, _ in meta.boilerplate)


def test_spans_are_sorted_non_overlapping_and_within_text() -> None:
    text = (
        "Home / World / Asia\nLang Son welcomes Toyama delegation\nBy Mai Lan\n"
        "10:20, 2022/04/01\n" + LEDE + " (Photo: VNA)\nVNA\nOther news\n09:00, 2022/03/30\n"
        "Headline one\nTeaser one.\n"
    )
    spans = analyse_page(text).boilerplate
    assert spans == sorted(spans)
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start
    assert all(0 <= s < e <= len(text) for s, e, _ in spans)


# --- publication dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (" date 2021-11-05 " + LEDE, "2021-11-05"),
        (" date 2022-01-15\nLang Son and Toyama expand exchanges\n" + LEDE, "2022-01-15"),
        ("Lang Son and Toyama expand exchanges\nThu Ha 08:45, 2022/06/17\n" + LEDE, "2022-06-17"),
        ("Lang Son and Toyama expand exchanges\nJune 9, 2023 - 14:20\n" + LEDE, "2023-06-09"),
        (
            "Lang Son and Toyama expand exchanges\nOctober 12, 2022, 16:40 [GMT+7]\n" + LEDE,
            "2022-10-12",
        ),
        ("Lang Son and Toyama expand exchanges\n17/06/2022 08:45\n" + LEDE, "2022-06-17"),
        ("Lang Son and Toyama expand exchanges\n06/17/2022\n" + LEDE, "2022-06-17"),
        (
            "By VNS / VNS\nPublished: 05/11/2022 07:30 | Updated: 06/11/2022 09:00\n"
            "Lang Son and Toyama expand exchanges\n" + LEDE,
            "2022-11-05",
        ),
        ("Lang Son and Toyama expand exchanges\nUpdated: 2022-11-06 09:00\n" + LEDE, "2022-11-06"),
        (
            "Wednesday, November 9, 2022\nLang Son and Toyama expand exchanges\n" + LEDE,
            "2022-11-09",
        ),
        ("Lang Son and Toyama expand exchanges\nPosted on 9 November 2022\n" + LEDE, "2022-11-09"),
        (
            "Lang Son and Toyama expand exchanges\nPublished: Nov. 9, 2022 at 10:15 am\n" + LEDE,
            "2022-11-09",
        ),
        (
            "Lang Son and Toyama expand exchanges\nBy Mai Lan, 14:05 | 2023.02.28\n" + LEDE,
            "2023-02-28",
        ),
        ("TOKYO, May 5, 2023 (Kyodo) — " + LEDE, "2023-05-05"),
        (
            "Lang Son and Toyama expand exchanges\nLast updated: 2024-03-04T10:12:00+07:00\n"
            + LEDE,
            "2024-03-04",
        ),
        # Time stamps of portals: a section name glued on, a Vietnamese weekday, an outlet.
        (
            "Foreign affairs14/5/2023 09:40\nLang Son and Toyama expand exchanges\n" + LEDE,
            "2023-05-14",
        ),
        (
            "Thứ 5, Ngày 18/05/2023, 10:15\nLang Son and Toyama expand exchanges\n" + LEDE,
            "2023-05-18",
        ),
        (
            "Lang Son and Toyama expand exchanges\nby NDO18 May 2023 Last updated at 10:15 AM\n"
            + LEDE,
            "2023-05-18",
        ),
        ("Lang Son and Toyama expand exchanges\n" + LEDE, None),
        (LEDE + "\nThe two sides will meet again in 2024.", None),
        # A full date and a clock time in a sentence are no stamp.
        (LEDE + "\nThe two sides met on 14/5/2023 at 09:40 in Lang Son.", None),
    ],
)
def test_publication_date_forms(header: str, expected: str | None) -> None:
    assert analyse_page(header).published == expected


def test_date_of_other_news_teasers_is_not_the_publication_date() -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n" + LEDE + "\nThe talks lasted two hours.\n"
        "Other news\n21:10, 2025/02/03\nA headline about something else\n"
        "A teaser sentence about something else.\n"
    )
    assert analyse_page(text).published is None


def test_date_in_the_body_is_not_the_publication_date() -> None:
    body = "\n".join(
        f"Paragraph {n} of the body says something new about the talks." for n in range(4)
    )
    text = (
        "Lang Son and Toyama expand exchanges\n"
        + LEDE
        + "\n"
        + body
        + "\nMarch 3, 2024\nMore prose."
    )
    assert analyse_page(text).published is None


def test_impossible_dates_are_ignored() -> None:
    assert analyse_page("Some headline here now\n31/02/2023 10:00\n" + LEDE).published is None


# --- title ------------------------------------------------------------------------------------


def test_title_after_navigation_and_before_byline() -> None:
    text = (
        "Culture Sports World Business\nHome / Society / Education\n"
        "Toyama teachers visit Lang Son schools\nMinh Chau 09:30, 2023/10/04\n" + LEDE
    )
    meta = analyse_page(text)
    assert meta.title == "Toyama teachers visit Lang Son schools"
    assert not touches_boilerplate(meta, text, "Toyama teachers visit Lang Son schools")
    assert kinds_of(meta, text, "Culture Sports World Business") == {"navigation"}


def test_no_title_when_the_article_opens_with_the_lede() -> None:
    assert analyse_page("HAI PHONG (VNA) – " + LEDE).title is None
    assert analyse_page(" date 2023-01-01 " + LEDE).title is None


def test_a_caption_before_the_lede_is_not_the_title() -> None:
    text = "Delegates at the talks in Lang Son (Photo: VNA)\n" + LEDE
    assert analyse_page(text).title is None


# --- dateline and source ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "source"),
    [
        ("Quy Nhon (VNA) – ", "Quy Nhon", "VNA"),
        ("HÀ NỘI — ", "HÀ NỘI", None),
        ("OSAKA — ", "OSAKA", None),
        ("(QN)- ", None, "QN"),
        ("Ba Ria-Vung Tau (VNA) - ", "Ba Ria-Vung Tau", "VNA"),
        ("", None, None),
    ],
)
def test_dateline_place_and_agency(opening: str, place: str | None, source: str | None) -> None:
    meta = analyse_page("Lang Son and Toyama expand exchanges\n" + opening + LEDE)
    assert meta.dateline == place
    assert meta.source == source


def test_dateline_after_a_glued_photo_credit() -> None:
    text = "A farm in Lang Son. (Photo: langson.gov.vn)Lang Son (VNA) - " + LEDE
    meta = analyse_page(text)
    assert (meta.dateline, meta.source) == ("Lang Son", "VNA")
    assert kinds_of(meta, text, "(Photo: langson.gov.vn)") == {"photo_credit"}
    assert not touches_boilerplate(meta, text, "Lang Son (VNA)")


def test_a_hyphenated_pair_is_not_a_dateline() -> None:
    assert (
        analyse_page("Japan-Vietnam ties grow stronger every year, experts said.").dateline is None
    )


@pytest.mark.parametrize(
    ("ending", "source"),
    [
        ("\nVNA", "VNA"),
        ("\nVietnamplus", "Vietnamplus"),
        ("\n-VNA", "VNA"),
        (" — VNS", "VNS"),
        ("\n(VNA)", "VNA"),
        ("\nSource: VNA", "VNA"),
    ],
)
def test_source_from_sign_off(ending: str, source: str) -> None:
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + ending
    meta = analyse_page(text)
    assert meta.source == source
    assert kinds_of(meta, text, ending.strip()) == {"sign_off"}


def test_source_from_byline_outlet() -> None:
    text = "Lang Son and Toyama expand exchanges\nBy Hoang Yen / VNS\n" + LEDE
    meta = analyse_page(text)
    assert meta.source == "VNS"
    assert kinds_of(meta, text, "By Hoang Yen / VNS") == {"byline"}


# --- boilerplate forms ------------------------------------------------------------------------


def test_trending_ribbon_and_section_lines_are_navigation() -> None:
    ribbon = (
        "HOT TOPICS Tet holiday 2024 Lunar New Year festival Smart city forum Ha Long Bay "
        "heritage Green growth week National football team Digital economy Metro line 3 "
        "Floods in the north"
    )
    text = ribbon + "\nNews\nPolitics\nLang Son and Toyama expand exchanges\n" + LEDE
    meta = analyse_page(text)
    assert kinds_of(meta, text, ribbon + "\nNews\nPolitics") == {"navigation"}
    assert meta.title == "Lang Son and Toyama expand exchanges"


@pytest.mark.parametrize(
    "path", ["Home / Business / Markets", "Home > News", "News » World » Asia"]
)
def test_breadcrumb_paths_are_navigation(path: str) -> None:
    text = path + "\nLang Son and Toyama expand exchanges\n" + LEDE
    assert kinds_of(analyse_page(text), text, path) == {"navigation"}


def test_related_news_list_stops_at_the_next_paragraph() -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n" + LEDE + "\nRELATED NEWS\n"
        "Lang Son opens new border gate\nToyama trade fair draws crowds\n"
        "The two sides also discussed a youth football tournament next spring.\n"
    )
    meta = analyse_page(text)
    listed = "RELATED NEWS\nLang Son opens new border gate\nToyama trade fair draws crowds"
    assert kinds_of(meta, text, listed) == {"related"}
    assert not touches_boilerplate(meta, text, "The two sides also discussed")


def test_tag_line() -> None:
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\nTAG: Lang Son Toyama cooperation\n"
    assert kinds_of(analyse_page(text), text, "TAG: Lang Son Toyama cooperation") == {"tags"}


@pytest.mark.parametrize("heading", ["Other news", "Latest articles", "MORE NEWS"])
def test_other_news_lists_with_timestamps_and_teasers(heading: str) -> None:
    listing = (
        heading + "\n18:40, 2024/12/01\nKhanh Hoa unveils airport expansion plan\n"
        "The province plans to double passenger capacity by 2030.\n\n"
        "07:15, 2024/11/30\nYoung coders from Hue win regional prize\n"
        "Twelve students took part in the contest in Singapore."
    )
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\n" + listing + "\n"
    meta = analyse_page(text)
    assert kinds_of(meta, text, listing) == {"other_news"}
    assert meta.published is None


def test_widgets_back_to_top_and_leave_a_reply() -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n" + LEDE + "\nShare this article\nBack to top\n"
        "LEAVE A REPLY\nPlease enter your comment!\n"
    )
    meta = analyse_page(text)
    for widget in (
        "Share this article",
        "Back to top",
        "LEAVE A REPLY",
        "Please enter your comment!",
    ):
        assert kinds_of(meta, text, widget) == {"widget"}


def test_copyright_and_address_footer() -> None:
    footer = (
        "© Copyright 2024 The Northern Herald. All rights reserved.\n"
        "Address: 25 Nguyen Du Street, Hai Ba Trung District, Hanoi\n"
        "Tel: (+84) 24 3822 0000 - Email: news@example.vn\n"
        "Licence No. 123/GP-BTTTT"
    )
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\n" + footer + "\n"
    assert kinds_of(analyse_page(text), text, footer) == {"footer"}


def test_a_sentence_about_copyright_law_is_not_a_footer() -> None:
    sentence = (
        "The two sides also agreed to share experience in enforcing copyright rules for "
        "software, music and films, which both countries have tightened in recent years."
    )
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\n" + sentence + "\n"
    assert not touches_boilerplate(analyse_page(text), text, sentence)


def test_image_alt_text() -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n" + LEDE + "\nDelegates at the meeting hinh anh 3\n"
    )
    meta = analyse_page(text)
    assert kinds_of(meta, text, "hinh anh 3") == {"alt_text"}
    assert not touches_boilerplate(meta, text, "Delegates at the meeting")


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Chairman Vo Minh Tri (R) greets Governor Ueda Ken (Photo: VNA)", "(Photo: VNA)"),
        (
            "Vice Chairwoman Dinh Thu Ha (L) and Mayor Oka Jun. Photo: Lan Anh/The Northern Herald",
            "Photo: Lan Anh/The Northern Herald",
        ),
        (
            "The signing ceremony (Photo courtesy of Toyama prefecture)",
            "(Photo courtesy of Toyama prefecture)",
        ),
        ("Visitors at the fair. Photo by Bao Tran", "Photo by Bao Tran"),
        ("A tea garden in Lang Son (Illustrative photo: VNA)", "(Illustrative photo: VNA)"),
    ],
)
def test_photo_credits_but_not_caption_names(caption: str, credit: str) -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n"
        + LEDE
        + "\n"
        + caption
        + "\nMore prose follows here."
    )
    meta = analyse_page(text)
    assert kinds_of(meta, text, credit) == {"photo_credit"}
    names = caption[: caption.index(credit)].rstrip(" .")
    assert not touches_boilerplate(meta, text, names)


def test_byline_and_crawl_header_are_boilerplate() -> None:
    text = " date 2023-09-30\nLang Son and Toyama expand exchanges\nBy Pham Thanh Tung\n" + LEDE
    meta = analyse_page(text)
    assert kinds_of(meta, text, "date 2023-09-30") == {"crawl_header"}
    assert kinds_of(meta, text, "By Pham Thanh Tung") == {"byline"}
    assert not touches_boilerplate(meta, text, LEDE)


def test_crawl_header_glued_to_the_lede_covers_only_the_marker() -> None:
    text = " date 2023-09-30 " + LEDE
    meta = analyse_page(text)
    assert meta.published == "2023-09-30"
    assert not touches_boilerplate(meta, text, LEDE)


@pytest.mark.parametrize("marker", ["/.", "./."])
def test_sign_off_markers(marker: str) -> None:
    text = "Lang Son and Toyama expand exchanges\n" + LEDE[:-1] + marker + "\n"
    meta = analyse_page(text)
    assert kinds_of(meta, text, marker) == {"sign_off"}
    assert not touches_boilerplate(meta, text, LEDE[:-1])


def test_glued_second_story_after_the_sign_off() -> None:
    second = (
        "Khanh Hoa seeks Korean tourists\n"
        "The south-central province of Khanh Hoa will host a tourism roadshow in Busan next month."
    )
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "/.\n" + second
    meta = analyse_page(text)
    assert kinds_of(meta, text, second) == {"second_story"}
    assert not touches_boilerplate(meta, text, LEDE[:-1])


def test_glued_second_story_with_a_dateline_after_a_sign_off_line() -> None:
    second = "Hue (VNA) – The central city of Hue opened a flower festival on Saturday."
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\nVNA\n" + second + "\nVNA"
    meta = analyse_page(text)
    assert kinds_of(meta, text, second + "\nVNA") == {"second_story"}
    assert meta.dateline is None


def test_reporter_name_after_the_sign_off() -> None:
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\nVNS\nMinh Phuong\n"
    meta = analyse_page(text)
    assert kinds_of(meta, text, "VNS\nMinh Phuong") == {"sign_off"}


def test_body_paragraphs_are_never_boilerplate() -> None:
    body = (
        "Chairman Vo Minh Tri said the province wants more investment from Toyama firms.\n"
        "Last year, two-way trade reached 120 million USD, up 15 percent."
    )
    text = (
        "Home / Economy\nLang Son and Toyama expand exchanges\n"
        + LEDE
        + "\n"
        + body
        + "\nVNA\nBack to top"
    )
    meta = analyse_page(text)
    assert not touches_boilerplate(meta, text, LEDE + "\n" + body)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "VNA", "Back to top", "/.", " date 2020-01-01"])
def test_degenerate_texts(text: str) -> None:
    meta = analyse_page(text)
    assert all(0 <= s < e <= len(text) for s, e, _ in meta.boilerplate)


def test_windows_line_endings_keep_offsets() -> None:
    text = (
        "Home / Economy / Trade\r\nLang Son and Toyama expand exchanges\r\n" + LEDE + "\r\nVNA\r\n"
    )
    meta = analyse_page(text)
    assert meta.title == "Lang Son and Toyama expand exchanges"
    assert kinds_of(meta, text, "Home / Economy / Trade") == {"navigation"}
    assert kinds_of(meta, text, "VNA") == {"sign_off"}


# --- the seeds ------------------------------------------------------------------------------


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "published"),
    [("000", None), ("001", None), ("002", None), ("003", "2023-03-08"), ("004", "2024-08-24")],
)
def test_seed_publication_dates(prefix: str, published: str | None) -> None:
    assert analyse_page(seed(prefix)).published == published


def test_seed_003_ribbon_and_other_news_are_boilerplate() -> None:
    text = seed("003")
    meta = analyse_page(text)
    ribbon = text.split("\n", 1)[0]
    assert kinds_of(meta, text, ribbon) == {"navigation"}
    other = text[text.index("Other news") :].rstrip()
    assert kinds_of(meta, text, other) == {"other_news"}
    assert meta.title is not None and "Kyushu Economic Federation" in meta.title


# --- never crash ----------------------------------------------------------------------------

LINE_PARTS = [
    "Home / News",
    "VNA",
    "./.",
    " date 2023-01-02",
    "Other news",
    "RELATED NEWS",
    "TAG: a b",
    "(Photo: VNA)",
    "Photo: An Binh/The Daily",
    "hinh anh 2",
    "12:30, 2024/02/30",
    "HÀ NỘI — ",
    "(BD)-",
    "Back to top",
    "© 2024",
    LEDE,
    "A short headline here",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(LINE_PARTS), st.text(max_size=40)),
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n", "\n\n", " "]),
)
def test_any_text_gives_sorted_spans_inside_it(parts: list[str], separator: str) -> None:
    text = separator.join(parts)
    meta = analyse_page(text)
    assert all(0 <= s < e <= len(text) for s, e, _ in meta.boilerplate)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(meta.boilerplate))
    if meta.published is not None:
        assert len(meta.published) == 10


def test_an_acronym_heading_inside_the_article_is_not_a_sign_off() -> None:
    body = "The agency will fund two vocational schools in the province, its director said."
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\nJICA\n" + body + "\nVNA\n"
    meta = analyse_page(text)
    assert not touches_boilerplate(meta, text, body)
    assert kinds_of(meta, text, "VNA") == {"sign_off"}


def test_the_word_photo_in_prose_is_not_a_credit() -> None:
    body = "Visitors took a photo by the lake before the talks began in the afternoon."
    text = "Lang Son and Toyama expand exchanges\n" + LEDE + "\n" + body + "\n"
    assert not touches_boilerplate(analyse_page(text), text, body)


def test_an_agency_opening_the_lede_is_a_source_not_a_place() -> None:
    meta = analyse_page("NDO - " + LEDE + "\nTranslated by Quynh Chi")
    assert (meta.dateline, meta.source) == (None, "NDO")
    text = "NDO - " + LEDE + "\nTranslated by Quynh Chi"
    assert kinds_of(meta, text, "Translated by Quynh Chi") == {"byline"}


def test_an_outlet_line_in_the_header_is_not_the_title() -> None:
    text = (
        "Published: 06/05/2024 10:15 GMT+7\nLang Son and Toyama expand exchanges\n"
        "Tuoi Tre News\n" + LEDE + "\nTuoi Tre News"
    )
    meta = analyse_page(text)
    assert meta.title == "Lang Son and Toyama expand exchanges"
    assert meta.source == "Tuoi Tre News"
    assert kinds_of(meta, text, "Tuoi Tre News") == {"byline"}


def test_agency_photo_credit() -> None:
    text = (
        "Lang Son and Toyama expand exchanges\n" + LEDE + "\n"
        "Pupils from Lang Son at a cultural event. — VNS Photo Thu Hien\nMore prose follows here."
    )
    meta = analyse_page(text)
    assert kinds_of(meta, text, "— VNS Photo Thu Hien") == {"photo_credit"}
    assert not touches_boilerplate(meta, text, "Pupils from Lang Son at a cultural event.")


def test_a_list_of_other_news_before_the_article() -> None:
    listing = (
        "Latest news\n10:00, 2024/01/05\nDong Thap hosts lotus festival\n"
        "The festival drew thousands of visitors."
    )
    text = listing + "\nLang Son and Toyama expand exchanges\nMai Lan 09:30, 2024/01/06\n" + LEDE
    meta = analyse_page(text)
    assert kinds_of(meta, text, listing) == {"other_news"}
    assert meta.title == "Lang Son and Toyama expand exchanges"
    assert meta.published == "2024-01-06"
    assert not touches_boilerplate(meta, text, LEDE)


def test_a_row_of_section_names_is_not_the_title() -> None:
    text = "Politics Business Society Culture Sports\n" + LEDE
    meta = analyse_page(text)
    assert meta.title is None
    assert kinds_of(meta, text, "Politics Business Society Culture Sports") == {"navigation"}


HEAD = "Lang Son and Toyama expand exchanges\nBy Mai Lan\n"
CLOSE = "\nThe delegation will return in October to sign a memorandum on training.\nVNA\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of May, Japanese firms had poured 2 billion USD into the province.",
        "By 2030, the province aims to attract 50 more enterprises from Okayama.",
        "by contrast, exports to Okayama rose 12 percent last year.",
        "By Friday, Okayama had sent 30 interns to the vocational school.",
        "By a margin of 20 votes, the council approved the twinning plan.",
        "Reporters from both sides attended the signing in the provincial capital.",
        "Text messages about the fair were sent to 3,000 residents.",
        "Story and photos: the exhibition opened with 40 booths from Shiga.",
    ],
)
def test_a_sentence_opening_with_by_is_not_a_byline(sentence: str) -> None:
    text = HEAD + LEDE + "\n" + sentence + CLOSE
    assert not touches_boilerplate(analyse_page(text), text, sentence)


@pytest.mark.parametrize(
    "byline",
    [
        "By Minh Anh",
        "By VNA / VNA",
        "By Viet Nam News",
        "BY TRAN THU HA in Osaka",
        "Written by Do Quang Vinh, 08:15 | 2023.02.28",
        "Reporters: Hoang Bao Ngoc and Ly Thanh",
        "By our staff reporter",
        "By a correspondent in Fukuoka",
    ],
)
def test_a_short_line_of_names_or_outlets_is_a_byline(byline: str) -> None:
    text = "Lang Son and Toyama expand exchanges\n" + byline + "\n" + LEDE + CLOSE
    meta = analyse_page(text)
    assert kinds_of(meta, text, byline) == {"byline"}
    assert meta.title == "Lang Son and Toyama expand exchanges"


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright protection for Japanese anime was discussed by 30 delegates.",
        "The editor-in-chief of Kyodo News, Kenji Sato, met 20 Vietnamese journalists in Hue.",
        "Editor-in-chief Kenji Sato met 20 Vietnamese journalists in Hue on Tuesday.",
        "Reproduction of the temple built by Nara craftsmen needed permission from 3 agencies.",
        "Contact between Gifu and Lang Son began in 2010 with a student exchange.",
        "Published data on May 5, 2024 show Japanese investment reached 3 billion USD.",
        "Updated figures released on June 3, 2024 show 45 firms from Gifu in the province.",
        "Date palms planted on 12 May 2023 were exported to Japan for the first time.",
        "An exhibition of images by Toyama photographers opened in Lang Son on Monday.",
        "Photos by Japanese artists were on show at 20 venues in the province.",
        "The fair featured pictures by Kumamoto students and 40 paintings.",
        "Tags on goods exported to Japan will carry QR codes from next year.",
        "Sources said investors from Gifu poured 500 million USD into the park.",
    ],
)
def test_a_sentence_opening_like_boilerplate_keeps_its_facts(sentence: str) -> None:
    text = HEAD + LEDE + "\n" + sentence + CLOSE
    meta = analyse_page(text)
    assert not touches_boilerplate(meta, text, sentence)
    assert meta.published is None


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright Vietnam News Agency",
        "Copyright by Nhan Dan Online.",
        "Editor-in-chief: Tran Van Khoa",
        "Head office: 12 Hang Bai Street, Hanoi",
        "Reproduction without written permission is prohibited.",
    ],
)
def test_footer_lines_are_still_footers(footer: str) -> None:
    text = HEAD + LEDE + CLOSE + footer + "\n"
    assert kinds_of(analyse_page(text), text, footer) == {"footer"}


@pytest.mark.parametrize(
    ("label", "published"),
    [
        ("Published on May 5, 2024", "2024-05-05"),
        ("Published: 05/11/2022 07:30 | Updated: 06/11/2022 09:00", "2022-11-05"),
        ("Updated 08:30 June 3, 2024", "2024-06-03"),
    ],
)
def test_published_labels_followed_by_the_date(label: str, published: str) -> None:
    text = "Lang Son and Toyama expand exchanges\n" + label + "\n" + LEDE + CLOSE
    meta = analyse_page(text)
    assert meta.published == published
    assert kinds_of(meta, text, label) == {"byline"}


def test_a_photo_by_credit_after_a_caption_is_still_a_credit() -> None:
    caption = "Farmers from Toyama visit a tea hill in Lang Son."
    text = HEAD + LEDE + "\n" + caption + " Photo by Bao Tran\n" + CLOSE
    meta = analyse_page(text)
    assert kinds_of(meta, text, "Photo by Bao Tran") == {"photo_credit"}
    assert not touches_boilerplate(meta, text, caption)


@pytest.mark.parametrize("heading", ["VNA", "ODA", "Vietnamplus", "JETRO"])
def test_an_outlet_or_acronym_line_inside_the_body_does_not_end_the_story(heading: str) -> None:
    body = "Japan has provided 2 billion USD in loans to the province of Lang Son since 1995."
    text = HEAD + LEDE + "\n" + heading + "\n" + body + CLOSE
    meta = analyse_page(text)
    assert not touches_boilerplate(meta, text, body)
    assert not touches_boilerplate(meta, text, heading)
