"""Start-up: `scrubnews --version` and a one-file `clean --out`, each a process of its own.

    python benchmarks/startup.py [--rounds 15] [--against SRC ...]

Times both commands ``--rounds`` times and prints the median and the
fastest. With ``--against``, each SRC (a checkout's ``src`` folder, its
compiled kernel built in place) is timed in the same rounds, alternating
with this checkout, so a noisy machine treats all of them alike. Issue 25's
bars: ``--version`` 0.15 s, one text file 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SRC = HERE / "src"


def timed(argv: list[str], src: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's run reads cached bytecode
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def startup_times(trees: list[Path], page: Path, rounds: int) -> dict[tuple[Path, str], list[float]]:
    """Seconds of `--version` and of a one-file `clean --out` for each tree, the trees alternated round by round."""
    command = [sys.executable, "-m", "scrubnews"]
    times: dict[tuple[Path, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for tree in trees:  # a first run of each writes its bytecode cache
            timed([*command, "clean", str(page), "--out", out, "-q"], tree)
        for _ in range(rounds):
            for tree in trees:
                times.setdefault((tree, "--version"), []).append(timed([*command, "--version"], tree))
                run = [*command, "clean", str(page), "--out", out, "-q"]
                times.setdefault((tree, "clean one file"), []).append(timed(run, tree))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--against", type=Path, nargs="*", default=[], help="other src folders, timed alternately")
    args = parser.parse_args()
    page = sorted((args.shared / "seeds").glob("*.txt"))[0]
    trees = [SRC, *[path.resolve() for path in args.against]]
    times = startup_times(trees, page, args.rounds)
    print(f"| tree | command | median s | fastest s |  ({args.rounds} rounds, {page.name})")
    print("| --- | --- | ---: | ---: |")
    for (tree, what), values in times.items():
        print(f"| {tree} | {what} | {statistics.median(values):.3f} | {min(values):.3f} |")


if __name__ == "__main__":
    main()
