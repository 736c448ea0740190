"""How fast the report of 1,000 files opens in a browser.

    python benchmarks/report_load.py [--shared ../shared] [--files 1000] [--pages DIR]

Builds ``--files`` text files from the dev pages, or from the ``*.txt``
files of ``--pages`` (``../shared/seeds``: shorter, typical news files), as
``throughput.py`` does, writes their report with ``scrubnews report``, then loads it in
headless Chromium three times, to a screenshot of its first screen (parsed,
styled, laid out, painted, its script run; ``--dump-dom`` would add the time
to serialise the whole DOM back to text). The anchor is the same browser loading an empty page in
the same run; the figure is the best load minus the best empty load.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import build_corpus


def load_seconds(browser: str, url: str, shot: Path, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1280,1000",
                f"--screenshot={shot}",
                url,
            ],
            capture_output=True,
            check=True,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--pages", type=Path, help="a folder of *.txt pages to vary [extraction-dev]")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("no chromium installed")
    with tempfile.TemporaryDirectory() as tmp:
        pages = args.pages or args.shared / "data" / "extraction-dev"
        text_dir, _ = build_corpus(pages, Path(tmp), args.files, 0)
        report = Path(tmp) / "report.html"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "scrubnews", "report", str(text_dir), "-o", str(report), "-q"], check=False
        )
        written = time.perf_counter() - start
        blank = Path(tmp) / "blank.html"
        blank.write_text("<!doctype html><title>blank</title>")
        shot = Path(tmp) / "shot.png"
        empty = load_seconds(browser, blank.as_uri(), shot)
        full = load_seconds(browser, report.as_uri(), shot)
        print(f"report of {args.files} files: {report.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s")
        print(f"anchor  empty page in headless chromium : {empty:.2f} s")
        print(f"report  in headless chromium            : {full:.2f} s  ({full - empty:.2f} s more than an empty page)")


if __name__ == "__main__":
    main()
