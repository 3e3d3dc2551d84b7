"""The expectation suites (registry baseline + manual) pass on the real tables and fail on seeded bad data."""

from __future__ import annotations

import copy
import json

import polars as pl
import pytest

from pipeline.checks.cross_table import orphan_foreign_keys
from pipeline.base.errors import BuildError
from pipeline.base.paths import REPO_ROOT
from pipeline.schema.common import DOC_NUMBER_PATTERN
from pipeline.schema.registry import BY_NAME, TABLES
from pipeline.schema.tables_findings import FINDINGS

SUITES = REPO_ROOT / "expectations"
CURATED = REPO_ROOT / "curated"
ALL_TABLES = {**{t.name: t for t in TABLES}, FINDINGS.name: FINDINGS}


@pytest.fixture(scope="module")
def gx():
    """gx_runner, imported once per module (Great Expectations takes seconds to import)."""
    from pipeline.checks import gx_runner

    gx_runner._context()
    return gx_runner


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    """The real issue's rows of the published package (tests/support/package.py), findings recomputed."""
    from tests.support.findings import findings_frame
    from tests.support.package import real_issue_frames

    out = real_issue_frames()
    out["findings"] = findings_frame(out)
    return out


def suite(name: str) -> dict:
    return json.loads((SUITES / f"{name}.json").read_text(encoding="utf-8"))


def run(gx, name: str, frame: pl.DataFrame, raw: dict | None = None):
    return gx.run_suite(frame, raw or suite(name), f"expectations/{name}.json")


def failed(outcome, type_: str, column: str | None = None) -> list:
    return [o for o in outcome.outcomes if not o.success and o.type == type_ and (column is None or o.column == column)]


# ---------------------------------------------------------------- the real data


@pytest.mark.parametrize("name", sorted(ALL_TABLES))
def test_suite_passes_on_real_data(gx, frames, name):
    outcome = run(gx, name, frames[name])
    assert len(outcome.outcomes) == len(suite(name)["expectations"])
    assert [o for o in outcome.outcomes if not o.success] == []
    assert outcome.passed


def test_manual_expectations_are_marked_and_follow_the_registry_part():
    manual_counts = {}
    for name in ALL_TABLES:
        sources = [e["meta"]["source"] for e in suite(name)["expectations"]]
        assert sources == sorted(sources, key=lambda s: s != "registry"), name  # registry first, then manual
        manual = [e for e in suite(name)["expectations"] if e["meta"]["source"] == "manual"]
        assert all(e["severity"] in ("critical", "warning") and e["meta"]["why"] for e in manual)
        manual_counts[name] = len(manual)
    assert manual_counts["indicator_values"] == 4 and manual_counts["city_platforms"] == 1
    assert manual_counts["tasks"] == 3 and manual_counts["findings"] == 1


def test_year_range_and_doc_number_pattern_come_from_the_registry():
    """No manual duplicate, and no fact of one issue: the registry bounds the year to plausible years only
    (the years of a table come from its header), and patterns the document number."""
    exps = suite("indicator_values")["expectations"]
    assert {"column": "year", "min_value": 1949, "max_value": 2100} in [
        e["kwargs"] for e in exps if e["meta"]["source"] == "registry"]
    seed_facts = ("expect_column_distinct_values_to_equal_set", "expect_column_unique_value_count_to_be_between",
                  "expect_table_row_count_to_equal", "expect_table_row_count_to_be_between")
    assert [(name, e["type"]) for name in ALL_TABLES for e in suite(name)["expectations"]
            if e["type"] in seed_facts] == []
    docs = [e["kwargs"] for e in suite("documents")["expectations"] if e["type"].endswith("match_regex")]
    assert {"column": "doc_number", "regex": DOC_NUMBER_PATTERN} in docs


# ---------------------------------------------------------------- seeded bad data


def test_wrong_type_fails(gx, frames):
    bad = frames["indicator_values"].with_columns(pl.col("year").cast(pl.String))
    outcome = run(gx, "indicator_values", bad)
    assert failed(outcome, "expect_column_values_to_be_in_type_list", "year")
    assert not outcome.passed


