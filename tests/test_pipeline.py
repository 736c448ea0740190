"""Where ``clean_to``'s finishing step runs: in the workers, with dedup on or off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scrubnews.config import Config, DedupConfig, DedupMode
from scrubnews.document import Document
from scrubnews.io.readers import discover
from scrubnews.pipeline import clean, clean_to
from tests.cli.test_cli import ARTICLE


def where(doc: Document) -> tuple[str, int, int]:
    return doc.path, len(doc.kept), os.getpid()


@pytest.mark.parametrize("mode", [DedupMode.OFF, DedupMode.FLAG, DedupMode.DROP])
def test_finish_runs_in_the_workers(tmp_path: Path, mode: DedupMode) -> None:
    for k in range(24):
        text = ARTICLE.replace("Mars", f"Mars {k}") if k % 3 else ARTICLE  # copies for dedup to link
        (tmp_path / f"{k:02d}.txt").write_text(text)
    config = Config(dedup=DedupConfig(mode=mode))
    sources = discover([str(tmp_path)])
    finished = list(clean_to(where, sources, config, jobs=2))
    expected = [(doc.path, len(doc.kept)) for doc in clean(sources, config)]
    assert [(path, kept) for path, kept, _ in finished] == expected  # same results, in input order
    assert os.getpid() not in {pid for _, _, pid in finished}


def test_debug_is_in_the_config_so_every_engine_and_worker_sees_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error on one file marks that file; with ``Config.debug`` (``--debug``) it is raised."""
    import scrubnews.run.stages
    from scrubnews.pipeline import clean_bytes

    def broken(doc: Document, config: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr(scrubnews.run.stages, "find_meta", broken)
    monkeypatch.delenv("SCRUBNEWS_DEBUG", raising=False)
    doc = clean_bytes(ARTICLE.encode(), Config())
    assert doc.problem == "internal error in broken: RuntimeError: boom"
    with pytest.raises(RuntimeError, match="boom"):
        clean_bytes(ARTICLE.encode(), Config(debug=True))


@pytest.mark.parametrize(
    ("mode", "cross_file"), [(DedupMode.OFF, False), (DedupMode.FLAG, True), (DedupMode.DROP, True)]
)
def test_cross_file_says_whether_files_wait_for_the_whole_run(mode: DedupMode, cross_file: bool) -> None:
    from scrubnews.run.stages import default_stages, per_file_stages

    config = Config(dedup=DedupConfig(mode=mode))
    assert config.cross_file is cross_file
    assert (per_file_stages(config) < len(default_stages(config))) is cross_file
