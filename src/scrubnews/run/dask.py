"""The pipeline on ``dask.distributed``: ``scrubnews clean --engine dask [--scheduler ADDRESS]``.

Files are read here and sent to the cluster a shard at a time (``SHARD``
files a task), so workers need no access to this machine's disks; files
named by URL (``s3://...``) are read by the workers from the store. Each
task runs the same stages as a local run, and what comes back is what
``finish`` makes of each document (``pipeline.clean_to``: a JSONL line, a
file's text), in input order, at most ``IN_FLIGHT_PER_WORKER`` shards a
worker ahead of the one being written.

With ``--dedup off`` a shard is final in its one task. With near-duplicates
on, the run takes the three passes of ``run/passes.py``, as a local run
with workers does, and the documents stay on the cluster between them, in
the workers' memory (which dask spills to disk when it runs short). After
pass 1 back come each shard's template-line counts and where its compared
paragraphs are (their shingles stay on the cluster); after pass 2 the
places of the paragraphs still compared, and the near-duplicate search runs
on the cluster as a shuffle (``neardup.shuffle``).

This machine holds only counts and places (tens of bytes a paragraph), and
the same rules decide as in a local run: the output is the same, byte for
byte, whatever the cluster.

Without ``--scheduler`` a ``LocalCluster`` of ``--jobs`` worker processes
is started for the run and closed after it. Needs the ``dask`` extra
(``pip install 'scrubnews[dask]'``).
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack
from functools import partial
from operator import getitem
from typing import Any, NamedTuple, TypeVar

from scrubnews.config import Config
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.io.readers import read
from scrubnews.io.remote import RemotePath
from scrubnews.io.sources import Source
from scrubnews.neardup.dedup import Change, Item, Where, find_changes, where
from scrubnews.neardup.shuffle import Packed, ShuffleComparison, compared_indices, shard_sets
from scrubnews.run import passes
from scrubnews.run.heap import ENVIRONMENT, keep_heap_top
from scrubnews.run.stages import default_stages, per_file_stages, run

SHARD = 32  # files a task: enough work to outweigh a task's ~1 ms of scheduling
IN_FLIGHT_PER_WORKER = 4  # shards submitted ahead per worker: the cluster stays busy, memory bounded
CONNECT_SECONDS = 10  # how long to wait for the --scheduler to answer
PARTS_PER_WORKER = 2  # near-duplicate shuffle partitions per worker: work to share, few tiny tasks

T = TypeVar("T")
Finish = Callable[[Document], Any]
# What the first pass sends back of a shard: how many of its files hold each template-like line,
# and each document's compared paragraphs (``compared_indices``).
ShardNotes = tuple[Counter[str], list[tuple[int, ...]]]


class Placed(NamedTuple):
    """What the second pass sends back of a document: its path and its compared paragraphs' places."""

    path: str
    chosen: list[Where]


ShardPlaces = list[Placed]  # the second pass's answer for a shard


def clean_shard(shard: Sequence[Document | Source], config: Config, finish: Finish) -> list[Any]:
    """A shard through every stage (``--dedup off``), ``finish`` of each document: what a task
    runs. The shard holds documents read by the client, or sources the worker reads itself
    (files behind URLs)."""
    return [finish(doc) for doc in _cleaned(shard, config)]


def first_pass(shard: Sequence[Document | Source], config: Config) -> tuple[list[Document], Packed, ShardNotes]:
    """Pass 1 of a dedup-on run, on a shard: the per-file stages, the shingles of the paragraphs
    that may be compared (``shard_sets``: they stay on the cluster), and the shard's notes."""
    docs = _cleaned(shard, config)
    files_per_line: Counter[str] = Counter()
    for doc in docs:
        files_per_line.update(passes.first(doc, config))
    notes = (files_per_line, compared_indices(docs))
    return docs, shard_sets(docs, config.dedup.shingle_size), notes


def second_pass(docs: list[Document], shared: set[str], config: Config) -> tuple[list[Document], ShardPlaces]:
    """Pass 2, on a shard's documents: the run's template lines (``shared``) marked and the
    metadata found (``stages.marked``); and where the paragraphs still compared are."""

    done = [passes.second(doc, shared, config) for doc in docs]
    return [doc for doc, _ in done], [Placed(doc.path, [where(p) for p in chosen]) for doc, chosen in done]


