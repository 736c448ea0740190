"""``python -m scrubnews``."""

from scrubnews.cli import app

app()
