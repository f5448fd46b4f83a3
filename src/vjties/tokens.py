"""One per-Doc view of token attributes that every component reads with the same names.

Why: reading `doc[i].lower_` builds a `Token` per access, and spaCy's per-token attributes,
read for every token of a document, cost about as much as tokenizing it; the components read a
few dozen tokens around each candidate instead. Each component once had its own cache for
that (six idioms); `TokenView` is the one they share, so the rules read alike everywhere and
the speed work lives here:

- one `doc.to_array([ORTH, LOWER, NORM, IDX])` when the view is made, kept as numpy
  (`array`, `column`) and as Python lists (`orth`, `lower_hash`, `norm_hash`, `idx`);
  SENT_START is read when sentences are first asked for;
- strings looked up lazily per token (`lower`, `norm`, `text`; `lower_folded` folds the
  typographic apostrophe, `key` also folds diacritics), or for all tokens at once (`words`,
  `keys`, each word read once per process);
- lexical flags (`is_space`, `is_alpha`, `is_punct`, `is_stop`, `is_upper`, `length`)
  cached per word for the process, and `is_capitalised` from the text;
- character offsets of tokens and spans (`start_char`, `end_char`, `span_chars`,
  `span_text`), grounding (`evidence`), boilerplate (`in_boilerplate`);
- sentences from SENT_START (`sentence_of`, `sentence_bounds`, `sentences`,
  `sentence_span`);
- search: `positions(words)` (every token that is one of some words, by lower case, norm,
  text or folded key: a sort once per column, then a binary search per word),
  `contains(hashes, start, end)` (gates);
- `skip`/`back` over white-space tokens (`\\xa0`, line breaks);
- span groups read once (`spans`), a component's own columns (`to_array`) and per-Doc
  scratch work (`memo`), all freed with the Doc.

`TokenView.of(doc)` builds the view on first use and caches it in `doc.user_data`
(`keys.TOKEN_VIEW`). It is a cache: a Doc that holds one still serialises (`nlp.pipe(...,
n_process=2)`, `Doc.to_bytes`, pickle), the view written as nothing and rebuilt on demand
(an encoder registered with srsly's msgpack, and `__reduce__`). The view refers to its Doc
weakly, so it never keeps a Doc alive; `release(doc)` drops it (`vjties.extract.process`
does). The view is built after sentence boundaries are final (the line-break component never
reads it); a component that changes a token attribute the view holds updates the view too
(`set_norm`).
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from operator import itemgetter
from typing import Any, TypeVar

import numpy
import srsly
from spacy.attrs import IDX, LOWER, NORM, ORTH, SENT_START
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from vjties import keys
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate
from vjties.text import fold

#: The columns of `TokenView.array`, in order.
COLUMNS = (ORTH, LOWER, NORM, IDX)
_COLUMN_OF = {"orth": 0, "lower": 1, "norm": 2, "idx": 3}

# Per process, by ORTH hash (the same in every vocabulary): a word's lexical flags
# (is_space, is_alpha, is_punct, is_stop, is_upper, length), its text, its folded key.
_Flags = tuple[bool, bool, bool, bool, bool, int]
_LEXICAL: dict[int, _Flags] = {}
_TEXTS: dict[int, str] = {}
_KEYS: dict[int, str] = {}
_KEY_HASHES: dict[int, int] = {}
#: The `_sorted` slot of the key hashes (not a column of `array`).
_KEY_COLUMN = -1
T = TypeVar("T")
#: Past this many distinct words the per-process caches stop growing (memory stays flat).
MAX_CACHED_WORDS = 200_000


def word_hashes(words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of `words`: what `contains` and the columns compare."""
    return frozenset(hash_string(word) for word in words)


def word_key(word: str) -> str:
    """A word's matching key: lower case, and folded (`Đà` -> `da`, `’` -> `'`) if non-ASCII."""
    return word.lower() if word.isascii() else fold(word)


