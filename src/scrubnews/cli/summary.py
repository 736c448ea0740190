"""What ``clean`` keeps of each finished document (``Outcome``), and the end-of-run counts folded
from them (``RunSummary``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from scrubnews.document import Document
from scrubnews.io.writers import article_file_text, article_stdout_text, jsonl_line, record
from scrubnews.text import counted


class Output(StrEnum):
    """What ``clean`` writes for each document."""

    FILE = "file"  # the article's text, to a file under --out
    STDOUT = "stdout"  # the article headed by its path, on stdout
    ARTICLE = "article"  # the article alone, on stdout (one input)
    JSONL = "jsonl"  # one JSONL line
    PARQUET = "parquet"  # one record, as a Parquet row


@dataclass(frozen=True, slots=True)
class Outcome:
    """One finished document as ``clean`` reports it: what the summary counts and the problem
    lines name, and the output already rendered. Made where the document became final (in
    its worker with ``--dedup off``), so that only this comes back to be written."""

    path: str
    problem: str | None
    input_kind: str | None
    kept: int  # paragraphs
    removed: int
    kept_words: int
    reasons: tuple[str, ...]  # each removed paragraph's reason family ("junk", "model", ...)
    has_text: bool  # any text at all, kept or not
    clusters: tuple[tuple[int, str], ...]  # (cluster, text) of each paragraph in a near-duplicate cluster
    output: Any  # str (a file's text, stdout text, a JSONL line), a record (Parquet), or None: nothing to write

    @property
    def is_dropped_copy(self) -> bool:
        """No paragraph kept because ``--dedup drop`` dropped its article as a copy of text earlier
        in the run: a success (the copy is what the user asked to drop), not a page without an article."""
        return self.problem is None and not self.kept and "duplicate" in self.reasons


def outcome(output: Output, doc: Document) -> Outcome:
    """``doc``'s outcome, its output rendered as ``output`` says."""
    kept, removed = doc.kept, doc.removed
    rendered: Any = None
    if output is Output.JSONL:
        rendered = jsonl_line(doc)
    elif output is Output.PARQUET:
        rendered = record(doc)
    elif doc.is_ok and (output is Output.FILE or (kept and output is Output.ARTICLE)):
        rendered = article_file_text(doc)
    elif doc.is_ok and kept:
        rendered = article_stdout_text(doc)
    return Outcome(
        path=doc.path,
        problem=doc.problem,
        input_kind=doc.input_kind.value if doc.input_kind else None,
        kept=len(kept),
        removed=len(removed),
        kept_words=doc.kept_words,
        reasons=tuple(p.reason.split(":")[0] for p in removed),
        has_text=bool(doc.text.strip()),
        # The article's paragraphs only (and copies --dedup drop dropped): a shared menu line is no news.
        clusters=tuple(
            (p.cluster, p.text)
            for p in doc.paragraphs
            if p.cluster is not None and (p.is_kept or p.reason.startswith("duplicate:"))
        ),
        output=rendered,
    )


@dataclass(slots=True)
class RunSummary:
    """What a run did. Built by ``add``-ing each finished document."""

    files: int = 0
    kept_paragraphs: int = 0
    removed_paragraphs: int = 0
    kept_words: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    dropped_copies: list[str] = field(default_factory=list)  # emptied by --dedup drop
    reasons: Counter[str] = field(default_factory=Counter)
    # cluster id -> (path, text) of each member, for the near-duplicate summary
    cluster_members: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    input_kinds: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    stale: list[str] = field(default_factory=list)  # files in --out this run did not write

    def add(self, done: Outcome) -> None:
        self.files += 1
        if done.problem is not None:
            self.failed.append((done.path, done.problem))
            return
        if done.input_kind:
            self.input_kinds[done.input_kind] += 1
        self.kept_paragraphs += done.kept
        self.removed_paragraphs += done.removed
        self.kept_words += done.kept_words
        self.reasons.update(done.reasons)
        if done.is_dropped_copy:
            self.dropped_copies.append(done.path)
        elif not done.kept:
            self.empty.append(done.path)
        for cluster, text in done.clusters:
            self.cluster_members.setdefault(cluster, []).append((done.path, text))

    def multi_file_clusters(self) -> list[tuple[int, int, int, str]]:
        """(cluster, members, files, shortest member text) for clusters over several files."""
        rows = []
        for cluster, members in sorted(self.cluster_members.items()):
            files = len({path for path, _ in members})
            if files > 1:
                rows.append((cluster, len(members), files, min((text for _, text in members), key=len)))
        return rows

    def line(self, clusters: int = 0) -> str:
        """The run in one line: what a log or a pipe gets instead of the table.

        >>> RunSummary(files=3, kept_paragraphs=12, removed_paragraphs=40, seconds=0.5).line()
        'scrubnews clean: 3 files, 12 paragraphs kept, 40 dropped, in 0.50 s.'
        """
        parts = [
            counted(self.files, "file"),
            f"{self.kept_paragraphs} paragraphs kept",
            f"{self.removed_paragraphs} dropped",
        ]
        if self.failed:
            parts.append(f"{len(self.failed)} unreadable")
        if self.empty:
            parts.append(f"{len(self.empty)} without article text")
        if self.dropped_copies:
            parts.append(counted(len(self.dropped_copies), "copy dropped whole", "copies dropped whole"))
        if clusters:
            parts.append(counted(clusters, "near-duplicate cluster") + " across files")
        if self.stale:
            parts.append(f"{len(self.stale)} stale in --out")
        return f"scrubnews clean: {', '.join(parts)}, in {self.seconds:.2f} s."

    @property
    def has_problems(self) -> bool:
        return bool(self.failed or self.empty)
