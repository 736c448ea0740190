"""HTML pages as lines, with what only the DOM can say about each line.

One parse per page. The DOM is rendered to the lines a reader sees (each
block element on its own lines, ``<br>`` a line break, hidden elements and
scripts left out), the same shape the text path reads, and every line gets
``HTML_FEATURES``: the block tag it sits in, the landmarks and class/id
words of its ancestors (``nav``, ``footer``, ``related``, ``comment``,
``share`` ...), its link density and depth, its overlap with the page's
title, how much of its container (the lines with the same tag and class
path) trafilatura keeps, and whether trafilatura's extraction of the same
tree holds it and where that extraction's main stretch lies. The HTML line
model scores these next to the text features, so trafilatura's verdict is
one strong signal among many rather than the answer. A ``<pre>`` block is
one paragraph that keeps its lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

import numpy as np
from lxml import etree

from scrubnews.extract.features import line_tokens, mean_window
from scrubnews.extract.hot import dom_walk, kernels
from scrubnews.extract.html_meta import page_metadata
from scrubnews.text import normalise_line, words

# Elements whose text a reader never sees.
_INVISIBLE = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select"])
# Block elements: each starts a new block of lines.
_BLOCKS = frozenset(
    """address article aside blockquote caption dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul""".split()  # noqa: SIM905
)
# The tag a line's innermost block element has, as one-hot columns.
_BLOCK_KINDS = {
    **dict.fromkeys(["h1", "h2", "h3", "h4", "h5", "h6"], "heading"),
    "p": "p",
    "li": "li",
    "td": "cell",
    "th": "cell",
    "dd": "definition",
    "dt": "definition",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "pre": "pre",
}
_KINDS = ("heading", "p", "li", "cell", "definition", "quote", "caption", "pre")
# Landmark elements among a line's ancestors.
_LANDMARKS = ("article", "main", "nav", "header", "footer", "aside", "form", "figure", "table", "ul", "a", "button")
# Words of class and id attributes, grouped by what they usually mark. A
# class/id token is in a group when it starts with one of the group's
# prefixes (five letters or more, so "responsive" is no "response") or is
# one of its short words.
_CLASS_WORDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "nav": (
        ("navig", "navbar", "breadcrumb", "paginat", "toolbar", "menu"),
        frozenset(["nav", "nav_", "pager", "skip", "topnav", "mainnav", "subnav"]),
    ),
    "chrome": (("header", "footer", "masthead", "copyright"), frozenset(["legal", "bottom"])),
    "side": (("sidebar", "widget"), frozenset(["aside", "rail", "side"])),
    "related": (
        ("related", "recommend", "trending", "popular", "teaser", "outbrain", "taboola", "promo", "readmore"),
        frozenset(["more", "also", "next", "prev", "previous"]),
    ),
    "comment": (("comment", "disqus", "discuss"), frozenset(["reply", "replies", "respond", "reactions"])),
    "share": (("share", "sharing", "social", "facebook", "twitter", "whatsapp"), frozenset(["follow"])),
    "ad": (("advert", "sponsor"), frozenset(["ad", "ads", "adv", "adslot", "adunit", "banner", "dfp", "gpt"])),
    "signup": (("newsletter", "subscri", "signup", "paywall", "regwall", "login", "register"), frozenset()),
    "consent": (("cookie", "consent", "gdpr", "privacy"), frozenset()),
    "meta": (
        ("author", "byline", "dateline", "timestamp", "categor"),
        frozenset(["date", "time", "meta", "tags", "tag", "label", "info", "published", "posted"]),
    ),
    "media": (
        ("caption", "gallery", "photo", "image", "video", "figure", "media"),
        frozenset(["img", "credit", "credits"]),
    ),
    "content": (
        ("article", "content", "story", "entry", "prose", "richtext"),
        frozenset(["post", "body", "text", "main", "blogpost"]),
    ),
    "hidden": (("hidden", "invisible", "visually", "screen"), frozenset(["hide", "sr", "sronly"])),
}
_GROUPS = tuple(_CLASS_WORDS)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")

HTML_FEATURES: tuple[str, ...] = (
    *(f"html:block={kind}" for kind in _KINDS),
    *(f"html:in-{tag}" for tag in _LANDMARKS),
    *(f"html:class={group}" for group in _GROUPS),
    *(f"html:own-class={group}" for group in _GROUPS),
    "html:link_density",
    "html:depth",
    "html:in_extraction",
    "html:in_extraction_mean3",
    "html:in_extraction_mean7",
    "html:link_density_mean3",
    "html:extraction_share",
    "html:first_block_line",
    "html:before_extraction",
    "html:after_extraction",
    "html:extraction_distance",
    "html:title_overlap",
    "html:path_lines",
    "html:path_text_share",
    "html:path_in_extraction",
)
_COLUMN = {name: k for k, name in enumerate(HTML_FEATURES)}


@dataclass(frozen=True)
class Rendered:
    """A page rendered to lines: ``lines`` are the paragraphs, ``spans`` their line numbers in
    ``text`` (blocks separated by a blank line), ``rows`` their ``HTML_FEATURES`` (the title and
    extraction columns come from ``mark_title`` and ``mark_extraction``)."""

    lines: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    paths: list[int] = field(default_factory=list)  # each line's container path (equal = same container)
    deepest: int = 0  # the deepest element's depth
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, len(HTML_FEATURES))))
    source_lines: list[int] = field(default_factory=list)  # each line's line in the HTML source (0: unknown)

    @property
    def text(self) -> str:
        """The visible text: each paragraph on its lines, a blank line between blocks."""
        out: list[str] = []
        last = 0
        for line, (start, end) in zip(self.lines, self.spans, strict=True):
            out.extend([""] * (start - last - 1))
            out.append(line)
            last = end
        return "\n".join(out)


# Flag bits of an element's context: landmarks and class groups of any
# ancestor, class groups of the element itself, and its block kind.
_BIT = {
    **{f"html:in-{tag}": k for k, tag in enumerate(_LANDMARKS)},
    **{f"html:class={g}": len(_LANDMARKS) + k for k, g in enumerate(_GROUPS)},
    **{f"html:own-class={g}": len(_LANDMARKS) + len(_GROUPS) + k for k, g in enumerate(_GROUPS)},
    **{f"html:block={kind}": len(_LANDMARKS) + 2 * len(_GROUPS) + k for k, kind in enumerate(_KINDS)},
}
_FLAG_COLUMNS = np.array([_COLUMN[name] for name in _BIT], dtype=np.int64)
_FLAG_SHIFTS = np.array(list(_BIT.values()), dtype=np.uint64)
_OWN_MASK = sum(1 << _BIT[f"html:own-class={g}"] for g in _GROUPS)
_KIND_MASK = sum(1 << _BIT[f"html:block={kind}"] for kind in _KINDS)


@lru_cache(maxsize=8192)
def _class_bits(words: str) -> int:
    """The bits of the class groups that a class/id attribute's tokens fall in (own and ancestor)."""
    bits = 0
    for token in _TOKEN_SPLIT.split(words.lower()):
        if token:
            bits |= _token_bits(token)
    return bits


