"""Run the pipeline over articles and turn each processed Doc into a dataset fragment."""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from vjties.components.organizations import organization_records
from vjties.dataset import link_events, link_localities, merge_datasets
from vjties.errors import InputError
from vjties.extensions import TEXT_KEY
from vjties.fragments import Fragment, fragment_of
from vjties.grounding import move_fragment
from vjties.ids import numbered, without_ordinal
from vjties.models import FACT_TYPES, BoilerplateSpan, Dataset, Document
from vjties.page import Metadata, analyse_page
from vjties.pipeline import shared_pipeline
from vjties.reader import SourceText
from vjties.text import ReadingView
from vjties.tokens import release as release_view


def process(text: str, doc_id: str = "stdin", nlp: Language | None = None) -> Doc:
    """Run the whole pipeline over one text."""
    nlp = nlp or shared_pipeline()
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    # The tokenizer keeps every character, so the input is doc.text: spare the rebuild.
    doc.user_data[TEXT_KEY] = text
    doc = nlp(doc)
    release_view(doc)  # the shared token view holds Python objects; the Doc is done with it
    return doc


#: Fact types not read from the Doc attribute of their name: organizations come from two
#: components (the organizations' own and the bodies the officials' roles name).
RECORD_READERS: dict[str, Callable[[Doc], list[dict[str, Any]]]] = {
    "organizations": organization_records,
}


def doc_to_dataset(doc: Doc, path: str, sha256: str, encoding: str = "utf-8") -> Dataset:
    """The dataset fragment of one processed document."""
    meta: dict[str, Any] = doc._.meta or {}
    document = Document(
        id=str(doc._.doc_id),
        path=path,
        sha256=sha256,
        encoding=encoding,
        title=meta.get("title"),
        published=meta.get("published"),
        dateline=meta.get("dateline"),
        source=meta.get("source"),
        boilerplate=[
            {"start": start, "end": end, "kind": kind}
            for start, end, kind in doc._.boilerplate or []
        ],
    )
    facts: dict[str, list[Any]] = {}
    for field, (model, _) in FACT_TYPES.items():
        read = RECORD_READERS.get(field)
        raws = read(doc) if read is not None else getattr(doc._, field)
        records = [model.model_validate(raw) for raw in raws or []]
        facts[field] = sorted(records, key=lambda r: str(getattr(r, "id", "")))
    return link_events(link_localities(Dataset(documents=[document], **facts)))


def extract_source(source: SourceText, nlp: Language | None = None) -> Dataset:
    """The fragment of one article, and of each story glued onto it (`ID~2`, ...).

    A copy of an earlier article (`source.duplicate_of`) is a document without facts: they
    are counted once, in the first copy. A web page's document keeps the page's metadata
    where the text gave none, and its text, which the offsets point into.
    """
    if source.duplicate_of is not None:
        return Dataset(documents=[_document(source)])
    fragment = _extract_article(source, nlp)
    document = fragment.documents[0]
    if source.page is not None:
        page = source.page
        document.title = document.title or page.title
        document.published = document.published or _iso_date(page.published)
        document.source = document.source or page.site
        document.author = page.author
        document.text = source.text
    glued = [span for span in document.boilerplate if span.kind == "second_story"]
    if not glued:
        return fragment
    stories = [fragment]
    for number, span in enumerate(glued, start=2):
        story = replace(source, id=f"{source.id}~{number}", text=source.text[span.start : span.end])
        part = _extract_article(story, nlp)
        part.documents[0].text = story.text
        stories.append(part)
    return merge_datasets(stories)


def _document(source: SourceText) -> Document:
    """The document record of a copy: where it is and which article it copies."""
    return Document(
        id=source.id,
        path=source.path,
        sha256=source.sha256,
        encoding=source.encoding,
        duplicate_of=source.duplicate_of,
    )


def _iso_date(value: str | None) -> str | None:
    """A page's date if it is an ISO date (trafilatura gives YYYY-MM-DD), else None."""
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _extract_article(source: SourceText, nlp: Language | None = None) -> Dataset:
    """The fragment of one text: read through its `ReadingView` (NFC, CR line endings as
    LF), in chunks if it is long, with every offset mapped back to the article's own text."""
    view = ReadingView(source.text)
    if len(view.text) <= CHUNK_CHARS:
        doc = process(view.text, source.id, nlp)
        fragment = doc_to_dataset(doc, source.path, source.sha256, source.encoding)
    else:
        fragment = _extract_in_chunks(view.text, source, nlp)
    if view.changed:
        fragment = move_fragment(fragment, view.original_offset, source.text)
    return fragment


