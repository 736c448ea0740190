import numpy as np

from scrubnews.neardup.shingles import ShingleHasher, normalise, words_of

TEXT = "Dmitriev’s post — “Shall 2029 be the year?” — drew replies & praise."


def test_scrape_damage_normalises_away() -> None:
    clean = normalise(TEXT)
    assert normalise("Dmitrievâ€™s post â€” â€œShall 2029 be the year?â€\x9d â€” drew replies &amp; praise.") == clean
    assert normalise(TEXT.replace(" ", "  ").replace(". ", ".\u00a0")) == clean
    assert normalise("ＤＭＩＴＲＩＥＶ") == "dmitriev"  # NFKC folds full-width letters


def test_ascii_fast_path_agrees_with_full_path() -> None:
    text = "He said: 'It's done -- finally' (AP) & more_stuff"
    assert words_of(text) == normalise(text).encode().split()
    assert words_of("Putin’s plan") == [b"putins", b"plan"]


def test_batch_equals_one_by_one() -> None:
    texts = ["one two three four", "", "single", "one two three four five", TEXT]
    hasher = ShingleHasher(2)
    batch = hasher.many(texts)
    for text, shingles in zip(texts, batch, strict=True):
        assert np.array_equal(ShingleHasher(2)(text), shingles)


def test_shingles_are_sorted_unique_and_stable() -> None:
    shingles = ShingleHasher(2)("a b a b a b")
    assert list(shingles) == sorted(set(shingles.tolist()))
    assert len(shingles) == 2  # "a b" and "b a"
    assert ShingleHasher(2)("the cat sat").tolist() == ShingleHasher(2)("The  CAT, sat!").tolist()
