"""The kernels this run uses: ``kernels``' compiled extension, or its Python source (``compiled.load``).

Extraction modules import ``kernels`` from here rather than the module
itself, so that ``SCRUBNEWS_PURE=1`` reaches every caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrubnews.extract.compiled import load

if TYPE_CHECKING:
    from scrubnews.extract import dom_walk, kernels
else:
    kernels = load("scrubnews.extract.kernels")
    dom_walk = load("scrubnews.extract.dom_walk")

__all__ = ["dom_walk", "kernels"]
