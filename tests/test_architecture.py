"""The house's shape (docs/architecture.md): imports run down the rooms, never back up, and never in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "scrubnews"
# The rooms, lowest first: a module may import its own room and the rooms below it.
ROOMS = (
    ("__init__", "config", "document", "errors", "reasons", "text"),  # __init__: its version; the API loads lazily
    ("io",),
    ("extract",),
    ("neardup",),
    ("run",),
    ("pipeline",),
    ("check", "report", "training"),
    ("cli",),
    ("__main__",),
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path, lazy: bool) -> set[str]:
    """The scrubnews modules ``path`` imports: at its top level, or (``lazy``) anywhere; never the
    ones under ``if TYPE_CHECKING``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        node
        for top in tree.body
        if isinstance(top, ast.If) and "TYPE_CHECKING" in ast.unparse(top.test)
        for node in ast.walk(top)
    }
    top_level = {
        node
        for top in tree.body
        if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for node in ast.walk(top)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if node in typing_only or (not lazy and node not in top_level):
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scrubnews"):
            names |= {
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module for a in node.names
            }
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("scrubnews")}
    return {name for name in names if name in MODULES}


def _room(module: str) -> int:
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else "__init__"
    return next(k for k, room in enumerate(ROOMS) if first in room)


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_even_counting_the_imports_inside_functions() -> None:
    """Counting lazy imports too, so that none is left only to dodge a circle."""
    graph = {module: _imports(path, lazy=True) for module, path in MODULES.items() if module != "scrubnews"}
    assert _circles(graph) == []


def test_imports_run_down_the_rooms_never_back_up() -> None:
    upward = [
        f"{module} -> {other}"
        for module, path in MODULES.items()
        for other in _imports(path, lazy=True)
        if module != "scrubnews" and _room(other) > _room(module)
    ]
    assert upward == []


def test_the_package_root_holds_the_vocabulary_and_the_api_only() -> None:
    root = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(root) <= 9, root