@lru_cache(maxsize=65536)
def _token_bits(token: str) -> int:
    groups = [
        group for group, (prefixes, exact) in _CLASS_WORDS.items() if token in exact or token.startswith(prefixes)
    ]
    return sum((1 << _BIT[f"html:class={g}"]) | (1 << _BIT[f"html:own-class={g}"]) for g in groups)


_LANDMARK_BITS = {tag: 1 << _BIT[f"html:in-{tag}"] for tag in _LANDMARKS}
_KIND_BITS = {tag: 1 << _BIT[f"html:block={kind}"] for tag, kind in _BLOCK_KINDS.items()}
_TABLES = dom_walk.Tables(_INVISIBLE, _BLOCKS, _LANDMARK_BITS, _KIND_BITS, _OWN_MASK, _KIND_MASK, _class_bits)


def render(root: etree._Element) -> Rendered:
    """The lines a reader sees in ``root``, each with its ``HTML_FEATURES`` from the DOM.

    The walk is iterative, so nesting depth is no limit.

    >>> import lxml.html
    >>> page = render(lxml.html.fromstring("<div><nav><a href=/>Home</a></nav><p>One <b>two</b><br>three</p></div>"))
    >>> page.lines, page.spans
    (['Home', 'One two', 'three'], [(1, 1), (3, 3), (4, 4)])
    >>> nav, p = HTML_FEATURES.index("html:in-nav"), HTML_FEATURES.index("html:block=p")
    >>> float(page.rows[0, nav]), float(page.rows[1, p])
    (1.0, 1.0)
    """
    return _lines(*dom_walk.walk(root, _TABLES, etree.iterwalk))


