"""scrubnews: clean article text from noisy scraped news files."""

from scrubnews.config import Config
from scrubnews.document import Document, InputKind, Meta, Paragraph, Verdict
from scrubnews.errors import ScrubnewsError
from scrubnews.pipeline import clean, clean_bytes

__version__ = "0.1.0"

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
