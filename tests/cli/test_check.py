"""check, rule and index through the command line; pre-commit for real."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scrubnews.check.baseline import fingerprint, load_baseline, without_baseline
from scrubnews.check.formats import OutputFormat
from scrubnews.check.rules import RULES, Finding
from scrubnews.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
ARTICLE = "".join(
    f"Officials in the capital said on {day} that the talks about the space mission would resume next week, "
    f"and that both delegations had agreed to publish a joint statement about {topic} afterwards.\n\n"
    for day, topic in [("Monday", "the launch"), ("Tuesday", "the budget"), ("Friday", "the crew")]
)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "good.txt").write_text("Home\n\n" + ARTICLE)
    (folder / "stub.txt").write_text("Home\nNews\nSubscribe to our newsletter\n")
    return folder


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_exit_status_is_the_same_for_every_format(batch: Path, fmt: OutputFormat) -> None:
    found = runner.invoke(app, ["check", str(batch), "--output-format", fmt.value, "--isolated"])
    assert found.exit_code == 1, found.output
    assert "SN001" in found.stdout
    quiet = runner.invoke(app, ["check", str(batch / "good.txt"), "--output-format", fmt.value, "--isolated"])
    assert quiet.exit_code == 0, quiet.output
    broken = runner.invoke(app, ["check", str(batch), "--output-format", fmt.value, "--select", "NOPE"])
    assert broken.exit_code == 2


def test_concise_line_and_summary(batch: Path) -> None:
    result = runner.invoke(app, ["check", str(batch), "--isolated"])
    assert result.stdout == f"{batch / 'stub.txt'}:1:1: SN001 no article text found\n"
    assert "Found 1 finding in 1 file." in result.stderr


def test_exit_zero_select_ignore(batch: Path) -> None:
    assert runner.invoke(app, ["check", str(batch), "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["check", str(batch), "--ignore", "SN001"]).exit_code == 0
    assert runner.invoke(app, ["check", str(batch), "--select", "SN002,SN003"]).exit_code == 0


def test_baseline_accepts_known_findings_only(batch: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    written = runner.invoke(app, ["check", str(batch), "--write-baseline", str(baseline)])
    assert written.exit_code == 0 and json.loads(baseline.read_text())["findings"][0]["code"] == "SN001"
    assert runner.invoke(app, ["check", str(batch), "--baseline", str(baseline)]).exit_code == 0
    (batch / "empty2.txt").write_text("Menu\nSearch\n")
    result = runner.invoke(app, ["check", str(batch), "--baseline", str(baseline)])
    assert result.exit_code == 1 and "empty2.txt" in result.stdout and "stub.txt" not in result.stdout
    missing = runner.invoke(app, ["check", str(batch), "--baseline", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "--write-baseline" in missing.stderr


def test_settings_file_is_read_and_flags_win(batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.scrubnews.check]\nignore = ["SN001"]\noutput-format = "json"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(batch)])
    assert result.exit_code == 0 and result.stdout == "[]\n"
    assert runner.invoke(app, ["check", str(batch), "--ignore", "SN002"]).exit_code == 0  # adds to the ignores
    selected = runner.invoke(app, ["check", str(batch), "--select", "SN001"])  # wins over the file's ignore
    assert selected.exit_code == 1 and "SN001" in selected.stdout
    extended = runner.invoke(app, ["check", str(batch), "--extend-select", "SN001", "--output-format", "concise"])
    assert extended.exit_code == 1 and "SN001" in extended.stdout
    both = runner.invoke(app, ["check", str(batch), "--select", "SN001", "--ignore", "SN001"])
    assert both.exit_code == 0  # the command line's own ignore still applies
    (tmp_path / "pyproject.toml").write_text("[tool.scrubnews]\nbogus = 1\n")
    bad = runner.invoke(app, ["check", str(batch)])
    assert bad.exit_code == 2 and "unknown setting 'bogus'" in bad.stderr


def test_index_build_update_and_against(batch: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_text("Menu\n\n" + ARTICLE.replace("Monday", "Sunday"))
    index = tmp_path / "corpus.index"
    built = runner.invoke(app, ["index", "build", str(corpus), "-o", str(index)])
    assert built.exit_code == 0 and "indexed 3 paragraphs of 1 files" in built.stderr
    result = runner.invoke(app, ["check", str(batch / "good.txt"), "--against", str(index)])
    assert result.exit_code == 1 and "SN005" in result.stdout and "old.txt" in result.stdout
    more = tmp_path / "more"
    more.mkdir()
    (more / "new.txt").write_text(ARTICLE)
    updated = runner.invoke(app, ["index", "update", str(index), str(more)])
    assert updated.exit_code == 0 and "1 files added" in updated.stderr
    (tmp_path / "junk.index").write_bytes(b"not an index at all")
    foreign = runner.invoke(app, ["check", str(batch), "--against", str(tmp_path / "junk.index")])
    assert foreign.exit_code == 2 and "not a scrubnews index" in foreign.stderr


def test_rule_explains_and_lists() -> None:
    one = runner.invoke(app, ["rule", "sn003"])
    assert one.exit_code == 0 and one.stdout.startswith("SN003 (cut-off)") and "What to do:" in one.stdout
    assert runner.invoke(app, ["rule"]).stdout.count("\n") == len(RULES)
    assert runner.invoke(app, ["rule", "SN999"]).exit_code == 2


def test_readme_documents_every_rule_and_command() -> None:
    readme = (ROOT / "docs" / "check.md").read_text()
    for rule in RULES.values():  # `python -m scrubnews.check.rules` prints these sections
        assert rule.markdown() in readme, f"README's section on {rule.code} differs from its declaration"
    for command in ["scrubnews check", "scrubnews rule", "scrubnews index build", "scrubnews index update"]:
        assert command in readme


@pytest.mark.skipif(shutil.which("pre-commit") is None and shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_runs_for_real(tmp_path: Path) -> None:
    """Install this checkout as a pre-commit hook repo and run it on a temporary git repo."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "scraped"
    repo.mkdir()
    (repo / "good.txt").write_text("Home\n\n" + ARTICLE)
    (repo / "stub.txt").write_text("Home\nNews\n")
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    # No compiler for the hook's own install: quicker, and it proves an install without one still works.
    env["CC"] = "false"
    result = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "scrubnews-check", "--files", "good.txt", "stub.txt"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "stub.txt:1:1: SN001 no article text found" in result.stdout
    assert "good.txt" not in result.stdout.split("scrubnews check")[-1]


