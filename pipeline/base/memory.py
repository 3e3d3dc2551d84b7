"""Handing memory back to the operating system between the large pieces of work of one process."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from functools import lru_cache

#: An option for the jemalloc allocator inside polars (read once, when polars loads; polars appends what the
#: environment sets to its own ``dirty_decay_ms:500,muzzy_decay_ms:1000``): pages polars has freed go back to the
#: OS at once instead of being only marked reusable for a second (they count in the RSS until the kernel needs
#: them), so one step's large tables do not stay in the RSS of the steps after it.
JEMALLOC_CONF = "muzzy_decay_ms:0"
JEMALLOC_ENV = "_RJEM_MALLOC_CONF"


def configure_allocators() -> None:
    """Set ``JEMALLOC_CONF`` for polars unless the environment sets its own; effective only before polars is
    imported (``pipeline/__init__.py`` calls it first thing)."""
    os.environ.setdefault(JEMALLOC_ENV, JEMALLOC_CONF)


@lru_cache(maxsize=1)
def _libc():
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (macOS, musl): nothing to trim
        return None


#: Rows above which the work just done is worth a full garbage collection before the memory is handed back: a
#: collection of a process holding Dagster and Great Expectations takes about 0.2 s, so a one-issue build skips
#: it, while after a suite over a table of many issues it frees the cycles pandas and the suite's results leave.
LARGE_ROWS = 50_000


def release_memory(rows: int = 0) -> None:
    """Return freed heap to the OS (glibc's ``malloc_trim``, about 0.1 ms, and pyarrow's pool), after a garbage collection when the
    work just done read more than ``LARGE_ROWS`` rows: pandas frames, Python strings and Great Expectations'
    results of one table are freed after its check, but glibc keeps the pages, so without this a process stays
    at the size of everything it ever held."""
    if rows > LARGE_ROWS:
        gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
    if "pyarrow" in sys.modules:  # pandas' and polars' Arrow buffers (mimalloc keeps freed pages otherwise)
        sys.modules["pyarrow"].default_memory_pool().release_unused()
