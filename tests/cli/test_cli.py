"""The command line, through CliRunner and through real processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from scrubnews.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
runner = CliRunner()
ARTICLE = "".join(
    f"Russia is expecting to hold talks with Elon Musk about flying to Mars, envoy number {n} said. "
    f"It comes as Russia said it sees a lot of potential for cooperation with the United States in {topic}.\n\n"
    for n, topic in [(1, "space"), (2, "energy"), (3, "science")]
)


def scrubnews(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    # No input given: the child's stdin is /dev/null, not the test run's own (an open pipe under
    # some runners, which `clean` with no PATH would wait on).
    given: dict[str, object] = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run(
        [sys.executable, "-m", "scrubnews", *args],
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
        **given,  # type: ignore[arg-type]
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    footer = "About us\nContact\nPrivacy Policy\nTerms of Use\n© 2025 Example. All rights reserved.\n"
    (folder / "a.txt").write_text("Home\nNews\n\n" + ARTICLE + footer)
    (folder / "sub" / "b.html").write_text(
        "<!DOCTYPE html><html><head><title>T</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n") if p)
        + "</article></body></html>"
    )
    return folder


def test_every_command_has_help() -> None:
    for command in ["clean", "explain", "dupes"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output
    readme = (ROOT / "README.md").read_text()
    for command in ["clean", "explain", "dupes"]:
        assert f"scrubnews {command}" in readme


def test_clean_text_to_stdout_heads_each_article(pages: Path) -> None:
    result = runner.invoke(app, ["clean", str(pages), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("==> ") == 2
    assert "© 2025" not in result.stdout
    assert "Home" not in result.stdout.split("<==", 1)[1]


def test_clean_out_mirrors_tree_and_never_touches_input(pages: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in pages.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(pages), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.txt")) == ["a.txt", "sub/b.txt"]
    assert (out / "a.txt").read_text().startswith("Russia is expecting")
    assert "\n\n" in (out / "a.txt").read_text()
    assert {p: p.read_bytes() for p in pages.rglob("*") if p.is_file()} == before


def test_out_inside_input_is_refused(pages: Path) -> None:
    result = runner.invoke(app, ["clean", str(pages), "--out", str(pages / "clean")])
    assert result.exit_code == 2
    assert "inside the input folder" in result.stderr
    assert not (pages / "clean").exists()


def test_colliding_outputs_are_refused_before_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text(ARTICLE)
    (folder / "x.html").write_text(ARTICLE)
    result = runner.invoke(app, ["clean", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "would both be written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_jsonl_records_have_the_documented_fields(pages: Path) -> None:
    result = runner.invoke(app, ["clean", str(pages), "--format", "jsonl", "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input_kind"] for r in records] == ["text", "html"]
    for r in records:
        assert r["schema_version"] == 2
        for key in ["path", "encoding", "title", "date", "author", "text", "paragraphs", "removed", "counts"]:
            assert key in r
        assert all({"line_start", "line_end", "reason"} <= set(x) for x in r["removed"])
    assert records[0]["paragraphs"][0]["line_start"] == 4


def test_bad_file_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("Home\nNews\n")
    result = runner.invoke(app, ["clean", str(tmp_path), "-q"])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert any("bad.txt" in line and "binary" in line for line in errors)
    assert any("empty.txt" in line and "no article text" in line for line in errors)
    assert "Russia is expecting" in result.stdout
    assert "Traceback" not in result.output


def test_missing_path_is_exit_1_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "nope.txt"), "-q"])
    assert result.exit_code == 1
    assert "nope.txt: error: no such file" in result.stderr


def test_usage_error_is_exit_2() -> None:
    assert runner.invoke(app, ["clean", "seeds", "--format", "xml"]).exit_code == 2


def test_summary_off_a_terminal_is_one_line_on_stderr(pages: Path) -> None:
    """Issue 26, item 4: a CI log or a pipe gets one line, not the table."""
    result = runner.invoke(app, ["clean", str(pages)])
    summary = [line for line in result.stderr.splitlines() if line.startswith("scrubnews clean:")]
    assert len(summary) == 1 and "paragraphs kept" in summary[0], result.stderr
    assert "┌" not in result.stderr
    assert "paragraphs kept" not in result.stdout


def test_markup_in_article_text_is_not_interpreted(tmp_path: Path) -> None:
    # Seed 004 contains "[Musk]"; rich markup must never touch article text.
    page = tmp_path / "m.txt"
    page.write_text(ARTICLE.replace("Elon Musk", "[Musk] [bold]x[/bold]"))
    result = runner.invoke(app, ["clean", str(page), "-q"])
    assert "[Musk] [bold]x[/bold]" in result.stdout


def test_explain_shows_every_line_with_verdict() -> None:
    result = runner.invoke(app, ["explain", str(SEEDS / "004_e23d6dfc585371a3.txt")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(" drop " in line and "junk:copyright" in line and "© Newsmax Media, Inc." in line for line in lines)
    assert any(" keep " in line and "Kirill Dmitriev, propositioned" in line for line in lines)
    assert any("[Musk]" in line for line in lines)


def test_subprocess_stdin_html() -> None:
    page = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n") if p)).encode()
    result = scrubnews("clean", "-", "-q", "--format", "jsonl", stdin=page + b"</article></body></html>")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["path"] == "-" and record["input_kind"] == "html"


def test_subprocess_pipe_to_closed_reader_is_quiet() -> None:
    proc = subprocess.Popen(
        f"{sys.executable} -m scrubnews clean {SEEDS} {SEEDS} {SEEDS} -q | head -n 1",
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = proc.communicate(timeout=120)
    assert out.decode().startswith("==> ")
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    assert scrubnews("clean", str(SEEDS), "-q").returncode == 0
    (tmp_path / "nav.txt").write_text("Home\nNews\n")
    assert scrubnews("clean", str(tmp_path), "-q").returncode == 1
    assert scrubnews("clean", str(tmp_path), "-q", "--allow-empty").returncode == 0
    assert scrubnews("clean", "--bogus").returncode == 2


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_an_unknown_encoding_is_a_usage_error_not_a_traceback(pages: Path, command: str) -> None:
    target = str(pages) if command == "clean" else str(pages / "a.txt")
    result = runner.invoke(app, [command, target, "--encoding", "nosuchcodec"])
    assert result.exit_code == 2
    assert "--encoding: unknown encoding 'nosuchcodec'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unknown_encoding_in_the_settings_names_the_file(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "scrubnews.toml").write_text('encoding = "nosuchcodec"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["clean", str(pages), "-q"])
    assert result.exit_code == 2
    assert "scrubnews.toml: encoding: unknown encoding 'nosuchcodec'" in result.output


def test_explain_on_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["explain", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no input files found" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_out_pointing_at_a_file_is_refused_before_any_work(pages: Path, tmp_path: Path) -> None:
    existing = tmp_path / "existing.txt"
    existing.write_text("keep me")
    result = runner.invoke(app, ["clean", str(pages), "--out", str(existing), "-q"])
    assert result.exit_code == 2
    assert "is a file; --out takes a folder" in result.output
    assert existing.read_text() == "keep me"


def test_a_closed_stdin_is_one_error_line_not_a_traceback() -> None:
    command = f"{sys.executable} -m scrubnews clean - -q <&-"
    result = subprocess.run(["sh", "-c", command], capture_output=True, check=False, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "-: error: standard input is closed"


def test_a_symlink_cycle_is_walked_once(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "a"
    folder.mkdir(parents=True)
    (folder / "page.txt").write_text("Home\n\n" + ARTICLE)
    (folder / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-q", "--headers"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("==> ") == 1


def test_links_out_of_the_input_folder_are_named_not_followed_unless_asked(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE)
    (folder / "page.txt").write_text(ARTICLE)
    (folder / "inner.txt").symlink_to(folder / "page.txt")  # inside the tree: followed
    (folder / "out").symlink_to(outside, target_is_directory=True)
    (folder / "file.txt").symlink_to(outside / "secret.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(folder / "pipe")  # read, it would block the run forever
    result = runner.invoke(app, ["clean", str(folder), "-q", "--dedup", "off", "--format", "jsonl"])
    assert result.exit_code == 1
    errors = {json.loads(line)["path"]: json.loads(line)["error"] for line in result.stdout.splitlines()}
    assert errors[str(folder / "page.txt")] is None and errors[str(folder / "inner.txt")] is None
    assert "out of the input folder" in errors[str(folder / "out")]
    assert "out of the input folder" in errors[str(folder / "file.txt")]
    assert errors[str(folder / "broken.txt")] == "broken symbolic link"
    assert "not a regular file" in errors[str(folder / "pipe")]
    assert sum(bool(json.loads(line)["text"]) for line in result.stdout.splitlines()) == 2  # the links out: unread
    assert len(result.stderr.strip().splitlines()) == 4  # one line for each, naming it
    followed = runner.invoke(app, ["clean", str(folder), "-q", "--follow-links", "--format", "jsonl"])
    paths = [json.loads(line)["path"] for line in followed.stdout.splitlines()]
    assert str(folder / "out" / "secret.txt") in paths and str(folder / "file.txt") in paths


def test_outputs_cannot_leave_out_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "sub" / "b.txt").write_text(ARTICLE.replace("Mars", "Venus"))
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert "would be written outside" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert (out / "a.txt").is_file()


def test_stale_outputs_are_counted_and_removed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    (out / "old").mkdir(parents=True)
    (out / "old" / "gone.txt").write_text("from an earlier run")
    (out / ".keep").write_text("")
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("[core]")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "stale in --out" in result.stderr and "1 file in" in result.stderr
    assert (out / "old" / "gone.txt").exists()
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "-q", "--remove-stale"])
    assert result.exit_code == 0, result.output
    assert not (out / "old" / "gone.txt").exists()
    assert (out / ".keep").exists() and (out / "a.txt").exists()
    assert (out / ".git" / "config").exists()


def test_max_bytes_as_a_flag_skips_larger_inputs_and_overrides_the_settings(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    size = len(ARTICLE.encode())
    result = runner.invoke(app, ["clean", str(page), "-q", "--max-bytes", str(size - 1)])
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"{page}: error: larger than {size - 1:,} bytes, the size cap (max-bytes in the settings); skipped"
    )
    (tmp_path / "scrubnews.toml").write_text(f"max-bytes = {size - 1}\n")
    result = runner.invoke(
        app, ["clean", str(page), "-q", "--config", str(tmp_path / "scrubnews.toml"), "--max-bytes", str(size)]
    )
    assert result.exit_code == 0 and "Elon Musk" in result.stdout


def test_the_output_of_an_input_that_fails_this_run_is_stale(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").write_text(ARTICLE.replace("council", "assembly"))
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "-q", "--dedup", "off"]).exit_code == 0
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01 binary now")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "--dedup", "off"])
    assert result.exit_code == 1
    assert "stale in --out" in result.stderr and f"e.g. {out / 'b.txt'}" in result.stderr
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "-q", "--remove-stale"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]


def test_a_folder_that_cannot_be_listed_is_one_error_line(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "sub":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = runner.invoke(app, ["clean", str(pages), "-q"])
    assert result.exit_code == 1
    assert f"{pages / 'sub'}: error: cannot list folder: Permission denied" in result.output
    assert result.stdout.count("==> ") == 1  # the other file is still cleaned


def test_terminal_escapes_and_newlines_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "evil\nname\x1b[2J.txt"
    page.write_text("Home\n\n" + ARTICLE.replace("envoy number 2", "envoy \x1b]0;pwned\x07number 2"))
    (folder / "bin\x1b[31m.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["clean", str(folder), "-q"])
    # the article text itself goes out as it is when stdout is not a terminal (a pipe, a file)
    assert "\x1b" not in result.output.replace("\x1b]0;pwned\x07", "")
    assert "==> " + str(folder) + "/evil\\x0aname\\x1b[2J.txt <==" in result.stdout
    assert "bin\\x1b[31m.txt: error: looks like a binary file" in result.output
    explained = runner.invoke(app, ["explain", str(page)])
    assert "\x1b" not in explained.stdout and "envoy \\x1b]0;pwned\\x07number 2" in explained.stdout
    checked = runner.invoke(app, ["check", str(folder)])
    assert "bin\\x1b[31m.txt:1:1: SN" in checked.output and "\x1b" not in checked.output


def test_a_failed_write_names_the_file_and_the_run_goes_on(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scrubnews.io.out_folder

    real_write = scrubnews.io.out_folder.write_atomic

    def write(target: Path, text: str, within: Path | None = None) -> None:
        if target.name == "a.txt":
            raise OSError(28, "No space left on device")
        real_write(target, text, within)

    monkeypatch.setattr(scrubnews.io.out_folder, "write_atomic", write)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(pages), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert f"a.txt: error: cannot write {out / 'a.txt'}: No space left on device" in result.output
    assert (out / "sub" / "b.txt").exists()


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(pages: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["clean", str(pages), "--out", str(blocker / "out"), "-q"])
    assert result.exit_code == 2
    assert "cannot create the folder" in result.output


def test_a_name_as_long_as_the_file_system_allows_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ("x" * 251 + ".txt")).write_text("Home\n\n" + ARTICLE)
    result = runner.invoke(app, ["clean", str(folder), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["x" * 251 + ".txt"]


def test_output_files_get_the_usual_mode(pages: Path, tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        result = runner.invoke(app, ["clean", str(pages), "--out", str(tmp_path / "out"), "-q"])
    finally:
        os.umask(mask)
    assert result.exit_code == 0
    assert (tmp_path / "out" / "a.txt").stat().st_mode & 0o777 == 0o644


def test_files_left_in_out_by_an_earlier_run_are_mentioned(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("from yesterday")
    result = runner.invoke(app, ["clean", str(pages), "--out", str(out)])
    assert result.exit_code == 0
    assert "note: 1 file in" in result.output and "old.txt" in result.output
    assert (out / "old.txt").read_text() == "from yesterday"  # mentioned, never deleted


def test_a_file_that_vanishes_after_discovery_is_named_and_the_run_goes_on(pages: Path) -> None:
    from scrubnews.io.readers import discover
    from scrubnews.pipeline import clean

    sources = discover([str(pages)])
    (pages / "a.txt").unlink()
    docs = list(clean(sources))
    assert [(Path(d.path).name, d.problem) for d in docs] == [("a.txt", "no such file"), ("b.html", None)]


@pytest.mark.parametrize("output_format", ["jsonl", "parquet"])
def test_out_with_a_stream_format_names_the_file_written_whole(pages: Path, tmp_path: Path, output_format: str) -> None:
    pytest.importorskip("pyarrow")
    target = tmp_path / f"run.{output_format}"
    result = runner.invoke(app, ["clean", str(pages), "-o", str(target), "-f", output_format, "-q"])
    piped = runner.invoke(app, ["clean", str(pages), "-f", "jsonl", "-q"])
    assert result.exit_code == piped.exit_code == 0 and result.stdout == ""
    if output_format == "jsonl":
        assert target.read_text() == piped.stdout
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(target).to_pylist()
        assert [row["path"] for row in rows] == [json.loads(line)["path"] for line in piped.stdout.splitlines()]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", target.name])  # no temporary file left


def test_out_for_a_stream_cannot_be_a_folder_or_lie_inside_an_input(pages: Path, tmp_path: Path) -> None:
    folder = runner.invoke(app, ["clean", str(pages), "--out", str(tmp_path), "-f", "jsonl"])
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    inside = runner.invoke(app, ["clean", str(pages), "--out", str(pages / "run.jsonl"), "-f", "jsonl"])
    assert inside.exit_code == 2 and "inside the input folder" in inside.stderr
    assert not (pages / "run.jsonl").exists()


def test_an_interrupted_run_leaves_no_stream_file(pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrubnews.cli.summary

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(scrubnews.cli.summary, "jsonl_line", interrupted)
    result = runner.invoke(app, ["clean", str(pages), "-o", str(tmp_path / "run.jsonl"), "-f", "jsonl", "-q"])
    assert result.exit_code == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_inputs_over_the_size_cap_are_skipped_and_endless_ones_stop(tmp_path: Path) -> None:
    from scrubnews.config import Config, DecodeConfig
    from scrubnews.io.readers import discover
    from scrubnews.pipeline import clean

    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 10)
    config = Config(decode=DecodeConfig(max_bytes=1000))
    docs = list(clean(discover([str(big), "/dev/zero"]), config))
    assert all("larger than 1,000 bytes" in (d.problem or "") for d in docs)


def test_the_size_cap_comes_from_the_settings(pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scrubnews.toml").write_text("max-bytes = 100\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["clean", str(pages), "-q"])
    assert result.exit_code == 1
    assert "a.txt: error: larger than 100 bytes, the size cap" in result.output


def test_the_line_cap_skips_a_page_of_too_many_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lines.txt").write_text("a\n" * 500)
    (tmp_path / "in" / "page.txt").write_text(ARTICLE)
    (tmp_path / "scrubnews.toml").write_text("max-lines = 400\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["clean", "in", "-q", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "lines.txt: error: has 500 lines, more than 400 (max-lines in the settings); skipped" in result.stderr
    assert "Elon Musk" in result.stdout
    (tmp_path / "scrubnews.toml").write_text("max-lines = 0\n")
    assert runner.invoke(app, ["clean", "in", "-q"]).exit_code == 2


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flags(flag: str) -> None:
    from scrubnews import __version__
    from scrubnews.extract.compiled import build

    line = f"scrubnews {__version__} ({build()})\n"
    assert runner.invoke(app, [flag]).stdout == line
    assert scrubnews(flag).stdout.decode() == line
    pure = scrubnews(flag, env={"SCRUBNEWS_PURE": "1"}).stdout.decode()
    assert pure == f"scrubnews {__version__} (pure Python)\n"


def test_a_run_of_text_files_off_a_terminal_never_loads_the_html_parser_or_rich(tmp_path: Path) -> None:
    """Start-up of a one-file run: lxml and trafilatura load only when an HTML page arrives, and
    rich only for a terminal; off one, the summary line is the same plain text."""
    (tmp_path / "page.txt").write_text(ARTICLE)
    script = (
        "import sys\n"
        "from scrubnews.__main__ import main\n"
        "sys.argv = ['scrubnews', 'clean', sys.argv[1], '--out', sys.argv[2]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print(sorted(m for m in sys.modules if m.startswith(('lxml', 'trafilatura', 'rich'))), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "page.txt"), str(tmp_path / "out")],
        capture_output=True,
        check=False,
    )
    assert "Elon Musk" in (tmp_path / "out" / "page.txt").read_text()
    summary, modules = result.stderr.decode().splitlines()
    assert re.fullmatch(r"scrubnews clean: 1 file, \d+ paragraphs kept, \d+ dropped, in [\d.]+ s\.", summary)
    assert modules == "[]"


def test_exclude_patterns_and_gitignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root
    (tmp_path / ".gitignore").write_text("*.bak\n")
    folder = tmp_path / "in"
    for name in ("a.txt", "drafts/b.txt", "ignored/c.txt", "d.bak", "keep/e.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(ARTICLE.replace("Mars", name))
    (folder / ".gitignore").write_text("ignored/\n")
    monkeypatch.chdir(tmp_path)

    def cleaned(*args: str) -> list[str]:
        result = runner.invoke(app, ["clean", "in", "-q", "--dedup", "off", "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return sorted(json.loads(line)["path"] for line in result.stdout.splitlines())

    pages = ["in/a.txt", "in/drafts/b.txt", "in/ignored/c.txt", "in/keep/e.txt"]
    assert cleaned() == pages  # every page, nothing left out unless asked (d.bak is not a page)
    assert cleaned("--extend-include", "*.bak") == sorted([*pages, "in/d.bak"])
    assert cleaned("--exclude", "drafts/") == ["in/a.txt", "in/ignored/c.txt", "in/keep/e.txt"]
    assert cleaned("--respect-gitignore") == ["in/a.txt", "in/drafts/b.txt", "in/keep/e.txt"]
    (tmp_path / "scrubnews.toml").write_text('exclude = ["drafts/"]\nrespect-gitignore = true\n')
    assert cleaned("--extend-exclude", "/keep") == ["in/a.txt"]
    assert cleaned("--exclude", "a.txt") == ["in/drafts/b.txt", "in/keep/e.txt"]  # --exclude replaces the file's
    assert cleaned("--no-respect-gitignore", "--include", "*") == [
        "in/a.txt",
        "in/d.bak",
        "in/ignored/c.txt",
        "in/keep/e.txt",
    ]
    named = runner.invoke(app, ["clean", "in/d.bak", "-q", "--format", "jsonl"])  # a file named is always read
    assert json.loads(named.stdout)["path"] == "in/d.bak"


def test_explain_gives_cleans_verdicts_across_several_files(tmp_path: Path) -> None:
    """The same cross-file steps as clean: a drop-mode duplicate and a shared template line show up."""
    # The seeds share a quote (a duplicate); two pages of one site share a line inside the article.
    paragraphs = [p for p in ARTICLE.split("\n\n") if p]
    for name in ("site-a.txt", "site-b.txt"):
        page = [paragraphs[0], "Daily8 picks for you today", *paragraphs[1:]]
        (tmp_path / name).write_text("Home\n\n" + "\n\n".join(page) + "\n")
    seeds = [*sorted(str(p) for p in SEEDS.iterdir()), str(tmp_path / "site-a.txt"), str(tmp_path / "site-b.txt")]
    explained = runner.invoke(app, ["explain", *seeds, "--dedup", "drop"])
    assert explained.exit_code == 0, explained.output
    assert explained.stdout.count("==> ") == len(seeds)
    assert "duplicate:partial" in explained.stdout and "template:shared" in explained.stdout
    records = runner.invoke(app, ["clean", *seeds, "--dedup", "drop", "--format", "jsonl", "-q"]).stdout
    dropped = {
        (r["path"], x["line_start"], x["reason"]) for r in map(json.loads, records.splitlines()) for x in r["removed"]
    }
    shown = set()
    path = ""
    for line in explained.stdout.splitlines():
        if line.startswith("==> "):
            path = line[4:-4]
        elif " drop " in line:
            number, _, _, reason = line.split()[:4]
            shown.add((path, int(number), reason))
    assert dropped <= shown


def test_an_internal_error_on_one_file_is_one_line_and_the_run_goes_on(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scrubnews.run.stages

    real = scrubnews.run.stages.extract_article

    def extract(doc: Any, config: Any) -> Any:
        if doc.path.endswith("a.txt"):
            raise RuntimeError("boom")
        return real(doc, config)

    monkeypatch.setattr(scrubnews.run.stages, "extract_article", extract)
    monkeypatch.delenv("SCRUBNEWS_DEBUG", raising=False)
    result = runner.invoke(app, ["clean", str(pages), "-q", "--format", "jsonl"])
    assert result.exit_code == 1
    errors = {json.loads(line)["path"]: json.loads(line)["error"] for line in result.stdout.splitlines()}
    assert errors[str(pages / "a.txt")] == "internal error in extract: RuntimeError: boom"
    assert errors[str(pages / "sub" / "b.html")] is None
    assert "Traceback" not in result.output
    try:
        debug = runner.invoke(app, ["--debug", "clean", str(pages), "-q"])
        assert isinstance(debug.exception, RuntimeError)
    finally:
        os.environ.pop("SCRUBNEWS_DEBUG", None)  # --debug sets it for the process


def test_help_is_plain_text_and_shell_completion_answers() -> None:
    help_text = runner.invoke(app, ["clean", "--help"]).stdout
    assert "[tool.scrubnews]" in help_text  # not eaten as markup
    assert "<bool>" not in help_text and "--quiet" in help_text
    env = {
        **os.environ,
        "_SCRUBNEWS_COMPLETE": "complete_bash",
        "COMP_WORDS": "scrubnews clean --ded",
        "COMP_CWORD": "2",
    }
    script = Path(sys.executable).parent / "scrubnews"  # completion keys on the program's name
    completed = subprocess.run([str(script)], env=env, capture_output=True, timeout=60)
    assert completed.stdout.decode().split() == ["--dedup"]


@pytest.mark.parametrize(
    "command", [["clean"], ["explain"], ["dupes"], ["check"], ["index", "build", "-o", "unused-index"]], ids=str
)
def test_no_input_files_is_the_same_error_on_every_command(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, [*command, "empty"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no input files found in empty"
    assert not (tmp_path / "unused-index").exists()


def test_stdin_filename_names_standard_input(tmp_path: Path) -> None:
    named = runner.invoke(
        app, ["clean", "-", "--stdin-filename", "news/page.txt", "--format", "jsonl", "-q"], input=ARTICLE
    )
    assert json.loads(named.stdout)["path"] == "news/page.txt"
    out = tmp_path / "out"
    assert (
        runner.invoke(
            app, ["clean", "-", "--stdin-filename", "../../page.txt", "-o", str(out)], input=ARTICLE
        ).exit_code
        == 0
    )
    assert [p.name for p in out.iterdir()] == ["page.txt"]  # under --out, whatever the name says
    checked = runner.invoke(app, ["check", "-", "--stdin-filename", "scraped/stub.txt"], input="Home\nNews\n")
    assert checked.stdout.startswith("scraped/stub.txt:1:1: SN001")


@pytest.mark.parametrize(
    ("dedup", "bars"), [("flag", ["cleaning", "cross-file steps, writing"]), ("off", ["cleaning"])]
)
def test_a_terminal_shows_a_bar_for_cleaning_and_with_dedup_one_for_the_cross_file_steps(
    monkeypatch: pytest.MonkeyPatch, dedup: str, bars: list[str]
) -> None:
    import io

    from rich.console import Console

    import scrubnews.cli.main

    screen = io.StringIO()
    monkeypatch.setattr(scrubnews.cli.main.err, "_console", Console(file=screen, force_terminal=True, width=100))
    result = CliRunner().invoke(app, ["clean", str(SEEDS), "--dedup", dedup, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())  # the frames drawn, without colours
    assert [name for name in ("cleaning", "cross-file steps, writing") if name in shown] == bars
    for name in bars:  # the last frame drawn shows each bar at its end
        assert re.findall(re.escape(name) + r"[ ━╺╸]*(\d+)/5", shown)[-1] == "5"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_temporary_folder_stops_a_dedup_run_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str
) -> None:
    """The cross-file steps keep the documents on disk (with ``-j 2`` in the workers, which inherit
    the patch when forked): no room there is one line and exit 2, not a traceback."""
    import errno

    from scrubnews.io import spool

    def full(doc: object, handle: object) -> None:
        with spool.spooling():
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool, "_dump", full)
    for k in range(20):
        (tmp_path / f"{k:02d}.txt").write_text(ARTICLE)
    result = CliRunner().invoke(app, ["clean", str(tmp_path), "-q", "--format", "jsonl", "-j", jobs])
    assert result.exit_code == 2
    assert "temporary folder" in result.output and "it is full" in result.output
    assert "Traceback" not in result.output


def test_pipes_a_page_on_stdin_with_no_path(tmp_path: Path) -> None:
    """Issue 26, item 6: `cat page | scrubnews clean` reads stdin; one input prints its article alone."""
    page = ("Home\nNews\nSport\n\n" + ARTICLE).encode()
    piped = scrubnews("clean", "-q", stdin=page)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.decode().startswith("Russia is expecting to hold talks")
    assert b"==>" not in piped.stdout
    (tmp_path / "page.txt").write_bytes(page)
    one = runner.invoke(app, ["clean", str(tmp_path / "page.txt"), "-q"])
    assert one.stdout == piped.stdout.decode()
    headed = runner.invoke(app, ["clean", str(tmp_path / "page.txt"), "-q", "--headers"])
    assert headed.stdout.startswith(f"==> {tmp_path / 'page.txt'} <==")


def test_no_path_at_a_terminal_is_a_usage_error() -> None:
    from scrubnews.cli.options import input_paths

    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", Terminal())
        with pytest.raises(typer.Exit) as stopped:
            input_paths(None)
    assert stopped.value.exit_code == 2
    assert input_paths(["a", "b"]) == ["a", "b"]


def test_dedup_drop_of_an_exact_copy_exits_0(tmp_path: Path) -> None:
    """Issue 26, item 2: a file emptied only by --dedup drop is a success, counted as a copy."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Home\n\n" + ARTICLE)
    (folder / "b.txt").write_text("Menu\n\n" + ARTICLE)
    result = runner.invoke(app, ["clean", str(folder), "--dedup", "drop", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
    assert "1 copy dropped whole" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["counts"]["kept"] > 0 for r in records] == [True, False]
    assert records[1]["error"] is None
    assert {p["reason"].split(":")[0] for p in records[1]["removed"] if p["text"] in ARTICLE} == {"duplicate"}


def test_a_folder_walk_reads_the_page_kinds_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 26, item 1: a scrape's README, manifest, CSV and settings beside the pages are not pages."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "page.txt").write_text("Home\n\n" + ARTICLE)
    (folder / "PAGE2.HTML").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    for name in ("README.md", "manifest.json", "urls.csv", "setup.cfg"):
        (folder / name).write_text("# not a page\nurl,title\nhttps://example.invalid,x\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "scraped", "--format", "json-lines"])
    flagged = {json.loads(line)["path"] for line in result.stdout.splitlines()}
    assert flagged <= {"scraped/page.txt", "scraped/PAGE2.HTML"}, flagged
    cleaned = runner.invoke(app, ["clean", "scraped", "--format", "jsonl", "-q"])
    assert sorted(json.loads(line)["path"] for line in cleaned.stdout.splitlines()) == [
        "scraped/PAGE2.HTML",
        "scraped/page.txt",
    ]
    (tmp_path / "scrubnews.toml").write_text('extend-include = ["*.md"]\n')
    cleaned = runner.invoke(app, ["clean", "scraped", "--format", "jsonl", "-q"])
    assert "scraped/README.md" in cleaned.stdout
    named = runner.invoke(app, ["clean", "scraped/urls.csv", "--format", "jsonl", "-q"])  # named: always read
    assert json.loads(named.stdout)["path"] == "scraped/urls.csv"


def test_the_hook_reads_the_kinds_a_walk_reads() -> None:
    import re

    from scrubnews.io.sources import PAGE_KINDS

    hook = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    files = re.compile(re.search(r"files: '(.*)'", hook).group(1))  # type: ignore[union-attr]
    for pattern in PAGE_KINDS:
        assert files.search("x" + pattern[1:]), pattern
    assert not files.search("README.md") and not files.search("data.csv")


def test_its_own_jsonl_in_the_folder_is_not_read_back(tmp_path: Path) -> None:
    """Issue 26, item 8: `clean DIR --format jsonl > DIR/run.jsonl`, then `clean DIR`: one record per page."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Home\n\n" + ARTICLE)
    (folder / "b.txt").write_text("Menu\n\n" + ARTICLE.replace("Mars", "the Moon"))
    first = runner.invoke(app, ["clean", str(folder), "--format", "jsonl", "-q"])
    (folder / "run.jsonl").write_text(first.stdout)
    again = runner.invoke(app, ["clean", str(folder), "--format", "jsonl", "-q"])
    assert again.exit_code == 0, again.output
    assert [json.loads(line)["path"] for line in again.stdout.splitlines()] == [
        str(folder / "a.txt"),
        str(folder / "b.txt"),
    ]
    assert f"note: {folder / 'run.jsonl'}: scrubnews' own output" in again.stderr
    checked = runner.invoke(app, ["check", str(folder), "--format", "json-lines"])
    assert "run.jsonl" not in checked.stdout  # no findings on (or copies of) its own records


def test_explain_takes_a_record_name(tmp_path: Path) -> None:
    """Issue 26, item 7: `check` names records FILE#ID; `explain FILE#ID` (and clean) take that name."""
    crawl = tmp_path / "crawl.jsonl"
    rows = [{"id": "one", "text": "Home\n\n" + ARTICLE}, {"id": "two", "text": "Menu\n\nA short note.\n"}]
    crawl.write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = runner.invoke(app, ["explain", f"{crawl}#one"])
    assert result.exit_code == 0, result.output
    assert "Russia is expecting" in result.stdout and "A short note" not in result.stdout
    cleaned = runner.invoke(app, ["clean", f"{crawl}#two", f"{crawl}#one", "--format", "jsonl", "-q"])
    assert [json.loads(line)["path"] for line in cleaned.stdout.splitlines()] == [f"{crawl}#one", f"{crawl}#two"]
    missing = runner.invoke(app, ["explain", f"{crawl}#three"])
    assert missing.exit_code == 1 and "no record 'three'" in missing.stderr


@pytest.mark.parametrize(
    "command", ["clean", "dupes", "explain", "check", "report", "index build", "index update", "rule", "schema"]
)
def test_help_and_errors_speak_the_tools_words(command: str) -> None:
    """Issue 26, item 9: no framework types (`<float range>`, `list[str]`) in help, no "Value error"."""
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    framework = re.compile(r"<(str|path|int|float|text|integer)[a-z ]*>|list\[|\bINTEGER\b|\bFLOAT\b")
    assert not framework.search(result.stdout), result.stdout
    wrong = runner.invoke(app, ["clean", "x", "--dedup", "remove"])
    assert wrong.exit_code == 2 and "Value error" not in wrong.output and "'remove'" in wrong.output


def test_settings_are_found_from_the_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 26, item 5: `cd /tmp && scrubnews check ~/proj/scraped` reads ~/proj's settings."""
    project = tmp_path / "proj"
    (project / "scraped").mkdir(parents=True)
    (project / "scraped" / "page.txt").write_text("Home\n\n" + ARTICLE)
    (project / "pyproject.toml").write_text(
        '[tool.scrubnews]\ndedup = "off"\n\n[tool.scrubnews.check]\nmin-words = 500\n'
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shown = runner.invoke(app, ["clean", str(project / "scraped"), "--show-settings"])
    assert f"# settings file: {project / 'pyproject.toml'}" in shown.stdout
    assert f"# project root: {project}" in shown.stdout and 'dedup = "off"' in shown.stdout
    checked = runner.invoke(app, ["check", str(project / "scraped"), "--format", "json-lines"])
    assert "SN002" in checked.stdout  # the project's min-words, not the default 80


def test_stderr_and_the_record_agree_on_a_file_without_article(tmp_path: Path) -> None:
    """Issue 26, item 2: a readable file with no article is a warning on stderr, as its record has no error."""
    (tmp_path / "empty.txt").write_text("Home\nNews\n")
    result = runner.invoke(app, ["clean", str(tmp_path / "empty.txt"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: warning: no article text found" in result.stderr
    assert ": error:" not in result.stderr and json.loads(result.stdout)["error"] is None


def test_colour_on_a_terminal_only_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 26, item 9: explain colours keep/drop and check its rule codes on a terminal; NO_COLOR stops it."""
    from scrubnews.cli import terminal
    from scrubnews.cli.explain import explain_lines
    from scrubnews.pipeline import clean_bytes

    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stdout", Terminal())
    assert terminal.colour_on_stdout()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.colour_on_stdout()
    monkeypatch.undo()
    assert not terminal.colour_on_stdout()  # a pipe (pytest's capture)
    doc = clean_bytes(("Home\n\n" + ARTICLE).encode(), path="a.txt")
    lines = list(explain_lines(doc, paint=terminal.painted))
    assert "\x1b[32mkeep\x1b[0m" in lines[-1] and "\x1b[2mdrop\x1b[0m" in lines[0]
    assert "\x1b[" not in "".join(explain_lines(doc))


def test_verbose_names_each_file_with_its_time_and_verdicts(tmp_path: Path) -> None:
    """Issue 26, item 9: -v prints one line a file: the time into the run, kept and dropped, words."""
    (tmp_path / "a.txt").write_text("Home\n\n" + ARTICLE)
    (tmp_path / "b.txt").write_text("Menu\n")
    result = runner.invoke(app, ["clean", str(tmp_path), "-v", "-q", "--dedup", "off"])
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 2
    assert re.fullmatch(
        rf"\[ *\d+\.\d\d s\] {re.escape(str(tmp_path / 'a.txt'))}: \d+ kept, \d+ dropped .*, \d+ words", lines[0]
    )
    assert "0 kept" in lines[1]


@pytest.mark.parametrize(
    ("argv", "code", "shown"),
    [
        (["clean", "--help"], 0, "clean [OPTIONS]"),
        (["--debug", "schema", "--help"], 0, "schema [OPTIONS]"),
        (["index", "--help"], 0, "build"),  # a group of commands
        (["--help"], 0, "dupes"),  # the whole app: every command listed
        (["cleen"], 2, "Did you mean 'clean'?"),  # a mistyped name: the whole app suggests
    ],
)
def test_run_builds_the_named_command_and_the_whole_app_otherwise(
    argv: list[str], code: int, shown: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scrubnews.cli.main import run

    monkeypatch.setattr(sys, "argv", ["scrubnews", *argv])
    monkeypatch.setenv("SCRUBNEWS_DEBUG", "")  # --debug sets it for the process: put back afterwards
    with pytest.raises(SystemExit) as stop:
        run()
    assert stop.value.code == code
    captured = capsys.readouterr()
    assert shown in captured.out + captured.err
