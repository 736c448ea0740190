"""The public entry points: ``clean``, ``clean_to``, ``clean_bytes``. Each picks an engine (one
process, the local pool of ``run/local.py``, or dask: ``run/dask.py``) to run the stages of
``run/stages.py``."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from typing import TypeVar

from scrubnews.config import Config, Engine
from scrubnews.document import Document
from scrubnews.io.readers import read
from scrubnews.io.sources import Source
from scrubnews.run.local import FILES_PER_WORKER, cross_file_in_workers, in_workers
from scrubnews.run.stages import default_stages, per_file_stages, run

T = TypeVar("T")


def clean(
    sources: Iterable[Source],
    config: Config | None = None,
    jobs: int = 1,
    on_read: Callable[[], None] | None = None,
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
) -> Iterator[Document]:
    """Read and clean every source, in order.

    With ``jobs`` > 1 the stages run in that many worker processes (the
    cross-file ones in passes, ``run.local.cross_file_in_workers``): the output is
    the same, byte for byte, for any number of jobs. Each worker
    reads its own files, and only a window of them is handed out ahead of
    the output, so memory stays bounded. Standard input is read as it
    comes, so a run that reads it stays serial. ``on_read`` is called as
    each file is read, or with workers as each is done (a progress bar).
    ``Engine.DASK`` runs every stage on the dask cluster at ``scheduler``
    (or a local one of ``jobs`` workers) instead, with the same output
    (``run/dask.py``).
    """
    return clean_to(_itself, sources, config, jobs, on_read, engine, scheduler)


def clean_to(
    finish: Callable[[Document], T],
    sources: Iterable[Source],
    config: Config | None = None,
    jobs: int = 1,
    on_read: Callable[[], None] | None = None,
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
) -> Iterator[T]:
    """``clean``, with each document handed to ``finish`` as soon as its verdicts are final, and
    what ``finish`` returns yielded in input order.

    With workers (``jobs`` > 1), ``finish`` runs in a worker, so it must
    pickle (a module function, or a ``functools.partial`` of one). What it
    returns is all that comes back: a command that renders its output
    there (a JSONL line, a file's text) leaves this process only the
    writing, and its cost per file no longer limits how many workers can
    help. With dedup on, the cross-file stages run in the workers too, on
    documents they keep on disk (``run.local.cross_file_in_workers``). On a dask
    cluster ``finish`` runs in its tasks, after the cross-file stages when
    there are any (``distributed.on_dask``).
    """
    config = config or Config()
    stages = default_stages(config)
    sources = list(sources)
    final_in_workers = per_file_stages(config) == len(stages)  # every stage runs there: so can finish
    if engine is Engine.DASK:
        from scrubnews.run.dask import on_dask  # dask is optional and heavy: imported for --engine dask only

        return on_dask(sources, config, scheduler, jobs, on_read, finish)
    jobs = min(jobs, -(-len(sources) // FILES_PER_WORKER))
    if jobs > 1 and not any(source.is_stdin for source in sources):
        if final_in_workers:
            return in_workers(sources, config, jobs, on_read, finish)
        return cross_file_in_workers(sources, config, jobs, on_read, finish)
    return _finished(run(_read_all(sources, config.decode.max_bytes, on_read), stages), finish)


def _itself(doc: Document) -> Document:
    return doc


def _finished(docs: Generator[Document, None, None], finish: Callable[[Document], T]) -> Iterator[T]:
    """Each document through ``finish``; closing this closes ``docs`` (a cluster, a pool) at once."""
    with closing(docs):
        for doc in docs:
            yield finish(doc)


def _read_all(sources: list[Source], max_bytes: int, on_read: Callable[[], None] | None) -> Iterator[Document]:
    for source in sources:
        yield read(source, max_bytes)
        if on_read is not None:
            on_read()


def clean_bytes(data: bytes, config: Config | None = None, path: str = "-") -> Document:
    """Clean one page given as bytes (text or HTML): the library entry point."""
    config = config or Config()
    return next(run([Document(path=path, raw=data)], default_stages(config)))
