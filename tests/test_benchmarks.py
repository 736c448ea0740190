"""Every benchmark script imports (its helpers and libraries resolve), without running its measurements."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize("script", sorted(BENCHMARKS.glob("*.py")), ids=lambda path: path.name)
def test_the_benchmark_script_imports(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the scripts share helpers (throughput.py)
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:  # an optional anchor (boilerpy3, ...) that the test extra leaves out
        pytest.skip(f"{script.name} needs {error.name}")
    finally:
        sys.modules.pop("throughput", None)
    assert callable(getattr(module, "main", None))
