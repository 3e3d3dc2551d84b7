"""The Dagster code location: assets, checks, jobs, sensor, schedule and resources; all runs in-process."""

import dagster as dg

from pipeline.asset_checks import PACKAGE_CHECKS, SUITE_CHECKS
from pipeline.assets import TABLE_ASSETS, data_package, parsed_issue, references
from pipeline.automation import daily_rebuild, parse_issue_job, publish_package_job, raw_files_changed
from pipeline.resources import ProjectResource

ALL_ASSETS = [parsed_issue, references, *TABLE_ASSETS, data_package]
ALL_CHECKS = [*SUITE_CHECKS, *PACKAGE_CHECKS]

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[parse_issue_job, publish_package_job],
    sensors=[raw_files_changed],
    schedules=[daily_rebuild],
    resources={"project": ProjectResource()},
    executor=dg.in_process_executor,
)
