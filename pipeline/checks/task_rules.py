"""Cross-table rules between ``tasks`` and ``task_units`` that no single-table suite can express.

``task_problems`` returns one readable message per violation (empty when the tables agree):

1. every task with a responsibility clause has at least one lead unit;
2. a task's units appear only for tasks that have a clause (the clause is where they are read from);
3. no unit is both lead and participant of one task;
4. within each (task, role) the positions run 1..n without gaps or repeats.
"""

from __future__ import annotations

import polars as pl


def _sample(frame: pl.DataFrame, columns: list[str], limit: int = 5) -> str:
    rows = frame.select(columns).head(limit).rows()
    more = f" and {frame.height - limit} more" if frame.height > limit else ""
    return ", ".join(str(r[0] if len(r) == 1 else r) for r in rows) + more


def tasks_without_lead(tasks: pl.DataFrame, task_units: pl.DataFrame) -> list[str]:
    with_clause = tasks.filter(pl.col("responsibility_text").is_not_null()).select("task_id", "line_end")
    leads = task_units.filter(pl.col("role") == "lead").select("task_id").unique()
    missing = with_clause.join(leads, on="task_id", how="anti").sort("task_id")
    if not missing.height:
        return []
    return [f"{missing.height} task(s) with a responsibility clause have no lead unit in task_units: "
            f"{_sample(missing, ['task_id', 'line_end'])} (task_id, clause line)"]


def units_without_clause(tasks: pl.DataFrame, task_units: pl.DataFrame) -> list[str]:
    no_clause = tasks.filter(pl.col("responsibility_text").is_null()).select("task_id")
    stray = task_units.join(no_clause, on="task_id", how="semi").select("task_id").unique().sort("task_id")
    if not stray.height:
        return []
    return [f"{stray.height} task(s) without a responsibility clause have units in task_units: "
            f"{_sample(stray, ['task_id'])}"]


def lead_and_participant(task_units: pl.DataFrame) -> list[str]:
    both = (task_units.group_by("task_id", "unit_id").agg(pl.col("role").n_unique().alias("roles"))
            .filter(pl.col("roles") > 1).sort("task_id", "unit_id"))
    if not both.height:
        return []
    return [f"{both.height} unit(s) are both lead and participant of one task: "
            f"{_sample(both, ['task_id', 'unit_id'])}"]


def position_gaps(task_units: pl.DataFrame) -> list[str]:
    groups = (task_units.group_by("task_id", "role")
              .agg(pl.col("position").sort().alias("positions"))
              .sort("task_id", "role"))
    bad = [(r["task_id"], r["role"], r["positions"]) for r in groups.iter_rows(named=True)
           if r["positions"] != list(range(1, len(r["positions"]) + 1))]
    if not bad:
        return []
    shown = ", ".join(f"{task} {role} {positions}" for task, role, positions in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    return [f"{len(bad)} (task, role) list(s) whose positions are not 1..n: {shown}{more}"]


def task_problems(tasks: pl.DataFrame, task_units: pl.DataFrame) -> list[str]:
    """Every violation of the rules above, as messages; empty when tasks and task_units agree."""
    return (tasks_without_lead(tasks, task_units) + units_without_clause(tasks, task_units)
            + lead_and_participant(task_units) + position_gaps(task_units))
