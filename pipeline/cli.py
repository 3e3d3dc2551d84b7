"""The user command line: ``gazette build | validate | suites | info | release | diff | sql``.

For people who do not run Dagster's UI. ``build`` runs the same Dagster job as the UI, in-process, with the
instance in the repository's .dagster_home; errors are reported as one readable message per problem
(file, line, what was expected), never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.base.paths import ProjectPaths, default_root


class UserError(Exception):
    """A command cannot do what was asked (missing database, bad query, …): printed as ``error: …``."""

def _paths(args: argparse.Namespace) -> ProjectPaths:
    return ProjectPaths(Path(args.root).resolve())


def _use_repo_dagster_home(paths: ProjectPaths) -> None:
    """The Dagster instance lives in <root>/.dagster_home (telemetry off), never in the home directory."""
    home = paths.root / ".dagster_home"
    home.mkdir(exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    os.environ.setdefault("DAGSTER_HOME", str(home))


def cmd_build(args: argparse.Namespace) -> int:
    from pipeline.orchestration.plan import make_plan

    plan = make_plan(_paths(args), strict=args.strict)  # the plan alone: a no-op never starts Dagster
    reparsed, published = (), False
    if not plan.nothing_to_do:
        _use_repo_dagster_home(_paths(args))
        from dagster import DagsterInstance

        from pipeline.orchestration.runner import run_build

        with DagsterInstance.get() as instance:
            outcome = run_build(_paths(args), instance, strict=args.strict)
        for message in outcome.warnings:  # includes what was cleaned up after a killed build
            print(f"warning: {message}", file=sys.stderr)
        plan, reparsed, published = outcome.plan, outcome.reparsed, outcome.published
    print(f"issues: {len(plan.fingerprints)} ({len(reparsed)} parsed, "
          f"{len(plan.fingerprints) - len(reparsed)} unchanged)")
    print("published datapackage.json and curated/" if published
          else "nothing changed: datapackage.json and curated/ are current")
    queue = _review_queue(_paths(args))  # the strict rule is the check review_queue_empty's, applied in the run
    if queue:
        print(f"review queue: {len(queue)} item(s) for a curator (`gazette review`)", file=sys.stderr)
    return 0


def _review_queue(paths: ProjectPaths) -> list[dict]:
    """The queue of the last build (``.build/review_queue.parquet``: a strict build that refused to publish
    keeps it there too), else the published one."""
    import polars as pl

    for path in (paths.last_queue, paths.curated / "review_items.parquet"):
        if path.exists():
            return pl.read_parquet(path).to_dicts()
    return []


def cmd_review(args: argparse.Namespace) -> int:
    """Print the review queue of the last build (published or refused), grouped by the reference file to edit,
    one item per block; with ``--suggest``, the ready CSV rows for those files instead."""
    from pipeline.raw.curation import group_by_file, unit_hint

    paths = _paths(args)
    queue = _review_queue(paths)
    if args.kind:
        queue = [item for item in queue if item["kind"] == args.kind]
    if args.suggest:
        return _print_suggestions(queue, paths)
    for path, items in group_by_file(queue).items():
        print(f"== {path}: {len(items)} item(s)")
        for item in items:
            print(f"{item['issue_id']}:{item['line']}: {item['kind']}: {item['text']}"
                  + (f" (x{item['occurrences']})" if item["occurrences"] > 1 else ""))
            print(f"    {item['detail']}")
            print(f"    -> {item['suggested_action']}")
            if item["kind"] == "unknown_unit":
                print(f"    likelier: {unit_hint(item['text'], paths.root)}")
    print(f"{len(queue)} item(s) in the review queue ({kind_counts(queue)}); `gazette review --suggest` prints "
          "the rows to add" if queue else "the review queue is empty")
    return 0


def kind_counts(queue: list[dict]) -> str:
    from collections import Counter

    return ", ".join(f"{kind} {n}" for kind, n in sorted(Counter(item["kind"] for item in queue).items()))


def _print_suggestions(queue: list[dict], paths: ProjectPaths) -> int:
    import polars as pl

    from pipeline.raw.curation import NO_FILE, file_of, render, suggest
    from pipeline.reference.declarations import DOCUMENT_TITLES_FILE, read

    documents = paths.curated / "documents.parquet"
    english = {r["document_id"]: r["title_en"] for r in read(DOCUMENT_TITLES_FILE, paths.root)}
    titles = {} if not documents.exists() else {
        r["title"]: english[r["document_id"]] for r in pl.read_parquet(documents).to_dicts()
        if r["document_id"] in english}
    print(render(suggest(queue, paths.root, titles), paths.root), end="")
    rest = [item for item in queue if file_of(item["kind"]) == NO_FILE]
    for item in rest:
        print(f"# {NO_FILE}: {item['issue_id']}:{item['line']}: {item['kind']}: {item['text']}")
    if not queue:
        print("the review queue is empty")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Copy a gazette text into raw/gazette under its issue id, with a sidecar read from its masthead."""
    from pipeline.raw.intake import add_issue

    added = add_issue(Path(args.file), _paths(args))
    print(f"added {added.text} and {added.sidecar.name}; run `gazette build` to publish it")
    return 0


