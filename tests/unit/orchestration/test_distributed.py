"""The distributed executor the README documents: the code location loads with GAZETTE_EXECUTOR=celery and the
run config in docs/deploy/ is valid for both jobs (no broker is contacted: nothing runs)."""

from __future__ import annotations

import dagster as dg
import pytest
import yaml

from pipeline.base.paths import REPO_ROOT
from pipeline.orchestration.definitions import build_definitions, executor_named

RUN_CONFIG = REPO_ROOT / "docs" / "deploy" / "celery-run-config.yaml"


@pytest.fixture(scope="module")
def celery_defs() -> dg.Definitions:
    return build_definitions(executor="celery")


def test_the_celery_run_config_of_the_readme_is_valid_for_both_jobs(celery_defs):
    config = yaml.safe_load(RUN_CONFIG.read_text(encoding="utf-8"))
    assert config["execution"]["config"]["broker"].startswith("pyamqp://")
    for job_name in ("parse_issues", "publish_package"):
        job = celery_defs.resolve_job_def(job_name)
        assert job.executor_def.name == "celery"
        dg.validate_run_config(job, config)  # raises on a key the executor does not know or a wrong type


def test_a_misspelt_key_in_the_run_config_is_refused(celery_defs):
    job = celery_defs.resolve_job_def("parse_issues")
    with pytest.raises(dg.DagsterInvalidConfigError, match="brokr"):
        dg.validate_run_config(job, {"execution": {"config": {"brokr": "pyamqp://x//"}}})


def test_an_unknown_executor_name_is_refused():
    assert executor_named("multiprocess") is dg.multiprocess_executor
    with pytest.raises(ValueError, match="expected one of \\['celery', 'in_process', 'multiprocess'\\]"):
        executor_named("k8s")


def test_a_worker_reads_the_same_file():
    """`dagster-celery worker start -y docs/deploy/celery-run-config.yaml` takes its broker and Celery settings
    from the same block as the jobs."""
    from dagster_celery.cli import get_validated_config

    config = get_validated_config(str(RUN_CONFIG))
    assert config["broker"] == "pyamqp://gazette@rabbitmq.internal:5672//"
    assert config["config_source"] == {"worker_prefetch_multiplier": 1, "task_acks_late": True}
