"""The example queries of queries/*.sql, run on the published package the way a reader runs them.

Each query runs in an in-memory DuckDB connection after curated/gazette_views.sql. Expected values are read off
the source (raw/gazette/zjzfgb-2016-26.txt): the responsibility clauses of 浙政发〔2016〕24号 (lines 60-124) and
25号 (lines 299-349), and table 一 of 附件1 (lines 134-149).

A query whose table is missing from curated/ fails (run `make build` first).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import pytest

from pipeline.release.sql import connect
from pipeline.base.paths import REPO_ROOT
from tests.support.queries import fetch, queries, relations

QUERIES = {q.name: q for q in queries()}

@pytest.fixture(scope="module")
def con(tmp_path_factory):
    """The views over the real issue's rows of the published package (whatever other issues it holds)."""
    from tests.support.package import write_real_issue_package

    connection = connect(write_real_issue_package(tmp_path_factory.mktemp("real_issue")))
    yield connection
    connection.close()


def run(con, name: str) -> list[dict]:
    columns, rows = fetch(con, QUERIES[name].sql)
    return [dict(zip(columns, row)) for row in rows]


def require(con, table: str) -> None:
    if table not in relations(con):
        pytest.fail(f"{table} is not published in curated/ (run `make build`)")


def test_every_query_states_its_question_and_how_to_run_it():
    assert set(QUERIES) == {"units_leading_most_tasks", "tasks_of_a_unit", "city_rd_growth_2016_2020",
                            "source_inconsistencies", "targets_vs_table_values", "units_most_often_together",
                            "units_leading_tasks_by_year", "order_articles_in_force"}
    for query in QUERIES.values():
        header = [line for line in query.sql.splitlines() if line.startswith("--")]
        assert query.sql.startswith("-- Question: ") and query.question.endswith("?")
        assert any(f'.read queries/{query.path.name}"' in line for line in header), query.name


def test_units_leading_most_tasks(con):
    rows = run(con, "units_leading_most_tasks")
    assert len(rows) == 19  # every unit that leads at least one task
    top = [(r["name_zh"], r["lead_tasks"], r["participant_tasks"]) for r in rows[:5]]
    # 省科技厅 leads 20 clauses of 24号 (lines 60-124) and joins 五(二), 五(三) and 25号 measures 12, 18.
    assert top == [("省科技厅", 20, 4), ("省商务厅", 14, 6), ("省发展改革委", 7, 11), ("省经信委", 5, 13),
                   ("省财政厅", 4, 11)]
    assert sum(r["lead_tasks"] for r in rows) == 72  # 53 lead rows in 24号, one lead per measure in 25号
    assert all(r["lead_tasks"] >= 1 for r in rows)


def test_tasks_of_a_unit_finance(con):
    rows = run(con, "tasks_of_a_unit")
    assert len(rows) == 15
    assert [r["role"] for r in rows].count("lead") == 4
    assert {r["task_id"] for r in rows if r["role"] == "lead"} == {
        "zjzf-2016-24-t02-04", "zjzf-2016-24-t05-04", "zjzf-2016-24-t06-01", "zjzf-2016-24-t06-02"}
    first, last = rows[0], rows[-1]
    assert (first["task_id"], first["role"], first["line_start"]) == ("zjzf-2016-24-t02-01", "participant", 60)
    # Measure 16 of 25号: (省物价局、省财政厅、…负责): listed second, so a participant.
    assert (last["task_id"], last["label"], last["role"], last["line_end"]) == ("zjzf-2016-25-t16", "16",
                                                                              "participant", 341)
    assert all(r["name_as_written"] == "省财政厅" for r in rows)


def test_tasks_of_a_unit_accepts_an_alias(con):
    sql = QUERIES["tasks_of_a_unit"].sql.replace("'省财政厅'", "'省人社保厅'")
    columns, rows = fetch(con, sql)
    names = {row[columns.index("name_as_written")] for row in rows}
    assert len(rows) == 8 and names == {"省人社厅", "省人社保厅"}  # one body, two spellings (units.md)


