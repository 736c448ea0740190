"""HTML pages: prefer the text path's article when it agrees with trafilatura's."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from scrubnews.config import Config
from scrubnews.document import Document, Verdict
from scrubnews.extract.article import extract_article
from scrubnews.extract.segment import segment
from scrubnews.stages.extract_html import visible_text
from scrubnews.text import words


def reconcile_html(doc: Document, config: Config) -> Document:
    """Take a second opinion on an HTML page from the text path.

    trafilatura is precise about *where* the article is, but drops parts of
    it that a reader sees: step lists, subheadings, captions, short
    paragraphs between images (extraction-dev ehow-1, nytimes-3). The text
    path run on the page's visible text keeps those, but can pick the wrong
    region. So its article is used only when it agrees with trafilatura's:
    it holds at least ``min_agreement`` of trafilatura's words and is at
    most ``max_growth`` times as long. Otherwise trafilatura's stands.
    Metadata stays trafilatura's either way.
    """
    if not doc.is_ok or doc.body_source != "trafilatura" or not doc.kept:
        return doc
    alternative = replace(doc, body=visible_text(doc.text), body_source="visible-text", paragraphs=())
    alternative = extract_article(segment(alternative, config.segment), config.extract)
    theirs = Counter(words(doc.clean_text))
    alternative = _trim_to(alternative, theirs)
    ours = Counter(words(alternative.clean_text))
    shared = sum((ours & theirs).values())
    total_theirs = sum(theirs.values())
    agrees = shared >= config.html.min_agreement * total_theirs
    is_close = sum(ours.values()) <= config.html.max_growth * total_theirs
    return alternative if agrees and is_close else doc


def _trim_to(doc: Document, anchor: Counter[str]) -> Document:
    """Drop kept paragraphs before the first and after the last that trafilatura also has.

    What lies between stays (the steps and captions trafilatura left out);
    what lies outside is the text path's own guess at the edges (a byline
    box, an author bio), where trafilatura is the better judge.
    """
    kept = doc.kept
    anchored = [k for k, p in enumerate(kept) if _share_in(p.text, anchor) >= 0.5]
    if not anchored:
        return doc
    inside = {p.index for p in kept[anchored[0] : anchored[-1] + 1]}
    paragraphs = tuple(
        p
        if not p.is_kept or p.index in inside
        else replace(p, verdict=Verdict.BOILERPLATE, reason="position:outside-extraction")
        for p in doc.paragraphs
    )
    return replace(doc, paragraphs=paragraphs)


def _share_in(text: str, anchor: Counter[str]) -> float:
    tokens = words(text)
    return sum(1 for t in tokens if t in anchor) / len(tokens) if tokens else 0.0