def third_pass(
    shard: tuple[list[Document], ShardPlaces], changes: list[list[Change]], config: Config, finish: Finish
) -> list[Any]:
    """Pass 3, on a shard's documents (as the second pass left them): the near-duplicate changes
    made, ``finish`` of each."""
    docs, _ = shard
    return [passes.third(doc, mine, config, finish) for doc, mine in zip(docs, changes, strict=True)]


def _cleaned(shard: Sequence[Document | Source], config: Config) -> list[Document]:
    """The per-file stages (every stage with ``--dedup off``) of a shard's documents."""

    keep_heap_top()  # the worker runs scrubnews' pages as the command line does (heap.py)
    docs = [item if isinstance(item, Document) else read(item, config.decode.max_bytes) for item in shard]
    return list(run(docs, default_stages(config)[: per_file_stages(config)]))


class _DaskRunner:
    """``shuffle.Runner`` on a dask client: every step a task, results left on the workers."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def put(self, values: Sequence[Any]) -> list[Any]:
        return _sent(self._client, values)

    def gather(self, handles: list[Any]) -> list[Any]:
        return list(self._client.gather(handles))


def on_dask(
    sources: Sequence[Source],
    config: Config,
    scheduler: str | None,
    workers: int,
    on_read: Callable[[], None] | None,
    finish: Finish,
) -> Iterator[Any]:
    """Every source through every stage on a dask cluster, and ``finish`` of each document there:
    what it returns, in input order.

    Raises ConfigError at once when the run cannot use dask (standard input,
    no dask installed, a scheduler that cannot be reached). The cluster (a
    local one if no ``scheduler``) is closed when the results run out or the
    caller stops taking them.
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
            environ = {f"distributed.nanny.pre-spawn-environ.{name}": value for name, value in ENVIRONMENT.items()}
            with dask.config.set(environ):
                # Its workers' warnings stay quiet: on Ctrl-C each running task's cancellation was
                # one, where the command says "interrupted" once.
                cluster = distributed.LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    host="127.0.0.1",
                    silence_logs=logging.ERROR,
                )
            stack.callback(cluster.close)
            client = distributed.Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        stack.callback(client.close)
    except OSError as error:
        stack.close()
        raise ConfigError(f"--scheduler {scheduler}: cannot connect: {error}") from error
    [remote_config] = client.scatter([config], broadcast=True, hash=False)  # type: ignore[no-untyped-call]
    results: Iterator[Any]
    if not config.cross_file:
        shards = _shards(client, sources, config, on_read, clean_shard, remote_config, finish)
        results = (result for done in _in_order(client, shards, _result) for result in done)
    else:
        results = _cross_file(client, sources, config, remote_config, on_read, finish)
    return _closing(stack, results)


def _closing(stack: ExitStack, results: Iterator[Any]) -> Generator[Any, None, None]:
    """``results``, then the cluster closed: when they run out, or the caller stops."""
    with stack:
        yield from results


def _read_remotely(source: Source) -> bool:
    """A file behind a URL that is not in this process's memory (``memory://`` is; workers cannot see it)."""
    return isinstance(source.path, RemotePath) and not source.path.url.startswith("memory:")


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _shards(
    client: Any,
    sources: Sequence[Source],
    config: Config,
    on_read: Callable[[], None] | None,
    task: Callable[..., Any],
    *args: Any,
) -> Iterator[Callable[[], Any]]:
    """For each shard of ``SHARD`` sources, in order, a call that submits ``task(shard, *args)``
    and returns its future. A local file is read here when its shard is submitted; a file
    behind a URL is read by the worker, from the store itself."""
    for start in range(0, len(sources), SHARD):

        def submit(shard: Sequence[Source] = sources[start : start + SHARD]) -> Any:
            work: list[Document | Source] = []
            for source in shard:
                work.append(source if _read_remotely(source) else read(source, config.decode.max_bytes))
                if on_read is not None:
                    on_read()
            return client.submit(task, *_sent(client, [work]), *args, pure=False)

        yield submit


