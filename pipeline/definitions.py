"""The Dagster code location: assets, checks and resources; everything runs in-process."""

from __future__ import annotations

import dagster as dg

from pipeline.asset_checks import PACKAGE_CHECKS, SUITE_CHECKS
from pipeline.assets import TABLE_ASSETS, data_package, parsed_issues, raw_issues, references
from pipeline.resources import ProjectResource

ALL_ASSETS = [raw_issues, references, parsed_issues, *TABLE_ASSETS, data_package]
ALL_CHECKS = [*SUITE_CHECKS, *PACKAGE_CHECKS]

build_everything = dg.define_asset_job("build_everything", selection=dg.AssetSelection.all())

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_everything],
    resources={"project": ProjectResource()},
    executor=dg.in_process_executor,
)
