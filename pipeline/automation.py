"""Scheduled and event-driven rebuilds (run them with `dagster dev` or `dagster-daemon run`).

- ``raw_files_changed`` (sensor, every minute): new issue files in raw/gazette become partitions, removed
  ones are dropped; an issue whose content fingerprint changed is reparsed (run key = fingerprint, so the
  same content is never parsed twice); once every issue is current, the package is republished if needed.
- ``daily_rebuild`` (schedule, 06:00 Asia/Shanghai): republishes when the package is out of date (code,
  suites or files changed) and skips otherwise.
"""

import dagster as dg

from pipeline.assets import gazette_issues, parsed_issue
from pipeline.build_plan import make_plan
from pipeline.resources import ProjectResource

parse_issue_job = dg.define_asset_job("parse_issue", selection=[parsed_issue],
                                      description="Parse one gazette issue (one partition).")
publish_package_job = dg.define_asset_job(
    "publish_package", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(parsed_issue),
    description="Build every table from the parsed issues, run all checks and publish the package.")


@dg.sensor(jobs=[parse_issue_job, publish_package_job], minimum_interval_seconds=60,
           description="Reacts to content changes in raw/ (sha256 fingerprints, not modification times).")
def raw_files_changed(context: dg.SensorEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    partition_requests = []
    if plan.add:
        partition_requests.append(gazette_issues.build_add_request(list(plan.add)))
    if plan.remove:
        partition_requests.append(gazette_issues.build_delete_request(list(plan.remove)))
    if plan.stale:
        return dg.SensorResult(
            run_requests=[dg.RunRequest(job_name="parse_issue", partition_key=issue,
                                        run_key=f"{issue}-{plan.fingerprints[issue]}") for issue in plan.stale],
            dynamic_partitions_requests=partition_requests)
    if plan.publish_needed:
        return dg.SensorResult(
            run_requests=[dg.RunRequest(job_name="publish_package", run_key=f"publish-{plan.package_fingerprint}")],
            dynamic_partitions_requests=partition_requests)
    return dg.SkipReason("raw/ unchanged and the published package is current")


@dg.schedule(job=publish_package_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
             description="Daily rebuild of the published package when it is out of date.")
def daily_rebuild(context: dg.ScheduleEvaluationContext, project: ProjectResource):
    plan = make_plan(project.paths, context.instance)
    if plan.stale or plan.add or plan.remove:
        return dg.SkipReason(f"issues to (re)parse first: {list(plan.stale)}; the raw_files_changed sensor runs them")
    if not plan.publish_needed:
        return dg.SkipReason("the published package is current")
    return dg.RunRequest(run_key=None)
