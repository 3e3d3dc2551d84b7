"""Publishing the whole package atomically.

1. write every table (CSV + Parquet), the views script and the descriptor into a fresh staging folder;
2. validate the staged package: foreign keys, task rules, Parquet hashes, ``frictionless`` on the descriptor,
   and every table's Great Expectations suite; write the validation report (curated/validation_report.*)
   and the catalog page (curated/index.html; the workbook curated/gazette.xlsx is staged with the tables);
3. only then replace curated/ and datapackage.json (two renames), and build the DuckDB file.

A failure before step 3 leaves the previous curated/ and datapackage.json untouched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Mapping, Sequence

import polars as pl

from pipeline.build_lock import previous_dir
from pipeline.checks.cross_table import orphan_foreign_keys
from pipeline.checks.gx_runner import load_suite, run_suite
from pipeline.checks.task_rules import task_problems
from pipeline.errors import BuildError
from pipeline.paths import ProjectPaths
from pipeline.publish.datapackage import package_descriptor, resource_descriptor, write_descriptor
from pipeline.publish.duckdb_db import views_script, write_database
from pipeline.publish.files import fingerprint, write_table
from pipeline.publish.report import JSON_NAME as REPORT_JSON
from pipeline.publish.report import CheckResult, render_report, write_report
from pipeline.publish.workbook import write_workbook
from pipeline.schema.model import Table

DB_NAME = "gazette.duckdb"
VIEWS_NAME = "gazette_views.sql"
WORKBOOK_NAME = "gazette.xlsx"


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
    write_workbook(tables, frames, curated / WORKBOOK_NAME)
    descriptor_path = staging_root / "datapackage.json"
    write_descriptor(package_descriptor(resources, source_descriptors(frames["issues"])), descriptor_path)
    return descriptor_path


def staged_checks(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], descriptor_path: Path) -> list[CheckResult]:
    """The cross-table and package checks on the staged package (all must pass before publishing)."""
    import frictionless

    checks = [CheckResult("foreign_keys_resolve", *_result(orphan_foreign_keys({t.name: t for t in tables}, frames)),
                          "Every foreign key value matches a row of the referenced table."),
              CheckResult("task_rules", *_result(task_problems(frames["tasks"], frames["task_units"])),
                          "Tasks with a clause have a lead; no unit both leads and participates; positions gapless.")]
    hashes = []
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        parquet = resource["parquet"]
        actual = fingerprint(descriptor_path.parent / parquet["path"])
        if f"sha256:{actual.sha256}" != parquet["hash"] or actual.bytes != parquet["bytes"]:
            hashes.append(f"{parquet['path']}: hash or size differs from the descriptor")
    checks.append(CheckResult("parquet_hashes", *_result(hashes), "Every Parquet file matches its hash and size."))
    report = frictionless.Package(str(descriptor_path)).validate()
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:10]]
    errors += [e.message for e in report.errors[:10]]
    checks.append(CheckResult("frictionless_valid", *_result(errors),
                              "frictionless validate datapackage.json: types, constraints, keys, hashes."))
    return checks


def _result(problems: list[str]) -> tuple[bool, tuple[str, ...]]:
    return not problems, tuple(problems)


def validate_staged(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], descriptor_path: Path) -> list[str]:
    """Every problem of the staged package, as messages; empty when it may be published."""
    return [f"{c.name}: {m}" for c in staged_checks(tables, frames, descriptor_path) for m in c.messages]


def suite_outcomes(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], paths: ProjectPaths):
    """Each table's Great Expectations suite run on the frames being published, with the raw suites."""
    raw_suites = {t.name: load_suite(paths.expectations / f"{t.name}.json") for t in tables}
    outcomes = [run_suite(frames[t.name], raw_suites[t.name], f"expectations/{t.name}.json") for t in tables]
    return outcomes, raw_suites


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
    checks = staged_checks(tables, frames, descriptor_path)
    outcomes, raw_suites = suite_outcomes(tables, frames, paths)
    problems = [f"{c.name}: {m}" for c in checks for m in c.messages]
    problems += [f"expectations/{o.suite}.json: {f.type} {f.column or ''} {f.detail}" for o in outcomes
                 for f in o.critical_failures]
    if problems:
        raise BuildError("the staged package is invalid, nothing was published:\n  " + "\n  ".join(problems))
    report_files = render_report(outcomes, checks, frames.get("findings"), raw_suites, relative_to=str(paths.root),
                                 review=frames.get("review_items"))
    write_report(paths.staging / "curated", report_files)
    from pipeline.publish.catalog import write_catalog  # matplotlib: imported only when publishing

    write_catalog(tables, frames, paths.staging / "curated", json.loads(report_files[REPORT_JSON]),
                  source_root=paths.root)
    write_database(tables, paths.staging / "curated", paths.staging / "curated" / DB_NAME)
    swap_into_place(paths.staging, paths)
    return paths.datapackage
