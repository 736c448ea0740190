"""A page saved by another renderer, read as the flat text a browser shows.

The line model reads a page as a browser shows it, one block a line (the
walker that rendered `extraction-train`). Scrapers save pages other ways
too, and two of them mark every link:

* Markdown (html2text, pandoc, reader and crawl services): every link is
  ``[text](https://...)``, every picture ``![alt](...)``, emphasis is
  ``**...**`` or ``_..._``, headings start with ``#``, list items with
  ``*``, and characters Markdown would read are escaped (``1\\.``).
  ``without_markdown`` takes the marks off.
* A text browser's dump (``lynx -dump``; others that list links the same
  way): every link is numbered in place (``[12]Home``) and listed under
  "References" at the end, list items start with ``*`` or ``+``.
  ``without_link_numbers`` takes the numbers, the bullets and the list of
  references off.

A renderer that lays a page out as a browser would writes each list indented,
with a bullet for its level (inscriptis "*", "+", "o"; a text browser's dump,
w3m's, "•", "□", "☆" and other marks), nested menus included;
``without_list_bullets`` takes those bullets off. (A text browser also wraps
its lines at a width: ``extract.segment.wrap_width`` joins them again.)

Read as saved, a menu item is a long line of URL tokens (or of numbers), a
link inside a paragraph adds words to it, and the article kept carries its
URLs: on extraction-validation's pages, token F1 0.770 saved by html2text and
0.872 by lynx, against 0.952 for the flat text (``benchmarks/README.md``).

Both work on the whole text at once (a link's text may run over a wrapped
line) and keep every line where it was: only marks go, never a line break,
so each paragraph still points at its lines in the file. A text that shows
neither renderer's marks is returned as it is (``as_shown``).
"""

from __future__ import annotations

import re
from itertools import islice

# Markdown links (``[text](target)``) that make a text Markdown: flat text holds none.
MIN_LINKS = 3

# A link's target: a URL without spaces (balanced parentheses allowed, as in Wikipedia URLs) or
# <...>, then an optional title in quotes or parentheses. A renderer that wraps lines breaks long
# URLs and titles too (html2text after a hyphen): line breaks may sit anywhere in it.
# The patterns but ``_LINK_START`` are compiled on their first use (``re``'s own cache): a text
# that is not Markdown, every run's common case, needs only that one.
_TARGET = r"\((?:<[^<>]*>|(?:[^()\s]|\n|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
_LINK_START = re.compile(r"\]\((?:https?:|mailto:|/|#|\.)")
# What makes a text Markdown saved without its links: list items indented under their list
# (html2text writes "  * "), and headings or strong runs.
_INDENTED_ITEM = re.compile(r"(?m)^[ \t]{2,}[*+-][ \t]+\S")
_HEADING_OR_STRONG = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+\S|\*\*\S[^\n]*?\S\*\*")
# A picture: gone (a browser shows no text for it), alt text and all.
_IMAGE = r"!\[[^\[\]]*\]" + _TARGET
# A link: its text, which may run over a line break where the renderer wrapped it.
_LINK = r"\[([^\[\]]*)\]" + _TARGET
# Reference links ("[text][1]") and their definitions ("[1]: https://...").
_REFERENCE = r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"
_DEFINITION = r"(?m)^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]+\S+.*$"
_AUTOLINK = r"<((?:https?|mailto):[^<>\s]+)>"
_HEADING = r"(?m)^([ \t]{0,3})#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$"
_BARE_HEADING = r"(?m)^[ \t]{0,3}#{1,6}[ \t]*$"  # a heading's mark alone: its text is on the lines below
_BULLET = r"(?m)^([ \t]*)[*+-][ \t]+(?=\S)"
_QUOTE = r"(?m)^([ \t]*)>[ \t]?"
_RULE = r"(?m)^[ \t]*(?:[*_-][ \t]*){3,}$"
_SETEXT = r"(?m)^[ \t]*=+[ \t]*$"  # the "===" under a heading
_STRONG = r"(\*\*|__)(?=\S)([^\n]*?\S)\1"
_EMPHASIS = r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]*?\S)_(?!\w)"
# Emphasis the renderer broke over a line: the marks left at a word's edge.
_STRAY = r"(?<![\w*_])(?:\*\*|__|\*|_)(?=\w)|(?<=\w)(?:\*\*|__|\*|_)(?![\w*_])"
_CODE = r"`([^`\n]+)`"
_ESCAPED = "\\`*_{}[]()#+-.!>|~<"
_ESCAPE = "\\\\([" + re.escape(_ESCAPED) + "])"
# Taken off in this order, after the links: what each leaves of a line.
_MARKS = (
    (_REFERENCE, r"\1"),
    (_DEFINITION, ""),
    (_AUTOLINK, r"\1"),
    (_RULE, ""),
    (_SETEXT, ""),
    (_HEADING, r"\1\2"),
    (_BARE_HEADING, ""),
    (_BULLET, r"\1"),
    (_QUOTE, r"\1"),
    (_CODE, r"\1"),
    (_STRONG, r"\2"),
)
# An escaped mark stands for itself: it is set aside (as a private-use character) while the marks
# are taken off, then put back.
_ASIDE = {mark: chr(0xF0000 + k) for k, mark in enumerate(_ESCAPED)}
_BACK = str.maketrans({code: mark for mark, code in _ASIDE.items()})


