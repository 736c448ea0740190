"""What the report shows of a run, from its documents or from a ``clean --format jsonl`` file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from scrubnews.check.rules import Finding
from scrubnews.document import Document
from scrubnews.neardup.clusters import Cluster, Member


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of a file, with its verdict."""

    index: int
    line_start: int
    line_end: int
    text: str
    kept: bool
    reason: str  # '' when kept
    cluster: int | None = None

    @property
    def lines(self) -> int:
        return self.line_end - self.line_start + 1


@dataclass(frozen=True, slots=True)
class FileView:
    """One input file as the report shows it."""

    path: str
    title: str | None
    problem: str | None
    lines: tuple[Line, ...]
    findings: tuple[Finding, ...] | None = None  # None: not known (a JSONL input)

    @property
    def kept_lines(self) -> int:
        return sum(line.lines for line in self.lines if line.kept)

    @property
    def dropped_lines(self) -> int:
        return sum(line.lines for line in self.lines if not line.kept)

    @property
    def clustered(self) -> int:
        """Paragraphs of this file that belong to a near-duplicate cluster."""
        return sum(line.cluster is not None for line in self.lines)


def from_documents(docs: Iterable[Document], findings: dict[str, list[Finding]] | None = None) -> list[FileView]:
    """The views of a finished run's documents (``findings`` by path, from the check rules)."""
    views = []
    for doc in docs:
        lines = tuple(
            Line(p.index, p.line_start, p.line_end, p.text, p.is_kept, p.reason, p.cluster) for p in doc.paragraphs
        )
        known = tuple(findings.get(doc.path, ())) if findings is not None else None
        views.append(FileView(doc.path, doc.meta.title, doc.problem, lines, known))
    return views


def from_records(records: Sequence[dict[str, Any]]) -> tuple[list[FileView], list[Cluster]]:
    """The views and near-duplicate clusters of ``clean --format jsonl`` records (``io/schema.py``)."""
    views = []
    by_place: dict[tuple[str, int], tuple[dict[str, Any], bool]] = {}
    for record in records:
        kept = [(p, True) for p in record.get("paragraphs", [])]
        removed = [(p, False) for p in record.get("removed", [])]
        rows = sorted(kept + removed, key=lambda row: int(row[0]["index"]))
        for p, is_kept in rows:
            by_place[(record["path"], int(p["index"]))] = (p, is_kept)
        lines = tuple(
            Line(
                int(p["index"]),
                int(p["line_start"]),
                int(p["line_end"]),
                str(p["text"]),
                is_kept,
                "" if is_kept else str(p["reason"]),
                p.get("cluster") if is_kept else None,
            )
            for p, is_kept in rows
        )
        views.append(FileView(record["path"], record.get("title"), record.get("error"), lines))
    return views, _clusters(records, by_place)


def _clusters(
    records: Sequence[dict[str, Any]], by_place: dict[tuple[str, int], tuple[dict[str, Any], bool]]
) -> list[Cluster]:
    """Clusters rebuilt from the kept paragraphs' ``cluster`` numbers and their links to the original."""
    members: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for record in records:
        for p in record.get("paragraphs", []):
            if p.get("cluster") is not None:
                members[int(p["cluster"])].append((record["path"], p))
    out = []
    for number in sorted(members):
        rows: list[Member] = []
        original: Member | None = None
        kinds = set()
        for path, p in members[number]:
            link = next((link for link in p.get("duplicates", []) if link["kind"] != "repeat"), None)
            member = _member(path, p, True, link)
            if link is None:
                original = member
                continue
            kinds.add(link["kind"])
            rows.append(member)
            if original is None:
                target = by_place.get((link["path"], int(link["paragraph"])))
                if target is not None:
                    original = _member(link["path"], target[0], target[1], None)
        if original is not None:
            out.append(Cluster(number, "partial" if "partial" in kinds else "copy", (original, *rows)))
    return out


def _member(path: str, p: dict[str, Any], kept: bool, link: dict[str, Any] | None) -> Member:
    jaccard = float(link["jaccard"]) if link else 1.0
    containment = float(link["containment"]) if link else 1.0
    start, end = int(p["line_start"]), int(p["line_end"])
    return Member(path, int(p["index"]), start, end, jaccard, containment, str(p["text"]), kept)
