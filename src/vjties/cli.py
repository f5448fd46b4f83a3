"""The `vjties` command line: a thin layer over the library.

Data goes to stdout (or `-o FILE`, written atomically); messages and progress go to stderr.
Exit codes are listed in `vjties.errors.ExitCode` and in the README.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar

import typer

from vjties import __version__
from vjties.errors import ExitCode, InputError, OutputError, VjtiesError
from vjties.models import FACT_TYPES, Dataset, Document
from vjties.reader import (
    DEFAULT_GLOB,
    DEFAULT_MAX_BYTES,
    InputFile,
    SourceText,
    find_inputs,
    iter_sources,
)
from vjties.runtime import GuardedGroup, ReadableCommand, err_console, report_error
from vjties.terminal import SafeConsole, escape_controls, message

if TYPE_CHECKING:
    from vjties.diff import DatasetDiff
    from vjties.fragments import Fragment

app = typer.Typer(
    cls=GuardedGroup,
    pretty_exceptions_enable=False,
    name="vjties",
    help=(
        "Extract a source-grounded dataset of Vietnam-Japan subnational ties "
        "(localities, officials, partnerships, figures, dates and events) from news articles."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files or directories (searched recursively); `-` reads stdin.",
        metavar="PATH...",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to FILE atomically instead of stdout.", metavar="FILE"
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="json: one dataset; jsonl: one record a line."),
]
GlobOption = Annotated[
    str,
    typer.Option(
        "--glob", help="File patterns to pick inside directories, comma-separated.", metavar="GLOB"
    ),
]


class IdFrom(StrEnum):
    stem = "stem"
    path = "path"


IdFromOption = Annotated[
    IdFrom,
    typer.Option(
        "--id-from",
        help="Document ids from the file stem, or from the path below the directory given "
        "(for scrapes where every file is index.html).",
    ),
]
ShardOption = Annotated[
    str | None,
    typer.Option(
        "--shard",
        metavar="I/N",
        help="Process only part I of N of the inputs (by document id), for `vjties merge`.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on Dask: tcp://HOST:PORT of a cluster's scheduler (its workers must see "
        "the paths), or `processes` for a local cluster of --jobs workers (one per CPU "
        "if --jobs is 1). Needs `pip install 'vjties[dask]'`.",
    ),
]
NearDuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--near-duplicates",
        help="Also count as copies articles whose word 5-grams overlap an earlier one's by 90% "
        "or more (another site's header, a reworded line).",
    ),
]
KeepDuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--keep-duplicates",
        help="Extract copies of an article (same text) again instead of marking them "
        "duplicate_of the first.",
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Refuse files larger than this.", min=1, metavar="BYTES")
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        help="Worker processes; the output does not depend on it.",
        min=1,
        metavar="N",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings.")]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="Stop at the first unreadable input (exit 2), write nothing."),
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links to directories met inside directories (each walked once).",
    ),
]


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="auto: colour and box rules on a terminal unless NO_COLOR is set; always: also "
        "through a pipe (for less -R); never: plain text.",
    ),
]


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


DatasetArgument = Annotated[
    str, typer.Argument(help="A vjties dataset, JSON or jsonl; `-` reads stdin.", metavar="DATASET")
]
DiffFormatOption = Annotated[
    DiffFormat,
    typer.Option("--format", "-f", help="text: a summary, then each change; json: for machines."),
]
StatOption = Annotated[bool, typer.Option("--stat", help="Only the counts per record type.")]
IgnoreEvidenceOption = Annotated[
    bool,
    typer.Option(
        "--ignore-evidence",
        help="Leave out evidence that only moved (same text, shifted offsets).",
    ),
]
ComparePathsOption = Annotated[
    bool,
    typer.Option(
        "--compare-paths",
        help="Also compare the documents' paths (by default a corpus moved to another "
        "folder is the same corpus).",
    ),
]


def fail(error: VjtiesError) -> typer.Exit:
    """Print `error` (escaped) on stderr; the Exit carrying its code."""
    return report_error(error)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"vjties {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Extract a source-grounded dataset of Vietnam-Japan subnational ties from news articles."""


