"""The example queries of ``queries/*.sql`` as the tests run them: each file with the research question its
leading comment states (``-- Question: …``), and the result of a script on a connection of
``pipeline.release.sql.connect``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.base.paths import REPO_ROOT

QUERIES_DIR = Path("queries")
_QUESTION = re.compile(r"^--\s*Question:\s*(?P<question>.+)$")


@dataclass(frozen=True)
class Query:
    path: Path
    question: str
    sql: str

    @property
    def name(self) -> str:
        return self.path.stem


def relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables and views visible in the connection's main schema."""
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}


def parse_query(path: Path) -> Query:
    """A query file and the research question stated in its leading comment."""
    sql = path.read_text(encoding="utf-8")
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        match = _QUESTION.match(line)
        if match:
            return Query(path=path, question=match["question"].strip(), sql=sql)
    raise ValueError(f"{path}: the leading comment has no '-- Question: …' line")


def queries(root: Path = REPO_ROOT) -> list[Query]:
    """Every example query under ``<root>/queries``, sorted by file name."""
    return [parse_query(p) for p in sorted((root / QUERIES_DIR).glob("*.sql"))]


def fetch(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Execute a script of one or more statements; the column names and rows of the last one's result."""
    cursor = con.execute(sql)
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()
