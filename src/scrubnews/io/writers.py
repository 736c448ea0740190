"""Output formats: a mirrored tree of .txt files, text on stdout, or JSONL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from scrubnews.document import Document, DupLink, Paragraph
from scrubnews.errors import OutputError
from scrubnews.io.sources import Source
from scrubnews.text import json_text, printable

if TYPE_CHECKING:  # the declarations import msgspec: only type checkers read them here
    from scrubnews.io.schema import DocumentRecord, DuplicateLink, KeptParagraph, RemovedParagraph

SCHEMA_VERSION: Literal[2] = 2  # of the JSONL record, as io/schema.py declares it (mypy checks)


def plan_outputs(sources: Sequence[Source], out: Path) -> dict[str, Path]:
    """Map each source to ``out/<relative path>.txt``, before any work is done.

    Raises OutputError when ``out`` is an existing file, when the output folder lies inside an input folder
    (inputs are never written into) or when two inputs would share one
    output file (``a.txt`` and ``a.html`` both become ``a.txt``).
    """
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file; --out takes a folder")
    holder = input_folder_holding(out, sources)
    if holder is not None:
        raise OutputError(f"--out {out} is inside the input folder {holder}; choose a folder outside it")
    plan: dict[str, Path] = {}
    owners: dict[Path, str] = {}
    for source in sources:
        if source.problem is not None:  # found unusable while walking (a folder that cannot be listed): no output
            continue
        target = out / source.relative.with_suffix(".txt")
        if target in owners:
            raise OutputError(f"{owners[target]} and {source.display} would both be written to {target}; rename one")
        real = _real(source.path) if isinstance(source.path, Path) else None
        if real is not None and _real(target) == real:
            raise OutputError(f"{source.display} would be overwritten by its own output; choose another --out")
        owners[target] = source.display
        plan[source.display] = target
    return plan


def _real(path: Path) -> Path | None:
    """``path`` with every link followed, or None when that cannot be done (a loop of links: the
    file itself is reported when it is read)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a loop
        return None


def input_folder_holding(path: Path, sources: Sequence[Source]) -> str | None:
    """The input folder (as named) that ``path`` lies in, if any: outputs never go there, where
    the next run would read them as inputs."""
    resolved = path.resolve()
    for root in sorted({s.root for s in sources if not s.is_stdin}):
        folder = Path(root).resolve()
        if folder.is_dir() and resolved.is_relative_to(folder):
            return root
    return None


def write_atomic(target: Path, text: str, within: Path | None = None) -> None:
    """Write ``text`` to ``target`` so a reader never sees a half-written file."""
    write_atomic_bytes(target, text.encode("utf-8"), within)


def write_atomic_bytes(target: Path, data: bytes, within: Path | None = None) -> None:
    """Write ``data`` to ``target`` through ``atomic_file``."""
    with atomic_file(target, within) as handle:
        handle.write(data)


@contextmanager
def atomic_file(target: Path, within: Path | None = None) -> Iterator[IO[bytes]]:
    """A handle on a temporary file beside ``target``, renamed into place when the block ends
    without an error and removed when it does not: a reader sees the whole file or none.

    With ``within``, the file must land inside that folder's real tree:
    a symbolic link among ``target``'s folders that leads out of it
    raises OutputError before anything is created. (A link at ``target``
    itself is replaced, not followed.)
    """
    if within is not None and not target.parent.resolve().is_relative_to(within.resolve()):
        raise OutputError(f"{target} would be written outside {within} (through a symbolic link); not written")
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file's name is chosen before it is created, and one handler covers everything
    # from its creation to the rename, so that an interrupt at any point finds the name known and
    # removes the file. A short name: the target's own may already be as long as the file system allows.
    tmp: Path | None = None
    try:
        for _ in range(100):
            tmp = target.parent / f".scrubnews-{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                tmp = None
        else:
            raise OutputError(f"{target}: no free temporary name in {target.parent}")
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())  # an output file gets the usual mode, not the temporary's 0600
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


@cache
def _umask() -> int:
    """The process's umask (read once: reading it means setting it for a moment)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def article_file_text(doc: Document) -> str:
    """What ``--out`` writes: the body only, one blank line between paragraphs."""
    body = doc.clean_text
    return body + "\n" if body else ""


def article_stdout_text(doc: Document) -> str:
    """One article for a reader on stdout, headed by its path like ``head`` does."""
    header = f"==> {printable(doc.path)} <=="
    if doc.meta.title:
        header += f"\n# {doc.meta.title}"
    return f"{header}\n\n{doc.clean_text}\n"


def record(doc: Document) -> DocumentRecord:
    """The JSONL record of one document (declared in ``io/schema.py``)."""
    kind: Any = doc.input_kind.value if doc.input_kind else None
    source: Any = doc.body_source
    kept, removed = doc.kept, doc.removed  # each a pass over the paragraphs: taken once
    return {
        "schema_version": SCHEMA_VERSION,
        "path": doc.path,
        "input_kind": kind,
        "encoding": doc.encoding,
        "body_source": source,
        "language": doc.language,
        "title": doc.meta.title,
        "date": doc.meta.date,
        "author": doc.meta.author,
        "error": doc.problem,
        "text": doc.clean_text,
        "paragraphs": [_kept(p) for p in kept],
        "removed": [_removed(p) for p in removed],
        "counts": {
            "paragraphs": len(doc.paragraphs),
            "kept": len(kept),
            "removed": len(removed),
            "kept_words": doc.kept_words,
        },
    }


def jsonl_line(doc: Document) -> str:
    return json_text(record(doc)) + "\n"


def _kept(p: Paragraph) -> KeptParagraph:
    item: KeptParagraph = {"index": p.index, "line_start": p.line_start, "line_end": p.line_end, "text": p.text}
    if p.score is not None:
        item["score"] = round(p.score, 4)
    if p.cluster is not None and p.cluster_size is not None:
        item["cluster"] = p.cluster
        item["cluster_size"] = p.cluster_size
    if p.links:
        item["duplicates"] = [_link(link) for link in p.links]
    return item


def _link(link: DupLink) -> DuplicateLink:
    kind: Any = link.kind
    return {
        "path": link.path,
        "paragraph": link.paragraph,
        "line_start": link.line_start,
        "line_end": link.line_end,
        "kind": kind,
        "jaccard": round(link.jaccard, 4),
        "containment": round(link.containment, 4),
    }


def _removed(p: Paragraph) -> RemovedParagraph:
    verdict: Any = p.verdict.value
    return {
        "index": p.index,
        "line_start": p.line_start,
        "line_end": p.line_end,
        "reason": p.reason,
        "verdict": verdict,
        "score": None if p.score is None else round(p.score, 4),
        "text": p.text,
    }