def test_duplicate_key_fails(gx, frames):
    values = frames["indicator_values"]
    bad = pl.concat([values, values.head(1)])
    outcome = run(gx, "indicator_values", bad)
    assert failed(outcome, "expect_compound_columns_to_be_unique")
    assert not outcome.passed
    regions = frames["regions"]
    outcome = run(gx, "regions", pl.concat([regions, regions.tail(1)]))
    assert failed(outcome, "expect_column_values_to_be_unique", "region_code")


def test_orphan_foreign_key_is_reported(frames):
    assert orphan_foreign_keys(ALL_TABLES, frames) == []
    bad = dict(frames)
    bad["indicator_values"] = frames["indicator_values"].with_columns(
        pl.when((pl.col("region_code") == "330900") & (pl.col("year") == 2020)).then(pl.lit("339900"))
        .otherwise(pl.col("region_code")).alias("region_code"))
    bad["findings"] = frames["findings"].with_columns(pl.lit("rd_spending").alias("indicator_id"))
    problems = orphan_foreign_keys(ALL_TABLES, bad)
    assert problems == [
        "indicator_values.region_code -> regions: 1 value(s) with no match, e.g. [('339900',)]",
        "findings.document_id,indicator_id -> indicators: 1 value(s) with no match, e.g. "
        "[('zjzf-2016-24', 'rd_spending')]",
    ]


def test_out_of_range_year_fails(gx, frames):
    values = frames["indicator_values"]
    bad = values.with_columns(pl.when(pl.col("year") == 2020).then(20200).otherwise(pl.col("year")).alias("year"))
    outcome = run(gx, "indicator_values", bad)
    [between] = failed(outcome, "expect_column_values_to_be_between", "year")
    assert "20200" in between.detail
    assert not outcome.passed


def test_only_failed_expectations_are_described(gx, frames):
    """A suite runs once with BOOLEAN_ONLY; only what failed is rerun to describe it (unexpected count, examples)."""
    values = frames["indicator_values"]
    bad = values.with_columns(pl.when(pl.col("year") == 2020).then(20200).otherwise(pl.col("year")).alias("year"))
    outcome = run(gx, "indicator_values", bad)
    described = [o for o in outcome.outcomes if o.detail]
    assert [(o.type, o.column) for o in described] == [("expect_column_values_to_be_between", "year")]
    assert described[0].detail.startswith("unexpected_count=108, examples=[20200, 20200")  # 540 values over 5 years
    assert sum(not o.success for o in outcome.outcomes) == 1
    assert all(o.detail == "" for o in run(gx, "indicator_values", values).outcomes)


def test_implausible_growth_is_a_warning_not_a_failure(gx, frames):
    values = frames["indicator_values"]
    bad = values.with_columns(pl.when((pl.col("region_code") == "330900") & (pl.col("year") == 2017))
                              .then(pl.lit(150.0)).otherwise(pl.col("growth_pct")).alias("growth_pct"))
    outcome = run(gx, "indicator_values", bad)
    [warning] = [o for o in outcome.outcomes if not o.success]
    assert (warning.type, warning.column, warning.severity) == ("expect_column_values_to_be_between", "growth_pct",
                                                                "warning")
    assert outcome.passed and outcome.warnings == [warning]


def test_task_clause_without_convention_fails(gx, frames):
    bad = frames["tasks"].with_columns(pl.when(pl.col("task_id") == "zjzf-2016-24-t02-01").then(None)
                                       .otherwise(pl.col("convention")).alias("convention"))
    outcome = run(gx, "tasks", bad)
    assert failed(outcome, "expect_column_values_to_not_be_null", "convention")
    assert not outcome.passed


def test_effective_before_signed_fails(gx, frames):
    bad = frames["documents"].with_columns(pl.col("effective_date").fill_null(pl.date(2016, 1, 1)))
    outcome = run(gx, "documents", bad)
    assert failed(outcome, "expect_column_pair_values_a_to_be_greater_than_b")
    assert not outcome.passed


def test_lines_out_of_order_fail(gx, frames):
    bad = frames["findings"].with_columns((pl.col("line_start") - 1).alias("line_end"))
    outcome = run(gx, "findings", bad)
    assert failed(outcome, "expect_column_pair_values_a_to_be_greater_than_b")


