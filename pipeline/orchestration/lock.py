"""One build at a time, and recovery from a build killed while swapping curated/ into place.

``exclusive_build`` takes a non-blocking lock on ``.build/lock``: a second build started while one runs stops
at once with a clear message. It is re-entrant within a process, so ``gazette build`` (which holds it for the
whole run) and the publishing asset (which takes it for every run, however started: CLI, Dagster UI, sensor,
schedule) share one lock. On entry it cleans up after a killed build (``clean_leftovers``):
``recover_interrupted_swap`` puts the previous release back if a build died during the publishing swap (the
previous files wait in ``.build/previous``), and a leftover ``.build/staging`` is removed; the context value
is the list of what was cleaned, for the caller to report.

A Dagster run stages the package and swaps it in in two steps (``staged_package``, ``data_package``), each
under the lock, but a run started elsewhere may take the lock in between and stage its own package. So the
staging carries the id of the run that wrote it (``claim_staging``), and the swap refuses a staging another
run wrote (``check_staging_owner``): a run only ever publishes what its own checks saw. A staging whose run is
still going (``running``, asked of the Dagster instance by the caller: the run is in progress and, for a run on
this machine, its process alive) is not a leftover: a build that finds one stops with the lock message instead
of removing it, so two overlapping runs end with one refused, never with one calling the other "interrupted".
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

from pipeline.base.errors import BuildError
from pipeline.base.paths import ProjectPaths


_HELD: dict[Path, int] = {}  # lock files held by this process -> nesting depth


@contextlib.contextmanager
def exclusive_build(paths: ProjectPaths, keep_staging: bool = False,
                    running: Callable[[str], bool] | None = None) -> Iterator[list[str]]:
    """Hold the build lock; ``running(run_id)`` tells whether the run that wrote ``.build/staging`` is still going
    (None: no Dagster instance to ask, a leftover staging is removed)."""
    lock_path = paths.lock.resolve()
    if lock_path in _HELD:  # this process already holds it (gazette build -> publishing asset)
        _HELD[lock_path] += 1
        try:
            yield []
        finally:
            _HELD[lock_path] -= 1
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(busy_message(f"pid {holder}, lock {paths.relative(lock_path)}")) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _HELD[lock_path] = 1
        try:
            refuse_staging_in_use(paths, keep_staging, running)
            yield clean_leftovers(paths, keep_staging)
        finally:
            del _HELD[lock_path]
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def busy_message(holder: str) -> str:
    return f"another build is running ({holder}); wait for it to finish and run the build again"


def refuse_staging_in_use(paths: ProjectPaths, keep_staging: bool, running: Callable[[str], bool] | None) -> None:
    """Stop with the lock message when ``.build/staging`` belongs to a run that is still going."""
    owner = staging_owner(paths)
    if keep_staging or running is None or owner is None or not running(owner):
        return
    raise BuildError(busy_message(f"run {owner} staged {paths.relative(paths.staging)} and has not published yet"))


def clean_leftovers(paths: ProjectPaths, keep_staging: bool = False) -> list[str]:
    """Undo what a killed build left behind (call with the lock held); one message per thing cleaned.

    ``keep_staging``: the caller is the step that swaps in the staging its own run wrote and checked."""
    notes = []
    if recover_interrupted_swap(paths):
        notes.append("restored the previous release from .build/previous (a build was killed while swapping "
                     "curated/ into place)")
    if paths.staging.exists() and not keep_staging:
        shutil.rmtree(paths.staging)
        notes.append("removed .build/staging left by an interrupted build")
    return notes


def recover_interrupted_swap(paths: ProjectPaths) -> bool:
    """Restore the previous release if a swap was interrupted; True if something was restored."""
    previous = paths.previous
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


STAGING_OWNER = "run_id"  # a file in .build/staging, never published (the swap moves curated/ and the descriptor)


def claim_staging(paths: ProjectPaths, run_id: str) -> None:
    """Mark the freshly written staging as this run's (run id, and the pid of the process that wrote it)."""
    (paths.staging / STAGING_OWNER).write_text(f"{run_id} {os.getpid()}", encoding="utf-8")


def staging_owner(paths: ProjectPaths) -> str | None:
    """The run id that wrote ``.build/staging`` (None: no staging, or one without a mark)."""
    marker = paths.staging / STAGING_OWNER
    return marker.read_text(encoding="utf-8").split()[0] if marker.is_file() and marker.stat().st_size else None


def staging_pid(paths: ProjectPaths) -> int | None:
    """The pid of the process that wrote ``.build/staging`` (None: not recorded)."""
    marker = paths.staging / STAGING_OWNER
    fields = marker.read_text(encoding="utf-8").split() if marker.is_file() else []
    return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None


def check_staging_owner(paths: ProjectPaths, run_id: str) -> None:
    """Refuse to publish a staging this run did not write (another run staged in between)."""
    owner = staging_owner(paths)
    if owner != run_id:
        raise BuildError(f"{paths.relative(paths.staging)} was staged by {'run ' + owner if owner else 'no run'}, "
                         f"not by this run ({run_id}): another build staged in between; nothing was published, "
                         "run the build again")
