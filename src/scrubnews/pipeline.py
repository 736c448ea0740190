"""The order of the stages, and the public entry points that run them."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from scrubnews.config import Config, DedupMode, Engine
from scrubnews.document import Document
from scrubnews.extract.article import extract_article
from scrubnews.extract.extract_html import extract_html
from scrubnews.extract.mark_template import mark_template
from scrubnews.extract.meta import find_meta
from scrubnews.extract.model import shipped_model
from scrubnews.extract.segment import segment
from scrubnews.io.decode import decode
from scrubnews.io.readers import Source, read
from scrubnews.neardup.dedup import Comparison, dedup

Stage = Callable[[Iterable[Document]], Iterator[Document]]
C = TypeVar("C")
T = TypeVar("T")


def per_document(step: Callable[[Document, C], Document], config: C) -> Stage:
    """Lift a one-document step over a stream of documents.

    A step that fails on one document (a page that trips a parser or a
    library) marks that document with the error and the run goes on: one
    line naming the file, not a traceback that loses the night's crawl.
    ``SCRUBNEWS_DEBUG=1`` (``--debug``) lets the exception through instead.
    """

    def stage(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if not doc.is_ok:
                yield doc
                continue
            try:
                yield step(doc, config)
            except Exception as error:
                if os.environ.get("SCRUBNEWS_DEBUG"):
                    raise
                name = getattr(step, "__name__", "a step")
                yield replace(doc, problem=f"internal error in {name}: {type(error).__name__}: {error}")

    return stage


def default_stages(config: Config, comparison: Comparison | None = None) -> list[Stage]:
    """decode → extract_html → segment → extract_article → mark_template → find_meta → dedup.

    With ``--dedup off`` the two cross-file stages (mark_template, dedup) are left out.
    ``comparison`` is where dedup finds its matches (here by default).
    """

    def template(docs: Iterable[Document]) -> Iterator[Document]:
        return mark_template(docs, config.template)

    def near_duplicates(docs: Iterable[Document]) -> Iterator[Document]:
        return dedup(docs, config.dedup, comparison)

    per_file = [
        per_document(decode, config.decode),
        per_document(extract_html, config.html),
        per_document(segment, config.segment),
        per_document(extract_article, config.extract),
        per_document(find_meta, config.meta),
    ]
    if config.dedup.mode is DedupMode.OFF:
        # No cross-file step: each document is final as soon as it is
        # cleaned, so results stream and memory does not grow with the run.
        return per_file
    # The cross-file steps (shared template lines, near-duplicates) need the
    # whole run before any document is final.
    return [*per_file[:4], template, per_file[4], near_duplicates]


def run(docs: Iterable[Document], stages: Sequence[Stage]) -> Generator[Document, None, None]:
    for stage in stages:
        docs = stage(docs)
    yield from docs


def per_file_stages(config: Config) -> int:
    """How many of ``default_stages`` come before the first cross-file stage (they can run anywhere)."""
    return 5 if config.dedup.mode is DedupMode.OFF else 4


def clean(
    sources: Iterable[Source],
    config: Config | None = None,
    jobs: int = 1,
    on_read: Callable[[], None] | None = None,
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
) -> Iterator[Document]:
    """Read and clean every source, in order.

    With ``jobs`` > 1 the per-file stages run in that many worker processes
    and the cross-file ones here, on the documents in input order: the
    output is the same, byte for byte, for any number of jobs. Each worker
    reads its own files, and only a window of them is handed out ahead of
    the output, so memory stays bounded. Standard input is read as it
    comes, so a run that reads it stays serial. ``on_read`` is called as
    each file is read, or with workers as each is done (a progress bar).
    ``Engine.DASK`` runs the per-file stages on the dask cluster at
    ``scheduler`` (or a local one of ``jobs`` workers) instead, with the
    same output (``distributed.py``).
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

    With workers (``jobs`` > 1, or a dask cluster) and no cross-file stage
    (``--dedup off``), ``finish`` runs in the worker that cleaned the
    document, so it must pickle (a module function, or a
    ``functools.partial`` of one). What it returns is all
    that comes back: a command that renders its output there (a JSONL
    line, a file's text) leaves this process only the writing, and its
    cost per file no longer limits how many workers can help. Otherwise
    ``finish`` runs here, after the cross-file stages.
    """
    config = config or Config()
    stages = default_stages(config)
    sources = list(sources)
    final_in_workers = per_file_stages(config) == len(stages)  # every stage runs there: so can finish
    if engine is Engine.DASK:
        from scrubnews.distributed import on_dask

        if final_in_workers:
            finished = on_dask(sources, config, scheduler, jobs, on_read, finish)
            return finished.closing(finished.docs)
        on_cluster = on_dask(sources, config, scheduler, jobs, on_read)
        stages = default_stages(config, on_cluster.comparison)[per_file_stages(config) :]
        return _finished(on_cluster.closing(run(on_cluster.docs, stages)), finish)
    # At least _FILES_PER_WORKER files a worker: starting one costs more than cleaning a few files.
    jobs = min(jobs, -(-len(sources) // _FILES_PER_WORKER))
    if jobs > 1 and not any(source.is_stdin for source in sources):
        if final_in_workers:
            return _in_workers(sources, config, jobs, on_read, finish)
        docs = _in_workers(sources, config, jobs, on_read, _itself)
        return _finished(run(docs, stages[per_file_stages(config) :]), finish)
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


_FILES_PER_WORKER = 8
# Files handed out ahead of the one the output waits for, per worker: enough
# that no worker waits on a long page, few enough that a slow reader of the
# output (``| head``, a slow disk) holds a bounded number of finished documents.
_AHEAD_PER_WORKER = 16
_WORKER_STAGES: list[Stage] = []
_WORKER_MAX_BYTES: list[int] = []
_WORKER_FINISH: list[Callable[[Document], object]] = []


def _start_worker(config: Config, finish: Callable[[Document], object]) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); SIGTERM, which
    # the parent's pool sends to stop a worker, must end it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_STAGES[:] = default_stages(config)[: per_file_stages(config)]
    _WORKER_MAX_BYTES[:] = [config.decode.max_bytes]
    _WORKER_FINISH[:] = [finish]


def _clean_in_worker(source: Source) -> object:
    return _WORKER_FINISH[0](next(run([read(source, _WORKER_MAX_BYTES[0])], _WORKER_STAGES)))


def _in_workers(
    sources: list[Source],
    config: Config,
    jobs: int,
    on_read: Callable[[], None] | None,
    finish: Callable[[Document], T],
) -> Iterator[T]:
    """Each source read, taken through the per-file stages and ``finish`` in ``jobs`` processes,
    results in input order.

    Workers read their files themselves (the parent sends a name, not the
    bytes), and the next file is handed out as each result is taken, so no
    worker waits for a batch's slowest page.
    """
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:  # loaded once here, the models are shared by every forked worker instead of read by each
        shipped_model("text")
        shipped_model("html")
    context = multiprocessing.get_context("fork" if forking else "spawn")
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(config, finish))
    try:
        pending: deque[AsyncResult[Any]] = deque()  # each one what finish returned: a T
        queued = iter(sources)
        for source in itertools.islice(queued, jobs * _AHEAD_PER_WORKER):
            pending.append(pool.apply_async(_clean_in_worker, (source,)))
        while pending:
            done = pending.popleft().get()
            following = next(queued, None)
            if following is not None:
                pending.append(pool.apply_async(_clean_in_worker, (following,)))
            if on_read is not None:
                on_read()
            yield done
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def clean_bytes(data: bytes, config: Config | None = None, path: str = "-") -> Document:
    """Clean one page given as bytes (text or HTML): the library entry point."""
    config = config or Config()
    return next(run([Document(path=path, raw=data)], default_stages(config)))
