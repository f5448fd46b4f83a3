"""The shared token view agrees with spaCy's own Token attributes, on every token."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.attrs import LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from factories import run
from vjties import keys
from vjties.extract import process
from vjties.tokens import TokenView, release, view, word_hashes, word_key

TEXT = (
    "Vice Chairman Nguyễn Văn An met Japan’s Gifu delegation in Hà Nội on May 3.\n\n"
    "  The two sides signed an MoU. Governor Furuta said:\xa0“Welcome!”\n"
    "HANOI (VNA) - Trade rose 12%."
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    document = nlp(TEXT)
    document._.doc_id = "tv"
    return document


def test_every_attribute_is_spacys(doc: Doc) -> None:
    v = TokenView(doc)
    assert v.n == len(doc) and v.text == doc.text
    for token in doc:
        i = token.i
        assert v.orth[i] == token.orth and v.lower_hash[i] == token.lower
        assert v.norm_hash[i] == token.norm and v.idx[i] == token.idx
        assert (v.lower(i), v.norm(i), v.text_of(i)) == (token.lower_, token.norm_, token.text)
        assert v.lower_folded(i) == token.lower_.replace("’", "'")
        assert v.key(i) == word_key(token.text)
        assert v.is_space(i) == token.is_space and v.is_alpha(i) == token.is_alpha
        assert v.is_punct(i) == token.is_punct and v.is_stop(i) == token.is_stop
        assert v.is_upper(i) == token.is_upper and v.is_title(i) == token.is_title
        assert v.is_capitalised(i) == token.text[:1].isupper()
        assert v.length(i) == len(token)
        assert (v.start_char(i), v.end_char(i)) == (token.idx, token.idx + len(token))
        assert v.sentence_bounds(i) == (token.sent.start, token.sent.end)
    assert v.words() == [t.text for t in doc]
    assert v.keys() == [word_key(t.text) for t in doc]
    assert v.sentences() == [(s.start, s.end) for s in doc.sents]
    assert v.span_text(2, 5) == doc[2:5].text and v.span_chars(2, 5) == (
        doc[2:5].start_char,
        doc[2:5].end_char,
    )


def test_keys_fold_case_diacritics_and_the_typographic_apostrophe() -> None:
    assert [word_key(w) for w in ("Nguyễn", "HANOI", "Japan’s", "Đà")] == [
        "nguyen",
        "hanoi",
        "japan's",
        "da",
    ]


def test_positions_find_every_token_of_the_words(doc: Doc) -> None:
    v = TokenView(doc)
    expected = [t.i for t in doc if t.lower_ in {"the", "gifu", "mou"}]
    assert v.positions(["the", "gifu", "mou", "absent"]) == expected
    assert v.positions([]) == []
    assert v.positions(["Gifu"], attr="orth") == [t.i for t in doc if t.text == "Gifu"]


def test_contains_is_a_gate_over_a_token_range(doc: Doc) -> None:
    v = TokenView(doc)
    gifu = next(t.i for t in doc if t.text == "Gifu")
    gate = word_hashes(["gifu", "osaka"])
    assert v.contains(gate, gifu - 2, gifu + 1)
    assert not v.contains(gate, gifu + 1, len(doc))
    assert v.contains(gate, -5, gifu + 1)  # a range starting before the Doc is clipped


def test_skip_and_back_step_over_white_space_tokens(doc: Doc) -> None:
    v = TokenView(doc)
    blank = next(t.i for t in doc if t.is_space)
    assert not v.is_space(v.skip(blank)) and v.skip(blank) > blank
    assert not v.is_space(v.back(blank)) and v.back(blank) < blank
    assert v.back(-1) == -1 and v.skip(len(doc)) == len(doc)


def test_set_norm_keeps_the_columns_in_step(doc: Doc) -> None:
    v = TokenView(doc)
    i = next(t.i for t in doc if t.text == "Hà")
    assert v.positions(["ha"], attr="norm") == []
    v.set_norm(i, doc.vocab.strings.add("ha"))
    assert v.norm(i) == "ha" and v.positions(["ha"], attr="norm") == [i]


def test_boilerplate_and_evidence(doc: Doc) -> None:
    v = TokenView(doc)
    start = TEXT.index("HANOI")
    doc._.boilerplate = [[start, len(TEXT), "sign_off"]]
    hanoi = next(t.i for t in doc if t.text == "HANOI")
    assert v.in_boilerplate(hanoi, hanoi + 1) and not v.in_boilerplate(0, 3)
    assert not v.in_boilerplate(hanoi, hanoi)  # an empty range touches nothing
    assert v.evidence(0, 4) == {"document": "tv", "start": 0, "end": 4, "text": "Vice"}
    doc._.boilerplate = None


def test_the_view_is_built_once_per_doc_and_released(doc: Doc) -> None:
    first = view(doc)
    assert TokenView.of(doc) is first and doc.user_data[keys.TOKEN_VIEW] is first
    release(doc)
    assert keys.TOKEN_VIEW not in doc.user_data and view(doc) is not first
    release(doc)


def test_a_doc_holding_a_view_still_serialises(nlp: Language) -> None:
    doc = run(nlp, "Hanoi and Osaka signed an MoU in 2020.")
    assert isinstance(doc.user_data.get(keys.TOKEN_VIEW), TokenView)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored.user_data[keys.TOKEN_VIEW] is None  # a cache: rebuilt on demand
    assert TokenView.of(restored).words() == [t.text for t in doc]
    assert pickle.loads(pickle.dumps(restored)).text == doc.text


def test_the_pipeline_hands_back_docs_without_a_view(nlp: Language) -> None:
    doc = process("Hanoi and Osaka signed an MoU in 2020.", "t", nlp)
    assert keys.TOKEN_VIEW not in doc.user_data


def test_span_groups_are_read_once_until_replaced(nlp: Language) -> None:
    doc = run(nlp, "Hanoi and Osaka signed an MoU in 2020.")
    v = view(doc)
    spans = v.spans(keys.LOCALITIES)
    assert [s.text for s in spans] == ["Hanoi", "Osaka"] and v.spans(keys.LOCALITIES) is spans
    doc.spans[keys.LOCALITIES] = spans[:1]
    assert [s.text for s in v.spans(keys.LOCALITIES)] == ["Hanoi"]
    assert v.spans("no such group") == []


def test_an_empty_doc() -> None:
    empty = spacy.blank("en")("")
    v = TokenView(empty)
    assert (v.n, v.sentences(), v.positions(["a"]), v.words()) == (0, [], [], [])


def test_positions_by_folded_key(doc: Doc) -> None:
    v = TokenView(doc)
    assert v.positions(["nguyen", "ha", "noi"], attr="key") == [
        t.i for t in doc if t.text in {"Nguyễn", "Hà", "Nội"}
    ]
    assert v.positions(["nguyen"]) == []  # not its lower case


def test_sentence_spans_lowers_columns_and_memo(doc: Doc) -> None:
    v = TokenView(doc)
    last = len(doc) - 1
    assert v.sentence_span(last) == doc[last].sent and v.sentence_span(last) is v.sentence_span(
        last
    )
    assert v.lowers(0, 4) == [t.lower_ for t in doc[0:4]]
    assert v.to_array((LENGTH,)) is v.to_array((LENGTH,))
    assert v.to_array((LENGTH,)).tolist() == [len(t) for t in doc]
    calls: list[int] = []
    assert v.memo(("test", 1), lambda: calls.append(1) or "done") == "done"
    assert v.memo(("test", 1), lambda: calls.append(1) or "again") == "done" and calls == [1]
