"""Near-duplicate clusters of the seeds, against fixtures/seeds-dupes/."""

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from scrubnews.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_seed_links_are_exactly_the_gold_ones() -> None:
    gold = json.loads((ROOT / "fixtures/seeds-dupes/expected-links.json").read_text())
    result = runner.invoke(app, ["dupes", str(ROOT / "seeds"), "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    clusters = [json.loads(line) for line in result.stdout.splitlines()]
    across = [c for c in clusters if len({m["path"] for m in c["members"]}) > 1]
    seeds = {p.name: p.read_text().splitlines() for p in (ROOT / "seeds").iterdir()}
    found = set()
    for cluster in across:
        found.add(
            frozenset(
                (Path(m["path"]).name, seeds[Path(m["path"]).name][m["line_start"] - 1].lstrip()[:20])
                for m in cluster["members"]
            )
        )
    expected = {
        frozenset((link[side]["file"], link[side]["starts_with"][:20]) for side in ("a", "b")) for link in gold["links"]
    }
    assert found == expected
    assert across[0]["kind"] == "partial"
    assert across[0]["members"][0]["jaccard"] == 1.0


def test_dupes_output_is_deterministic() -> None:
    first = runner.invoke(app, ["dupes", str(ROOT / "seeds"), "--format", "jsonl", "-q"]).stdout
    second = runner.invoke(app, ["dupes", str(ROOT / "seeds"), "--format", "jsonl", "-q"]).stdout
    assert first == second and first


def test_dupes_text_names_files_and_lines() -> None:
    result = runner.invoke(app, ["dupes", str(ROOT / "seeds")])
    assert "002_d1e727f1559ece19.txt:10-10" in result.stdout
    assert "1 cluster across files" in result.stderr


def test_clean_jsonl_carries_links_and_drop_mode_drops() -> None:
    flagged = runner.invoke(app, ["clean", str(ROOT / "seeds"), "--format", "jsonl", "-q"])
    records = [json.loads(line) for line in flagged.stdout.splitlines()]
    linked = [p for r in records for p in r["paragraphs"] if p.get("duplicates")]
    assert len(linked) == 1  # the copy links to the original; the original carries the cluster
    clustered = [p for r in records for p in r["paragraphs"] if "cluster" in p]
    assert [(p["cluster"], p["cluster_size"]) for p in clustered] == [(1, 2), (1, 2)]
    assert {d["kind"] for p in linked for d in p["duplicates"]} == {"partial"}
    dropped = runner.invoke(app, ["clean", str(ROOT / "seeds"), "--format", "jsonl", "-q", "--dedup", "drop"])
    records = [json.loads(line) for line in dropped.stdout.splitlines()]
    reasons = [x["reason"] for r in records for x in r["removed"] if x["reason"].startswith("duplicate")]
    assert reasons == ["duplicate:partial"]


def test_thresholds_are_options() -> None:
    result = runner.invoke(app, ["dupes", str(ROOT / "seeds"), "--format", "jsonl", "-q", "--containment", "0.9"])
    assert result.stdout == ""
    assert runner.invoke(app, ["dupes", str(ROOT / "seeds"), "--jaccard", "2"]).exit_code == 2


def test_dupes_starts_with_the_file_level_answer(tmp_path: Path) -> None:
    """Issue 26, item 11: one wholly copied article is one line first, not only paragraph clusters."""
    text = (Path(__file__).resolve().parents[2] / "seeds" / "000_a73d2f151c4a8d19.txt").read_text()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text("Menu\n\n" + text)
    result = CliRunner().invoke(app, ["dupes", str(tmp_path), "-q"])
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(rf"{re.escape(str(tmp_path / 'b.txt'))}: (\d+) of \1 paragraphs copied from .*a\.txt", first), (
        first
    )
