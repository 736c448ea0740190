"""Keep the freed top of the C heap mapped between pages instead of handing it back to the kernel.

Every page allocates and frees numpy temporaries of a few hundred KB to a
few MB (feature matrices, the tree walk). glibc gives the free top of its
heap back to the kernel as soon as it passes a threshold, and the next page
faults the same memory back in, page by page: about 470 page faults a
file, 1.5 s of kernel time for 1,500 files, twice that with ``--jobs 2``.
Asking glibc to keep ``TOP_PAD`` bytes at the top of the heap (``M_TOP_PAD``)
leaves those pages mapped: 17 faults a file and the same peak memory
(``benchmarks/README.md``). Elsewhere (musl, macOS, Windows) nothing changes.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

TOP_PAD = 32 << 20
_M_TOP_PAD = -2  # glibc's mallopt parameter number


@cache
def keep_heap_top() -> bool:
    """Ask the C library to keep ``TOP_PAD`` bytes at the top of its heaps; True when it agreed.

    The command line calls it as it starts (``--jobs`` workers, forked from
    it, inherit it), and so does every dask worker as it runs its first
    shard. A local cluster's workers get ``MALLOC_TOP_PAD_`` in their
    environment as well, which glibc reads as the process starts and which
    works better still: 1,500 files on two local workers took 30 s with
    18.4 million page faults and 28 s of kernel time; 20 s with the call in
    the first task; 13 s, 85,000 faults and 0.7 s with the environment.
    ``clean_bytes`` and the other library functions leave the host
    process's allocator alone.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_TOP_PAD, TOP_PAD))