def test_index_build_with_nothing_readable_writes_no_index(tmp_path: Path) -> None:
    index = tmp_path / "index.json"
    result = runner.invoke(app, ["index", "build", str(tmp_path / "missing"), "-o", str(index)])
    assert result.exit_code == 1
    assert "no such file" in result.output and "nothing to index" in result.output
    assert not index.exists()


def test_findings_are_sorted_and_json_lines_is_jsonl(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Home\nNews\n")
    (tmp_path / "a.txt").write_text("Menu\n")
    (tmp_path / "c.txt").write_text("Home\n\n" + ARTICLE + "\n\n" + ARTICLE.split("\n\n")[0] + "\n")
    lines = runner.invoke(app, ["check", str(tmp_path / "c.txt"), str(tmp_path / "b.txt"), str(tmp_path / "a.txt")])
    keys = [line.split(": ")[0] for line in lines.stdout.splitlines() if ": SN" in line]
    paths_lines = [(k.rsplit(":", 2)[0], int(k.rsplit(":", 2)[1])) for k in keys]
    assert paths_lines == sorted(paths_lines) and len(paths_lines) >= 3
    as_ruff = runner.invoke(app, ["check", str(tmp_path), "--output-format", "json-lines"])
    assert as_ruff.stdout == runner.invoke(app, ["check", str(tmp_path), "--output-format", "jsonl"]).stdout
    assert as_ruff.exit_code == 1


def test_a_baseline_survives_unrelated_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from another folder, lines added above, counts in messages changed: nothing accepted comes back."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'corpus'\n")
    scraped = tmp_path / "scraped"
    scraped.mkdir()
    repeat = ARTICLE.split("\n\n")[0]
    (scraped / "page.txt").write_text("Home\n\n" + ARTICLE + "Footer\n\n" + repeat + "\n")  # SN006 at some line
    (scraped / "short.txt").write_text("Home\n\n" + repeat + "\n")  # SN002 "article has N words"
    monkeypatch.chdir(tmp_path)
    written = runner.invoke(app, ["check", "scraped", "--write-baseline", "baseline.json"])
    assert written.exit_code == 0
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 3
    assert {item["path"] for item in data["findings"]} == {"scraped/page.txt", "scraped/short.txt"}
    assert {item["code"] for item in data["findings"]} >= {"SN006", "SN002"}
    # Lines added above the finding and words added to the short article (its message changes).
    (scraped / "page.txt").write_text("Home\nWorld\nEurope\n\n" + ARTICLE + "Footer\n\n" + repeat + "\n")
    (scraped / "short.txt").write_text("Home\n\n" + repeat + " It was cold.\n")
    monkeypatch.chdir(scraped)  # and run from inside the folder
    result = runner.invoke(app, ["check", ".", "--baseline", str(tmp_path / "baseline.json")])
    assert result.exit_code == 0, result.stdout
    # Changing the offending line itself brings its finding back.
    (scraped / "page.txt").write_text("Home\n\n" + ARTICLE + "Footer\n\n" + ARTICLE.split("\n\n")[1] + "\n")
    result = runner.invoke(app, ["check", ".", "--baseline", str(tmp_path / "baseline.json")])
    assert result.exit_code == 1 and "SN006" in result.stdout


