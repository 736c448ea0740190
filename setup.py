"""Compile the hot path (``scrubnews.compiled.HOT``) with Cython; everything else is in pyproject.toml.

Each hot module is a plain ``.py`` file in Cython's pure-Python mode. Its
extension is ``optional``: where it cannot be compiled (no C compiler, no
Python headers) the install goes on without it and the module runs as
Python, with the same output.
"""

import ast
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup


def hot_modules() -> tuple[str, ...]:
    """``HOT`` as ``src/scrubnews/compiled.py`` declares it (read, not imported: nothing is installed yet)."""
    tree = ast.parse(Path("src/scrubnews/compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "HOT" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise SystemExit("setup.py: no HOT in src/scrubnews/compiled.py")


HOT = hot_modules()

setup(
    ext_modules=cythonize(
        [Extension(name, [f"src/{name.replace('.', '/')}.py"], optional=True) for name in HOT],
        compiler_directives={"language_level": 3, "boundscheck": False, "wraparound": False},
        quiet=True,
    )
)
