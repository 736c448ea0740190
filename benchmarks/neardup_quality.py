"""Near-duplicate quality on near-dup-dev, through the real `scrubnews dupes` command.

    python benchmarks/neardup_quality.py [--shared ../shared] [-- extra dupes options]

Writes one text file per `doc` of paragraphs.jsonl (one paragraph per line,
a blank line between), runs `scrubnews dupes DIR --format jsonl`, maps each
cluster member back to its paragraph id by file and line, and scores the
clusters with the shared scorer (pairwise P/R/F1, ARI, recall per kind of
copy).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def write_docs(paragraphs: Path, folder: Path) -> dict[tuple[str, int], str]:
    """One file per document; returns (file name, line) -> paragraph id."""
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in paragraphs.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_doc[row["doc"]].append(row)
    where: dict[tuple[str, int], str] = {}
    for doc, rows in sorted(by_doc.items()):
        name = doc.replace("/", "__") + ".txt"
        lines = []
        for row in rows:
            where[(name, len(lines) + 1)] = row["id"]
            # A paragraph is one line: fold any line break inside it.
            lines += [" ".join(row["text"].split()), ""]
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("extra", nargs="*", help="options passed on to scrubnews dupes")
    args = parser.parse_args()
    bench = args.shared / "data" / "near-dup-dev"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docs = tmp / "docs"
        docs.mkdir()
        where = write_docs(bench / "paragraphs.jsonl", docs)
        result = subprocess.run(
            [sys.executable, "-m", "scrubnews", "dupes", str(docs), "--format", "jsonl", "-q", *args.extra],
            check=True,
            capture_output=True,
            text=True,
        )
        predictions = tmp / "pred.jsonl"
        with predictions.open("w", encoding="utf-8") as out:
            for line in result.stdout.splitlines():
                cluster = json.loads(line)
                if cluster["kind"] == "repeat":
                    continue  # repeats inside one file are boilerplate signals, not sources agreeing
                for member in cluster["members"]:
                    key = (Path(member["path"]).name, member["line_start"])
                    out.write(json.dumps({"id": where[key], "cluster": cluster["cluster"]}) + "\n")
        subprocess.run(
            [sys.executable, str(args.shared / "tools" / "score_neardup.py"), str(predictions), "--bench", str(bench)],
            check=True,
        )


if __name__ == "__main__":
    main()
