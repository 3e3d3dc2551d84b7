"""Cross-table rules of tasks / task_units: they hold on the real data and each one catches a seeded error."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.checks.task_rules import task_problems
from pipeline.schema.frames import to_frame
from pipeline.schema.tables_tasks import TASK_UNITS, TASKS


@pytest.fixture(scope="module")
def real(parsed) -> tuple[pl.DataFrame, pl.DataFrame]:
    return to_frame(TASKS, parsed["tasks"]), to_frame(TASK_UNITS, parsed["task_units"])


def test_real_tasks_satisfy_every_rule(real):
    tasks, units = real
    assert tasks.filter(pl.col("responsibility_text").is_not_null()).height == 41
    assert units.height == 202
    assert task_problems(tasks, units) == []


def test_task_with_clause_but_no_lead(real):
    tasks, units = real
    # 二(一) of 浙政发〔2016〕24号: 牵头单位:省科技厅 (line 60); drop its lead
    seeded = units.filter(~((pl.col("task_id") == "zjzf-2016-24-t02-01") & (pl.col("role") == "lead")))
    [problem] = task_problems(tasks, seeded)
    assert "no lead unit" in problem and "('zjzf-2016-24-t02-01', 60)" in problem


def test_units_of_a_task_without_clause(real):
    tasks, units = real
    seeded = tasks.with_columns(pl.when(pl.col("task_id") == "zjzf-2016-24-t02-01").then(None)
                                .otherwise(pl.col("responsibility_text")).alias("responsibility_text"))
    [problem] = task_problems(seeded, units)
    assert "without a responsibility clause have units" in problem and "zjzf-2016-24-t02-01" in problem


def test_unit_both_lead_and_participant(real):
    tasks, units = real
    extra = units.filter((pl.col("task_id") == "zjzf-2016-24-t02-01") & (pl.col("role") == "participant")).tail(1)
    extra = extra.with_columns(pl.lit("zj-dept-science-technology").alias("unit_id"),
                               pl.lit(8, dtype=pl.Int64).alias("position"))
    [problem] = task_problems(tasks, pl.concat([units, extra]))
    assert "both lead and participant" in problem
    assert "('zjzf-2016-24-t02-01', 'zj-dept-science-technology')" in problem


@pytest.mark.parametrize("new_position,shown", [(9, "[1, 2, 3, 4, 5, 6, 9]"), (2, "[1, 2, 2, 3, 4, 5, 6]")])
def test_positions_must_be_gapless(real, new_position, shown):
    tasks, units = real
    key = (pl.col("task_id") == "zjzf-2016-24-t02-01") & (pl.col("role") == "participant")
    participants = units.filter(key)
    assert participants["position"].to_list() == [1, 2, 3, 4, 5, 6, 7]
    last = participants["position"].max()
    seeded = units.with_columns(pl.when(key & (pl.col("position") == last)).then(new_position)
                                .otherwise(pl.col("position")).alias("position"))
    [problem] = task_problems(tasks, seeded)
    assert f"zjzf-2016-24-t02-01 participant {shown}" in problem
