"""Near-duplicate clusters of a finished run, for ``scrubnews dupes`` and the summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrubnews.config import DedupConfig
from scrubnews.document import Document, Paragraph
from scrubnews.neardup.minhash import overlap
from scrubnews.neardup.shingles import ShingleHasher
from scrubnews.text import counted, json_text

if TYPE_CHECKING:  # the declarations import msgspec: only type checkers read them here
    from scrubnews.io.schema import ClusterRecord


@dataclass(frozen=True, slots=True)
class Member:
    path: str
    paragraph: int
    line_start: int
    line_end: int
    jaccard: float  # against the cluster's original (1.0 for the original)
    containment: float
    text: str
    kept: bool = True  # part of its file's article (a dropped paragraph that reads as prose is compared too)


@dataclass(frozen=True, slots=True)
class Cluster:
    id: int
    kind: str  # "copy", "partial" or "repeat"
    members: tuple[Member, ...]  # the original first, then input order

    @property
    def files(self) -> int:
        return len({m.path for m in self.members})


def collect_clusters(docs: Sequence[Document], config: DedupConfig) -> list[Cluster]:
    """Clusters across files (from the dedup stage), then repeats inside files.

    Cross-file clusters keep the numbers the dedup stage gave them; repeat
    groups are numbered after them, in input order.
    """
    hasher = ShingleHasher(config.shingle_size)
    by_cluster: dict[int, list[tuple[Document, Paragraph]]] = defaultdict(list)
    for doc in docs:
        for p in doc.paragraphs:
            if p.cluster is not None:
                by_cluster[p.cluster].append((doc, p))
    out = [_cluster(number, by_cluster[number], hasher, config) for number in sorted(by_cluster)]
    for doc in docs:
        for group in _repeat_groups(doc):
            out.append(_cluster(len(out) + 1, [(doc, p) for p in group], hasher, config, kind="repeat"))
    return out


def _cluster(
    number: int,
    members: list[tuple[Document, Paragraph]],
    hasher: ShingleHasher,
    config: DedupConfig,
    kind: str | None = None,
) -> Cluster:
    original = hasher(members[0][1].text)
    rows = []
    for doc, p in members:
        jaccard, containment = overlap(original, hasher(p.text))
        rows.append(Member(doc.path, p.index, p.line_start, p.line_end, jaccard, containment, p.text, p.is_kept))
    if kind is None:
        kind = "copy" if all(m.jaccard >= config.jaccard for m in rows) else "partial"
    return Cluster(number, kind, tuple(rows))


def _repeat_groups(doc: Document) -> list[list[Paragraph]]:
    """Groups of paragraphs of one document linked as near repeats."""
    by_index = {p.index: p for p in doc.paragraphs}
    parent = {p.index: p.index for p in doc.paragraphs if any(link.kind == "repeat" for link in p.links)}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for index in sorted(parent):
        for link in by_index[index].links:
            if link.kind == "repeat" and link.paragraph in parent:
                a, b = root(index), root(link.paragraph)
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Paragraph]] = defaultdict(list)
    for index in sorted(parent):
        groups[root(index)].append(by_index[index])
    return [groups[r] for r in sorted(groups) if len(groups[r]) > 1]


def cluster_record(cluster: Cluster) -> ClusterRecord:
    """The JSONL object of one cluster (declared in ``io/schema.py``)."""
    kind: Any = cluster.kind
    return {
        "cluster": cluster.id,
        "kind": kind,
        "members": [
            {
                "path": m.path,
                "paragraph": m.paragraph,
                "line_start": m.line_start,
                "line_end": m.line_end,
                "jaccard": round(m.jaccard, 4),
                "containment": round(m.containment, 4),
                "kept": m.kept,
            }
            for m in cluster.members
        ],
    }


def cluster_jsonl(cluster: Cluster) -> str:
    return json_text(cluster_record(cluster)) + "\n"


def cluster_text(cluster: Cluster, width: int = 100) -> str:
    """A readable block: one line per member, the original first."""
    lines = [
        f"cluster {cluster.id}: {cluster.kind}, "
        f"{counted(len(cluster.members), 'paragraph')} in {counted(cluster.files, 'file')}"
    ]
    for k, m in enumerate(cluster.members):
        score = "original     " if k == 0 else f"J {m.jaccard:.2f} C {m.containment:.2f}"
        snippet = " ".join(m.text.split())
        snippet = snippet if len(snippet) <= width else snippet[: width - 3] + "..."
        dropped = "" if m.kept else "(not in its article) "
        lines.append(f"  {m.path}:{m.line_start}-{m.line_end}  ¶{m.paragraph}  {score}  {dropped}{snippet}")
    return "\n".join(lines) + "\n"


def copied_from(doc: Document) -> dict[str, tuple[int, int]]:
    """For each other file of the run, the (paragraphs, words) of ``doc``'s article that copy one of
    its paragraphs, from the links the dedup stage left: what SN005 and ``dupes`` judge a copy by.

    >>> from scrubnews.document import DupLink
    >>> link = DupLink("a.txt", 0, 1, 1, 1.0, 1.0, "copy")
    >>> doc = Document(path="b.txt", paragraphs=(Paragraph("one two three", 0, 1, 1, links=(link,)),))
    >>> copied_from(doc)
    {'a.txt': (1, 3)}
    """
    copied: dict[str, tuple[int, int]] = {}
    for p in doc.kept:
        for other in {link.path for link in p.links if link.kind != "repeat" and link.path != doc.path}:
            paragraphs, words = copied.get(other, (0, 0))
            copied[other] = (paragraphs + 1, words + p.words)
    return copied


def copied_files(docs: Sequence[Document], share: float) -> list[str]:
    """A line for each file whose article is mostly copied from one earlier file, ahead of the
    paragraph clusters: "b.txt: 8 of 8 paragraphs copied from a.txt". ``share`` is the part of the
    article's words that must be copies (``CheckConfig.near_duplicate_share``), as for SN005."""
    lines = []
    for doc in docs:
        copied = copied_from(doc)
        if not copied or not doc.kept_words:
            continue
        other, (paragraphs, words) = min(copied.items(), key=lambda item: (-item[1][1], item[0]))
        if words >= share * doc.kept_words:
            lines.append(f"{doc.path}: {paragraphs} of {len(doc.kept)} paragraphs copied from {other}")
    return lines
