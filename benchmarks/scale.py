"""Benchmarks of GitHub issue 13: synthetic corpora of 1, 100 and 500 issues published end to end by
``gazette build`` (non-strict: the corpus's task_scopes.csv aliases the synthetic documents), and Dagster's
multiprocess executor against the in-process one. Used by ``run.py`` (``--only scale,executors``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from processes import HERE, PYTHON, build_env, dagster_stats, log, run_timed


def make_corpus(work: Path, n: int, seed: int, purpose: str = "build", variants: str | None = None) -> Path:
    """A synthetic corpus of ``n`` issues with task scopes (and the structural ``variants``, e.g. 'mixed')."""
    corpus = work / f"corpus-{purpose}-{n}"
    run_timed([PYTHON, str(HERE / "synthetic_corpus.py"), "--out", str(corpus), "-n", str(n), "--seed", str(seed),
               "--task-scopes", *(["--variants", variants] if variants else [])], cwd=work)
    home = corpus / ".dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return corpus


def _steps(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Seconds per step name over the build's runs (a derived table's step under its own name)."""
    out: dict[str, float] = {}
    for run in runs:
        for step in run["steps"]:
            out[step["step"]] = out.get(step["step"], 0.0) + step["seconds"]
    return out


def _run_seconds(runs: list[dict[str, Any]], step: str) -> float:
    return sum(r["seconds"] for r in runs if any(s["step"] == step for s in r["steps"]))


def bench_scale(work: Path, sizes: tuple[int, ...], seed: int, pure_parse_s: dict[int, float],
                import_floor_s: float | None, variants: str | None = None) -> dict[str, Any]:
    """A full, published build of each corpus size: wall, peak RSS, parse runs, publish run, per-issue cost."""
    rows = []
    for n in sizes:
        corpus = make_corpus(work, n, seed, variants=variants)
        timed = run_timed([PYTHON, "-m", "pipeline", "--root", str(corpus), "build"], cwd=corpus,
                          env=build_env(corpus), check=False)
        runs = dagster_stats(corpus)["runs"]
        parse_runs = [r for r in runs if any(s["step"].startswith("parsed_issues.") for s in r["steps"])]
        row = {"n": n, "wall_s": timed.wall_s, "peak_rss_mib": timed.maxrss_kib / 1024,
               "returncode": timed.returncode, "published": "published datapackage.json" in timed.stdout,
               "parse_runs": len(parse_runs), "parse_runs_s": sum(r["seconds"] for r in parse_runs),
               "publish_run_s": _run_seconds(runs, "data_package") or _run_seconds(runs, "staged_package"),
               "per_issue_s": timed.wall_s / n, "pure_parse_s": pure_parse_s.get(n),
               "steps_s": _steps(runs),
               "errors": timed.stderr[-2000:] if timed.returncode else ""}
        if import_floor_s is not None and row["pure_parse_s"] is not None:
            row["target_s"] = 2 * (import_floor_s + row["pure_parse_s"])
        rows.append(row)
        log(f"scale N={n}: {row['wall_s']:.1f} s wall, peak RSS {row['peak_rss_mib']:.0f} MiB, "
            f"{row['parse_runs']} parse run(s), published={row['published']}")
    by_n = {r["n"]: r for r in rows}
    marginal = {f"{a}->{b}": (by_n[b]["wall_s"] - by_n[a]["wall_s"]) / (b - a)
                for a, b in zip(sizes, sizes[1:])}
    return {"seed": seed, "variants": variants, "runs": rows, "marginal_s_per_issue": marginal}


def _dagster_job(corpus: Path, job: str, executor: str) -> dict[str, Any]:
    env = {**build_env(corpus), "GAZETTE_EXECUTOR": executor, "GAZETTE_ROOT": str(corpus)}
    timed = run_timed([str(Path(PYTHON).parent / "dagster"), "job", "execute", "-m",
                       "pipeline.orchestration.definitions", "-j", job], cwd=corpus, env=env, check=False)
    log(f"{job} on {corpus.name} with the {executor} executor: {timed.wall_s:.1f} s (rc {timed.returncode})")
    return {"wall_s": timed.wall_s, "returncode": timed.returncode, "peak_rss_mib": timed.maxrss_kib / 1024}


def bench_executors(work: Path, n_publish: int, n_parse: int, seed: int) -> dict[str, Any]:
    """Jobs launched by ``dagster job execute`` in a new process, with the in-process executor and with the
    multiprocess one (``GAZETTE_EXECUTOR``): ``parse_issues`` over every issue of an ``n_parse``-issue corpus (its
    parts removed before each run; batches run in parallel from ``2 × MIN_BATCH`` issues on) and
    ``publish_package`` of an ``n_publish``-issue corpus (already built)."""
    corpus = make_corpus(work, n_publish, seed, "executors")
    first = run_timed([PYTHON, "-m", "pipeline", "--root", str(corpus), "build"], cwd=corpus, env=build_env(corpus))
    out: dict[str, Any] = {"n": n_publish, "n_parse": n_parse, "first_build_s": first.wall_s,
                           "publish_package": {e: _dagster_job(corpus, "publish_package", e)
                                               for e in ("in_process", "multiprocess")}}
    shutil.rmtree(corpus, ignore_errors=True)
    corpus = make_corpus(work, n_parse, seed, "parse-executors")
    out["parse_issues"] = {}
    for executor in ("in_process", "multiprocess"):
        shutil.rmtree(corpus / ".build", ignore_errors=True)
        out["parse_issues"][executor] = _dagster_job(corpus, "parse_issues", executor)
    return out
