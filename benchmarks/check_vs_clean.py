"""`scrubnews check` against `scrubnews clean` on the same 1,000 files.

    python benchmarks/check_vs_clean.py [--shared ../shared] [--files 1000]

The files are the extraction dev set's text pages and the seeds, repeated
until there are ``--files`` of them; each copy gets one line of its own so
no two files are identical (they are still near-copies, which both commands
must work through). Both commands run as real processes on the same folder,
`clean --out` first as the anchor; the figure is check's time as a ratio of
clean's (bar: about 2x at most). Then `check --jobs 2` against
`check --jobs 1` on the same folder (issue 28's bar: 1.5x on 2 cores), and
whether both give the same findings. Best of ``--repeat`` runs each.
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


def best_time(command: list[str], repeat: int) -> tuple[float, bytes]:
    """The best wall time of ``repeat`` runs of ``command``, and its standard output."""
    best, output = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        output = subprocess.run(command, check=False, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        best = min(best, time.perf_counter() - start)
    return best, output


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
        clean_s, _ = best_time([*scrub, "clean", str(batch), "--out", str(out), "-q", "--isolated"], args.repeat)
        shutil.rmtree(out, ignore_errors=True)
        check = [*scrub, "check", str(batch), "--isolated", "--output-format", "json-lines"]
        check_s, _ = best_time(check, args.repeat)
        one_s, one = best_time([*check, "--jobs", "1"], args.repeat)
        two_s, two = best_time([*check, "--jobs", "2"], args.repeat)
        print(f"{args.files} files")
        print(f"anchor  scrubnews clean --out : {clean_s:7.1f} s  ({args.files / clean_s:.0f} files/s)")
        print(f"scrubnews check               : {check_s:7.1f} s  ({args.files / check_s:.0f} files/s)")
        print(f"check / clean                 : {check_s / clean_s:.2f}x (bar: about 2x at most)")
        print(f"check --jobs 1 (anchor)       : {one_s:7.1f} s")
        print(f"check --jobs 2                : {two_s:7.1f} s  {one_s / two_s:.2f}x --jobs 1 (bar: 1.5x)")
        print(f"same findings                 : {one == two} ({len(one.splitlines())} findings)")


if __name__ == "__main__":
    main()
