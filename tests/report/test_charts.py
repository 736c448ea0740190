"""The report's inline SVG charts."""

from __future__ import annotations

from scrubnews.report.charts import kept_dropped
from scrubnews.report.views import FileView, Line


def view(path: str) -> FileView:
    lines = (Line(0, 1, 1, "Home", False, "junk:nav"), Line(1, 3, 3, "The article.", True, ""))
    return FileView(path=path, title=None, problem=None, lines=lines)


def test_the_per_file_bars_are_labelled_with_file_names() -> None:
    """Issue 26, item 13: each bar says which file it is, every n-th one when they are many."""
    few = kept_dropped([view("in/a.txt"), view("in/b.html")])
    assert ">a.txt</text>" in few and ">b.html</text>" in few
    many = kept_dropped([view(f"in/page-{k:03d}.txt") for k in range(400)])
    labelled = [k for k in range(400) if f">page-{k:03d}.txt</text>" in many]
    assert labelled[0] == 0 and 1 < labelled[1] <= 10 and len(labelled) >= 30
    assert labelled == list(range(0, 400, labelled[1]))
    long = kept_dropped([view("in/" + "x" * 80 + ".txt")])
    assert ">" + "x" * 23 + "…</text>" in long
