"""Link near-duplicate paragraphs across documents, with provenance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from scrubnews.config import DedupConfig, DedupMode
from scrubnews.document import Document, DupLink, Paragraph, Verdict
from scrubnews.neardup import Match, clusters, find_matches
from scrubnews.shingles import ShingleHasher


def dedup(docs: Iterable[Document], config: DedupConfig) -> Iterator[Document]:
    """Give every kept paragraph its near-duplicate links and cluster.

    Only paragraphs still kept are compared, so shared footers and menus
    never swamp the report. Documents keep their input order, and within a
    cluster the earliest paragraph in that order is the original. In
    ``drop`` mode every other member of a cluster, and every later near
    repeat inside one file, is marked as a duplicate; in ``flag`` mode they
    stay and carry the links. The stage holds the whole run in memory: a
    paragraph's links can point to documents that come after it.
    """
    buffered = list(docs)
    if config.mode is DedupMode.OFF:
        yield from buffered
        return
    items = [(d, p) for d, doc in enumerate(buffered) if doc.is_ok for p in doc.kept]
    hasher = ShingleHasher(config.shingle_size)
    matches = find_matches(hasher.many([p.text for _, p in items]), config)
    groups = [d for d, _ in items]
    roots = clusters(len(items), matches, groups)
    cluster_ids = _number_clusters(roots)
    # (other item, link): item numbers follow input order, so sorting on
    # them lists a paragraph's links in the order the documents came in.
    links: dict[int, list[tuple[int, DupLink]]] = defaultdict(list)
    for match in matches:
        links[match.first].append((match.second, _link(buffered, items, match, match.second, groups)))
        links[match.second].append((match.first, _link(buffered, items, match, match.first, groups)))
    changed: dict[tuple[int, int], Paragraph] = {}
    for k, (d, p) in enumerate(items):
        is_copy = cluster_ids.get(roots[k]) is not None and roots[k] != k
        is_repeat = any(other < k and link.kind == "repeat" for other, link in links[k])
        ordered = tuple(link for _, link in sorted(links[k], key=lambda pair: pair[0]))
        updated = replace(p, links=ordered, cluster=cluster_ids.get(roots[k]))
        if config.mode is DedupMode.DROP and (is_copy or is_repeat):
            updated = replace(updated, verdict=Verdict.DUPLICATE, reason=f"duplicate:{_drop_kind(updated, is_copy)}")
        changed[(d, p.index)] = updated
    for d, doc in enumerate(buffered):
        paragraphs = tuple(changed.get((d, p.index), p) for p in doc.paragraphs)
        yield replace(doc, paragraphs=paragraphs) if doc.is_ok else doc


def _number_clusters(roots: list[int]) -> dict[int, int]:
    """Cluster numbers 1, 2, ... for roots with two or more members, by first member."""
    sizes: dict[int, int] = defaultdict(int)
    for root in roots:
        sizes[root] += 1
    numbered: dict[int, int] = {}
    for root in roots:
        if sizes[root] > 1 and root not in numbered:
            numbered[root] = len(numbered) + 1
    return numbered


def _link(
    docs: list[Document], items: list[tuple[int, Paragraph]], match: Match, other: int, groups: list[int]
) -> DupLink:
    d, p = items[other]
    kind = "repeat" if groups[match.first] == groups[match.second] else match.kind
    return DupLink(docs[d].path, p.index, p.line_start, p.line_end, match.jaccard, match.containment, kind)


def _drop_kind(p: Paragraph, is_copy: bool) -> str:
    if not is_copy:
        return "repeat"
    best = max((link for link in p.links if link.kind != "repeat"), key=lambda link: link.jaccard, default=None)
    return best.kind if best else "copy"