def test_misspelt_expectation_type_is_refused(gx):
    raw = copy.deepcopy(suite("indicator_values"))
    raw["expectations"].append({"type": "expect_column_values_to_be_betwen", "kwargs": {"column": "year"},
                                "severity": "critical", "meta": {"source": "manual"}})
    with pytest.raises(BuildError, match="expect_column_values_to_be_betwen"):
        gx.build_suite(raw, "expectations/indicator_values.json")


def test_suites_cover_every_registry_table():
    assert sorted(p.stem for p in SUITES.glob("*.json")) == sorted(ALL_TABLES)
    assert set(BY_NAME) | {"findings"} == set(ALL_TABLES)


def test_outcomes_follow_the_suite_order(gx, frames):
    """Severity belongs to its own expectation: outcome i is expectation i of the JSON file."""
    for name in ("indicator_values", "tasks", "documents"):
        raw = suite(name)
        outcome = run(gx, name, frames[name])
        assert [(o.type, o.column, o.severity) for o in outcome.outcomes] == [
            (e["type"], e["kwargs"].get("column"), e.get("severity", "critical")) for e in raw["expectations"]]


# ---------------------------------------------------------------- an empty string is never a value


def test_every_string_column_refuses_the_empty_string_once():
    """Exactly one expectation of each string column refuses '': a minimum length, a value set or a pattern."""
    import re

    for table in ALL_TABLES.values():
        refusing = []
        for e in suite(table.name)["expectations"]:
            kwargs = e["kwargs"]
            if (e["type"] == "expect_column_value_lengths_to_be_between" and kwargs.get("min_value") == 1
                    or e["type"] == "expect_column_values_to_be_in_set" and "" not in kwargs["value_set"]
                    or e["type"] == "expect_column_values_to_match_regex" and re.search(kwargs["regex"], "") is None):
                refusing.append(kwargs["column"])
        strings = [f.name for f in table.fields if f.type == "string"]
        assert sorted(c for c in refusing if c in strings) == sorted(strings), table.name


def test_an_empty_string_fails_a_pattern_column(gx, frames):
    tasks = frames["tasks"].with_columns(pl.lit("").alias("task_id"))
    outcome = run(gx, "tasks", tasks)
    assert [o.column for o in failed(outcome, "expect_column_values_to_match_regex")] == ["task_id"]
    assert not outcome.passed


def test_no_published_string_is_empty(frames):
    units = frames["units"]
    collective = units.filter(pl.col("category") == "collective").row(0, named=True)
    assert collective["name_zh"] == "省推进杭州城西科创大走廊建设联席会议其他成员单位"
    assert collective["name_en"].startswith("Other Member Units")  # a descriptive translation (units.md)
    for name, frame in frames.items():
        for column, dtype in frame.schema.items():
            if dtype == pl.String:
                assert frame.filter(pl.col(column) == "").height == 0, f"{name}.{column}"


def test_an_empty_string_fails_the_suite(gx, frames):
    units = frames["units"].with_columns(
        pl.when(pl.col("category") == "collective").then(pl.lit("")).otherwise(pl.col("name_en")).alias("name_en"))
    outcome = run(gx, "units", units)
    assert [o.column for o in failed(outcome, "expect_column_value_lengths_to_be_between")] == ["name_en"]
    assert not outcome.passed


def test_blank_cells_become_null_where_rows_are_typed():
    from pipeline.schema.frames import to_frame

    rows = [{"unit_id": "zj-collective-test-members", "name_zh": "甲", "full_name_zh": "甲乙", "name_en": "",
             "category": "collective", "aliases": "甲", "source": "test", "status": "curated"}]
    assert to_frame(BY_NAME["units"], rows)["name_en"].to_list() == [None]


def test_the_committed_suites_are_what_the_registry_generates() -> None:
    from pipeline.checks.expectations import stale_suites

    assert stale_suites(REPO_ROOT / "expectations", TABLES) == {}, "run `make suites`"


