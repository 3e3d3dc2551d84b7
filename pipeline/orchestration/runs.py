"""What the Dagster instance knows about runs, asked through its public API only (no event-log storage queries,
no Dagster-internal tags).

- ``staging_run_going``: whether the run that wrote ``.build/staging`` is still going, for the build lock;
- ``this_run_checks`` / ``this_run_metadata``: the check evaluations and asset metadata recorded in one run
  (``instance.get_records_for_run``), so a step never mistakes another run's records for its own;
- ``attempt_key``: run keys for the sensor that let a failed or killed run be retried: the key names the
  work (``PLAN_TAG``: the fingerprints it covers) and the number of earlier attempts at it that ended
  without success, and ``running_attempt`` names an attempt still going (a run of ``gazette build`` whose
  process died counts as ended, ``PROCESS_TAG``).
"""

from __future__ import annotations

import os
import socket
from typing import Callable

import dagster as dg

from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.lock import staging_pid

#: Our own run tags (not Dagster's): what a run was launched to do, as content fingerprints; and, for a run
#: executed in-process by ``gazette build``, the host and pid of that process (a killed CLI run stays "started"
#: for Dagster, since no run monitor watches it, and is known dead by its pid).
PLAN_TAG = "gazette/plan"
PROCESS_TAG = "gazette/process"


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _dead_here(run: dg.DagsterRun) -> bool:
    """The run was executed in a process of this host that no longer exists."""
    host, _, pid = run.tags.get(PROCESS_TAG, "").rpartition(":")
    return host == socket.gethostname() and pid.isdigit() and not _alive(int(pid))


def _going(run: dg.DagsterRun) -> bool:
    return not run.is_finished and not _dead_here(run)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def staging_run_going(instance: dg.DagsterInstance, paths: ProjectPaths) -> Callable[[str], bool]:
    """``running(run_id)`` for ``exclusive_build``: the run is not finished for the instance and the process that
    staged (this machine) is alive; a run killed without Dagster noticing leaves a staging that is cleaned."""
    def running(run_id: str) -> bool:
        run = instance.get_run_by_id(run_id)
        if run is None or not _going(run):
            return False
        pid = staging_pid(paths)
        return pid is None or _alive(pid)

    return running


def _records(instance: dg.DagsterInstance, run_id: str, kind: dg.DagsterEventType) -> list:
    records, cursor = [], None
    while True:
        page = instance.get_records_for_run(run_id, cursor=cursor, of_type=kind, limit=1000)
        records += page.records
        if not page.has_more:
            return records
        cursor = page.cursor


def this_run_checks(instance: dg.DagsterInstance, run_id: str) -> list[dg.AssetCheckEvaluation]:
    """Every asset check evaluation recorded in the run ``run_id``, in the order they were recorded."""
    events = [r.event_log_entry.dagster_event for r in
              _records(instance, run_id, dg.DagsterEventType.ASSET_CHECK_EVALUATION)]
    return [e.event_specific_data for e in events if e is not None]


def this_run_metadata(instance: dg.DagsterInstance, run_id: str, key: dg.AssetKey) -> dict | None:
    """The metadata of the latest materialization of ``key`` in the run ``run_id`` (None: not in that run)."""
    found = None
    for record in _records(instance, run_id, dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = record.asset_materialization
        if materialization is not None and materialization.asset_key == key:
            found = {k: v.value for k, v in materialization.metadata.items()}
    return found


def _attempts(instance: dg.DagsterInstance, work: str) -> list[dg.DagsterRun]:
    return list(instance.get_runs(filters=dg.RunsFilter(tags={PLAN_TAG: work})))


def running_attempt(instance: dg.DagsterInstance, work: str) -> str | None:
    """The id of a run launched for ``work`` that has not finished (None: there is none)."""
    going = [run.run_id for run in _attempts(instance, work) if _going(run)]
    return going[0] if going else None


def attempt_key(instance: dg.DagsterInstance, work: str) -> str:
    """The run key of the next attempt at ``work``: one more than the attempts that failed or were killed, so a
    failed run never blocks its retry and a succeeded or running one is never launched twice."""
    ended_badly = [run for run in _attempts(instance, work) if not _going(run)
                   and run.status != dg.DagsterRunStatus.SUCCESS]
    return f"{work}-attempt{len(ended_badly) + 1}"
