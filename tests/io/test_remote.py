"""Inputs and --out folders named by URL (fsspec), on fsspec's in-memory store."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import fsspec
import pytest
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.io.readers import discover

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").iterdir())
runner = CliRunner()


@pytest.fixture
def store() -> str:
    """A folder of its own in the memory store, holding the seeds, a record file and hidden files."""
    fs = fsspec.filesystem("memory")
    name = f"/crawl-{uuid.uuid4().hex[:8]}"
    for seed in SEEDS:
        fs.pipe(f"{name}/{seed.name}", seed.read_bytes())
    fs.pipe(f"{name}/.cache/seen.txt", b"not a page")
    fs.pipe(f"{name}/more/pages.jsonl", json.dumps({"id": "x1", "text": SEEDS[0].read_text()}).encode() + b"\n")
    return f"memory://{name}"


def key(url: str) -> str:
    """The memory store's own name for a URL."""
    return url.removeprefix("memory://")


def test_a_url_folder_is_listed_in_name_order_without_hidden_files(store: str) -> None:
    names = [s.display for s in discover([store])]
    assert names == [f"{store}/{s.name}" for s in SEEDS] + [f"{store}/more/pages.jsonl#x1"]


def test_pages_behind_a_url_come_out_as_the_same_files_do(store: str) -> None:
    remote = runner.invoke(app, ["clean", store, "--format", "jsonl", "-q", "--dedup", "off"])
    local = runner.invoke(app, ["clean", *map(str, SEEDS), "--format", "jsonl", "-q", "--dedup", "off"])
    assert remote.exit_code == 0 and local.exit_code == 0, remote.stderr
    remote_texts = [json.loads(line)["text"] for line in remote.stdout.splitlines()]
    local_texts = [json.loads(line)["text"] for line in local.stdout.splitlines()]
    assert remote_texts == [*local_texts, local_texts[0]]  # the record holds seed 0 again


def test_a_url_that_cannot_be_used_is_named_and_the_run_goes_on(store: str) -> None:
    result = runner.invoke(
        app, ["clean", f"{store}/{SEEDS[1].name}", "memory://no-such-folder/", "nosuchproto://x/y", "-q"]
    )
    assert result.exit_code == 1
    assert "memory://no-such-folder/: error: no such file or folder" in result.stderr
    assert "nosuchproto://x/y: error:" in result.stderr and "Traceback" not in result.stderr
    assert "Russia" in result.stdout


def test_out_under_a_url_writes_each_file_and_counts_stale_ones(store: str, tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    out = f"memory:///out-{uuid.uuid4().hex[:8]}"
    fs.pipe(f"{key(out)}/old.txt", b"from an earlier run")
    fs.pipe(f"{key(out)}/.keep", b"hidden: never touched")
    first = runner.invoke(app, ["clean", store, "-o", out, "--dedup", "off"])
    assert first.exit_code == 0, first.stderr
    local = runner.invoke(app, ["clean", store, "-o", str(tmp_path / "out"), "--dedup", "off", "-q"])
    assert local.exit_code == 0
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_text() for p in (tmp_path / "out").rglob("*.txt")}
    assert len(written) == len(SEEDS) + 1
    for relative, text in written.items():
        assert fs.cat(f"{key(out)}/{relative}").decode() == text
    assert "1 file in" in first.stderr and "old.txt" in first.stderr
    assert fs.exists(f"{key(out)}/old.txt")
    again = runner.invoke(app, ["clean", store, "-o", out, "--dedup", "off", "-q", "--remove-stale"])
    assert again.exit_code == 0
    assert not fs.exists(f"{key(out)}/old.txt") and fs.exists(f"{key(out)}/.keep")


def test_two_inputs_for_one_output_under_a_url_are_refused_before_any_work(store: str) -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{key(store)}/more/page.html", b"<html><body><p>Hi there.</p></body></html>")
    fs.pipe(f"{key(store)}/more/page.txt", b"Hi there.")
    result = runner.invoke(app, ["clean", store, "-o", "memory:///refused", "-q"])
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert not fs.exists("/refused")


def test_the_jsonl_stream_goes_to_a_url_whole(store: str) -> None:
    fs = fsspec.filesystem("memory")
    out = f"memory:///runs-{uuid.uuid4().hex[:8]}/run.jsonl"
    result = runner.invoke(app, ["clean", store, "-o", out, "-f", "jsonl", "-q"])
    piped = runner.invoke(app, ["clean", store, "-f", "jsonl", "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    assert fs.cat(key(out)).decode() == piped.stdout
