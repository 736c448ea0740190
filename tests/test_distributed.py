"""`clean --engine dask` on a real (local, two-worker) dask cluster gives exactly the local verdicts."""

from __future__ import annotations

import os
import pickle
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from scrubnews.cli import app
from scrubnews.config import Config, DedupConfig, DedupMode, Engine
from scrubnews.io.readers import discover
from scrubnews.pipeline import clean, clean_to
from tests.test_pipeline import where

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # A spawned worker starts with this process's sys.path: with the repository on it, the
    # workers can import what a test sends them, the tests' own functions too.
    sys.path.insert(0, str(ROOT))
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
        sys.path.remove(str(ROOT))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, HTML pages, an unreadable file, and 80 syndicated variants of the seeds (cut, reordered,
    reworded, with a new intro): more files than one shard, and exact and near copies for the
    cross-file steps, in buckets too large to pair every member."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(5)
    seeds = sorted((ROOT / "seeds").iterdir())
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
    for page in ["dev-heise-html", "val-wcxb_0018-html"]:
        (folder / f"{page}.html").write_bytes((ROOT / "fixtures" / page / "input.html").read_bytes())
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for k in range(80):
        blocks = seeds[k % len(seeds)].read_text().split("\n\n")
        kept = [_reworded(rng, b) if k % 2 else b for b in blocks if rng.random() < 0.85]
        if k % 3 == 0:
            rng.shuffle(kept)
        (folder / f"variant-{k:03d}.txt").write_text(f"Syndicated edition {k}\n\n" + "\n\n".join(kept))
    return folder


def _reworded(rng: random.Random, paragraph: str) -> str:
    """A few words changed: near, not exact, copies (buckets of many members, partial matches)."""
    words = paragraph.split(" ")
    for _ in range(rng.randint(0, 3)):
        words[rng.randrange(len(words))] = rng.choice(["new", "old", "Mars", "report"])
    return " ".join(words)


def clean_jsonl(corpus: Path | str, *options: str) -> str:
    result = runner.invoke(app, ["clean", str(corpus), "--format", "jsonl", "-q", *options])
    assert result.exit_code == 1, result.stderr  # the image cannot be read
    return result.stdout


@pytest.mark.parametrize("dedup", ["flag", "drop", "off"])
def test_dask_gives_exactly_the_local_verdicts(scheduler: str, corpus: Path, dedup: str) -> None:
    local = clean_jsonl(corpus, "--dedup", dedup, "--jobs", "1")
    on_dask = clean_jsonl(corpus, "--dedup", dedup, "--engine", "dask", "--scheduler", scheduler)
    assert on_dask == local
    assert local.count("\n") == 5 + 2 + 1 + 80
    if dedup != "off":
        assert '"cluster_size"' in local


def test_dask_writes_out_files_like_the_local_engine(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["clean", str(corpus), "-q", "-o", str(tmp_path / "local"), "--jobs", "1"])
    runner.invoke(
        app, ["clean", str(corpus), "-q", "-o", str(tmp_path / "dask"), "--engine", "dask", "--scheduler", scheduler]
    )
    local = {p.relative_to(tmp_path / "local"): p.read_bytes() for p in (tmp_path / "local").rglob("*") if p.is_file()}
    on_dask = {p.relative_to(tmp_path / "dask"): p.read_bytes() for p in (tmp_path / "dask").rglob("*") if p.is_file()}
    assert on_dask == local and len(local) == 87


def test_dask_refuses_stdin_and_a_scheduler_without_the_engine(scheduler: str) -> None:
    piped = runner.invoke(app, ["clean", "-", "--engine", "dask", "--scheduler", scheduler], input="Some text.\n")
    assert piped.exit_code == 2 and "standard input" in piped.stderr
    alone = runner.invoke(app, ["clean", str(ROOT / "seeds"), "--scheduler", scheduler])
    assert alone.exit_code == 2 and "--engine dask" in alone.stderr


def test_files_behind_a_url_are_read_by_the_workers_with_the_local_verdicts(scheduler: str, corpus: Path) -> None:
    url = corpus.as_uri()  # file://...: a store the workers reach themselves, as they would s3://
    local = clean_jsonl(corpus, "--dedup", "flag", "--jobs", "1")
    on_dask = clean_jsonl(url, "--dedup", "flag", "--engine", "dask", "--scheduler", scheduler)
    assert on_dask.replace(url, str(corpus)) == local


@pytest.mark.parametrize("mode", [DedupMode.OFF, DedupMode.FLAG, DedupMode.DROP])
def test_finish_runs_on_the_workers_in_every_mode(scheduler: str, corpus: Path, mode: DedupMode) -> None:
    """With dedup on too: the cross-file steps run on the cluster, and only what ``finish`` makes
    comes back."""
    config = Config(dedup=DedupConfig(mode=mode))
    sources = discover([str(corpus)])
    finished = list(clean_to(where, sources, config, engine=Engine.DASK, scheduler=scheduler))
    assert [(path, kept) for path, kept, _ in finished] == [(doc.path, len(doc.kept)) for doc in clean(sources, config)]
    pids = {pid for _, _, pid in finished}
    assert pids and os.getpid() not in pids


@pytest.mark.parametrize("mode", [DedupMode.OFF, DedupMode.FLAG])
def test_a_run_of_no_files_or_only_unreadable_ones(scheduler: str, tmp_path: Path, mode: DedupMode) -> None:
    config = Config(dedup=DedupConfig(mode=mode))
    assert list(clean([], config, engine=Engine.DASK, scheduler=scheduler)) == []
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    sources = discover([str(tmp_path)])
    on_dask = list(clean(sources, config, engine=Engine.DASK, scheduler=scheduler))
    assert on_dask == list(clean(sources, config)) and on_dask[0].problem


@pytest.mark.parametrize("mode", [DedupMode.OFF, DedupMode.FLAG])
def test_data_reaches_tasks_as_futures_not_in_the_task(
    scheduler: str, corpus: Path, mode: DedupMode, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dask keeps every value handed to ``submit`` in the scheduler for the rest of the run (a local
    cluster's scheduler runs in the client's process): files and changes must be scattered first."""
    handed: list[object] = []
    submit = distributed.Client.submit

    def spy(self: object, fn: object, *args: object, **kwargs: object) -> object:
        handed.extend(args)
        return submit(self, fn, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(distributed.Client, "submit", spy)
    config = Config(dedup=DedupConfig(mode=mode))
    sources = discover([str(corpus)])
    assert list(clean(sources, config, engine=Engine.DASK, scheduler=scheduler)) == list(clean(sources, config))
    # Settings and numbers may travel in the task (a few hundred bytes).
    carried = [len(pickle.dumps(a)) for a in handed if not isinstance(a, distributed.Future) and not callable(a)]
    assert handed and max(carried, default=0) < 4 << 10
    assert not [a for a in handed if isinstance(a, np.ndarray)]  # arrays grow with the run: sent with put
