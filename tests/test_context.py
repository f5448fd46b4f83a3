"""Article texts for the report and `explain`: read like `extract`, used only when they match."""

from __future__ import annotations

import shutil

from ties.sample import ARTICLES, BINH_DUONG_DOC, DA_NANG_DOC, SISTER, ev, text_of
from vjties.context import Passage, Texts, known_passages, read_articles
from vjties.models import Evidence


def test_articles_are_used_when_their_sha256_matches(sample_ties, tmp_path) -> None:
    shutil.copytree(ARTICLES, tmp_path / "articles")
    (tmp_path / "articles" / f"{BINH_DUONG_DOC}.txt").write_text("edited since", encoding="utf-8")
    (tmp_path / "articles" / "other.txt").write_text("not in the dataset", encoding="utf-8")
    found = read_articles(sample_ties, [str(tmp_path / "articles")])
    assert list(found.texts) == [DA_NANG_DOC]
    assert found.texts[DA_NANG_DOC] == text_of(DA_NANG_DOC)
    assert len(found.problems) == 1 and "SHA-256 differs" in found.problems[0]
    assert found.unknown == [f"{tmp_path}/articles/other.txt"]


def piece(start: int, text: str) -> Evidence:
    return Evidence(document="d", start=start, end=start + len(text), text=text)


def test_overlapping_evidence_joins_into_passages() -> None:
    passages = known_passages(
        [piece(10, "Da Nang and Sakai"), piece(22, "Sakai became sister"), piece(60, "2014")]
    )
    assert passages == [
        Passage(10, "Da Nang and Sakai became sister", "dataset"),
        Passage(60, "2014", "dataset"),
    ]


def test_a_piece_that_disagrees_with_its_overlap_is_left_out() -> None:
    passages = known_passages([piece(0, "Da Nang and Sakai"), piece(12, "Osaka prefecture")])
    assert passages == [Passage(0, "Da Nang and Sakai", "dataset")]


def test_without_texts_a_span_shows_in_the_passage_around_it(sample_ties) -> None:
    texts = Texts(sample_ties)
    sentence = "Da Nang and Sakai city of Osaka prefecture became sister cities in 2014"
    date = ev(DA_NANG_DOC, "2014")
    assert texts.passage(date).text == sentence
    assert texts.passage(date).source == "dataset"
    assert texts.covers(date)
    lone = ev(DA_NANG_DOC, "he said")  # no evidence in the dataset covers it
    assert texts.passage(lone) == Passage(lone.start, "he said", "dataset")
    assert not texts.covers(lone)


def test_with_the_article_a_span_shows_in_its_sentence(sample_ties) -> None:
    texts = Texts(sample_ties, {DA_NANG_DOC: text_of(DA_NANG_DOC)})
    figure = ev(DA_NANG_DOC, "2.1 billion USD")
    sentence = texts.sentence(figure)
    assert (
        sentence.text == "Japanese investors have registered 2.1 billion USD in Da Nang, he said."
    )
    assert sentence.source == "article"
    assert text_of(DA_NANG_DOC)[sentence.start : sentence.end] == sentence.text


def test_a_document_that_stores_its_text_is_used_as_is(sample_ties) -> None:
    """A web page's or a glued story's `documents[].text` is picked up without articles."""
    stored = "Da Nang and Sakai city of Osaka prefecture became sister cities in 2014."
    sample_ties.documents[1].text = stored
    texts = Texts(sample_ties)
    assert texts.full == {DA_NANG_DOC: stored}
    tie = next(p for p in sample_ties.partnerships if p.id == SISTER)
    assert texts.passage(tie.evidence[0]).source == "article"
