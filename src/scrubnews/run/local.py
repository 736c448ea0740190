"""The local engine: a run's stages in ``--jobs`` worker processes (``multiprocessing``), output in
input order and the same, byte for byte, as with one process. ``pipeline.clean_to`` picks it."""

from __future__ import annotations

import itertools
import pickle
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import numpy as np

from scrubnews.config import Config
from scrubnews.document import Document
from scrubnews.extract.model import shipped_model
from scrubnews.io.readers import read
from scrubnews.io.sources import Source
from scrubnews.io.spool import SharedSpool, Slot, spooling
from scrubnews.neardup.dedup import (
    Change,
    Item,
    LocalComparison,
    Where,
    find_changes,
    where,
)
from scrubnews.run import passes
from scrubnews.run.stages import Stage, default_stages, per_file_stages, run

if TYPE_CHECKING:  # the pool's modules are imported by a run with --jobs 2 or more (5 ms of start-up)
    import multiprocessing.pool
    from multiprocessing.pool import AsyncResult

T = TypeVar("T")

# A run of fewer files than this a worker uses fewer workers: starting one costs more than cleaning a few files.
FILES_PER_WORKER = 8
# Files (or passes over a file) sent to a worker as one pool task: each task
# costs the main process about 0.8 ms of its CPU (the pool's queues and
# threads), as much as a worker spends on a tenth of a file; four to a task
# take most of that off (1,500 files with dedup flag, the main process's CPU
# in the first pass: 1.3 -> 0.4 s), and a result still comes back every few
# tens of milliseconds.
_ITEMS_PER_TASK = 4
# The later passes of a dedup-on run cost a worker about 2 ms a file, a
# tenth of the first: sixteen files to a task keep the same share.
_LIGHT_ITEMS_PER_TASK = 16
# Tasks handed out ahead of the one the output waits for, per worker (16
# files): enough that no worker waits on a long page, few enough that a slow
# reader of the output (``| head``, a slow disk) holds a bounded number of
# finished documents.
_AHEAD_PER_WORKER = 4
# What each worker process holds for its run (set by ``_start_worker``).
_WORKER_CONFIG: list[Config] = []
_WORKER_STAGES: list[Stage] = []
_WORKER_FINISH: list[Callable[[Document], object]] = []
_WORKER_CROSS: list[_CrossFileWork] = []


def _start_worker(config: Config, finish: Callable[[Document], object], cross: _CrossFileWork | None = None) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); SIGTERM, which
    # the parent's pool sends to stop a worker, must end it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_STAGES[:] = default_stages(config)[: per_file_stages(config)]
    _WORKER_FINISH[:] = [finish]
    _WORKER_CONFIG[:] = [config]
    _WORKER_CROSS[:] = [cross] if cross is not None else []


def _cleaned(source: Source) -> Document:
    return next(run([read(source, _WORKER_CONFIG[0].decode.max_bytes)], _WORKER_STAGES))


def _clean_in_worker(source: Source) -> object:
    return _WORKER_FINISH[0](_cleaned(source))


def in_workers(
    sources: list[Source],
    config: Config,
    jobs: int,
    on_read: Callable[[], None] | None,
    finish: Callable[[Document], T],
) -> Iterator[T]:
    """Each source read, taken through the per-file stages and ``finish`` in ``jobs`` processes,
    results in input order.

    Workers read their files themselves (the parent sends a name, not the
    bytes), and the next few files (``_ITEMS_PER_TASK``) are handed out as
    each result is taken, so no worker waits for a batch's slowest page.
    """
    with _pool(jobs, config, finish) as pool:
        for done in _ordered(pool, _clean_in_worker, sources, jobs):
            if on_read is not None:
                on_read()
            yield done


@contextmanager
def _pool(
    jobs: int, config: Config, finish: Callable[[Document], object], cross: _CrossFileWork | None = None
) -> Iterator[multiprocessing.pool.Pool]:
    """``jobs`` worker processes set up for ``config``; stopped when the block ends, at once on an
    error or an interrupt."""
    import multiprocessing

    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:  # loaded once here, the models are shared by every forked worker instead of read by each
        shipped_model("text")
        shipped_model("html")
    context = multiprocessing.get_context("fork" if forking else "spawn")
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(config, finish, cross))
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _ordered(
    pool: multiprocessing.pool.Pool,
    task: Callable[[Any], Any],
    items: Iterable[Any],
    jobs: int,
    per_task: int = _ITEMS_PER_TASK,
) -> Iterator[Any]:
    """``task`` of each item in the pool, results in the items' order, ``per_task`` items a pool
    task.

    Only a window of items is handed out ahead of the one the output waits
    for, so a slow reader of the output holds a bounded number of results.
    """
    pending: deque[AsyncResult[Any]] = deque()
    chunks = _chunks(items, per_task)
    run_chunk = partial(_each, task)
    for item in itertools.islice(chunks, jobs * _AHEAD_PER_WORKER):
        pending.append(pool.apply_async(run_chunk, (item,)))
    while pending:
        done = pending.popleft().get()
        for following in itertools.islice(chunks, 1):
            pending.append(pool.apply_async(run_chunk, (following,)))
        yield from done


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    queued = iter(items)
    while chunk := list(itertools.islice(queued, size)):
        yield chunk


