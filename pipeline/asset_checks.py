"""Dagster asset checks: thin wiring around pipeline.checks.

- one blocking check per table that runs its Great Expectations suite (expectations/<table>.json); a failed
  critical expectation is an ERROR and stops ``data_package`` from publishing, warnings are reported;
- cross-table checks: task rules, target links, and on the published package foreign keys, frictionless
  validation and agreement of datapackage.json and the Parquet files with the registry.
"""


import json

import dagster as dg
import polars as pl

from pipeline.checks.gx_runner import load_suite, run_suite
from pipeline.checks.cross_table import ignored_target_links, orphan_foreign_keys, unresolved_target_links
from pipeline.checks.task_rules import task_problems
from pipeline.parse.issue import References
from pipeline.resources import ProjectResource
from pipeline.schema.model import Table
from pipeline.schema.registry import TABLES


def _outcome_table(outcomes) -> str:
    rows = ["| expectation | column | severity | passed | detail |", "|---|---|---|---|---|"]
    rows += [f"| {o.type} | {o.column or ''} | {o.severity} | {o.success} | {o.detail} |" for o in outcomes]
    return "\n".join(rows)


def suite_check(table: Table) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table.name, name=f"{table.name}_expectations", blocking=True,
                    description=f"Great Expectations suite expectations/{table.name}.json on the {table.name} table.")
    def _check(project: ProjectResource, frame: pl.DataFrame) -> dg.AssetCheckResult:
        path = project.paths.expectations / f"{table.name}.json"
        outcome = run_suite(frame, load_suite(path), f"expectations/{path.name}")
        severity = dg.AssetCheckSeverity.ERROR if outcome.critical_failures else dg.AssetCheckSeverity.WARN
        return dg.AssetCheckResult(
            passed=outcome.passed and not outcome.warnings,
            severity=severity,
            metadata={"expectations": len(outcome.outcomes), "critical_failures": len(outcome.critical_failures),
                      "warnings": len(outcome.warnings), "results": dg.MetadataValue.md(_outcome_table(outcome.outcomes))},
        )

    return _check


SUITE_CHECKS = [suite_check(t) for t in TABLES]


@dg.asset_check(asset="data_package", name="frictionless_valid", blocking=True,
                description="`frictionless validate datapackage.json` passes on the published package.")
def frictionless_valid(project: ProjectResource) -> dg.AssetCheckResult:
    import frictionless

    report = frictionless.Package(str(project.paths.datapackage)).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors][:20]
    return dg.AssetCheckResult(passed=report.valid, metadata={"errors": errors})


@dg.asset_check(asset="data_package", name="descriptor_matches_registry", blocking=True,
                description="Every registry table is a resource of datapackage.json with the registry's fields, "
                            "and its CSV and Parquet files exist with the declared columns.")
def descriptor_matches_registry(project: ProjectResource) -> dg.AssetCheckResult:
    descriptor = json.loads(project.paths.datapackage.read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    problems = []
    if list(resources) != [t.name for t in TABLES]:
        problems.append(f"resources {list(resources)} differ from the registry {[t.name for t in TABLES]}")
    for table in TABLES:
        resource = resources.get(table.name)
        if resource is None:
            continue
        declared = [f["name"] for f in resource["schema"]["fields"]]
        parquet = pl.read_parquet_schema(project.paths.root / resource["parquet"]["path"])
        if declared != table.column_names or list(parquet) != table.column_names:
            problems.append(f"{table.name}: columns differ (descriptor {declared}, parquet {list(parquet)})")
        elif dict(parquet) != dict(table.polars_schema()):
            problems.append(f"{table.name}: parquet types {dict(parquet)} differ from the registry")
    return dg.AssetCheckResult(passed=not problems, metadata={"problems": problems})


@dg.asset_check(asset="task_units", name="task_units_agree_with_tasks", blocking=True,
                additional_ins={"tasks": dg.AssetIn("tasks")},
                description="Every task with a responsibility clause has at least one lead; no unit is both lead "
                            "and participant of one task; positions are gapless within each role.")
def task_units_agree_with_tasks(task_units: pl.DataFrame, tasks: pl.DataFrame) -> dg.AssetCheckResult:
    problems = task_problems(tasks, task_units)
    return dg.AssetCheckResult(passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"problems": problems})


@dg.asset_check(asset="targets", name="target_links_resolve", blocking=True,
                additional_ins={"references": dg.AssetIn("references"), "documents": dg.AssetIn("documents")},
                description="Every hand-curated link in raw/reference/target_indicator_links.csv whose document "
                            "is published names a published target; links to documents of issues not in raw/ "
                            "are ignored (listed in the metadata).")
def target_links_resolve(targets: pl.DataFrame, references: References,
                         documents: pl.DataFrame) -> dg.AssetCheckResult:
    problems = unresolved_target_links(references.target_links, targets, documents)
    ignored = ignored_target_links(references.target_links, documents)
    return dg.AssetCheckResult(passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"problems": problems, "ignored_links_to_absent_documents": ignored})


@dg.asset_check(asset="review_items", name="review_queue_empty", blocking=True,
                description="The review queue is empty: nothing in raw/ needs a curator. A non-empty queue is a "
                            "warning (the package still publishes) except in a strict build (`gazette build "
                            "--strict`), where it is an error that stops publishing; the items are in the metadata.")
def review_queue_empty(project: ProjectResource, review_items: pl.DataFrame) -> dg.AssetCheckResult:
    counts = review_items.group_by("kind").len().sort("kind").rows()
    items = review_items.select("issue_id", "kind", "text", "line", "occurrences").head(50)
    return dg.AssetCheckResult(
        passed=review_items.height == 0,
        severity=dg.AssetCheckSeverity.ERROR if project.strict else dg.AssetCheckSeverity.WARN,
        metadata={"items": review_items.height, "by_kind": {k: n for k, n in counts},
                  "queue": dg.MetadataValue.md(_markdown(items))})


def _markdown(frame: pl.DataFrame) -> str:
    rows = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    rows += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in frame.rows()]
    return "\n".join(rows)


@dg.asset_check(asset="data_package", name="foreign_keys_resolve", blocking=True,
                description="Every foreign key of every published table matches a row of the table it references "
                            "(read back from curated/*.parquet).")
def foreign_keys_resolve(project: ProjectResource) -> dg.AssetCheckResult:
    frames = {t.name: pl.read_parquet(project.paths.curated / f"{t.name}.parquet") for t in TABLES}
    problems = orphan_foreign_keys({t.name: t for t in TABLES}, frames)
    return dg.AssetCheckResult(passed=not problems, metadata={"problems": problems})


PACKAGE_CHECKS = [task_units_agree_with_tasks, target_links_resolve, review_queue_empty, foreign_keys_resolve, frictionless_valid, descriptor_matches_registry]
