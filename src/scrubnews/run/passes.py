"""The cross-file steps of a run with workers, as three passes over the documents: what each pass
does to one document, written once for both engines. ``run/local.py`` keeps the documents on disk
between passes and ``run/dask.py`` on the cluster; they differ in that and in how answers travel,
never in what is decided, so the output is the same byte for byte as the stages in one process.

1. the per-file stages (``stages.per_file_stages``), then ``first``: the document's template keys
   go back, and the engine counts them into the run's template lines (``template_lines``);
2. ``second``: those lines marked and the metadata found (the stages' ``mark_template`` and
   ``find_meta``, in order); the places of the paragraphs still compared go back, with their
   shingles, and the engine searches them for near-duplicates (``neardup.dedup.find_changes``);
3. ``third``: the near-duplicate changes found for the document made, then the command's
   ``finish`` (a JSONL line, a file's text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from scrubnews.config import Config
from scrubnews.document import Document, Paragraph
from scrubnews.extract.mark_template import mark_shared, shared_lines, template_keys
from scrubnews.extract.meta import find_meta
from scrubnews.neardup.dedup import Change, apply_changes, compared
from scrubnews.run.stages import per_document

T = TypeVar("T")


def first(doc: Document, config: Config) -> set[str]:
    """Pass 1, after the per-file stages: the document's template keys (its normalised short lines)."""
    return template_keys(doc, config.template)


def template_lines(files_per_line: Counter[str], config: Config) -> set[str]:
    """Between passes 1 and 2: the run's template lines, from how many files hold each key."""
    return shared_lines(files_per_line, config.template)


def second(doc: Document, shared: set[str], config: Config) -> tuple[Document, list[Paragraph]]:
    """Pass 2: the run's template lines (``shared``) marked, then the metadata found, as the stages
    run them; and the paragraphs the near-duplicate search compares."""
    doc = next(per_document(find_meta, config.meta, config.debug)([mark_shared(doc, shared, config.template)]))
    return doc, compared(doc)


def third(doc: Document, changes: list[Change], config: Config, finish: Callable[[Document], T]) -> T:
    """Pass 3: the near-duplicate changes for ``doc`` made, then ``finish``."""
    return finish(apply_changes(doc, changes, config.dedup))