class _Read(Protocol):
    """A text read, or its fragment: either may carry the reader's warning."""

    @property
    def warning(self) -> str | None: ...


ReadT = TypeVar("ReadT", bound=_Read)


def _find(
    paths: list[str], glob: str, follow_links: bool, id_from: IdFrom, quiet: bool, hint: bool = True
) -> list[InputFile]:
    """The inputs PATHS name, with their warnings said (and the stdin hint, for `extract`);
    an InputError when none matches --glob."""
    notes: list[str] = []
    found = find_inputs(paths, glob, follow_links, notes, id_from.value)
    _warn(notes, quiet)
    if hint:
        _hint_stdin(paths, quiet)
    if not found:
        raise InputError(", ".join(paths), f"holds no files matching {glob!r}; check --glob")
    return found


def _sources(
    inputs: list[InputFile],
    max_bytes: int,
    strict: bool,
    quiet: bool,
    skipped: list[InputError],
    near_duplicates: bool | None,
) -> Iterator[SourceText | InputError]:
    """The texts of `inputs` that could be read, copies of an earlier text marked unless
    `near_duplicates` is None (--keep-duplicates); `extract` and `check` read alike."""
    from vjties.duplicates import mark_duplicates

    sources = _readable_sources(iter_sources(inputs, max_bytes), strict, quiet, skipped)
    return sources if near_duplicates is None else mark_duplicates(sources, near_duplicates)


def _readable_sources(
    items: Iterable[ReadT | InputError], strict: bool, quiet: bool, skipped: list[InputError]
) -> Iterator[ReadT | InputError]:
    """The inputs that could be read, each skipped one named on stderr; InputError when none
    of them could be (raised before anything is written)."""
    count = 0
    for item in items:
        count += 1
        if isinstance(item, InputError):
            if strict:
                raise item
            skipped.append(item)
            # An error, not a warning: shown even with --quiet.
            err_console.print(message("skipped:", "yellow", str(item)), soft_wrap=True)
            continue
        if item.warning and not quiet:
            err_console.print(message("warning:", "yellow", item.warning), soft_wrap=True)
        yield item
    if count and len(skipped) == count:
        raise InputError(
            ", ".join(e.path for e in skipped),
            f"none of the {count} inputs could be read (nothing was written, and an existing "
            "output file is left as it was); fix the files listed above",
        )


def _cluster_fragments(
    scheduler: str, jobs: int, sources: Iterable[SourceText | InputError], style: str
) -> Iterator[Fragment]:
    """The fragments of `sources`, extracted on the Dask cluster at `scheduler` (or a local
    one), in input order. The sources are read here, as in a local run (so copies are marked,
    stdin works, and the workers need no access to the files); the workers extract."""
    from vjties.dask import cluster_client, extract_sources
    from vjties.extract import usable_cpus

    workers = jobs if jobs > 1 else usable_cpus()
    with cluster_client(scheduler, workers) as client:
        # Unreadable inputs were named and left out by _readable_sources already.
        texts = (s for s in sources if isinstance(s, SourceText))
        yield from extract_sources(client, texts, style)


def _say(text: str) -> None:
    """One line on stderr, control characters escaped (a file name may hold a line break)."""
    err_console.print(escape_controls(text), soft_wrap=True)


def _warn(notes: Iterable[str], quiet: bool) -> None:
    if not quiet:
        for note in notes:
            err_console.print(message("warning:", "yellow", note), soft_wrap=True)


def _hint_stdin(paths: list[str], quiet: bool) -> None:
    """On a terminal, `-` waits for typing: say so, or it looks like a hang."""
    if "-" in paths and not quiet and sys.stdin is not None and sys.stdin.isatty():
        _say("reading an article from stdin; end it with Ctrl-D (or pipe one in: cat a.txt | ...)")


def _capped_jobs(jobs: int, quiet: bool) -> int:
    """`--jobs`, at most one worker per CPU vjties may use: more only cost memory."""
    from vjties.extract import usable_cpus

    cpus = usable_cpus()
    if jobs <= cpus:
        return jobs
    _warn([f"--jobs {jobs} is more than the {cpus} CPUs vjties can use here; using {cpus}"], quiet)
    return cpus


