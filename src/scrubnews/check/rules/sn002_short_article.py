"""SN002: an article under ``min-words``."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    words = doc.kept_words
    if not doc.kept or words >= config.min_words:
        return []
    return [RULE.finding(doc, 1, 1, f"article has {words} words (under {config.min_words})")]


RULE = Rule(
    "SN002",
    "short-article",
    "article suspiciously short",
    "The article has fewer words than `min-words` (80 by default): often a teaser, a lede cut off by "
    "a paywall, or a page that failed to load its body.",
    "a page whose only paragraph is 'The president spoke on Tuesday. Read more...'",
    "check the source page; raise or lower `min-words` in [tool.scrubnews.check] for your sources",
    whole_file=True,
    sample=(sample_page(SAMPLE[:2]),),
    detect=detect,
)
