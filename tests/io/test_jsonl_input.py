"""Pages packed one a line in a .jsonl file are cleaned as the same pages in files would be."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from scrubnews.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").iterdir())
HTML = ROOT / "fixtures" / "dev-heise-html" / "input.html"
runner = CliRunner()


def crawl(folder: Path) -> Path:
    path = folder / "crawl.jsonl"
    lines = [
        json.dumps({"id": seed.stem, "text": seed.read_text(), "url": f"https://example.invalid/{k}"})
        for k, seed in enumerate(SEEDS)
    ]
    lines += [
        json.dumps({"id": "heise/page", "html": HTML.read_text()}),
        "not json",
        json.dumps({"id": "no-content"}),
        "",
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def records(*arguments: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["clean", *arguments, "--format", "jsonl", "-q"])
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_each_record_is_an_input_with_the_verdicts_of_the_same_file(tmp_path: Path) -> None:
    path = crawl(tmp_path)
    from_records = records(str(path))
    from_files = [*records(*map(str, SEEDS)), *records(str(HTML))]  # inputs in name order: HTML's would come first
    assert [r["path"] for r in from_records] == [
        *(f"{path}#{seed.stem}" for seed in SEEDS),
        f"{path}#heise/page",
        f"{path}#7",
        f"{path}#no-content",
    ]
    assert [r["text"] for r in from_records[:6]] == [r["text"] for r in from_files]
    assert from_records[5]["input_kind"] == "html"
    assert from_records[6]["error"] == "line 7 is not a JSON object"
    assert 'without a "text" or "html"' in str(from_records[7]["error"])


def test_records_write_one_output_each_under_the_file_s_name(tmp_path: Path) -> None:
    path = crawl(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 1  # two records could not be used; each is named on stderr
    assert f"{path}#7: error: line 7 is not a JSON object" in result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == sorted([*(f"crawl/{seed.stem}.txt" for seed in SEEDS), "crawl/heise/page.txt"])


def test_an_id_cannot_lead_an_output_out_of_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "evil.jsonl"
    path.write_text(json.dumps({"id": "../../escape", "text": SEEDS[0].read_text()}) + "\n")
    out = tmp_path / "out"
    runner.invoke(app, ["clean", str(path), "-o", str(out), "-q"])
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.txt")] == ["evil/escape.txt"]


def test_an_empty_html_field_is_no_html_the_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [{"id": "a", "html": "", "text": SEEDS[0].read_text()}, {"id": "b", "text": ""}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    a, b = records(str(path))
    assert a["text"] == records(str(SEEDS[0]))[0]["text"] != ""
    assert b["text"] == "" and b["paragraphs"] == []  # an empty page, as an empty file is
