"""SN003: the last kept paragraph stops mid-sentence."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, is_piece, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document, Paragraph
from scrubnews.text import ends_sentence, word_count


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    if not doc.kept or not is_cut_off(doc.kept[-1].text):
        return []
    line, col = _end_of(doc, doc.kept[-1])
    return [RULE.finding(doc, line, col, "last paragraph stops mid-sentence")]


def is_cut_off(text: str) -> bool:
    """Prose that stops on a lower-case word or a comma: "The minister said that the".

    >>> is_cut_off("The minister said on Tuesday that the talks would go on and that the")
    True
    >>> is_cut_off("Follow him on Twitter @someone or email him at someone@example.com")
    False
    """
    stripped = text.rstrip()
    if word_count(stripped) < 8 or ends_sentence(stripped) or any(mark in stripped for mark in ("|", "@", "http")):
        return False
    last = stripped.split()[-1]
    return stripped.endswith(",") or (last.isalpha() and last.islower())


def _end_of(doc: Document, p: Paragraph) -> tuple[int, int]:
    """Where ``p`` ends: its last line's end, or a piece's own end on a long line (``segment.pieces``)."""
    line = doc.body.split("\n")[p.line_end - 1]
    if is_piece(p, line):
        return p.line_end, p.column + len(p.text)
    return p.line_end, max(1, len(line.rstrip()))


RULE = Rule(
    "SN003",
    "cut-off",
    "article ends mid-sentence",
    "The last kept paragraph is prose but stops without a final punctuation mark: the scrape was probably truncated.",
    "an article whose last line reads 'The minister said that the'",
    "re-scrape the page; if the source itself ends that way, add the finding to a baseline",
    sample=(sample_page([*SAMPLE, "Officials said on Wednesday that the next round of talks would begin after the"]),),
    detect=detect,
)
