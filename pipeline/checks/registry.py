"""The one registry of checks: each check declared once, with what it guards, what it reads and its severity.

Dagster asset checks (``pipeline.orchestration.asset_checks``), ``publish`` outside Dagster and ``gazette
validate`` all take their checks from ``CHECKS``; every check runs through ``evaluate``, the one place that
applies a check's severity (the strict rule included) and turns its structured problems into a decision:

- ``blocking``: any problem stops publishing;
- ``warning``: problems are reported, the package still publishes;
- ``strict``: a warning, except in a strict build (``gazette build --strict``), where it blocks;
- ``suite``: a Great Expectations suite; a failed *critical* expectation blocks, others warn.

A check reads named inputs: a table name (its frame), ``references`` (the ``References`` bundle),
``expectations`` (the folder of suites), ``validated`` (the folder recording which issues' rows passed their
suites, or None to validate every row) or ``package`` (the folder holding a datapackage.json and its
curated/ files: the staged package during a build, the project for ``gazette validate``). A check attached
to ``staged_package`` runs on the staged files, before the swap, so it can stop it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, Sequence

import polars as pl

from pipeline.checks.cross_table import ignored_target_links, orphan_foreign_keys, unresolved_target_links
from pipeline.checks.task_rules import task_problems
from pipeline.schema.lazy_frames import LazyFrames
from pipeline.schema.model import Table
from pipeline.schema.registry import TABLES

Severity = Literal["blocking", "warning", "strict", "suite"]
#: The asset the package checks guard: the staged package, before it is swapped in.
STAGED = "staged_package"


@dataclass(frozen=True)
class Outcome:
    """What a check found: problems (at the check's severity), warnings (never blocking), JSON-able detail."""

    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    name: str
    asset: str
    reads: tuple[str, ...]
    severity: Severity
    description: str
    run: Callable[[Mapping[str, Any]], Outcome]


@dataclass(frozen=True)
class Evaluation:
    """One check's structured result: passed (nothing found), blocking (stops publishing), its messages."""

    check: str
    passed: bool
    blocking: bool
    messages: tuple[str, ...] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "messages": list(self.messages)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Evaluation":
        return cls(data["check"], bool(data["passed"]), bool(data["blocking"]), tuple(data["messages"]),
                   dict(data.get("detail") or {}))


# --- the checks --------------------------------------------------------------------------------------------

def _suite(table: Table) -> Check:
    def run(inputs: Mapping[str, Any]) -> Outcome:
        from pipeline.checks.gx_runner import load_suite, run_suite  # Great Expectations: only when a suite runs

        path = Path(inputs["expectations"]) / f"{table.name}.json"
        outcome = run_suite(inputs[table.name], load_suite(path), f"expectations/{path.name}", inputs["validated"])
        message = lambda o: f"expectations/{path.name}: {o.type} {o.column or ''} {o.detail}"  # noqa: E731
        return Outcome(tuple(message(o) for o in outcome.critical_failures),
                       tuple(message(o) for o in outcome.warnings), {"suite": asdict(outcome)})

    return Check(f"{table.name}_expectations", table.name, (table.name, "expectations", "validated"), "suite",
                 f"Great Expectations suite expectations/{table.name}.json on the {table.name} table (row-wise "
                 "expectations on the rows of the issues changed since they passed).", run)


def _task_units_agree(inputs: Mapping[str, Any]) -> Outcome:
    return Outcome(tuple(task_problems(inputs["tasks"], inputs["task_units"])))


def _target_links(inputs: Mapping[str, Any]) -> Outcome:
    links = inputs["references"].target_links
    return Outcome(tuple(unresolved_target_links(links, inputs["targets"], inputs["documents"])),
                   detail={"ignored_links_to_absent_documents": ignored_target_links(links, inputs["documents"])})


def _review_queue(inputs: Mapping[str, Any]) -> Outcome:
    items = inputs["review_items"]
    counts = dict(items.group_by("kind").len().sort("kind").rows())
    problems = tuple(f"{r['issue_id']}:{r['line']}: {r['kind']} {r['text']} ({r['occurrences']}x)"
                     for r in items.head(50).iter_rows(named=True))
    return Outcome(problems, detail={"items": items.height, "by_kind": counts})


def _descriptor(package: Path) -> dict[str, Any]:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def _package_frames(package: Path) -> LazyFrames:
    """Every table of the package's Parquet files, each read when looked up (a few held at a time)."""
    return LazyFrames({r["name"]: pl.scan_parquet(package / r["parquet"]["path"])
                       for r in _descriptor(package)["resources"]})


def _foreign_keys(inputs: Mapping[str, Any]) -> Outcome:
    frames = _package_frames(Path(inputs["package"]))
    return Outcome(tuple(orphan_foreign_keys({t.name: t for t in TABLES if t.name in frames}, frames)))


def _file_hashes(inputs: Mapping[str, Any]) -> Outcome:
    from pipeline.base.files import descriptor_file_problems

    package = Path(inputs["package"])
    return Outcome(tuple(descriptor_file_problems(package, _descriptor(package))))


#: Rows of each CSV that frictionless reads (all of them up to this many). Every row's constraints are checked
#: by the suites, foreign keys by foreign_keys_resolve and every file's bytes by file_hashes.
FRICTIONLESS_ROWS = 10_000


def _frictionless(inputs: Mapping[str, Any]) -> Outcome:
    """The descriptor and the CSV files as a consumer's frictionless reads them: metadata, dialect, header, types
    and field constraints of the first ``FRICTIONLESS_ROWS`` rows of each resource. Foreign keys, hashes and
    sizes are left to the checks that own them (frictionless would re-read every referenced table per key)."""
    import frictionless

    package = Path(inputs["package"])
    descriptor = _descriptor(package)
    for resource in descriptor["resources"]:
        resource["schema"].pop("foreignKeys", None)
        resource.pop("hash", None)
        resource.pop("bytes", None)
    report = frictionless.Package(descriptor, basepath=str(package)).validate(limit_rows=FRICTIONLESS_ROWS)
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:10]]
    return Outcome(tuple(errors + [e.message for e in report.errors[:10]]))


