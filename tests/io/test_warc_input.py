"""A WARC file's HTML responses are cleaned as the same pages in files would be."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app

pytest.importorskip("warcio", reason="the warc extra is not installed (pip install -e '.[test]')")
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "https://news.example.invalid/tech/heise?id=1": ROOT / "fixtures" / "dev-heise-html" / "input.html",
    "https://news.example.invalid/world/lemonde": ROOT / "fixtures" / "dev-lemonde-1-html" / "input.html",
}
runner = CliRunner()


def crawl(path: Path, gzip: bool) -> Path:
    """A WARC like a crawler's: a warcinfo, a request and a response per page, and an image."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))
        for uri, page in PAGES.items():
            writer.write_record(
                writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers)
            )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        png = io.BytesIO(b"\x89PNG\r\n\x1a\n")
        writer.write_record(
            writer.create_warc_record("https://news.example.invalid/a.png", "response", payload=png, http_headers=image)
        )
    return path


def records(*arguments: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["clean", *arguments, "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("gzip", [True, False])
def test_each_html_response_is_an_input_with_the_verdicts_of_the_same_file(tmp_path: Path, gzip: bool) -> None:
    warc = crawl(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip)
    from_warc = records(str(warc))
    from_files = records(*map(str, PAGES.values()))
    assert [r["path"] for r in from_warc] == [f"{warc}#{uri}" for uri in PAGES]
    assert [r["text"] for r in from_warc] == [r["text"] for r in from_files]
    assert all(r["input_kind"] == "html" for r in from_warc)


def test_responses_write_outputs_by_host_and_path(tmp_path: Path) -> None:
    warc = crawl(tmp_path / "crawl.warc.gz", gzip=True)
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(warc), "-o", str(out), "-q"]).exit_code == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == ["crawl/news.example.invalid/tech/heise?id=1.txt", "crawl/news.example.invalid/world/lemonde.txt"]


def test_a_file_that_is_not_warc_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.warc").write_bytes(b"this is not a WARC file\n")
    result = runner.invoke(app, ["clean", str(tmp_path / "broken.warc"), "-q"])
    assert result.exit_code == 1 and "broken.warc: error: no HTML or text response in this WARC file" in result.stderr
