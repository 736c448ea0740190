"""The hostile corpus (``fixtures/bad/make_corpus.py``) through every command.

For every file: the run goes on, a file with a problem gets exactly one
line on stderr naming it (escaped), a good file gets its article, and no
command prints a traceback. Run with a strict UTF-8 stdout, where a name
that is not UTF-8 is hardest to write.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.text import printable

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "fixtures" / "bad" / "make_corpus.py")
assert _spec is not None and _spec.loader is not None
make_corpus = importlib.util.module_from_spec(_spec)
sys.modules["make_corpus"] = make_corpus  # dataclasses look their module up
_spec.loader.exec_module(make_corpus)
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    out = tmp_path_factory.mktemp("hostile") / "bad"
    return out, make_corpus.write(out, many=30)


def scrubnews(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # strict: a raw surrogate would raise
    return subprocess.run(
        [sys.executable, "-m", "scrubnews", *args], capture_output=True, check=False, timeout=300, env=env
    )


def problem_lines(stderr: str, path: Path) -> int:
    """The lines naming ``path``: an error (unreadable) or a warning (read, but no article)."""
    named = printable(str(path))
    return sum(line.startswith((named + ": error: ", named + ": warning: ")) for line in stderr.splitlines())


def test_clean_gives_every_file_a_record_and_each_problem_one_line(corpus: tuple[Path, list[Any]]) -> None:
    out, written = corpus
    # Every file, pages or not (--include "*"): each one's bytes go through the reader.
    result = scrubnews("clean", str(out), "--format", "jsonl", "--dedup", "off", "-q", "--include", "*")
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    records = {os.fsencode(r["path"]): r for r in map(json.loads, result.stdout.decode("utf-8").splitlines())}
    assert set(records) == {os.fsencode(path) for path, _ in written}  # nothing lost, nothing twice
    for path, case in written:
        record = records[os.fsencode(path)]
        failed = record["error"] is not None or not record["text"]
        if case.expect == "article":
            assert not failed, path
        elif case.expect == "problem":
            assert failed, path
        assert problem_lines(stderr, path) == int(failed), path
    assert len(stderr.splitlines()) == sum(r["error"] is not None or not r["text"] for r in records.values())


def test_clean_out_writes_every_article_under_its_own_name(corpus: tuple[Path, list[Any]], tmp_path: Path) -> None:
    out, written = corpus
    target = tmp_path / "out"
    result = scrubnews("clean", str(out), "--out", str(target), "-q")
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    for path, case in written:
        if case.expect == "article":
            mirrored = target / path.relative_to(out).with_suffix(".txt")
            assert "flood defences" in mirrored.read_text(encoding="utf-8") or mirrored.stat().st_size, path
    assert not list(target.rglob(".scrubnews-*"))  # no temporary file left


@pytest.mark.parametrize(
    "args",
    [
        ["dupes"],
        ["dupes", "--format", "jsonl"],
        *(["check", "--output-format", fmt] for fmt in ("concise", "full", "json", "jsonl", "github", "sarif")),
        ["clean", "--dedup", "drop"],
    ],
    ids=lambda args: " ".join(args),
)
def test_every_command_finishes_without_a_traceback(corpus: tuple[Path, list[Any]], args: list[str]) -> None:
    out, _ = corpus
    result = scrubnews(*args, str(out))
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in result.stderr
    if {"json", "jsonl", "sarif"} & set(args):  # valid UTF-8 JSON whatever the names (text names them by their bytes)
        text = result.stdout.decode("utf-8")
        for chunk in text.splitlines() if "jsonl" in args else [text]:
            json.loads(chunk)


def test_index_build_and_explain_finish_on_every_file(corpus: tuple[Path, list[Any]], tmp_path: Path) -> None:
    out, written = corpus
    result = scrubnews("index", "build", str(out), "-o", str(tmp_path / "index"))
    assert result.returncode == 1 and b"Traceback" not in result.stderr  # unreadable files named, the rest indexed
    assert b"indexed" in result.stderr and (tmp_path / "index").is_file()
    for path, _ in written[:40]:
        explained = runner.invoke(app, ["explain", os.fsdecode(os.fsencode(path))])
        assert explained.exit_code in (0, 1), (path, explained.output)
        assert explained.exception is None or isinstance(explained.exception, SystemExit), path


def test_a_file_that_vanishes_or_loses_permission_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrubnews.cli.main
    import scrubnews.cli.options

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "gone.txt", "locked.txt", "z.txt"):
        (folder / name).write_bytes(make_corpus.page())
    real_find, real_open = scrubnews.cli.options.find_inputs, Path.open

    def find_inputs(paths: list[str], *options: Any) -> list[Any]:
        found = real_find(paths, *options)
        (folder / "gone.txt").unlink()  # after the walk, before the read
        return found

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":  # as chmod 000 would (root reads anything, so it is simulated)
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(scrubnews.cli.main, "find_inputs", find_inputs)
    monkeypatch.setattr(Path, "open", open_)
    result = runner.invoke(app, ["clean", str(folder), "-q", "--format", "jsonl"])
    assert result.exit_code == 1
    errors = {json.loads(line)["path"]: json.loads(line)["error"] for line in result.stdout.splitlines()}
    assert errors == {
        str(folder / "a.txt"): None,
        str(folder / "gone.txt"): "no such file",
        str(folder / "locked.txt"): "cannot read: Permission denied",
        str(folder / "z.txt"): None,
    }
    assert result.stderr.count(": error: ") == 2


def test_a_self_looping_link_with_out_is_one_line_and_the_other_files_are_cleaned(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "page.txt").write_bytes((ROOT / "seeds" / "000_a73d2f151c4a8d19.txt").read_bytes())
    (pages / "self").symlink_to("self")
    result = scrubnews("clean", str(pages), "--out", str(tmp_path / "out"), "-q")
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line] == [
        f"{pages / 'self'}: error: symbolic link loop; not followed"
    ]
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8").strip()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("output", [[], ["--format", "jsonl"], ["--dedup", "off"]], ids=["text", "jsonl", "streamed"])
def test_a_full_stdout_is_one_line_and_exit_1(output: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "scrubnews", "clean", str(ROOT / "seeds"), "-q", *output],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=300,
        )
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    assert stderr.splitlines() == ["error: cannot write standard output: No space left on device"]
