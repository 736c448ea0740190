"""`clean --format parquet`: the JSONL records as Parquet rows, with a schema derived from the same declaration."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.io.schema import DocumentRecord

pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "seeds"), str(ROOT / "fixtures" / "dev-heise-html" / "input.html")]
runner = CliRunner()


def without_nulls(value: Any) -> Any:
    """JSONL leaves optional fields out where Parquet's columns hold null: compare them alike."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


@pytest.mark.parametrize("dedup", ["flag", "drop"])
def test_parquet_rows_are_the_jsonl_records(dedup: str) -> None:
    parquet = runner.invoke(app, ["clean", *INPUTS, "--format", "parquet", "-q", "--dedup", dedup])
    assert parquet.exit_code == 0, parquet.stderr
    table = pq.read_table(io.BytesIO(parquet.stdout_bytes))
    jsonl = runner.invoke(app, ["clean", *INPUTS, "--format", "jsonl", "-q", "--dedup", dedup])
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert table.column_names == list(DocumentRecord.__annotations__)
    assert [without_nulls(row) for row in table.to_pylist()] == [without_nulls(r) for r in records]
    assert any(p.get("duplicates") for r in records for p in r["paragraphs"]) or dedup == "drop"


def test_parquet_to_out_file_is_the_same_table_as_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "run.parquet"
    to_file = runner.invoke(app, ["clean", *INPUTS, "--format", "parquet", "-q", "-o", str(target)])
    to_stdout = runner.invoke(app, ["clean", *INPUTS, "--format", "parquet", "-q"])
    assert to_file.exit_code == to_stdout.exit_code == 0
    assert pq.read_table(target).to_pylist() == pq.read_table(io.BytesIO(to_stdout.stdout_bytes)).to_pylist()
