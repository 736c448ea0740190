"""Settings from ``[tool.scrubnews]`` in pyproject.toml, or from scrubnews.toml.

The file is found by walking up from the first input's folder (the working
directory for stdin or a URL), as black finds its project: the first folder
holding a ``scrubnews.toml``, or a ``pyproject.toml`` with a
``[tool.scrubnews]`` table, wins. Command-line flags win over the file.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrubnews.config import DEFAULT_CONTAINMENT, DEFAULT_JACCARD, Config, DecodeConfig, DedupConfig, DedupMode
from scrubnews.errors import ConfigError
from scrubnews.io.readers import record_file
from scrubnews.io.remote import is_url
from scrubnews.io.sources import PAGE_KINDS, Walk

if TYPE_CHECKING:
    from scrubnews.cli.settings_schema import FileSettings


@dataclass(frozen=True, slots=True)
class Settings:
    """What the settings file says (``settings_schema.FileSettings``, validated); None: no file."""

    source: Path | None = None
    file: FileSettings | None = None
    # Where the search started: the first input's folder (``input_start``), or the working directory.
    start: Path | None = None

    def get(self, key: str, cli_value: Any, default: Any) -> Any:
        """The flag if given, else the file's setting ``key`` (its Python name), else ``default``."""
        if cli_value is not None:
            return cli_value
        value = getattr(self.file, key, None)
        return default if value is None else value

    def get_check(self, key: str, cli_value: Any, default: Any) -> Any:
        """The same for a ``[tool.scrubnews.check]`` setting."""
        if cli_value is not None:
            return cli_value
        value = getattr(self.file.check, key, None) if self.file is not None else None
        return default if value is None else value

    def resolve_path(self, value: str | None) -> Path | None:
        """A path from the file is relative to the file's folder."""
        if value is None:
            return None
        path = Path(value)
        if self.source is not None and not path.is_absolute():
            return self.source.parent / path
        return path


