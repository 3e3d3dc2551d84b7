"""DuckDB outputs: a database file with one commented table per resource, and a portable views script.

``gazette.duckdb`` is written with ``STORAGE_VERSION 'v1.0.0'`` so that both the pinned Python duckdb (2.x)
and the DuckDB command-line shell from PyPI (``duckdb-cli`` 1.5.x) open it; it differs between runs, so it is
not committed. ``gazette_views.sql`` creates the same tables as views over the Parquet files, with the same
comments, and works in any DuckDB from 1.0 on when run from the repository root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import duckdb

from pipeline.schema.model import Table

STORAGE_VERSION = "v1.0.0"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    """A quoted SQL identifier (column names such as ``check`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def comment_statements(table: Table, kind: str = "TABLE") -> list[str]:
    statements = [f"COMMENT ON {kind} {_ident(table.name)} IS {_quote(table.title + ': ' + table.description)};"]
    statements += [f"COMMENT ON COLUMN {_ident(table.name)}.{_ident(f.name)} IS {_quote(f.description)};"
                   for f in table.fields]
    return statements


def views_script(tables: Sequence[Table], parquet_dir: str = "curated") -> str:
    """SQL that creates one view per table over its Parquet file (paths relative to the repository root)."""
    lines = ["-- Views over the published Parquet files. Generated from the schema registry; do not edit.",
             "-- Run from the repository root:  duckdb -c \".read curated/gazette_views.sql\"", ""]
    for table in tables:
        columns = ", ".join(_ident(f.name) for f in table.fields)
        lines.append(f"CREATE OR REPLACE VIEW {_ident(table.name)} AS SELECT {columns} "
                     f"FROM read_parquet({_quote(f'{parquet_dir}/{table.name}.parquet')});")
        lines += comment_statements(table, kind="VIEW")
        lines.append("")
    return "\n".join(lines)


def write_database(tables: Sequence[Table], parquet_dir: Path, db_path: Path) -> None:
    """(Re)create ``db_path`` with a typed, commented table per resource loaded from its Parquet file."""
    for suffix in ("", ".wal"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    # one thread and a memory limit: loading the package is quick either way, but DuckDB's default (every core,
    # 80 % of RAM) held 260 MB more for a package of 500 issues, at the build's peak
    with duckdb.connect(config={"memory_limit": "256MB", "threads": 1}) as con:
        con.execute(f"ATTACH {_quote(str(db_path))} AS gazette (STORAGE_VERSION {_quote(STORAGE_VERSION)})")
        con.execute("USE gazette")
        for table in tables:
            columns = ", ".join(f"{_ident(f.name)} {f.duckdb_type}" for f in table.fields)
            con.execute(f"CREATE TABLE {_ident(table.name)} ({columns})")
            con.execute(f"INSERT INTO {_ident(table.name)} SELECT * FROM read_parquet(?)",
                        [str(parquet_dir / f"{table.name}.parquet")])
            for statement in comment_statements(table):
                con.execute(statement)
            con.execute("CHECKPOINT gazette")  # to disk now: memory holds one table's rows, not the package's
        con.execute("USE memory")
        con.execute("DETACH gazette")
