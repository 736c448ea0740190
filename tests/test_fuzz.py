"""Fuzz targets: the byte decoder and the HTML path on generated hostile input.

Marked ``fuzz``: they run in the normal suite on a small budget, and a
longer hunt is ``SCRUBNEWS_FUZZ_EXAMPLES=5000 pytest -m fuzz``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrubnews.config import DecodeConfig
from scrubnews.document import Document
from scrubnews.extract.html import read_html
from scrubnews.io.charset import decode

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("SCRUBNEWS_FUZZ_EXAMPLES", "60"))
# The suite's budget draws the same examples every run (CI must not flake on
# a new draw); a longer hunt draws new ones.
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="SCRUBNEWS_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)

TAGS = [
    "div",
    "p",
    "article",
    "span",
    "b",
    "br",
    "table",
    "td",
    "tr",
    "ul",
    "li",
    "pre",
    "script",
    "style",
    "title",
    "h1",
    "a",
    "nav",
    "footer",
    "main",
    "font",
    "iframe",
    "noscript",
    "template",
    "svg",
    "math",
]
ATTRS = [
    "",
    ' class="article-body"',
    ' id="comments"',
    " hidden",
    ' style="display:none"',
    ' class="nav share"',
    ' aria-hidden="true"',
    ' href="javascript:x"',
    " class=",
    ' id="\x00"',
    " class='related'",
]
piece = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.text(max_size=80),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "&nbsp;",
            "<!DOCTYPE html>",
            "<?xml version='1.0'?>",
            "<meta charset='utf-16'>",
            "\x00",
            "\ufeff",
            "<",
            ">",
            "&",
        ]
    ),
)
html_like = st.lists(piece, max_size=120).map("".join)


def test_a_tree_that_trips_the_date_finder_still_renders() -> None:
    page = read_html("<svg><p><div>").page  # htmldate's cleaner asserted on this tree
    assert page.lines == []


@BUDGET
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "utf-16", "latin-1", "cp1252", "shift_jis"]))
def test_decode_never_raises(data: bytes, encoding: str | None) -> None:
    doc = decode(Document(path="x", raw=data), DecodeConfig(encoding=encoding))
    assert doc.problem is not None or isinstance(doc.text, str)


@BUDGET
@given(html_like)
def test_the_html_path_never_raises_and_its_lines_are_its_spans(html: str) -> None:
    page = read_html(html).page
    assert len(page.lines) == len(page.spans) == len(page.rows)
    assert all(line.strip() for line in page.lines)  # a rendered line always has visible text
    assert all(start <= end for start, end in page.spans)
    assert [start for start, _ in page.spans] == sorted(start for start, _ in page.spans)