def _descriptor_matches(inputs: Mapping[str, Any]) -> Outcome:
    package = Path(inputs["package"])
    resources = {r["name"]: r for r in _descriptor(package)["resources"]}
    problems = []
    if list(resources) != [t.name for t in TABLES]:
        problems.append(f"resources {list(resources)} differ from the registry {[t.name for t in TABLES]}")
    for table in TABLES:
        resource = resources.get(table.name)
        if resource is None:
            continue
        declared = [f["name"] for f in resource["schema"]["fields"]]
        parquet = pl.read_parquet_schema(package / resource["parquet"]["path"])
        if declared != table.column_names or list(parquet) != table.column_names:
            problems.append(f"{table.name}: columns differ (descriptor {declared}, parquet {list(parquet)})")
        elif dict(parquet) != dict(table.published_schema()):
            problems.append(f"{table.name}: parquet types {dict(parquet)} differ from the registry")
    return Outcome(tuple(problems))


CHECKS: tuple[Check, ...] = (
    *(_suite(t) for t in TABLES),
    Check("task_units_agree_with_tasks", "task_units", ("task_units", "tasks"), "blocking",
          "Every task with a responsibility clause has at least one lead; no unit is both lead and participant "
          "of one task; positions are gapless within each role.", _task_units_agree),
    Check("target_links_resolve", "targets", ("targets", "references", "documents"), "blocking",
          "Every hand-curated link in raw/reference/target_indicator_links.csv whose document is published names "
          "a published target; links to documents of issues not in raw/ are ignored (listed in the detail).",
          _target_links),
    Check("review_queue_empty", "review_items", ("review_items",), "strict",
          "The review queue is empty: nothing in raw/ needs a curator. A non-empty queue is a warning (the "
          "package still publishes) except in a strict build (`gazette build --strict`), where it is an error "
          "that stops publishing; the items are in the metadata.", _review_queue),
    Check("foreign_keys_resolve", STAGED, ("package",), "blocking",
          "Every foreign key of every table matches a row of the table it references (read back from the "
          "staged curated/*.parquet).", _foreign_keys),
    Check("file_hashes", STAGED, ("package",), "blocking",
          "Every CSV and Parquet file matches its hash and size in datapackage.json.", _file_hashes),
    Check("frictionless_valid", STAGED, ("package",), "blocking",
          "frictionless reads datapackage.json and every CSV as declared: metadata, dialect, header, types and "
          f"field constraints (the first {FRICTIONLESS_ROWS:,} rows of each table; keys and hashes have their "
          "own checks).", _frictionless),
    Check("descriptor_matches_registry", STAGED, ("package",), "blocking",
          "Every registry table is a resource of datapackage.json with the registry's fields, and its Parquet "
          "file has the declared columns and types.", _descriptor_matches),
)
BY_NAME = {c.name: c for c in CHECKS}


# --- running and deciding ----------------------------------------------------------------------------------

def evaluate(check: Check, inputs: Mapping[str, Any], strict: bool = False) -> Evaluation:
    """Run one check on its inputs and decide: the only place a check's severity is applied."""
    outcome = check.run({name: inputs[name] for name in check.reads})
    blocks = check.severity in ("blocking", "suite") or (check.severity == "strict" and strict)
    return Evaluation(check.name, passed=not (outcome.problems or outcome.warnings),
                      blocking=bool(outcome.problems) and blocks,
                      messages=(*outcome.problems, *outcome.warnings), detail=outcome.detail)


def evaluate_all(inputs: Mapping[str, Any], strict: bool = False,
                 checks: Sequence[Check] = CHECKS) -> list[Evaluation]:
    """Every check once, in registry order (outside Dagster: ``gazette validate``, ``publish`` in tests)."""
    return [evaluate(check, inputs, strict) for check in checks]


def gate(evaluations: Sequence[Evaluation], checks: Sequence[Check] = CHECKS) -> list[str]:
    """Why the package may not be published (empty: it may): a blocking failure, or a check that did not run.
    Outside Dagster only (``publish``, ``gazette validate``); in a Dagster run the blocking asset checks are the
    gate."""
    ran = {e.check for e in evaluations}
    problems = [f"check {c.name} did not run in this build" for c in checks if c.name not in ran]
    problems += [f"{e.check}: {m}" for e in evaluations if e.blocking for m in e.messages]
    return problems


def suite_outcome(evaluation: Evaluation):
    """The ``SuiteOutcome`` a suite check recorded (for the report), None for other checks."""
    from pipeline.checks.gx_runner import ExpectationOutcome, SuiteOutcome

    suite = evaluation.detail.get("suite")
    if suite is None:
        return None
    return SuiteOutcome(suite["suite"], tuple(ExpectationOutcome(**o) for o in suite["outcomes"]))
