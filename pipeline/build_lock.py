"""One build at a time, and recovery from a build killed while swapping curated/ into place.

``exclusive_build`` takes a non-blocking lock on ``.build/lock``: a second build started while one runs stops
at once with a clear message. ``recover_interrupted_swap`` puts the previous release back if a build died
between the two renames of the publishing swap (the previous files wait in ``.build/previous``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path
from typing import Iterator

from pipeline.errors import BuildError
from pipeline.paths import ProjectPaths


def previous_dir(paths: ProjectPaths) -> Path:
    return paths.root / ".build" / "previous"


@contextlib.contextmanager
def exclusive_build(paths: ProjectPaths) -> Iterator[None]:
    lock_path = paths.root / ".build" / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(f"another build is running (pid {holder}, lock {paths.relative(lock_path)}); "
                             "wait for it to finish and run the build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            recover_interrupted_swap(paths)
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_interrupted_swap(paths: ProjectPaths) -> bool:
    """Restore the previous release if a swap was interrupted; True if something was restored."""
    previous = previous_dir(paths)
    if not previous.exists():
        return False
    saved_curated = previous / "curated"
    saved_descriptor = previous / "datapackage.json"
    if saved_curated.exists():
        if paths.curated.exists():
            shutil.rmtree(paths.curated)
        saved_curated.rename(paths.curated)
    if saved_descriptor.exists():
        saved_descriptor.replace(paths.datapackage)
    shutil.rmtree(previous)
    return True
