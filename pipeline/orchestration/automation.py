"""Scheduled and event-driven rebuilds (run them with `dagster dev` or `dagster-daemon run`), deciding from the
one plan (``pipeline.orchestration.plan``) that ``gazette build`` follows too.

- ``raw_files_changed`` (sensor, every minute): the issues without a part for their content fingerprint (new
  or changed files in raw/gazette, or a changed reference file or parse code) are parsed, all in one run;
  once every issue is parsed, the package is republished if needed (also when an issue file was removed). Each run is tagged with the
  work it does (``gazette/plan``: the fingerprints it covers) and keyed by that work and its attempt
  (``pipeline.orchestration.runs.attempt_key``): the same content is never parsed twice while a run for it
  succeeded or is going, and a failed or killed run is retried at the next tick. A tick with nothing to
  launch says why (a run for the plan still going, or nothing to do); when the plan changes, the sensor
  reports it to the UI as the ``package_current`` check.
- ``daily_rebuild`` (schedule, 06:00 Asia/Shanghai): republishes when the package is out of date (code,
  suites or files changed) and skips otherwise.
"""

import hashlib

import dagster as dg

from pipeline.orchestration.parse_step import parsed_issues
from pipeline.orchestration.plan import Plan, make_plan
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.runs import PLAN_TAG, attempt_key, running_attempt
from pipeline.orchestration.status import PACKAGE_CURRENT_KEY, status_evaluation

parse_issues_job = dg.define_asset_job(
    "parse_issues", selection=dg.AssetSelection.assets(parsed_issues) | dg.AssetSelection.checks(PACKAGE_CURRENT_KEY),
    description="Parse the gazette issues that have no part for their content (in parallel batches on the "
                "multiprocess executor), then report whether the package is current (check package_current).")
publish_package_job = dg.define_asset_job(
    "publish_package", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(parsed_issues),
    description="Build every table from the parsed issues, run all checks and publish the package.")


def parse_work(plan: Plan) -> str:
    """The work of the run that parses the stale issues: their content."""
    digest = hashlib.sha256("|".join(f"{i}={plan.fingerprints[i]}" for i in plan.stale).encode()).hexdigest()
    return f"parse-{len(plan.stale)}-{digest[:16]}"


def publish_work(plan: Plan) -> str:
    return f"publish-{plan.package_fingerprint}"


def run_requests(plan: Plan, instance: dg.DagsterInstance) -> list[dg.RunRequest]:
    """The run the plan needs next (the parse run first; the publish run once every issue is parsed), unless a
    run for the same work is still going."""
    if plan.stale:
        job, work = "parse_issues", parse_work(plan)
    elif plan.publish_needed:
        job, work = "publish_package", publish_work(plan)
    else:
        return []
    if running_attempt(instance, work) is not None:
        return []
    return [dg.RunRequest(job_name=job, tags={PLAN_TAG: work}, run_key=attempt_key(instance, work))]


@dg.sensor(jobs=[parse_issues_job, publish_package_job], minimum_interval_seconds=60,
           description="Reacts to content changes in raw/ (sha256 fingerprints, not modification times); retries "
                       "a run that failed or was killed.")
def raw_files_changed(context: dg.SensorEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths)
    requests = run_requests(plan, context.instance)
    events = []
    if context.cursor != plan.summary():  # the UI hears of a change of plan once, not every minute
        events.append(status_evaluation(plan))
        context.update_cursor(plan.summary())
    if requests or events:
        return dg.SensorResult(run_requests=requests, asset_events=events,
                               skip_reason=None if requests else _skip_reason(plan))
    return dg.SkipReason(_skip_reason(plan))


def _skip_reason(plan: Plan) -> str:
    if plan.nothing_to_do:
        return "raw/ unchanged and the published package is current"
    return f"a run for this plan is still going ({plan.summary()})"


@dg.schedule(job=publish_package_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
             description="Daily rebuild of the published package when it is out of date.")
def daily_rebuild(context: dg.ScheduleEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths)
    if plan.stale:
        return dg.SkipReason(f"issues to (re)parse first: {list(plan.stale)}; the raw_files_changed sensor runs them")
    if not plan.publish_needed:
        return dg.SkipReason("the published package is current")
    return dg.RunRequest(run_key=None, tags={PLAN_TAG: publish_work(plan)})
