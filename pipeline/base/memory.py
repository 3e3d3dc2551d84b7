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


def release_memory() -> None:
    """Collect garbage and return the freed heap to the OS (glibc's ``malloc_trim``): pandas frames, Python
    strings and Great Expectations' results of one table are freed after its check, but glibc keeps the pages, so
    without this a process stays at the size of everything it ever held."""
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