def cmd_suites(args: argparse.Namespace) -> int:
    """Regenerate the registry part of expectations/<table>.json, keeping manual expectations."""
    from pipeline.checks.expectations import stale_suites
    from pipeline.schema.registry import TABLES

    folder = _paths(args).expectations
    folder.mkdir(exist_ok=True)
    changed = stale_suites(folder, TABLES)
    stale = [path.name for path in changed]
    if not args.check:
        for path, text in changed.items():
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"expectation suites out of date with the registry: {stale} (run `gazette suites`)", file=sys.stderr)
        return 1
    print(f"{len(TABLES)} suites {'checked' if args.check else 'written'}; changed: {stale or 'none'}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Rerun every check of the registry on the published package (no rebuild, nothing written)."""

    from pipeline.checks.registry import BY_NAME, evaluate_all, gate
    from pipeline.publish.package import check_inputs
    from pipeline.schema.frames import read_published
    from pipeline.schema.registry import TABLES

    paths = _paths(args)
    frames = {t.name: read_published(t, paths.curated) for t in TABLES}
    evaluations = evaluate_all(check_inputs(frames, paths, paths.root), strict=args.strict)
    for evaluation in evaluations:
        status = "ok  " if evaluation.passed else ("FAIL" if evaluation.blocking else "warn")
        kind = "suite" if BY_NAME[evaluation.check].severity == "suite" else "check"
        print(f"{status} {kind} {evaluation.check}")
        for message in evaluation.messages[:10]:
            print(f"       {message}")
    failed = bool(gate(evaluations))
    print("the published package is valid" if not failed else "the published package has failed checks")
    return 1 if failed else 0


def cmd_info(args: argparse.Namespace) -> int:
    import json

    descriptor = json.loads(_paths(args).datapackage.read_text(encoding="utf-8"))
    import polars as pl

    print(f"{descriptor['name']} {descriptor['version']}: {descriptor['title']}")
    for source in descriptor["sources"]:
        print(f"  source: {source['path']} ({source['title']})")
    for resource in descriptor["resources"]:
        rows = pl.scan_parquet(_paths(args).root / resource["parquet"]["path"]).select(pl.len()).collect().item()
        print(f"  {resource['name']:<20} {rows:>6} rows  {resource['title']}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one query on curated/gazette.duckdb, or, where the database is not built, on the views over Parquet."""
    import duckdb

    from pipeline.base.paths import DATABASE_NAME, VIEWS_NAME
    from pipeline.release.sql import connect

    paths = _paths(args)
    if not args.query.strip():
        raise UserError("expected a SQL query, e.g. gazette sql \"select count(*) from tasks\"")
    db = paths.curated / DATABASE_NAME
    source = paths.relative(db) if db.is_file() else f"curated/{VIEWS_NAME}"
    try:
        with (duckdb.connect(str(db), read_only=True) if db.is_file() else connect(paths.root)) as con:
            result = con.sql(args.query)
            print(result if result is not None else "(statement ran; it returns no rows)")
    except duckdb.Error as exc:  # DuckDB's whole message: the caret line and its "Did you mean" hint included
        text = " ".join(line.strip() for line in str(exc).strip().splitlines() if line.strip())
        raise UserError(f"{source}: {text or type(exc).__name__}") from None
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gazette", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(default_root()),
                        help="project folder (default: $GAZETTE_ROOT, else the working directory if it holds "
                             "raw/gazette, else this checkout)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, func) -> argparse.ArgumentParser:
        """A subcommand whose one-line help is also its description (``gazette COMMAND --help``)."""
        sub_parser = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
        sub_parser.set_defaults(func=func)
        return sub_parser

    build = command("build", "parse raw/, check, and publish curated/ + datapackage.json", cmd_build)
    build.add_argument("--strict", action="store_true",
                       help="refuse to publish (exit 1) while the review queue is not empty")
    add = command("add", "copy a gazette issue's text file into raw/gazette with its sidecar", cmd_add)
    add.add_argument("file", help="the issue's UTF-8 text file")
    review = command("review", "list the review queue (what the build could not resolve)", cmd_review)
    review.add_argument("--kind", help="only items of this kind")
    review.add_argument("--suggest", action="store_true",
                        help="print ready CSV rows (with each file's header) for the reference files to edit; "
                             "<FILL: …> marks a value a curator must write")
    validate = command("validate", "rerun every check of the registry (GX suites, keys, task rules, frictionless, "
                       "…) on the published package", cmd_validate)
    validate.add_argument("--strict", action="store_true", help="a non-empty review queue fails, as in a strict build")
    suites = command("suites", "regenerate expectations/ from the schema registry", cmd_suites)
    suites.add_argument("--check", action="store_true", help="only report suites that are out of date")
    command("info", "list the published tables", cmd_info)
    from pipeline.release import bundle, diff

    bundle.add_arguments(command("release", "write the reproducible release zip + SHA256SUMS into dist/", bundle.run))
    diff.add_arguments(command("diff", "compare two builds (folders or release zips) table by table", diff.run))
    sql = command("sql", "run a SQL query on curated/gazette.duckdb (or on the views over Parquet when the "
                  "database is not built)", cmd_sql)
    sql.add_argument("query")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader stopped reading (gazette info | head -1): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # user-facing: one line, no traceback
        message = user_error_message(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        if args.command == "build":
            print("build failed; curated/ and datapackage.json are unchanged", file=sys.stderr)
        return 1


def user_error_message(exc: Exception) -> str | None:
    """The ``error: …`` text for a user error (bad input, missing or unreadable file), None for a bug."""
    import json

    from pipeline.base.errors import BuildError, SourceError

    if isinstance(exc, (SourceError, BuildError, UserError)):
        return str(exc)
    if isinstance(exc, json.JSONDecodeError):
        return f"expected JSON: {exc}"
    if isinstance(exc, OSError):
        if exc.filename is not None:
            return f"{exc.filename}: expected a readable file ({exc.strerror or type(exc).__name__})"
        what, _, name = str(exc).partition("): ")  # polars: "No such file or directory (os error 2): <path>"
        return f"{name.strip() or 'a file'}: expected a readable file ({what.split(' (os error')[0].strip()})"
    return None


if __name__ == "__main__":
    sys.exit(main())
