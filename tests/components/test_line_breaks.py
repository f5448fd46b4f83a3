"""Sentence starts at line breaks, but not where a line merely wraps a sentence."""

from __future__ import annotations

from spacy.language import Language


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_lines_without_final_punctuation_are_sentences(nlp: Language) -> None:
    text = (
        "Kon Tum and Niigata sign tourism pact\n"
        "Thanh Mai 07:40, 2024/01/12\n"
        "KON TUM — The two sides signed the pact on Thursday. It covers five years.\n"
        "\n"
        "Governor Hanazumi Hideyo (R) and Chairman Le Ngoc Tuan (Photo: VNA)\n"
        "VNA"
    )
    assert sentences(nlp, text) == [
        "Kon Tum and Niigata sign tourism pact",
        "Thanh Mai 07:40, 2024/01/12",
        "KON TUM — The two sides signed the pact on Thursday.",
        "It covers five years.",
        "Governor Hanazumi Hideyo (R) and Chairman Le Ngoc Tuan (Photo: VNA)",
        "VNA",
    ]


def test_a_wrapped_line_continues_its_sentence(nlp: Language) -> None:
    text = "The delegation from Niigata visited three\nfactories and a port on Friday.\nNext line"
    assert sentences(nlp, text) == [
        "The delegation from Niigata visited three\nfactories and a port on Friday.",
        "Next line",
    ]


def test_windows_line_endings_and_indented_lines(nlp: Language) -> None:
    text = "First headline here\r\n   Second line starts here\r\n\r\nThird line"
    assert sentences(nlp, text) == ["First headline here", "Second line starts here", "Third line"]


def test_degenerate_texts(nlp: Language) -> None:
    for text in ("", "\n", "\n\n\nword", "word\n", "a\nb"):
        assert "".join(s.text for s in nlp(text).sents) == text
