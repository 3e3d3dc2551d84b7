"""Running a build with Dagster, in this process (a parse of many issues on worker processes, ``job_runs``): parse
the stale issues, then check and publish.

Used by ``gazette build`` and the tests. Follows the one plan (``pipeline.orchestration.plan``) and launches the
code location's named jobs with the sensor's run requests (``pipeline.orchestration.automation.run_requests``:
``parse_issues`` for every stale issue, then ``publish_package``), so CLI runs show in the Dagster UI under the
same names and tags as runs started there. Holds the build lock for the whole run and reports what it cleaned up after a killed build. Failure is
decided from Dagster's structured results (run success, failed asset check evaluations of ERROR severity),
and each problem comes back as one readable message in the form ``<file>:<line>: expected …`` (or the failed
blocking check), never a traceback.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import dagster as dg

from pipeline.orchestration.lock import exclusive_build
from pipeline.orchestration.plan import Plan, make_plan
from pipeline.orchestration.runs import PROCESS_TAG, staging_run_going, this_process
from pipeline.base.errors import BuildError
from pipeline.base.paths import ProjectPaths

QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass(frozen=True)
class BuildOutcome:
    plan: Plan
    reparsed: tuple[str, ...]
    published: bool
    warnings: tuple[str, ...]


def _step_failure_message(error) -> str:
    chain = []
    while error is not None:
        chain.append(error)
        error = error.cause
    ours = [e for e in chain if e.cls_name in ("SourceError", "BuildError")]
    best = ours[-1] if ours else chain[-1]
    return re.sub(r"^[\w.]*(?:Error|Exception): ", "", best.message.strip())


BLOCKING_CHECKS_FAILED = re.compile(r"^\d+ blocking asset checks? failed")
#: Problems of a failed check listed in its message; the rest are counted (all are in the check's metadata).
MESSAGE_PROBLEMS = 20


def _check_message(evaluation) -> str:
    """One line naming the failed check, then its problems one a line (the review queue's with what to do)."""
    from pipeline.orchestration.asset_checks import QUEUE_CHECK  # only on failure: it imports the checks

    detail = evaluation.metadata.get("problems") or evaluation.metadata.get("errors") \
        or evaluation.metadata.get("results")
    head = (f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} failed "
            f"({evaluation.severity.value})")
    if evaluation.check_name == QUEUE_CHECK:
        return _queue_message(evaluation)
    if detail is None:
        return head
    problems = detail.value if isinstance(detail.value, (list, tuple)) else [detail.value]
    shown = [f"  {p}" for p in problems[:MESSAGE_PROBLEMS]]
    if len(problems) > MESSAGE_PROBLEMS:
        shown.append(f"  … and {len(problems) - MESSAGE_PROBLEMS} more")
    return ":\n".join([head, "\n".join(shown)]) if shown else head


def _queue_message(evaluation) -> str:
    """The review queue's failure: counts by kind, what was (not) published, and where to go next."""
    import json

    from pipeline.orchestration.asset_checks import QUEUE_CHECK

    data = evaluation.metadata.get("evaluation")
    detail = (json.loads(data.value) if isinstance(data.value, str) else data.value).get("detail", {}) if data else {}
    counts = detail.get("by_kind", {})
    strict = evaluation.severity == dg.AssetCheckSeverity.ERROR
    head = (f"strict build: the review queue holds {detail.get('items', '?')} item(s), nothing was published"
            if strict else f"the review queue holds {detail.get('items', '?')} item(s) (check {QUEUE_CHECK})")
    lines = [f"  {kind}: {n}" for kind, n in sorted(counts.items())]
    tail = ("`gazette review` lists them by the reference file to edit; `gazette review --suggest` prints the "
            "rows to add")
    return "\n".join([head + ":", *lines, tail])


def failed_checks(result: dg.JobExecutionResult, severity: dg.AssetCheckSeverity) -> list:
    return [e for e in result.get_asset_check_evaluations() if not e.passed and e.severity == severity]


def error_messages(result: dg.JobExecutionResult) -> list[str]:
    """Readable messages for failed steps and failed blocking (ERROR) checks of a Dagster run, each once."""
    checks = [_check_message(e) for e in failed_checks(result, dg.AssetCheckSeverity.ERROR)]
    steps = [_step_failure_message(e.step_failure_data.error) for e in result.get_step_failure_events()]
    if checks:  # Dagster's own "N blocking asset check(s) failed …" only repeats the checks' messages
        steps = [m for m in steps if not BLOCKING_CHECKS_FAILED.match(m)]
    return list(dict.fromkeys([*steps, *checks]))


def failed(result: dg.JobExecutionResult) -> bool:
    return not result.success or bool(failed_checks(result, dg.AssetCheckSeverity.ERROR))


#: Rounds of runs a build makes at most: parse the stale issues, publish; one more when an input changed meanwhile.
ROUNDS = 3


def _execute(request: dg.RunRequest, instance: dg.DagsterInstance, paths: ProjectPaths, plan: Plan, strict: bool):
    """Run one of the sensor's run requests (``job_runs``: in this process, a parse of many issues on worker
    processes); a failed run is a ``BuildError`` with readable messages."""
    from pipeline.orchestration.job_runs import execute, in_parallel

    parallel = request.job_name == "parse_issues" and in_parallel(len(plan.stale))
    result = execute(request.job_name, paths.root, strict, "multiprocess" if parallel else "in_process", instance,
                     {**request.tags, PROCESS_TAG: this_process()}, QUIET)
    if failed(result):
        raise BuildError("\n".join(error_messages(result)) or f"{request.job_name} failed")
    return result


def run_build(paths: ProjectPaths, instance: dg.DagsterInstance, strict: bool = False) -> BuildOutcome:
    """Reparse the stale issues and republish if needed; ``strict`` refuses to publish a non-empty review queue."""
    with exclusive_build(paths, running=staging_run_going(instance, paths)) as cleaned, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = current = make_plan(paths, strict=strict)
        if plan.nothing_to_do:
            return BuildOutcome(plan, (), False, tuple(cleaned))
        from pipeline.orchestration.automation import run_requests  # the whole graph: only when there is work

        reparsed, published = [], None
        for _ in range(ROUNDS):  # the sensor's requests, round by round: parse, then publish
            requests = run_requests(current, instance)
            results = [_execute(request, instance, paths, current, strict) for request in requests]
            reparsed += current.stale
            if not requests or requests[0].job_name == "publish_package":
                published = results[0] if results else None
                break
            current = make_plan(paths, strict=strict)
        if published is None and current.publish_needed:
            raise BuildError(f"{current.summary()}: a Dagster run for it is still going, or the inputs changed "
                             "while building; nothing was published, run the build again")
        warned = [_check_message(e) for e in failed_checks(published, dg.AssetCheckSeverity.WARN)] if published \
            else []
        return BuildOutcome(plan, tuple(dict.fromkeys(reparsed)), published is not None, (*cleaned, *warned))