def find_settings(start: Path) -> Path | None:
    """The settings file that governs ``start``, or None."""
    for folder in [start, *start.parents]:
        own = folder / "scrubnews.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "scrubnews" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def project_root(start: Path | None = None) -> Path:
    """The project a run belongs to: the nearest folder, from ``start`` (``input_start``; the
    working directory by default) up, that holds ``pyproject.toml``, ``scrubnews.toml`` or ``.git``;
    else ``start`` itself. Baselines name files relative to it."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if any((folder / marker).exists() for marker in ("pyproject.toml", "scrubnews.toml", ".git")):
            return folder
    return here


def input_start(paths: Sequence[str]) -> Path:
    """Where a run's settings and project are looked for: the folder of its first input that is a
    local path (``scrubnews check ~/proj/scraped`` run from /tmp reads ``~/proj/pyproject.toml``, as
    black finds a project from the files it is given), else the working directory.

    >>> input_start(["-"]) == Path.cwd()
    True
    """
    for argument in paths:
        if argument == "-" or is_url(argument):
            continue
        path = Path(record_file(argument) or argument)  # FILE#ID names a record of FILE
        return (path if path.is_dir() else path.parent).resolve()
    return Path.cwd()


def load_settings(start: Path | None = None, isolated: bool = False, config: Path | None = None) -> Settings:
    """Read the settings that govern ``start`` (``input_start``; the working directory by default),
    or the file ``config`` names (``--config``).

    Raises ConfigError, naming the file and the key, for anything it does
    not understand: a misspelt key should not be silently ignored.
    """
    here = (start or Path.cwd()).resolve()
    if isolated:
        return Settings(start=here)
    if config is not None:
        if not config.is_file():
            raise ConfigError(f"--config {config}: no such settings file")
        path: Path | None = config.resolve()
    else:
        path = find_settings(here)
    if path is None:
        return Settings(start=here)
    data = _read(path)
    # pyproject.toml keeps them under [tool.scrubnews]; a file of our own may too, or at its top level.
    table = data.get("tool", {}).get("scrubnews", {}) if path.name == "pyproject.toml" or "tool" in data else data
    from scrubnews.cli.settings_schema import parse  # msgspec loads only when there is a file to read

    return Settings(source=path, file=parse(table, path), start=here)


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only a run with a settings file reads TOML (3 ms of start-up)

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read settings: {err}") from err


def config_from(
    settings: Settings,
    encoding: str | None,
    dedup: DedupMode | None,
    jaccard: float | None,
    containment: float | None,
    max_bytes: int | None = None,
) -> Config:
    """Flags, else the settings file, else the defaults."""
    dedup_config = DedupConfig(
        mode=DedupMode(settings.get("dedup", dedup, DedupMode.FLAG)),
        jaccard=float(settings.get("jaccard", jaccard, DEFAULT_JACCARD)),
        containment=float(settings.get("containment", containment, DEFAULT_CONTAINMENT)),
    )
    chosen = settings.get("encoding", encoding, None)
    source = "--encoding" if encoding is not None else f"{settings.source}: encoding"
    max_bytes = int(settings.get("max_bytes", max_bytes, DecodeConfig().max_bytes))  # ranges checked when loaded
    max_lines = int(settings.get("max_lines", None, DecodeConfig().max_lines))
    decode = DecodeConfig(encoding=valid_encoding(chosen, source), max_bytes=max_bytes, max_lines=max_lines)
    # --debug (the command line's callback sets it for the process, before any command runs)
    return Config(decode=decode, dedup=dedup_config, debug=bool(os.environ.get("SCRUBNEWS_DEBUG")))


def walk_from(
    settings: Settings,
    follow_links: bool,
    exclude: list[str] | None,
    extend_exclude: list[str] | None,
    respect_gitignore: bool | None,
    include: list[str] | None = None,
    extend_include: list[str] | None = None,
) -> Walk:
    """How to walk input folders: ``--exclude`` replaces the settings' patterns, ``--extend-exclude`` adds to
    them; ``--include`` replaces the settings' (or the default) files to read, ``--extend-include`` adds to them."""
    patterns = [
        *settings.get("exclude", exclude, []),
        *settings.get("extend_exclude", None, []),
        *(extend_exclude or []),
    ]
    read = [
        *settings.get("include", include, list(PAGE_KINDS)),
        *settings.get("extend_include", None, []),
        *(extend_include or []),
    ]
    gitignore = bool(settings.get("respect_gitignore", respect_gitignore, False))
    return Walk(follow_links=follow_links, exclude=tuple(patterns), gitignore=gitignore, include=tuple(read))


def settings_text(settings: Settings, config: Config, walk: Walk, check: dict[str, Any] | None = None) -> str:
    """The settings a run would use, flags applied, in the settings file's own form (``--show-settings``)."""
    lines = [
        f"# settings file: {settings.source or 'none (the defaults)'}",
        f"# project root: {project_root(settings.start)}",
        "[tool.scrubnews]",
    ]
    values: dict[str, Any] = {
        "dedup": config.dedup.mode.value,
        "jaccard": config.dedup.jaccard,
        "containment": config.dedup.containment,
        "encoding": config.decode.encoding,
        "max-bytes": config.decode.max_bytes,
        "max-lines": config.decode.max_lines,
        "include": list(walk.include),
        "exclude": list(walk.exclude),
        "respect-gitignore": walk.gitignore,
    }
    lines += _toml_lines(values)
    if check is not None:
        lines += ["", "[tool.scrubnews.check]", *_toml_lines(check)]
    return "\n".join(lines) + "\n"


def _toml_lines(values: dict[str, Any]) -> list[str]:
    # JSON spells strings, numbers, booleans and lists as TOML does; None is "not set".
    return [f"# {key}: not set" if value is None else f"{key} = {json.dumps(value)}" for key, value in values.items()]


def valid_encoding(name: str | None, source: str = "--encoding") -> str | None:
    """``name`` when Python knows that codec (None stays None); else a ConfigError naming ``source``.

    >>> valid_encoding("latin-1")
    'latin-1'
    """
    if name is None:
        return None
    try:
        codecs.lookup(name)
    except LookupError as error:
        raise ConfigError(f"{source}: unknown encoding {name!r}") from error
    return name
