"""Handing memory back to the operating system between the large pieces of work of one process."""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache


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
    """Return freed heap to the OS (glibc's ``malloc_trim``, about 0.1 ms), after a garbage collection when the
    work just done read more than ``LARGE_ROWS`` rows: pandas frames, Python strings and Great Expectations'
    results of one table are freed after its check, but glibc keeps the pages, so without this a process stays
    at the size of everything it ever held."""
    if rows > LARGE_ROWS:
        gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
