"""HTML pages: their visible lines, each with the DOM's features, and trafilatura's metadata."""

from __future__ import annotations

from dataclasses import replace

from scrubnews.config import HtmlConfig
from scrubnews.document import Document, InputKind, Meta, Paragraph
from scrubnews.extract.hot import kernels


def extract_html(doc: Document, config: HtmlConfig) -> Document:
    """Replace an HTML page's body with its visible lines, one paragraph each.

    The page is parsed once: rendered to the lines a reader sees (the shape
    the text path reads), each line with ``HTML_FEATURES`` (its tag, the
    landmarks and class names around it, link density, whether trafilatura's
    extraction of the same tree holds it), and trafilatura's metadata. The
    HTML line model then picks the article from text and DOM features
    together (``extract_article``).
    """
    if not doc.is_ok or doc.input_kind is not InputKind.HTML:
        return doc
    from scrubnews.extract.html import read_html  # lxml and trafilatura: a run of text files never loads them

    parsed = read_html(doc.body, with_metadata=config.metadata)  # the page as read, mojibake repaired (charset)
    page = parsed.page
    counts = kernels.word_counts(page.lines).astype(int).tolist()  # the whole page's at once
    paragraphs = tuple(
        Paragraph(text, k, start, end, words=words)
        for k, (text, (start, end), words) in enumerate(zip(page.lines, page.spans, counts, strict=True))
    )
    meta = Meta(title=parsed.title, date=parsed.date, author=parsed.author)
    return replace(
        doc,
        body=page.text,
        body_source="html",
        meta=meta,
        paragraphs=paragraphs,
        html_rows=page.rows,
        source_lines=_source_lines(page.spans, page.source_lines),
        tokens=parsed.tokens,
    )


def _source_lines(spans: list[tuple[int, int]], sources: list[int]) -> tuple[int, ...]:
    """For each line of the rendered text, the HTML source line its text starts on (0 for blank lines).

    >>> _source_lines([(1, 1), (3, 4)], [10, 20])
    (10, 0, 20, 21)
    """
    lines = [0] * (spans[-1][1] if spans else 0)
    for (start, end), source in zip(spans, sources, strict=True):
        for number in range(start, end + 1):
            lines[number - 1] = source + (number - start) if source else 0
    return tuple(lines)
