"""A stand-in for the ``cython`` module where Cython is not installed.

The hot-path modules (``compiled.HOT``) are written in Cython's pure-Python
mode: their types are ``cython.double``, ``cython.Py_ssize_t`` and the like,
and a few decorators tune the compiled loops. Cython is a build requirement,
not a run-time one, so where a module runs as Python without Cython
installed, it imports this instead. Annotations are never evaluated at run
time (``from __future__ import annotations``), so only ``compiled`` and the
decorators are needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

compiled = False


def _directive(*_args: object, **_kwargs: object) -> Callable[[_F], _F]:
    def unchanged(function: _F) -> _F:
        return function

    return unchanged


boundscheck = wraparound = cdivision = initializedcheck = _directive


def cfunc(function: _F) -> _F:
    return function


inline = cfunc
