"""The real issue's rows of the published package, for tests of the package that must hold whatever other
issues a data release adds: every table with an ``issue_id`` cut to ``zjzfgb-2016-26``, the units its tasks
name, and the tables derived from those rows recomputed (``unit_collaborations``)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.base.paths import REPO_ROOT
from pipeline.schema.registry import TABLES

REAL_ISSUE = "zjzfgb-2016-26"
CURATED = REPO_ROOT / "curated"
PUBLISHED = tuple(t for t in TABLES if (CURATED / f"{t.name}.parquet").exists())


def real_issue_frames(curated: Path = CURATED, issue: str = REAL_ISSUE) -> dict[str, pl.DataFrame]:
    """The published frames cut to ``issue``'s rows (reference tables: the rows the issue uses)."""
    from pipeline.derive import by_table

    from pipeline.schema.frames import read_published

    frames = {t.name: read_published(t, curated) for t in PUBLISHED}
    for name, frame in frames.items():
        if "issue_id" in frame.columns:
            frames[name] = frame.filter(pl.col("issue_id") == issue)
    named = frames["task_units"]["unit_id"].unique()
    frames["units"] = frames["units"].filter(pl.col("unit_id").is_in(named.implode()))
    for t in PUBLISHED:
        derivation = by_table().get(t.name)
        if derivation is not None and "issue_id" not in frames[t.name].columns:
            from pipeline.schema.frames import to_frame

            frames[t.name] = to_frame(t, derivation.build(frames))
    return frames


def write_real_issue_package(dest: Path) -> Path:
    """``dest``/curated with the real issue's CSV and Parquet files and the views script, and its raw file:
    enough for the views, the example queries and the guide's readers (not a descriptor with hashes)."""
    from pipeline.base.paths import VIEWS_NAME
    from pipeline.publish.duckdb_db import views_script
    from pipeline.publish.files import write_table

    curated = dest / "curated"
    curated.mkdir(parents=True, exist_ok=True)
    frames = real_issue_frames()
    for table in PUBLISHED:
        write_table(table, frames[table.name], curated)
    (curated / VIEWS_NAME).write_text(views_script(PUBLISHED), encoding="utf-8")
    raw = dest / "raw" / "gazette"
    raw.mkdir(parents=True, exist_ok=True)
    for path in (REPO_ROOT / "raw" / "gazette").glob(f"{REAL_ISSUE}.*"):
        (raw / path.name).write_bytes(path.read_bytes())
    return dest
