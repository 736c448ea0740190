"""The report page: what it shows, that scraped text cannot script it, and the same verdicts from JSONL."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.report.page import _diff, render
from scrubnews.report.views import FileView, Line, from_records

ROOT = Path(__file__).resolve().parents[2]
SEEDS = str(ROOT / "seeds")
runner = CliRunner()
HOSTILE = (
    "Home\n\nNews\n\n"
    "The council voted on Tuesday to approve the plan <script>document.title='pwned'</script> for the city, "
    "officials said in a statement to reporters on Tuesday evening.\n\n"
    '<img src=x onerror="alert(1)"> Many residents welcomed the decision and said they had waited for years '
    "for the new bus routes to open.\n\n© 2026\n"
)


def test_scraped_text_is_escaped_everywhere() -> None:
    line = Line(0, 1, 1, "<script>alert(1)</script>", False, "junk:nav")
    page = render([FileView("<b>name</b>.txt", "<i>title</i>", None, (line,))], [], "<cmd>")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>name</b>" not in page and "<i>title</i>" not in page and "<cmd>" not in page
    assert len(re.findall(r"<script>", page)) == 1  # the page's own (sorting), allowed by its hash
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None and "default-src 'none'" in policy.group(1) and "unsafe-inline" not in policy.group(1)


def test_the_page_has_every_section_and_marks_dropped_lines(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", SEEDS, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    for anchor in ["charts", "overview", "files", "clusters", "legend"]:
        assert f'id="{anchor}"' in page
    assert page.count("<svg") == 2 and page.count('<details id="f-') == 5
    assert 'class="d" data-l="' in page and 'data-r="position:after-article" title="position:after-article"' in page
    assert 'id="c-1"' in page and "<ins>" in page  # the shared quote of seeds 002 and 004, with its changes
    assert "SN006" in page  # check findings per file (seed 004 repeats a paragraph)


def test_jsonl_input_gives_the_same_files_and_verdicts(tmp_path: Path) -> None:
    jsonl = runner.invoke(app, ["clean", SEEDS, "--format", "jsonl", "-q"]).stdout
    (tmp_path / "run.jsonl").write_text(jsonl)
    direct, from_file = tmp_path / "direct.html", tmp_path / "from.html"
    runner.invoke(app, ["report", SEEDS, "-o", str(direct), "-q"])
    result = runner.invoke(app, ["report", "--jsonl", str(tmp_path / "run.jsonl"), "-o", str(from_file), "-q"])
    assert result.exit_code == 0, result.stderr

    def sections(path: Path) -> list[str]:
        return re.findall(r'<details id="f-\d+">.*?</details>', path.read_text(), re.S)

    # The same lines, verdicts and reasons; only the check findings (not in JSONL) differ.
    strip = re.compile(r"<ul>.*?</ul>", re.S)
    assert [strip.sub("", s) for s in sections(direct)] == [strip.sub("", s) for s in sections(from_file)]
    views, clusters = from_records([json.loads(line) for line in jsonl.splitlines()])
    assert len(views) == 5 and [len(c.members) for c in clusters] == [2]


def test_unreadable_files_are_shown_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "in" / "page.txt").write_text(HOSTILE)
    result = runner.invoke(app, ["report", str(tmp_path / "in"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "image.txt" in result.stderr
    assert 'class="problem"' in (tmp_path / "r.html").read_text()


def test_usage_errors() -> None:
    assert runner.invoke(app, ["report"]).exit_code == 2
    assert runner.invoke(app, ["report", SEEDS, "--jsonl", "x.jsonl"]).exit_code == 2
    bad = runner.invoke(app, ["report", "--jsonl", "-"], input="not json\n")
    assert bad.exit_code == 2 and "-:1: not JSON" in bad.stderr


def test_diff_marks_what_a_copy_adds_and_leaves_out() -> None:
    assert _diff("the cat sat on the mat", "the black cat sat on a mat") == (
        'the <ins>black</ins> cat sat on <del class="diff">the</del> <ins>a</ins> mat'
    )


def test_a_run_of_dropped_paragraphs_with_one_reason_is_one_block_and_kept_ones_stay_apart() -> None:
    lines = (
        Line(0, 1, 1, "Home", False, "junk:nav"),
        Line(1, 2, 2, "News", False, "junk:nav"),
        Line(2, 3, 3, "Share", False, "junk:share"),
        Line(3, 5, 5, "First paragraph.", True, ""),
        Line(4, 7, 7, "Second paragraph.", True, ""),
    )
    page = render([FileView("a.txt", None, None, lines)], [], "test")
    items = re.findall(r'<ol class="lines">(.*?)</ol>', page, re.S)[0]
    assert re.findall(r"<li[^>]*>(.*?)</li>", items, re.S) == [
        "Home\nNews",
        "Share",
        "First paragraph.",
        "Second paragraph.",
    ]
    assert '<li class="d" data-l="1" data-r="junk:nav" title="junk:nav">' in items and '<li data-l="7">' in items