@app.command()
def extract(
    paths: PathsArgument,
    output: OutputOption = None,
    fmt: FormatOption = OutputFormat.json,
    glob: GlobOption = DEFAULT_GLOB,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    jobs: JobsOption = 1,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    follow_links: FollowLinksOption = False,
    id_from: IdFromOption = IdFrom.stem,
    keep_duplicates: KeepDuplicatesOption = False,
    near_duplicates: NearDuplicatesOption = False,
    shard: ShardOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Extract the dataset from articles and print it as JSON.

    Documents are read in sorted path order; each document's id is its file stem (or its path,
    with --id-from path). Web pages (.html, .htm, or HTML on stdin) are read for their main
    text, which the dataset stores. A copy of an earlier article (same text) is marked
    duplicate_of it and its facts are counted once; a story glued on after a sign-off is a
    document of its own (ID~2). Unreadable inputs are skipped with a message (exit 3 at the
    end) unless --strict is given. With --shard I/N, N machines can each take a deterministic
    part and `vjties merge` joins them (copies are then found within each part only).

    Example:

    \b
        vjties extract seeds/ -o seeds.json && vjties show seeds.json
        vjties extract seeds/ | jq '.documents[].published'
        vjties extract archive/ --format jsonl --jobs 2 | jq -c 'select(.type == "partnership")'
        vjties extract scrape/ --id-from path      # scrape/site/2024/index.html -> site/2024/index
        curl -s https://example.org/article.html | vjties extract -
        vjties extract archive/ --shard 1/2 -o part1.json   # and 2/2 on another machine
        vjties extract archive/ --scheduler tcp://scheduler:8786 -o out.json
    """
    from vjties.extract import extract_fragments
    from vjties.fragments import Fragment, write_fragments
    from vjties.output import open_output
    from vjties.progress import Tally, track
    from vjties.shard import parse_shard, select_shard

    skipped: list[InputError] = []
    tally = Tally(["documents", *FACT_TYPES])
    try:
        found = _find(paths, glob, follow_links, id_from, quiet)
        inputs = found
        if shard is not None:
            index, count = parse_shard(shard)
            inputs = select_shard(found, [item.id for item in found], index, count)
        copies = None if keep_duplicates else near_duplicates
        sources = _sources(inputs, max_bytes, strict, quiet, skipped, copies)
        extracted: Iterable[Fragment | InputError]
        if scheduler is None:
            jobs = _capped_jobs(jobs, quiet)
            extracted = extract_fragments(sources, jobs, fmt.value)
        else:
            from vjties.dask import require_dask

            require_dask()  # before anything is read, so the message is the first thing said
            extracted = _cluster_fragments(scheduler, jobs, sources, fmt.value)
        # A bar on the terminal that jsonl streams to would be torn by the records.
        bar_quiet = quiet or (output is None and fmt == OutputFormat.jsonl and sys.stdout.isatty())
        fragments = tally.count(track(extracted, len(inputs), bar_quiet, err_console))
        read = [item.path for item in found if item.path != "-"]
        # --strict promises nothing written when it stops: jsonl on stdout waits for the end.
        hold = strict and fmt == OutputFormat.jsonl
        with open_output(output, read, hold) as stream:
            write_fragments((f for f in fragments if isinstance(f, Fragment)), stream, fmt.value)
    except VjtiesError as error:
        raise fail(error) from None
    if not quiet and err_console.is_terminal:
        _say(tally.line("stdout" if output is None else str(output)))
    if skipped:
        _say(
            f"{len(skipped)} of {len(inputs)} inputs skipped: " + ", ".join(e.path for e in skipped)
        )
        raise typer.Exit(int(ExitCode.PARTIAL))


@app.command(name="eval")
def evaluate(
    gold_dir: Annotated[
        Path,
        typer.Argument(help="Directory of gold JSON files, one per document.", metavar="GOLD_DIR"),
    ],
    paths: PathsArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    glob: GlobOption = DEFAULT_GLOB,
    split: Annotated[
        str | None,
        typer.Option(
            help="Score only this split of the corpus manifest (dev or test).", metavar="NAME"
        ),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="Corpus manifest for --split (default: beside the gold directory).", metavar="FILE"
        ),
    ] = None,
    color: ColorOption = Color.auto,
) -> None:
    """Score extraction against hand-written gold annotations.

    Prints precision, recall and F1 per fact type, the accuracy of attributes of matched
    facts, and the misses grouped by cause. Matching rules are in the README.

    Example:

    \b
        vjties eval tests/gold seeds/
        vjties eval tests/gold seeds/ --json | jq '.scores.figures'
        vjties eval corpus/gold corpus/texts --split dev
    """
    from vjties.evaluate import evaluate_corpus, render_report

    try:
        report = evaluate_corpus(gold_dir, paths, glob, split, manifest)
    except VjtiesError as error:
        raise fail(error) from None
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        render_report(report, _stdout_console(color=color))


@app.command()
def schema() -> None:
    """Print the dataset's JSON Schema, generated from the models.

    Example:

    \b
        vjties schema > data/vjties.schema.json
    """
    from vjties.schema import schema_json

    sys.stdout.write(schema_json())


def plain_output(color: Color, is_terminal: bool) -> bool:
    """Whether output is plain text: no colour, no bold or italic, no box drawing."""
    if color == Color.always:
        return False
    return color == Color.never or not is_terminal or bool(os.environ.get("NO_COLOR"))


def _stdout_console(wide: bool = False, color: Color = Color.auto) -> SafeConsole:
    # Plain output has no styles at all (Rich's own NO_COLOR handling keeps bold and
    # italic). Piped output has no width to fit, so wide tables get room instead of being
    # folded into 80 columns.
    probe = SafeConsole()
    if plain_output(color, probe.is_terminal):
        console = SafeConsole(color_system=None)
    elif color == Color.always:
        console = SafeConsole(force_terminal=True)
    else:
        console = probe
    if wide and not probe.is_terminal and "COLUMNS" not in os.environ:
        console.width = 200
    return console


def _shown_name(path: str) -> str:
    return "stdin" if path == "-" else path


def _print_diff(
    result: DatasetDiff,
    old: str,
    new: str,
    fmt: DiffFormat,
    stat: bool,
    color: Color = Color.auto,
) -> None:
    from vjties.diff import render_diff

    if fmt == DiffFormat.json:
        document = result.to_json(old, new, stat)
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        render_diff(result, _stdout_console(color=color), old, new, stat)


@app.command(name="diff")
def diff_command(
    old: Annotated[str, typer.Argument(help="The dataset before; `-` reads stdin.", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The dataset after; `-` reads stdin.", metavar="NEW")],
    fmt: DiffFormatOption = DiffFormat.text,
    stat: StatOption = False,
    ignore_evidence: IgnoreEvidenceOption = False,
    compare_paths: ComparePathsOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Compare two datasets record by record: exit 0 same, 1 different, 2 trouble.

    Records are matched by type and id; the result lists the added and removed records and,
    for each changed record, the fields that changed (old -> new). A record whose only change
    is evidence that moved (same text, shifted offsets) is reported as "evidence moved".
    Documents' paths are not compared unless --compare-paths is given. Either dataset may be
    JSON or jsonl.

    Example:

    \b
        vjties diff old.json data/vjties.json
        vjties extract seeds/ | vjties diff data/vjties.json -
        vjties diff old.json new.json --stat --ignore-evidence
        vjties diff old.json new.json --format json | jq '.changed[] | select(.type == "figure")'
    """
    from vjties.diff import diff_datasets, read_dataset

    try:
        if old == "-" and new == "-":
            raise VjtiesError("OLD and NEW cannot both be `-`: stdin holds only one dataset")
        before, after = read_dataset(old), read_dataset(new)
    except VjtiesError as error:
        raise fail(error) from None
    result = diff_datasets(before, after, ignore_evidence, compare_paths)
    _print_diff(result, _shown_name(old), _shown_name(new), fmt, stat, color)
    if not result.same:
        raise typer.Exit(int(ExitCode.DIFFERENT))


