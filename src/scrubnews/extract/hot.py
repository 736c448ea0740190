"""The kernels this run uses: ``kernels``' compiled extension, or its Python source (``compiled.load``).

Extraction modules import ``kernels`` (and the HTML render ``dom_walk``) from
here rather than the modules themselves, so that ``SCRUBNEWS_PURE=1``
reaches every caller. ``dom_walk`` is loaded when it is first asked for: a
run of text files never needs it.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from scrubnews.extract.compiled import load

if TYPE_CHECKING:
    from scrubnews.extract import dom_walk, kernels
else:
    kernels = load("scrubnews.extract.kernels")

    def __getattr__(name: str) -> ModuleType:
        if name != "dom_walk":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        try:
            module = globals()["dom_walk"] = load("scrubnews.extract.dom_walk")
        except AttributeError as error:  # raised from here, it would read "cannot import name"
            raise ImportError(f"scrubnews.extract.dom_walk did not load: {error}") from error
        return module


__all__ = ["dom_walk", "kernels"]