def test_city_rd_growth(con):
    rows = run(con, "city_rd_growth_2016_2020")
    assert len(rows) == 11
    hangzhou = rows[0]  # line 139: 杭州 亿元 336 … 511
    assert (hangzhou["name_zh"], hangzhou["value_2016"], hangzhou["value_2020"], hangzhou["increase"],
            hangzhou["increase_pct"], hangzhou["cagr_2016_2020_pct"]) == ("杭州市", 336.0, 511.0, 175.0, 52.1, 11.1)
    by_city = {r["name_zh"]: r for r in rows}
    # line 149: 丽水 15 … 27, printed growth 15.5% every year, while 15 -> 27 is 15.8% a year.
    assert (by_city["丽水市"]["increase_pct"], by_city["丽水市"]["cagr_2016_2020_pct"],
            by_city["丽水市"]["printed_growth_min_pct"]) == (80.0, 15.8, 15.5)
    assert by_city["衢州市"]["increase"] == 9.0 and rows[-1]["name_zh"] == "衢州市"


def test_units_most_often_together(con):
    rows = run(con, "units_most_often_together")
    assert len(rows) == 58
    top = rows[0]
    assert (top["unit_a_zh"], top["unit_b_zh"], top["shared_tasks"]) == ("省经信委", "省科技厅", 15)
    finance = next(r for r in rows if (r["unit_a_zh"], r["unit_b_zh"]) == ("省财政厅", "省科技厅"))
    assert (finance["shared_tasks"], finance["lead_lead"], finance["lead_participant"],
            finance["participant_participant"]) == (12, 4, 8, 0)
    customs = next(r for r in rows if (r["unit_a"], r["unit_b"]) == ("cn-customs-hangzhou", "cn-customs-ningbo"))
    assert (customs["shared_tasks"], customs["participant_participant"]) == (9, 9)
    assert all(r["shared_tasks"] >= 3 for r in rows)


def test_source_inconsistencies(con):
    require(con, "findings")
    rows = run(con, "source_inconsistencies")
    assert rows, "the source has known inconsistencies"
    checks = {r["rule"] for r in rows}
    assert "province_sum" in checks
    # 全省 R&D spending 2016 (line 138) is 1126, the eleven cities (lines 139-149) add up to 1115.
    rd_2016 = [r for r in rows if r["rule"] == "province_sum" and r["indicator_id"] == "rd_expenditure"
               and r["year"] == 2016]
    assert len(rd_2016) == 1
    assert (rd_2016[0]["observed"], rd_2016[0]["expected"], rd_2016[0]["difference"]) == (1126.0, 1115.0, 11.0)
    assert rd_2016[0]["printed_value"] == "1126"


def test_targets_vs_table_values(con):
    require(con, "target_comparisons")
    rows = run(con, "targets_vs_table_values")
    assert rows
    by_id = {r["target_id"]: r for r in rows}
    # Line 56: 到2020年 … 研发人员数达45.6万人年; table 二, 全省 2020 (line 155): 456638 人年.
    personnel = next(r for r in rows if r["indicator_id"] == "rd_personnel")
    assert (personnel["target_value"], personnel["target_unit"], personnel["target_in_table_unit"],
            personnel["table_value"], personnel["target_line"], personnel["table_line"]) == (
        Decimal("45.6"), "万人年", 456000.0, Decimal("456638.0"), 56, 155)  # the printed figures exact
    assert (personnel["subject"], personnel["bound"], personnel["status"]) == ("研发人员数", "floor", "consistent")
    # Line 60: 2016年,新增高新技术企业1500家 is table 五, 全省 2016 = 1500 (line 206).
    enterprises = next(r for r in by_id.values() if r["indicator_id"] == "new_high_tech_enterprises")
    assert (enterprises["target_value"], enterprises["table_value"], enterprises["difference"]) == (1500.0, 1500.0, 0.0)


@pytest.mark.integration
def test_a_query_runs_in_the_duckdb_shell():
    shell = REPO_ROOT / ".venv" / "bin" / "duckdb"
    if not shell.exists():
        found = shutil.which("duckdb")
        if found is None:
            pytest.skip("no duckdb shell installed")
        shell = found
    result = subprocess.run([str(shell), "-csv", "-c", ".read curated/gazette_views.sql",
                             "-c", ".read queries/units_leading_most_tasks.sql"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    records = list(csv.reader(io.StringIO(result.stdout)))
    assert records[0] == ["unit_id", "name_zh", "name_en", "lead_tasks", "participant_tasks", "lead_documents"]
    assert records[1][:2] == ["zj-dept-science-technology", "省科技厅"] and records[1][3:] == ["20", "4", "1"]
    assert len(records) == 1 + 19
