"""Link near-duplicate paragraphs across documents, with provenance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

import numpy as np

from scrubnews.config import DedupConfig, DedupMode
from scrubnews.document import Document, DupLink, Paragraph, Verdict
from scrubnews.neardup import Match, clusters, find_matches, overlap
from scrubnews.shingles import ShingleHasher


def dedup(docs: Iterable[Document], config: DedupConfig) -> Iterator[Document]:
    """Give every kept paragraph its cluster and a link to the cluster's original.

    Only paragraphs still kept are compared, so shared footers and menus
    never swamp the report. Documents keep their input order, and within a
    cluster the earliest paragraph in that order is the original: every
    other member links to it (with their exact Jaccard and containment)
    and every member carries the cluster's size. A later near repeat inside
    one file links to the earlier one. In ``drop`` mode every member but
    the original, and every later repeat inside one file, is marked as a
    duplicate; in ``flag`` mode they stay and carry the links.

    Time and output grow linearly with the number of copies: identical
    paragraphs (the same shingles: exact and whitespace-only copies) are
    collapsed onto their first occurrence before any pair is looked at,
    and no paragraph lists every other copy. The stage holds the whole run
    in memory: a cluster's size is known only at the end.
    """
    buffered = list(docs)
    if config.mode is DedupMode.OFF:
        yield from buffered
        return
    items = [(d, p) for d, doc in enumerate(buffered) if doc.is_ok for p in doc.kept]
    groups = [d for d, _ in items]
    sets = ShingleHasher(config.shingle_size).many([p.text for _, p in items])
    first_of = _first_identical(sets, config.min_shingles)
    distinct = [k for k in range(len(items)) if first_of[k] == k]
    matches = [
        Match(distinct[m.first], distinct[m.second], m.jaccard, m.containment, m.kind)
        for m in find_matches([sets[k] for k in distinct], config)
    ]
    roots = _roots(len(items), matches, first_of, groups)
    sizes = Counter(roots)
    cluster_ids = _number_clusters(roots, sizes)
    earlier_repeat = _earlier_repeats(matches, first_of, groups)
    changed: dict[tuple[int, int], Paragraph] = {}
    for k, (d, p) in enumerate(items):
        cluster = cluster_ids.get(roots[k])
        links: list[DupLink] = []
        is_copy = cluster is not None and roots[k] != k
        if is_copy:
            links.append(_link(buffered, items, k, roots[k], sets, config, kind=None))
        if k in earlier_repeat:
            links.append(_link(buffered, items, k, earlier_repeat[k], sets, config, kind="repeat"))
        updated = replace(
            p, links=tuple(links), cluster=cluster, cluster_size=sizes[roots[k]] if cluster is not None else None
        )
        if config.mode is DedupMode.DROP and (is_copy or k in earlier_repeat):
            updated = replace(updated, verdict=Verdict.DUPLICATE, reason=f"duplicate:{_drop_kind(updated, is_copy)}")
        changed[(d, p.index)] = updated
    for d, doc in enumerate(buffered):
        paragraphs = tuple(changed.get((d, p.index), p) for p in doc.paragraphs)
        yield replace(doc, paragraphs=paragraphs) if doc.is_ok else doc


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


def _earlier_repeats(matches: list[Match], first_of: list[int], groups: list[int]) -> dict[int, int]:
    """For each later repeat inside one file, the earlier paragraph it repeats (the earliest such)."""
    earlier: dict[int, int] = {}
    first_in_file: dict[tuple[int, int], int] = {}
    for k, first in enumerate(first_of):
        own = first_in_file.setdefault((first, groups[k]), k)
        if own != k:
            earlier[k] = own
    for match in matches:
        if groups[match.first] == groups[match.second]:
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


def _link(
    docs: list[Document],
    items: list[tuple[int, Paragraph]],
    k: int,
    other: int,
    sets: list[np.ndarray],
    config: DedupConfig,
    kind: str | None,
) -> DupLink:
    """A link from paragraph ``k`` to ``other``, with their exact overlap."""
    d, p = items[other]
    jaccard, containment = overlap(sets[k], sets[other])
    if kind is None:
        kind = "copy" if jaccard >= config.jaccard else "partial"
    return DupLink(docs[d].path, p.index, p.line_start, p.line_end, jaccard, containment, kind)


def _drop_kind(p: Paragraph, is_copy: bool) -> str:
    if not is_copy:
        return "repeat"
    return next(link.kind for link in p.links if link.kind != "repeat")
