"""The data each chart of the catalog page shows, taken from the package's frames: indicator values by city and
the featured indicators, lead and participant counts per unit, pairs of collaborating units, and the prose targets
of the ``target_comparisons`` table with their labels. Pure polars, no drawing (the charts are in
``pipeline.publish.charts``); what is compared or derived is computed in ``pipeline.derive``, not here.
"""

from __future__ import annotations

from typing import Mapping

import polars as pl

from pipeline.schema.tables_attachments import PROVINCE

Frames = Mapping[str, pl.DataFrame]

#: Indicators the city chart shows when the package has them (R&D spending, high-tech value added); otherwise
#: the first two indicators, in printed order, that have city values.
FEATURED_INDICATORS = ("rd_expenditure", "high_tech_industry_value_added")


def indicator_by_city(frames: Frames, indicator_id: str) -> pl.DataFrame:
    """Values of one indicator for the cities (province excluded): region_code, year, value; by code and year."""
    values = frames["indicator_values"]
    return (values.filter((pl.col("indicator_id") == indicator_id) & (pl.col("region_code") != PROVINCE))
            .select("region_code", "year", "value").sort("region_code", "year"))


def lead_counts(task_units: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """Per unit: tasks it leads and tasks it joins, with its names; most leads first (ties by unit_id)."""
    counts = (task_units.group_by("unit_id")
              .agg(lead=pl.col("task_id").filter(pl.col("role") == "lead").n_unique(),
                   participant=pl.col("task_id").filter(pl.col("role") == "participant").n_unique()))
    return (counts.join(units.select("unit_id", "name_zh", "name_en"), on="unit_id", how="left")
            .filter(pl.col("lead") > 0)
            .sort(["lead", "participant", "unit_id"], descending=[True, True, False]))


def collaborations(task_units: pl.DataFrame) -> pl.DataFrame:
    """Pairs of units named on the same task (any role): unit_a < unit_b, shared_tasks; most shared first."""
    pairs = task_units.select("task_id", "unit_id").unique()
    joined = pairs.join(pairs, on="task_id", suffix="_b").filter(pl.col("unit_id") < pl.col("unit_id_b"))
    return (joined.group_by(pl.col("unit_id").alias("unit_a"), pl.col("unit_id_b").alias("unit_b"))
            .agg(shared_tasks=pl.col("task_id").n_unique().cast(pl.Int64))
            .sort(["shared_tasks", "unit_a", "unit_b"], descending=[True, False, False]))


def collaboration_edges(frames: Frames) -> pl.DataFrame:
    """unit_a, unit_b, shared_tasks: from the unit_collaborations table when the package has it, else computed."""
    table = frames.get("unit_collaborations")
    if table is not None and {"unit_a", "unit_b", "shared_tasks"} <= set(table.columns):
        return (table.select("unit_a", "unit_b", pl.col("shared_tasks").cast(pl.Int64))
                .filter(pl.col("shared_tasks") > 0)
                .sort(["shared_tasks", "unit_a", "unit_b"], descending=[True, False, False]))
    return collaborations(frames["task_units"])


COMPARATOR_SIGNS = {"at_least": "≥", "more_than": ">", "about": "≈", "at_most": "≤", "exactly": "="}
#: The statuses of target_comparisons whose rows compare a value (the others restate no table value).
COMPARED = ("consistent", "contradicts")
#: Rows the targets chart draws at most: a package of many issues compares thousands of targets, and a chart of
#: thousands of rows is neither readable nor cheap to draw. Contradictions come first; the table holds them all.
TARGET_CHART_ROWS = 40


def shown_comparisons(compared: pl.DataFrame, limit: int = TARGET_CHART_ROWS) -> pl.DataFrame:
    """At most ``limit`` rows of the compared ``target_comparisons`` rows: every contradiction first (in
    target_id order, up to the limit), then consistent rows in target_id order; returned in target_id order."""
    ranked = compared.sort([pl.col("status") != "contradicts", pl.col("target_id")])
    return ranked.head(limit).sort("target_id")


def target_comparison(frames: Frames) -> tuple[pl.DataFrame | None, str]:
    """The compared rows of the ``target_comparisons`` table (``pipeline.derive.target_comparisons`` makes the
    comparison) that the chart shows (``shown_comparisons``), with the labels it prints: target_id, label, prose,
    prose_value (the target in the table's unit), table_value, unit_zh, difference_pct and disagrees (status
    contradicts, the rows findings lists). Returns (frame or None, note: why None, or how many rows of how many
    are shown when not all are)."""
    compared = frames.get("target_comparisons")
    if compared is None:
        return None, ("the package has no target_comparisons table, so prose targets cannot be compared with the "
                      "tables.")
    compared = compared.filter(pl.col("status").is_in(COMPARED)).sort("target_id")
    if compared.height == 0:
        return None, "no prose target restates a value of the indicator tables (same indicator, region and year)."
    total, compared = compared.height, shown_comparisons(compared)
    shown = "" if compared.height == total else (
        f"{compared.height} of {total:,} compared targets shown (every contradiction first); all are in "
        "target_comparisons")
    indicators = {(r["document_id"], r["indicator_id"]): r for r in frames["indicators"].iter_rows(named=True)}
    regions = {r["region_code"]: r["short_name_zh"] for r in frames["regions"].iter_rows(named=True)}
    rows = []
    for c in compared.iter_rows(named=True):
        meta = indicators[(c["document_id"], c["indicator_id"])]
        rows.append({
            "target_id": c["target_id"],
            "label": f"{regions.get(c['region_code'], c['region_code'])} {c['year']} {meta['name_zh']} · "
                     f"{meta['name_en']}",
            "prose": f"{COMPARATOR_SIGNS.get(c['comparator'], '=')}{c['target_value']:g}{c['target_unit'] or ''}",
            "prose_value": c["target_in_table_unit"],
            "table_value": c["table_value"],
            "unit_zh": c["table_unit"],
            "difference_pct": c["difference_pct"] if c["difference_pct"] is not None else 0.0,
            "disagrees": c["status"] == "contradicts",
        })
    return pl.DataFrame(rows), shown


def featured_indicators(frames: Frames) -> list[str]:
    """The two indicators of the city chart (``FEATURED_INDICATORS`` where present, else the first two with city
    values, in printed order); fewer than two when the package has fewer."""
    with_cities = [i for i in frames["indicators"]["indicator_id"].unique(maintain_order=True).to_list()
                   if indicator_by_city(frames, i).height]
    preferred = [i for i in FEATURED_INDICATORS if i in with_cities]
    return (preferred if len(preferred) == 2 else with_cities)[:2]
