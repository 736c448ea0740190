"""HTML pages: main text and metadata from trafilatura, visible text as fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import lxml.html
from lxml.etree import ParserError

from scrubnews.config import HtmlConfig
from scrubnews.document import Document, InputKind, Meta
from scrubnews.text import word_count

log = logging.getLogger(__name__)

# Elements whose text a reader never sees.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
# Markers in the rendered stream: a block boundary, and a <pre> line whose
# spacing is kept. Private-use characters never occur in real text.
_BLOCK_BREAK = "\ue000"
_PRE_MARK = "\ue001"
# Block elements: each starts a new line in the rendered text.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
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
    import trafilatura  # only HTML pages need it, and it is slow to import

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
    """The text a reader sees: blocks separated by a blank line, ``<br>`` a line break.

    Whitespace inside text is collapsed as a browser does, except in
    ``<pre>``; hidden elements and scripts are left out.

    >>> visible_text("<p>One\\n<b>two</b>three</p><script>x()</script><div>Four<br>five</div>")
    'One twothree\\n\\nFour\\nfive'
    """
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in list(root.iter()):
        if element.getparent() is not None and _is_invisible(element):
            element.drop_tree()
    parts: list[str] = []
    _render(root, parts, is_pre=False)
    blocks = []
    for block in "".join(parts).split(_BLOCK_BREAK):
        lines = [
            " ".join(line.split()) if _PRE_MARK not in line else line.replace(_PRE_MARK, "")
            for line in block.split("\n")
        ]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def _is_invisible(element: lxml.html.HtmlElement) -> bool:
    """Scripts and styles, and elements the page hides from readers."""
    if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _render(element: lxml.html.HtmlElement, parts: list[str], is_pre: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    is_pre = is_pre or tag == "pre"
    if tag == "br":
        parts.append("\n")
    elif tag in _BLOCKS:
        parts.append(_BLOCK_BREAK)
    if tag and element.text:
        parts.append(_text(element.text, is_pre))
    for child in element:
        _render(child, parts, is_pre)
        if child.tail:
            parts.append(_text(child.tail, is_pre))
    if tag in _BLOCKS:
        parts.append(_BLOCK_BREAK)


def _text(value: str, is_pre: bool) -> str:
    """Text as shown: runs of whitespace are one space, except inside <pre>."""
    if is_pre:
        return "\n".join(_PRE_MARK + line for line in value.split("\n"))
    if not value.strip():
        return " "
    lead = " " if value[0].isspace() else ""
    trail = " " if value[-1].isspace() else ""
    return lead + " ".join(value.split()) + trail