# Longer texts are read in chunks of at most this many characters, cut at a paragraph or line
# break where there is one: spaCy refuses texts over nlp.max_length (1,000,000), and memory
# grows with the length of a Doc (some 85 bytes a character).
CHUNK_CHARS = 500_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks of `text`, each at most `size` long, ending after
    the last blank line, else line break, else space in their second half."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + size // 2, end)
            if cut != -1:
                end = cut + len(separator)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _extract_in_chunks(text: str, source: SourceText, nlp: Language | None) -> Dataset:
    """A long text read chunk by chunk, as one document.

    The metadata (title, publication date, dateline, boilerplate) are those of the whole
    text, given to every chunk, so dates resolve against the publication date and a story
    glued on after a sign-off stays boilerplate. A fact that straddles two chunks is lost.
    """
    nlp = nlp or shared_pipeline()
    meta = analyse_page(text)
    fragments: list[Dataset] = []
    for start, end in chunk_bounds(text, CHUNK_CHARS):
        doc = _process_chunk(text[start:end], source.id, nlp, meta, start)
        fragment = doc_to_dataset(doc, source.path, source.sha256, source.encoding)
        fragments.append(move_fragment(fragment, _shifted_by(start)))
    return _join_chunks(fragments, meta)


def _shifted_by(start: int) -> Callable[[int], int]:
    """Offsets in a chunk -> offsets in the text it was cut from."""
    return lambda offset: offset + start


def _process_chunk(chunk: str, doc_id: str, nlp: Language, meta: Metadata, start: int) -> Doc:
    """The pipeline over one chunk, with the whole text's metadata in place of what the
    metadata component would find in the chunk alone."""
    doc = nlp.make_doc(chunk)
    doc._.doc_id = doc_id
    doc.user_data[TEXT_KEY] = chunk
    end = start + len(chunk)
    for name, component in nlp.pipeline:
        if name != "vjties_metadata":
            doc = component(doc)
            continue
        underscore = doc._
        underscore.meta = {
            "title": meta.title,
            "published": meta.published,
            "dateline": meta.dateline,
            "source": meta.source,
        }
        underscore.boilerplate = [
            [max(s, start) - start, min(e, end) - start, kind]
            for s, e, kind in meta.boilerplate
            if s < end and e > start
        ]
    return doc


# Records read once each: the same id from two chunks is two readings, so the later one is
# numbered on, as a component numbers a second record with the same id (`2023#2`).
_ONE_READING_FIELDS = ("figures", "dates")


def _join_chunks(fragments: list[Dataset], meta: Metadata) -> Dataset:
    """One fragment from the chunks': the whole text's boilerplate, and records merged."""
    boilerplate = [BoilerplateSpan(start=s, end=e, kind=kind) for s, e, kind in meta.boilerplate]
    taken: dict[str, set[str]] = {field: set() for field in _ONE_READING_FIELDS}
    for fragment in fragments:
        for document in fragment.documents:
            document.boilerplate = boilerplate
        for field in _ONE_READING_FIELDS:
            for record in getattr(fragment, field):
                if record.id in taken[field]:
                    record.id = numbered(without_ordinal(record.id), taken[field])
                taken[field].add(record.id)
    return merge_datasets(fragments)


def extract_text(text: str, doc_id: str = "stdin", path: str = "-") -> Dataset:
    """Extract one text given as a string (handy in tests and notebooks)."""
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceText(id=doc_id, path=path, text=text, sha256=sha256)
    return extract_source(source)


def _extract_in_worker(style: str, item: SourceText | InputError) -> Fragment | InputError:
    """One input's fragment, serialised here so that the parent only merges."""
    return item if isinstance(item, InputError) else fragment_of(extract_source(item), style)


def _start_worker() -> None:
    """Workers leave signals to the parent: Ctrl-C reaches the whole process group, and the
    parent stops them itself (SIGTERM) when it stops. Forked, they would inherit the parent's
    handlers and each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# Inputs in flight in the worker pool at most: enough to keep every worker busy, few enough that
# memory does not grow with the corpus (Pool.imap alone would read every file ahead).
WINDOW_PER_JOB = 64


def extract_fragments(
    items: Iterable[SourceText | InputError], jobs: int = 1, style: str = "jsonl"
) -> Iterator[Fragment | InputError]:
    """The serialised fragment (`vjties.fragments.Fragment`, in `style`) of each source, in
    input order; an InputError passes through as is.

    With `jobs > 1` documents are processed in worker processes, which send back their
    fragments already serialised; the order of the results, and so the output, is the same as
    with one job.
    """
    work = functools.partial(_extract_in_worker, style)
    if jobs <= 1:
        for item in items:
            yield work(item)
        return
    # Workers are forked after the pipeline is built, so each starts with it loaded.
    shared_pipeline()
    in_flight = threading.BoundedSemaphore(jobs * WINDOW_PER_JOB)
    stopped = threading.Event()

    def feed() -> Iterator[SourceText | InputError]:
        # Pool.imap pulls from this in a thread of its own; the semaphore makes it wait
        # while the window is full, and each result taken below frees a place. It gives up
        # when the consumer stops early, or closing the pool would wait for it forever.
        for item in items:
            while not in_flight.acquire(timeout=0.1):
                if stopped.is_set():
                    return
            yield item

    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs, initializer=_start_worker) as pool:
        try:
            for result in pool.imap(work, feed(), chunksize=4):
                in_flight.release()
                yield result
        finally:
            stopped.set()
