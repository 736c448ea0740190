"""An HTML page's title, date and author, read from its markup as trafilatura reads them."""

from __future__ import annotations

import re
from contextlib import suppress
from copy import deepcopy
from dataclasses import dataclass, field
from html import unescape as html_unescape
from typing import Any

from lxml import etree


def page_metadata(tree: etree._Element) -> tuple[str | None, str | None, str | None]:
    """Title, ISO date and author, read as trafilatura's ``extract_metadata`` reads them.

    The same steps in the same order (meta tags, JSON-LD, the title and
    byline finders, htmldate) without the fields scrubnews does not report
    (site name, categories, tags, licence: a third of its time). htmldate's
    extensive search is off: it falls back to dateparser over the whole
    page, 20 ms a page on average and seconds on some; the markup's own
    dates are kept, and the text path's date finder fills the rest.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
    from trafilatura.settings import set_date_params

    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word "author" in the meta tags is a site or a handle
    with suppress(Exception):  # the JSON-LD reader fails on some malformed blocks; the markup stays
        found = extract_meta_json(tree, found)
    title = found.title or _optional(extract_title, tree)
    author = found.author or _optional(find_author, tree)
    url = found.url or _optional(extract_url, tree, None)
    date = _optional(find_date, tree, **{**set_date_params(extensive=False), "url": url})
    return _trimmed(title), _iso_date(date), _trimmed(author)


def find_author(tree: etree._Element) -> str | None:
    """The byline in the markup, found as trafilatura's ``extract_author`` finds it, in one walk.

    trafilatura prunes comments, sidebars, dates and figures from a copy of
    the tree, then tries three XPath expressions in turn and takes the first
    match whose text is 3 to 119 characters long. Its expressions test class
    and id names with EXSLT regular expressions, which libxml2 evaluates
    element by element, expression by expression: about 6.5 ms a page, most
    of the HTML metadata's time. Here one walk applies the same tests
    (``_BYLINES`` and ``_DISCARD``, trafilatura's patterns as data), and a
    match's subtree is copied and pruned only when it holds something to
    prune. The answer is trafilatura's: ``tests/extract/test_html_meta.py``
    compares the two.
    """
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.metadata import extract_author
    from trafilatura.utils import trim

    found = _bylines(tree)
    if found is None:
        return extract_author(tree)
    matches, discarded = found
    for candidates in matches:
        for element in candidates:
            if element in discarded or any(above in discarded for above in element.iterancestors()):
                continue  # pruned with a comment section, a sidebar, a figure ...
            if any(below in discarded for below in element.iterdescendants()):
                element = _pruned(element)
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def _bylines(tree: etree._Element) -> tuple[list[list[etree._Element]], set[etree._Element]] | None:
    """The elements each of ``_BYLINES`` matches, in document order, and those trafilatura prunes
    first; None on a page with a <rel> element (trafilatura also tests a child <rel>'s text)."""
    matches: list[list[etree._Element]] = [[] for _ in _BYLINES]
    discarded: set[etree._Element] = set()
    root = tree.getroottree().getroot()
    for element in root.iter(etree.Element):
        tag = element.tag
        if tag == "rel":
            return None
        # An element's attributes in one call (most have one or two): a lookup of each name costs more.
        if tag not in _ALWAYS and not _STEMS.search("\0".join([v for k, v in element.items() if k in _NAMES]).lower()):
            continue  # no attribute holds any of the values tested (most elements): no rule matches
        if element is not root and _test(_DISCARD, element, tag):
            discarded.add(element)
        for rule, found in zip(_BYLINES, matches, strict=True):
            if _test(rule, element, tag):
                found.append(element)
    return matches, discarded


@dataclass(frozen=True)
class _Rule:
    """An element matches when its tag is one of ``always``, or when its tag is among ``tags``
    (None: any) and an attribute is one of its ``exact`` values, holds its ``within`` string, or
    matches its ``pattern`` (a regex)."""

    tags: frozenset[str] | None
    always: frozenset[str] = frozenset()
    exact: dict[str, tuple[str, ...]] = field(default_factory=dict)
    within: dict[str, str] = field(default_factory=dict)
    pattern: dict[str, re.Pattern[str]] = field(default_factory=dict)


# trafilatura's AUTHOR_XPATHS (trafilatura/xpaths.py), in its order: its
# ``@a='v'`` are ``exact``, ``contains(@a, 'v')`` ``within``, ``re:test(@a, 'p')``
# ``pattern``; ``//author`` is ``always``.
_BYLINES = (
    _Rule(
        frozenset(["a", "address", "div", "link", "p", "span", "strong"]),
        always=frozenset(["author"]),
        exact={
            "rel": ("author",),
            "id": ("author",),
            "class": ("author",),
            "itemprop": ("author name",),
            "data-testid": ("AuthorCard", "AuthorURL"),
        },
        pattern={"class": re.compile("author-?name|AuthorName|authorName")},
    ),
    _Rule(
        frozenset(["a", "div", "h3", "h4", "p", "span"]),
        exact={"class": ("byline", "username", "byl", "BBL")},
        within={"itemprop": "author"},
        pattern={
            "id": re.compile("author|zuozhe|bianji|xiaobian"),
            "class": re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"),
        },
    ),
    _Rule(
        None,
        within={"data-component": "Byline", "itemprop": "author"},
        pattern={"id": re.compile("[Aa]uthor"), "class": re.compile("[Aa]uthor|screenname|writer|[Bb]yline")},
    ),
)
# Its AUTHOR_DISCARD_XPATHS: pruned before the search.
_DISCARD = _Rule(
    frozenset(["a", "div", "section", "span"]),
    always=frozenset(["time", "figure"]),
    exact={"id": ("comments",), "class": ("comments", "title", "date")},
    within={"data-component": "Figure"},
    pattern={
        "id": re.compile("^comments|comment-?list|ProductReviews"),
        "class": re.compile(
            "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
            "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
        ),
    },
)
_ALWAYS = _DISCARD.always.union(*(rule.always for rule in _BYLINES))
# The attributes the rules test, and a stem of every value they look for
# (lower case): an element whose attributes hold none matches no rule.
_NAMES = frozenset(["class", "id", "itemprop", "rel", "data-testid", "data-component"])
_STEMS = re.compile(
    "author|byl|bbl|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|journalist-name"
    "|screenname|writer|comment|title|date|figure|productreviews|sidebar|is-hidden|quote|embedly|article-s"
    "|print|category|meta-reviewer"
)


def _test(rule: _Rule, element: etree._Element, tag: str) -> bool:
    if tag in rule.always:
        return True
    if rule.tags is not None and tag not in rule.tags:
        return False
    if any(element.get(name) in values for name, values in rule.exact.items()):
        return True
    if any(value in (element.get(name) or "") for name, value in rule.within.items()):
        return True
    return any(pattern.search(element.get(name) or "") for name, pattern in rule.pattern.items())


def _pruned(element: etree._Element) -> etree._Element:
    """A copy of ``element`` with what trafilatura prunes below it deleted, each deleted element's
    tail kept (trafilatura deletes the attribute matches first, then times and figures; the text
    left is the same in any order)."""
    from trafilatura.xml import delete_element

    copy = deepcopy(element)
    for below in [below for below in copy.iterdescendants(etree.Element) if _test(_DISCARD, below, below.tag)]:
        delete_element(below)
    return copy


def _optional(finder: Any, *args: Any, **kwargs: Any) -> Any:
    """A metadata finder's answer, or None where it trips over the page (htmldate on some
    malformed trees): metadata is optional, the article is not."""
    try:
        return finder(*args, **kwargs)
    except Exception:
        return None


def _trimmed(value: str | None) -> str | None:
    """``value`` as trafilatura trims its metadata: entities decoded, spaces collapsed, at most 10,000 characters."""
    if not value:
        return None
    from trafilatura.utils import line_processing

    value = value[:9999] + "…" if len(value) > 10000 else value
    return line_processing(html_unescape(value)) or None


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
