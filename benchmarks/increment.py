"""Benchmark of GitHub issue 22: the cost of the scheduled rebuild's usual work, adding the next issue to a
package of N issues, against the full build of that package and a no-op rebuild. Used by ``run.py``
(``--only increment``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from processes import PYTHON, build_env, log, run_timed
from scale import make_corpus


def _build(corpus: Path):
    return run_timed([PYTHON, "-m", "pipeline", "--root", str(corpus), "build"], cwd=corpus, env=build_env(corpus),
                     check=False)


def _row(timed) -> dict[str, Any]:
    return {"wall_s": timed.wall_s, "peak_rss_mib": timed.maxrss_kib / 1024, "returncode": timed.returncode,
            "published": "published datapackage.json" in timed.stdout,
            "summary": [line for line in timed.stdout.splitlines() if line.startswith("issues:")][:1],
            "errors": timed.stderr[-2000:] if timed.returncode else ""}


def bench_increment(work: Path, sizes: tuple[int, ...], seed: int) -> dict[str, Any]:
    """For each N: a corpus of N + 1 issues built without its last issue (full build of N), then with it (the
    next issue added), then again (no-op); each build a new ``gazette build`` process."""
    rows = []
    for n in sizes:
        corpus = make_corpus(work, n + 1, seed, "increment")
        aside = work / f"aside-{n}"
        aside.mkdir()
        last = sorted((corpus / "raw" / "gazette").glob("*.txt"))[-1]
        moved = [last, last.with_name(last.stem + ".meta.json")]
        for path in moved:
            shutil.move(path, aside / path.name)
        full = _row(_build(corpus))
        for path in moved:
            shutil.move(aside / path.name, path)
        added, noop = _row(_build(corpus)), _row(_build(corpus))
        rows.append({"n": n, "full_build": full, "add_next_issue": added, "noop_rebuild": noop,
                     "add_over_full": added["wall_s"] / full["wall_s"]})
        log(f"increment N={n}: full {full['wall_s']:.1f} s, add the next issue {added['wall_s']:.1f} s "
            f"({added['summary']}), no-op {noop['wall_s']:.2f} s")
        shutil.rmtree(corpus, ignore_errors=True)
    return {"seed": seed, "runs": rows}
