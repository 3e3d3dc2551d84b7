"""The user command line: ``gazette build | validate | suites | info | sql``.

For people who do not run Dagster's UI. ``build`` runs the same Dagster job as the UI, in-process, with the
instance in the repository's .dagster_home; errors are reported as one readable message per problem
(file, line, what was expected), never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.paths import REPO_ROOT, ProjectPaths

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _use_repo_dagster_home() -> None:
    home = REPO_ROOT / ".dagster_home"
    home.mkdir(exist_ok=True)
    os.environ.setdefault("DAGSTER_HOME", str(home))


def _error_messages(result) -> list[str]:
    """Readable messages for failed steps and failed blocking checks of a Dagster run."""
    messages = []
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = event.step_failure_data.error
            chain = []
            while error is not None:
                chain.append(error)
                error = error.cause
            ours = [e for e in chain if e.cls_name in ("SourceError", "BuildError")]
            best = ours[-1] if ours else chain[-1]
            messages.append(f"{event.step_key}: {best.message.strip()}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                level = evaluation.severity.value
                detail = evaluation.metadata.get("problems") or evaluation.metadata.get("errors")
                messages.append(f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} "
                                f"failed ({level})" + (f": {detail.value}" if detail is not None else ""))
    return messages


def cmd_build(_: argparse.Namespace) -> int:
    _use_repo_dagster_home()
    import warnings

    warnings.filterwarnings("ignore", module="dagster")
    from dagster import DagsterInstance

    from pipeline.definitions import defs

    with DagsterInstance.get() as instance:
        result = defs.resolve_job_def("build_everything").execute_in_process(
            instance=instance, raise_on_error=False, run_config=QUIET_LOGS)
    messages = _error_messages(result)
    for message in messages:
        print(f"error: {message}" if "(WARN)" not in message else f"warning: {message}", file=sys.stderr)
    if not result.success or any("(ERROR)" in m for m in messages):
        print("build failed; curated/ and datapackage.json are unchanged", file=sys.stderr)
        return 1
    print(f"built {ProjectPaths().relative(ProjectPaths().datapackage)} and curated/")
    return 0


def cmd_suites(args: argparse.Namespace) -> int:
    """Regenerate the registry part of expectations/<table>.json, keeping manual expectations."""
    import json

    from pipeline.checks.expectations import dumps, render_suite, suite_path
    from pipeline.schema.registry import TABLES

    folder = ProjectPaths().expectations
    folder.mkdir(exist_ok=True)
    stale = []
    for table in TABLES:
        path = suite_path(folder, table)
        existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        text = dumps(render_suite(table, existing))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"expectation suites out of date with the registry: {stale} (run `gazette suites`)", file=sys.stderr)
        return 1
    print(f"{len(TABLES)} suites {'checked' if args.check else 'written'}; changed: {stale or 'none'}")
    return 0


def cmd_validate(_: argparse.Namespace) -> int:
    import frictionless

    report = frictionless.Package(str(ProjectPaths().datapackage)).validate()
    for task in report.tasks:
        print(f"{task.name}: {'valid' if task.valid else 'INVALID'}")
        for error in task.errors[:10]:
            print(f"  {error.message}")
    return 0 if report.valid else 1


def cmd_info(_: argparse.Namespace) -> int:
    import json

    descriptor = json.loads(ProjectPaths().datapackage.read_text(encoding="utf-8"))
    import polars as pl

    print(f"{descriptor['name']} {descriptor['version']}: {descriptor['title']}")
    for source in descriptor["sources"]:
        print(f"  source: {source['path']} ({source['title']})")
    for resource in descriptor["resources"]:
        rows = pl.scan_parquet(ProjectPaths().root / resource["parquet"]["path"]).select(pl.len()).collect().item()
        print(f"  {resource['name']:<20} {rows:>6} rows  {resource['title']}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    db = ProjectPaths().curated / "gazette.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        print(con.sql(args.query))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gazette", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="parse raw/, check, and publish curated/ + datapackage.json").set_defaults(func=cmd_build)
    sub.add_parser("validate", help="validate the published package with frictionless").set_defaults(func=cmd_validate)
    suites = sub.add_parser("suites", help="regenerate expectations/ from the schema registry")
    suites.add_argument("--check", action="store_true", help="only report suites that are out of date")
    suites.set_defaults(func=cmd_suites)
    sub.add_parser("info", help="list the published tables").set_defaults(func=cmd_info)
    sql = sub.add_parser("sql", help="run a SQL query on curated/gazette.duckdb")
    sql.add_argument("query")
    sql.set_defaults(func=cmd_sql)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # user-facing: one line, no traceback
        from pipeline.errors import BuildError, SourceError

        if isinstance(exc, (SourceError, BuildError)):
            print(f"error: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