def test_an_old_baseline_is_a_clear_error(tmp_path: Path) -> None:
    old = tmp_path / "baseline.json"
    old.write_text(json.dumps({"version": 1, "findings": [{"path": "a.txt", "code": "SN001", "message": "x"}]}))
    result = runner.invoke(app, ["check", str(tmp_path), "--baseline", str(old)])
    assert result.exit_code == 2 and "older scrubnews" in result.stderr and "--write-baseline" in result.stderr


def test_statistics_output_file_and_encoding(batch: Path, tmp_path: Path) -> None:
    (batch / "latin.txt").write_bytes(("Home\n\n" + ARTICLE.replace("capital", "capitale señor")).encode("cp1252"))
    stats = runner.invoke(app, ["check", str(batch), "--statistics"])
    assert stats.exit_code == 1
    assert stats.stdout.splitlines()[0].split("\t") == [
        "1",
        "SN001",
        "[no-article] no article text left after stripping",
    ]
    target = tmp_path / "out" / "findings.json"
    written = runner.invoke(app, ["check", str(batch), "--output-format", "json", "-o", str(target)])
    assert written.exit_code == 1 and written.stdout == ""
    assert {item["code"] for item in json.loads(target.read_text())} == {"SN001", "SN005"}  # latin.txt copies good.txt
    forced = runner.invoke(app, ["check", str(batch), "--encoding", "utf-8", "--select", "SN007"])
    assert forced.exit_code == 1 and "latin.txt" in forced.stdout  # read as UTF-8, it has U+FFFD


def test_the_pre_commit_hook_only_takes_files_scrubnews_reads() -> None:
    import re

    hook = (ROOT / ".pre-commit-hooks.yaml").read_text()
    files = re.search(r"files: '(.+)'", hook)
    assert files is not None
    pattern = re.compile(files.group(1))
    assert all(pattern.search(name) for name in ["a.txt", "b/c.html", "d.htm", "e.xhtml"])
    assert not any(pattern.search(name) for name in [".pre-commit-config.yaml", "pyproject.toml", "README.md"])