class TokenView:
    """The token attributes of one Doc, read lazily (see the module docstring)."""

    __slots__ = (
        "_doc",
        "_doc_id",
        "_keys",
        "_memo",
        "_sentence_spans",
        "_sentence_starts",
        "_sorted",
        "_spans",
        "_strings",
        "_vocab",
        "_words",
        "array",
        "idx",
        "lower_hash",
        "n",
        "norm_hash",
        "orth",
        "text",
    )

    def __init__(self, doc: Doc) -> None:
        # A weak reference: the Doc holds the view (in user_data), and a strong one back would
        # make a cycle that keeps every Doc alive until the cycle collector runs.
        self._doc = weakref.ref(doc)
        self.n = len(doc)
        self.text = doc_text(doc)
        self._vocab = doc.vocab
        self._strings = doc.vocab.strings
        #: `doc.to_array(COLUMNS)` (uint64).
        self.array: numpy.ndarray = (
            doc.to_array(list(COLUMNS))
            if self.n
            else numpy.zeros((0, len(COLUMNS)), dtype=numpy.uint64)
        )
        # Plain lists for the rules: indexing a list is several times faster than numpy's.
        self.orth: list[int]
        self.lower_hash: list[int]
        self.norm_hash: list[int]
        self.idx: list[int]
        if self.n:
            self.orth, self.lower_hash, self.norm_hash, self.idx = self.array.T.tolist()
        else:
            self.orth, self.lower_hash, self.norm_hash, self.idx = [], [], [], []
        # column -> (its values sorted, the token of each sorted value as a list)
        self._sorted: dict[int, tuple[numpy.ndarray, list[int]]] = {}
        self._sentence_starts: list[int] | None = None
        self._words: list[str] | None = None
        self._keys: list[str] | None = None
        self._doc_id: str | None = None
        self._spans: dict[str, tuple[Any, list[Span]]] = {}
        self._sentence_spans: dict[int, Span] = {}
        self._memo: dict[Hashable, Any] = {}

    @property
    def doc(self) -> Doc:
        """The Doc this view reads."""
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of this TokenView is gone")
        return doc

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Pickled as nothing (a pickled Doc carries its user_data): it is a cache."""
        return (_nothing, ())

    @classmethod
    def of(cls, doc: Doc) -> TokenView:
        """The view of `doc`, built on first use and kept in `doc.user_data`."""
        view = doc.user_data.get(keys.TOKEN_VIEW)
        if not isinstance(view, TokenView) or view._doc() is not doc or view.n != len(doc):
            view = doc.user_data[keys.TOKEN_VIEW] = cls(doc)
        return view

    def column(self, attr: str) -> numpy.ndarray:
        """One column as numpy: `orth`, `lower`, `norm`, `idx`, or `sent_start` (read from the
        Doc when first asked for: few components need sentences; uint64, so -1 wraps round)."""
        if attr == "sent_start":
            return self.to_array((SENT_START,)).reshape(-1) if self.n else self.array[:, 0]
        return self.array[:, _COLUMN_OF[attr]]

    def set_norm(self, i: int, norm: int) -> None:
        """Record that token `i`'s NORM is now `norm` (the component set `token.norm_`)."""
        self.norm_hash[i] = norm
        self.array[i, 2] = norm
        self._sorted.pop(2, None)

    # -- strings --------------------------------------------------------------------------

    def lower(self, i: int) -> str:
        """`doc[i].lower_`."""
        return self._strings[self.lower_hash[i]]

    def lower_folded(self, i: int) -> str:
        """`lower` with the typographic apostrophe folded (`Gifu’s` -> `gifu's`)."""
        word: str = self._strings[self.lower_hash[i]]
        return word.replace("’", "'") if "’" in word else word

    def norm(self, i: int) -> str:
        """`doc[i].norm_`."""
        return self._strings[self.norm_hash[i]]

    def text_of(self, i: int) -> str:
        """`doc[i].text`."""
        start = self.idx[i]
        return self.text[start : start + self.length(i)]

    def key(self, i: int) -> str:
        """Token `i`'s matching key (`word_key`): lower case, diacritics folded."""
        return self.keys()[i] if self._keys is not None else _word_key(self.orth[i], self)

    def words(self) -> list[str]:
        """The text of every token (each distinct word looked up once per process)."""
        if self._words is None:
            strings = self._strings
            self._words = _per_word(_TEXTS, self.orth, lambda orth: str(strings[orth]))
        return self._words

    def keys(self) -> list[str]:
        """The matching key (`word_key`) of every token."""
        if self._keys is None:
            self._keys = _per_word(_KEYS, self.orth, lambda orth: _word_key(orth, self))
        return self._keys

    # -- lexical flags --------------------------------------------------------------------

    def flags(self, i: int) -> _Flags:
        """(is_space, is_alpha, is_punct, is_stop, is_upper, length) of token `i`."""
        orth = self.orth[i]
        found = _LEXICAL.get(orth)
        if found is None:
            lex = self._vocab[orth]
            found = (
                lex.is_space,
                lex.is_alpha,
                lex.is_punct,
                lex.is_stop,
                lex.is_upper,
                len(lex.orth_),
            )
            if len(_LEXICAL) < MAX_CACHED_WORDS:
                _LEXICAL[orth] = found
        return found

    def is_space(self, i: int) -> bool:
        """`doc[i].is_space` (only a token that starts with white space can be one)."""
        return self.text[self.idx[i]].isspace() and self.flags(i)[0]

    def is_alpha(self, i: int) -> bool:
        """`doc[i].is_alpha`."""
        return self.flags(i)[1]

    def is_punct(self, i: int) -> bool:
        """`doc[i].is_punct`."""
        return self.flags(i)[2]

    def is_stop(self, i: int) -> bool:
        """`doc[i].is_stop`."""
        return self.flags(i)[3]

    def is_upper(self, i: int) -> bool:
        """`doc[i].is_upper`."""
        return self.flags(i)[4]

    def length(self, i: int) -> int:
        """`len(doc[i])` in characters."""
        return self.flags(i)[5]

    def is_capitalised(self, i: int) -> bool:
        """Whether token `i` starts with an upper-case letter (`doc[i].text[:1].isupper()`)."""
        return self.text[self.idx[i]].isupper()

    def is_title(self, i: int) -> bool:
        """`doc[i].is_title`."""
        return self.text_of(i).istitle()

    # -- offsets, grounding ---------------------------------------------------------------

    def start_char(self, i: int) -> int:
        """`doc[i].idx`."""
        return self.idx[i]

    def end_char(self, i: int) -> int:
        """`doc[i].idx + len(doc[i])`."""
        return self.idx[i] + self.length(i)

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end) (`doc[start:end].start_char/end_char`)."""
        return self.idx[start], self.idx[end - 1] + self.length(end - 1)

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, sliced from the text instead of rebuilt from tokens."""
        if start >= end:
            return ""
        first, last = self.span_chars(start, end)
        return self.text[first:last]

    @property
    def doc_id(self) -> str:
        """The document id (`vjties.extensions.doc_id`), read once."""
        if self._doc_id is None:
            self._doc_id = doc_id(self.doc)
        return self._doc_id

    def evidence(self, start_char: int, end_char: int) -> dict[str, Any]:
        """An Evidence dict for the characters [start_char, end_char) of the document."""
        return evidence(self.doc, start_char, end_char, self.doc_id)

    def in_boilerplate(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) touch a boilerplate span."""
        if start >= end or not self.doc.user_data.get(keys.BOILERPLATE):
            return False
        return in_boilerplate(self.doc, *self.span_chars(start, end))

    # -- white space, sentences -----------------------------------------------------------

    def skip(self, i: int) -> int:
        """The first token at or after `i` that is not white space (`\\xa0`, new lines)."""
        text, idx, n = self.text, self.idx, self.n
        while i < n and text[idx[i]].isspace() and self.flags(i)[0]:
            i += 1
        return i

    def back(self, i: int) -> int:
        """The last token at or before `i` that is not white space (-1 if none)."""
        text, idx = self.text, self.idx
        while i >= 0 and text[idx[i]].isspace() and self.flags(i)[0]:
            i -= 1
        return i

    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order (token 0 always starts one)."""
        if self._sentence_starts is None:
            if not self.n:
                self._sentence_starts = []
            else:
                starts = numpy.flatnonzero(self.column("sent_start") == 1).tolist()
                self._sentence_starts = [0, *(s for s in starts if s != 0)]
        return self._sentence_starts

    def sentence_of(self, i: int) -> int:
        """The index of the sentence holding token `i`."""
        return bisect_right(self.sentence_starts(), i) - 1

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """(start, end) tokens of the sentence holding token `i` (`doc[i].sent`, no rescan)."""
        starts = self.sentence_starts()
        k = bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence, as `doc.sents` gives them."""
        starts = self.sentence_starts()
        return list(zip(starts, [*starts[1:], self.n], strict=False))

    def sentence_span(self, i: int) -> Span:
        """The sentence of token `i` as a Span (`doc[i].sent`), made once per sentence."""
        start, end = self.sentence_bounds(i)
        span = self._sentence_spans.get(start)
        if span is None:
            span = self._sentence_spans[start] = self.doc[start:end]
        return span

    def lowers(self, start: int, end: int) -> list[str]:
        """`lower` of tokens [start, end), as a list (a sentence's words, say)."""
        strings = self._strings
        return [str(strings[h]) for h in self.lower_hash[start:end]]

    # -- more per-Doc data ----------------------------------------------------------------

    def to_array(self, attrs: tuple[int, ...]) -> numpy.ndarray:
        """`doc.to_array(list(attrs))`, made once per Doc for each tuple of attributes (for a
        component's own columns, such as its lexeme flags); one column for one attribute."""
        key = ("to_array", attrs)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.doc.to_array(list(attrs))
        return found

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, once per Doc and `key`: per-document scratch work a component wants to
        keep across its rules (a sentence's clauses, a date table), freed with the Doc. Keys
        are the caller's: prefix them with the component's name."""
        if key in self._memo:
            return self._memo[key]
        value = self._memo[key] = compute()
        return value

    # -- search ---------------------------------------------------------------------------

    def positions(self, words: Iterable[str], attr: str = "lower") -> list[int]:
        """Every token whose `attr` is one of `words`, in order. `attr`: `lower`, `norm`,
        `orth`, or `key` (the folded `key` of each token: `Nguyễn` is found as `nguyen`)."""
        column = _KEY_COLUMN if attr == "key" else _COLUMN_OF[attr]
        ordered = self._sorted.get(column)
        if ordered is None:
            values = self._key_hashes() if attr == "key" else self.array[:, column]
            order = numpy.argsort(values, kind="stable")
            ordered = self._sorted[column] = (values[order], order.tolist())
        values, tokens = ordered
        hashes = numpy.fromiter((hash_string(w) for w in words), dtype=numpy.uint64)
        if not len(values) or not len(hashes):
            return []
        left = numpy.searchsorted(values, hashes, side="left").tolist()
        right = numpy.searchsorted(values, hashes, side="right").tolist()
        # (slices of a list, not of numpy: a few words are looked up, each a short run)
        found = [i for a, b in zip(left, right, strict=True) for i in tokens[a:b]]
        found.sort()
        return found

    def _key_hashes(self) -> numpy.ndarray:
        """The hash of each token's `key` (its LOWER hash, unless the word is not ASCII)."""
        hashes = _per_word(_KEY_HASHES, self.orth, lambda orth: hash_string(_word_key(orth, self)))
        return numpy.array(hashes, dtype=numpy.uint64)

    def contains(self, hashes: frozenset[int], start: int, end: int, attr: str = "lower") -> bool:
        """Whether a token of [start, end) has its `attr` hash in `hashes` (`word_hashes`):
        the gate of a scan that can only conclude at such a word."""
        column = self.norm_hash if attr == "norm" else self.lower_hash
        return not hashes.isdisjoint(column[max(start, 0) : end])

    def spans(self, group: str) -> list[Span]:
        """The spans of `doc.spans[group]` as a list (a SpanGroup builds a Span per access);
        re-read when the group is replaced."""
        current = self.doc.spans.get(group)
        cached = self._spans.get(group)
        if cached is None or cached[0] is not current:
            cached = self._spans[group] = (current, list(current) if current is not None else [])
        return cached[1]


def _per_word(cache: dict[int, T], orths: list[int], compute: Callable[[int], T]) -> list[T]:
    """`cache[orth]` for each of `orths`, computing (and keeping, up to MAX_CACHED_WORDS) what
    the cache lacks. Why: once a process has seen a document's words, as it has most of them
    after a few documents, the whole column is one C-level lookup (`itemgetter`) instead of a
    Python loop over the tokens; a new word costs one `compute`."""
    if not orths:
        return []
    get = itemgetter(*orths)
    try:
        found = get(cache)
    except KeyError:
        missing = set(orths).difference(cache)
        if len(cache) + len(missing) > MAX_CACHED_WORDS:
            return [cache[orth] if orth in cache else compute(orth) for orth in orths]
        for orth in missing:
            cache[orth] = compute(orth)
        found = get(cache)
    # (itemgetter of one key returns the item itself, not a tuple of one)
    return list(found) if len(orths) > 1 else [found]


def _word_key(orth: int, view: TokenView) -> str:
    """`word_key` of a word by its ORTH hash, folded once per process."""
    key = _KEYS.get(orth)
    if key is None:
        key = word_key(str(view._strings[orth]))
        if len(_KEYS) < MAX_CACHED_WORDS:
            _KEYS[orth] = key
    return key


def view(doc: Doc) -> TokenView:
    """`TokenView.of(doc)`: the shared token view of `doc`."""
    return TokenView.of(doc)


def release(doc: Doc) -> None:
    """Drop the view cached on `doc` (its memory goes with it; the Doc is done with it)."""
    doc.user_data.pop(keys.TOKEN_VIEW, None)


def _nothing() -> None:
    """What a pickled TokenView unpickles to."""
    return None


def _serialise_as_nothing(obj: Any, chain: Any = None) -> Any:
    """srsly's msgpack encoder hook: a TokenView in `doc.user_data` is written as nil (it is
    a cache), anything else goes down the chain of encoders."""
    if isinstance(obj, TokenView):
        return None
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("vjties_token_view", func=_serialise_as_nothing)
