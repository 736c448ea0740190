"""The stages a document goes through, in order, and the cross-file steps' per-document part:
what every engine (the local pool in ``pipeline``, dask in ``run.dask``) runs.

decode -> extract_html -> segment -> extract_article -> [mark_template] -> find_meta -> [dedup]
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from scrubnews.config import Config
from scrubnews.document import Document
from scrubnews.extract.article import extract_article
from scrubnews.extract.extract_html import extract_html
from scrubnews.extract.mark_template import mark_template
from scrubnews.extract.meta import find_meta
from scrubnews.extract.segment import segment
from scrubnews.io.charset import decode
from scrubnews.neardup.dedup import dedup

Stage = Callable[[Iterable[Document]], Iterator[Document]]
C = TypeVar("C")


def per_document(step: Callable[[Document, C], Document], config: C, debug: bool = False) -> Stage:
    """Lift a one-document step over a stream of documents.

    A step that fails on one document (a page that trips a parser or a
    library) marks that document with the error and the run goes on: one
    line naming the file, not a traceback that loses the night's crawl.
    ``debug`` (``Config.debug``, ``--debug``) lets the exception through instead.
    """

    def stage(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if not doc.is_ok:
                yield doc
                continue
            try:
                yield step(doc, config)
            except Exception as error:
                if debug:
                    raise
                name = getattr(step, "__name__", "a step")
                yield replace(doc, problem=f"internal error in {name}: {type(error).__name__}: {error}")

    return stage


def default_stages(config: Config) -> list[Stage]:
    """decode → extract_html → segment → extract_article → mark_template → find_meta → dedup.

    With ``--dedup off`` the two cross-file stages (mark_template, dedup) are left out.
    """

    def template(docs: Iterable[Document]) -> Iterator[Document]:
        return mark_template(docs, config.template)

    def near_duplicates(docs: Iterable[Document]) -> Iterator[Document]:
        return dedup(docs, config.dedup)

    debug = config.debug
    per_file = [
        per_document(decode, config.decode, debug),
        per_document(extract_html, config.html, debug),
        per_document(segment, config.segment, debug),
        per_document(extract_article, config.extract, debug),
        per_document(find_meta, config.meta, debug),
    ]
    if not config.cross_file:
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
    return 4 if config.cross_file else 5
