"""``clean --out``: one text file per input in a folder, or (``--format jsonl|parquet``) the
whole stream in one file; either local or under a URL.

A folder's two kinds plan every output before any work (``plan``:
collisions and an output folder inside an input are refused), write each
file whole (``write``), and count the files a run did not write
(``stale``). A local folder is written atomically through a temporary
file (``writers``); under a URL (``s3://bucket/clean/``, any fsspec store)
each file is one object put whole, which a reader never sees half-written
either. A stream file (``out_stream``) appears, whole, when the run ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol

from scrubnews.errors import OutputError
from scrubnews.io.remote import is_url
from scrubnews.io.sources import Source
from scrubnews.io.writers import atomic_file, input_folder_holding, plan_outputs, write_atomic


class OutFolder(Protocol):
    def plan(self, sources: Sequence[Source]) -> dict[str, str]:
        """Each input's output file, by the input's name; OutputError when the plan cannot work."""
        ...

    def prepare(self) -> None:
        """Create the folder (OSError when it cannot be)."""

    def write(self, target: str, text: str) -> None:
        """Write one output whole (OutputError or OSError when it cannot be)."""

    def stale(self, written: set[str], remove: bool, on_error: Callable[[str, str], None]) -> list[str]:
        """Files in the folder this run did not write (hidden ones aside); removed if asked, each
        one that cannot be passed to ``on_error`` (name, problem)."""
        ...


@contextmanager
def out_stream(argument: str, sources: Sequence[Source]) -> Iterator[IO[bytes]]:
    """A handle whose bytes become the file ``argument`` (a path or a URL) only when the block
    ends without an error: through a temporary file renamed into place, or an fsspec
    transaction that puts the object on commit. OutputError at once when ``argument`` is a
    folder or lies inside an input folder (the next run would read it as an input)."""
    is_folder = OutputError(f"--out {argument} is a folder; with --format jsonl or parquet --out names a file")
    if is_url(argument):
        fs, path = _store(argument)
        if _store_call(fs.isdir, path):
            raise is_folder
        with fs.transaction, fs.open(path, "wb") as handle:
            yield handle
        return
    target = Path(argument)
    if target.is_dir():
        raise is_folder
    holder = input_folder_holding(target, sources)
    if holder is not None:
        raise OutputError(f"--out {argument} is inside the input folder {holder}; choose a file outside it")
    with atomic_file(target) as handle:
        yield handle


def out_folder(argument: str) -> OutFolder:
    return RemoteFolder(argument) if is_url(argument) else LocalFolder(Path(argument))


class LocalFolder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def plan(self, sources: Sequence[Source]) -> dict[str, str]:
        return {name: str(target) for name, target in plan_outputs(sources, self.root).items()}

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def write(self, target: str, text: str) -> None:
        write_atomic(Path(target), text, within=self.root)

    def stale(self, written: set[str], remove: bool, on_error: Callable[[str, str], None]) -> list[str]:
        """Links to folders are not followed, and hidden folders (``.git``) are not entered: only
        what lies in the folder itself is touched."""
        found: list[Path] = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found.extend(Path(folder, name) for name in files if not name.startswith("."))
        found = sorted(p for p in found if p.is_file())
        stale = [str(p) for p in found if str(p) not in written]
        if remove:
            for path in stale:
                try:
                    Path(path).unlink()
                except OSError as error:
                    on_error(path, f"cannot remove: {error.strerror or error}")
        return stale


class RemoteFolder:
    def __init__(self, url: str) -> None:
        self._fs, root = _store(url)
        self._root = root.rstrip("/")
        self._url = url

    def plan(self, sources: Sequence[Source]) -> dict[str, str]:
        plan: dict[str, str] = {}
        owners: dict[str, str] = {}
        for source in sources:
            target = f"{self._root}/{source.relative.with_suffix('.txt').as_posix()}"
            if target in owners:
                shown = self._shown(target)
                raise OutputError(f"{owners[target]} and {source.display} would both be written to {shown}; rename one")
            if source.display == self._shown(target):
                raise OutputError(f"{source.display} would be overwritten by its own output; choose another --out")
            owners[target] = source.display
            plan[source.display] = target
        return plan

    def prepare(self) -> None:
        _store_call(self._fs.makedirs, self._root, exist_ok=True)

    def write(self, target: str, text: str) -> None:
        _store_call(self._fs.pipe_file, target, text.encode("utf-8"))

    def stale(self, written: set[str], remove: bool, on_error: Callable[[str, str], None]) -> list[str]:
        try:
            found = _store_call(self._fs.find, self._root)
        except OSError as error:
            on_error(self._url, f"cannot list: {error.strerror or error}")
            return []
        stale = [n for n in sorted(map(str, found)) if n not in written and not _hidden(n[len(self._root) :])]
        for name in stale if remove else []:
            try:
                _store_call(self._fs.rm_file, name)
            except OSError as error:
                on_error(self._shown(name), f"cannot remove: {error.strerror or error}")
        return [self._shown(name) for name in stale]

    def _shown(self, name: str) -> str:
        return str(self._fs.unstrip_protocol(name))


def _store(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it; OutputError when the protocol's
    own package (s3fs, gcsfs, ...) is missing."""
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except ImportError as error:
        raise OutputError(f"--out {url}: cannot open this URL: {error}") from error


def _store_call(method: Any, *args: Any, **kwargs: Any) -> Any:
    """A store's own errors (credentials, network, permissions) as OSError, which callers report."""
    try:
        return method(*args, **kwargs)
    except OSError:
        raise
    except Exception as error:
        raise OSError(str(error)) from error


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/") if part)
