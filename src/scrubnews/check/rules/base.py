"""What every rule is made of: its declaration (``Rule``), what it finds (``Finding``), and the
sample article the rules' sample files are built from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scrubnews.config import CheckConfig
from scrubnews.document import Document, Paragraph


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str
    # The offending line's text ('' for whole-file rules): what a baseline
    # fingerprints, so that edits elsewhere in the file do not revive it.
    content: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str  # one line, as in docs/check.md's table
    why: str  # what the rule looks for and why it matters
    example: str
    hint: str
    # A finding about the whole file (no article, too short, a copy ...)
    # rather than about one line of it: a baseline accepts it for the file.
    whole_file: bool = False
    # Files that show it: checked in this order, the last one has it
    # (tests/check/test_rules.py checks every rule on its sample).
    sample: tuple[bytes, ...] = ()
    # What finds it in one readable document (None: SN005 looks across
    # files, in check/run.py; SN009 is what an unreadable document gets).
    detect: Callable[[Document, CheckConfig], list[Finding]] | None = None

    def markdown(self) -> str:
        """The rule's section of docs/check.md (a test keeps the page equal to it)."""
        return (
            f"### {self.code} `{self.name}`: {self.summary}\n\n{self.why}\n\n"
            f"Example: {self.example}.\n\nWhat to do: {self.hint}.\n"
        )

    def finding(self, doc: Document, line: int, col: int, message: str, source: str | None = None) -> Finding:
        """A finding at ``line`` of the text the paragraphs count in, or, given its text as ``source``,
        at ``line`` of the input itself.

        An HTML page's findings point at the lines of the HTML source (where
        its text starts), so annotations in GitHub and SARIF land on the file
        as it is; the fingerprint still hashes the text found there.
        """
        if source is not None:
            return Finding(doc.path, line, col, self.code, message, self.hint, "" if self.whole_file else source)
        content = "" if self.whole_file else _line(doc, line)
        if doc.source_lines:
            line, col = in_source(doc, line), 1
        return Finding(doc.path, line, col, self.code, message, self.hint, content)


def in_source(doc: Document, line: int) -> int:
    """Line ``line`` of the text the paragraphs count in, as a line of the input (HTML: where it starts)."""
    if not doc.source_lines:
        return line
    return (doc.source_lines[line - 1] if 0 < line <= len(doc.source_lines) else 0) or 1


def is_piece(p: Paragraph, line: str) -> bool:
    """Whether ``p`` is one piece of ``line``, its only line, which was too long to be one block
    and was judged in pieces (``segment.pieces``): a rule reads the piece, not the line."""
    return p.line_start == p.line_end and p.text != line.strip()


def _line(doc: Document, number: int) -> str:
    """Line ``number`` (1-based) of the text the findings' line numbers count in."""
    lines = (doc.body or doc.text).split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


# The sample article of the rules' samples: four paragraphs of plain prose.
SAMPLE = [
    "The finance minister said on Tuesday that the talks about the new budget would resume next week in the "
    "capital, after two days of meetings that ended without an agreement.",
    "Both delegations had agreed to publish a joint statement about the spending plans afterwards, officials "
    "from the ministry told reporters outside the building on Tuesday evening.",
    "Opposition leaders said they would wait for the statement before deciding whether to support the plan, "
    "which includes higher spending on schools, hospitals and roads over the next four years.",
    "The minister is expected to present the final version of the budget to parliament at the end of the "
    "month, when a vote on the whole package is planned.",
]


def sample_page(paragraphs: list[str]) -> bytes:
    return ("Home\nNews\n\n" + "\n\n".join(paragraphs) + "\n\nPrivacy Policy\n").encode()
