"""scrubnews: clean article text from noisy scraped news files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from scrubnews.config import Config
    from scrubnews.document import Document, InputKind, Meta, Paragraph, Verdict
    from scrubnews.errors import ScrubnewsError
    from scrubnews.pipeline import clean, clean_bytes

# Imported on first use, so that `scrubnews --version` and `import scrubnews`
# stay fast (the pipeline pulls in numpy, jusText and the model).
_LAZY = {
    "Config": "scrubnews.config",
    "Document": "scrubnews.document",
    "InputKind": "scrubnews.document",
    "Meta": "scrubnews.document",
    "Paragraph": "scrubnews.document",
    "Verdict": "scrubnews.document",
    "ScrubnewsError": "scrubnews.errors",
    "clean": "scrubnews.pipeline",
    "clean_bytes": "scrubnews.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scrubnews' has no attribute {name!r}")


__all__ = [
    "Config",
    "Document",
    "InputKind",
    "Meta",
    "Paragraph",
    "ScrubnewsError",
    "Verdict",
    "__version__",
    "clean",
    "clean_bytes",
]