def _each(task: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [task(item) for item in chunk]


@dataclass(frozen=True)
class _CrossFileWork:
    """What the workers of a dedup-on run share: the spool of their documents, and the file the
    run's template lines are written to once every file is in."""

    spool: SharedSpool
    shared_lines: Path

    @cached_property
    def shared(self) -> set[str]:
        with self.shared_lines.open("rb") as handle:
            lines: set[str] = pickle.load(handle)
        return lines

    @cached_property
    def comparison(self) -> LocalComparison:
        return LocalComparison(_WORKER_CONFIG[0].dedup)  # its shingle hasher, for this worker's documents


def cross_file_in_workers(
    sources: list[Source],
    config: Config,
    jobs: int,
    on_read: Callable[[], None] | None,
    finish: Callable[[Document], T],
) -> Iterator[T]:
    """``clean_to`` with dedup on and ``jobs`` workers: every stage and ``finish`` in the workers.

    The three passes of ``run/passes.py``, over the files in input order.
    The workers keep the documents on disk between them (a ``SharedSpool``)
    and this process only what the cross-file steps decide with: each
    file's template keys after pass 1; after pass 2, its compared
    paragraphs' places and shingles (made in the worker), which this
    process searches for near-duplicates. Pass 3 sends back what
    ``finish`` returns.
    """
    with SharedSpool.temporary() as spool:
        work = _CrossFileWork(spool, spool.folder / "template-lines.pickle")
        with _pool(jobs, config, finish, work) as pool:
            files_per_line: Counter[str] = Counter()
            slots: list[Slot] = []
            for slot, keys in _ordered(pool, _park_in_worker, sources, jobs):
                slots.append(slot)
                files_per_line.update(keys.split("\n") if keys else ())
                if on_read is not None:
                    on_read()
            with spooling(), work.shared_lines.open("wb") as handle:
                pickle.dump(passes.template_lines(files_per_line, config), handle)
            del files_per_line
            comparison = LocalComparison(config.dedup)
            items: list[Item] = []
            marked: list[Slot] = []
            for number, (slot, path, chosen, shingles, sizes) in enumerate(
                _ordered(pool, _mark_in_worker, slots, jobs, _LIGHT_ITEMS_PER_TASK)
            ):
                marked.append(slot)
                items.extend(Item(number, path, *at) for at in chosen)
                comparison.add_shingles(np.split(shingles, np.cumsum(sizes)[:-1]) if sizes else [])
            changes = find_changes(items, comparison, config.dedup)
            del comparison, items
            tasks = ((slot, changes.get(d, [])) for d, slot in enumerate(marked))
            yield from _ordered(pool, _finish_in_worker, tasks, jobs, _LIGHT_ITEMS_PER_TASK)


def _park_in_worker(source: Source) -> tuple[Slot, str]:
    """The per-file stages; back come the document's slot in the spool and its template keys, one a line
    (a key is a normalised line: it holds no line break; one string pickles far faster than a set)."""
    doc = _cleaned(source)
    return _WORKER_CROSS[0].spool.put(doc), "\n".join(passes.first(doc, _WORKER_CONFIG[0]))


class Marked(NamedTuple):
    """What the second pass sends back of a document: its new slot in the spool, its path, its
    compared paragraphs' places, and their shingles (all in one array, with each set's size: one
    array pickles far faster than many)."""

    slot: Slot
    path: str
    chosen: list[Where]
    shingles: np.ndarray
    sizes: list[int]


def _mark_in_worker(slot: Slot) -> Marked:
    """The template marks and the metadata, then the compared paragraphs' places and shingles."""
    work = _WORKER_CROSS[0]
    doc, chosen = passes.second(work.spool.get(slot), work.shared, _WORKER_CONFIG[0])
    sets = work.comparison.shingles(chosen)
    shingles = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint32)
    return Marked(work.spool.put(doc), doc.path, [where(p) for p in chosen], shingles, [len(s) for s in sets])


def _finish_in_worker(task: tuple[Slot, list[Change]]) -> object:
    slot, changes = task
    return passes.third(_WORKER_CROSS[0].spool.get(slot), changes, _WORKER_CONFIG[0], _WORKER_FINISH[0])
