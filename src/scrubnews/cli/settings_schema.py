"""The settings file's schema, declared once: every key, its type and its range.

``load_settings`` reads ``[tool.scrubnews]`` through ``parse``; msgspec checks
the table against these declarations, and an error names the file, the key
and what was wrong. Python names are the keys with ``_`` for ``-``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import msgspec
import msgspec.inspect
from msgspec import Meta, Struct

from scrubnews.check.formats import OutputFormat
from scrubnews.config import DedupMode
from scrubnews.errors import ConfigError

Share = Annotated[float, Meta(ge=0, le=1)]
Positive = Annotated[int, Meta(ge=1)]
Patterns = list[str]


class CheckSettings(Struct, forbid_unknown_fields=True, rename="kebab", frozen=True):
    """``[tool.scrubnews.check]``: the gate."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    baseline: str | None = None
    output_format: OutputFormat | None = None
    min_words: Positive | None = None
    against: str | None = None


class FileSettings(Struct, forbid_unknown_fields=True, rename="kebab", frozen=True):
    """``[tool.scrubnews]``: reading and cleaning, for every command."""

    dedup: DedupMode | None = None
    jaccard: Share | None = None
    containment: Share | None = None
    encoding: str | None = None
    max_bytes: Positive | None = None
    max_lines: Positive | None = None
    include: Patterns | None = None
    extend_include: Patterns | None = None
    exclude: Patterns | None = None
    extend_exclude: Patterns | None = None
    respect_gitignore: bool | None = None
    check: CheckSettings = CheckSettings()


def parse(table: dict[str, Any], path: Path) -> FileSettings:
    """``table`` as settings, or a ConfigError naming ``path``, the key and the problem.

    >>> parse({"jaccard": 0.6, "check": {"min-words": 80}}, Path("x.toml")).check.min_words
    80
    >>> parse({"jaccard": 7}, Path("x.toml"))
    Traceback (most recent call last):
    scrubnews.errors.ConfigError: x.toml: setting 'jaccard' should be a number between 0 and 1, not 7
    """
    try:
        return msgspec.convert(table, FileSettings)
    except msgspec.ValidationError as error:
        raise ConfigError(f"{path}: {_explain(str(error), table)}") from None


def known_keys() -> list[str]:
    """Every key a settings file may hold, as it is spelt there."""
    keys = [f.encode_name for f in msgspec.structs.fields(FileSettings) if f.name != "check"]
    return keys + ["check." + f.encode_name for f in msgspec.structs.fields(CheckSettings)]


def _explain(message: str, table: dict[str, Any]) -> str:
    """msgspec's error, said from the declaration: the key, what it takes, what it got."""
    where = re.search(r" - at `\$\.?([^`]*)`$", message)
    path = [part for part in re.split(r"[.\[]", where.group(1)) if part and not part.endswith("]")] if where else []
    unknown = re.match(r"Object contains unknown field `([^`]*)`", message)
    if unknown:
        key = ".".join([*path, unknown.group(1)])
        return f"unknown setting '{key}' in [tool.scrubnews]; known: {', '.join(known_keys())}"
    value: Any = table
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    struct: Any = msgspec.inspect.type_info(FileSettings)
    for part in path[:-1]:
        struct = next(f.type for f in struct.fields if f.encode_name == part)
    field = next(f.type for f in struct.fields if f.encode_name == path[-1])
    return f"setting '{'.'.join(path)}' should be {_describe(field)}, not {_toml(value)}"


def _describe(kind: Any) -> str:
    """What a declared type takes, in words: "a number between 0 and 1", "one of flag, drop, off"."""
    inspect = msgspec.inspect
    if isinstance(kind, inspect.UnionType):
        return " or ".join(_describe(t) for t in kind.types if not isinstance(t, inspect.NoneType))
    if isinstance(kind, inspect.EnumType):
        return "one of " + ", ".join(member.value for member in kind.cls)
    if isinstance(kind, inspect.ListType):
        return f"a list of {_describe(kind.item_type).removeprefix('a ')}s"
    if isinstance(kind, inspect.BoolType):
        return "true or false"
    if isinstance(kind, inspect.StrType):
        return "a string"
    if isinstance(kind, inspect.IntType | inspect.FloatType):
        noun = "a whole number" if isinstance(kind, inspect.IntType) else "a number"
        if kind.ge is not None and kind.le is not None:
            return f"{noun} between {kind.ge:g} and {kind.le:g}"
        return f"{noun} of at least {kind.ge:g}" if kind.ge is not None else noun
    return "a table"


def _toml(value: Any) -> str:
    """A value as the settings file spells it."""
    return "true" if value is True else "false" if value is False else json.dumps(value)
