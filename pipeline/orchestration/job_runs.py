"""Executing the code location's named jobs for ``gazette build``: in this process, and a parse of many issues on
Dagster's multiprocess executor.

Each run goes through ``dg.execute_job`` on a job rebuilt from this module (``dg.build_reconstructable_job``:
module, function, project folder, strictness), not ``JobDefinition.execute_in_process``, which keeps every step's
output value until the run ends (its ``output_capture``): with every table asset's frame held, a publish run's
memory would grow with each step. The parse run uses the multiprocess executor, a worker process per batch, when
its stale issues make more than one batch (``parse_step.batches``: at least ``MIN_BATCH`` issues a batch, one
batch per CPU); below that, one process parses faster than two could start.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline.orchestration.parse_step import MIN_BATCH, batches

#: The function that rebuilds a job, in this process or in a worker (``dg.build_reconstructable_job``).
_RECONSTRUCTOR = (__name__, "code_location_job")


def code_location_job(job_name: str, root: str | None = None, strict: bool = False,
                      executor: str = "in_process") -> dg.JobDefinition:
    """The job ``job_name`` of the code location bound to the project folder ``root``, on ``executor``."""
    from pipeline.orchestration.definitions import build_definitions

    return build_definitions(root, strict=strict, executor=executor).resolve_job_def(job_name)


def in_parallel(stale: int, cores: int | None = None) -> bool:
    """Whether ``stale`` issues make more than one batch on ``cores`` CPUs (default: this machine's)."""
    return len(batches(list(range(stale)), cores or os.cpu_count() or 1, MIN_BATCH)) > 1


def execute(job_name: str, root: Path, strict: bool, executor: str, instance: dg.DagsterInstance, tags: dict,
            run_config: dict) -> dg.JobExecutionResult:
    """Run ``job_name`` for the project ``root`` on ``executor`` (``instance`` must persist its runs: the run and
    its events are read from it, by the workers too); failures are in the result, not raised."""
    job = dg.build_reconstructable_job(*_RECONSTRUCTOR, reconstructable_args=(job_name,),
                                       reconstructable_kwargs={"root": str(root), "strict": strict,
                                                               "executor": executor})
    with dg.execute_job(job, instance=instance, tags=tags, raise_on_error=False, run_config=run_config) as result:
        return result
