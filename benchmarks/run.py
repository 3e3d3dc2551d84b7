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

This script is the command line and the order of a run; the measurements are in sibling modules
(``build_bench``, ``duckdb_bench``, ``parse_bench``, ``scale``, with ``processes`` shared by all), the printed
summary in ``report``. It is also the entry point of the children ``_parse-worker``, ``_corpus`` and
``_dagster-stats`` (see ``child``).
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

from build_bench import bench_builds  # noqa: E402
from duckdb_bench import bench_duckdb  # noqa: E402
from parse_bench import bench_parse, corpus_worker, parse_worker  # noqa: E402
from processes import HERE, ROOT, log  # noqa: E402
from report import markdown  # noqa: E402

SIZES = (1, 100, 500)
#: The first arguments that start a child process's work instead of a run (see ``child``).
CHILDREN = ("_dagster-stats", "_corpus", "_parse-worker")


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


def child(argv: list[str]) -> int:
    """The work of a child process started by a benchmark: ``_dagster-stats PROJECT``, ``_corpus CORPUS N SEED``
    or ``_parse-worker CORPUS N REPEATS VARIANT [--trace]``."""
    if argv[0] == "_dagster-stats":
        from processes import _dagster_stats_worker

        _dagster_stats_worker(Path(argv[1]))
    elif argv[0] == "_corpus":
        corpus_worker(Path(argv[1]), int(argv[2]), int(argv[3]))
    else:
        parse_worker(Path(argv[1]), int(argv[2]), int(argv[3]), argv[4], "--trace" in argv)
    return 0


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 build round, 3 DuckDB runs, 1 parse repeat")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="corpus sizes N (default 1,100,500)")
    parser.add_argument("--variants", default=None, metavar="KINDS",
                        help="structural variants of the scale corpora ('mixed': every kind of variants.py in turn)")
    parser.add_argument("--seed", type=int, default=None, help="corpus seed (default: synthetic_corpus's)")
    parser.add_argument("--only", default="builds,duckdb,parse,scale,increment,executors",
                        help="comma-separated subset of builds,duckdb,parse,scale,increment,executors (duckdb needs "
                             "builds; "
                             "scale uses the parse and builds figures for its target when they ran)")
    parser.add_argument("--parse-executor-n", type=int, default=1000,
                        help="issues of the corpus the executors benchmark parses (default 1000: two batches)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (copies and corpus)")
    return parser


def run_benchmarks(work: Path, only: set[str], sizes: tuple[int, ...], seed: int, quick: bool,
                   results: dict[str, Any], parse_executor_n: int = 1000, variants: str | None = None) -> None:
    """The chosen benchmarks in their order, each adding its part to ``results``."""
    if "builds" in only:
        results["builds"] = bench_builds(work, 1 if quick else 3)
        if "duckdb" in only:
            project = Path(results["builds"]["_last_copy"])
            results["duckdb"] = bench_duckdb(project, 3 if quick else 7)
            log(f"DuckDB cold queries: {results['duckdb']['python_duckdb_file']['wall_s']['median']:.3f} s "
                f"(file), {results['duckdb']['python_views_over_parquet']['wall_s']['median']:.3f} s (views)")
        results["builds"].pop("_last_copy")
    if "parse" in only:
        results["parse"] = bench_parse(work, sizes, seed, quick)
    if "scale" in only:
        from scale import bench_scale

        pure = {r["n"]: r["seconds"]["median"] for r in results.get("parse", {}).get("runs", [])
                if r["variant"] == "aliased"}
        floor = results.get("builds", {}).get("import_floor_s", {}).get("median")
        results["scale"] = bench_scale(work, sizes, seed, pure, floor, variants)
    if "increment" in only:
        from increment import bench_increment

        results["increment"] = bench_increment(work, sizes, seed)
    if "executors" in only:
        from scale import bench_executors

        results["executors"] = bench_executors(work, 100 if max(sizes) >= 100 else max(sizes), parse_executor_n, seed)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in CHILDREN:
        return child(argv)
    args = argument_parser().parse_args(argv)
    only = set(args.only.split(","))
    sizes = tuple(int(s) for s in args.sizes.split(","))
    import synthetic_corpus

    seed = synthetic_corpus.DEFAULT_SEED if args.seed is None else args.seed
    work = Path(tempfile.mkdtemp(prefix="gazette-bench-", dir="/tmp"))
    started = time.perf_counter()
    results: dict[str, Any] = {"quick": args.quick, "machine": machine()}
    try:
        run_benchmarks(work, only, sizes, seed, args.quick, results, args.parse_executor_n, args.variants)
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
