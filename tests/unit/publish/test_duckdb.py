"""DuckDB outputs: the database file (pinned duckdb and the duckdb-cli shell) and the portable views script."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.base.paths import REPO_ROOT
from pipeline.publish.duckdb_db import write_database
from pipeline.schema.registry import TABLES

CLI = Path(sys.executable).parent / "duckdb"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from tests.support.package import write_real_issue_package

    db = tmp_path_factory.mktemp("db") / "gazette.duckdb"
    write_database(TABLES, write_real_issue_package(tmp_path_factory.mktemp("real_issue")) / "curated", db)
    return db


def test_tables_and_comments_in_python_duckdb(database):
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.sql("select count(*) from indicator_values").fetchall() == [(540,)]
        assert con.sql("select value from indicator_values where indicator_id='rd_expenditure' "
                       "and region_code='330100' and year=2016").fetchall() == [(336.0,)]
        comment = con.sql("select comment from duckdb_columns() where table_name='documents' "
                          "and column_name='signed_date'").fetchall()[0][0]
        assert comment.startswith("Date under the signature")
        tables = {r[0] for r in con.sql("select table_name from duckdb_tables()").fetchall()}
        assert tables == {t.name for t in TABLES}


@pytest.mark.integration
@pytest.mark.skipif(not CLI.exists(), reason="duckdb-cli is installed by `make build` (dev dependency)")
def test_database_opens_in_duckdb_cli(database):
    out = subprocess.run([str(CLI), "-readonly", "-csv", str(database), "-c",
                          "select doc_number, signed_date from documents order by line_start"],
                         capture_output=True, text=True, check=True).stdout
    assert [line.replace("\"", "") for line in out.splitlines()[1:]] == ["浙政发〔2016〕24号,2016-08-01", "浙政发〔2016〕25号,2016-08-09",
                                    "浙政办发〔2016〕89号,2016-08-10", "浙政办发〔2016〕90号,2016-08-10"]


def test_views_script_works_from_the_repository_root(tmp_path):
    shutil.copytree(REPO_ROOT / "curated", tmp_path / "curated", ignore=shutil.ignore_patterns("gazette.duckdb*"))
    con = duckdb.connect()
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        con.execute((tmp_path / "curated" / "gazette_views.sql").read_text(encoding="utf-8"))
        assert con.sql("select count(*) from task_units where role='lead'").fetchall()[0][0] > 0
        assert con.sql("select comment from duckdb_views() where view_name='sections'").fetchall()[0][0].startswith(
            "Document sections")
    finally:
        os.chdir(cwd)
        con.close()


def test_decimal_measures_sum_exactly(database):
    """The 11 cities' technology-transaction values of 2016 第26期 sum to the printed 2020 total exactly (as
    binary floats they summed to 499.9999999999999): value is DECIMAL in the database and the views."""
    query = ("select year, sum(value)::varchar, typeof(sum(value)) from indicator_values "
             "where issue_id = 'zjzfgb-2016-26' and indicator_id = 'technology_transaction_value' "
             "and region_code <> '330000' group by year order by year")
    expected = [(2016, "292.2"), (2017, "351.3"), (2018, "395.2"), (2019, "444.4"), (2020, "500.0")]
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.sql(query).fetchall()
        types = {r[0]: r[1] for r in con.sql("select column_name, data_type from duckdb_columns() "
                                              "where table_name = 'indicator_values'").fetchall()}
    assert [(year, total) for year, total, _ in rows] == expected
    assert {kind for _, _, kind in rows} == {"DECIMAL(38,1)"}
    assert types["value"] == types["growth_pct"] == "DECIMAL(18,1)"
    with duckdb.connect() as con:
        con.execute((REPO_ROOT / "curated" / "gazette_views.sql").read_text(encoding="utf-8")
                    .replace("read_parquet('curated/", f"read_parquet('{REPO_ROOT}/curated/"))
        assert [(y, t) for y, t, _ in con.sql(query).fetchall()] == expected
