"""Benchmarks of GitHub issues 7 and 13: build time against the import floor, no-op rebuilds, parse throughput
and memory over a synthetic corpus, corpora of 1/100/500 issues published end to end, the multiprocess
executor against the in-process one, and cold DuckDB queries. Writes benchmarks/results.json and prints Markdown.

Run from anywhere (nothing is built in the repository itself; every build runs on a fresh copy under /tmp):

    .venv/bin/python benchmarks/run.py            # about 11 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # one build round, fewer repeats elsewhere (about 3 minutes)

Every timed step runs in a new process started by this script, so Python start-up and imports are always
included where they would be for a user; wall times come from ``time.perf_counter`` around the child; peak
memory of a build from ``os.wait4`` (the child's ``ru_maxrss``), of a parsing child from its own ``VmHWM``.
See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules, when run as a script

from processes import (HERE, PYTHON, ROOT, build, build_env, copy_project, dagster_stats, log,  # noqa: E402
                       median, run_timed)

DUCKDB_CLI = ROOT / ".venv" / "bin" / "duckdb"
SIZES = (1, 100, 500)
IMPORT_FLOOR = "import dagster, great_expectations, polars, duckdb, frictionless"
#: Each import on its own (a new process each), to see where the floor goes; the last is the code location
#: the build loads.
IMPORT_PARTS = ("dagster", "great_expectations", "polars", "duckdb", "frictionless", "pipeline.orchestration.definitions")

#: Lead tasks per unit, with unit names: the join + group-by of queries/units_leading_most_tasks.sql.
QUERY = """
SELECT u.unit_id, u.name_zh, u.name_en,
       count(*) FILTER (WHERE tu.role = 'lead')                      AS lead_tasks,
       count(*) FILTER (WHERE tu.role = 'participant')               AS participant_tasks,
       count(DISTINCT t.document_id) FILTER (WHERE tu.role = 'lead') AS lead_documents
FROM task_units AS tu
JOIN units AS u ON u.unit_id = tu.unit_id
JOIN tasks AS t ON t.task_id = tu.task_id
GROUP BY u.unit_id, u.name_zh, u.name_en
HAVING count(*) FILTER (WHERE tu.role = 'lead') > 0
ORDER BY lead_tasks DESC, u.unit_id
""".strip()

#: What a no-op rebuild cannot avoid: import dagster, open the instance, decide the plan (no definitions).
_PLAN_ONLY_PROGRAM = """
import warnings; warnings.simplefilter("ignore")
import sys
from pathlib import Path
from dagster import DagsterInstance
from pipeline.orchestration.lock import exclusive_build
from pipeline.orchestration.plan import make_plan
from pipeline.base.paths import ProjectPaths
paths = ProjectPaths(Path(sys.argv[1]).resolve())
with DagsterInstance.get() as instance, exclusive_build(paths):
    plan = make_plan(paths, instance)
assert plan.nothing_to_do, plan
"""

#: The cold-process query programs: as small as a user's script (no pipeline import).
_DUCKDB_PROGRAM = """
import json, sys, time
t0 = time.perf_counter()
import duckdb
t1 = time.perf_counter()
if sys.argv[1] == "file":
    con = duckdb.connect("curated/gazette.duckdb", read_only=True)
else:
    con = duckdb.connect()
    with open("curated/gazette_views.sql", encoding="utf-8") as f:
        con.execute(f.read())
t2 = time.perf_counter()
rows = con.execute(sys.argv[2]).fetchall()
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "connect_s": t2 - t1, "query_s": t3 - t2, "rows": len(rows),
                  "result": repr(rows)}))
