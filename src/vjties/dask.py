"""Extraction on a Dask cluster: a bag of per-document fragments and their commutative merge.

    from dask.distributed import Client
    import vjties.dask

    client = Client("tcp://scheduler:8786")
    bag = vjties.dask.extract_bag(["archive/"])           # one fragment per document
    dataset = vjties.dask.to_dataset(bag)                  # merged on the cluster

In `extract_bag` each worker reads its documents itself (the paths must be visible to the
workers: a shared file system); `extract_sources`, what `vjties extract --scheduler` runs, sends
texts read (and marked as copies) by the caller, so the output is that of a local run. Either
way a worker builds the pipeline once, on its first document (`shared_pipeline` is cached per
process), and what comes back is a `vjties.fragments.Fragment`, already serialised. The merge
is `merge_datasets`, the merge of `vjties merge`: commutative and associative, so Dask may
combine partitions in any order and any tree and the dataset is the same.

`dask[distributed]` is an optional dependency (`pip install 'vjties[dask]'`); without it every
function here raises `DaskMissing`, which says how to install it.
"""

from __future__ import annotations

import collections
import contextlib
import importlib.util
import itertools
import logging
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vjties.dataset import merge_datasets
from vjties.errors import InputError, VjtiesError
from vjties.fragments import STYLES, Fragment
from vjties.fragments import to_dataset as fragments_to_dataset
from vjties.models import Dataset
from vjties.reader import (
    DEFAULT_GLOB,
    DEFAULT_MAX_BYTES,
    STDIN,
    InputFile,
    SourceText,
    find_inputs,
)

if TYPE_CHECKING:
    from dask.bag import Bag
    from distributed import Client

#: Documents per partition: small enough that the workers share the load evenly to the end
#: and results stream back in order, large enough that Dask's per-task cost (about a
#: millisecond) stays small beside a document's extraction.
PARTITION_SIZE = 16
INSTALL_HINT = "pip install 'vjties[dask]'"


class DaskMissing(VjtiesError):
    """Dask or dask.distributed is not installed."""

    def __init__(self) -> None:
        super().__init__(f"the Dask engine needs dask[distributed]; install it with {INSTALL_HINT}")


def require_dask() -> None:
    """Raise DaskMissing unless `dask.bag` and `distributed` can be imported."""
    for module in ("dask.bag", "distributed"):
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise DaskMissing()


def extract_input(item: InputFile | str, style: str, max_bytes: int) -> Fragment | InputError:
    """One input read and extracted where this runs (a Dask worker): its fragment, serialised
    in `style`, with the reader's warning if any; or the InputError that says why it could not
    be read."""
    from vjties.extract import extract_source
    from vjties.fragments import fragment_of
    from vjties.reader import read_input

    if isinstance(item, str):
        item = InputFile(id=Path(item).stem, path=item)
    try:
        source = read_input(item, max_bytes)
    except InputError as error:
        return error
    return fragment_of(extract_source(source), style)._replace(warning=source.warning)


def _extract_partition(
    items: Iterable[InputFile | str], style: str, max_bytes: int
) -> list[Fragment | InputError]:
    return [extract_input(item, style, max_bytes) for item in items]


def cluster_inputs(
    paths: Sequence[str], glob: str = DEFAULT_GLOB, follow_links: bool = False
) -> list[InputFile]:
    """The inputs `vjties extract PATHS` would read, in its order and with its ids (found on
    this machine; the workers must see the same paths). Standard input cannot be sent to a
    cluster."""
    if STDIN in paths:
        raise InputError(STDIN, "cannot be read on a cluster; save the article to a file")
    return find_inputs(paths, glob, follow_links)


def extract_bag(
    paths_or_bag: Sequence[str] | Bag,
    *,
    style: str = "json",
    glob: str = DEFAULT_GLOB,
    max_bytes: int = DEFAULT_MAX_BYTES,
    errors: str = "raise",
    partition_size: int = PARTITION_SIZE,
) -> Bag:
    """A Dask bag of per-document fragments (`vjties.fragments.Fragment`), in input order.

    `paths_or_bag` is files and folders (found as `vjties extract` finds them, ids from the
    file stems), or a bag of paths or `InputFile`s. `errors`: "raise" stops the computation at
    the first unreadable input, "skip" leaves it out, "keep" keeps its `InputError` in the bag.
    """
    require_dask()
    import dask.bag as db

    if style not in STYLES:
        raise ValueError(f"unknown fragment style {style!r}")
    if errors not in ("raise", "skip", "keep"):
        raise ValueError(f"errors must be raise, skip or keep, not {errors!r}")
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
    else:
        inputs = cluster_inputs([str(p) for p in paths_or_bag], glob)
        bag = db.from_sequence(inputs, partition_size=max(1, partition_size))
    extracted = bag.map_partitions(_extract_partition, style, max_bytes)
    if errors == "keep":
        return extracted
    return extracted.map_partitions(_without_errors, errors == "raise")


