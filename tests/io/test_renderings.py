"""A page saved by another renderer reads as the text a browser shows (``io/renderings.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrubnews import clean_bytes
from scrubnews.io.renderings import as_shown, is_markdown, without_link_numbers, without_list_bullets, without_markdown

ROOT = Path(__file__).resolve().parents[2]
GOLD = (ROOT / "fixtures" / "seed-001" / "gold.txt").read_text().split("\n\n")
MENU = ["Home", "World", "Business", "Science", "Opinion"]
RELATED = ["Currency tensions challenge the dollar", "A rising star shines at Indian Wells"]


def _page(markdown: bool, links: bool = True) -> str:
    """One page, as a browser shows it or as a Markdown renderer saves it (links, emphasis, a
    picture, headings, bullets, escapes, a URL the renderer wrapped after a hyphen); with
    ``links`` off, as html2text saves it when told to leave links and pictures out."""

    def link(text: str, target: str) -> str:
        return f"[{text}]({target})" if markdown and links else text

    lines = [("# " if markdown else "") + link("The Daily Planet", "https://planet.example/"), ""]
    lines += [("  * " if markdown else "") + link(item, f"/{item.lower()}") for item in MENU]
    lines += ["", ("## " if markdown else "") + "Russia eyes Mars mission with Musk", ""]
    if markdown and links:
        lines += ["![Rocket on the pad](https://planet.example/img/rocket-launch-\npad.jpg)", ""]
    else:
        lines += ["", ""]
    first, *rest = GOLD
    lead = first.replace("Elon Musk", link("Elon Musk", "https://planet.example/tag/elon-\nmusk"))
    lines += [lead.replace("Mars mission", "**Mars mission**" if markdown else "Mars mission"), ""]
    for paragraph in rest:
        lines += [paragraph.replace("Roscosmos", "_Roscosmos_" if markdown else "Roscosmos"), ""]
    lines += [("### " if markdown else "") + "Related", ""]
    lines += [("  * " if markdown else "") + link(title, f"/story/{k}") for k, title in enumerate(RELATED)]
    lines += ["", "© 2026 The Daily Planet" + ("\\." if markdown else ".")]
    return "\n".join(lines) + "\n"


def test_links_pictures_and_marks_go_and_every_line_stays() -> None:
    text = without_markdown(
        '* [Home](/)\n**Musk** met [_Roscosmos_](https://x.example/a-\nb "the agency") on Mars\\.\n'
        "![logo](/l.png) [Next](#n)\n"
    )
    assert text == "Home\nMusk met Roscosmos\n on Mars.\n Next\n"


def test_reference_links_autolinks_headings_rules_and_quotes() -> None:
    text = without_markdown(
        "Title\n=====\nSee [the report][1], <https://x.example> and [a](/a) [b](/b) [c](/c).\n"
        "> A quote\n---\n[1]: https://x.example/report\n`code` stays\n##\nLuthier\n"
    )
    assert text.splitlines() == [
        "Title",
        "",
        "See the report, https://x.example and a b c.",
        "A quote",
        "",
        "",
        "code stays",
        "",  # a heading's mark alone on its line: its text follows
        "Luthier",
    ]


def test_snake_case_and_arithmetic_keep_their_marks() -> None:
    links = "[a](/a) [b](/b) [c](/c)\n"
    assert without_markdown(links + "set max_lines to 5 * 3 * 2\n").splitlines()[1] == "set max_lines to 5 * 3 * 2"


def test_flat_text_is_left_as_it_is() -> None:
    flat = "Home\n\n# 1 in sales\n\n**Note** [1] see _below_ (https://x.example)\n"
    assert not is_markdown(flat)
    assert without_markdown(flat) is flat


@given(st.text(alphabet=st.sampled_from("ab [](){}*_#!>-=\\\n:/.hpst<>\"'"), max_size=200))
def test_no_line_is_ever_added_or_lost(text: str) -> None:
    assert without_markdown(text).count("\n") == text.count("\n")
    dump = text + "\nReferences\n\n   1. https://a.example/\n   2. https://b.example/\n   3. https://c.example/\n"
    assert as_shown("[1]a [2]b [3]c\n" + dump).count("\n") == ("[1]a [2]b [3]c\n" + dump).count("\n")


def test_a_markdown_page_gives_the_article_its_flat_rendering_gives() -> None:
    flat, markdown = clean_bytes(_page(False).encode()), clean_bytes(_page(True).encode())
    assert markdown.input_kind is not None and markdown.input_kind.value == "text"
    assert [p.text for p in markdown.kept] == [p.text for p in flat.kept]
    assert all("](" not in p.text and "http" not in p.text for p in markdown.kept)
    # Each paragraph still points at its own lines of the file.
    source = _page(True).split("\n")
    for paragraph in markdown.kept:
        assert paragraph.text.split()[0] in source[paragraph.line_start - 1]


def test_markdown_saved_without_its_links_gives_the_article_its_flat_rendering_gives() -> None:
    # html2text's ignore_links: no link to tell Markdown by, but its indented list items and headings.
    linkless = _page(True, links=False)
    assert "](" not in linkless and is_markdown(linkless)
    kept = [p.text for p in clean_bytes(linkless.encode()).kept]
    assert kept == [p.text for p in clean_bytes(_page(False).encode()).kept]
    assert not any("**" in text or text.startswith("#") for text in kept)
    # Headings and strong runs alone, or indented items alone, are no Markdown.
    assert not is_markdown("## One\n## Two\n**Three** and **four**\n")
    assert not is_markdown("  * one\n  * two\n  * three\n")


def _dump(page: str) -> str:
    """``page`` (a flat rendering) as a text browser dumps it: each link numbered in place, list
    items bulleted, lines indented, the links listed under "References"."""
    lines, links = [], []
    for line in page.split("\n"):
        if line in MENU or line in RELATED:
            links.append(line)
            line = f"* [{len(links)}]{line}"
        lines.append(f"   {line}" if line else "")
    listed = [f"   {k}. https://planet.example/{k}" for k in range(1, len(links) + 1)]
    return "\n".join([*lines, "", "References", "", "   Visible links:", *listed]) + "\n"


def test_a_text_browsers_dump_gives_the_article_its_flat_rendering_gives() -> None:
    flat = _page(False)
    dump = _dump(flat)
    assert (
        as_shown(dump).split("\n")[: flat.count("\n")]
        == ["   " + line if line else "" for line in flat.split("\n")][: flat.count("\n")]
    )
    assert [p.text for p in clean_bytes(dump.encode()).kept] == [p.text for p in clean_bytes(flat.encode()).kept]


def test_link_numbers_go_only_in_a_dump_that_lists_them() -> None:
    # A flat page citing sources: "[1]" marks, a "References" list that holds no URLs.
    cited = "Mars plan delayed [1], NASA says [2] and [3].\n\nReferences\n\n1. Reuters, 2025.\n"
    assert without_link_numbers(cited) is cited
    # A number the list does not hold is text: "[9]" stays.
    listed = "".join(f"   {k}. https://x.example/{k}\n" for k in (1, 2, 3))
    dump = "[1]Home [2]News [3]World\nSee note [9].\nReferences\n\n" + listed
    assert without_link_numbers(dump).split("\n")[:2] == ["Home News World", "See note [9]."]
    # A page's own list of sources, with the page going on under it: not a dump's list.
    article = dump + "Comments\nGreat post, thanks.\n"
    assert without_link_numbers(article) is article


def _laid_out(page: str, bullets: str) -> str:
    """``page`` (a flat rendering) as a layout renderer writes it: the menu and the related links
    as nested lists, indented, each level with its bullet (``bullets``, one a level); the article
    indented."""
    lines = []
    for k, line in enumerate(page.split("\n")):
        if line in MENU or line in RELATED:
            level = k % 3
            lines.append(" " * (4 + 4 * level) + bullets[level] + " " + line)
        else:
            lines.append(f"    {line}" if line else "")
    return "\n".join(lines) + "\n"


# inscriptis's bullets, and a text browser's (w3m's dump).
@pytest.mark.parametrize("bullets", ["*+o", "•□☆", "○■●"])
def test_a_layout_renderers_lists_give_the_article_its_flat_rendering_gives(bullets: str) -> None:
    flat = _page(False)
    laid_out = _laid_out(flat, bullets)
    shown = as_shown(laid_out)
    assert [line.strip() for line in shown.split("\n")] == [line.strip() for line in flat.split("\n")] + [""]
    assert [p.text for p in clean_bytes(laid_out.encode()).kept] == [p.text for p in clean_bytes(flat.encode()).kept]


def test_list_bullets_go_only_where_a_renderer_indented_them() -> None:
    # A line that opens with "o", "*" or "+" at its start, or two indented items: a page's own text.
    own = "o que disse o ministro\n* Note: see below\n  * one\n  + two\nText."
    assert without_list_bullets(own) is own
    items = "Menu\n  * Home\n    + World\n      o Europe\no que disse"
    assert without_list_bullets(items).split("\n") == ["Menu", "  Home", "    World", "      Europe", "o que disse"]
    # A bullet the flat text holds at a line's start, not indented, stays.
    assert without_list_bullets("• one\n• two\n• three\n  • four") == "• one\n• two\n• three\n  • four"
