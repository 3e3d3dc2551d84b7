"""The DuckDB benchmark: one join + group-by from a cold process, in Python (the duckdb package) and with the
duckdb CLI when there is one, on the DuckDB file and on the views script over Parquet of a built copy. Used by
``run.py`` (``--only duckdb``, after the builds).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from processes import PYTHON, ROOT, median, run_timed

DUCKDB_CLI = ROOT / ".venv" / "bin" / "duckdb"

#: Lead tasks per unit, with unit names: the published example query queries/units_leading_most_tasks.sql.
QUERY = (ROOT / "queries" / "units_leading_most_tasks.sql").read_text(encoding="utf-8")

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
        # one line for -c: without the header's -- comment lines, which would comment out the whole query
        one_line = " ".join(" ".join(ln for ln in QUERY.splitlines() if not ln.lstrip().startswith("--")).split())
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
