"""Counts for the end-of-run summary, folded from finished documents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scrubnews.document import Document


@dataclass(slots=True)
class RunSummary:
    """What a run did. Built by ``add``-ing each finished document."""

    files: int = 0
    kept_paragraphs: int = 0
    removed_paragraphs: int = 0
    kept_words: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    # cluster id -> (path, text) of each member, for the near-duplicate summary
    cluster_members: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    input_kinds: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    stale: list[str] = field(default_factory=list)  # files in --out this run did not write

    def add(self, doc: Document) -> None:
        self.files += 1
        if not doc.is_ok:
            self.failed.append((doc.path, doc.problem or "unknown problem"))
            return
        if doc.input_kind:
            self.input_kinds[doc.input_kind.value] += 1
        kept, removed = doc.kept, doc.removed
        self.kept_paragraphs += len(kept)
        self.removed_paragraphs += len(removed)
        self.kept_words += doc.kept_words
        self.reasons.update(p.reason.split(":")[0] for p in removed)
        if not kept:
            self.empty.append(doc.path)
        for p in doc.paragraphs:
            if p.cluster is not None:
                self.cluster_members.setdefault(p.cluster, []).append((doc.path, p.text))

    def multi_file_clusters(self) -> list[tuple[int, int, int, str]]:
        """(cluster, members, files, shortest member text) for clusters over several files."""
        rows = []
        for cluster, members in sorted(self.cluster_members.items()):
            files = len({path for path, _ in members})
            if files > 1:
                rows.append((cluster, len(members), files, min((text for _, text in members), key=len)))
        return rows

    @property
    def has_problems(self) -> bool:
        return bool(self.failed or self.empty)
