"""SN001: nothing of the page was kept."""

from __future__ import annotations

from scrubnews.check.rules.base import Finding, Rule
from scrubnews.config import CheckConfig
from scrubnews.document import Document


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    return [] if doc.kept else [RULE.finding(doc, 1, 1, "no article text found")]


RULE = Rule(
    "SN001",
    "no-article",
    "no article text left after stripping",
    "Every line of the file was judged boilerplate: an error page, a paywall stub, a listing, or a "
    "scrape that caught only the site's chrome.",
    "a page that holds only a menu, 'Subscribe' and a copyright line",
    "look at it with `scrubnews explain PATH`; re-scrape the page if the article is missing",
    whole_file=True,
    sample=(b"Home\nNews\nSubscribe to our newsletter\n",),
    detect=detect,
)