"""


#: Step (op) names of the two runs of a build -> the row of the breakdown they count in.
STEP_KINDS = {
    "parsed_issue": "parse: parsed_issue (load_issue + parse_issue + per-issue registry check)",
    "references": "references",
    "parsed_tables": "table assets (combine partitions into frames, derive)",
    "table_checks": "table_checks: 15 GX suites + 3 cross-table rules (imports Great Expectations)",
    "derived_table_checks": "derived_table_checks: 2 GX suites",
    "staged_package": "stage: staged_package (CSV, Parquet, views, xlsx, datapackage.json)",
    "package_checks": "package_checks: keys, file hashes, frictionless, descriptor",
    "data_package": "publish: data_package (gate, report, charts + catalog HTML, DuckDB, swap)",
}
PROCESS = "process: start-up, imports, instance, plan (outside Dagster runs)"
OVERHEAD = "Dagster run overhead (run launch, events, IO manager pickles between steps)"


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
            kind = STEP_KINDS.get("parsed_tables" if name in tables else name, "other steps")
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
                             "what": "import dagster, open the instance, make_plan (no pipeline.orchestration.definitions): the "
                                     "part of a no-op rebuild that cannot be skipped"},
        "full_build_peak_rss_mib": median(full_rss) / 1024,
        "noop_rebuild_peak_rss_mib": median(noop_rss) / 1024,
        "import_parts_s": {p: {"median": median(v), "samples": v} for p, v in parts.items()},
        "full_build_breakdown_s": {k: median([b[k] for b in breakdowns]) for k in breakdowns[0]},
        "_last_copy": str(last_copy),
    }


# --------------------------------------------------------------------------------------------- DuckDB

def bench_duckdb(project: Path, repeats: int) -> dict[str, Any]:
    """A join + group-by from a cold process: Python (duckdb package) on gazette.duckdb and on the views over
    Parquet; and the same with the duckdb CLI when .venv/bin/duckdb exists."""
    results: dict[str, Any] = {"query": QUERY, "repeats": repeats, "project": "the fresh copy built above"}
    expected = None
    for mode, label in (("file", "python_duckdb_file"), ("views", "python_views_over_parquet")):
        walls, inner = [], []
        for _ in range(repeats):
            timed = run_timed([PYTHON, "-c", _DUCKDB_PROGRAM, mode, QUERY], cwd=project)
            walls.append(timed.wall_s)
            inner.append(json.loads(timed.stdout))
        result = inner[0]["result"]
        expected = expected or result
        if result != expected or inner[0]["rows"] == 0:
            raise RuntimeError(f"{label}: the query returned other rows than the DuckDB file")
        results[label] = {
            "wall_s": {"median": median(walls), "samples": walls},
            "import_duckdb_s": median([i["import_s"] for i in inner]),
            "connect_s": median([i["connect_s"] for i in inner]),
            "query_s": median([i["query_s"] for i in inner]),
            "rows": inner[0]["rows"],
        }
    if DUCKDB_CLI.exists():
        one_line = " ".join(QUERY.split())
        for label, cmd in (
            ("cli_duckdb_file", [str(DUCKDB_CLI), "-readonly", "-csv", "curated/gazette.duckdb", "-c", one_line]),
            ("cli_views_over_parquet", [str(DUCKDB_CLI), "-csv", "-c", ".read curated/gazette_views.sql",
                                        "-c", one_line]),
        ):
            walls, rows = [], 0
            for _ in range(repeats):
                timed = run_timed(cmd, cwd=project)
                walls.append(timed.wall_s)
                rows = len(timed.stdout.strip().splitlines()) - 1
            if rows != results["python_duckdb_file"]["rows"]:
                raise RuntimeError(f"{label}: {rows} rows, not {results['python_duckdb_file']['rows']}")
            version = run_timed([str(DUCKDB_CLI), "--version"]).stdout.split()[0]
            results[label] = {"wall_s": {"median": median(walls), "samples": walls}, "rows": rows,
                              "version": version}
    return results


# --------------------------------------------------------------------------------------------- parsing

def _vm_hwm_kib() -> int:
    """Peak resident set size of this process image (VmHWM), unlike ru_maxrss not inherited across fork/exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _parse_worker(corpus: Path, n: int, repeats: int, variant: str, trace: bool) -> None:
    """load_issue + parse_issue over the first ``n`` issues of the corpus, keeping every issue's rows (as the
    table assets hold all partitions); prints JSON."""
    import resource
    import tracemalloc

    from pipeline.parse.issue import parse_issue
    from pipeline.base.paths import ProjectPaths
    from pipeline.raw.snapshot import load_issue
    from pipeline.raw.references import load_references

    import synthetic_corpus

    manifest = synthetic_corpus.read_manifest(corpus)
    paths = ProjectPaths(corpus)
    refs = load_references(paths)
    if variant == "aliased":
        refs = synthetic_corpus.alias_task_scopes(refs, manifest)
    issues = manifest["issues"][:n]
    if len(issues) < n:
        raise SystemExit(f"the corpus has {len(issues)} issues, not {n}")
    files = [paths.raw_gazette / f"{i['issue_id']}.txt" for i in issues]
    nbytes = sum(i["bytes"] for i in issues)
    parse_issue(load_issue(files[0], paths), refs)  # warm-up: lazy imports, compiled patterns
    baseline_kib = _vm_hwm_kib()
    samples, load_s, parse_s, tasks, peak_traced = [], [], [], 0, 0
    for _ in range(repeats):
        if trace:
            tracemalloc.start()
        kept, t_load, t_parse = [], 0.0, 0.0
        for path in files:
            a = time.perf_counter()
            raw = load_issue(path, paths)
            b = time.perf_counter()
            kept.append(parse_issue(raw, refs))
            c = time.perf_counter()
            t_load, t_parse = t_load + b - a, t_parse + c - b
        if trace:
            peak_traced = max(peak_traced, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        samples.append(t_load + t_parse)
        load_s.append(t_load)
        parse_s.append(t_parse)
        tasks = sum(len(rows["tasks"]) for rows in kept)
        del kept
    print(json.dumps({
        "n": n, "bytes": nbytes, "variant": variant, "tracemalloc": trace, "repeats": repeats,
        "seconds": samples, "load_s": median(load_s), "parse_s": median(parse_s),
        "baseline_hwm_kib": baseline_kib, "hwm_kib": _vm_hwm_kib(),
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "tracemalloc_peak_bytes": peak_traced if trace else None, "tasks": tasks,
    }))


def _corpus_worker(corpus: Path, n: int, seed: int) -> None:
    """Generate and verify the corpus (in a child, so that this script's own process stays small: a child's
    ru_maxrss starts from its parent's RSS at fork, see README)."""
    import synthetic_corpus

    start = time.perf_counter()
    synthetic_corpus.generate(corpus, n, seed)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    verification = synthetic_corpus.verify(corpus)
    print(json.dumps({"generate_s": generated, "verify_s": time.perf_counter() - start,
                      "verification": verification}, ensure_ascii=False))


def bench_parse(work: Path, sizes: tuple[int, ...], seed: int, quick: bool) -> dict[str, Any]:
    corpus = work / "corpus"
    made = json.loads(run_timed([PYTHON, str(Path(__file__).resolve()), "_corpus", str(corpus), str(max(sizes)),
                                 str(seed)], cwd=work).stdout)
    log(f"corpus of {max(sizes)} issues generated in {made['generate_s']:.1f} s and verified in "
        f"{made['verify_s']:.1f} s")
    out: dict[str, Any] = {"seed": seed, "sizes": list(sizes), "corpus_bytes": made["verification"]["bytes"],
                           **made, "runs": []}
    for variant in ("strict", "aliased"):
        for n in sizes:
            repeats = (5 if quick else 25) if n == 1 else (1 if quick else 3)
            cmd = [PYTHON, str(Path(__file__).resolve()), "_parse-worker", str(corpus), str(n), str(repeats), variant]
            timed = json.loads(run_timed(cmd, cwd=work).stdout)
            traced = json.loads(run_timed([*cmd[:-3], str(n), "1", variant, "--trace"], cwd=work).stdout)
            seconds = median(timed["seconds"])
            row = {
                "variant": variant, "n": n, "bytes": timed["bytes"], "repeats": repeats,
                "seconds": {"median": seconds, "samples": timed["seconds"]},
                "mb_per_s": timed["bytes"] / seconds / 1e6, "issues_per_s": n / seconds,
                "load_issue_s": timed["load_s"], "parse_issue_s": timed["parse_s"],
                "tasks": timed["tasks"],
                "peak_rss_mib": timed["hwm_kib"] / 1024,
                "rss_before_parsing_mib": timed["baseline_hwm_kib"] / 1024,
                "rss_growth_mib": (timed["hwm_kib"] - timed["baseline_hwm_kib"]) / 1024,
                "ru_maxrss_mib": timed["ru_maxrss_kib"] / 1024,
                "tracemalloc_peak_mib": traced["tracemalloc_peak_bytes"] / 2**20,
                "seconds_under_tracemalloc": traced["seconds"][0],
            }
            out["runs"].append(row)
            log(f"parse {variant:<7} N={n:<4} {row['mb_per_s']:.2f} MB/s, peak RSS {row['peak_rss_mib']:.0f} MiB, "
                f"tracemalloc peak {row['tracemalloc_peak_mib']:.1f} MiB")
    return out


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    mem_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, dirty = "", None
    packages = {}
    for name in ("dagster", "great-expectations", "polars", "duckdb", "frictionless", "pyarrow", "pandas"):
        try:
            packages[name] = version(name)
        except Exception:  # noqa: BLE001 - informative only
            packages[name] = None
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "memory_gib": round(mem_kib / 2**20, 1),
            "platform": platform.platform(), "python": platform.python_version(), "packages": packages,
            "git_commit": commit, "git_tracked_changes": dirty,
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['cpus']} cores ({m['cpu_model']}), {m['memory_gib']} GiB, Python {m['python']}; "
             f"commit {m['git_commit'][:10]}{' + uncommitted changes' if m['git_tracked_changes'] else ''}; "
             f"{m['when']}{' (--quick)' if results['quick'] else ''}.", ""]
    lines += ["| measure | result | notes |", "|---|---:|---|"]
    if "builds" in results:
        b = results["builds"]
        n = b["repeats"]
        fmt = lambda x: ", ".join(f"{v:.2f}" for v in x)  # noqa: E731
        lines += [
            f"| full build, fresh copy + fresh .dagster_home | {b['full_build_s']['median']:.2f} s | median of {n} "
            f"({fmt(b['full_build_s']['samples'])}); peak RSS {b['full_build_peak_rss_mib']:.0f} MiB |",
            f"| import floor `{IMPORT_FLOOR}` | {b['import_floor_s']['median']:.2f} s | median of {n} "
            f"({fmt(b['import_floor_s']['samples'])}) |",
            f"| full build / import floor | {b['full_build_over_import_floor']:.2f}× | |",
            f"| no-op rebuild (second build, nothing changed) | {b['noop_rebuild_s']['median']:.2f} s | "
            f"{100 * b['noop_fraction_of_full_build']:.0f}% of the full build; median of {n} "
            f"({fmt(b['noop_rebuild_s']['samples'])}); peak RSS {b['noop_rebuild_peak_rss_mib']:.0f} MiB |",
        ]
        if b["noop_plan_only_s"]["median"] is not None:
            lines.append(f"| no-op floor: import dagster + open instance + make_plan | "
                         f"{b['noop_plan_only_s']['median']:.2f} s | what a no-op needs without importing "
                         f"pipeline.orchestration.definitions (median of {len(b['noop_plan_only_s']['samples'])}) |")
    if "parse" in results:
        for row in results["parse"]["runs"]:
            label = "as shipped" if row["variant"] == "strict" else "task scopes aliased"
            lines.append(
                f"| parse N={row['n']} ({label}): load_issue + parse_issue | {row['mb_per_s']:.2f} MB/s | "
                f"{row['bytes'] / 1e6:.2f} MB in {row['seconds']['median']:.3f} s ({row['issues_per_s']:.0f} "
                f"issues/s, {row['tasks']} tasks); peak RSS {row['peak_rss_mib']:.0f} MiB "
                f"(+{row['rss_growth_mib']:.0f} MiB while parsing); tracemalloc peak "
                f"{row['tracemalloc_peak_mib']:.1f} MiB |")
    if "duckdb" in results:
        d = results["duckdb"]
        labels = {"python_duckdb_file": "cold query, Python: gazette.duckdb read-only",
                  "python_views_over_parquet": "cold query, Python: views script over Parquet",
                  "cli_duckdb_file": "cold query, duckdb CLI: gazette.duckdb read-only",
                  "cli_views_over_parquet": "cold query, duckdb CLI: views script over Parquet"}
        for key, label in labels.items():
            if key not in d:
                continue
            r = d[key]
            note = (f"median of {d['repeats']} new processes; in-process: import duckdb {r['import_duckdb_s']:.3f} s, "
                    f"connect {r['connect_s']:.3f} s, query {r['query_s'] * 1000:.1f} ms; {r['rows']} rows"
                    if "connect_s" in r else f"median of {d['repeats']}; CLI {r['version']}; {r['rows']} rows")
            lines.append(f"| {label} | {r['wall_s']['median'] * 1000:.0f} ms | {note} |")
    lines += scale_markdown(results)
    if "builds" in results:
        b = results["builds"]
        lines += ["", "Where the full build's time goes (median over the builds, from the Dagster instance's step "
                      "timings):", "", "| part | seconds | share |", "|---|---:|---:|"]
        total = b["full_build_s"]["median"]
        for part, seconds in b["full_build_breakdown_s"].items():
            lines.append(f"| {part} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
        lines += ["", "Import time of each package alone (new process each, median):", "",
                  "| import | seconds |", "|---|---:|"]
        lines += [f"| `import {p}` | {v['median']:.2f} |" for p, v in b["import_parts_s"].items()]
    if "parse" in results:
        v = results["parse"]["verification"]
        lines += ["", f"Synthetic corpus: {v['issues']} issues, {v['bytes'] / 1e6:.1f} MB, all parsed by "
                      "parse_issue. Row counts of a synthetic issue that differ from the real one:", ""]
        for mode, label in (("strict", "as shipped"), ("aliased_task_scopes", "task scopes aliased")):
            diff = v[mode]["tables_that_differ"]
            text = "; ".join(f"{t}: real {d['real']}, synthetic {', '.join(map(str, d['synthetic']))}"
                             for t, d in diff.items()) or "none"
            lines.append(f"- {label}: {text}")
    return "\n".join(lines)


def scale_markdown(results: dict[str, Any]) -> list[str]:
    """The 1/100/500-issue table (published end to end) and the executor comparison."""
    lines: list[str] = []
    if "scale" in results:
        lines += ["", "Synthetic corpora published end to end (`gazette build`, non-strict, fresh instance; the stale "
                      "issues parsed in one Dagster run):", "",
                  "| issues | wall | per issue | peak RSS | parse runs | parse run(s) | publish run | pure parse | "
                  "target 2 × (floor + pure parse) |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in results["scale"]["runs"]:
            pure = f"{r['pure_parse_s']:.1f} s" if r.get("pure_parse_s") is not None else "–"
            target = f"{r['target_s']:.1f} s" if r.get("target_s") is not None else "–"
            state = "" if r["published"] else " (not published!)"
            lines.append(f"| {r['n']} | {r['wall_s']:.1f} s{state} | {r['per_issue_s']:.3f} s | "
                         f"{r['peak_rss_mib']:.0f} MiB | {r['parse_runs']} | {r['parse_runs_s']:.1f} s | "
                         f"{r['publish_run_s']:.1f} s | {pure} | {target} |")
        marginal = ", ".join(f"{k}: {v:.3f} s" for k, v in results["scale"]["marginal_s_per_issue"].items())
        lines += ["", f"Marginal cost per added issue: {marginal}."]
        runs = [r for r in results["scale"]["runs"] if r.get("steps_s")]
        if runs:
            names = list(dict.fromkeys(name for r in runs for name in r["steps_s"]))
            lines += ["", "Steps of each published build (seconds, from the Dagster instance):", "",
                      "| step | " + " | ".join(f"{r['n']} issues" for r in runs) + " |",
                      "|---|" + "---:|" * len(runs)]
            lines += [f"| {name} | " + " | ".join(f"{r['steps_s'].get(name, 0.0):.2f}" for r in runs) + " |"
                      for name in names]
    if "executors" in results:
        e = results["executors"]
        lines += ["", f"`publish_package` on the {e['n']}-issue corpus launched by `dagster job execute` "
                      f"(`GAZETTE_EXECUTOR`): in-process {e['in_process']['wall_s']:.1f} s "
                      f"(peak RSS {e['in_process']['peak_rss_mib']:.0f} MiB), multiprocess "
                      f"{e['multiprocess']['wall_s']:.1f} s (peak RSS of the parent "
                      f"{e['multiprocess']['peak_rss_mib']:.0f} MiB)."]
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_dagster-stats":
        from processes import _dagster_stats_worker

        _dagster_stats_worker(Path(argv[1]))
        return 0
    if argv and argv[0] == "_corpus":
        _corpus_worker(Path(argv[1]), int(argv[2]), int(argv[3]))
        return 0
    if argv and argv[0] == "_parse-worker":
        _parse_worker(Path(argv[1]), int(argv[2]), int(argv[3]), argv[4], "--trace" in argv)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 build round, 3 DuckDB runs, 1 parse repeat")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="corpus sizes N (default 1,100,500)")
    parser.add_argument("--seed", type=int, default=None, help="corpus seed (default: synthetic_corpus's)")
    parser.add_argument("--only", default="builds,duckdb,parse,scale,executors",
                        help="comma-separated subset of builds,duckdb,parse,scale,executors (duckdb needs builds; "
                             "scale uses the parse and builds figures for its target when they ran)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (copies and corpus)")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    sizes = tuple(int(s) for s in args.sizes.split(","))
    import synthetic_corpus

    seed = synthetic_corpus.DEFAULT_SEED if args.seed is None else args.seed
    work = Path(tempfile.mkdtemp(prefix="gazette-bench-", dir="/tmp"))
    started = time.perf_counter()
    results: dict[str, Any] = {"quick": args.quick, "machine": machine()}
    try:
        if "builds" in only:
            results["builds"] = bench_builds(work, 1 if args.quick else 3)
            if "duckdb" in only:
                project = Path(results["builds"]["_last_copy"])
                results["duckdb"] = bench_duckdb(project, 3 if args.quick else 7)
                log(f"DuckDB cold queries: {results['duckdb']['python_duckdb_file']['wall_s']['median']:.3f} s "
                    f"(file), {results['duckdb']['python_views_over_parquet']['wall_s']['median']:.3f} s (views)")
            results["builds"].pop("_last_copy")
        if "parse" in only:
            results["parse"] = bench_parse(work, sizes, seed, args.quick)
        if "scale" in only:
            from scale import bench_scale

            pure = {r["n"]: r["seconds"]["median"] for r in results.get("parse", {}).get("runs", [])
                    if r["variant"] == "aliased"}
            floor = results.get("builds", {}).get("import_floor_s", {}).get("median")
            results["scale"] = bench_scale(work, sizes, seed, pure, floor)
        if "executors" in only:
            from scale import bench_executors

            results["executors"] = bench_executors(work, 100 if max(sizes) >= 100 else max(sizes), seed)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["total_s"] = time.perf_counter() - started
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(results))
    print(f"\n(total {results['total_s']:.0f} s; results in {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
