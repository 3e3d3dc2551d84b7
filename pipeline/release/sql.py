"""Running the package's SQL the way a reader does: the views script over the Parquet files, in DuckDB.

``curated/gazette_views.sql`` names the Parquet files relative to the repository root; ``connect`` runs it with
those paths made absolute under the root it is given, so it works from any working directory (``gazette sql``
without the database). The example queries of ``queries/*.sql`` are run through it by the tests
(``tests/support/queries.py``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.base.paths import REPO_ROOT, VIEWS_NAME

VIEWS_SCRIPT = Path("curated") / VIEWS_NAME


def connect(root: Path = REPO_ROOT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with every view of ``<root>/curated/gazette_views.sql`` created over the
    Parquet files of ``root``. The script names them relative to the project root (``curated/x.parquet``), and
    DuckDB looks for a relative path in the working directory before ``file_search_path``, so the paths are
    made absolute here: another checkout in the working directory must never answer for ``root``."""
    con = duckdb.connect()
    folder = str(Path(root).resolve()).replace("'", "''")
    script = (root / VIEWS_SCRIPT).read_text(encoding="utf-8")
    con.execute(script.replace("read_parquet('curated/", f"read_parquet('{folder}/curated/"))
    return con