def _fragments_in_extract_order(dataset: Dataset) -> list[Dataset]:
    """The dataset cut back into what `extract` writes: one fragment per file (a document
    and the stories glued onto it, `ID~2`), in path order, holding their per-document
    records; then one with the cross-document records.

    `write_fragments` over these gives the same bytes as extracting the documents in one run,
    in json and in jsonl.
    """
    from vjties.fragments import STREAMED_FIELDS

    def file_of(document: Document) -> tuple[str, str]:
        return (document.path, re.sub(r"~\d+$", "", document.id))

    files = {d.id: file_of(d) for d in dataset.documents}
    per_file: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for document in dataset.documents:
        per_file.setdefault(files[document.id], {"documents": []})["documents"].append(document)
    for field in STREAMED_FIELDS:
        if field == "documents":
            continue
        for record in getattr(dataset, field):
            key = files.get(record.evidence.document, ("\uffff", record.evidence.document))
            holder = per_file.setdefault(key, {"documents": []})
            holder.setdefault(field, []).append(record)
    fragments = [Dataset(**per_file[key]) for key in sorted(per_file)]
    shared = {f: getattr(dataset, f) for f in FACT_TYPES if f not in STREAMED_FIELDS}
    return [*fragments, Dataset(**shared)]


def _warn_conflicts(ids: list[str], shown: int = 10) -> None:
    if not ids:
        return
    named = ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
    err_console.print(
        message(
            "warning:",
            "yellow",
            f"{len(ids)} {'ids hold' if len(ids) > 1 else 'id holds'} different records about the same "
            f"document in different datasets: {named}; the merge keeps the first reading's "
            "single values and joins the lists (were they extracted by different versions?)",
        ),
        soft_wrap=True,
    )


