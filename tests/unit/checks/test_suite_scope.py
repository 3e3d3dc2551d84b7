"""Which rows each expectation sees (pipeline.checks.suite_scope): pure planning, no Great Expectations."""

from __future__ import annotations

import polars as pl

from pipeline.checks.suite_scope import by_row, group_digests, named_columns, passed_groups, plan_calls

NOT_NULL = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "value"}}
COLUMNS = {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": ["issue_id", "value"]}}
UNIQUE = {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["issue_id", "row"]}}
SUITE = [COLUMNS, UNIQUE, NOT_NULL]


def frame() -> pl.DataFrame:
    """Three issues: 2 rows of a, 3 of b, 1 of c (b's rows not all together)."""
    return pl.DataFrame({"issue_id": ["zjzfgb-2016-26", "zjzfgb-2016-26", "zjzfgb-2017-01", "zjzfgb-2017-01",
                                      "zjzfgb-2017-02", "zjzfgb-2017-01"],
                         "row": [1, 2, 1, 2, 1, 3], "value": [1.5, 2.0, None, 4.0, 5.0, 6.0]})


def test_row_wise_and_schema_expectations_go_by_row_the_rest_sees_the_whole_table():
    assert by_row(NOT_NULL) and by_row(COLUMNS)
    assert not by_row(UNIQUE)
    assert not by_row({**NOT_NULL, "kwargs": {"column": "value", "mostly": 0.9}})  # a share of all rows
    assert not by_row({"type": "expect_column_values_to_be_in_type_list", "kwargs": {"column": "value"}})  # dtype
    assert not by_row({"type": "expect_column_values_to_be_unique", "kwargs": {"column": "row"}})
    assert not by_row({"type": "expect_some_plugin_expectation", "kwargs": {}})  # unknown: whole table
    assert named_columns(UNIQUE, ["row", "value", "issue_id"]) == ["row", "issue_id"]
    assert named_columns({"type": "expect_table_row_count_to_be_between", "kwargs": {}}, ["a", "b"]) == ["a", "b"]


def test_each_issue_has_a_digest_of_its_rows_that_changes_with_them_alone():
    before = group_digests(frame())
    assert list(before) == ["zjzfgb-2016-26", "zjzfgb-2017-01", "zjzfgb-2017-02"]
    edited = group_digests(frame().with_columns(pl.when(pl.col("row") == 3).then(7.0).otherwise("value").alias("value")))
    assert [g for g in before if before[g] != edited[g]] == ["zjzfgb-2017-01"]
    retyped = group_digests(frame().with_columns(pl.col("row").cast(pl.Int32)))
    assert all(before[g] != retyped[g] for g in before)  # same values, other column type
    assert list(group_digests(frame().drop("issue_id"))) == [""]  # no issue_id: one group


def test_a_table_that_fits_one_batch_is_one_call_with_every_expectation_even_if_rows_could_be_reused():
    digests = group_digests(frame())
    for passed in ({}, digests):
        [call] = plan_calls(frame(), SUITE, digests, passed)
        assert call.frame.equals(frame()) and call.indices == (0, 1, 2)
        assert call.groups == ("zjzfgb-2016-26", "zjzfgb-2017-01", "zjzfgb-2017-02")


def test_unchanged_issues_are_reused_and_whole_table_expectations_see_only_their_columns():
    digests = group_digests(frame())
    passed = {g: digests[g] for g in ("zjzfgb-2016-26", "zjzfgb-2017-02")}
    rows, whole = plan_calls(frame(), SUITE, digests, passed, batch_rows=5)
    assert rows.groups == ("zjzfgb-2017-01",) and rows.indices == (0, 2)
    assert rows.frame["row"].to_list() == [1, 2, 3]  # b's rows, in table order
    assert whole.indices == (1,) and whole.frame.columns == ["issue_id", "row"] and whole.frame.height == 6
    stale_digest = {**passed, "zjzfgb-2016-26": "an older digest"}
    assert plan_calls(frame(), SUITE, digests, stale_digest, batch_rows=5)[0].groups == ("zjzfgb-2016-26", "zjzfgb-2017-01")


def test_with_nothing_changed_the_schema_is_still_checked_on_zero_rows():
    digests = group_digests(frame())
    schema, whole = plan_calls(frame(), SUITE, digests, passed=digests, batch_rows=5)
    assert schema.frame.height == 0 and schema.frame.columns == frame().columns and schema.groups == ()
    assert whole.indices == (1,)


def test_a_large_table_is_validated_in_batches_of_whole_issues():
    calls = plan_calls(frame(), SUITE, group_digests(frame()), passed={}, batch_rows=3)
    assert [(c.groups, c.frame.height) for c in calls[:-1]] == [(("zjzfgb-2016-26",), 2), (("zjzfgb-2017-01",), 3),
                                                                (("zjzfgb-2017-02",), 1)]
    assert calls[-1].indices == (1,) and calls[-1].frame.height == 6


def test_only_issues_of_a_call_where_every_by_row_expectation_passed_are_recorded():
    digests = group_digests(frame())
    calls = plan_calls(frame(), SUITE, digests, passed={}, batch_rows=3)
    # the second batch (zjzfgb-2017-01) fails not-null; the whole-table call failing does not matter here
    successes = [[True, True], [True, False], [True, True], [False]]
    recorded = passed_groups(calls, successes, digests, {}, SUITE)
    assert recorded == {g: digests[g] for g in ("zjzfgb-2016-26", "zjzfgb-2017-02")}
    reused = passed_groups(calls[1:2], [[True, False]], digests, recorded, SUITE)
    assert reused == recorded  # still-passing issues stay recorded