def test_config_and_show_settings(batch: Path, tmp_path: Path) -> None:
    settings = tmp_path / "elsewhere" / "team.toml"
    settings.parent.mkdir()
    settings.write_text('dedup = "drop"\nexclude = ["drafts/"]\n[check]\nignore = ["SN001"]\nmin-words = 120\n')
    shown = runner.invoke(app, ["check", str(batch), "--config", str(settings), "--show-settings", "--ignore", "SN002"])
    assert shown.exit_code == 0, shown.output
    assert f"# settings file: {settings.resolve()}" in shown.stdout
    assert 'ignore = ["SN001", "SN002"]' in shown.stdout and "min-words = 120" in shown.stdout
    assert 'exclude = ["drafts/"]' in shown.stdout
    checked = runner.invoke(app, ["check", str(batch), "--config", str(settings)])
    assert "SN001" not in checked.stdout and "SN002" in checked.stdout  # ignored; min-words 120 from the file
    clean_shown = runner.invoke(app, ["clean", str(batch), "--config", str(settings), "--show-settings"])
    assert clean_shown.exit_code == 0 and 'dedup = "drop"' in clean_shown.stdout
    missing = runner.invoke(app, ["clean", str(batch), "--config", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 2 and "no such settings file" in missing.stderr


def test_one_name_for_one_idea_on_every_command(batch: Path, tmp_path: Path) -> None:
    as_clean = runner.invoke(app, ["check", str(batch), "--format", "json", "-q"])
    as_ruff = runner.invoke(app, ["check", str(batch), "--output-format", "json", "-q"])
    assert as_clean.stdout == as_ruff.stdout and as_clean.exit_code == as_ruff.exit_code == 1
    concise = runner.invoke(app, ["check", str(batch), "-q"])
    assert concise.stderr == "" and "SN001" in concise.stdout
    lines = runner.invoke(app, ["clean", str(batch), "--output-format", "jsonl", "-q"]).stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema_version"] == 2 for line in lines)
    built = runner.invoke(app, ["index", "build", str(batch), "--out", str(tmp_path / "i"), "-q"])
    assert built.exit_code == 0 and built.stderr == "" and (tmp_path / "i").is_file()
    out = tmp_path / "texts"
    assert runner.invoke(app, ["clean", str(batch), "--output", str(out), "-q"]).exit_code == 1  # stub.txt: no article
    assert (out / "good.txt").is_file()


def test_against_an_index_a_file_is_no_copy_of_itself_and_no_pair_comes_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Menu\n\n" + ARTICLE)
    (corpus / "b.txt").write_text("Home\n\n" + ARTICLE.replace("Monday", "Sunday"))
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["index", "build", "corpus", "-o", "corpus.index"]).exit_code == 0
    # a.txt itself, spelt another way: not a copy of itself.
    alone = runner.invoke(app, ["check", str(corpus / "a.txt"), "--against", "corpus.index", "--select", "SN005"])
    assert "SN005" in alone.stdout and alone.stdout.count("SN005") == 1 and "b.txt" in alone.stdout
    again = runner.invoke(app, ["check", "./corpus/b.txt", "--against", "corpus.index", "--select", "SN005"])
    assert "copied from corpus/a.txt" in again.stdout and "b.txt in" not in again.stdout
    # Both in the batch and in the index: the pair is reported once, from the batch (the later file).
    both = runner.invoke(app, ["check", "./corpus", "--against", "corpus.index", "--select", "SN005"])
    assert both.stdout.count("SN005") == 1, both.stdout


def test_a_baseline_fails_on_a_new_identical_occurrence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 26, item 3: a baseline counts each accepted finding; one more of the same is new."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    stub = tmp_path / "in" / "stub.txt"
    stub.write_text("Home\nNews\n")
    runner = CliRunner()
    assert runner.invoke(app, ["check", "in", "--write-baseline", "base.json"]).exit_code == 0
    data = json.loads((tmp_path / "base.json").read_text())
    assert data["version"] == 3 and all(item["count"] >= 1 for item in data["findings"])
    assert runner.invoke(app, ["check", "in", "--baseline", "base.json"]).exit_code == 0
    (tmp_path / "in" / "stub2.txt").write_text("Home\nNews\n")  # a second file: its own path, its own finding
    again = runner.invoke(app, ["check", "in", "--baseline", "base.json"])
    assert again.exit_code == 1 and "stub2.txt" in again.stdout
    # The same finding twice in one file: accepted once, so the second occurrence is new.
    dupe = Finding("in/x.txt", 3, 1, "SN004", "marker", "drop it", content="READ MORE:")
    accepted = Counter({fingerprint(dupe, tmp_path): 1})
    assert without_baseline([dupe, dupe], accepted, tmp_path) == [dupe]
    # A baseline written before counts (version 2) accepts each fingerprint once.
    (tmp_path / "old.json").write_text(
        json.dumps(
            {
                "version": 2,
                "findings": [dict(zip(("code", "path", "content"), fingerprint(dupe, tmp_path), strict=True))],
            }
        )
    )
    assert load_baseline(tmp_path / "old.json") == accepted


def test_check_jobs_reaches_the_engine_with_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 28: `check --jobs N` was accepted and ignored; it now runs N workers, with the same findings."""
    import scrubnews.check.run

    seen: list[int] = []
    real_clean_to = scrubnews.check.run.clean_to

    def clean_to(finish: object, sources: object, config: object, jobs: int = 1) -> object:
        seen.append(jobs)
        return real_clean_to(finish, sources, config, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(scrubnews.check.run, "clean_to", clean_to)
    seeds = str(ROOT / "seeds")
    one = CliRunner().invoke(app, ["check", seeds, "--jobs", "1", "--format", "json-lines"])
    two = CliRunner().invoke(app, ["check", seeds, "--jobs", "2", "--format", "json-lines"])
    assert seen == [1, 2]
    assert one.stdout == two.stdout and one.exit_code == two.exit_code
