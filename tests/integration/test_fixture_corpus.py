"""The real issue and every test issue under tests/fixtures/issues/, published end to end by one shared build.

The test issues print the forms the real issue does not: a government order with chapters and articles, an
appointment notice, a reply with a web-style 文号, documents the table of contents does not list, 责任分解
notices in the 2019, 2023 and 2024 styles, a task table, items under a vice-governor's heading and work-task
targets, and a notice that needs no confirmation (a curated title reprinted, a default task scope, clauses
after page breaks, a target bounded by 突破…大关). Every unit assignment, article and appointment must reach the published files, and the example
queries must answer on them.
"""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.release.sql import connect
from tests.conftest import copy_project
from tests.support.fixture_issues import FIXTURE_ISSUES, write_fixture_issues
from tests.support.queries import fetch, queries

pytestmark = pytest.mark.integration

REAL = "zjzfgb-2016-26"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import dagster as dg

    from pipeline.orchestration.runner import run_build

    paths = copy_project(tmp_path_factory.mktemp("fixture-corpus"))
    write_fixture_issues(paths)
    with dg.instance_for_test() as instance:
        run_build(paths, instance)
    return paths


def table(paths, name: str) -> pl.DataFrame:
    return pl.read_parquet(paths.curated / f"{name}.parquet")


def test_every_issue_is_published(built) -> None:
    assert sorted(table(built, "issues")["issue_id"]) == sorted([REAL, *(m[0] for m in FIXTURE_ISSUES.values())])


def test_documents_by_form_with_normalised_numbers(built) -> None:
    documents = table(built, "documents")
    assert dict(documents.group_by("form").len().iter_rows()) == {
        "notice": 4 + 2 + 5 + 1 + 1, "order": 1, "reply": 1, "appointment": 1, "unrecognised": 1}
    order = documents.filter(pl.col("form") == "order").row(0, named=True)
    assert (order["doc_number"], str(order["effective_date"])) == ("浙江省人民政府令第381号", "2024-05-01")
    reply = documents.filter(pl.col("form") == "reply").row(0, named=True)
    assert reply["doc_number"].count("〔") == 1 and reply["doc_number_printed"] != reply["doc_number"]
    real = documents.filter(pl.col("issue_id") == REAL)
    assert real["doc_number"].to_list() == real["doc_number_printed"].to_list()


def test_articles_and_appointments_are_published(built) -> None:
    assert table(built, "articles").height == 6
    appointments = table(built, "appointments")
    assert (appointments.height, appointments.filter(pl.col("action") == "remove").height) == (8, 4)


def test_every_unit_assignment_is_published(built) -> None:
    task_units = table(built, "task_units")
    tasks = table(built, "tasks")
    real_tasks = tasks.filter(pl.col("task_id").str.starts_with("zj") & pl.col("document_id").is_in(
        table(built, "documents").filter(pl.col("issue_id") == REAL)["document_id"].implode()))
    assert real_tasks.height == 62
    assert task_units.join(real_tasks.select("task_id"), on="task_id").height == 202
    # the five 责任分解 test issues: 18 tasks, 49 unit mentions (per fixture in test_responsibility_forms)
    assert task_units.height - 202 >= 49 and tasks.height - 62 >= 18
    assert tasks.filter(pl.col("deadline_text").is_not_null())["deadline_text"].to_list() == ["年底前", "六月底前",
                                                                                              "持续推进"]


def test_the_queue_holds_the_table_of_contents_mismatches(built) -> None:
    kinds = dict(table(built, "review_items")["kind"].value_counts().iter_rows())
    assert kinds["toc_mismatch"] == 2 and kinds["unrecognised_document_form"] == 1


def run(paths, name: str) -> list[dict]:
    query = {q.name: q for q in queries()}[name]
    with connect(paths.root) as con:
        columns, rows = fetch(con, query.sql)
    return [dict(zip(columns, row)) for row in rows]


def test_query_units_leading_tasks_by_year(built) -> None:
    rows = run(built, "units_leading_tasks_by_year")
    first_2016 = next(r for r in rows if r["year"] == 2016)
    assert (first_2016["name_zh"], first_2016["lead_tasks"], first_2016["rank_in_year"]) == ("省科技厅", 20, 1)
    assert {r["year"] for r in rows} >= {2016, 2019, 2021, 2022, 2023, 2024}
    assert all(r["lead_tasks"] >= 1 for r in rows)


def test_query_order_articles_in_force(built) -> None:
    rows = run(built, "order_articles_in_force")
    assert [r["article_no"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert {r["doc_number"] for r in rows} == {"浙江省人民政府令第381号"}
    assert str(rows[0]["effective_date"]) == "2024-05-01" and rows[-1]["text"].startswith("本办法自2024年5月1日起施行")


def test_a_notice_that_needs_no_confirmation_publishes_without_review_items(built) -> None:
    """confirm-clauses: 浙政发〔2021〕5号 reprints the title of 浙政发〔2016〕25号, has no task_scopes.csv row and
    two measures whose clause follows a page break; none of this is a review item."""
    issue = "zjzfgb-2021-03"
    (doc,) = table(built, "documents").filter(pl.col("issue_id") == issue).iter_rows(named=True)
    assert (doc["document_id"], doc["task_scope"]) == ("zjzf-2021-5", "rule")
    assert doc["title_en"] == table(built, "documents").filter(
        pl.col("document_id") == "zjzf-2016-25")["title_en"].item()
    assert table(built, "review_items").filter(pl.col("issue_id") == issue).height == 0
    items = table(built, "sections").filter((pl.col("document_id") == "zjzf-2021-5") & (pl.col("kind") == "item"))
    assert items.select("marker", "line_start", "line_end").rows() == [("1.", 29, 29), ("2.", 31, 33), ("3.", 35, 37)]
    assert items["text"][1].endswith("降低企业融资成本。(省财政厅、省商务厅负责)")
    tasks = table(built, "tasks").filter(pl.col("document_id") == "zjzf-2021-5")
    assert tasks["responsibility_text"].to_list()[1:] == ["(省财政厅、省商务厅负责)", "(省商务厅、省发展改革委负责)"]
    (target,) = table(built, "targets").filter(pl.col("document_id") == "zjzf-2021-5").iter_rows(named=True)
    assert (target["subject"], target["value"], target["comparator"]) == ("技术交易额", 80, "more_than")
