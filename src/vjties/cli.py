"""The `vjties` command line: a thin layer over the library.

Data goes to stdout (or `-o FILE`, written atomically); messages and progress go to stderr.
Exit codes are listed in `vjties.errors.ExitCode` and in the README.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vjties import __version__
from vjties.errors import ExitCode, InputError, VjtiesError
from vjties.models import Dataset
from vjties.reader import DEFAULT_GLOB, DEFAULT_MAX_BYTES, SourceText, find_inputs, iter_sources

app = typer.Typer(
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

# Rich honours NO_COLOR itself; stderr only, so stdout carries nothing but data.
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Article files or directories (searched recursively); `-` reads stdin."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE atomically instead of stdout.", metavar="FILE"),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="json: one dataset; jsonl: one record a line.")
]
GlobOption = Annotated[
    str, typer.Option("--glob", help="File pattern to pick inside directories.")
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Refuse files larger than this.", min=1)
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes; the output does not depend on it.", min=1)
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings.")]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first unreadable input (exit 2), write nothing.")
]


def fail(error: VjtiesError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {error}", markup=True, soft_wrap=True)
    return typer.Exit(int(error.exit_code))


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"vjties {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Extract a source-grounded dataset of Vietnam-Japan subnational ties from news articles."""


def _readable_sources(
    items: Iterable[SourceText | InputError], strict: bool, quiet: bool, skipped: list[InputError]
) -> Iterator[SourceText | InputError]:
    for item in items:
        if isinstance(item, InputError):
            if strict:
                raise item
            skipped.append(item)
            if not quiet:
                err_console.print(f"[yellow]skipped:[/yellow] {item}", markup=True, soft_wrap=True)
            continue
        if item.warning and not quiet:
            err_console.print(f"[yellow]warning:[/yellow] {item.warning}", markup=True, soft_wrap=True)
        yield item


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
) -> None:
    """Extract the dataset from articles and print it as JSON.

    Documents are read in sorted path order; each document's id is its file stem. Unreadable
    inputs are skipped with a message (exit 3 at the end) unless --strict is given.

    Example:

        vjties extract seeds/ | jq '.documents[].published'

        vjties extract seeds/ -o data/vjties.json

        vjties extract archive/ --format jsonl --jobs 2 | jq -c 'select(.type == "partnership")'

        cat article.txt | vjties extract -
    """
    from vjties.extract import extract_fragments, write_fragments
    from vjties.output import open_output
    from vjties.progress import track

    skipped: list[InputError] = []
    try:
        inputs = find_inputs(paths, glob)
        if not inputs:
            raise InputError(", ".join(paths), f"holds no files matching {glob!r}; check --glob")
        sources = _readable_sources(iter_sources(inputs, max_bytes), strict, quiet, skipped)
        fragments = track(extract_fragments(sources, jobs), len(inputs), quiet, err_console)
        with open_output(output) as stream:
            write_fragments(
                (f for f in fragments if isinstance(f, Dataset)), stream, fmt.value
            )
    except VjtiesError as error:
        raise fail(error) from None
    if skipped:
        err_console.print(
            f"{len(skipped)} of {len(inputs)} inputs skipped: "
            + ", ".join(e.path for e in skipped),
            soft_wrap=True,
        )
        if len(skipped) == len(inputs):
            raise typer.Exit(int(ExitCode.USAGE))
        raise typer.Exit(int(ExitCode.PARTIAL))


@app.command(name="eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold JSON files, one per document.")],
    paths: PathsArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    glob: GlobOption = DEFAULT_GLOB,
) -> None:
    """Score extraction against hand-written gold annotations.

    Prints precision, recall and F1 per fact type and the accuracy of attributes of matched
    facts. Matching rules are in the README.

    Example:

        vjties eval tests/gold seeds/

        vjties eval tests/gold seeds/ --json | jq '.scores.figures'
    """
    from vjties.evaluate import evaluate_corpus, render_report

    try:
        report = evaluate_corpus(gold_dir, paths, glob)
    except VjtiesError as error:
        raise fail(error) from None
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        render_report(report, Console(highlight=False))


@app.command()
def schema() -> None:
    """Print the dataset's JSON Schema, generated from the models.

    Example:

        vjties schema > data/vjties.schema.json
    """
    from vjties.schema import schema_json

    sys.stdout.write(schema_json())
