"""The command line keeps the top of the C heap mapped (glibc); elsewhere it changes nothing."""

from __future__ import annotations

import platform
import sys

import pytest

from scrubnews.run.heap import keep_heap_top


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_glibc_takes_the_heap_padding() -> None:
    keep_heap_top.cache_clear()
    assert keep_heap_top() is True


def test_other_platforms_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    keep_heap_top.cache_clear()
    assert keep_heap_top() is False
    keep_heap_top.cache_clear()
