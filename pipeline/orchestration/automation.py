"""Scheduled and event-driven rebuilds (run them with `dagster dev` or `dagster-daemon run`), deciding from the
one plan (``pipeline.orchestration.plan``) that ``gazette build`` follows too.

- ``raw_files_changed`` (sensor, every minute): new issue files in raw/gazette become partitions, removed
  ones are dropped; the issues whose content fingerprint changed are reparsed, one run per contiguous range
  of them; once every issue is current, the package is republished if needed. Each run is tagged with the
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

from pipeline.orchestration.assets import gazette_issues, parsed_issue
from pipeline.orchestration.plan import PARTITIONS, Plan, make_plan, partition_ranges, range_tags
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.runs import PLAN_TAG, attempt_key, running_attempt
from pipeline.orchestration.status import PACKAGE_CURRENT_KEY, status_evaluation

parse_issue_job = dg.define_asset_job(
    "parse_issue", selection=dg.AssetSelection.assets(parsed_issue) | dg.AssetSelection.checks(PACKAGE_CURRENT_KEY),
    description="Parse gazette issues (one partition, or a range in one run), then report whether the package "
                "is current (check package_current).")
publish_package_job = dg.define_asset_job(
    "publish_package", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(parsed_issue),
    description="Build every table from the parsed issues, run all checks and publish the package.")


def parse_work(plan: Plan, partitions: list[str]) -> list[tuple[str, str, str]]:
    """(first, last, work) for each run that parses the stale issues: work names the range's content."""
    out = []
    for first, last in partition_ranges(partitions, plan.stale):
        issues = partitions[partitions.index(first):partitions.index(last) + 1]
        digest = hashlib.sha256("|".join(f"{i}={plan.fingerprints[i]}" for i in issues).encode()).hexdigest()
        out.append((first, last, f"{first}-{plan.fingerprints[first]}" if first == last
                    else f"{first}..{last}-{digest[:16]}"))
    return out


def publish_work(plan: Plan) -> str:
    return f"publish-{plan.package_fingerprint}"


def run_requests(plan: Plan, partitions: list[str], instance: dg.DagsterInstance) -> list[dg.RunRequest]:
    """The runs the plan needs next (parse runs first; publish once every issue is current), less those for
    which a run is still going."""
    if plan.stale:
        wanted = [("parse_issue", work, range_tags(first, last), first if first == last else None)
                  for first, last, work in parse_work(plan, partitions)]
    elif plan.publish_needed:
        wanted = [("publish_package", publish_work(plan), {}, None)]
    else:
        return []
    return [dg.RunRequest(job_name=job, tags={**tags, PLAN_TAG: work}, partition_key=key,
                          run_key=attempt_key(instance, work))
            for job, work, tags, key in wanted if running_attempt(instance, work) is None]


@dg.sensor(jobs=[parse_issue_job, publish_package_job], minimum_interval_seconds=60,
           description="Reacts to content changes in raw/ (sha256 fingerprints, not modification times); retries "
                       "a run that failed or was killed.")
def raw_files_changed(context: dg.SensorEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    known = [*(p for p in context.instance.get_dynamic_partitions(PARTITIONS) if p not in plan.remove), *plan.add]
    partition_requests = []
    if plan.add:
        partition_requests.append(gazette_issues.build_add_request(list(plan.add)))
    if plan.remove:
        partition_requests.append(gazette_issues.build_delete_request(list(plan.remove)))
    requests = run_requests(plan, known, context.instance)
    events = []
    if context.cursor != plan.summary():  # the UI hears of a change of plan once, not every minute
        events.append(status_evaluation(plan))
        context.update_cursor(plan.summary())
    if requests or partition_requests or events:
        return dg.SensorResult(run_requests=requests, dynamic_partitions_requests=partition_requests,
                               asset_events=events, skip_reason=None if requests else _skip_reason(plan))
    return dg.SkipReason(_skip_reason(plan))


def _skip_reason(plan: Plan) -> str:
    if plan.nothing_to_do:
        return "raw/ unchanged and the published package is current"
    return f"a run for this plan is still going ({plan.summary()})"


@dg.schedule(job=publish_package_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
             description="Daily rebuild of the published package when it is out of date.")
def daily_rebuild(context: dg.ScheduleEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    if plan.stale or plan.add or plan.remove:
        return dg.SkipReason(f"issues to (re)parse first: {list(plan.stale)}; the raw_files_changed sensor runs them")
    if not plan.publish_needed:
        return dg.SkipReason("the published package is current")
    return dg.RunRequest(run_key=None, tags={PLAN_TAG: publish_work(plan)})
