"""SN006: a prose paragraph shown twice in one file."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, in_source, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document
from scrubnews.text import is_sentence, normalise_line

# A near repeat must be this close: template lines ("<film> is currently
# streaming on ...", extraction-dev videos-1) are similar but not repeats.
_NEAR_REPEAT_JACCARD = 0.8


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    """Later copies of a prose paragraph: exact (any verdict) or near (kept, linked)."""
    if not doc.kept:
        return []
    found = []
    first_line: dict[str, int] = {}
    by_index = {p.index: p for p in doc.paragraphs}
    for p in doc.paragraphs:
        if not is_sentence(p.text, p.words):
            continue  # headlines shown twice are chrome, not a confused scrape
        key = normalise_line(p.text)
        earlier = [
            link.paragraph
            for link in p.links
            if link.kind == "repeat" and link.paragraph < p.index and link.jaccard >= _NEAR_REPEAT_JACCARD
        ]
        if key in first_line:
            found.append(
                RULE.finding(doc, p.line_start, 1, f"paragraph repeats line {in_source(doc, first_line[key])}")
            )
        elif earlier:
            line = in_source(doc, by_index[earlier[0]].line_start)
            found.append(RULE.finding(doc, p.line_start, 1, f"paragraph nearly repeats line {line}"))
        first_line.setdefault(key, p.line_start)
    return found


RULE = Rule(
    "SN006",
    "repeated-paragraph",
    "a paragraph repeated inside the file",
    "A paragraph of eight words or more appears twice in the file (exactly or nearly): the page "
    "repeats its lead after the footer, or the scraper read a block twice.",
    "the lead paragraph shown again under the copyright line",
    "usually harmless for the article (the copy is dropped), but a sign of a confused scrape",
    sample=(sample_page([*SAMPLE, "About us", SAMPLE[0]]),),
    detect=detect,
)
