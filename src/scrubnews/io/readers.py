"""Find input files and read their bytes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath

from scrubnews.document import Document
from scrubnews.errors import InputError, RecordError
from scrubnews.io import jsonl_input, parquet_input, remote, text_parts, warc_input
from scrubnews.io.remote import RemotePath, is_url
from scrubnews.io.sources import STDIN, Source, Walk


def discover(
    arguments: Sequence[str], walk: Walk | None = None, stdin_name: str | None = None, max_bytes: int | None = None
) -> list[Source]:
    """Every input file named by the arguments, in name order (folders walked in that order too).

    Hidden files and folders (names starting with ".") are skipped inside a
    folder, as version-control and editor files are never scraped pages. A
    missing argument still yields a Source, so that reading it reports the
    problem by name and the run goes on; so do the entries of a folder that
    cannot be used (see ``_walk``). An argument is always followed, link or
    not; links found inside a folder only as ``_walk`` says.
    """
    sources: list[Source] = []
    wanted: dict[str, set[str]] = {}  # a file of records -> the records named (FILE#ID) when only those are
    for argument in arguments:
        if argument == STDIN:
            # --stdin-filename names it in messages and findings; --out writes it under that name's last part.
            name = stdin_name or STDIN
            relative = PurePath(PurePath(stdin_name).name if stdin_name else "stdin")
            sources.append(Source(display=name, relative=relative, root=STDIN))
            continue
        if is_url(argument):
            sources.extend(_remote(argument, walk or Walk()))
            continue
        root = Path(argument)
        if root.is_dir():
            found = _walk(root, walk or Walk())
            for path, problem in sorted(found, key=lambda item: item[0].relative_to(root).parts):
                relative = path.relative_to(root)
                sources.append(Source(str(root / relative), relative, argument, path, problem))
        elif (record := record_file(argument)) is not None:
            # FILE#ID, as records are named in messages and findings: that record of the file.
            wanted.setdefault(record, set()).add(argument)
            if record not in {source.display for source in sources}:
                sources.append(Source(record, PurePath(Path(record).name), record, Path(record)))
        else:
            sources.append(Source(argument, PurePath(root.name), argument, root))
    # Name order, whatever order the arguments came in: which copy of a text
    # is the original, and the output's order, never depend on how a shell
    # or a script listed the files. A folder's walk is already in this order.
    # Standard input comes last: the files are all there, it may still be arriving.
    sources.sort(key=lambda source: (source.is_stdin, PurePath(source.display).parts))
    # A .jsonl file holds one page a line, a WARC file one a response, a Parquet file one a row,
    # a text file too large to be one page one part (``text_parts``; not when over ``max_bytes``:
    # it is skipped whole): each is an input of its own, in the file's order.
    inputs: list[Source] = []
    for source in sources:
        records = _records(source, max_bytes)
        names = wanted.get(source.display)
        if names is not None and source.problem is None and not (len(records) == 1 and records[0].problem):
            inputs += [record for record in records if record.display in names]
            missing = sorted(names - {record.display for record in records})
            inputs += [
                Source(name, PurePath(name), name, None, f"no record {name.partition('#')[2]!r} in {source.display}")
                for name in missing
            ]
        else:
            inputs += records
    return inputs


def record_file(argument: str) -> str | None:
    """The file of records a name such as ``run.jsonl#7`` points into (``FILE#ID``, as messages and
    findings name records), or None when no such file exists (or ``argument`` is a file itself)."""
    if Path(argument).exists():
        return None
    for at, char in enumerate(argument):
        if char == "#" and at and Path(argument[:at]).is_file() and _is_records_file(Path(argument[:at])):
            return argument[:at]
    return None


def _is_records_file(path: Path) -> bool:
    return (
        jsonl_input.is_records(path)
        or warc_input.is_records(path)
        or parquet_input.is_records(path)
        or text_parts.is_records(path)
    )


def _remote(argument: str, walk: Walk) -> list[Source]:
    """The files a URL names (``remote.list_files``), the walk's exclude patterns applied; the URL
    itself, with the problem, when it cannot be used."""
    try:
        found = remote.list_files(argument)
    except InputError as error:
        return [Source(argument, PurePath(argument.rstrip("/").rsplit("/", 1)[-1]), argument, None, str(error))]
    if walk.exclude:
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(walk.exclude)
        found = [(path, relative) for path, relative in found if not spec.match_file(relative.as_posix())]
    reads = _reads(walk.include)
    return [Source(path.url, relative, argument, path) for path, relative in found if reads(relative)]


def _reads(include: Sequence[str]) -> Callable[[PurePath], bool]:
    """Whether a file below an input folder (its path there) is one to read: it matches ``include``,
    without regard to case (``PAGE.HTML`` is a page too).

    >>> from scrubnews.io.sources import PAGE_KINDS
    >>> reads = _reads(PAGE_KINDS)
    >>> reads(PurePath("2024/a.html")), reads(PurePath("B.TXT")), reads(PurePath("README.md"))
    (True, True, False)
    """
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines([pattern.lower() for pattern in include])
    return lambda relative: spec.match_file(relative.as_posix().lower())


def _records(source: Source, max_bytes: int | None = None) -> list[Source]:
    """The inputs a file of records holds (``jsonl_input``, ``warc_input``, ``parquet_input``), the
    parts of a large text file under ``max_bytes`` (``text_parts``), or the source."""
    if source.path is not None and source.problem is None:
        if jsonl_input.is_records(source.path):
            return jsonl_input.expand(source)
        if warc_input.is_records(source.path):
            return warc_input.expand(source)
        if parquet_input.is_records(source.path):
            return parquet_input.expand(source)
        if text_parts.is_records(source.path, max_bytes):
            return text_parts.expand(source)
    return [source]


def _walk(root: Path, walk: Walk) -> list[tuple[Path, str | None]]:
    """Files below ``root``, and the entries that cannot be used, with the reason.

    A symbolic link is followed when it stays inside ``root``'s real tree;
    one that leads out of it is reported, not followed, unless
    ``follow_links``. Either way each real folder is walked once (by the
    first path to it in name order), so a link back up the tree (a cycle)
    is never followed round. Broken links, folders that cannot be listed
    and things that are not files (sockets, FIFOs, which would block a
    reader) are reported too: nothing in the tree is passed over silently,
    except what ``walk.exclude`` or a ``.gitignore`` leaves out on purpose.
    """
    found: list[tuple[Path, str | None]] = []
    reads = _reads(walk.include)
    top = root.resolve()
    seen: set[Path] = set()
    ignores = _Ignores(root, walk)
    pending = [root]
    while pending:
        folder = pending.pop()
        real = folder.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(folder.iterdir())
        except OSError as err:
            found.append((folder, f"cannot list folder: {err.strerror or err}"))
            continue
        ignores.enter(folder)
        folders = []
        for path in entries:
            if path.name.startswith(".") or ignores.ignored(path):
                continue
            try:
                kind = _kind(path, top, walk)
            except OSError as err:  # an entry that cannot even be looked at (an I/O error): named, skipped
                found.append((path, f"cannot read: {err.strerror or err}"))
                continue
            if kind == "folder":
                folders.append(path)
            elif kind is not None or reads(path.relative_to(root)):
                found.append((path, kind))
        pending.extend(reversed(folders))  # depth first, in name order: the same tree, the same walk
    return found


def _kind(path: Path, top: Path, walk: Walk) -> str | None:
    """What a walk does with ``path``: "folder" (walk it), None (a file to read), or why it is skipped."""
    if path.is_symlink() and not walk.follow_links:
        outside = _outside(path, top)
        if outside is not None:
            return outside
    if path.is_dir():
        return "folder"
    if path.is_file():
        return None
    if path.is_symlink():
        return "broken symbolic link"
    path.lstat()  # gone since the folder was listed, or unreachable: OSError, with its reason
    return "not a regular file (a socket, FIFO or device); skipped"


class _Ignores:
    """The exclude patterns and the .gitignore files that apply to a walk."""

    def __init__(self, root: Path, walk: Walk) -> None:
        import pathspec  # only a walk of a folder needs it

        self._pathspec = pathspec
        self._root = root
        self._exclude = pathspec.GitIgnoreSpec.from_lines(walk.exclude) if walk.exclude else None
        self._gitignore = walk.gitignore
        # (folder, its .gitignore's patterns), for the folders whose rules reach the walk
        self._specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        if walk.gitignore:
            for folder in _above(root.resolve()):
                self._read(folder)

    def enter(self, folder: Path) -> None:
        if self._gitignore:
            self._read(folder.resolve())

    def ignored(self, path: Path) -> bool:
        if self._exclude is None and not self._specs:
            return False  # the common walk: no stat, no resolve per entry
        is_dir = path.is_dir()
        if self._exclude is not None and self._matches(self._exclude, path.relative_to(self._root), is_dir):
            return True
        real = path.parent.resolve() / path.name
        for folder, spec in self._specs:
            if real.is_relative_to(folder) and self._matches(spec, real.relative_to(folder), is_dir):
                return True
        return False

    @staticmethod
    def _matches(spec: object, relative: PurePath, is_dir: bool) -> bool:
        name = relative.as_posix() + ("/" if is_dir else "")
        return bool(spec.match_file(name))  # type: ignore[attr-defined]

    def _read(self, folder: Path) -> None:
        path = folder / ".gitignore"
        if path.is_file() and all(folder != known for known, _ in self._specs):
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return
            self._specs.append((folder, self._pathspec.GitIgnoreSpec.from_lines(lines)))


def _above(folder: Path) -> list[Path]:
    """``folder`` and the folders above it up to the repository's root (the one holding ``.git``), top first."""
    chain = [folder, *folder.parents]
    for k, candidate in enumerate(chain):
        if (candidate / ".git").exists():
            return list(reversed(chain[: k + 1]))
    return [folder]


