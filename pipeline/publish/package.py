"""Publishing the whole package atomically.

1. write every table (CSV + Parquet), the views script and the descriptor into a fresh staging folder;
2. every check of the registry (``pipeline.checks.registry``) runs once and the gate is applied once: in a
   build, as blocking Dagster asset checks on the tables and on the staged package (a failed one stops the
   run before ``data_package``); outside Dagster, in ``publish``, by ``gate``;
3. ``finish``: the validation report (curated/validation_report.*, from the checks' structured evaluations),
   the catalog page (curated/index.html) and the DuckDB file are written into the staged package, which
   replaces curated/ and datapackage.json (two renames).

A failure before step 3 leaves the previous curated/ and datapackage.json untouched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Mapping, Sequence

import polars as pl

from pipeline.checks.gx_runner import load_suite
from pipeline.checks.registry import BY_NAME, Evaluation, evaluate_all, gate, suite_outcome
from pipeline.base.errors import BuildError
from pipeline.base.memory import release_memory
from pipeline.base.changelog import release_version
from pipeline.base.paths import DATABASE_NAME, REPORT_JSON_NAME, VIEWS_NAME, WORKBOOK_NAME
from pipeline.base.paths import ProjectPaths
from pipeline.publish.datapackage import package_descriptor
from pipeline.publish.datapackage import resource_descriptor, write_descriptor
from pipeline.publish.duckdb_db import views_script
from pipeline.publish.files import write_table
from pipeline.publish.report import CheckResult, render_report, write_report
from pipeline.schema.lazy_frames import height
from pipeline.schema.model import Table



def source_descriptors(issues: pl.DataFrame) -> list[dict[str, str]]:
    """One ``sources`` entry per raw issue, from the published ``issues`` table."""
    return [{
        "title": f"{r['title_zh']} {r['year']}年第{r['issue_number']}期(总第{r['cumulative_number']}期)",
        "path": r["source_path"],
        "hash": f"sha256:{r['source_sha256']}",
        "version": r["published_date"].isoformat(),
    } for r in issues.sort("issue_id").iter_rows(named=True)]


def stage(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], staging_root: Path,
          version: str) -> Path:
    """Write a complete package of release ``version`` under ``staging_root`` (curated/ + datapackage.json);
    return the descriptor path."""
    if staging_root.exists():
        shutil.rmtree(staging_root)
    curated = staging_root / "curated"
    resources = []
    for table in tables:
        csv, parquet = write_table(table, frames[table.name], curated)
        resources.append(resource_descriptor(table, csv, parquet, f"curated/{csv.path.name}",
                                             f"curated/{parquet.path.name}"))
    (curated / VIEWS_NAME).write_text(views_script(tables), encoding="utf-8")
    from pipeline.publish.workbook import write_workbook  # xlsxwriter: imported only when staging

    write_workbook(tables, frames, curated / WORKBOOK_NAME, version=version)
    descriptor_path = staging_root / "datapackage.json"
    write_descriptor(package_descriptor(resources, source_descriptors(frames["issues"]), version), descriptor_path)
    return descriptor_path


def check_inputs(frames: Mapping[str, pl.DataFrame], paths: ProjectPaths, package: Path,
                 references: Any = None) -> dict[str, Any]:
    """What the registry's checks read, outside Dagster: the frames, the references, the suites (every row
    validated: no record of passed rows), a package."""
    from pipeline.raw.references import load_references

    return {**frames, "references": references if references is not None else load_references(paths),
            "expectations": paths.expectations, "validated": None, "package": package}


def swap_into_place(staging_root: Path, paths: ProjectPaths) -> None:
    """Replace curated/ and datapackage.json by the staged ones.

    The previous release is first moved to .build/previous and only deleted once both new parts are in
    place; a build killed in between is rolled back by ``pipeline.orchestration.lock.recover_interrupted_swap``.
    """
    previous = paths.previous
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


def finish(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], paths: ProjectPaths,
           evaluations: Sequence[Evaluation]) -> Path:
    """Report, catalog page and DuckDB file into the staged package, and the swap (call only once the gate let
    the package through: Dagster's blocking checks, or ``gate`` in ``publish``)."""
    rows = sum(height(frames, t.name) for t in tables)
    release_memory(rows)  # what the steps before left
    suites = [o for o in map(suite_outcome, evaluations) if o is not None]
    checks = [CheckResult(e.check, e.passed, e.messages, BY_NAME[e.check].description,
                          e.blocking or (e.passed and BY_NAME[e.check].severity == "blocking"))
              for e in evaluations if BY_NAME[e.check].severity != "suite"]
    raw_suites = {t.name: load_suite(paths.expectations / f"{t.name}.json") for t in tables}
    report_files = render_report(suites, checks, frames.get("findings"), raw_suites, relative_to=str(paths.root),
                                 review=frames.get("review_items"))
    write_report(paths.staging / "curated", report_files)
    release_memory(rows)
    from pipeline.publish.catalog import write_catalog  # matplotlib: imported only when publishing

    write_catalog(tables, frames, paths.staging / "curated", json.loads(report_files[REPORT_JSON_NAME]),
                  source_root=paths.root, version=release_version(paths.root))
    release_memory(rows)
    from pipeline.publish.duckdb_db import write_database  # duckdb: imported only when publishing

    write_database(tables, paths.staging / "curated", paths.staging / "curated" / DATABASE_NAME)
    swap_into_place(paths.staging, paths)
    return paths.datapackage


def publish(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], paths: ProjectPaths,
            references: Any = None, strict: bool = False) -> Path:
    """Outside Dagster (tests, scripts): stage, run every registry check once on the staged package, finish."""
    stage(tables, frames, paths.staging, release_version(paths.root))
    evaluations = evaluate_all(check_inputs(frames, paths, paths.staging, references), strict)
    problems = gate(evaluations)
    if problems:
        raise BuildError("the staged package is invalid, nothing was published:\n  " + "\n  ".join(problems))
    return finish(tables, frames, paths, evaluations)
