"""The HTML render's walk over the DOM and its blocks' lines, compiled where the install could
build them (Cython's pure-Python mode, as ``kernels``; ``compiled.load`` picks the build).

``html.render`` owns what the walk means (which elements are blocks, landmarks, hidden; the
class words); this module only walks: one pass over lxml's ``iterwalk`` events, each element's
flags from its parent's, and the text of each block with what of it sits inside links. Both
builds run the same statements, so they give the same blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

try:
    import cython
except ModuleNotFoundError:  # a build requirement only: the stand-in knows the decorators
    from scrubnews.extract import _cython as cython

# A block: [flags, depth, path, pieces, pre, source_line]; pieces are (text, inside a link).
Block = list[Any]
_SKIPPED = (0, 0, 0)  # the stack entry of an element whose subtree is not shown


class Tables:
    """What the walk looks up for each element, as ``html`` defines it."""

    def __init__(
        self,
        invisible: frozenset[str],
        blocks: frozenset[str],
        landmark_bits: dict[str, int],
        kind_bits: dict[str, int],
        own_mask: int,
        kind_mask: int,
        class_bits: Callable[[str], int],
    ) -> None:
        self.invisible = invisible
        self.blocks = blocks
        self.landmark_bits = landmark_bits
        self.kind_bits = kind_bits
        self.own_mask = own_mask
        self.kind_mask = kind_mask
        self.class_bits = class_bits


@cython.cfunc  # type: ignore[untyped-decorator]  # cython's decorators are not typed
def _is_invisible(element: Any, invisible: frozenset[str]) -> cython.bint:
    """Scripts and styles, comments, and elements the page hides from readers."""
    tag = element.tag
    if not isinstance(tag, str) or tag in invisible:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style:
        style = style.replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


@cython.cfunc  # type: ignore[untyped-decorator]  # cython's decorators are not typed
def _add(block: Block, text: str, in_link: cython.bint, source_line: int) -> None:
    """``text`` onto ``block``; a block's leading whitespace shows as nothing (most blocks hold
    only that) outside ``<pre>``."""
    pieces: list[tuple[str, bool]] = block[3]
    if not pieces:
        if text.strip():
            block[5] = source_line
        elif not block[4]:
            return
    pieces.append((text, in_link))


def walk(root: Any, tables: Tables, iterwalk: Callable[..., Any]) -> tuple[list[Block], int]:
    """The blocks of visible text under ``root`` in reading order, and the deepest element's
    depth. ``iterwalk`` is ``lxml.etree.iterwalk`` (this module does not import lxml)."""
    blocks: list[Block] = []
    stack: list[tuple[int, int, int]] = [(0, 0, 0)]  # (flags, depth, path) of each open element
    deepest: cython.Py_ssize_t = 0
    pre_depth: cython.Py_ssize_t = 0
    link_depth: cython.Py_ssize_t = 0
    depth: cython.Py_ssize_t
    source_line: int = 0  # of the element last entered or left: where the text that follows sits
    current: Block = [0, 0, 0, [], False, 0]
    invisible, block_tags = tables.invisible, tables.blocks
    landmark_bits, kind_bits, class_bits = tables.landmark_bits, tables.kind_bits, tables.class_bits
    keep_own: int = ~tables.own_mask
    keep_kind: int = ~tables.kind_mask
    walker = iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if _is_invisible(element, invisible):
                walker.skip_subtree()
                stack.append(_SKIPPED)
                continue
            flags, depth, path = stack[len(stack) - 1]  # (the build turns negative indexing off)
            depth += 1
            if depth > deepest:
                deepest = depth
            flags &= keep_own
            classes, ident = element.get("class"), element.get("id")
            if classes or ident:
                flags |= class_bits(f"{classes or ''} {ident or ''}")
            path = hash((path, tag, classes))
            flags |= landmark_bits.get(tag, 0)
            if tag == "a":
                link_depth += 1
            elif tag == "pre":
                pre_depth += 1
            if tag in block_tags:
                flags = (flags & keep_kind) | kind_bits.get(tag, 0)
                if current[3]:
                    blocks.append(current)
                current = [flags, depth, path, [], pre_depth > 0, 0]
            elif tag == "br" and (current[3] or current[4]):
                current[3].append(("\n", False))
            stack.append((flags, depth, path))
            source_line = element.sourceline or source_line
            if element.text:
                _add(current, element.text, link_depth > 0, source_line)
        else:
            if stack.pop() is not _SKIPPED:
                if tag == "a":
                    link_depth -= 1
                elif tag == "pre":
                    pre_depth -= 1
                if tag in block_tags:
                    if current[3]:
                        blocks.append(current)
                    flags, depth, path = stack[len(stack) - 1]  # (the build turns negative indexing off)
                    current = [flags, depth, path, [], pre_depth > 0, 0]
            if element.tail:
                _add(current, element.tail, link_depth > 0, source_line)
    if current[3]:
        blocks.append(current)
    return blocks, deepest


def block_lines(
    blocks: list[Block],
) -> tuple[list[str], list[tuple[int, int]], list[int], list[int], list[int], list[tuple[float, int, float]]]:
    """The lines of ``blocks`` as the page shows them, a blank line between blocks: their texts,
    spans of line numbers, and each line's block flags, path and source line, and (link share,
    depth, first line of its block). A ``<pre>`` block (code, a poem, a table drawn in text) is
    one paragraph: judged as a whole, its lines kept as they are."""
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    flags: list[int] = []
    paths: list[int] = []
    sources: list[int] = []
    numbers: list[tuple[float, int, float]] = []
    number: cython.Py_ssize_t = 0
    k: cython.Py_ssize_t
    breaks: cython.Py_ssize_t
    for flag, depth, path, pieces, pre, source_line in blocks:
        lines = [(text, link) for text, link in _split(pieces, pre) if text]
        if pre and lines:
            lines = [("\n".join(text for text, _ in lines), max(link for _, link in lines))]
        for k, (text, link_share) in enumerate(lines):
            number += 1 if k else 2 if texts else 1
            breaks = text.count("\n")
            texts.append(text)
            spans.append((number, number + breaks))
            number += breaks
            flags.append(flag)
            paths.append(path)
            sources.append(source_line)
            numbers.append((min(link_share, 1.0), depth, 1.0 if k == 0 else 0.0))
    return texts, spans, flags, paths, sources, numbers


def _split(pieces: list[tuple[str, bool]], pre: bool) -> Iterator[tuple[str, float]]:
    """Each line of a block (split at ``<br>``, and at newlines in ``<pre>``), with its share of
    non-space characters inside links. Outside ``<pre>`` whitespace runs are one space."""
    texts: list[str] = []
    link: cython.Py_ssize_t = 0
    for piece, in_link in pieces:
        parts = piece.split("\n") if pre or piece == "\n" else [piece]
        for k, part in enumerate(parts):
            if k:
                yield _finish("".join(texts), link, pre)
                texts, link = [], 0
            texts.append(part)
            if in_link:
                link += len("".join(part.split()))
    yield _finish("".join(texts), link, pre)


def _finish(text: str, link: int, pre: bool) -> tuple[str, float]:
    line = text.rstrip() if pre and text.strip() else " ".join(text.split())
    return line, link / max(len("".join(line.split())), 1)
