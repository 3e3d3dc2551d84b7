"""The Dagster code location: assets, checks, jobs, sensor, schedule, resources and the executor.

``defs`` is what `dagster dev -m pipeline.orchestration.definitions` loads (project root resolved at run time, see
``pipeline.orchestration.resources``); ``build_definitions(root)`` gives the same code location bound to one project
folder, which ``gazette build`` uses to launch the named jobs ``parse_issues`` and ``publish_package``.
"""

import importlib
import os

import dagster as dg

from pipeline.orchestration.asset_checks import ASSET_CHECKS
from pipeline.orchestration.assets import TABLE_ASSETS, data_package, references, staged_package
from pipeline.orchestration.automation import daily_rebuild, parse_issues_job, publish_package_job, raw_files_changed
from pipeline.orchestration.parse_step import parsed_issues
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.status import package_current
from pipeline.orchestration.table_store import TABLES_IO, tables_io

ALL_ASSETS = [parsed_issues, references, *TABLE_ASSETS, staged_package, data_package]
ALL_CHECKS = [*ASSET_CHECKS, package_current]  # the registry's checks, and the plan's verdict


#: Executors by name; ``GAZETTE_EXECUTOR`` picks one for runs launched by Dagster itself (UI, daemon,
#: ``dagster job execute``); ``gazette build`` runs in-process, a parse of many issues on the multiprocess
#: executor (``job_runs``). ``celery`` runs each step on a Celery worker of any machine (the optional
#: dependency ``dagster-celery``, ``pip install '.[celery]'``; README, Operations); no asset or check changes
#: with the executor.
EXECUTORS = {"in_process": dg.in_process_executor, "multiprocess": dg.multiprocess_executor}
OPTIONAL_EXECUTORS = {"celery": ("dagster_celery", "celery_executor", "dagster-celery")}


def executor_named(name: str) -> dg.ExecutorDefinition:
    """The executor ``GAZETTE_EXECUTOR`` names; an optional one is imported only when named."""
    if name in EXECUTORS:
        return EXECUTORS[name]
    if name not in OPTIONAL_EXECUTORS:
        raise ValueError(f"GAZETTE_EXECUTOR: expected one of {sorted([*EXECUTORS, *OPTIONAL_EXECUTORS])}, "
                         f"got {name!r}")
    module, attribute, distribution = OPTIONAL_EXECUTORS[name]
    try:
        return getattr(importlib.import_module(module), attribute)
    except ImportError:
        raise ValueError(f"GAZETTE_EXECUTOR={name} needs {distribution}: pip install '.[{name}]'") from None


def build_definitions(root: str | None = None, strict: bool = False, executor: str | None = None) -> dg.Definitions:
    """The code location; ``root`` is the project folder (None: resolved when a run starts), ``strict`` makes a
    non-empty review queue an error that stops publishing, ``executor`` names one of ``EXECUTORS`` or
    ``OPTIONAL_EXECUTORS`` (default: ``$GAZETTE_EXECUTOR``, else in-process)."""
    name = executor or os.environ.get("GAZETTE_EXECUTOR") or "in_process"
    return dg.Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[parse_issues_job, publish_package_job],
        sensors=[raw_files_changed],
        schedules=[daily_rebuild],
        resources={"project": ProjectResource(root=root, strict=strict), TABLES_IO: tables_io},
        executor=executor_named(name),
    )


defs = build_definitions()