def _sent(client: Any, values: Sequence[Any]) -> list[Any]:
    """``values`` on the cluster, as futures to hand tasks. A value given to ``submit`` itself
    stays in the scheduler's memory for the rest of the run (dask 2026.8: 0.75 MB a shard of 32
    files, 24 KB a file the client's process grew by with a local cluster); a scattered one is
    dropped when its task is done. ``hash=False``: a key of its own, even for a value sent
    before (whose future may be released)."""
    return list(client.scatter(list(values), hash=False)) if values else []


def _in_order(client: Any, submits: Iterator[Callable[[], Any]], ready: Callable[[Any], T]) -> Iterator[T]:
    """``ready`` of each submitted shard's handle (it waits for what it needs), in order: shards
    submitted ahead, ``IN_FLIGHT_PER_WORKER`` a worker, so the cluster stays busy and what
    waits here stays bounded. A handle is a future, or a tuple of them."""
    ahead = _workers(client) * IN_FLIGHT_PER_WORKER
    pending = deque(submit() for submit in itertools.islice(submits, ahead))
    try:
        while pending:
            done = ready(pending.popleft())
            pending.extend(submit() for submit in itertools.islice(submits, 1))
            yield done
    finally:
        for handle in pending:
            for future in handle if isinstance(handle, tuple) else (handle,):
                future.cancel()


def _result(future: Any) -> Any:
    """A future's result, then the future released (the cluster forgets it)."""
    result = future.result()
    future.release()
    return result


def _cross_file(
    client: Any,
    sources: Sequence[Source],
    config: Config,
    remote_config: Any,
    on_read: Callable[[], None] | None,
    finish: Finish,
) -> Iterator[Any]:
    """A dedup-on run in three passes (see the module's docstring), each shard's documents kept
    on the cluster between them as a future."""
    comparison = ShuffleComparison(_DaskRunner(client), config.dedup, PARTS_PER_WORKER * _workers(client))
    cleaned, shared = _first_passes(client, sources, config, remote_config, on_read, comparison)
    marked = deque(client.submit(second_pass, docs, shared, remote_config, pure=False) for docs in cleaned)
    del cleaned  # each shard's first documents are released once its second pass is done
    items: list[Item] = []
    number = 0
    # One shard's places at a time, so that this process never holds them all beside the items.
    for places in map(_result, [client.submit(getitem, shard, 1, pure=False) for shard in marked]):
        for path, chosen in places:
            items.extend(Item(number, path, *at) for at in chosen)
            comparison.add_indices(number, [at.paragraph for at in chosen])
            number += 1
    changes = find_changes(items, comparison, config.dedup)
    del comparison, items

    def third_passes() -> Iterator[Callable[[], Any]]:
        for first in range(0, len(sources), SHARD):
            mine = [changes.get(d, []) for d in range(first, min(first + SHARD, len(sources)))]
            shard = marked.popleft()  # released here once its third pass is done
            yield partial(client.submit, third_pass, shard, *_sent(client, [mine]), remote_config, finish, pure=False)

    for done in _in_order(client, third_passes(), _result):
        yield from done


def _first_passes(
    client: Any,
    sources: Sequence[Source],
    config: Config,
    remote_config: Any,
    on_read: Callable[[], None] | None,
    comparison: ShuffleComparison,
) -> tuple[list[Any], Any]:
    """Pass 1 on every shard, in order: the counts of template-like lines kept here, the shingles
    noted by ``comparison``. Returns each shard's documents and the run's template lines, as
    futures on the cluster."""

    def submitted(submit: Callable[[], Any]) -> tuple[Any, Any, Any]:
        future = submit()
        docs, sets, noted = (client.submit(getitem, future, k, pure=False) for k in range(3))
        future.release()  # the cluster keeps it until the parts are taken
        return docs, sets, noted

    def notes(handle: tuple[Any, Any, Any]) -> tuple[Any, Any, ShardNotes]:
        docs, sets, noted = handle
        return docs, sets, _result(noted)

    files_per_line: Counter[str] = Counter()
    docs_of_shards = []
    shards = _shards(client, sources, config, on_read, first_pass, remote_config)
    for docs, sets, (counts, indices) in _in_order(client, (partial(submitted, s) for s in shards), notes):
        files_per_line.update(counts)
        comparison.note_shard(sets, indices)
        docs_of_shards.append(docs)
    [shared] = client.scatter([passes.template_lines(files_per_line, config)], broadcast=True, hash=False)
    return docs_of_shards, shared
