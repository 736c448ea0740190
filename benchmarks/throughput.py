"""Throughput on a 20,000-file corpus built from the dev pages, against trafilatura and boilerpy3.

    python benchmarks/throughput.py [--shared ../shared] [--files 20000] [--html-files 1000] [--jobs 2]

Builds, in a temporary folder, ``--files`` text files from the
``extraction-dev`` text dumps (each a variant of one page: some lines left
out, and in one file of three a syndicated copy of another page's article
appended, so near-duplicate search has work) and ``--html-files`` copies of
the dev HTML pages. Then, in this one run on this machine:

* anchors, in this process on the same pages: trafilatura ``extract`` on
  the HTML, boilerpy3's ``ArticleExtractor`` on the text (one ``<p>`` a
  line), files/s;
* ``scrubnews clean`` as a user runs it (a subprocess, JSONL to a pipe):
  text with ``--jobs 1`` and ``--jobs N``, dedup off and on; HTML with
  ``--jobs 1``; ``--engine dask`` (a local cluster of N workers, start-up
  included) when dask is installed: files/s, MB/s, peak memory;
* the cross-file steps' cost in ``clean`` (dedup flag less dedup off):
  kept paragraphs/s (``neardup_throughput.py`` measures the MinHash and
  LSH engine alone);
* the profile's top entries for text mode (cProfile, one process).

Compare the ratios, not the absolute figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from scrubnews import Config, clean_bytes


def build_corpus(dev: Path, folder: Path, files: int, html_files: int, seed: int = 11) -> tuple[Path, Path]:
    """``files`` text variants and ``html_files`` HTML copies of the dev pages, under ``folder``."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))]
    golds = [p.read_text(encoding="utf-8") for p in sorted((dev / "gold").glob("*.txt"))] or texts
    pages = [p.read_bytes() for p in sorted(dev.glob("*.html"))]
    text_dir, html_dir = folder / "text", folder / "html"
    for k in range(files):
        lines = [line for line in texts[k % len(texts)].split("\n") if rng.random() > 0.05]
        if k % 3 == 0:
            lines += ["", "More from our partners", "", *rng.choice(golds).split("\n")[:12]]
        target = text_dir / f"{k // 1000:03d}" / f"{k:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    for k in range(html_files):
        target = html_dir / f"{k:05d}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pages[k % len(pages)])
    return text_dir, html_dir


def rate(files: list[bytes], work: object, repeat: int) -> float:
    """Best files/s over ``repeat`` passes (the least disturbed pass): text_speed.py and html_speed.py time with it."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for data in files:
            work(data)  # type: ignore[operator]
        best = max(best, len(files) / (time.perf_counter() - start))
    return best


def anchor_rate(work: object, inputs: list[object], seconds: float = 20.0) -> float:
    """Files/s of ``work`` over ``inputs`` (cycled for at least ``seconds``)."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for item in inputs:
            work(item)  # type: ignore[operator]
        done += len(inputs)
    return done / (time.perf_counter() - start)


