"""Link near-duplicate paragraphs across documents, with provenance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, Protocol

import numpy as np

from scrubnews.config import DedupConfig, DedupMode
from scrubnews.document import Document, DupLink, Paragraph, Verdict, filled_through_slots, pickled_by_fields
from scrubnews.extract.article import MODEL_REASONS
from scrubnews.io.spool import Spool
from scrubnews.neardup.minhash import Match, clusters, find_matches, overlap
from scrubnews.neardup.shingles import ShingleHasher
from scrubnews.text import is_sentence


@filled_through_slots
@dataclass(frozen=True, slots=True)
class Item:
    """What the stage keeps in memory of one compared paragraph: where it is, and whether it is kept."""

    doc: int
    path: str
    index: int
    line_start: int
    line_end: int
    kept: bool

    @staticmethod
    def of(number: int, doc: Document, p: Paragraph) -> Item:
        return Item(number, doc.path, *where(p))


class Where(NamedTuple):
    """A compared paragraph's place in its document, as a worker sends it back: an ``Item``'s
    fields but the document's (``paragraph`` is ``Item.index``: ``index`` is a tuple's method)."""

    paragraph: int
    line_start: int
    line_end: int
    kept: bool


def where(p: Paragraph) -> Where:
    """``p``'s place (``Where``)."""
    return Where(p.index, p.line_start, p.line_end, p.is_kept)


def is_compared(p: Paragraph) -> bool:
    """Kept, or dropped by the line model (not as a chrome phrase, a repeat or a template) and prose:
    an exact copy of a paragraph is then found even where one page's extraction left it out (a
    quote, a tweet, a teaser of the story on another page)."""
    return p.is_kept or (
        p.verdict is Verdict.BOILERPLATE and p.reason in MODEL_REASONS and is_sentence(p.text, p.words)
    )


def dedup(docs: Iterable[Document], config: DedupConfig) -> Iterator[Document]:
    """Give every kept paragraph its cluster and a link to the cluster's original.

    Kept paragraphs are compared, and dropped ones that read as prose and
    were dropped by the line model (not as a chrome phrase, a repeat or a
    template line), so shared footers and menus never swamp the report
    while a copy is found even where one page's extraction dropped it.
    Documents keep their input order, and within a cluster the earliest
    paragraph in that order is the original: every other member links to
    it (with their exact Jaccard and containment) and every member carries
    the cluster's size. A later near repeat of a kept paragraph inside one
    file links to the earlier one. In ``drop`` mode every kept member after
    the cluster's first kept one, and every later repeat inside one file,
    is marked as a duplicate (a copy of a dropped paragraph stays: the
    article must not lose it); in ``flag`` mode they stay and carry the
    links.

    Time and output grow linearly with the number of copies: identical
    paragraphs (the same shingles: exact and whitespace-only copies) are
    collapsed onto their first occurrence before any pair is looked at,
    and no paragraph lists every other copy. The stage must see the whole
    run before the first document is final (a cluster's size is known only
    at the end). It keeps each compared paragraph's place and shingles in
    memory (``LocalComparison``); the documents wait in a ``Spool`` on disk.
    """
    if config.mode is DedupMode.OFF:
        yield from docs
        return
    comparison = LocalComparison(config)
    spool = Spool()
    items: list[Item] = []
    try:
        for d, doc in enumerate(docs):
            spool.append(doc)
            if doc.is_ok:  # a comparison knows only the documents that were cleaned
                chosen = compared(doc)
                items.extend(Item.of(d, doc, p) for p in chosen)
                comparison.add(chosen)
        changes = find_changes(items, comparison, config)
        del comparison
        for d, doc in enumerate(spool):
            yield apply_changes(doc, changes.get(d, []), config)
    finally:
        spool.close()


def compared(doc: Document) -> list[Paragraph]:
    """The paragraphs of ``doc`` that are compared (``is_compared``), in order."""
    return [p for p in doc.paragraphs if is_compared(p)] if doc.is_ok else []


