"""The pipeline on ``dask.distributed``: ``scrubnews clean --engine dask [--scheduler ADDRESS]``.

Files are read here and sent to the cluster a shard at a time (``SHARD``
files a task), so workers need no access to this machine's disks; files
named by URL (``s3://...``) are read by the workers from the store; each
task runs the same per-file stages as a local run (decode, HTML, segment,
the line model and decoder, and metadata when nothing cross-file follows)
and returns its documents, which come back in input order, at most
``IN_FLIGHT_PER_WORKER`` shards a worker ahead of the one being written.
When nothing cross-file follows, the task also renders each document's
output (``pipeline.clean_to``), and only that comes back.

With near-duplicates on, each task also makes the shingles of the
paragraphs it may compare, and they stay on the cluster: the search runs
there as a shuffle (``neardup.shuffle``), and this machine holds only each
compared paragraph's place. Shared template lines and metadata run here,
as in a local run, and the same rule picks each paragraph's cluster from
the matches: the output is the same as a local run's, byte for byte,
whatever the cluster.

Without ``--scheduler`` a ``LocalCluster`` of ``--jobs`` worker processes
is started for the run and closed after it. Needs the ``dask`` extra
(``pip install 'scrubnews[dask]'``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from operator import getitem
from typing import Any, TypeVar

from scrubnews.config import Config, DedupMode
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.heap import TOP_PAD, keep_heap_top
from scrubnews.io.readers import Source, read
from scrubnews.io.remote import RemotePath
from scrubnews.neardup.shuffle import Packed, ShuffleComparison, shard_sets

T = TypeVar("T")

SHARD = 32  # files a task: enough work to outweigh a task's ~1 ms of scheduling
IN_FLIGHT_PER_WORKER = 4  # shards submitted ahead per worker: the cluster stays busy, memory bounded
CONNECT_SECONDS = 10  # how long to wait for the --scheduler to answer
PARTS_PER_WORKER = 2  # near-duplicate shuffle partitions per worker: work to share, few tiny tasks


def clean_shard(
    shard: Sequence[Document | Source], config: Config, finish: Callable[[Document], Any] | None = None
) -> tuple[list[Any], Packed | None]:
    """The per-file stages of a shard (what each task runs), and, when a cross-file stage
    follows, the shingles of the paragraphs it may compare (``shard_sets``). The shard holds
    documents read by the client, or sources the worker reads itself (files behind URLs).
    With no cross-file stage, each document is final here: ``finish`` (if given) makes what
    comes back of it instead (``pipeline.clean_to``)."""
    from scrubnews.pipeline import default_stages, per_file_stages, run

    keep_heap_top()  # the worker runs scrubnews' pages as the command line does (heap.py)
    docs = [item if isinstance(item, Document) else read(item, config.decode.max_bytes) for item in shard]
    cleaned = list(run(docs, default_stages(config)[: per_file_stages(config)]))
    if config.dedup.mode is DedupMode.OFF:
        return (cleaned if finish is None else [finish(doc) for doc in cleaned]), None
    return cleaned, shard_sets(cleaned, config.dedup.shingle_size)


@dataclass
class DaskRun:
    """A run's documents from the cluster (per-file stages done, in input order; or, with no
    cross-file stage and a ``finish``, what it made of each), the near-duplicate comparison
    that runs there, and what to close when the run is over."""

    docs: Iterator[Any]
    comparison: ShuffleComparison | None
    stack: ExitStack

    def closing(self, docs: Iterator[T]) -> Generator[T, None, None]:
        """``docs`` (the rest of the run), then the cluster closed: when they run out, or the caller stops."""
        with self.stack:
            yield from docs


class _DaskRunner:
    """``shuffle.Runner`` on a dask client: every step a task, results left on the workers."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def put(self, value: Any) -> Any:
        # hash=False: a key of its own, even for a value sent before (whose future may be released).
        [future] = self._client.scatter([value], hash=False)
        return future

    def gather(self, handles: list[Any]) -> list[Any]:
        return list(self._client.gather(handles))


def on_dask(
    sources: Sequence[Source],
    config: Config,
    scheduler: str | None,
    workers: int,
    on_read: Callable[[], None] | None = None,
    finish: Callable[[Document], Any] | None = None,
) -> DaskRun:
    """Every source through the per-file stages on a dask cluster, in input order, and the
    comparison ``dedup`` is to use there. With no cross-file stage, ``finish`` (if given)
    runs on the workers too, and what it returns comes back instead of the documents.

    Raises ConfigError at once when the run cannot use dask (standard input,
    no dask installed, a scheduler that cannot be reached); the cluster (a
    local one if no ``scheduler``) is closed by ``DaskRun.closing``.
    """
    if any(source.is_stdin for source in sources):
        raise ConfigError("--engine dask reads files; standard input ('-') needs the local engine")
    try:
        import dask
        import distributed
    except ImportError as error:
        raise ConfigError("--engine dask needs the dask extra: pip install 'scrubnews[dask]'") from error
    stack = ExitStack()
    try:
        if scheduler is None:
            # Set before each worker process starts, as glibc reads it then (heap.py: a
            # worker that sets it with its first task still faults ~4,000 pages a file).
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TOP_PAD_": TOP_PAD}):
                cluster = distributed.LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
                )
            stack.callback(cluster.close)
            client = distributed.Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        stack.callback(client.close)
    except OSError as error:
        stack.close()
        raise ConfigError(f"--scheduler {scheduler}: cannot connect: {error}") from error
    comparison = None
    if config.dedup.mode is not DedupMode.OFF:
        parts = PARTS_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
        comparison = ShuffleComparison(_DaskRunner(client), config.dedup, parts)
    return DaskRun(_in_order(client, sources, config, comparison, on_read, finish), comparison, stack)


def _read_remotely(source: Source) -> bool:
    """A file behind a URL that is not in this process's memory (``memory://`` is; workers cannot see it)."""
    return isinstance(source.path, RemotePath) and not source.path.url.startswith("memory:")


def _in_order(
    client: Any,
    sources: Sequence[Source],
    config: Config,
    comparison: ShuffleComparison | None,
    on_read: Callable[[], None] | None,
    finish: Callable[[Document], Any] | None,
) -> Iterator[Any]:
    """Submit shards ahead, a bounded number at a time, and yield their documents in input order;
    each shard's shingles stay on the cluster for ``comparison``."""
    shards = (sources[start : start + SHARD] for start in range(0, len(sources), SHARD))
    limit = max(1, len(client.scheduler_info().get("workers", {})) * IN_FLIGHT_PER_WORKER)
    [remote_config] = client.scatter([config], broadcast=True, hash=False)
    pending: deque[tuple[Any, Any]] = deque()

    def submit() -> bool:
        shard = next(shards, None)
        if shard is None:
            return False
        # A file behind a URL is read by the worker, from the store itself; a local file here.
        work: list[Document | Source] = []
        for source in shard:
            work.append(source if _read_remotely(source) else read(source, config.decode.max_bytes))
            if on_read is not None:
                on_read()
        cleaned = client.submit(clean_shard, work, remote_config, finish, pure=False)
        pending.append((client.submit(getitem, cleaned, 0), client.submit(getitem, cleaned, 1)))
        return True

    try:
        while len(pending) < limit and submit():
            pass
        while pending:
            future, sets = pending.popleft()
            docs = future.result()
            future.release()
            if comparison is not None:
                comparison.note_shard(sets, docs)
            else:
                sets.release()
            submit()
            yield from docs
    finally:
        for future, sets in pending:
            future.cancel()
            sets.cancel()
