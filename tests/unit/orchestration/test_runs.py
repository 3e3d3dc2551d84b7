"""Run keys that let a failed or killed run be retried, and when a staging's run counts as still going: asked of a
Dagster instance through its public API, without a build."""

import socket
import subprocess
import sys

import dagster as dg

from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.lock import claim_staging
from pipeline.orchestration.runs import PLAN_TAG, PROCESS_TAG, attempt_key, running_attempt, staging_run_going

WORK = "publish-0123abcd"


@dg.op
def _nothing():
    return None


@dg.job
def _a_job():
    _nothing()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_failed_attempt_gets_a_new_key_and_a_running_one_none():
    with dg.instance_for_test() as instance:
        assert (attempt_key(instance, WORK), running_attempt(instance, WORK)) == (f"{WORK}-attempt1", None)
        first = instance.create_run_for_job(_a_job, tags={PLAN_TAG: WORK})  # launched, not finished
        assert (attempt_key(instance, WORK), running_attempt(instance, WORK)) == (f"{WORK}-attempt1", first.run_id)
        instance.report_run_failed(first)  # terminated, or failed: the next tick retries with a new key
        assert (attempt_key(instance, WORK), running_attempt(instance, WORK)) == (f"{WORK}-attempt2", None)
        assert attempt_key(instance, "another-work") == "another-work-attempt1"


def test_a_command_line_run_whose_process_died_counts_as_ended():
    with dg.instance_for_test() as instance:
        dead = f"{socket.gethostname()}:{_dead_pid()}"
        instance.create_run_for_job(_a_job, tags={PLAN_TAG: WORK, PROCESS_TAG: dead})  # stays "not started"
        assert (attempt_key(instance, WORK), running_attempt(instance, WORK)) == (f"{WORK}-attempt2", None)
        alive = instance.create_run_for_job(_a_job, tags={PLAN_TAG: WORK, PROCESS_TAG: f"{socket.gethostname()}:1"})
        assert running_attempt(instance, WORK) == alive.run_id


def test_a_staging_is_in_use_while_its_run_goes_and_its_process_lives(tmp_path):
    paths = ProjectPaths(tmp_path)
    with dg.instance_for_test() as instance:
        run = instance.create_run_for_job(_a_job)
        paths.staging.mkdir(parents=True)
        claim_staging(paths, run.run_id)  # by this process, alive
        running = staging_run_going(instance, paths)
        assert running(run.run_id) and not running("no-such-run")
        (paths.staging / "run_id").write_text(f"{run.run_id} {_dead_pid()}", encoding="utf-8")
        assert not running(run.run_id)  # its process died: a leftover
        claim_staging(paths, run.run_id)
        instance.report_run_failed(run)
        assert not running(run.run_id)
