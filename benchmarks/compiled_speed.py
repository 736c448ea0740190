"""Issue 25's measurement: `scrubnews clean` on extraction-dev x20 against trafilatura, both hot paths.

    python benchmarks/compiled_speed.py [--shared ../shared] [--copies 20] [--skip-html]

Writes ``--copies`` copies of the 70 extraction-dev pages (text and HTML)
to a temporary folder, then times, each as one process with its start-up,
in this one run: ``scrubnews clean DIR --out OUT --jobs 1`` on the text
files with ``--dedup off`` and with the defaults, and on the HTML files,
once on the build this install made and once with ``SCRUBNEWS_PURE=1``;
before the first kind of run and after each, trafilatura's ``extract``
(include_comments=False) over the HTML files (the anchor), a kind's ratios
taken against the mean of the two anchors on either side of it. Prints
seconds, files/s, the ratio to the anchor and each process's peak memory
(its maximum resident set). Compare the ratios, not the absolute figures:
the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrubnews.extract.compiled import PURE_VARIABLE, build

_ANCHOR = """
import sys
from pathlib import Path
import trafilatura
for path in sorted(Path(sys.argv[1]).iterdir()):
    trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False)
"""


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{argv} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def corpus(dev: Path, folder: Path, copies: int) -> tuple[Path, Path]:
    text, html = folder / "text", folder / "html"
    text.mkdir()
    html.mkdir()
    for page in sorted(dev.glob("*.txt")):
        source = page.with_suffix(".html")
        for copy in range(copies):
            shutil.copyfile(page, text / f"{page.stem}-{copy:02d}.txt")
            if source.exists():
                shutil.copyfile(source, html / f"{page.stem}-{copy:02d}.html")
    return text, html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--skip-html", action="store_true", help="leave out the (slow) HTML runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text, html = corpus(args.shared / "data" / "extraction-dev", Path(tmp), args.copies)
        n_text, n_html = len(list(text.iterdir())), len(list(html.iterdir()))
        print(f"{n_text} text files, {n_html} HTML files (extraction-dev x{args.copies})")
        print(f"{'run':58s} {'seconds':>8s} {'files/s':>8s} {'x anchor':>9s} {'peak MB':>8s}")
        runs = [("text, --dedup off", text, ["--dedup", "off"]), ("text, defaults", text, [])]
        if not args.skip_html:
            runs.append(("HTML, defaults", html, []))
        anchor_argv = [sys.executable, "-c", _ANCHOR, str(html)]
        anchor = timed(anchor_argv)
        _print_anchor(*anchor, n_html)
        for label, folder, extra in runs:
            measured = []
            for path, env in ((build(), {}), ("pure Python", {PURE_VARIABLE: "1"})):
                out = Path(tmp) / "out"
                argv = [sys.executable, "-m", "scrubnews", "clean", str(folder), "--out", str(out), "--jobs", "1", "-q"]
                seconds, mb = timed([*argv, *extra], env)
                shutil.rmtree(out, ignore_errors=True)
                measured.append((f"scrubnews clean {label} ({path})", seconds, mb))
            # The anchor again after each kind of run, and the kind's ratios against the mean of
            # the two on either side of it: the machine's speed drifts over the minutes a run
            # takes, and one anchor alone can meet a spell of another job's load.
            after = timed(anchor_argv)
            anchor_files_per_second = n_html / ((anchor[0] + after[0]) / 2)
            files = len(list(folder.iterdir()))
            for name, seconds, mb in measured:
                ratio = (files / seconds) / anchor_files_per_second
                print(f"{name:58s} {seconds:8.1f} {files / seconds:8.1f} {ratio:9.2f} {mb:8.0f}")
            _print_anchor(*after, n_html)
            anchor = after


def _print_anchor(seconds: float, mb: float, n_html: int) -> None:
    name = "trafilatura.extract on the HTML (anchor)"
    print(f"{name:58s} {seconds:8.1f} {n_html / seconds:8.1f} {1:9.2f} {mb:8.0f}", flush=True)


if __name__ == "__main__":
    main()
