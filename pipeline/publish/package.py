"""Publishing the whole package atomically.

1. write every table (CSV + Parquet), the views script and the descriptor into a fresh staging folder;
2. validate the staged package: foreign keys, Parquet hashes, ``frictionless`` on the descriptor;
3. only then replace curated/ and datapackage.json (two renames), and build the DuckDB file.

A failure before step 3 leaves the previous curated/ and datapackage.json untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Mapping, Sequence

import polars as pl

from pipeline.build_lock import previous_dir
from pipeline.checks.cross_table import orphan_foreign_keys
from pipeline.errors import BuildError
from pipeline.paths import ProjectPaths
from pipeline.publish.datapackage import package_descriptor, resource_descriptor, write_descriptor
from pipeline.publish.duckdb_db import views_script, write_database
from pipeline.publish.files import fingerprint, write_table
from pipeline.schema.model import Table

DB_NAME = "gazette.duckdb"
VIEWS_NAME = "gazette_views.sql"


def source_descriptors(issues: pl.DataFrame) -> list[dict[str, str]]:
    """One ``sources`` entry per raw issue, from the published ``issues`` table."""
    return [{
        "title": f"{r['title_zh']} {r['year']}年第{r['issue_number']}期(总第{r['cumulative_number']}期)",
        "path": r["source_path"],
        "hash": f"sha256:{r['source_sha256']}",
        "version": r["published_date"].isoformat(),
    } for r in issues.sort("issue_id").iter_rows(named=True)]


def stage(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], staging_root: Path) -> Path:
    """Write a complete package under ``staging_root`` (curated/ + datapackage.json); return the descriptor path."""
    if staging_root.exists():
        shutil.rmtree(staging_root)
    curated = staging_root / "curated"
    resources = []
    for table in tables:
        csv, parquet = write_table(table, frames[table.name], curated)
        resources.append(resource_descriptor(table, csv, parquet, f"curated/{csv.path.name}",
                                             f"curated/{parquet.path.name}"))
    (curated / VIEWS_NAME).write_text(views_script(tables), encoding="utf-8")
    descriptor_path = staging_root / "datapackage.json"
    write_descriptor(package_descriptor(resources, source_descriptors(frames["issues"])), descriptor_path)
    return descriptor_path


def validate_staged(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], descriptor_path: Path) -> list[str]:
    """Every problem of the staged package, as messages; empty when it may be published."""
    import json

    import frictionless

    problems = orphan_foreign_keys({t.name: t for t in tables}, frames)
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        parquet = resource["parquet"]
        actual = fingerprint(descriptor_path.parent / parquet["path"])
        if f"sha256:{actual.sha256}" != parquet["hash"] or actual.bytes != parquet["bytes"]:
            problems.append(f"{parquet['path']}: hash or size differs from the descriptor")
    report = frictionless.Package(str(descriptor_path)).validate()
    if not report.valid:
        for task in report.tasks:
            for error in task.errors[:10]:
                problems.append(f"frictionless {task.name}: {error.message}")
        problems += [f"frictionless: {e.message}" for e in report.errors[:10]]
    return problems


def swap_into_place(staging_root: Path, paths: ProjectPaths) -> None:
    """Replace curated/ and datapackage.json by the staged ones.

    The previous release is first moved to .build/previous and only deleted once both new parts are in
    place; a build killed in between is rolled back by ``build_lock.recover_interrupted_swap``.
    """
    previous = previous_dir(paths)
    if previous.exists():
        shutil.rmtree(previous)
    previous.mkdir(parents=True)
    if paths.datapackage.exists():
        shutil.copy2(paths.datapackage, previous / "datapackage.json")
    if paths.curated.exists():
        paths.curated.rename(previous / "curated")
    (staging_root / "curated").rename(paths.curated)
    (staging_root / "datapackage.json").replace(paths.datapackage)
    shutil.rmtree(previous)
    shutil.rmtree(staging_root, ignore_errors=True)


def publish(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], paths: ProjectPaths) -> Path:
    descriptor_path = stage(tables, frames, paths.staging)
    problems = validate_staged(tables, frames, descriptor_path)
    if problems:
        raise BuildError("the staged package is invalid, nothing was published:\n  " + "\n  ".join(problems))
    write_database(tables, paths.staging / "curated", paths.staging / "curated" / DB_NAME)
    swap_into_place(paths.staging, paths)
    return paths.datapackage
