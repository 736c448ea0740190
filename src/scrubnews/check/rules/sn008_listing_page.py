"""SN008: a listing page, not an article."""

from __future__ import annotations

from scrubnews.check.rules.base import Finding, Rule
from scrubnews.config import CheckConfig
from scrubnews.document import Document
from scrubnews.text import is_headline_like


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    """Many headline-like lines and little article text. Where headline-like lines make up most
    of the kept text, only the rest counts as article text: an extraction that keeps a run of
    teaser links as the likeliest stretch of a page still leaves a listing."""
    headline = [is_headline_like(p.text) for p in doc.paragraphs]
    headlines = sum(headline)
    article_words = doc.kept_words
    headline_words = sum(p.words for p, line in zip(doc.paragraphs, headline, strict=True) if line and p.is_kept)
    if headline_words * 2 > article_words:
        article_words -= headline_words
    if headlines < config.listing_min_headlines or article_words >= config.listing_max_article_words:
        return []
    return [RULE.finding(doc, 1, 1, "mostly headlines and links: a listing page")]


RULE = Rule(
    "SN008",
    "listing-page",
    "a listing or index page rather than an article",
    "The page is mostly headlines and links with little prose: a section front, a tag page or a "
    "search result, not one article.",
    "a 'World news' front page with forty headlines",
    "leave listing pages out of the article batch",
    whole_file=True,
    sample=("\n\n".join(f"Minister {n} unveils plan for new bridge" for n in range(30)).encode() + b"\n",),
    detect=detect,
)
