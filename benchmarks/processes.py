"""What every benchmark shares: the paths, running a command in a new process with its wall time and peak RSS,
fresh project copies with their own Dagster instance, and reading a finished build's run and step timings.

Run as a script only by ``dagster_stats`` (``processes.py _dagster-stats PROJECT``), in the project's environment.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


# --------------------------------------------------------------------------------------------- processes

@dataclass
class Timed:
    wall_s: float
    returncode: int
    maxrss_kib: int
    stdout: str
    stderr: str


def run_timed(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
              check: bool = True) -> Timed:
    """Run ``cmd`` in a new process; wall time around it and the child's own peak RSS (``os.wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Timed(wall, proc.returncode, usage.ru_maxrss, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"))
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])} … failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- builds

def copy_project(dest: Path) -> Path:
    """A copy of the inputs and the current release with a fresh, empty Dagster instance (telemetry off)."""
    from pipeline.base.paths import copy_project as copy

    return copy(dest, ROOT, dagster_home=True).root


def build_env(project: Path) -> dict[str, str]:
    return {**os.environ, "DAGSTER_HOME": str(project / ".dagster_home")}


def build(project: Path) -> Timed:
    return run_timed([PYTHON, "-m", "pipeline", "--root", str(project), "build"], cwd=project,
                     env=build_env(project))


def dagster_stats(project: Path) -> dict[str, Any]:
    timed = run_timed([PYTHON, str(Path(__file__).resolve()), "_dagster-stats", str(project)], cwd=project,
                      env=build_env(project))
    return json.loads(timed.stdout)


def _dagster_stats_worker(project: Path) -> None:
    """Print the runs of the project's Dagster instance and their step durations (JSON)."""
    import warnings

    warnings.simplefilter("ignore")
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        runs = []
        for record in sorted(instance.get_run_records(), key=lambda r: r.start_time or 0):
            steps = [{"step": s.step_key, "start": s.start_time, "seconds": (s.end_time or 0) - (s.start_time or 0)}
                     for s in instance.get_run_step_stats(record.dagster_run.run_id)]
            runs.append({"status": record.dagster_run.status.value, "start": record.start_time,
                         "seconds": (record.end_time or 0) - (record.start_time or 0),
                         "steps": sorted(steps, key=lambda s: s["start"] or 0)})
    print(json.dumps({"runs": runs}))


if __name__ == "__main__" and sys.argv[1:2] == ["_dagster-stats"]:
    _dagster_stats_worker(Path(sys.argv[2]))
