"""One very large text file (a crawl's dump): time and peak memory of ``clean`` on it.

    python benchmarks/big_file.py [--shared ../shared] [--megabytes 200] [--jobs 2]

Writes one text file of ``--megabytes`` MB, the extraction-dev pages' text one
after another (again and again), and runs ``scrubnews clean FILE --max-bytes
... --out DIR`` on it in a fresh process, with dedup on (the default) and
off. A text file over ``io.text_parts.PART_BYTES`` is read in parts, each
cleaned as a page, so memory is that of a part or two whatever the file's
size. Peak memory is the largest sum of the resident memory of the command
and its workers, sampled every 0.1 s (the bar, issue 27: 1 GB). The anchor is
the same command on one 1 MB part of the file alone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil


def measured(command: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MB (the process and its children together) and exit status of ``command``."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        total = 0
        try:
            for member in [process, *process.children(recursive=True)]:
                total += member.memory_info().rss
        except psutil.Error:
            pass  # a worker that just ended
        peak = max(peak, total)
        time.sleep(0.1)
    return time.perf_counter() - start, peak / 2**20, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    pages = sorted((args.shared / "data" / "extraction-dev").rglob("*.txt"))
    pages = [p for p in pages if "gold" not in p.parts] or sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
    texts = [p.read_bytes() for p in pages]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big, part = tmp / "dump.txt", tmp / "part.txt"
        size, k = 0, 0
        with big.open("wb") as handle:
            while size < args.megabytes * 10**6:
                chunk = texts[k % len(texts)] + b"\n\n"
                handle.write(chunk)
                size, k = size + len(chunk), k + 1
        part.write_bytes(big.read_bytes()[: 2**20])
        print(f"{big.stat().st_size / 10**6:.0f} MB, {k:,} pages' text; --jobs {args.jobs}")
        print(f"{'run':34s} {'seconds':>8s} {'peak MB':>8s} {'exit':>5s}")
        for name, path, dedup in (
            ("one 1 MB part (anchor)", part, "flag"),
            ("whole file, dedup on", big, "flag"),
            ("whole file, dedup off", big, "off"),
        ):
            out = tmp / f"out-{dedup}-{path.stem}"
            command = [sys.executable, "-m", "scrubnews", "clean", str(path), "--out", str(out), "-q"]
            command += ["--max-bytes", str(path.stat().st_size), "--dedup", dedup, "--jobs", str(args.jobs)]
            command += ["--allow-empty"]
            seconds, peak, status = measured(command)
            print(f"{name:34s} {seconds:8.1f} {peak:8.0f} {status:5d}")


if __name__ == "__main__":
    main()
