"""SN004: a chrome phrase inside a kept paragraph."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document
from scrubnews.extract.phrases import INLINE_CHROME


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    lines = doc.body.split("\n")
    found = []
    for p in doc.kept:
        for number in range(p.line_start, p.line_end + 1):
            match = INLINE_CHROME.search(lines[number - 1])
            if match:
                found.append(RULE.finding(doc, number, match.start() + 1, f"'{match.group(0)}' inside article text"))
                break
    return found


RULE = Rule(
    "SN004",
    "boilerplate-left",
    "boilerplate marker inside the kept text",
    "A phrase that belongs to page chrome ('READ MORE:', 'Advertisement', 'Subscribe to', 'Click "
    "here', 'All rights reserved', ...) is still inside a paragraph that was kept.",
    "'Officials said the talks would resume. Advertisement Continue reading the main story'",
    "the scraper glued chrome into a paragraph; fix the scraper or accept it in a baseline",
    sample=(sample_page([SAMPLE[0] + " Advertisement Continue reading the main story", *SAMPLE[1:]]),),
    detect=detect,
)
