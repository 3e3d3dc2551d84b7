"""The parsing benchmark: throughput and memory of load_issue + parse_issue over the first N issues of a
synthetic corpus, as shipped and with the task scopes aliased. ``bench_parse`` runs in ``run.py``'s process; the
corpus and every measurement are made in children started as ``run.py _corpus`` and ``run.py _parse-worker``
(``corpus_worker`` and ``parse_worker`` below), so the measured process starts small.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from processes import HERE, PYTHON, log, median, run_timed

#: The script the children run (its ``main`` dispatches ``_corpus`` and ``_parse-worker`` here).
RUN_PY = str(HERE / "run.py")


def _vm_hwm_kib() -> int:
    """Peak resident set size of this process image (VmHWM), unlike ru_maxrss not inherited across fork/exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def parse_worker(corpus: Path, n: int, repeats: int, variant: str, trace: bool) -> None:
    """load_issue + parse_issue over the first ``n`` issues of the corpus, keeping every issue's rows (as the
    table assets hold all partitions); prints JSON."""
    import resource

    from pipeline.parse.issue import parse_issue
    from pipeline.raw.snapshot import load_issue

    paths, refs, files, nbytes = _corpus_inputs(corpus, n, variant)
    parse_issue(load_issue(files[0], paths), refs)  # warm-up: lazy imports, compiled patterns
    baseline_kib = _vm_hwm_kib()
    samples, load_s, parse_s, tasks, peak_traced = [], [], [], 0, 0
    for _ in range(repeats):
        t_load, t_parse, tasks, traced = _parse_all(files, paths, refs, trace)
        peak_traced = max(peak_traced, traced)
        samples.append(t_load + t_parse)
        load_s.append(t_load)
        parse_s.append(t_parse)
    print(json.dumps({
        "n": n, "bytes": nbytes, "variant": variant, "tracemalloc": trace, "repeats": repeats,
        "seconds": samples, "load_s": median(load_s), "parse_s": median(parse_s),
        "baseline_hwm_kib": baseline_kib, "hwm_kib": _vm_hwm_kib(),
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "tracemalloc_peak_bytes": peak_traced if trace else None, "tasks": tasks,
    }))


def _corpus_inputs(corpus: Path, n: int, variant: str) -> tuple[Any, Any, list[Path], int]:
    """The project paths of the corpus, its references (task scopes aliased for ``aliased``), the files of its
    first ``n`` issues and their size in bytes."""
    from pipeline.base.paths import ProjectPaths
    from pipeline.raw.references import load_references

    from corpus_manifest import alias_task_scopes, read_manifest

    manifest = read_manifest(corpus)
    paths = ProjectPaths(corpus)
    refs = load_references(paths)
    if variant == "aliased":
        refs = alias_task_scopes(refs, manifest)
    issues = manifest["issues"][:n]
    if len(issues) < n:
        raise SystemExit(f"the corpus has {len(issues)} issues, not {n}")
    files = [paths.raw_gazette / f"{i['issue_id']}.txt" for i in issues]
    return paths, refs, files, sum(i["bytes"] for i in issues)


def _parse_all(files: list[Path], paths: Any, refs: Any, trace: bool) -> tuple[float, float, int, int]:
    """One pass over the files, keeping every issue's rows: seconds loading, seconds parsing, tasks found, and
    the tracemalloc peak in bytes (0 without ``trace``)."""
    import tracemalloc

    from pipeline.parse.issue import parse_issue
    from pipeline.raw.snapshot import load_issue

    if trace:
        tracemalloc.start()
    kept, t_load, t_parse, peak = [], 0.0, 0.0, 0
    for path in files:
        a = time.perf_counter()
        raw = load_issue(path, paths)
        b = time.perf_counter()
        kept.append(parse_issue(raw, refs))
        c = time.perf_counter()
        t_load, t_parse = t_load + b - a, t_parse + c - b
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return t_load, t_parse, sum(len(rows["tasks"]) for rows in kept), peak


def corpus_worker(corpus: Path, n: int, seed: int) -> None:
    """Generate and verify the corpus (in a child, so that this script's own process stays small: a child's
    ru_maxrss starts from its parent's RSS at fork, see README)."""
    import synthetic_corpus
    from corpus_verify import verify

    start = time.perf_counter()
    synthetic_corpus.generate(corpus, n, seed)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    verification = verify(corpus)
    print(json.dumps({"generate_s": generated, "verify_s": time.perf_counter() - start,
                      "verification": verification}, ensure_ascii=False))


def bench_parse(work: Path, sizes: tuple[int, ...], seed: int, quick: bool) -> dict[str, Any]:
    """Generate the corpus, then time and measure the parsing of its first N issues for each size, as shipped
    and with the task scopes aliased (each in a new ``run.py _parse-worker`` process)."""
    corpus = work / "corpus"
    made = json.loads(run_timed([PYTHON, RUN_PY, "_corpus", str(corpus), str(max(sizes)),
                                 str(seed)], cwd=work).stdout)
    log(f"corpus of {max(sizes)} issues generated in {made['generate_s']:.1f} s and verified in "
        f"{made['verify_s']:.1f} s")
    out: dict[str, Any] = {"seed": seed, "sizes": list(sizes), "corpus_bytes": made["verification"]["bytes"],
                           **made, "runs": []}
    for variant in ("strict", "aliased"):
        for n in sizes:
            repeats = (5 if quick else 25) if n == 1 else (1 if quick else 3)
            cmd = [PYTHON, RUN_PY, "_parse-worker", str(corpus), str(n), str(repeats), variant]
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