def _lines(blocks: list[dom_walk.Block], deepest: int) -> Rendered:
    texts, spans, flags, paths, sources, numbers = dom_walk.block_lines(blocks)
    rows = np.zeros((len(texts), len(HTML_FEATURES)))
    if texts:
        bits = (np.array(flags, dtype=np.uint64)[:, None] >> _FLAG_SHIFTS[None, :]) & np.uint64(1)
        rows[:, _FLAG_COLUMNS] = bits
        rows[:, [_COLUMN["html:link_density"], _COLUMN["html:depth"], _COLUMN["html:first_block_line"]]] = numbers
        rows[:, _COLUMN["html:depth"]] = np.log1p(rows[:, _COLUMN["html:depth"]])
    return Rendered(texts, spans, paths, deepest, rows, sources)


def mark_extraction(page: Rendered, extracted: str) -> Rendered:
    """``page`` with the extraction columns filled: which lines trafilatura's text holds, and its
    share of the page.

    A line is held when it is one of trafilatura's lines (or table cells), or, from
    ``_MIN_SUBSTRING`` characters on, part of its text (trafilatura joins
    and splits blocks differently); a short menu word that happens to occur
    in the article is not held.
    """
    if not page.lines:
        return page
    lines = [normalise_line(line) for line in extracted.split("\n")]
    whole, haystack = set(_cells(lines)), " ".join(lines)
    found = np.array(
        [
            bool(norm) and (norm in whole or (len(norm) >= _MIN_SUBSTRING and norm in haystack))
            for norm in map(normalise_line, page.lines)
        ],
        dtype=np.float64,
    )
    rows = page.rows.copy()
    rows[:, _COLUMN["html:in_extraction"]] = found
    rows[:, _COLUMN["html:in_extraction_mean3"]] = mean_window(found, 1)
    rows[:, _COLUMN["html:in_extraction_mean7"]] = mean_window(found, 3)
    rows[:, _COLUMN["html:link_density_mean3"]] = mean_window(rows[:, _COLUMN["html:link_density"]], 1)
    lengths = np.array([len(line) for line in page.lines], dtype=np.float64)
    rows[:, _COLUMN["html:extraction_share"]] = min(len(haystack) / max(lengths.sum(), 1.0), 2.0)
    # Lines of one container (the same tags and classes from the root: the
    # paragraphs of an article body, the items of a menu) as a group.
    _, group, sizes = np.unique(np.array(page.paths, dtype=np.int64), return_inverse=True, return_counts=True)
    group_chars = np.bincount(group, weights=lengths)
    rows[:, _COLUMN["html:path_lines"]] = np.log1p(sizes[group])
    rows[:, _COLUMN["html:path_text_share"]] = group_chars[group] / max(lengths.sum(), 1.0)
    held_chars = np.bincount(group, weights=lengths * found)
    rows[:, _COLUMN["html:path_in_extraction"]] = held_chars[group] / np.maximum(group_chars[group], 1.0)
    # The extraction's main stretch: the run of lines richest in held text
    # (a quoted sentence in a comment or the title repeated in a footer is
    # held too, but far from the rest).
    start, end = kernels.best_span(np.where(found > 0, lengths, -0.5 * lengths))
    index = np.arange(len(found))
    if end >= start:
        held = np.flatnonzero(found)
        rows[:, _COLUMN["html:before_extraction"]] = index < start
        rows[:, _COLUMN["html:after_extraction"]] = index > end
        after = np.clip(np.searchsorted(held, index), 0, len(held) - 1)
        before = np.clip(after - 1, 0, len(held) - 1)
        gaps = np.minimum(np.abs(held[after] - index), np.abs(held[before] - index))
        rows[:, _COLUMN["html:extraction_distance"]] = np.log1p(gaps)
    else:
        rows[:, _COLUMN["html:extraction_distance"]] = np.log1p(len(found))
    return replace(page, rows=rows)