def as_shown(text: str) -> str:
    """``text`` as a browser shows it: without Markdown's marks (``without_markdown``) or a text
    browser's link numbers (``without_link_numbers``), whichever it shows, and without the
    bullets of indented list items (``without_list_bullets``); else unchanged."""
    return without_list_bullets(without_link_numbers(without_markdown(text)))


def is_markdown(text: str) -> bool:
    """Whether ``text`` holds at least ``MIN_LINKS`` Markdown links to a URL, a path or an anchor,
    or, saved without its links (html2text's ``ignore_links``), at least ``MIN_LINKS`` indented
    list items ("  * ") and as many headings ("## ...") or strong runs ("**...**"). The flat text
    never indents a line; a layout renderer's lists (inscriptis) come without Markdown's marks.

    >>> is_markdown("See [one](https://a.example), [two](/b) and [three](#c).")
    True
    >>> is_markdown("Home\\nNews\\n[1] A footnote (see below).")
    False
    >>> is_markdown("## Menu\\n  * Home\\n  * News\\n  * World\\n\\n# Mars plan\\n\\n**Text** and **more**.")
    True
    """
    if _at_least(_LINK_START, text):
        return True
    return has_indented_lines(text) and _at_least(_INDENTED_ITEM, text) and _at_least(_HEADING_OR_STRONG, text)


def _at_least(pattern: re.Pattern[str], text: str, count: int = MIN_LINKS) -> bool:
    return next(islice(pattern.finditer(text), count - 1, None), None) is not None


_INDENTS = ("  ", " \t", "\t ", "\t\t")
_INDENTED_LINE = re.compile(r"\n[ \t][ \t]")  # a literal start: the engine skips to each line break


def has_indented_lines(text: str) -> bool:
    """Whether a line of ``text`` opens with two spaces or tabs: one quick search, which spares
    the flat text (no line of it is indented) the line-by-line patterns that need one.

    >>> has_indented_lines("Home\\n  * News"), has_indented_lines("\\t\\tx"), has_indented_lines("a  b\\n c")
    (True, True, False)
    """
    return text.startswith(_INDENTS) or _INDENTED_LINE.search(text) is not None


def without_markdown(text: str) -> str:
    """``text`` without its Markdown marks when it is Markdown (``is_markdown``), line for line;
    other text unchanged.

    >>> page = "# [Site](/)\\n* [Home](/home)\\n\\n**Mars** plan [delayed](https://x.example/a) again\\\\."
    >>> print(without_markdown(page + "\\n![a rocket](/r.jpg)"))
    Site
    Home
    <BLANKLINE>
    Mars plan delayed again.
    <BLANKLINE>
    """
    if not is_markdown(text):
        return text
    text = re.sub(_ESCAPE, lambda m: _ASIDE[m.group(1)], text)
    text = re.sub(_IMAGE, _breaks, text)
    text = re.sub(_LINK, _link_text, text)
    text = re.sub(_LINK, _link_text, text)  # a link inside a link's text ([![logo](...)](/) is one after the image)
    for pattern, replacement in _MARKS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(_EMPHASIS, lambda m: m.group(1) or m.group(2), text)
    text = re.sub(_STRAY, "", text)
    return text.translate(_BACK)


