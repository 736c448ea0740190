"""Results stream, and an interrupted run keeps what it finished: real processes.

Standard input is the last input and is held open, so the run is
provably still going when the first file's output is checked or the
signal is sent.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import ARTICLE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "scrubnews", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_default_interrupt,
    )


def _default_interrupt() -> None:
    """Ctrl-C as a terminal delivers it: a test run started in the background (``cmd &`` in a
    script) ignores SIGINT, and its children would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_jsonl_lines_come_out_as_files_finish_with_dedup_off(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(ARTICLE)
    process = start("clean", str(page), "-", "--dedup", "off", "--format", "jsonl", "-q")
    try:
        assert process.stdout is not None and process.stdin is not None
        first = json.loads(process.stdout.readline())  # stdin is still open: the run is not over
        assert first["path"] == str(page) and "Elon Musk" in first["text"]
        assert process.poll() is None
        process.stdin.write(ARTICLE.replace("Mars", "Venus").encode())
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert second["path"] == "-"
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()


@pytest.mark.parametrize(
    ("sig", "status", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_a_signal_keeps_finished_outputs_and_leaves_no_temporary_file(
    tmp_path: Path, sig: signal.Signals, status: int, word: str
) -> None:
    page = tmp_path / "a.txt"
    page.write_text(ARTICLE)
    out = tmp_path / "out"
    process = start("clean", str(page), "-", "--dedup", "off", "--out", str(out), "-q")
    try:
        wait_for(out / "a.txt")
        process.send_signal(sig)
        assert process.wait(timeout=60) == status
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        assert word in stderr and "Traceback" not in stderr
        assert "Elon Musk" in (out / "a.txt").read_text()
        assert sorted(p.name for p in out.iterdir()) == ["a.txt"]  # no .scrubnews-*.tmp, no stdin.txt
    finally:
        process.kill()


def test_a_signal_stops_a_dedup_run_on_workers_and_removes_their_spool(tmp_path: Path) -> None:
    """With dedup on and ``-j 2`` the workers keep the documents in a spool on disk until the
    cross-file steps are done: an interrupt stops them and removes it."""
    import os

    inputs, scratch = tmp_path / "in", tmp_path / "tmp"
    inputs.mkdir()
    scratch.mkdir()
    for k in range(3000):
        (inputs / f"{k:04d}.txt").write_text(ARTICLE)
    process = start(
        "clean", str(inputs), "--format", "jsonl", "-q", "-j", "2", env={**os.environ, "TMPDIR": str(scratch)}
    )
    try:
        deadline = time.monotonic() + 60
        while not any(path.stat().st_size for path in scratch.glob("scrubnews-*/*.spool")):
            assert time.monotonic() < deadline and process.poll() is None, "the workers never spooled a document"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        assert "interrupted" in stderr and "Traceback" not in stderr
        assert list(scratch.iterdir()) == []  # the spool is gone
    finally:
        process.kill()


@pytest.mark.parametrize("dedup", ["flag", "off", "drop"])
def test_the_output_is_the_same_for_any_number_of_jobs_and_any_input_order(tmp_path: Path, dedup: str) -> None:
    from tests.cli.test_cli import ROOT

    inputs = [str(p) for p in sorted((ROOT / "seeds").iterdir())]
    inputs += [str(p / name) for p in sorted((ROOT / "fixtures").glob("dev-*")) for name in ("input.txt", "input.html")]
    inputs = [path for path in inputs if Path(path).exists()]
    # Files that fail on the way (each named on stderr, the run goes on) among the others.
    for name, data in [("empty.txt", b""), ("blank.txt", b" \n\t\n"), ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00")]:
        (tmp_path / name).write_bytes(data)
        inputs.insert(len(inputs) // 2, str(tmp_path / name))
    shuffled = inputs[1::2] + inputs[0::2][::-1]  # every input once, in another order

    def clean(jobs: str, paths: list[str]) -> tuple[bytes, bytes]:
        command = [sys.executable, "-m", "scrubnews", "clean", *paths, "--format", "jsonl", "-q", "--dedup", dedup]
        done = subprocess.run([*command, "-j", jobs], capture_output=True, timeout=300)
        return done.stdout, done.stderr

    first = clean("1", inputs)
    assert first[0].count(b"\n") == len(inputs) and first[1].count(b"\n") == 3  # a line for each failing file
    assert first == clean("2", inputs) == clean("3", inputs) == clean("2", shuffled) == clean("1", inputs[::-1])


def test_a_signal_stops_the_workers_and_keeps_their_finished_outputs(tmp_path: Path) -> None:
    """The same with ``-j 2``, where the files go to worker processes: far more files than can
    finish before the signal, which comes as soon as the first output appears."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(3000):
        (inputs / f"{k:04d}.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    process = start("clean", str(inputs), "--dedup", "off", "--out", str(out), "-q", "-j", "2")
    try:
        wait_for(out / "0000.txt")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        assert "interrupted" in stderr and "Traceback" not in stderr
        written = sorted(p.name for p in out.iterdir())
        assert written and len(written) < 3000 and all(name.endswith(".txt") for name in written)
        assert all("Elon Musk" in (out / name).read_text() for name in written)
    finally:
        process.kill()


@pytest.mark.parametrize("dedup", ["off", "flag"])
def test_every_output_the_workers_render_is_the_one_rendered_here(tmp_path: Path, dedup: str) -> None:
    """Each worker renders its files' output: stdout text, ``--out`` files and Parquet rows are the
    same as with one process, with dedup off and on."""
    from typer.testing import CliRunner

    from scrubnews.cli import app
    from tests.cli.test_cli import ROOT

    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "in"
    folder.mkdir()
    for page in [*sorted((ROOT / "seeds").iterdir()), *sorted((ROOT / "fixtures").glob("dev-*/input.*"))]:
        (folder / f"{page.parent.name}-{page.name}").write_bytes(page.read_bytes())
    runner = CliRunner()

    def clean(jobs: str, *options: str) -> str:
        result = runner.invoke(app, ["clean", str(folder), "--dedup", dedup, "-q", "-j", jobs, *options])
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    assert clean("1") == clean("2") != ""
    clean("1", "-o", str(tmp_path / "one"))
    clean("2", "-o", str(tmp_path / "two"))
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.txt")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.txt")}
    assert one == two and len(one) > 8  # more than 8 files: two workers run (run.local.FILES_PER_WORKER)
    clean("1", "-f", "parquet", "-o", str(tmp_path / "one.parquet"))
    clean("2", "-f", "parquet", "-o", str(tmp_path / "two.parquet"))
    assert pq.read_table(tmp_path / "one.parquet").equals(pq.read_table(tmp_path / "two.parquet"))


def test_records_go_to_stdout_while_a_terminal_shows_the_bar(tmp_path: Path) -> None:
    """``clean ... > out.jsonl`` from a terminal: the bar on the terminal (stderr), every record in
    the file. rich sends stdout through its console while a bar is drawn, which put the records on
    the screen and left the file empty."""
    import os
    import pty

    from tests.cli.test_cli import SEEDS

    master, terminal = pty.openpty()
    out = tmp_path / "out.jsonl"
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrubnews", "clean", str(SEEDS), "--format", "jsonl"],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=terminal,
            env={**os.environ, "TERM": "xterm-256color"},
        )
    os.close(terminal)
    screen = b""
    while True:  # until the process closes the terminal (EOF, or EIO on Linux)
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    assert process.wait(timeout=60) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(list(SEEDS.iterdir())) and all(record["text"] for record in records)
    assert b"cleaning" in screen and b'"schema_version"' not in screen
