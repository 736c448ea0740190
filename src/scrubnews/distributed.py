"""The per-file stages on ``dask.distributed``: ``scrubnews clean --engine dask [--scheduler ADDRESS]``.

Files are read here and sent to the cluster a shard at a time (``shard``
files a task), so workers need no access to this machine's disks; each
task runs the same per-file stages as a local run (decode, HTML, segment,
the line model and decoder, and metadata when nothing cross-file follows)
and returns its documents. They come back in input order, at most
``in_flight`` shards ahead of the one being written, and the cross-file
stages (shared template lines, near-duplicates) run here on them with the
code a local run uses: the verdicts are the same as a local run's, byte for
byte, whatever the cluster.

Without ``--scheduler`` a ``LocalCluster`` of ``--jobs`` worker processes
is started for the run and closed after it. Needs the ``dask`` extra
(``pip install 'scrubnews[dask]'``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import Any

from scrubnews.config import Config
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.io.readers import Source, read

SHARD = 32  # files a task: enough work to outweigh a task's ~1 ms of scheduling
IN_FLIGHT_PER_WORKER = 4  # shards submitted ahead per worker: the cluster stays busy, memory bounded
CONNECT_SECONDS = 10  # how long to wait for the --scheduler to answer


def clean_shard(docs: Sequence[Document], config: Config) -> list[Document]:
    """The per-file stages of a shard of read documents (what each task runs)."""
    from scrubnews.pipeline import default_stages, per_file_stages, run

    return list(run(docs, default_stages(config)[: per_file_stages(config)]))


def on_dask(
    sources: Sequence[Source],
    config: Config,
    scheduler: str | None,
    workers: int,
    on_read: Callable[[], None] | None = None,
) -> Iterator[Document]:
    """Every source through the per-file stages on a dask cluster, in input order.

    Raises ConfigError at once when the run cannot use dask (standard input,
    no dask installed, a scheduler that cannot be reached); the cluster (a
    local one if no ``scheduler``) is closed when the documents run out or
    the caller stops reading them.
    """
    if any(source.is_stdin for source in sources):
        raise ConfigError("--engine dask reads files; standard input ('-') needs the local engine")
    try:
        import distributed
    except ImportError as error:
        raise ConfigError("--engine dask needs the dask extra: pip install 'scrubnews[dask]'") from error
    stack = ExitStack()
    try:
        if scheduler is None:
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
    return _closing(stack, _in_order(client, sources, config, on_read))


def _closing(stack: ExitStack, docs: Iterator[Document]) -> Iterator[Document]:
    with stack:
        yield from docs


def _in_order(
    client: Any, sources: Sequence[Source], config: Config, on_read: Callable[[], None] | None
) -> Iterator[Document]:
    """Submit shards ahead, a bounded number at a time, and yield their documents in input order."""
    shards = (sources[start : start + SHARD] for start in range(0, len(sources), SHARD))
    limit = max(1, len(client.scheduler_info().get("workers", {})) * IN_FLIGHT_PER_WORKER)
    [remote_config] = client.scatter([config], broadcast=True)
    pending: deque[Any] = deque()

    def submit() -> bool:
        shard = next(shards, None)
        if shard is None:
            return False
        docs = []
        for source in shard:
            docs.append(read(source, config.decode.max_bytes))
            if on_read is not None:
                on_read()
        pending.append(client.submit(clean_shard, docs, remote_config, pure=False))
        return True

    try:
        while len(pending) < limit and submit():
            pass
        while pending:
            future = pending.popleft()
            docs = future.result()
            future.release()
            submit()
            yield from docs
    finally:
        for future in pending:
            future.cancel()
