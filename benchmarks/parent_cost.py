"""What the main process of a parallel `clean` costs, next to its workers.

    python benchmarks/parent_cost.py [--shared ../shared] [--files 1500] [--jobs 2] [--dask]

Builds the text corpus of ``throughput.py`` (``--files`` variants of the
extraction-dev pages) and runs ``scrubnews clean DIR --format jsonl -o FILE``
in a fresh process for each of: dedup off and dedup flag, with ``--jobs 1``
and ``--jobs N`` (and ``--engine dask`` with ``--dask``). For each it reports
the wall time, the CPU of the main process and of its workers (both from
``getrusage``), and the main process's CPU a file past its start-up: the
difference from the same run on ``8 x --jobs`` of the files, over the
difference in files. The main process writes the output and, with dedup
on, runs the cross-file steps: when its cost a file reaches a worker's
divided by the number of workers, more workers stop helping.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import build_corpus  # the same corpus as the throughput figures

# Runs `clean` in this process and reports its own CPU and its children's.
_MEASURE = """
import json, resource, sys, time
from scrubnews.__main__ import main
if __name__ == "__main__":
    sys.argv = ["scrubnews", *sys.argv[1:]]
    start = time.perf_counter()
    try:
        main()
    except SystemExit:
        pass
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "wall": time.perf_counter() - start,
        "main": own.ru_utime + own.ru_stime,
        "workers": children.ru_utime + children.ru_stime,
    }))
"""


def measure(inputs: Path, out: Path, *options: str) -> dict[str, float]:
    command = [sys.executable, "-c", _MEASURE, "clean", str(inputs), "--format", "jsonl", "-q", "-o", str(out)]
    result = subprocess.run([*command, *options], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--files", type=int, default=1_500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--dask", action="store_true", help="also --engine dask (the dask extra)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text_dir, _ = build_corpus(args.shared / "data" / "extraction-dev", Path(tmp), args.files, 0)
        few = Path(tmp) / "few"  # enough files that --jobs is not cut down (8 a worker)
        few.mkdir()
        for path in sorted(text_dir.rglob("*.txt"))[: 8 * args.jobs]:
            shutil.copy(path, few / path.name)
        small = 8 * args.jobs
        print(f"{args.files} text files; a file's cost past start-up is taken against a run on {small} of them")
        print(f"{'run':<34} {'wall':>8} {'main CPU':>9} {'workers':>9} {'main a file':>12} {'vs -j 1':>8}")
        runs = [(dedup, ["--jobs", str(jobs)]) for dedup in ("off", "flag") for jobs in (1, args.jobs)]
        if args.dask:
            runs += [(dedup, ["--engine", "dask", "--jobs", str(args.jobs)]) for dedup in ("off", "flag")]
        serial: dict[str, float] = {}
        for dedup, options in runs:
            figures = measure(text_dir, Path(tmp) / "run.jsonl", "--dedup", dedup, *options)
            start_up = measure(few, Path(tmp) / "few.jsonl", "--dedup", dedup, *options)["main"]
            name = f"dedup {dedup}, {' '.join(options)}"
            serial.setdefault(dedup, figures["wall"])
            per_file = (figures["main"] - start_up) / (args.files - small) * 1000
            print(
                f"{name:<34} {figures['wall']:7.1f}s {figures['main']:8.2f}s {figures['workers']:8.2f}s"
                f" {per_file:9.2f} ms {serial[dedup] / figures['wall']:7.2f}x"
            )


if __name__ == "__main__":
    main()
