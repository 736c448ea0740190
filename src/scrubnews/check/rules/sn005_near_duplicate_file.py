"""SN005: most of the article copies one other file (found across files by ``check/run.py``)."""

from __future__ import annotations

from collections import Counter

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document


def findings(doc: Document, copied_words: Counter[str], config: CheckConfig, source: str = "") -> list[Finding]:
    """SN005 when one other file holds copies of most of this article's words.

    ``copied_words`` maps each other file to the words of this document's
    kept paragraphs that have a copy there.
    """
    total = doc.kept_words
    if not total or not copied_words:
        return []
    other, words = min(copied_words.items(), key=lambda item: (-item[1], item[0]))
    share = words / total
    if share < config.near_duplicate_share:
        return []
    where = f" in {source}" if source else ""
    message = f"{share:.0%} of the article is copied from {other}{where}"
    return [RULE.finding(doc, doc.kept[0].line_start, 1, message)]


RULE = Rule(
    "SN005",
    "near-duplicate-file",
    "file is a near-copy of another file",
    "Most of the article (by words) consists of paragraphs that are copies of paragraphs of one "
    "other file, in this batch or in the `--against` index: a syndicated copy or a re-scrape. "
    "In a batch the later file (in input order) is the copy; the first is not flagged.",
    "the same wire story saved from two outlets",
    "drop one copy, or keep both on purpose and add the finding to a baseline",
    whole_file=True,
    sample=(sample_page(SAMPLE), b"Menu\n\n" + sample_page(SAMPLE)),
)
