"""``target_comparisons``: each prose target linked to an indicator, against the table value it restates.

A target of the ``targets`` table with an indicator link (indicator_id, region_code, target_year) is compared
with the cell of its own document's indicator tables (``indicator_values``) for that indicator, region and year:
the prose number is converted to the indicator's unit by its 万/亿 prefixes (``pipeline.base.measures``), a
printed figure stands for its rounding interval (``pipeline.derive.precision``), and the target's bound
(``BOUND_OF``, from targets.comparator; 左右 among its qualifier's words makes it about) says which side of the
difference the rounding must cover. Arithmetic is exact (``Decimal`` from the printed text); interval
boundaries count as consistent, so only clear contradictions have status contradicts. This is the one
comparison: ``findings`` (rule target_vs_table) lists its contradicting rows and the catalog's chart draws it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

import polars as pl

from pipeline.base.errors import BuildError
from pipeline.base.measures import MAGNITUDE_PREFIXES, conversion_factor
from pipeline.derive.derivation import Derivation, Frames
from pipeline.derive.precision import half_significant_unit, half_unit, number_text, shown_float
from pipeline.schema.tables_comparisons import TARGET_COMPARISONS

COLUMNS = TARGET_COMPARISONS.column_names

#: targets.comparator (pipeline.schema.fields.COMPARATORS) -> bound (tables_comparisons.BOUNDS)
BOUND_OF: dict[str, str] = {"exactly": "equal", "about": "about", "at_least": "floor", "more_than": "floor",
                            "at_most": "ceiling"}
#: Words of targets.qualifier that soften a target to "about" whatever the comparator says.
ABOUT_WORDS = ("左右",)
#: Units of rate targets (高新技术产业投资年均增长15%): compared with no table value.
RATE_UNITS = frozenset({"%", "％", "percent"})


def unit_factor(from_unit: str, to_unit: str) -> Decimal:
    """Multiplier taking a number in ``from_unit`` to ``to_unit`` (万人年 -> 人年: 10^4; 亿元 -> 亿元: 1).

    Only the prefixes of ``MAGNITUDE_PREFIXES`` are understood; units with different bases raise BuildError.
    """
    factor = conversion_factor(from_unit, to_unit)
    if factor is None:
        raise BuildError(f"cannot convert {from_unit!r} to {to_unit!r}: their base units differ "
                         f"(known prefixes: {', '.join(MAGNITUDE_PREFIXES)})")
    return factor


def bound_of(comparator: str | None, qualifier: str | None = None) -> str:
    """equal, about, floor or ceiling for a targets row (comparator as in targets; 左右 in qualifier -> about)."""
    if qualifier and any(word in qualifier for word in ABOUT_WORDS):
        return "about"
    bound = BOUND_OF.get((comparator or "").strip())
    if bound is None:
        raise BuildError(f"targets.comparator {comparator!r} is not understood (known: {', '.join(BOUND_OF)})")
    return bound


def satisfied(bound: str, difference: Decimal, tolerance: Decimal) -> bool:
    """Whether a difference (prose - table) within ``tolerance`` satisfies the bound (boundaries included)."""
    return {"equal": abs(difference) <= tolerance, "about": abs(difference) <= tolerance,
            "floor": difference <= tolerance, "ceiling": -difference <= tolerance}[bound]


def compare(target: Mapping[str, Any], table_unit: str, cell_text: str | None) -> dict[str, Any]:
    """The comparison columns of one linked target against the printed cell ``cell_text`` (None: no cell)."""
    bound = bound_of(target["comparator"], target.get("qualifier"))
    unit = (target["unit"] or "").strip()
    status = "rate_target" if unit in RATE_UNITS else "no_table_value" if cell_text is None else None
    out: dict[str, Any] = {"bound": bound, "status": status, "consistent": None}
    if status is not None:
        return out
    text = number_text(target["value"])
    try:
        factor = unit_factor(unit or table_unit, table_unit)
    except BuildError as exc:
        raise BuildError(f"targets row {target['target_id']} (raw line {target['line']}) is linked to indicator "
                         f"{target['indicator_id']}: {exc}; correct its link in "
                         "raw/reference/target_indicator_links.csv") from None
    h_prose = (half_significant_unit(text) if bound == "about" else half_unit(text)) * factor
    observed, expected = Decimal(text) * factor, Decimal(cell_text)
    tolerance, difference = h_prose + half_unit(cell_text), observed - expected
    consistent = satisfied(bound, difference, tolerance)
    return {**out, "status": "consistent" if consistent else "contradicts", "consistent": consistent,
            "unit_factor": shown_float(factor), "target_in_table_unit": shown_float(observed),
            "target_low": shown_float(observed - h_prose), "target_high": shown_float(observed + h_prose),
            "table_value": shown_float(expected), "difference": shown_float(difference),
            "difference_pct": shown_float(100 * difference / expected) if expected else None,
            "tolerance": shown_float(tolerance)}


def linked_cells(frames: Frames) -> pl.DataFrame:
    """The linked targets with their indicator's unit and the cell of the same document, indicator, region and
    year (value_text and line null where the tables print no such cell)."""
    targets = frames["targets"].filter(pl.col("indicator_id").is_not_null())
    units = frames["indicators"].select("document_id", "indicator_id", table_unit="unit_zh")
    cells = frames["indicator_values"].select("document_id", "indicator_id", "region_code",
                                              pl.col("year").alias("target_year"), "value_text",
                                              pl.col("line").alias("table_line"))
    keys = ["document_id", "indicator_id", "region_code", "target_year"]
    return (targets.join(units, on=["document_id", "indicator_id"], how="left", maintain_order="left")
            .join(cells, on=keys, how="left", maintain_order="left"))


def build(frames: Frames) -> list[dict[str, Any]]:
    """Rows of ``target_comparisons``: one per target with an indicator link."""
    rows = []
    for t in linked_cells(frames).iter_rows(named=True):
        if t["table_unit"] is None or t["target_year"] is None or t["region_code"] is None:
            raise BuildError(f"targets row {t['target_id']} (raw line {t['line']}): expected indicator "
                             f"{t['indicator_id']} among the indicators of document {t['document_id']}, a region "
                             "and a target year, as its link to a table value needs")
        compared = compare(t, t["table_unit"], t["value_text"])
        row = {"issue_id": t["issue_id"], "target_id": t["target_id"], "document_id": t["document_id"],
               "indicator_id": t["indicator_id"], "region_code": t["region_code"], "year": t["target_year"],
               "comparator": t["comparator"], "target_value": t["value"], "target_unit": t["unit"],
               "table_unit": t["table_unit"], "target_line": t["line"],
               "table_line": t["table_line"] if compared["consistent"] is not None else None, **compared}
        rows.append({c: row.get(c) for c in COLUMNS})
    return rows


def comparisons_frame(frames: Frames) -> pl.DataFrame:
    """The comparisons as a typed frame in published order (for tests)."""
    from pipeline.schema.frames import to_frame

    return to_frame(TARGET_COMPARISONS, build(frames))


COMPARISONS = Derivation("target_comparisons", build, per_issue=True)