def mark_title(page: Rendered, titles: list[str], tokens: Sequence[list[str]] | None = None) -> Rendered:
    """``page`` with ``html:title_overlap`` filled: the Jaccard overlap of each line's words with
    the page's own title (``<title>``, ``og:title``), at its best; the headline scores near 1.
    ``tokens``: the lines' ``line_tokens`` where they are made already."""
    wanted = [set(words(title)) for title in titles if title and title.strip()]
    if not wanted or not page.lines:
        return page
    rows = page.rows.copy()
    column = rows[:, _COLUMN["html:title_overlap"]]
    for k, line in enumerate(page.lines):
        if len(line) > 400:
            continue
        mine = set(tokens[k] if tokens is not None else words(line))
        if mine:
            column[k] = max(len(mine & title) / len(mine | title) for title in wanted)
    return replace(page, rows=rows)


def _titles(tree: etree._Element) -> list[str]:
    titles = [tree.findtext(".//title") or ""]
    titles += [m.get("content") or "" for m in tree.iterfind(".//meta[@property='og:title']")]
    return titles


_MIN_SUBSTRING = 40
_LIST_MARK = re.compile(r"^(?:[-*•]|#+)\s+")


def _cells(lines: list[str]) -> Iterator[str]:
    """trafilatura's lines as the page shows them: list marks ("- ") and heading marks ("# ")
    off, table rows ("| a | b |") split into cells."""
    for line in lines:
        line = _LIST_MARK.sub("", line)
        if "|" in line:
            yield from (cell.strip() for cell in line.split("|") if cell.strip(" -"))
        yield line


@dataclass
class HtmlPage:
    """One parse of an HTML page: its lines and their features, and trafilatura's metadata."""

    page: Rendered
    title: str | None = None
    date: str | None = None
    author: str | None = None
    tokens: tuple[list[str], ...] = ()  # each line's ``line_tokens``


def read_html(html: str, with_metadata: bool = True) -> HtmlPage:
    """Parse ``html`` once; render its lines; run trafilatura on the same tree for its
    extraction (a feature) and its metadata.

    The tree is rendered before trafilatura sees it: trafilatura prunes the
    tree it is given, and runs without its fallbacks where its text is long
    enough (``trafilatura_text``).
    """
    parsed = _parsed(html)
    if parsed is None:
        return HtmlPage(Rendered())
    tree, page, parse_again = parsed
    tokens = tuple(line_tokens(page.lines))
    page = mark_title(page, _titles(tree), tokens)
    # Metadata first: trafilatura's extraction prunes the tree it is given.
    title, date, author = page_metadata(tree) if with_metadata else (None, None, None)
    text = trafilatura_text(tree, page, parse_again)
    return HtmlPage(mark_extraction(page, text), title=title, date=date, author=author, tokens=tokens)


