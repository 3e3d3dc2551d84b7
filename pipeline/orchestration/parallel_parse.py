"""The parse run of a large build on Dagster's multiprocess executor.

``gazette build`` runs in-process, except the parse run when its stale issues make more than one batch
(``parse_step.batches``: at least ``MIN_BATCH`` issues a batch, one batch per CPU): then each batch parses in a
worker process of its own, as when the Dagster daemon launches the run. Below that, one process parses faster
than two could start.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline.orchestration.parse_step import MIN_BATCH, batches

#: The job that worker processes rebuild (module and function: ``dg.build_reconstructable_job``).
_RECONSTRUCTOR = (__name__, "parse_job")


def parse_job(root: str | None = None, strict: bool = False) -> dg.JobDefinition:
    """The ``parse_issues`` job on the multiprocess executor, bound to the project folder ``root``."""
    from pipeline.orchestration.definitions import build_definitions

    return build_definitions(root, strict=strict, executor="multiprocess").resolve_job_def("parse_issues")


def in_parallel(stale: int, cores: int | None = None) -> bool:
    """Whether ``stale`` issues make more than one batch on ``cores`` CPUs (default: this machine's)."""
    return len(batches(list(range(stale)), cores or os.cpu_count() or 1, MIN_BATCH)) > 1


def execute_parse(root: Path, strict: bool, instance: dg.DagsterInstance, tags: dict, run_config: dict):
    """Run ``parse_issues`` for the project ``root`` on the multiprocess executor (``instance`` must persist
    its runs: the workers read the run from it)."""
    job = dg.build_reconstructable_job(*_RECONSTRUCTOR, reconstructable_kwargs={"root": str(root), "strict": strict})
    with dg.execute_job(job, instance=instance, tags=tags, raise_on_error=False, run_config=run_config) as result:
        return result
