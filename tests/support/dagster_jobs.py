"""Jobs for tests that run Dagster's multiprocess executor: each step's process rebuilds the job from a
module-level function (``dg.reconstructable``), which must be importable by its module path, as here."""

from __future__ import annotations


def multiprocess_parse_issues_job():
    """The parse job on the multiprocess executor; the project is ``$GAZETTE_ROOT``."""
    from pipeline.orchestration.definitions import build_definitions

    return build_definitions(executor="multiprocess").resolve_job_def("parse_issues")
