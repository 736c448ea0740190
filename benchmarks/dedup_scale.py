"""Near-duplicate search at scale: many copies of few texts, dedup on against dedup off.

    python benchmarks/dedup_scale.py [--shared ../shared] [--files 3000] [--texts 38]

Writes ``--files`` text files, each a copy of one of ``--texts`` extraction-dev
pages (with its own first line, so no two files are identical), and runs
``scrubnews clean DIR --format jsonl -q`` on them twice in one run: with
``--dedup flag`` and with ``--dedup off`` (the anchor). Reports wall time,
peak memory of the process and the size of the JSONL for each, and the
ratios. With copies collapsed onto their first occurrence, time and output
grow linearly with the number of copies.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def run(folder: Path, dedup: str) -> tuple[float, float, int]:
    """Seconds, peak MB and JSONL bytes of one ``clean`` run in a fresh process."""
    command = [sys.executable, "-m", "scrubnews", "clean", str(folder), "--format", "jsonl", "-q", "--dedup", dedup]
    script = (
        "import resource, subprocess, sys, time;"
        "start = time.perf_counter();"
        f"out = subprocess.run({command!r}, capture_output=True).stdout;"
        "took = time.perf_counter() - start;"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024;"
        "print(took, peak, len(out))"
    )
    took, peak, size = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(took), float(peak), int(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--texts", type=int, default=38)
    args = parser.parse_args()
    pages = sorted((args.shared / "data" / "extraction-dev").glob("*.txt"))[: args.texts]
    texts = [page.read_text(encoding="utf-8") for page in pages]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.files):
            (folder / f"{n:06d}.txt").write_text(f"Saved copy {n}\n\n" + texts[n % len(texts)], encoding="utf-8")
        off = run(folder, "off")
        flag = run(folder, "flag")
    print(f"{args.files} files holding {len(texts)} texts (extraction-dev), one process each:")
    print(f"  --dedup off  (anchor) {off[0]:7.1f} s  {off[1]:7.0f} MB peak  {off[2] / 1e6:7.1f} MB of JSONL")
    print(f"  --dedup flag          {flag[0]:7.1f} s  {flag[1]:7.0f} MB peak  {flag[2] / 1e6:7.1f} MB of JSONL")
    time_ratio, memory_ratio, output_ratio = (flag[k] / off[k] for k in range(3))
    print(f"  ratios (flag / off):  time {time_ratio:.2f}x, memory {memory_ratio:.2f}x, output {output_ratio:.2f}x")


if __name__ == "__main__":
    main()