def _breaks(match: re.Match[str]) -> str:
    """The line breaks of what ``match`` takes off, so that every line after it stays where it was."""
    return "\n" * match.group(0).count("\n")


def _link_text(match: re.Match[str]) -> str:
    """A link's text, then the line breaks its target held."""
    text = match.group(1)
    return text + "\n" * (match.group(0).count("\n") - text.count("\n"))


# A text browser's dump: "References" (lynx) over its numbered links, "1. https://...".
_REFERENCES = re.compile(
    r"(?m)^[ \t]*References[ \t]*\n(?:[ \t]*\n)*(?:[ \t]*(?:Visible|Hidden) links:[ \t]*\n)?(?=[ \t]*1\. \S+:)"
)
# The lines of the list: numbered URLs, its two headings, blank lines.
_LISTED = re.compile(r"[ \t]*(?:\d+\. \S+:.*|(?:Visible|Hidden) links:[ \t]*|)$")
_NUMBER = r"\[(\d+)\]"
_PLACEHOLDER = r"\[(?:IMG|INLINE|LINK|BUTTON)\]"
_DUMP_BULLET = r"(?m)^([ \t]*)[*+][ \t]+(?=\S)"


def without_link_numbers(text: str) -> str:
    """``text`` without a text browser's link numbers ("[12]Home"), its list bullets ("* ", "+ ")
    and its list of references (the lines from "References" on, left empty), when it is such a
    dump: a last "References" line over nothing but numbered URLs, and at least ``MIN_LINKS``
    numbers above it that the list holds. Other text unchanged.

    >>> links = "".join(f"   {k}. https://x.example/{k}\\n" for k in (1, 2, 3))
    >>> dump = "   * [1]Home\\n   [2]Mars plan delayed, [3]NASA says [9]\\n\\nReferences\\n\\n" + links
    >>> without_link_numbers(dump).split("\\n")
    ['   Home', '   Mars plan delayed, NASA says [9]', '', '', '', '', '', '', '']
    """
    if "References" not in text:  # one substring search spares most texts the line-by-line pattern
        return text
    headings = list(_REFERENCES.finditer(text))
    if not headings:
        return text
    found = headings[-1]  # the last: a dump lists its links at its very end
    head, tail = text[: found.start()], text[found.start() :]
    if not all(_LISTED.match(line) for line in tail.split("\n")[1:]):
        return text  # text follows the list: a page's own list of sources, not a dump's
    listed = {int(number) for number in re.findall(r"(?m)^[ \t]*(\d+)\. \S+:", tail)}

    def number(match: re.Match[str]) -> str:
        return "" if int(match.group(1)) in listed else match.group(0)

    marked = [m for m in re.finditer(_NUMBER, head) if int(m.group(1)) in listed]
    if len(marked) < MIN_LINKS:
        return text
    head = re.sub(_NUMBER, number, head)
    head = re.sub(_PLACEHOLDER, "", head)
    head = re.sub(_DUMP_BULLET, r"\1", head)
    return head + "\n" * tail.count("\n")


# The bullets a text browser's dump gives its lists' levels (w3m's).
TEXT_BROWSER_BULLETS = "•□☆○■◎★●"
# A list item as a layout renderer writes it: indented, then a bullet of its level ("*", "+", "o",
# as inscriptis writes them, or a text browser's). The flat text never indents a line by two spaces.
_LIST_ITEM = re.compile(rf"(?m)^([ \t]{{2,}})[*+o{TEXT_BROWSER_BULLETS}][ \t]+(?=\S)")


def without_list_bullets(text: str) -> str:
    """``text`` without the bullets of its indented list items, when at least ``MIN_LINKS`` lines
    are such items (a renderer that lays a page out as a browser would, nested menus included);
    the indentation stays (a line is read stripped). Other text unchanged.

    >>> print(without_list_bullets("Menu\\n    * Home\\n        + World\\n            o Europe\\nText o here."))
    Menu
        Home
            World
                Europe
    Text o here.
    >>> without_list_bullets("  * one\\n  * two")
    '  * one\\n  * two'
    """
    if not has_indented_lines(text) or not _at_least(_LIST_ITEM, text):
        return text
    return _LIST_ITEM.sub(r"\1", text)
