"""A text file too large to be one page is read in parts, each cleaned as a page, in one part's memory."""

from __future__ import annotations

import io
import json
from pathlib import Path, PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.io import text_parts
from scrubnews.io.readers import discover, read
from scrubnews.io.sources import Source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
runner = CliRunner()


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(text_parts, "PART_BYTES", 4096)
    return 4096


def dump(folder: Path, copies: int = 3) -> Path:
    """The seeds one after another, as a crawl's text dump holds pages."""
    path = folder / "dump.txt"
    path.write_bytes(b"\n\n".join(seed.read_bytes() for seed in SEEDS * copies))
    return path


def parts_of(data: bytes) -> list[bytes]:
    handle, offset, parts = io.BytesIO(data), 0, []
    while part := text_parts._part(handle, offset):
        parts.append(part)
        offset += len(part)
    return parts


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab é€\n", max_size=3000))
def test_parts_are_the_file_cut_into_pieces_of_whole_characters(text: str) -> None:
    data = text.encode("utf-8")
    old, text_parts.PART_BYTES = text_parts.PART_BYTES, 64
    try:
        parts = parts_of(data)
    finally:
        text_parts.PART_BYTES = old
    assert b"".join(parts) == data
    assert all(0 < len(part) <= 64 for part in parts)
    for part in parts:
        part.decode("utf-8")  # no character is cut in two


def test_a_part_ends_at_a_blank_line_then_a_line_end_then_a_space(small_parts: int) -> None:
    line = b"word " * 50 + b"\n"  # 251 bytes
    blank_lines = (line + b"\n") * 40
    assert parts_of(blank_lines)[0].endswith(b"\n\n")
    assert parts_of(line * 40)[0].endswith(b"\n")
    assert parts_of(b"word " * 2000)[0].endswith(b" ")


def test_only_large_text_files_are_read_in_parts(tmp_path: Path, small_parts: int) -> None:
    big, small = dump(tmp_path), tmp_path / "small.txt"
    small.write_bytes(SEEDS[0].read_bytes()[:1000])
    html = tmp_path / "page.html"
    html.write_text("<!DOCTYPE html><html><body>" + "<p>x</p>" * 2000 + "</body></html>")
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes(SEEDS[0].read_text().encode("utf-16-le") * 4)
    assert text_parts.is_records(big)
    assert not any(text_parts.is_records(path) for path in (small, html, utf16, tmp_path / "missing.txt"))


def test_discover_names_each_part_and_reads_it_back(tmp_path: Path, small_parts: int) -> None:
    path = dump(tmp_path)
    sources = discover([str(path)])
    assert len(sources) > 3
    assert [s.display for s in sources[:2]] == [f"{path}#1", f"{path}#2"]
    assert sources[1].relative == PurePath("dump/2")
    assert b"".join(read(source).raw for source in sources) == path.read_bytes()
    assert text_parts.one_file(sources)
    assert not text_parts.one_file([*sources, Source("other.txt", PurePath("other.txt"), "other.txt", path)])


def test_a_file_over_the_size_cap_is_skipped_whole_not_in_parts(tmp_path: Path, small_parts: int) -> None:
    path = dump(tmp_path)
    sources = discover([str(path)], max_bytes=path.stat().st_size - 1)
    assert [s.display for s in sources] == [str(path)]
    assert "larger than" in (read(sources[0], path.stat().st_size - 1).problem or "")


def test_clean_prints_the_parts_as_one_input_and_writes_each_to_out(tmp_path: Path, small_parts: int) -> None:
    path = dump(tmp_path)
    n = len(discover([str(path)]))
    result = runner.invoke(app, ["clean", str(path), "--jobs", "1", "--allow-empty"])
    assert result.exit_code == 0, result.output
    assert "==>" not in result.stdout  # one input: its articles alone, as for one file
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(path), "--jobs", "1", "-q", "--out", str(out), "--allow-empty"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "dump").iterdir()) == sorted(f"{k}.txt" for k in range(1, n + 1))
    result = runner.invoke(app, ["clean", str(path), "--jobs", "1", "-q", "--format", "jsonl", "--dedup", "off"])
    ids = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert ids == [f"{path}#{k}" for k in range(1, n + 1)]


def test_explain_takes_one_part_by_name(tmp_path: Path, small_parts: int) -> None:
    path = dump(tmp_path)
    result = runner.invoke(app, ["explain", f"{path}#2", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0].split()
    assert first[0] == "1"  # lines counted from the part's first line


def test_a_part_that_cannot_be_read_is_one_line_and_the_rest_go_on(
    tmp_path: Path, small_parts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dump(tmp_path)
    n = len(discover([str(path)]))
    real = text_parts.read_bytes

    def flaky(source: Source) -> bytes:
        if source.display.endswith("#2"):
            raise OSError(5, "Input/output error")
        return real(source)

    monkeypatch.setattr(text_parts, "read_bytes", flaky)
    result = runner.invoke(app, ["clean", str(path), "--jobs", "1", "-q", "--format", "jsonl", "--dedup", "off"])
    assert result.exit_code == 1
    assert f"{path}#2: error: cannot read: Input/output error" in result.stderr
    assert len(result.stdout.splitlines()) == n


def test_a_real_run_on_a_dump_over_the_part_size(tmp_path: Path) -> None:
    """As a user runs it: a text file over 1 MiB, cleaned in parts by a real process."""
    import subprocess
    import sys

    page = b"\n\n".join(seed.read_bytes() for seed in SEEDS)
    path = tmp_path / "dump.txt"
    path.write_bytes(b"\n\n".join([page] * (text_parts.PART_BYTES // len(page) + 2)))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "scrubnews", "clean", str(path), "--out", str(out), "-q", "--dedup", "off"]
    result = subprocess.run([*command, "--jobs", "1"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "dump").iterdir()) == ["1.txt", "2.txt"]
