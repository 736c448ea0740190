"""Extraction quality on the seeds and the extraction dev set, in one command.

    python benchmarks/quality.py [--shared ../shared] [--worst 5]

Runs `scrubnews clean --out` on each input set and scores the outputs with
the shared scorer (token P/R/F1 against the gold), printing the mean F1 of
each set next to its bar and the worst pages by name.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Issue 8 (text) and issue 9 (HTML) bars.
BARS = {"seeds": 0.97, "dev text": 0.95, "dev html": 0.97}


def clean(inputs: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "scrubnews", "clean", str(inputs), "--out", str(out), "-q", "--allow-empty"],
        check=True,
    )


def score(scorer: Path, out: Path, gold: Path) -> list[tuple[str, float]]:
    result = subprocess.run(
        [sys.executable, str(scorer), str(out), "--gold", str(gold), "--per-case"],
        check=True,
        capture_output=True,
        text=True,
    )
    cases = []
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] != "case":
            cases.append((parts[0], float(parts[3])))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    shared: Path = args.shared
    scorer = shared / "tools" / "score_extraction.py"
    dev = shared / "data" / "extraction-dev"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sets = {"seeds": (shared / "seeds", shared / "seeds-gold")}
        for kind, suffix in (("dev text", "txt"), ("dev html", "html")):
            folder = tmp / suffix
            folder.mkdir()
            for page in sorted(dev.glob(f"*.{suffix}")):
                shutil.copy(page, folder / page.name)
            sets[kind] = (folder, dev / "gold")
        for name, (inputs, gold) in sets.items():
            out = tmp / f"out-{name.replace(' ', '-')}"
            clean(inputs, out)
            cases = score(scorer, out, gold)
            mean = sum(f for _, f in cases) / len(cases)
            low = min(f for _, f in cases)
            verdict = "ok" if mean >= BARS[name] else "BELOW BAR"
            print(f"{name:9s} mean F1 {mean:.3f} (bar {BARS[name]:.2f}, {verdict})  min {low:.3f}  n={len(cases)}")
            for case, f1 in sorted(cases, key=lambda c: c[1])[: args.worst]:
                print(f"    {case:32s} {f1:.3f}")


if __name__ == "__main__":
    main()
