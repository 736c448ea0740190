"""SN004: a chrome phrase inside a kept paragraph."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, is_piece, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document
from scrubnews.extract.phrases import INLINE_CHROME

# A kept paragraph this short that holds a marker is the marker's own line: scrubnews kept chrome.
_OWN_LINE_WORDS = 12


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    lines = doc.body.split("\n")
    found = []
    for p in doc.kept:
        piece = is_piece(p, lines[p.line_start - 1])  # searched alone: the rest of its line may be dropped
        for number in range(p.line_start, p.line_end + 1):
            match = INLINE_CHROME.search(p.text if piece else lines[number - 1])
            if match:
                marker = match.group(0).strip()
                if p.words <= _OWN_LINE_WORDS:
                    message = f"'{marker}' kept as a line of the article: scrubnews took chrome for article text"
                else:
                    message = f"'{marker}' inside an article paragraph: the page glued chrome into it"
                found.append(RULE.finding(doc, number, (p.column if piece else 0) + match.start() + 1, message))
                break
    return found


RULE = Rule(
    "SN004",
    "boilerplate-left",
    "boilerplate marker inside the kept text",
    "A phrase that belongs to page chrome ('READ MORE:', 'Advertisement', 'Anzeige', 'Subscribe to', 'Click "
    "here', 'All rights reserved', ...) is in the kept text: either as a line of its own, which scrubnews "
    "should have dropped, or inside a paragraph, where the page or the scraper glued it.",
    "'Officials said the talks would resume. Advertisement Continue reading the main story'",
    "a line of its own: report it (scrubnews kept chrome) or accept it in a baseline; inside a paragraph: "
    "fix the scraper, or accept it in a baseline",
    sample=(sample_page([SAMPLE[0] + " Advertisement Continue reading the main story", *SAMPLE[1:]]),),
    detect=detect,
)
