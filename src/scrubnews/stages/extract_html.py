"""HTML pages: main text and metadata from trafilatura, visible text as fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import lxml.html
import trafilatura
from lxml.etree import ParserError

from scrubnews.config import HtmlConfig
from scrubnews.document import Document, InputKind, Meta
from scrubnews.text import word_count

log = logging.getLogger(__name__)

# Elements whose text a reader never sees.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
# Block elements: each starts a new line in the rendered text.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def extract_html(doc: Document, config: HtmlConfig) -> Document:
    """Replace an HTML page's body with its main text, and fill its metadata.

    trafilatura reads the DOM (link density, tags, class names), which the
    text path cannot see, so it decides what the article is. Its output is
    one block per line, ready for ``segment``. Where it finds too little
    (under ``min_words``), the page's visible text, rendered one block per
    line, goes through the text path instead, so a page is never dropped
    just because trafilatura gave up on its layout.
    """
    if not doc.is_ok or doc.input_kind is not InputKind.HTML:
        return doc
    result = trafilatura.bare_extraction(
        doc.text,
        with_metadata=True,
        favor_recall=config.favor_recall,
        include_comments=False,
        include_tables=True,
    )
    meta = Meta()
    body = ""
    if result is not None and not isinstance(result, dict):
        meta = Meta(title=result.title or None, date=_iso_date(result.date), author=result.author or None)
        body = result.text or ""
    source = "trafilatura"
    if word_count(body) < config.min_words:
        log.debug("%s: trafilatura found %d words; using the visible text", doc.path, word_count(body))
        body, source = visible_text(doc.text), "visible-text"
    return replace(doc, body=body, body_source=source, meta=meta)


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def visible_text(html: str) -> str:
    """The text a reader sees, one block element per line.

    >>> visible_text("<p>One <b>two</b></p><script>x()</script><div>Three</div>")
    'One two\\n\\nThree'
    """
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    _render(root, parts)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n\n".join(line for line in lines if line)


def _render(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    is_block = isinstance(element.tag, str) and element.tag in _BLOCKS
    if is_block:
        parts.append("\n")
    if isinstance(element.tag, str) and element.text:
        parts.append(element.text)
    for child in element:
        _render(child, parts)
        if child.tail:
            parts.append(child.tail)
    if is_block:
        parts.append("\n")