@app.command()
def merge(
    datasets: Annotated[
        list[str],
        typer.Argument(help="Datasets, JSON or jsonl; `-` reads stdin.", metavar="DATASET"),
    ],
    output: OutputOption = None,
    fmt: FormatOption = OutputFormat.json,
) -> None:
    """Merge datasets, e.g. the parts of a corpus extracted separately.

    Records with the same id are merged as in one extraction over all the files, so merging
    the parts of a split corpus gives the same bytes as extracting it whole. The same document
    may appear in several parts only with the same content.

    Example:

    \b
        vjties extract archive/2023/ -o part1.json
        vjties extract archive/2024/ -o part2.json
        vjties merge part1.json part2.json -o data/vjties.json
        vjties extract new/ | vjties merge data/vjties.json - --format jsonl
    """
    from vjties.dataset import conflicting_ids, merge_datasets
    from vjties.diff import read_dataset
    from vjties.fragments import fragments_in_style, write_fragments
    from vjties.output import open_output

    try:
        if datasets.count("-") > 1:
            raise VjtiesError("`-` (stdin) can be given only once")
        parts = [read_dataset(path) for path in datasets]
        _warn_conflicts(conflicting_ids(parts))
        merged = merge_datasets(parts)
        with open_output(output, [path for path in datasets if path != "-"]) as stream:
            parts = _fragments_in_extract_order(merged)
            write_fragments(fragments_in_style(parts, fmt.value), stream, fmt.value)
    except VjtiesError as error:
        raise fail(error) from None


