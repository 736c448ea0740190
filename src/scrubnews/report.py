"""Counts for the end-of-run summary, folded from finished documents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scrubnews.document import Document


@dataclass(slots=True)
class Report:
    """What a run did. Built by ``add``-ing each finished document."""

    files: int = 0
    kept_paragraphs: int = 0
    removed_paragraphs: int = 0
    kept_words: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    input_kinds: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, doc: Document) -> None:
        self.files += 1
        if not doc.is_ok:
            self.failed.append((doc.path, doc.problem or "unknown problem"))
            return
        if doc.input_kind:
            self.input_kinds[doc.input_kind.value] += 1
        self.kept_paragraphs += len(doc.kept)
        self.removed_paragraphs += len(doc.removed)
        self.kept_words += len(doc.clean_text.split())
        self.reasons.update(p.reason.split(":")[0] for p in doc.removed)
        if not doc.kept:
            self.empty.append(doc.path)

    @property
    def has_problems(self) -> bool:
        return bool(self.failed or self.empty)
