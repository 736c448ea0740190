"""The command line: one thin module per group of commands, options shared in ``options``."""

from scrubnews.cli.main import app

__all__ = ["app"]