@app.command()
def check(
    dataset: Annotated[
        str, typer.Argument(help="The committed dataset.", metavar="DATASET")
    ] = "data/vjties.json",
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Its articles. [default: seeds/]", metavar="PATH"),
    ] = None,
    fmt: DiffFormatOption = DiffFormat.text,
    stat: StatOption = False,
    ignore_evidence: IgnoreEvidenceOption = False,
    glob: GlobOption = DEFAULT_GLOB,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    jobs: JobsOption = 1,
    follow_links: FollowLinksOption = False,
    id_from: IdFromOption = IdFrom.stem,
    keep_duplicates: KeepDuplicatesOption = False,
    near_duplicates: NearDuplicatesOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Check that a committed dataset is what extraction gives now: exit 0 yes, 1 no, 2 trouble.

    Re-extracts the articles (as `vjties extract` does) and diffs the result against DATASET;
    when they differ it prints the diff and the command that regenerates the dataset. Run it
    in CI after the tests.

    Example:

    \b
        vjties check
        vjties check data/vjties.json seeds/ --stat
        vjties check data/vjties.json seeds/ --format json | jq '.counts'
    """
    import io
    import shlex

    from vjties.dataset import parse_dataset, text_format
    from vjties.diff import diff_datasets, read_text
    from vjties.extract import extract_fragments
    from vjties.fragments import Fragment, to_dataset, write_fragments

    paths = paths or ["seeds/"]
    options = (
        (["--glob", glob] if glob != DEFAULT_GLOB else [])
        + (["--follow-links"] if follow_links else [])
        + (["--id-from", id_from.value] if id_from != IdFrom.stem else [])
        + (["--keep-duplicates"] if keep_duplicates else [])
        + (["--near-duplicates"] if near_duplicates else [])
    )
    regenerate = shlex.join(["vjties", "extract", *paths, *options, "-o", dataset])
    copies = None if keep_duplicates else near_duplicates
    try:
        try:
            text = read_text(dataset)
        except VjtiesError as error:
            stop = fail(error)
            _say(f"create it with: {regenerate}")
            raise stop from None
        committed = parse_dataset(text, _shown_name(dataset))
        inputs = _find(paths, glob, follow_links, id_from, False, hint=False)
        read = _sources(inputs, max_bytes, True, False, [], copies)
        sources = (s for s in read if isinstance(s, SourceText))
        jobs = _capped_jobs(jobs, False)
        style = text_format(text)
        extracted = extract_fragments(sources, jobs, style)
        fragments = [f for f in extracted if isinstance(f, Fragment)]
        # Written the way the committed file is written (json or jsonl), to compare bytes.
        written = io.StringIO()
        write_fragments(fragments, written, style)
        fresh = to_dataset(fragments)
    except VjtiesError as error:
        raise fail(error) from None
    # The committed file is checked whole: its paths are part of what CI regenerates.
    result = diff_datasets(committed, fresh, ignore_evidence, compare_paths=True)
    same_bytes = ignore_evidence or text == written.getvalue()
    _report_check(result, dataset, same_bytes, (fmt, stat, color), regenerate)


def _report_check(
    result: DatasetDiff,
    dataset: str,
    same_bytes: bool,
    style: tuple[DiffFormat, bool, Color],
    regenerate: str,
) -> None:
    """What `check` found: nothing (up to date), records the same but written otherwise, or
    the diff; then the command that regenerates the dataset, and exit 1."""
    if result.same and same_bytes:
        if style[0] == DiffFormat.json:
            _print_diff(result, _shown_name(dataset), "extraction", *style)
        else:
            _say(f"{dataset} is up to date")
        return
    if result.same:
        _say(f"{dataset} has the same records but is not written as vjties writes it")
    else:
        _print_diff(result, _shown_name(dataset), "extraction", *style)
    _say(f"regenerate with: {regenerate}")
    raise typer.Exit(int(ExitCode.DIFFERENT))


class ShowTable(StrEnum):
    documents = "documents"
    localities = "localities"
    organizations = "organizations"
    officials = "officials"
    partnerships = "partnerships"
    figures = "figures"
    dates = "dates"
    events = "events"
    timeline = "timeline"


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


@app.command()
def show(
    dataset: DatasetArgument = "data/vjties.json",
    tables: Annotated[
        list[ShowTable] | None,
        typer.Option(
            "--type",
            "-t",
            help="Show only this table (repeatable): documents, localities, organizations, "
            "officials, partnerships, figures, dates or events.",
            metavar="TABLE",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            metavar="N",
            help="Rows per table; 0 for all. [default: 20 in a table, all in csv, tsv, json]",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format", "-f", help="table: for reading; csv, tsv (one --type), json: for tools."
        ),
    ] = ShowFormat.table,
    color: ColorOption = Color.auto,
) -> None:
    """Show a dataset as tables: documents, localities, partnerships, figures, events, officials.

    `--type timeline` lists what happened when: dated events with the ties a signing made,
    and the dated ties no event made.

    The first line names the file and what it holds. A table too wide for the terminal is
    shown record by record; partnerships give the number of documents that report them.
    Plain text (no colour, no box drawing) when the output is not a terminal or NO_COLOR is
    set, unless --color always.

    Example:

    \b
        vjties show seeds.json
        vjties show seeds.json --type partnerships --limit 0
        vjties show seeds.json --type figures --format csv > figures.csv
        vjties show seeds.json --type timeline
        vjties extract article.txt | vjties show - | less
        vjties show seeds.json --color always | less -R
    """
    from vjties.diff import read_dataset
    from vjties.show import DEFAULT_LIMIT, DEFAULT_TABLES, render_tables, sheets_text, summary_line

    try:
        loaded = read_dataset(dataset)
        names = [t.value for t in tables] if tables else list(DEFAULT_TABLES)
        if fmt in (ShowFormat.csv, ShowFormat.tsv) and len(names) != 1:
            raise VjtiesError(f"--format {fmt.value} writes one table; choose it with --type")
    except VjtiesError as error:
        raise fail(error) from None
    if fmt != ShowFormat.table:
        sys.stdout.write(sheets_text(loaded, names, fmt.value, limit))
        return
    console = _stdout_console(wide=True, color=color)
    console.print(summary_line(loaded, _shown_name(dataset)) + "\n")
    shown = DEFAULT_LIMIT if limit is None else limit
    render_tables(loaded, console, names, shown, plain_output(color, console.is_terminal))


# --- Where researchers take the dataset: export, report, explain --------------------------------
from rich.text import Text  # noqa: E402

from vjties.export import ExportFormat  # noqa: E402


def _fail_as_text(error: VjtiesError) -> typer.Exit:
    """Like `fail`, but the message is text, never markup, its control characters escaped:
    it may quote paths, ids or `[extras]`."""
    from vjties.explain import visible

    err_console.print(Text.assemble(("error: ", "red"), visible(str(error))), soft_wrap=True)
    return typer.Exit(int(error.exit_code))


@app.command(name="export")
def export_command(
    dataset: DatasetArgument,
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to",
            "-t",
            help="csv: a folder of tables and datapackage.json; sqlite: a database for "
            "Datasette; graphml, gexf: a network for Gephi; geojson: a map; parquet: a folder "
            "of Parquet tables (needs pyarrow).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File or folder to write (replaced whole at the end); `-` is stdout for "
            "geojson, graphml and gexf.",
            metavar="PATH",
        ),
    ],
    quiet: QuietOption = False,
) -> None:
    """Export a dataset for pandas, SQLite/Datasette, Gephi, GIS tools or Arrow.

    Every format appears whole or not at all. A folder output (csv, parquet) replaces only an
    earlier vjties export; the sqlite export also writes NAME.metadata.json for Datasette.

    Example:

    \b
        vjties export data/vjties.json --to csv -o vjties-csv
        vjties export data/vjties.json --to sqlite -o vjties.db && datasette vjties.db -m vjties.metadata.json
        vjties export data/vjties.json --to gexf -o ties.gexf
        vjties export data/vjties.json --to geojson -o - | jq '.features | length'
        vjties extract seeds/ | vjties export - --to parquet -o vjties-parquet
    """
    from vjties.diff import read_dataset
    from vjties.export import export_dataset

    try:
        summary = export_dataset(read_dataset(dataset), to, output)
    except VjtiesError as error:
        raise _fail_as_text(error) from None
    except OSError as error:
        raise _fail_as_text(
            OutputError(f"{output}: the export could not be written ({error.strerror or error})")
        ) from None
    if not quiet:
        for line in summary.lines:
            err_console.print(line, markup=False, highlight=False, soft_wrap=True)


ArticlesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="The dataset's article files or directories, to show each fact in its text "
        "(used only where the file's SHA-256 matches the document's).",
        metavar="ARTICLE...",
    ),
]


def _read_articles_or_warn(
    loaded: Dataset, articles: list[str] | None, glob: str
) -> dict[str, str]:
    """The verified article texts; each file that cannot be used is named on stderr."""
    from vjties.context import read_articles

    if not articles:
        return {}
    found = read_articles(loaded, articles, glob)
    for problem in found.problems:
        err_console.print(Text.assemble(("warning: ", "yellow"), problem), soft_wrap=True)
    if found.unknown:
        err_console.print(
            Text(f"{len(found.unknown)} files are not documents of the dataset: ")
            + Text(", ".join(found.unknown[:5]) + (" ..." if len(found.unknown) > 5 else "")),
            soft_wrap=True,
        )
    return found.texts


@app.command()
def explain(
    record_id: Annotated[
        str, typer.Argument(help="Id of a record: a partnership, figure, event...", metavar="ID")
    ],
    articles: ArticlesArgument = None,
    dataset: Annotated[
        str, typer.Option("--dataset", "-d", help="The dataset; `-` reads stdin.", metavar="FILE")
    ] = "data/vjties.json",
    show_all: Annotated[
        bool, typer.Option("--all", help="Every piece of evidence, not the first 10.")
    ] = False,
    glob: GlobOption = DEFAULT_GLOB,
    color: ColorOption = Color.auto,
) -> None:
    """Show why a fact is in the dataset: each piece of evidence marked in its sentence.

    Give the article files to see the sentence; without them, the context is what the
    dataset's own evidence holds around the span. Ids are in `vjties show` and the exports.

    Example:

    \b
        vjties explain 'jp/aichi~vn/ho-chi-minh-city~friendship' seeds/
        vjties explain vn/da-nang seeds/ --all | less -R
        vjties extract seeds/ | vjties explain person/aso-yutaka -d - seeds/
    """
    from vjties.context import Texts
    from vjties.diff import read_dataset
    from vjties.explain import close_ids, find_record, render_explanation

    try:
        loaded = read_dataset(dataset)
        found = find_record(loaded, record_id)
        if found is None:
            near = close_ids(loaded, record_id)
            hint = f"; did you mean: {', '.join(near)}" if near else "; `vjties show` lists them"
            raise VjtiesError(f"{_shown_name(dataset)} has no record with id '{record_id}'{hint}")
        texts = Texts(loaded, _read_articles_or_warn(loaded, articles, glob))
    except VjtiesError as error:
        raise _fail_as_text(error) from None
    render_explanation(found, loaded, texts, _stdout_console(color=color), None if show_all else 10)


@app.command()
def report(
    dataset: DatasetArgument,
    articles: ArticlesArgument = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write (atomically).", metavar="FILE"),
    ] = Path("report.html"),
    title: Annotated[
        str, typer.Option("--title", help="The page's title.", metavar="TEXT")
    ] = "vjties report",
    glob: GlobOption = DEFAULT_GLOB,
    quiet: QuietOption = False,
) -> None:
    """Write one self-contained HTML page to see and check a dataset in a browser.

    A map of the ties (click one for its evidence), tables of ties, figures, a timeline,
    officials, localities, organizations and documents that sort and filter, and every fact's
    evidence marked in its article's text. Give the articles to see the full texts (each is
    used only if its SHA-256 matches the document's). The page loads nothing from the network.

    Example:

    \b
        vjties report data/vjties.json seeds/ -o report.html
        vjties extract archive/ | vjties report - archive/ -o archive.html
    """
    from vjties.context import Texts
    from vjties.diff import read_dataset
    from vjties.output import open_output
    from vjties.report import render_report, texts_note

    try:
        loaded = read_dataset(dataset)
        texts = Texts(loaded, _read_articles_or_warn(loaded, articles, glob))
        page = render_report(loaded, texts, title)
        with open_output(output) as stream:
            stream.write(page)
    except VjtiesError as error:
        raise _fail_as_text(error) from None
    except OSError as error:
        raise _fail_as_text(
            OutputError(f"{output}: the report could not be written ({error.strerror or error})")
        ) from None
    if not quiet:
        note = texts_note(texts, (d.id for d in loaded.documents))
        err_console.print(Text(f"wrote {output} ({note})"), soft_wrap=True)


# Every command prints its usage with readable argument names (see ReadableCommand).
for _command in app.registered_commands:
    _command.cls = ReadableCommand
