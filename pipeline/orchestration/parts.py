"""The parse step's results, stored once per issue and content fingerprint: ``.build/parts/<issue>/<fingerprint>/``.

A part holds one Parquet file per table the issue has rows for (typed frames, as ``schema.frames.typed_frame``
makes them) and ``counts.json`` (rows per table). It is written to a ``.partial`` folder and renamed into
place, so a part that exists is complete. The fingerprint (``orchestration.fingerprint``) covers the issue's raw
files, every reference file and the parse step's code, so an issue whose part exists for its fingerprint of
today is never parsed, typed or checked again, and the plan decides it by looking at one folder per issue.
Parts of fingerprints no longer in use are pruned after a publication.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from pipeline.base.paths import ProjectPaths

if TYPE_CHECKING:  # polars is imported where frames are read: the plan only looks at folders
    import polars as pl

COUNTS = "counts.json"


def part_dir(paths: ProjectPaths, issue_id: str, fingerprint: str) -> Path:
    return paths.parts / issue_id / fingerprint


def has_part(paths: ProjectPaths, issue_id: str, fingerprint: str) -> bool:
    return (part_dir(paths, issue_id, fingerprint) / COUNTS).is_file()


def stage_part(paths: ProjectPaths, issue_id: str, fingerprint: str, frames: Mapping[str, pl.DataFrame]) -> Path:
    """Write a part into its ``.partial`` folder (not a part yet: ``commit_part`` or ``discard_part`` follows)."""
    partial = _partial(paths, issue_id, fingerprint)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name, frame in sorted(frames.items()):
        frame.write_parquet(partial / f"{name}.parquet", statistics=False, compression="lz4")  # half zstd's time
    counts = {name: frame.height for name, frame in sorted(frames.items())}
    (partial / COUNTS).write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    return partial


def commit_part(paths: ProjectPaths, issue_id: str, fingerprint: str, partial: Path) -> None:
    final = part_dir(paths, issue_id, fingerprint)
    shutil.rmtree(final, ignore_errors=True)  # an earlier, complete copy of the same content
    partial.rename(final)


def discard_part(paths: ProjectPaths, issue_id: str, fingerprint: str) -> None:
    shutil.rmtree(_partial(paths, issue_id, fingerprint), ignore_errors=True)


def _partial(paths: ProjectPaths, issue_id: str, fingerprint: str) -> Path:
    final = part_dir(paths, issue_id, fingerprint)
    return final.with_name(final.name + ".partial")


def read_table(paths: ProjectPaths, fingerprints: Mapping[str, str], table: str) -> list[pl.DataFrame]:
    """The rows of ``table`` of the issues ``{issue: fingerprint}``, in issue order, as one frame read by one
    Parquet scan over their parts (none when no issue has rows of it)."""
    import polars as pl

    files = [part_dir(paths, issue_id, fingerprints[issue_id]) / f"{table}.parquet"
             for issue_id in sorted(fingerprints)]
    files = [f for f in files if f.is_file()]
    return [pl.scan_parquet(files).collect()] if files else []


def missing_parts(paths: ProjectPaths, fingerprints: Mapping[str, str]) -> list[str]:
    """The issues of ``{issue: fingerprint}`` that have no part for that fingerprint."""
    return [i for i in sorted(fingerprints) if not has_part(paths, i, fingerprints[i])]


def prune(paths: ProjectPaths, keep: Mapping[str, str]) -> int:
    """Remove every part but those of ``keep`` ``{issue: fingerprint}`` and those being written (``.partial``);
    returns how many were removed."""
    kept = set(keep.items())
    removed = 0
    for issue_dir in sorted(paths.parts.iterdir()) if paths.parts.is_dir() else []:
        for folder in sorted(issue_dir.iterdir()):
            if (issue_dir.name, folder.name) not in kept and not folder.name.endswith(".partial"):
                shutil.rmtree(folder)
                removed += 1
        if not any(issue_dir.iterdir()):
            issue_dir.rmdir()
    return removed
