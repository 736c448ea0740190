"""The JSON that scrubnews writes matches the JSON Schema derived from its declarations (io/schema.py)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.io.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [str(p) for p in sorted((ROOT / "seeds").iterdir())]
runner = CliRunner()


def validator(command: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(command)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("dedup", ["flag", "drop"])
def test_clean_records_match_their_schema(dedup: str, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text((ROOT / "fixtures" / "dev-heise-html" / "input.html").read_text())
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["clean", *SEEDS, str(tmp_path), "--format", "jsonl", "-q", "--dedup", dedup])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(SEEDS) + 2
    check = validator("clean")
    for record in records:
        check.validate(record)
    assert any(p.get("duplicates") for r in records for p in r["paragraphs"]) or dedup == "drop"
    assert any(r["error"] for r in records) and any(r["input_kind"] == "html" for r in records)


def test_dupes_and_check_records_match_their_schemas(tmp_path: Path) -> None:
    clusters = runner.invoke(app, ["dupes", *SEEDS, "--format", "jsonl", "-q"]).stdout.splitlines()
    assert clusters
    for line in clusters:
        validator("dupes").validate(json.loads(line))
    (tmp_path / "stub.txt").write_text("Home\nNews\n")
    findings = json.loads(runner.invoke(app, ["check", *SEEDS, str(tmp_path), "--output-format", "json"]).stdout)
    assert findings
    for finding in findings:
        validator("check").validate(finding)


def test_the_schema_command_prints_each_schema() -> None:
    for command in ("clean", "dupes", "check"):
        result = runner.invoke(app, ["schema", command])
        assert result.exit_code == 0 and json.loads(result.stdout) == json_schema(command)
