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


def test_the_shared_profile_helper_names_the_work_it_timed(monkeypatch: pytest.MonkeyPatch) -> None:
    """text_speed.py, html_speed.py and throughput.py all print it: one signature for the three."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    try:
        from throughput import profile_top

        top = profile_top([b"a", b"bb"], lambda data: sorted(data * 1000), 5)
    finally:
        sys.modules.pop("throughput", None)
    assert top.splitlines()[0].lstrip().startswith("ncalls")
    assert "sorted" in top
