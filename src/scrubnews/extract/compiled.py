"""Which build of the hot path runs: the compiled extension or the same source as Python.

The modules in ``HOT`` are plain Python written in Cython's pure-Python mode.
``pip install .`` compiles each into an extension module next to its source
(``setup.py``); where no compiler is found the install still succeeds and the
source runs as Python, with the same output. ``SCRUBNEWS_PURE=1`` in the
environment runs the Python source even where the extension was built.

Callers reach a hot module through ``load`` rather than a plain import, so
that the choice is made in one place.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
from functools import cache
from pathlib import Path
from types import ModuleType

from scrubnews import __version__

# Compiled by setup.py, which reads this line.
HOT = ("scrubnews.extract.kernels", "scrubnews.extract.dom_walk")
PURE_VARIABLE = "SCRUBNEWS_PURE"


def pure_forced() -> bool:
    """True when the environment asks for the Python source (``SCRUBNEWS_PURE`` set and not "0")."""
    return os.environ.get(PURE_VARIABLE, "") not in ("", "0")


def _spec(name: str) -> importlib.machinery.ModuleSpec:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return spec


def is_built(name: str) -> bool:
    """Whether the install compiled ``name`` (found as an extension module, without importing it)."""
    origin = _spec(name).origin or ""
    return origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def build() -> str:
    """What runs the hot path: "compiled" or "pure Python" (for ``scrubnews --version``)."""
    return "compiled" if not pure_forced() and all(is_built(name) for name in HOT) else "pure Python"


def version_line() -> str:
    """``scrubnews 0.2.0 (compiled)``, or ``(pure Python)``: what ``--version`` prints."""
    return f"scrubnews {__version__} ({build()})"


@cache
def load(name: str, pure: bool | None = None) -> ModuleType:
    """The hot module ``name``: its extension where built, else (or with ``pure``, which
    defaults to ``pure_forced()``) its Python source."""
    spec = _spec(name)
    if (pure_forced() if pure is None else pure) and is_built(name):
        source = Path(spec.origin or "").with_name(name.rpartition(".")[2] + ".py")
        found = importlib.util.spec_from_file_location(name, source)
        assert found is not None, source
        spec = found
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
