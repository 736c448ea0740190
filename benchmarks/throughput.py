"""Files per second for text and HTML input, against trafilatura on the same HTML.

    python benchmarks/throughput.py [--shared ../shared] [--repeat 3]

All figures come from one run on one machine, so compare the ratios, not
the absolute numbers: the anchor is trafilatura's `extract` on the same
HTML pages, measured in the same process right before scrubnews.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

import trafilatura

from scrubnews import Config, clean_bytes


def rate(files: list[bytes], work: object, repeat: int) -> float:
    """Best files/s over ``repeat`` passes (the least disturbed pass)."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for data in files:
            work(data)  # type: ignore[operator]
        best = max(best, len(files) / (time.perf_counter() - start))
    return best


def profile_top(files: list[bytes], work: object, top: int) -> str:
    """The profile's ``top`` entries (by own time) of ``work`` over ``files``, blank lines dropped."""
    profiler = cProfile.Profile()
    profiler.enable()
    for data in files:
        work(data)  # type: ignore[operator]
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())[-4000:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dev = args.shared / "data" / "extraction-dev"
    texts = [p.read_bytes() for p in sorted(dev.glob("*.txt"))]
    pages = [p.read_bytes() for p in sorted(dev.glob("*.html"))]
    config = Config()
    anchor = rate(pages, lambda b: trafilatura.extract(b.decode("utf-8")), args.repeat)
    html = rate(pages, lambda b: clean_bytes(b, config), args.repeat)
    text = rate(texts, lambda b: clean_bytes(b, config), args.repeat)
    print(f"anchor: trafilatura.extract on {len(pages)} HTML pages: {anchor:8.1f} files/s (1.00x)")
    print(f"scrubnews, HTML input:                          {html:8.1f} files/s ({html / anchor:.2f}x anchor)")
    print(f"scrubnews, text input ({len(texts)} pages):              {text:8.1f} files/s ({text / anchor:.2f}x anchor)")
    print(f"text mode is {text / html:.1f}x faster than HTML mode")


if __name__ == "__main__":
    main()
