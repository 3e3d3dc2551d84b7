"""Scheduled and event-driven rebuilds (run them with `dagster dev` or `dagster-daemon run`).

- ``raw_files_changed`` (sensor, every minute): new issue files in raw/gazette become partitions, removed
  ones are dropped; the issues whose content fingerprint changed are reparsed, one run per contiguous range
  of them (run key = the range's fingerprints, so the same content is never parsed twice); once every issue is current, the package is republished if needed.
- ``daily_rebuild`` (schedule, 06:00 Asia/Shanghai): republishes when the package is out of date (code,
  suites or files changed) and skips otherwise.
"""

import dagster as dg

from pipeline.orchestration.assets import gazette_issues, parsed_issue
import hashlib

from pipeline.orchestration.plan import Plan, make_plan, partition_ranges, range_tags
from pipeline.orchestration.resources import ProjectResource

parse_issue_job = dg.define_asset_job("parse_issue", selection=[parsed_issue],
                                      description="Parse one gazette issue (one partition).")
publish_package_job = dg.define_asset_job(
    "publish_package", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(parsed_issue),
    description="Build every table from the parsed issues, run all checks and publish the package.")


@dg.sensor(jobs=[parse_issue_job, publish_package_job], minimum_interval_seconds=60,
           description="Reacts to content changes in raw/ (sha256 fingerprints, not modification times).")
def raw_files_changed(context: dg.SensorEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    known = [*(p for p in context.instance.get_dynamic_partitions("gazette_issues") if p not in plan.remove),
             *plan.add]
    partition_requests = []
    if plan.add:
        partition_requests.append(gazette_issues.build_add_request(list(plan.add)))
    if plan.remove:
        partition_requests.append(gazette_issues.build_delete_request(list(plan.remove)))
    if plan.stale:
        return dg.SensorResult(
            run_requests=[dg.RunRequest(job_name="parse_issue", tags=range_tags(first, last),
                                        partition_key=first if first == last else None,
                                        run_key=_run_key(plan, first, last, known))
                          for first, last in partition_ranges(known, plan.stale)],
            dynamic_partitions_requests=partition_requests)
    if plan.publish_needed:
        return dg.SensorResult(
            run_requests=[dg.RunRequest(job_name="publish_package", run_key=f"publish-{plan.package_fingerprint}")],
            dynamic_partitions_requests=partition_requests)
    return dg.SkipReason("raw/ unchanged and the published package is current")


def _run_key(plan: Plan, first: str, last: str, partitions: list[str]) -> str:
    """The range and the fingerprints of its issues: the same content is never parsed twice."""
    issues = partitions[partitions.index(first):partitions.index(last) + 1]
    if first == last:
        return f"{first}-{plan.fingerprints[first]}"
    digest = hashlib.sha256("|".join(f"{i}={plan.fingerprints[i]}" for i in issues).encode()).hexdigest()
    return f"{first}..{last}-{digest[:16]}"


@dg.schedule(job=publish_package_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
             description="Daily rebuild of the published package when it is out of date.")
def daily_rebuild(context: dg.ScheduleEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    if plan.stale or plan.add or plan.remove:
        return dg.SkipReason(f"issues to (re)parse first: {list(plan.stale)}; the raw_files_changed sensor runs them")
    if not plan.publish_needed:
        return dg.SkipReason("the published package is current")
    return dg.RunRequest(run_key=None)