def _without_errors(results: Iterable[Fragment | InputError], stop: bool) -> list[Fragment]:
    fragments = []
    for result in results:
        if isinstance(result, InputError):
            if stop:
                raise result
            continue
        fragments.append(result)
    return fragments


def _partition_dataset(fragments: Iterable[Fragment | InputError]) -> Dataset:
    return fragments_to_dataset(f for f in fragments if isinstance(f, Fragment))


def _merge_parts(parts: Iterable[Dataset]) -> Dataset:
    return merge_datasets(parts)


def to_dataset(bag: Bag, *, split_every: int | None = None) -> Dataset:
    """The merged dataset of a bag of fragments (InputErrors in it are ignored).

    Each partition is merged where it lies and the partial datasets are merged in a tree, all
    with `merge_datasets`; since that merge is commutative and associative, the result is
    the dataset of `vjties extract` (or `vjties merge`) over the same documents."""
    require_dask()
    merged = bag.reduction(_partition_dataset, _merge_parts, split_every=split_every)
    result: Dataset = merged.compute()
    return result


def stream_fragments(client: Client, bag: Bag) -> Generator[Fragment | InputError, None, None]:
    """The elements of `bag` computed on `client`, partition by partition in bag order (so
    a writer can stream them), each partition released once it is read."""
    futures = client.compute(bag.to_delayed())
    try:
        for future in futures:
            yield from future.result()
            future.release()
    finally:
        client.cancel(futures)


def _extract_sources(sources: list[SourceText], style: str) -> list[Fragment]:
    from vjties.extract import extract_source
    from vjties.fragments import fragment_of

    return [fragment_of(extract_source(source), style) for source in sources]


def extract_sources(
    client: Client,
    sources: Iterable[SourceText],
    style: str,
    batch: int = PARTITION_SIZE,
    window: int | None = None,
) -> Iterator[Fragment]:
    """The fragments of `sources` (read here) extracted on `client`'s workers, in order, as
    `vjties extract --scheduler` runs it: batches of `batch` texts are submitted as they are
    read, at most `window` batches in flight (four per worker thread), so the texts and
    results held here stay bounded however long the archive."""
    if window is None:
        window = 4 * max(1, sum(client.nthreads().values()))
    pending: collections.deque[Any] = collections.deque()
    iterator = iter(sources)
    chunks = iter(lambda: list(itertools.islice(iterator, batch)), [])
    try:
        for chunk in chunks:
            pending.append(client.submit(_extract_sources, chunk, style, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if pending:
            client.cancel(list(pending))


@contextlib.contextmanager
def cluster_client(scheduler: str, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler` (`tcp://HOST:PORT`, or any address Dask
    takes), or, for `processes`, of a local cluster of `workers` processes started for it and
    closed with it."""
    require_dask()
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler == "processes":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    # No dashboard, and the scheduler's HTTP routes on a free port, so that
                    # two runs (or another cluster) on one machine do not compete for 8787.
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
                    silence_logs=logging.ERROR,
                )
            )
            yield stack.enter_context(Client(cluster))
            return
        if "://" not in scheduler:
            raise VjtiesError(
                f"--scheduler {scheduler!r} is neither `processes` nor a scheduler address; "
                "give tcp://HOST:PORT"
            )
        try:
            client = stack.enter_context(Client(scheduler, timeout="20s"))
        except OSError as error:
            raise VjtiesError(
                f"cannot reach the Dask scheduler at {scheduler} ({error}); check the address "
                "and that `dask scheduler` runs there"
            ) from None
        yield client


__all__ = [
    "DaskMissing",
    "cluster_client",
    "cluster_inputs",
    "extract_bag",
    "extract_input",
    "extract_sources",
    "require_dask",
    "stream_fragments",
    "to_dataset",
]
