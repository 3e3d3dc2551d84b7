"""The Markdown summary ``run.py`` prints at the end of a run: the table of measures (builds, parsing, DuckDB),
the published-corpus and executor tables, where a full build's time goes, and the synthetic corpus's notes. Only
formatting of a finished ``results`` dict; nothing here measures.
"""

from __future__ import annotations

from typing import Any

from build_bench import IMPORT_FLOOR


def markdown(results: dict[str, Any]) -> str:
    """The whole summary: the machine line, the measures table, then the detail tables of what ran."""
    lines = [_machine_line(results), ""]
    lines += ["| measure | result | notes |", "|---|---:|---|"]
    if "builds" in results:
        lines += _build_rows(results["builds"])
    if "parse" in results:
        lines += _parse_rows(results["parse"])
    if "duckdb" in results:
        lines += _duckdb_rows(results["duckdb"])
    lines += scale_markdown(results)
    if "builds" in results:
        lines += _build_breakdown(results["builds"])
    if "parse" in results:
        lines += _corpus_notes(results["parse"]["verification"])
    return "\n".join(lines)


def _machine_line(results: dict[str, Any]) -> str:
    m = results["machine"]
    return (f"Machine: {m['cpus']} cores ({m['cpu_model']}), {m['memory_gib']} GiB, Python {m['python']}; "
            f"commit {m['git_commit'][:10]}{' + uncommitted changes' if m['git_tracked_changes'] else ''}; "
            f"{m['when']}{' (--quick)' if results['quick'] else ''}.")


def _build_rows(b: dict[str, Any]) -> list[str]:
    n = b["repeats"]
    fmt = lambda x: ", ".join(f"{v:.2f}" for v in x)  # noqa: E731
    lines = [
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
        lines.append(f"| no-op floor: make_plan alone (no Dagster) | "
                     f"{b['noop_plan_only_s']['median']:.2f} s | what a no-op needs without importing "
                     f"pipeline.orchestration.definitions (median of {len(b['noop_plan_only_s']['samples'])}) |")
    return lines


def _parse_rows(parse: dict[str, Any]) -> list[str]:
    lines = []
    for row in parse["runs"]:
        label = "as shipped" if row["variant"] == "strict" else "task scopes aliased"
        lines.append(
            f"| parse N={row['n']} ({label}): load_issue + parse_issue | {row['mb_per_s']:.2f} MB/s | "
            f"{row['bytes'] / 1e6:.2f} MB in {row['seconds']['median']:.3f} s ({row['issues_per_s']:.0f} "
            f"issues/s, {row['tasks']} tasks); peak RSS {row['peak_rss_mib']:.0f} MiB "
            f"(+{row['rss_growth_mib']:.0f} MiB while parsing); tracemalloc peak "
            f"{row['tracemalloc_peak_mib']:.1f} MiB |")
    return lines


def _duckdb_rows(d: dict[str, Any]) -> list[str]:
    labels = {"python_duckdb_file": "cold query, Python: gazette.duckdb read-only",
              "python_views_over_parquet": "cold query, Python: views script over Parquet",
              "cli_duckdb_file": "cold query, duckdb CLI: gazette.duckdb read-only",
              "cli_views_over_parquet": "cold query, duckdb CLI: views script over Parquet"}
    lines = []
    for key, label in labels.items():
        if key not in d:
            continue
        r = d[key]
        note = (f"median of {d['repeats']} new processes; in-process: import duckdb {r['import_duckdb_s']:.3f} s, "
                f"connect {r['connect_s']:.3f} s, query {r['query_s'] * 1000:.1f} ms; {r['rows']} rows"
                if "connect_s" in r else f"median of {d['repeats']}; CLI {r['version']}; {r['rows']} rows")
        lines.append(f"| {label} | {r['wall_s']['median'] * 1000:.0f} ms | {note} |")
    return lines


def _build_breakdown(b: dict[str, Any]) -> list[str]:
    """Where the full build's time goes, and the import time of each package alone."""
    lines = ["", "Where the full build's time goes (median over the builds, from the Dagster instance's step "
                 "timings):", "", "| part | seconds | share |", "|---|---:|---:|"]
    total = b["full_build_s"]["median"]
    for part, seconds in b["full_build_breakdown_s"].items():
        lines.append(f"| {part} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    lines += ["", "Import time of each package alone (new process each, median):", "",
              "| import | seconds |", "|---|---:|"]
    lines += [f"| `import {p}` | {v['median']:.2f} |" for p, v in b["import_parts_s"].items()]
    return lines


def _corpus_notes(v: dict[str, Any]) -> list[str]:
    """The synthetic corpus's size, and the row counts of a synthetic issue that differ from the real one."""
    lines = ["", f"Synthetic corpus: {v['issues']} issues, {v['bytes'] / 1e6:.1f} MB, all parsed by "
                 "parse_issue. Row counts of a synthetic issue that differ from the real one:", ""]
    for mode, label in (("strict", "as shipped"), ("aliased_task_scopes", "task scopes aliased")):
        diff = v[mode]["tables_that_differ"]
        text = "; ".join(f"{t}: real {d['real']}, synthetic {', '.join(map(str, d['synthetic']))}"
                         for t, d in diff.items()) or "none"
        lines.append(f"- {label}: {text}")
    return lines


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
    if "increment" in results:
        lines += ["", "Adding the next issue to a package of N issues (each a new `gazette build` process):", "",
                  "| N | full build of N | add issue N+1 | add / full | no-op | peak RSS (add) |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for r in results["increment"]["runs"]:
            lines.append(f"| {r['n']} | {r['full_build']['wall_s']:.1f} s | {r['add_next_issue']['wall_s']:.1f} s | "
                         f"{r['add_over_full']:.2f}× | {r['noop_rebuild']['wall_s']:.2f} s | "
                         f"{r['add_next_issue']['peak_rss_mib']:.0f} MiB |")
    if "executors" in results:
        e = results["executors"]
        for job, n in (("parse_issues", e["n_parse"]), ("publish_package", e["n"])):
            lines += ["", f"`{job}` on the {n}-issue corpus launched by `dagster job execute` "
                          f"(`GAZETTE_EXECUTOR`): in-process {e[job]['in_process']['wall_s']:.1f} s "
                          f"(peak RSS {e[job]['in_process']['peak_rss_mib']:.0f} MiB), multiprocess "
                          f"{e[job]['multiprocess']['wall_s']:.1f} s (peak RSS of the parent "
                          f"{e[job]['multiprocess']['peak_rss_mib']:.0f} MiB)."]
    return lines
