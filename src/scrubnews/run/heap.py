"""Keep the freed top of the C heap mapped between pages instead of handing it back to the kernel.

Every page allocates and frees numpy temporaries of a few hundred KB to a
few MB (feature matrices, the tree walk). glibc gives the free top of its
heap back to the kernel as soon as it passes a threshold, and the next page
faults the same memory back in, page by page. Asking glibc to keep
``TOP_PAD`` bytes at the top of the heap (``M_TOP_PAD``) leaves those pages
mapped, for the same peak memory. Setting it also fixes glibc's threshold
for serving a block by a mapping of its own at 128 KB, which it would
otherwise raise as such blocks are freed, so that every temporary over it
would be mapped and faulted in afresh: ``MMAP_THRESHOLD`` serves blocks up
to 4 MB from the heap. Both matter most in a process that keeps a run's
documents while it cleans more pages (a dask worker with dedup on). Each
step's page faults and times are in ``benchmarks/README.md`` ("Throughput,
``--jobs`` and ``--engine dask``"). Elsewhere (musl, macOS, Windows) nothing changes.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

TOP_PAD = 32 << 20
MMAP_THRESHOLD = 4 << 20
# What a process's environment must hold for glibc to do the same from its start (a dask worker).
ENVIRONMENT = {"MALLOC_TOP_PAD_": TOP_PAD, "MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD}
_M_TOP_PAD = -2  # glibc's mallopt parameter numbers
_M_MMAP_THRESHOLD = -3


@cache
def keep_heap_top() -> bool:
    """Ask the C library to keep ``TOP_PAD`` bytes at the top of its heaps, and to serve blocks up
    to ``MMAP_THRESHOLD`` from them; True when it agreed.

    The command line calls it as it starts (``--jobs`` workers, forked from
    it, inherit it), and so does every dask worker as it runs its first
    shard. A local cluster's workers get ``ENVIRONMENT`` as well, which
    glibc reads as the process starts, before the first page: better still
    than the call in a first task. ``clean_bytes`` and the other library
    functions leave the host process's allocator alone.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_TOP_PAD, TOP_PAD)) and bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