def find_changes(items: list[Item], comparison: Comparison, config: DedupConfig) -> dict[int, list[Change]]:
    """For each document (by number), what changes for its paragraphs in a cluster or repeating an
    earlier one, in paragraph order. ``items`` are the compared paragraphs as added to ``comparison``."""
    if not items:  # nothing compared (no file, or none cleaned): nothing to ask the comparison
        return {}
    by_doc: dict[int, list[Change]] = {}
    for k, change in sorted(_changes(items, comparison, config).items()):
        by_doc.setdefault(items[k].doc, []).append(change)
    return by_doc


def apply_changes(doc: Document, changes: Sequence[Change], config: DedupConfig) -> Document:
    """``doc`` with each change made to the paragraph it names."""
    if not changes:
        return doc
    paragraphs = list(doc.paragraphs)
    position = {p.index: i for i, p in enumerate(paragraphs)}
    for change in changes:
        at = position[change.index]
        paragraphs[at] = _apply(paragraphs[at], change, config)
    return replace(doc, paragraphs=tuple(paragraphs))


class Comparison(Protocol):
    """Where the compared paragraphs' shingles live and how their matches are found: here
    (``LocalComparison``) or on a dask cluster (``shuffle.ShuffleComparison``). Both give the
    same answers; items are numbered in the order they are added."""

    def compare(self) -> tuple[list[int], list[Match]]:
        """Each item's first identical item (itself if none), and the verified matches among the
        distinct ones, sorted by their second member, then their first."""
        ...

    def overlaps(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
        """The exact (Jaccard, containment) of each pair of items."""
        ...


class LocalComparison:
    """Every compared paragraph's shingles held here (~470 bytes a paragraph), matched by
    ``find_matches``."""

    def __init__(self, config: DedupConfig) -> None:
        self._config = config
        self._hasher = ShingleHasher(config.shingle_size)
        self._sets: list[np.ndarray] = []
        self._first_of: list[int] | None = None  # each set's first identical set, once compared

    def add(self, chosen: Sequence[Paragraph]) -> None:
        """The next compared paragraphs."""
        self.add_shingles(self.shingles(chosen))

    def shingles(self, chosen: Sequence[Paragraph]) -> list[np.ndarray]:
        """The shingle sets of ``chosen`` (made where the documents are: a worker, or here)."""
        return self._hasher.many([p.text for p in chosen])

    def add_shingles(self, sets: Sequence[np.ndarray]) -> None:
        """The next compared paragraphs, by their shingle sets."""
        self._sets.extend(sets)
        self._first_of = None

    def compare(self) -> tuple[list[int], list[Match]]:
        sets = self._sets
        first_of = self._first_of = _first_identical(sets, self._config.min_shingles)
        distinct = [k for k in range(len(sets)) if first_of[k] == k]
        matches = [
            Match(distinct[m.first], distinct[m.second], m.jaccard, m.containment, m.kind)
            for m in find_matches([sets[k] for k in distinct], self._config)
        ]
        return first_of, matches

    def overlaps(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
        # Identical sets (a syndicated copy, most links of a crawl) overlap wholly: no need to intersect them.
        sets, first = self._sets, self._first_of or _first_identical(self._sets, self._config.min_shingles)
        return [(1.0, 1.0) if first[a] == first[b] else overlap(sets[a], sets[b]) for a, b in pairs]


@filled_through_slots
@pickled_by_fields  # a --jobs run sends every change to a worker
@dataclass(frozen=True, slots=True)
class Change:
    index: int  # the paragraph's index in its document
    links: tuple[DupLink, ...]
    cluster: int | None
    cluster_size: int | None
    is_copy: bool  # a kept copy of an earlier kept member of its cluster (``drop`` drops it)
    is_repeat: bool


def _changes(items: list[Item], comparison: Comparison, config: DedupConfig) -> dict[int, Change]:
    """What changes for each paragraph that is in a cluster or repeats an earlier one."""
    groups = [item.doc for item in items]
    first_of, matches = comparison.compare()
    roots = _roots(len(items), matches, first_of, groups)
    sizes = Counter(roots)
    cluster_ids = _number_clusters(roots, sizes)
    kept = [item.kept for item in items]
    earlier_repeat = _earlier_repeats(matches, first_of, groups, kept)
    first_kept: dict[int, int] = {}
    for k in range(len(items)):
        if kept[k]:
            first_kept.setdefault(roots[k], k)
    # Each changed paragraph's links: to its cluster's original, to an earlier repeat in its file.
    wanted: dict[int, list[tuple[int, str | None]]] = {}
    for k in range(len(items)):
        cluster = cluster_ids.get(roots[k])
        if cluster is None and k not in earlier_repeat:
            continue
        targets = wanted[k] = []
        if cluster is not None and roots[k] != k:
            targets.append((roots[k], None))
        if k in earlier_repeat:
            targets.append((earlier_repeat[k], "repeat"))
    pairs = [(k, other) for k, targets in wanted.items() for other, _ in targets]
    overlaps = iter(comparison.overlaps(pairs))
    changes: dict[int, Change] = {}
    for k, targets in wanted.items():
        cluster = cluster_ids.get(roots[k])
        links = tuple(_link(items[other], next(overlaps), kind, config) for other, kind in targets)
        size = sizes[roots[k]] if cluster is not None else None
        is_later_copy = cluster is not None and kept[k] and first_kept[roots[k]] != k
        changes[k] = Change(items[k].index, links, cluster, size, is_later_copy, k in earlier_repeat)
    return changes


def _apply(p: Paragraph, change: Change, config: DedupConfig) -> Paragraph:
    updated = p.linked(change.links, change.cluster, change.cluster_size)
    if config.mode is DedupMode.DROP and (change.is_copy or change.is_repeat):
        kind = change.links[0].kind if change.is_copy else "repeat"
        updated = updated.judged(Verdict.DUPLICATE, f"duplicate:{kind}")
    return updated


def _first_identical(sets: list[np.ndarray], min_shingles: int) -> list[int]:
    """For each paragraph, the first paragraph with the very same shingles (itself if none)."""
    first: dict[bytes, int] = {}
    out = list(range(len(sets)))
    for k, shingles in enumerate(sets):
        if len(shingles) >= min_shingles:
            out[k] = first.setdefault(shingles.tobytes(), k)
    return out


def _roots(count: int, matches: list[Match], first_of: list[int], groups: list[int]) -> list[int]:
    """Each paragraph's cluster root (its earliest member).

    Distinct paragraphs cluster by their best earlier match in another file
    (``neardup.clusters``). An identical copy joins the cluster of its first
    occurrence, unless that lies in its own file and roots no earlier file's
    copy: a repeat inside one file never starts a cluster.
    """
    roots = clusters(count, matches, groups)
    for k, first in enumerate(first_of):
        if first != k and (groups[first] != groups[k] or roots[first] != first):
            roots[k] = roots[first]
    return roots


def _earlier_repeats(matches: list[Match], first_of: list[int], groups: list[int], kept: list[bool]) -> dict[int, int]:
    """For each later repeat of a kept paragraph inside one file, the earlier kept paragraph it
    repeats (the earliest such)."""
    earlier: dict[int, int] = {}
    first_in_file: dict[tuple[int, int], int] = {}
    for k, first in enumerate(first_of):
        if not kept[k]:
            continue
        own = first_in_file.setdefault((first, groups[k]), k)
        if own != k:
            earlier[k] = own
    for match in matches:
        if groups[match.first] == groups[match.second] and kept[match.first] and kept[match.second]:
            current = earlier.get(match.second)
            if current is None or match.first < current:
                earlier[match.second] = match.first
    return earlier


def _number_clusters(roots: list[int], sizes: Counter[int]) -> dict[int, int]:
    """Cluster numbers 1, 2, ... for roots with two or more members, by first member."""
    numbered: dict[int, int] = {}
    for root in roots:
        if sizes[root] > 1 and root not in numbered:
            numbered[root] = len(numbered) + 1
    return numbered


def _link(target: Item, overlap: tuple[float, float], kind: str | None, config: DedupConfig) -> DupLink:
    """A link to ``target``, with the exact overlap of the two paragraphs."""
    jaccard, containment = overlap
    if kind is None:
        kind = "copy" if jaccard >= config.jaccard else "partial"
    return DupLink(target.path, target.index, target.line_start, target.line_end, jaccard, containment, kind)
