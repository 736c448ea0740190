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
