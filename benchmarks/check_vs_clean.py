"""`scrubnews check` against `scrubnews clean` on the same 1,000 files.

    python benchmarks/check_vs_clean.py [--shared ../shared] [--files 1000]

The files are the extraction dev set's text pages and the seeds, repeated
until there are ``--files`` of them; each copy gets one line of its own so
no two files are identical (they are still near-copies, which both commands
must work through). Both commands run as real processes on the same folder,
`clean --out` first as the anchor; the figure is check's time as a ratio of
clean's (bar: about 2x at most). Best of ``--repeat`` runs each.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_batch(shared: Path, folder: Path, count: int) -> None:
    pages = sorted((shared / "data" / "extraction-dev").glob("*.txt")) + sorted((shared / "seeds").glob("*.txt"))
    for k in range(count):
        page = pages[k % len(pages)]
        text = page.read_text(encoding="utf-8")
        (folder / f"{k:04d}_{page.name}").write_text(f"Scraped copy {k}\n\n{text}", encoding="utf-8")


def best_time(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        batch = tmp / "batch"
        batch.mkdir()
        make_batch(args.shared, batch, args.files)
        scrub = [sys.executable, "-m", "scrubnews"]
        out = tmp / "out"
        clean_s = best_time([*scrub, "clean", str(batch), "--out", str(out), "-q", "--isolated"], args.repeat)
        shutil.rmtree(out, ignore_errors=True)
        check_s = best_time([*scrub, "check", str(batch), "--isolated", "--output-format", "jsonl"], args.repeat)
        print(f"{args.files} files")
        print(f"anchor  scrubnews clean --out : {clean_s:7.1f} s  ({args.files / clean_s:.0f} files/s)")
        print(f"scrubnews check               : {check_s:7.1f} s  ({args.files / check_s:.0f} files/s)")
        print(f"check / clean                 : {check_s / clean_s:.2f}x (bar: about 2x at most)")


if __name__ == "__main__":
    main()