def run_clean(folder: Path, *options: str, keep: list[str] | None = None) -> dict[str, float]:
    """One ``scrubnews clean`` over ``folder``: seconds, peak RSS (MB), files, kept paragraphs
    (whose texts go to ``keep`` when given)."""
    command = ["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "scrubnews", "clean", str(folder)]
    command += ["--format", "jsonl", "-q", *options]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds, peak_kb = result.stderr.strip().splitlines()[-1].split()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    if keep is not None:
        keep.extend(p["text"] for r in records for p in r["paragraphs"])
    return {
        "seconds": float(seconds),
        "peak_mb": int(peak_kb) / 1024,
        "files": len(records),
        "paragraphs": sum(len(r["paragraphs"]) for r in records),
    }


def profile_top(items: list[bytes], work: object, top: int = 10) -> str:
    """The ``top`` entries by own time of cProfile over ``work`` on each item (text_speed.py and
    html_speed.py print it too)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        work(item)  # type: ignore[operator]
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(lines[start : start + top + 1])


def megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--html-files", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    dev = args.shared / "data" / "extraction-dev"
    with tempfile.TemporaryDirectory() as tmp:
        text_dir, html_dir = build_corpus(dev, Path(tmp), args.files, args.html_files)
        text_mb, html_mb = megabytes(text_dir), megabytes(html_dir)
        print(f"corpus: {args.files} text files ({text_mb:.0f} MB), {args.html_files} HTML files ({html_mb:.0f} MB)")
        html_pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(dev.glob("*.html"))]
        text_pages = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))]
        trafilatura_rate = anchor_rate(trafilatura.extract, html_pages)  # type: ignore[arg-type]
        print(f"anchor  trafilatura extract on the HTML : {trafilatura_rate:8.1f} files/s (one core)")
        boilerpy_rate = None
        if importlib.util.find_spec("boilerpy3") is not None:
            from boilerpy3 import extractors

            article = extractors.ArticleExtractor(raise_on_failure=False)
            as_html = [
                "<html><body>" + "".join(f"<p>{line}</p>" for line in t.split("\n")) + "</body></html>"
                for t in text_pages
            ]
            boilerpy_rate = anchor_rate(article.get_content, as_html)  # type: ignore[arg-type]
            print(f"anchor  boilerpy3 on the text            : {boilerpy_rate:8.1f} files/s (one core)")
        else:
            print("anchor  boilerpy3: not installed (pip install boilerpy3)")
        runs = {
            "text, dedup off, --jobs 1": (text_dir, ["--dedup", "off", "--jobs", "1"], text_mb),
            f"text, dedup off, --jobs {args.jobs}": (text_dir, ["--dedup", "off", "--jobs", str(args.jobs)], text_mb),
            f"text, dedup flag, --jobs {args.jobs}": (text_dir, ["--dedup", "flag", "--jobs", str(args.jobs)], text_mb),
            "html, dedup off, --jobs 1": (html_dir, ["--dedup", "off", "--jobs", "1"], html_mb),
        }
        if importlib.util.find_spec("distributed") is not None:
            dask = ["--engine", "dask", "--jobs", str(args.jobs)]
            runs[f"text, dedup off, --engine dask ({args.jobs} workers)"] = (
                text_dir,
                ["--dedup", "off", *dask],
                text_mb,
            )
            runs[f"text, dedup flag, --engine dask ({args.jobs} workers)"] = (
                text_dir,
                ["--dedup", "flag", *dask],
                text_mb,
            )
        figures = {}
        paragraphs: list[str] = []
        for name, (folder, options, mb) in runs.items():
            figures[name] = run_clean(
                folder, *options, keep=paragraphs if name == "text, dedup off, --jobs 1" else None
            )
            f = figures[name]
            rate = f["files"] / f["seconds"]
            print(
                f"scrubnews {name:44s}: {rate:8.1f} files/s {mb / f['seconds']:6.2f} MB/s "
                f"{f['seconds']:7.1f} s  peak {f['peak_mb']:6.0f} MB"
            )
        one = figures["text, dedup off, --jobs 1"]
        many = figures[f"text, dedup off, --jobs {args.jobs}"]
        html = figures["html, dedup off, --jobs 1"]
        print(f"text --jobs 1 vs trafilatura        : {one['files'] / one['seconds'] / trafilatura_rate:.2f}x")
        if boilerpy_rate:
            print(f"text --jobs 1 vs boilerpy3          : {one['files'] / one['seconds'] / boilerpy_rate:.2f}x")
        print(f"html --jobs 1 vs trafilatura        : {html['files'] / html['seconds'] / trafilatura_rate:.2f}x")
        print(f"--jobs {args.jobs} vs --jobs 1               : {one['seconds'] / many['seconds']:.2f}x")
        dask_name = f"text, dedup off, --engine dask ({args.jobs} workers)"
        if dask_name in figures:
            print(
                f"dask vs local --jobs {args.jobs}            : {many['seconds'] / figures[dask_name]['seconds']:.2f}x"
            )
            # With dedup on, the documents wait on the workers between the passes and the search
            # runs there as a shuffle: the client holds each compared paragraph's place. The peak
            # is the run's largest process (``/usr/bin/time``): a worker, or the client.
            flag_dask = figures[f"text, dedup flag, --engine dask ({args.jobs} workers)"]
            flag_local = figures[f"text, dedup flag, --jobs {args.jobs}"]
            print(
                f"dask vs local, dedup flag           : {flag_local['seconds'] / flag_dask['seconds']:.2f}x, "
                f"peak of the largest process {flag_dask['peak_mb']:.0f} MB against {flag_local['peak_mb']:.0f} MB"
            )
        # The cross-file steps' cost in clean itself (shared template lines, near-duplicates, spooling):
        # the dedup-on run less the dedup-off run at the same --jobs, per kept paragraph. (find_matches
        # alone would meet every identical copy, which the dedup stage collapses first.)
        flag = figures[f"text, dedup flag, --jobs {args.jobs}"]
        print(
            f"near-duplicate step in clean        : {len(paragraphs) / (flag['seconds'] - many['seconds']):8.0f} "
            f"paragraphs/s ({len(paragraphs)} kept paragraphs; dedup flag less dedup off, --jobs {args.jobs})"
        )
        sample = [p.read_bytes() for p in sorted(text_dir.rglob("*.txt"))[:300]]
        print("profile, text mode, 300 files (tottime):")
        config = Config()
        print(profile_top(sample, lambda data: clean_bytes(data, config)))


if __name__ == "__main__":
    main()