def _outside(link: Path, top: Path) -> str | None:
    """Why the link is not followed, or None when it stays inside ``top``."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "symbolic link loop; not followed"
    if target.is_relative_to(top) or not target.exists():  # a broken link is reported as broken
        return None
    return f"symbolic link out of the input folder (to {target}); not followed (--follow-links follows it)"


def read(source: Source, max_bytes: int | None = None) -> Document:
    """The source's bytes in a Document; a read failure is recorded, not raised.

    At most ``max_bytes`` are read: a larger input is recorded as too large
    (and an endless one, such as ``/dev/zero``, stops there).
    """
    if source.problem is not None:
        return Document(path=source.display, problem=source.problem)
    limit = -1 if max_bytes is None else max_bytes + 1
    if source.offset is not None and source.path is not None:  # a record of a .jsonl, WARC or Parquet file
        try:
            if warc_input.is_records(source.path):
                return _sized(source.display, warc_input.read_bytes(source, limit), max_bytes)
            if parquet_input.is_records(source.path):
                return _sized(source.display, parquet_input.read_bytes(source), max_bytes)
            if jsonl_input.is_records(source.path):
                return _sized(source.display, jsonl_input.read_bytes(source), max_bytes)
            return _sized(source.display, text_parts.read_bytes(source), max_bytes)  # a part of a text file
        except RecordError as error:
            return Document(path=source.display, problem=str(error))
        except OSError as err:
            return Document(path=source.display, problem=f"cannot read: {err.strerror or err}")
    if source.path is None:
        if sys.stdin is None or sys.stdin.closed:
            return Document(path=source.display, problem="standard input is closed")
        try:
            return _sized(source.display, sys.stdin.buffer.read(limit), max_bytes)
        except OSError as err:
            return Document(path=source.display, problem=f"cannot read standard input: {err.strerror or err}")
    try:
        with source.path.open("rb") as handle:
            return _sized(source.display, handle.read(limit), max_bytes)
    except FileNotFoundError:
        return Document(path=source.display, problem="no such file")
    except IsADirectoryError:
        return Document(path=source.display, problem="is a directory")
    except OSError as err:
        return Document(path=source.display, problem=f"cannot read: {err.strerror or err}")
    except Exception as err:  # a store's own errors behind a URL (credentials, network) are not OSErrors
        if not isinstance(source.path, RemotePath):
            raise
        return Document(path=source.display, problem=f"cannot read: {err}")


def _sized(path: str, raw: bytes, max_bytes: int | None) -> Document:
    if max_bytes is not None and len(raw) > max_bytes:
        return Document(
            path=path, problem=f"larger than {max_bytes:,} bytes, the size cap (max-bytes in the settings); skipped"
        )
    return Document(path=path, raw=raw)
