"""``unit_collaborations``: pairs of units assigned to the same task, from ``task_units`` and ``tasks``.

For every task, every unordered pair of distinct units named in its responsibility clause is one shared task
of that pair. The role combination of a shared task is lead_lead, lead_participant or participant_participant.
A unit is named at most once per task in the source; should a clause ever name one unit under both roles, the
unit counts as lead for that task (the stronger role), so each shared task falls in exactly one combination.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.derive.derivation import Derivation, Frames
from pipeline.schema.tables_collaborations import LIST_SEPARATOR, UNIT_COLLABORATIONS

COLUMNS = UNIT_COLLABORATIONS.column_names


def task_roles(task_units: pl.DataFrame) -> pl.DataFrame:
    """One row per (task_id, unit_id) with the unit's role in the task (lead wins over participant)."""
    return (task_units
            .group_by("task_id", "unit_id")
            .agg(is_lead=(pl.col("role") == "lead").any())
            .sort("task_id", "unit_id"))


def pair_tasks(task_units: pl.DataFrame, tasks: pl.DataFrame) -> pl.DataFrame:
    """One row per (unit_a, unit_b, task_id) with unit_a < unit_b, the roles' combination and the document."""
    roles = task_roles(task_units)
    pairs = (roles.join(roles, on="task_id", suffix="_b")
             .filter(pl.col("unit_id") < pl.col("unit_id_b"))
             .rename({"unit_id": "unit_a", "unit_id_b": "unit_b", "is_lead": "a_leads", "is_lead_b": "b_leads"}))
    combination = (pl.when(pl.col("a_leads") & pl.col("b_leads")).then(pl.lit("lead_lead"))
                   .when(pl.col("a_leads") | pl.col("b_leads")).then(pl.lit("lead_participant"))
                   .otherwise(pl.lit("participant_participant")))
    return (pairs.with_columns(combination=combination)
            .join(tasks.select("task_id", "document_id"), on="task_id", how="left")
            .select("unit_a", "unit_b", "task_id", "document_id", "combination")
            .sort("unit_a", "unit_b", "task_id"))


def build(frames: Frames) -> list[dict[str, Any]]:
    """Rows of ``unit_collaborations``, sorted by (unit_a, unit_b)."""
    per_task = pair_tasks(frames["task_units"], frames["tasks"])
    missing = per_task.filter(pl.col("document_id").is_null())["task_id"].unique().sort().to_list()
    if missing:
        raise ValueError(f"task_units names tasks absent from tasks: {missing}")
    grouped = (per_task.group_by("unit_a", "unit_b")
               .agg(shared_tasks=pl.len(),
                    lead_lead=(pl.col("combination") == "lead_lead").sum(),
                    lead_participant=(pl.col("combination") == "lead_participant").sum(),
                    participant_participant=(pl.col("combination") == "participant_participant").sum(),
                    documents=pl.col("document_id").n_unique(),
                    document_ids=pl.col("document_id").unique().sort().str.join(LIST_SEPARATOR),
                    task_ids=pl.col("task_id").sort().str.join(LIST_SEPARATOR))
               .sort("unit_a", "unit_b"))
    return [{c: row[c] for c in COLUMNS} for row in grouped.iter_rows(named=True)]


COLLABORATIONS = Derivation("unit_collaborations", build)
