"""The data each chart of the catalog page shows, taken from the package's frames: indicator values by city and
the featured indicators, lead and participant counts per unit, pairs of collaborating units, and prose targets
next to the table values they restate. Pure polars, no drawing (the charts are in ``pipeline.publish.charts``).
"""

from __future__ import annotations

from typing import Mapping

import polars as pl

from pipeline.base.measures import conversion_factor
from pipeline.derive.findings import RATE_UNITS  # one list of the units that mark a rate (no cell restated)
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
TARGET_COLUMNS = ("target_id", "indicator_id", "region_code", "target_year", "value", "unit")


def unit_factor(from_unit: str, to_unit: str) -> float | None:
    """Multiplier from ``from_unit`` to ``to_unit`` when they differ only by 万/亿 prefixes, else None."""
    factor = conversion_factor(from_unit, to_unit)
    return None if factor is None else float(factor)


def target_comparison(frames: Frames) -> tuple[pl.DataFrame | None, str]:
    """Prose targets linked to an indicator cell (indicator_id, region_code, target_year), next to that cell.

    The prose number is converted to the indicator's unit (万/亿 prefixes only); rate targets (%) and targets
    whose unit cannot be converted restate no cell and are left out. ``disagrees`` is whether the findings
    table lists the target (finding_id target-<target_id>), None without a findings table. Returns (frame or
    None, note why None).
    """
    targets = frames.get("targets")
    if targets is None:
        return None, "the package has no targets table yet, so prose targets cannot be compared with the tables."
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        return None, f"the targets table lacks the columns {', '.join(missing)}."
    indicators = {r["indicator_id"]: r for r in frames["indicators"].iter_rows(named=True)}
    regions = {r["region_code"]: r["short_name_zh"] for r in frames["regions"].iter_rows(named=True)}
    keys = ["indicator_id", "region_code", "year"]
    wanted = targets.select("indicator_id", "region_code", pl.col("target_year").alias("year")).unique()
    values = frames["indicator_values"].select(*keys, "value")
    # only the cells some target names (a semi join keeps the published order, so the last duplicate wins as before)
    values = values.join(wanted.cast(values.select(keys).schema), on=keys, how="semi", maintain_order="left")
    cells = {(i, r, y): v for i, r, y, v in values.iter_rows()}
    findings = frames.get("findings")
    flagged = set(findings["finding_id"]) if findings is not None and "finding_id" in findings.columns else None
    rows = []
    for t in targets.sort("target_id").iter_rows(named=True):
        key = (t["indicator_id"], t["region_code"], t["target_year"])
        if None in key or key not in cells or t["value"] is None or (t["unit"] or "").strip() in RATE_UNITS:
            continue
        meta = indicators[t["indicator_id"]]
        factor = unit_factor((t["unit"] or meta["unit_zh"]).strip(), meta["unit_zh"])
        if factor is None:
            continue
        sign = COMPARATOR_SIGNS.get(t.get("comparator") or "exactly", "=")
        rows.append({
            "target_id": t["target_id"],
            "label": f"{regions.get(key[1], key[1])} {key[2]} {meta['name_zh']} · {meta['name_en']}",
            "prose": f"{sign}{t['value']:g}{t['unit'] or ''}",
            "prose_value": t["value"] * factor,
            "table_value": cells[key],
            "unit_zh": meta["unit_zh"],
            "disagrees": None if flagged is None else f"target-{t['target_id']}" in flagged,
        })
    if not rows:
        return None, "no prose target restates a value of the indicator tables (same indicator, region and year)."
    return pl.DataFrame(rows, schema_overrides={"disagrees": pl.Boolean}), ""


def featured_indicators(frames: Frames) -> list[str]:
    """The two indicators of the city chart (``FEATURED_INDICATORS`` where present, else the first two with city
    values, in printed order); fewer than two when the package has fewer."""
    with_cities = [i for i in frames["indicators"]["indicator_id"].unique(maintain_order=True).to_list()
                   if indicator_by_city(frames, i).height]
    preferred = [i for i in FEATURED_INDICATORS if i in with_cities]
    return (preferred if len(preferred) == 2 else with_cities)[:2]
