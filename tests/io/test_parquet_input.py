"""A Parquet file's rows are cleaned as the same pages in files would be, a row group at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app

pa = pytest.importorskip("pyarrow", reason="the parquet extra is not installed (pip install -e '.[test]')")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").iterdir())
HTML = ROOT / "fixtures" / "dev-heise-html" / "input.html"
runner = CliRunner()


def dataset(path: Path) -> Path:
    """Seeds as text rows, one HTML row, one empty row; row groups of two rows, so reads cross groups."""
    rows = [{"id": seed.stem, "text": seed.read_text(), "html": None} for seed in SEEDS]
    rows += [{"id": "heise/page", "text": None, "html": HTML.read_text()}, {"id": "empty", "text": "", "html": None}]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2)
    return path


def records(*arguments: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["clean", *arguments, "--format", "jsonl", "-q"])
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_each_row_is_an_input_with_the_verdicts_of_the_same_file(tmp_path: Path) -> None:
    path = dataset(tmp_path / "pages.parquet")
    from_rows = records(str(path))
    from_files = [*records(*map(str, SEEDS)), *records(str(HTML))]  # inputs in name order: HTML's would come first
    assert [r["path"] for r in from_rows] == [
        *(f"{path}#{s.stem}" for s in SEEDS),
        f"{path}#heise/page",
        f"{path}#empty",
    ]
    assert [r["text"] for r in from_rows[:6]] == [r["text"] for r in from_files]
    assert from_rows[6]["text"] == "" and from_rows[6]["paragraphs"] == []  # as an empty file is


def test_an_empty_html_column_falls_back_to_text_and_the_file_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pages.parquet"
    rows = [{"id": "a", "html": "", "text": SEEDS[0].read_text()}, {"id": "b", "html": None, "text": None}]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=1)
    opened: list[IO[bytes]] = []
    real_open = Path.open

    def open_and_count(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        if self == path:
            opened.append(handle)
        return handle

    monkeypatch.setattr(Path, "open", open_and_count)
    from_rows = records(str(path))
    assert len(opened) == 3 and all(handle.closed for handle in opened)  # the ids, then each row group
    assert from_rows[0]["text"] == records(str(SEEDS[0]))[0]["text"]
    assert from_rows[1]["error"] == 'a row without "html" or "text"; skipped'


def test_rows_write_outputs_and_a_file_without_a_content_column_is_named(tmp_path: Path) -> None:
    path = dataset(tmp_path / "pages.parquet")
    out = tmp_path / "out"
    runner.invoke(app, ["clean", str(path), "-o", str(out), "-q"])
    assert len(list((out / "pages").rglob("*.txt"))) == 7  # the empty row's output is empty, as an empty file's
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "x"}]), tmp_path / "other.parquet")
    result = runner.invoke(app, ["clean", str(tmp_path / "other.parquet"), "-q"])
    assert result.exit_code == 1 and 'no "html" or "text" column' in result.stderr
