"""The build benchmarks (issues 7 and 13): a full build of a fresh copy against the import floor, the no-op
rebuild of that copy and what it cannot skip, the import time of each heavy package, and where a full build's
time goes by kind of Dagster step. Used by ``run.py`` (``--only builds``); every build runs in a new process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from processes import PYTHON, ROOT, build, build_env, copy_project, dagster_stats, log, median, run_timed

IMPORT_FLOOR = "import dagster, great_expectations, polars, duckdb, frictionless"
#: Each import on its own (a new process each), to see where the floor goes; the last is the code location
#: the build loads.
IMPORT_PARTS = ("dagster", "great_expectations", "polars", "duckdb", "frictionless", "pipeline.orchestration.definitions")

#: What a no-op rebuild cannot avoid: import dagster, open the instance, decide the plan (no definitions).
_PLAN_ONLY_PROGRAM = """
import warnings; warnings.simplefilter("ignore")
import sys
from pathlib import Path
from pipeline.orchestration.plan import make_plan
from pipeline.base.paths import ProjectPaths
plan = make_plan(ProjectPaths(Path(sys.argv[1]).resolve()))
assert plan.nothing_to_do, plan
"""


#: Step (op) names of the two runs of a build -> the row of the breakdown they count in.
STEP_KINDS = {
    "parse": "parse: parsed_issues (load_issue + parse_issue + per-issue registry check, Parquet parts)",
    "references": "references",
    "parsed_tables": "table assets (combine partitions into frames, derive)",
    "table_checks": "table_checks: 15 GX suites + 3 cross-table rules (imports Great Expectations)",
    "derived_table_checks": "derived_table_checks: 2 GX suites",
    "staged_package": "stage: staged_package (CSV, Parquet, views, xlsx, datapackage.json)",
    "package_checks": "package_checks: keys, file hashes, frictionless, descriptor",
    "data_package": "publish: data_package (gate, report, charts + catalog HTML, DuckDB, swap)",
}
PROCESS = "process: start-up, imports, instance, plan (outside Dagster runs)"
OVERHEAD = "Dagster run overhead (run launch, events, IO managers between steps)"


def breakdown(stats: dict[str, Any], wall_s: float, tables: set[str]) -> dict[str, float]:
    """Where one full build's wall time went, by kind of Dagster step (seconds); a derived table's own step
    counts with the table assets."""
    parts = {PROCESS: wall_s, **{kind: 0.0 for kind in dict.fromkeys(STEP_KINDS.values())},
             "other steps": 0.0, OVERHEAD: 0.0}
    for run in stats["runs"]:
        parts[PROCESS] -= run["seconds"]
        parts[OVERHEAD] += run["seconds"]
        for step in run["steps"]:
            name, seconds = step["step"], step["seconds"]
            parts[OVERHEAD] -= seconds
            name = "parse" if name.startswith("parsed_issues.") else "parsed_tables" if name in tables else name
            kind = STEP_KINDS.get(name, "other steps")
            parts[kind] += seconds
    return parts


def bench_builds(work: Path, repeats: int) -> dict[str, Any]:
    """Interleaved: import floor, full build of a fresh copy, no-op rebuild of that copy (``repeats`` rounds)."""
    floor, full, noop, full_rss, noop_rss, breakdowns, parts = [], [], [], [], [], [], {p: [] for p in IMPORT_PARTS}
    plan_only: list[float] = []
    tables = {r["name"] for r in json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    last_copy = None
    for round_ in range(repeats):
        floor.append(run_timed([PYTHON, "-c", IMPORT_FLOOR], cwd=work).wall_s)
        for part in IMPORT_PARTS:
            parts[part].append(run_timed([PYTHON, "-c", f"import {part}"], cwd=work).wall_s)
        project = copy_project(work / f"project-{round_ + 1}")
        first = build(project)
        if "1 parsed" not in first.stdout or "published" not in first.stdout:
            raise RuntimeError(f"unexpected output of the full build: {first.stdout}")
        second = build(project)
        if "0 parsed" not in second.stdout or "nothing changed" not in second.stdout:
            raise RuntimeError(f"the second build was not a no-op: {second.stdout}")
        plan = run_timed([PYTHON, "-c", _PLAN_ONLY_PROGRAM, str(project)], cwd=project, env=build_env(project),
                         check=False)
        if plan.returncode == 0:
            plan_only.append(plan.wall_s)
        full.append(first.wall_s)
        noop.append(second.wall_s)
        full_rss.append(first.maxrss_kib)
        noop_rss.append(second.maxrss_kib)
        breakdowns.append(breakdown(dagster_stats(project), first.wall_s, tables))
        log(f"build round {round_ + 1}/{repeats}: import floor {floor[-1]:.2f} s, full build {full[-1]:.2f} s, "
            f"no-op rebuild {noop[-1]:.2f} s")
        last_copy = project
    full_m, floor_m, noop_m = median(full), median(floor), median(noop)
    return {
        "repeats": repeats,
        "full_build_s": {"median": full_m, "samples": full},
        "import_floor_s": {"median": floor_m, "samples": floor, "command": f'python -c "{IMPORT_FLOOR}"'},
        "full_build_over_import_floor": full_m / floor_m,
        "noop_rebuild_s": {"median": noop_m, "samples": noop},
        "noop_fraction_of_full_build": noop_m / full_m,
        "noop_plan_only_s": {"median": median(plan_only) if plan_only else None, "samples": plan_only,
                             "what": "make_plan alone, without Dagster (what gazette build runs before it decides "
                                     "to start Dagster): the part of a no-op rebuild that cannot be skipped"},
        "full_build_peak_rss_mib": median(full_rss) / 1024,
        "noop_rebuild_peak_rss_mib": median(noop_rss) / 1024,
        "import_parts_s": {p: {"median": median(v), "samples": v} for p, v in parts.items()},
        "full_build_breakdown_s": {k: median([b[k] for b in breakdowns]) for k in breakdowns[0]},
        "_last_copy": str(last_copy),
    }