def _parsed(html: str) -> tuple[etree._Element, Rendered, Callable[[], etree._Element | None]] | None:
    """``html``'s tree, its rendering, and how to parse the same tree again; None when it does not parse."""
    tree = parse_html(html)
    if tree is None:
        return None
    page, parse_again = render(tree), partial(parse_html, html)
    if page.deepest >= _PARSER_MAX_DEPTH:
        # libxml2 stops nesting at 256 levels and drops what lies deeper (a
        # page of nothing but wrappers); its "huge" mode goes to 2,048.
        deep = _parse_deep(html)
        if deep is not None:
            tree, page, parse_again = deep, render(deep), partial(_parse_deep, html)
        if page.deepest >= _HUGE_MAX_DEPTH:
            # Deeper still: the nesting is almost surely wrapper or unclosed
            # inline tags (<div>, <font>, <b> ...). Without them the blocks
            # that carry text (paragraphs, headings, lists, landmarks) remain.
            unwrapped = _WRAPPER_TAGS.sub("", html)
            flat = _parse_deep(unwrapped)
            if flat is not None:
                tree, page, parse_again = flat, render(flat), partial(_parse_deep, unwrapped)
    return tree, page, parse_again


def trafilatura_text(tree: etree._Element, page: Rendered, parse_again: Callable[[], etree._Element | None]) -> str:
    """trafilatura's main text of ``tree`` (``page`` rendered from it), without its fallbacks, or
    with them on a fresh parse (``parse_again``) where that text holds under ``_FALLBACK_BELOW`` of
    the page's visible text."""
    text = extracted_text(tree)
    if len(text) < _FALLBACK_BELOW * sum(map(len, page.lines)):
        fresh = parse_again()
        text = extracted_text(fresh, fallbacks=True) if fresh is not None else text
    return text


def extracted_text(tree: etree._Element, fallbacks: bool = False) -> str:
    """trafilatura's main text of ``tree`` (which it prunes): without comments, with tables, and
    with its readability and jusText fallbacks only when ``fallbacks`` is set (they cost a third
    of its time and change its text on one page in fifteen: benchmarks/README.md)."""
    import trafilatura  # slow to import; only HTML pages need it

    result = trafilatura.bare_extraction(
        tree, fast=not fallbacks, with_metadata=False, include_comments=False, include_tables=True
    )
    text = result.text if result is not None and not isinstance(result, dict) else ""
    return text or ""


# Where trafilatura's text without fallbacks is this short a share of the page's visible text,
# the fallbacks run: on the training pages they then change the text on 60 of the 67 pages
# where they make it half as long again or more, and run on 1 page in 10.
_FALLBACK_BELOW = 0.25

_PARSER_MAX_DEPTH = 255
_HUGE_MAX_DEPTH = 2048  # libxml2's limit with its "huge" option
_WRAPPER_TAGS = re.compile(r"</?(?:div|span|font|b|i|u|em|strong|small|big|center|section)\b[^>]*>", re.IGNORECASE)


def parse_html(html: str) -> etree._Element | None:
    """``html`` parsed as trafilatura's ``load_html`` parses a string: its repairs (control
    characters, the doctype line, a self-closing ``<html/>``), its parser's settings, its retry
    as bytes, and None for a text that is no HTML; each element's class looked up in C.

    lxml.html chooses each element's Python class (``FormElement``,
    ``InputElement`` ...) in a Python callback, run whenever Python touches
    an element: about a million calls for 173 pages between the rendering,
    trafilatura and the metadata. Every element is an ``HtmlElement`` here,
    with the same methods; the lines, features, extraction and metadata of
    the 933 train and validation pages are the same as after ``load_html``
    (``tests/extract/test_html.py`` compares the trees).
    """
    import lxml.html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = lxml.html.fromstring(html, parser=_parser(huge=False))
    except Exception:  # a ValueError for a string that declares its encoding: parse the bytes
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_bytes(html: str) -> etree._Element | None:
    import lxml.html

    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_parser(huge=False))
    except Exception:
        return None


def _parse_deep(html: str) -> etree._Element | None:
    """``html`` parsed with libxml2's limits lifted (nesting up to 2,048 levels)."""
    import lxml.html

    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=_parser(huge=True))
    except (etree.ParserError, ValueError):
        return None


@lru_cache(maxsize=2)
def _parser(huge: bool) -> etree.HTMLParser:
    """trafilatura's HTML parser (``huge``: with libxml2's limits lifted), its element classes
    looked up in C."""
    import lxml.html

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=huge,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser
