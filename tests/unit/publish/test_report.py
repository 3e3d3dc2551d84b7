"""The validation report: complete, byte-reproducible, self-contained, and honest about failures."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from pipeline.checks.gx_runner import ExpectationOutcome, SuiteOutcome
from pipeline.base.paths import REPO_ROOT
from pipeline.publish import report as R


def outcome(type_, column, success, severity="critical", detail=""):
    return ExpectationOutcome(type=type_, column=column, severity=severity, success=success, detail=detail)


REGIONS_OK = SuiteOutcome("regions", (outcome("expect_table_row_count_to_equal", None, True),
                                      outcome("expect_column_values_to_be_unique", "region_code", True)))
VALUES_WARN = SuiteOutcome("indicator_values", (
    outcome("expect_column_values_to_be_between", "year", True),
    outcome("expect_column_values_to_be_between", "growth_pct", False, "warning",
            "unexpected_count=1, examples=[150.0], observed=None"),
))
TASKS_FAIL = SuiteOutcome("tasks", (outcome("expect_column_values_to_not_be_null", "convention", False,
                                            detail="unexpected_count=1, examples=[nan], observed=None"),))
RAW_VALUES = {"name": "indicator_values", "expectations": [
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "year", "min_value": 2016, "max_value": 2020},
     "severity": "critical", "meta": {"source": "registry"}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"max_value": 100, "column": "growth_pct",
                                                              "min_value": -50},
     "severity": "warning", "meta": {"source": "manual"}},
]}
CHECKS = [R.CheckResult("orphan_foreign_keys", True), ("task_rules", True, []),
          {"name": "frictionless_valid", "passed": True, "messages": []}]


@pytest.fixture(scope="module")
def findings() -> pl.DataFrame:
    from tests.support.findings import findings_frame
    from tests.support.package import real_issue_frames

    return findings_frame({t: f for t, f in real_issue_frames().items() if t in ("indicators", "indicator_values")})


def test_summary_counts_and_order(findings):
    data = R.report_data([VALUES_WARN, REGIONS_OK], CHECKS, findings, {"indicator_values": RAW_VALUES})
    assert [s["table"] for s in data["suites"]] == ["indicator_values", "regions"]
    assert [c["name"] for c in data["checks"]] == ["frictionless_valid", "orphan_foreign_keys", "task_rules"]
    assert data["summary"] == {
        "passed": True, "suites": 2, "suites_passed": 2, "expectations": 4, "expectations_passed": 3,
        "expectation_failures": {"critical": 0, "warning": 1, "info": 0}, "checks": 3, "checks_passed": 3,
        "findings": 20, "findings_by_check": {"growth_identity": 1, "province_sum": 19, "target_vs_table": 0},
        "review_items": 0}
    growth = data["suites"][0]["expectations"][1]
    assert growth == {"index": 1, "type": "expect_column_values_to_be_between", "column": "growth_pct",
                      "severity": "warning", "source": "manual",
                      "kwargs": {"column": "growth_pct", "max_value": 100, "min_value": -50}, "passed": False,
                      "detail": "unexpected_count=1, examples=[150.0], observed=None"}


def test_critical_failure_or_failed_check_fails_the_report(findings):
    assert not R.report_data([REGIONS_OK, TASKS_FAIL], CHECKS, findings)["summary"]["passed"]
    failed_check = R.report_data([REGIONS_OK], [("orphan_foreign_keys", False, ["x -> y: 1 value(s)"])], findings)
    assert not failed_check["summary"]["passed"]
    assert failed_check["checks"][0]["messages"] == ["x -> y: 1 value(s)"]


def test_findings_section_lists_every_finding(findings):
    data = R.report_data([], [], findings)
    rows = data["findings"]["rows"]
    assert len(rows) == 20 and rows[0]["finding_id"] == "growth-new_industrial_product_output-330000-2017"
    assert {"finding_id": "sum-rd_expenditure-2016", "observed": 1126.0, "expected": 1115.0}.items() <= next(
        r for r in rows if r["finding_id"] == "sum-rd_expenditure-2016").items()
    empty = R.report_data([], [], None)["findings"]
    assert empty["counts"] == {"growth_identity": 0, "province_sum": 0, "target_vs_table": 0}
    assert empty["rows"] == []


def test_byte_reproducible_whatever_the_input_order(findings):
    first = R.render_report([VALUES_WARN, REGIONS_OK, TASKS_FAIL], CHECKS, findings, {"indicator_values": RAW_VALUES})
    shuffled = R.render_report([TASKS_FAIL, REGIONS_OK, VALUES_WARN], list(reversed(CHECKS)),
                               findings.sample(fraction=1.0, shuffle=True, seed=7), {"indicator_values": RAW_VALUES})
    assert first == shuffled
    assert set(first) == {"validation_report.json", "validation_report.html"}
    assert json.loads(first["validation_report.json"])["findings"]["total"] == 20


def test_no_timestamp_and_no_absolute_path(findings):
    root = str(REPO_ROOT)
    checks = [("staged_hashes", False, [f"{root}/.build/staging/curated/regions.parquet: hash differs"])]
    files = R.render_report([REGIONS_OK], checks, findings, relative_to=root)
    for text in files.values():
        assert root not in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text)
        assert ".build/staging/curated/regions.parquet: hash differs" in text


def test_html_is_self_contained_and_escaped(findings):
    checks = [("evil", False, ['<script>alert("x")</script>'])]
    html = R.render_report([TASKS_FAIL, VALUES_WARN], checks, findings,
                           {"indicator_values": RAW_VALUES})["validation_report.html"]
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert not re.search(r"<script|<link|src=|https?://|@import|url\(", html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    # every suite, every expectation, every check and the counts per finding check are on the page
    assert html.count("<details") == 2 and '<details id="suite-tasks" open>' in html
    assert "expect_column_values_to_not_be_null" in html and "growth_pct" in html
    assert "<td>province_sum</td><td class=\"num\">19</td>" in html
    assert "<td>target_vs_table</td><td class=\"num\">0</td>" in html
    assert "sum-rd_expenditure-2016" in html and "26342.949" in html


def test_write_report(tmp_path, findings):
    files = R.render_report([REGIONS_OK], CHECKS, findings)
    paths = R.write_report(tmp_path / "curated", files)
    assert [p.name for p in paths] == ["validation_report.html", "validation_report.json"]
    assert all(p.read_bytes() == files[p.name].encode("utf-8") for p in paths)
    assert b"\r\n" not in paths[1].read_bytes()


def test_real_suite_outcomes_render(findings):
    from pipeline.checks.gx_runner import load_suite, run_suite

    raw = load_suite(REPO_ROOT / "expectations" / "regions.json")
    real = run_suite(pl.read_parquet(REPO_ROOT / "curated" / "regions.parquet"), raw, "expectations/regions.json")
    data = R.report_data([real], CHECKS, findings, {"regions": raw})
    [entry] = data["suites"]
    assert entry["passed"] and len(entry["expectations"]) == len(raw["expectations"])
    assert R.render_json(data) == R.render_json(R.report_data([real], CHECKS, findings, {"regions": raw}))


def test_the_review_queue_is_in_the_report():
    import polars as pl

    from pipeline.schema.tables_review import REVIEW_ITEMS

    empty = R.report_data([], [], None)
    assert empty["summary"]["review_items"] == 0 and empty["review_queue"]["rows"] == []
    assert "The review queue is empty" in R.render_html(empty)
    item = {"issue_id": "zjzfgb-2016-27", "kind": "unknown_unit", "text": "省大数据局", "document_id": "zjzf-2016-27",
            "line": 98, "occurrences": 3, "detail": "published as provisional unit zj-provisional-x",
            "suggested_action": "add the alias"}
    data = R.report_data([], [], None, review=pl.DataFrame([item], schema=REVIEW_ITEMS.polars_schema()))
    assert data["summary"]["review_items"] == 1 and data["review_queue"]["counts"] == {"unknown_unit": 1}
    html = R.render_html(data)
    assert '<td class="c-text">省大数据局</td>' in html and "items in the review queue" in html


def test_past_the_row_limit_the_report_lists_the_first_rows_and_says_where_every_row_is(findings):
    """The counts and the total cover every finding; ``rows`` holds the first REPORT_MAX_ROWS in published order,
    ``rows_listed`` says how many, ``all_rows_in`` names the files, and the HTML says it in words."""
    assert R.REPORT_MAX_ROWS == 1_000 and R.REPORT_FORMAT == 2
    many = pl.concat([findings.with_columns(pl.col("finding_id") + f"-{i:02d}") for i in range(62)])  # 1,240 rows
    data = R.report_data([], [], many)
    found = data["findings"]
    assert found["total"] == 1_240 == data["summary"]["findings"]
    assert found["counts"] == {"growth_identity": 62, "province_sum": 19 * 62, "target_vs_table": 0}
    assert found["rows_listed"] == 1_000 == len(found["rows"])
    assert found["all_rows_in"] == ["curated/findings.csv", "curated/findings.parquet"]
    from pipeline.schema.tables_findings import FINDINGS
    published = many.sort(list(FINDINGS.order_columns), maintain_order=True)
    assert [r["finding_id"] for r in found["rows"]] == published["finding_id"].head(1_000).to_list()
    html = R.render_html(data)
    assert ('Only the first 1,000 of 1,240 findings are listed here (the report lists at most 1,000); every row is '
            "in <code>curated/findings.csv</code> and <code>curated/findings.parquet</code>.") in html
    assert html.count('<td class="c-finding_id">') == 1_000
    # within the limit: every row, and no such sentence
    whole = R.report_data([], [], findings)["findings"]
    assert whole["rows_listed"] == whole["total"] == 20 and "Only the first" not in R.render_html(R.report_data([], [], findings))
