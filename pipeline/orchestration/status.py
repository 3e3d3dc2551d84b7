"""The plan shown in Dagster: the non-blocking check ``package_current`` on ``data_package``.

Dagster does not compute the staleness here (see ``pipeline.orchestration.plan``, the one model), so the UI is
told it: ``package_current`` fails (WARN) while the plan has work (issues to parse, a package to
republish) and passes once the package is published from today's inputs; its metadata
lists what a run must do. It is evaluated at the end of every ``parse_issues`` run (so the package shows stale
from a parse on) and of every ``publish_package`` run, and reported by ``gazette build`` and by the
``raw_files_changed`` sensor when the plan changes (``report_status``, a public runless event).
"""

import dagster as dg

from pipeline.orchestration.plan import Plan, make_plan
from pipeline.orchestration.resources import ProjectResource

PARSED_ISSUES = dg.AssetKey("parsed_issues")
DATA_PACKAGE = dg.AssetKey("data_package")

PACKAGE_CURRENT = "package_current"
PACKAGE_CURRENT_KEY = dg.AssetCheckKey(DATA_PACKAGE, PACKAGE_CURRENT)


def status_metadata(plan: Plan) -> dict:
    return {"summary": plan.summary(), "stale_issues": list(plan.stale), "publish_needed": plan.publish_needed,
            "package_fingerprint": plan.package_fingerprint}


def status_evaluation(plan: Plan) -> dg.AssetCheckEvaluation:
    """The check's evaluation for ``plan`` (passed: nothing to do)."""
    return dg.AssetCheckEvaluation(asset_key=DATA_PACKAGE, check_name=PACKAGE_CURRENT, passed=plan.nothing_to_do,
                                   severity=dg.AssetCheckSeverity.WARN, metadata=status_metadata(plan))


def report_status(instance: dg.DagsterInstance, plan: Plan) -> None:
    """Record the plan's verdict on the package outside a run (``gazette build``, tests)."""
    instance.report_runless_asset_event(status_evaluation(plan))


@dg.asset_check(asset=DATA_PACKAGE, name=PACKAGE_CURRENT, blocking=False,
                additional_deps=[PARSED_ISSUES],  # in a parse run: after the issues are parsed
                description="The published package is built from today's raw files, reference files, code and "
                            "suites (the plan of pipeline.orchestration.plan has nothing to do); fails, as a "
                            "warning, from a parse until the package is published. The metadata lists what a run "
                            "must do.")
def package_current(context: dg.AssetCheckExecutionContext, project: ProjectResource) -> dg.AssetCheckResult:
    plan = make_plan(project.paths, strict=project.strict)
    return dg.AssetCheckResult(passed=plan.nothing_to_do, severity=dg.AssetCheckSeverity.WARN,
                               metadata=status_metadata(plan))
