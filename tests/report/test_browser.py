"""The seeds' report as a person sees it: rendered by headless Chromium, with and without JavaScript."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (.ci/run installs Debian's chromium)")
GOLD = (ROOT / "fixtures" / "seed-001" / "gold.txt").read_text().split("\n\n")
# A scraped text (prose enough to stay text, not HTML) and a file name that try to run script in the report.
HOSTILE = "\n\n".join(
    [
        "Home",
        GOLD[0] + " <script>document.documentElement.setAttribute('data-pwned', 'script')</script>",
        GOLD[1] + " <img src=x onerror=\"document.documentElement.setAttribute('data-pwned', 'img')\">",
        *GOLD[2:],
        "© 2026",
    ]
)
HOSTILE_NAME = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','name')\">.txt"


def chromium(*arguments: str) -> str:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    (folder / "inputs").mkdir()
    (folder / "inputs" / HOSTILE_NAME).write_text(HOSTILE)
    out = folder / "report.html"
    result = CliRunner().invoke(app, ["report", str(ROOT / "seeds"), str(folder / "inputs"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_rendered_page_has_its_sections_and_no_injected_script_ran(report: Path) -> None:
    dom = chromium("--dump-dom", report.as_uri())
    root = re.search(r"<html[^>]*>", dom)
    assert root is not None and "data-pwned" not in root.group(0)
    for anchor in ["charts", "overview", "files", "clusters", "legend"]:
        assert f'id="{anchor}"' in dom
    assert dom.count("<svg") == 2 and dom.count("<tr>") >= 6 + 1
    assert "<button>File</button>" in dom  # the page's own script ran: the table sorts
    assert "&lt;script&gt;document.documentElement" in dom and "&lt;img src=x onerror=" in dom  # shown as text


def test_the_page_reads_the_same_without_javascript(report: Path, tmp_path: Path) -> None:
    # The same page with its own script forbidden too (what a browser with JavaScript off shows).
    page = re.sub(r"script-src '[^']+'", "script-src 'none'", report.read_text())
    blocked = tmp_path / "no-script.html"
    blocked.write_text(page)
    dom = chromium("--dump-dom", blocked.as_uri())
    assert "<button>" not in dom and dom.count('<details id="f-') == 6 and 'id="c-1"' in dom
    assert dom.count("<tr>") == chromium("--dump-dom", report.as_uri()).count("<tr>")


def test_a_screenshot_is_kept(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "seeds-report.png"
    chromium("--window-size=1280,1600", f"--screenshot={shot}", report.as_uri())
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
