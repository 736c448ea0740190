from pathlib import Path

import pytest

from scrubnews.cli.settings import config_from, find_settings, load_settings
from scrubnews.config import DedupMode
from scrubnews.errors import ConfigError


def test_found_by_walking_up_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.scrubnews]\njaccard = 0.6\n[tool.scrubnews.check]\nignore = ["SN002"]\n'
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    settings = load_settings(deep)
    assert settings.source == tmp_path / "pyproject.toml"
    assert settings.get("jaccard", None, 0.5) == 0.6
    assert settings.get_check("ignore", None, []) == ["SN002"]
    assert settings.get_check("ignore", ["SN001"], []) == ["SN001"]  # a flag wins


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.scrubnews]\ndedup = 'drop'\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_settings(inner) == tmp_path / "pyproject.toml"


def test_scrubnews_toml_and_flag_precedence(tmp_path: Path) -> None:
    (tmp_path / "scrubnews.toml").write_text("dedup = 'drop'\ncontainment = 0.7\n")
    settings = load_settings(tmp_path)
    config = config_from(settings, None, None, None, 0.9)
    assert config.dedup.mode is DedupMode.DROP
    assert config.dedup.containment == 0.9  # the flag wins
    assert config_from(settings, None, DedupMode.OFF, None, None).dedup.mode is DedupMode.OFF


def test_unknown_or_mistyped_settings_are_errors(tmp_path: Path) -> None:
    (tmp_path / "scrubnews.toml").write_text("jacard = 0.5\n")
    with pytest.raises(ConfigError, match="unknown setting 'jacard'"):
        load_settings(tmp_path)
    (tmp_path / "scrubnews.toml").write_text("[check]\nmin-words = 'many'\n")
    with pytest.raises(ConfigError, match=r"check\.min-words"):
        load_settings(tmp_path)


def test_isolated_ignores_the_file(tmp_path: Path) -> None:
    (tmp_path / "scrubnews.toml").write_text("dedup = 'drop'\n")
    assert load_settings(tmp_path, isolated=True).source is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jaccard = 7\n", r"'jaccard' should be a number between 0 and 1, not 7"),
        ("containment = -0.1\n", r"'containment' should be a number between 0 and 1, not -0.1"),
        ("max-bytes = 0\n", r"'max-bytes' should be a whole number of at least 1, not 0"),
        ("max-lines = -5\n", r"'max-lines' should be a whole number of at least 1"),
        ("max-lines = true\n", r"'max-lines' should be a whole number of at least 1, not true"),
        ("[check]\nmin-words = 0\n", r"'check\.min-words' should be a whole number of at least 1, not 0"),
        ("dedup = 'maybe'\n", r"'dedup' should be one of flag, drop, off, not \"maybe\""),
        ("exclude = 'drafts'\n", r"'exclude' should be a list of strings, not \"drafts\""),
        ("respect-gitignore = 1\n", r"'respect-gitignore' should be true or false, not 1"),
        ("[check]\noutput-format = 'xml'\n", r"'check\.output-format' should be one of concise, .*, not \"xml\""),
        ("[check]\nselekt = []\n", r"unknown setting 'check\.selekt'"),
    ],
)
def test_values_out_of_range_are_errors_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "scrubnews.toml").write_text(text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(tmp_path)
    assert str(tmp_path / "scrubnews.toml") in str(raised.value)


def test_the_readmes_sample_settings_load_as_written(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text()
    sample = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert sample is not None
    (tmp_path / "pyproject.toml").write_text(sample.group(1))
    settings = load_settings(tmp_path)
    assert settings.get("dedup", None, None) == "flag" and settings.get_check("min_words", None, None) == 120
    config = config_from(settings, None, None, None, None)
    assert config.decode.encoding == "utf-8" and config.decode.max_lines == 100_000
