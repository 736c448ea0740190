"""Compile the hot path (``scrubnews.extract.compiled.HOT``) with Cython; everything else is in pyproject.toml.

Each hot module is a plain ``.py`` file in Cython's pure-Python mode. Its
extension is ``optional``: where it cannot be compiled (no C compiler, no
Python headers) the install goes on without it and the module runs as
Python, with the same output.
"""

import ast
import sys
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


def hot_modules() -> tuple[str, ...]:
    """``HOT`` as ``src/scrubnews/extract/compiled.py`` declares it (read, not imported: nothing is installed yet)."""
    tree = ast.parse(Path("src/scrubnews/extract/compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "HOT" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise SystemExit("setup.py: no HOT in src/scrubnews/extract/compiled.py")


class OptionalBuildExt(build_ext):
    """Skips a hot module that cannot be compiled (no compiler, no Python headers): its source
    then runs as Python. setuptools' own ``optional`` does not catch every way a compiler fails."""

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # whatever the toolchain raised, the install goes on
            print(f"warning: {ext.name} was not compiled ({error}); it runs as Python", file=sys.stderr)


HOT = hot_modules()

setup(
    cmdclass={"build_ext": OptionalBuildExt},
    ext_modules=cythonize(
        [Extension(name, [f"src/{name.replace('.', '/')}.py"], optional=True) for name in HOT],
        compiler_directives={"language_level": 3, "boundscheck": False, "wraparound": False},
        quiet=True,
    ),
)