def test_a_suite_that_drifted_from_the_registry_is_found(tmp_path) -> None:
    import shutil

    from pipeline.checks.expectations import stale_suites

    shutil.copytree(REPO_ROOT / "expectations", tmp_path / "expectations")
    suite = tmp_path / "expectations" / "documents.json"
    suite.write_text(suite.read_text(encoding="utf-8").replace('"doc_number"', '"doc_no"', 1), encoding="utf-8")
    (tmp_path / "expectations" / "tasks.json").unlink()
    assert sorted(p.name for p in stale_suites(tmp_path / "expectations", TABLES)) == ["documents.json", "tasks.json"]


# ---------------------------------------------------------------- by issue (pipeline.checks.suite_scope)


def second_issue(values: pl.DataFrame, document: str = "zjzf-2017-3") -> pl.DataFrame:
    """The real issue's indicator values again, as if printed by another issue in another document."""
    return values.with_columns(pl.lit("zjzfgb-2017-01").alias("issue_id"), pl.lit(document).alias("document_id"))


def bad_year(values: pl.DataFrame, issue: str) -> pl.DataFrame:
    return values.with_columns(pl.when((pl.col("year") == 2020) & (pl.col("issue_id") == issue)).then(20200)
                               .otherwise(pl.col("year")).alias("year"))


@pytest.fixture
def one_issue_a_batch(monkeypatch):
    """Batches of 600 rows: one issue's indicator values (540 rows) a batch, so two issues are validated by issue."""
    from pipeline.checks import suite_scope

    monkeypatch.setattr(suite_scope, "BATCH_ROWS", 600)


def test_an_unchanged_issue_is_not_validated_again_and_the_outcome_is_the_same(gx, frames, tmp_path,
                                                                               one_issue_a_batch):
    values = frames["indicator_values"]
    both = pl.concat([values, second_issue(values)])
    first = gx.run_suite(both, suite("indicator_values"), "indicator_values", tmp_path)
    again = gx.run_suite(both, suite("indicator_values"), "indicator_values", tmp_path)
    assert first.passed and again.outcomes == first.outcomes
    assert (first.scope["issues_validated"], first.scope["rows_validated"]) == (2, 1080)
    assert (again.scope["issues_validated"], again.scope["issues_reused"], again.scope["rows_validated"]) == (0, 2, 0)

    bad = bad_year(both, "zjzfgb-2017-01")
    whole = run(gx, "indicator_values", bad)  # no record: every row validated
    for _ in range(2):  # the failing issue is never recorded as passed, so it is validated each time
        by_issue = gx.run_suite(bad, suite("indicator_values"), "indicator_values", tmp_path)
        assert by_issue.outcomes == whole.outcomes and not by_issue.passed
        assert (by_issue.scope["issues_validated"], by_issue.scope["issues_reused"]) == (1, 1)
    assert [o.detail[:40] for o in failed(whole, "expect_column_values_to_be_between", "year")] == [
        "unexpected_count=108, examples=[20200, 2"]


def test_whole_table_expectations_see_the_rows_of_reused_issues(gx, frames, tmp_path, one_issue_a_batch):
    values = frames["indicator_values"]
    assert gx.run_suite(values, suite("indicator_values"), "indicator_values", tmp_path).passed
    same_document = pl.concat([values, second_issue(values, document=values["document_id"][0])])
    outcome = gx.run_suite(same_document, suite("indicator_values"), "indicator_values", tmp_path)
    assert outcome.scope["issues_reused"] == 1 and failed(outcome, "expect_compound_columns_to_be_unique")


def test_a_table_over_the_batch_size_is_validated_in_batches_with_the_same_outcome(gx, frames, monkeypatch):
    from pipeline.checks import suite_scope

    values = frames["indicator_values"]
    bad = bad_year(bad_year(pl.concat([values, second_issue(values)]), "zjzfgb-2017-01"), "zjzfgb-2016-26")
    whole = run(gx, "indicator_values", bad)
    assert whole.scope["calls"] == 1
    monkeypatch.setattr(suite_scope, "BATCH_ROWS", 600)  # one issue (540 rows) a batch
    batched = run(gx, "indicator_values", bad)
    assert batched.scope["calls"] == 3 and batched.outcomes == whole.outcomes
    assert failed(batched, "expect_column_values_to_be_between", "year")[0].detail.startswith("unexpected_count=216")
