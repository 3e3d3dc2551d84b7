"""The Dagster code location: assets, checks, jobs, sensor, schedule and resources; all runs in-process.

``defs`` is what `dagster dev -m pipeline.definitions` loads (project root resolved at run time, see
``pipeline.resources``); ``build_definitions(root)`` gives the same code location bound to one project
folder, which ``gazette build`` uses to launch the named jobs ``parse_issue`` and ``publish_package``.
"""

import dagster as dg

from pipeline.asset_checks import ASSET_CHECKS
from pipeline.assets import TABLE_ASSETS, data_package, parsed_issue, references, staged_package
from pipeline.automation import daily_rebuild, parse_issue_job, publish_package_job, raw_files_changed
from pipeline.resources import ProjectResource

ALL_ASSETS = [parsed_issue, references, *TABLE_ASSETS, staged_package, data_package]
ALL_CHECKS = ASSET_CHECKS


def build_definitions(root: str | None = None, strict: bool = False) -> dg.Definitions:
    """The code location; ``root`` is the project folder (None: resolved when a run starts), ``strict`` makes a
    non-empty review queue an error that stops publishing."""
    return dg.Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[parse_issue_job, publish_package_job],
        sensors=[raw_files_changed],
        schedules=[daily_rebuild],
        resources={"project": ProjectResource(root=root, strict=strict)},
        executor=dg.in_process_executor,
    )


defs = build_definitions()
