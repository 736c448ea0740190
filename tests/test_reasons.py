"""One registry of reason codes: documented in docs/output.md, and each produced on some input."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.extract.phrases import CODES, READ_AS
from scrubnews.reasons import REASONS

ROOT = Path(__file__).resolve().parent.parent
GOLD = (ROOT / "fixtures" / "seed-001" / "gold.txt").read_text().split("\n\n")
# Codes no fixture happens to produce, each on a page made for it.
MADE = {
    "no-article": "Home\nNews\nSubscribe to our newsletter\nSign in\n",
    "teaser:marker": "\n\n".join(
        ["Home", "News", *GOLD, "Read more: Mayor unveils budget plan for the city", "© 2026"]
    ),
    "meta:title": "\n\n".join(["Council approves northern bus routes after two years of debate", *GOLD]),
    # A gallery's counter between two paragraphs: a hole no phrase names.
    "model:low-score": "\n".join(["Home", "News", *GOLD[:2], "Image 1 of 3", "Previous", "Next", *GOLD[2:], "© 2026"]),
}


def test_the_readme_documents_exactly_the_registered_codes() -> None:
    readme = (ROOT / "docs" / "output.md").read_text()
    start = readme.index("## Reason codes")
    end = readme.find("\n## ", start + 3)
    section = readme[start : end if end >= 0 else len(readme)]
    documented = set(re.findall(r"^\| `([a-z:-]+)`", section, re.M))
    documented |= {
        code
        for row in re.findall(r"^\| (`.*?`(?:, `.*?`)*) \|", section, re.M)
        for code in re.findall(r"`([a-z:-]+)`", row)
    }
    assert documented == set(REASONS)
    assert set(CODES) | set(READ_AS) <= set(REASONS)


def test_every_code_is_produced_and_nothing_else(tmp_path: Path) -> None:
    for code, page in MADE.items():
        (tmp_path / f"{code.replace(':', '-')}.txt").write_text(page)
    inputs = [str(ROOT / "seeds"), *map(str, sorted((ROOT / "fixtures").glob("*/input.*"))), str(tmp_path)]
    result = CliRunner().invoke(app, ["clean", *inputs, "--format", "jsonl", "-q", "--dedup", "drop"])
    produced = {r["reason"] for line in result.stdout.splitlines() for r in json.loads(line)["removed"]}
    assert produced == set(REASONS)
