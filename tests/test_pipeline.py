"""Where ``clean_to``'s finishing step runs: in the workers when every stage runs there, else here."""

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


@pytest.mark.parametrize(("mode", "in_workers"), [(DedupMode.OFF, True), (DedupMode.FLAG, False)])
def test_finish_runs_where_each_document_becomes_final(tmp_path: Path, mode: DedupMode, in_workers: bool) -> None:
    for k in range(24):
        (tmp_path / f"{k:02d}.txt").write_text(ARTICLE.replace("Mars", f"Mars {k}"))
    config = Config(dedup=DedupConfig(mode=mode))
    sources = discover([str(tmp_path)])
    finished = list(clean_to(where, sources, config, jobs=2))
    expected = [(doc.path, len(doc.kept)) for doc in clean(sources, config)]
    assert [(path, kept) for path, kept, _ in finished] == expected  # same results, in input order
    pids = {pid for _, _, pid in finished}
    if in_workers:
        assert os.getpid() not in pids
    else:
        assert pids == {os.getpid()}
