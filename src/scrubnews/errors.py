"""Errors the library raises; the CLI turns them into one-line messages."""


class ScrubnewsError(Exception):
    """Base class: every message says what went wrong and what to do next."""


class InputError(ScrubnewsError):
    """An input path is missing, unreadable, or not usable."""


class OutputError(ScrubnewsError):
    """The output location is unusable (inside an input, or colliding names)."""


class ConfigError(ScrubnewsError):
    """A setting has a bad value."""


class RecordError(InputError):
    """A record of a .jsonl, WARC or Parquet file that holds no page; the message says why."""


class SpoolError(ScrubnewsError):
    """The run's documents cannot be kept on disk for the cross-file steps (the temporary folder is
    full or cannot be written)."""
