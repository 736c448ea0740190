from pathlib import Path

import pytest

from scrubnews.config import Config
from scrubnews.errors import InputError, OutputError
from scrubnews.io.readers import discover
from scrubnews.neardup.index import build_index, load_index, save_index, update_index
from scrubnews.pipeline import clean

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def index_of(*paths: Path):  # type: ignore[no-untyped-def]
    return build_index(clean(discover([str(p) for p in paths]), Config()), Config().dedup)


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    save_index(index_of(SEEDS), tmp_path / "a.index")
    save_index(index_of(SEEDS), tmp_path / "b.index")
    assert (tmp_path / "a.index").read_bytes() == (tmp_path / "b.index").read_bytes()


def test_round_trip(tmp_path: Path) -> None:
    index = index_of(SEEDS)
    save_index(index, tmp_path / "s.index")
    loaded = load_index(tmp_path / "s.index")
    assert loaded.files == index.files
    assert (loaded.signatures == index.signatures).all() and (loaded.spans == index.spans).all()
    assert len(loaded.files) == 5 and len(loaded.spans) > 40


def test_update_adds_without_rebuilding_and_matches_a_fresh_build(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.iterdir())
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for path in seeds[:2]:
        (first / path.name).write_bytes(path.read_bytes())
    for path in seeds[2:]:
        (rest / path.name).write_bytes(path.read_bytes())
    start = build_index(clean(discover([str(first)]), Config()), Config().dedup)
    # Same file names under another folder argument: paths differ, so all three are new.
    updated, added, replaced = update_index(start, clean(discover([str(rest)]), Config()), Config().dedup)
    assert (added, replaced) == (3, 0)
    fresh = build_index(clean(discover([str(first), str(rest)]), Config()), Config().dedup)
    save_index(updated, tmp_path / "u.index")
    save_index(fresh, tmp_path / "f.index")
    assert (tmp_path / "u.index").read_bytes() == (tmp_path / "f.index").read_bytes()
    _, added, replaced = update_index(updated, clean(discover([str(rest)]), Config()), Config().dedup)
    assert (added, replaced) == (0, 0)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"PK\x03\x04" + data[4:], "not a scrubnews index"),
        (lambda data: data[:-100], "corrupt or truncated"),
        (lambda data: data[:60] + bytes([data[60] ^ 1]) + data[61:], "corrupt or truncated"),
    ],
)
def test_foreign_or_corrupt_files_are_clear_errors(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.index"
    save_index(index_of(SEEDS), path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(InputError, match=message):
        load_index(path)


def test_a_pickle_is_refused_unread(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "evil.index"
    path.write_bytes(pickle.dumps({"x": 1}))
    with pytest.raises(InputError, match="not a scrubnews index"):
        load_index(path)


def test_an_index_that_cannot_be_written_is_an_output_error_and_the_old_one_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "seeds.idx"
    index = index_of(SEEDS)
    save_index(index, path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("scrubnews.io.writers.os.open", refuse)  # a read-only folder, even for root
    with pytest.raises(OutputError, match="cannot write the index: Permission denied"):
        save_index(index, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["seeds.idx"]
