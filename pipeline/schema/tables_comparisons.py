"""Derived table ``target_comparisons``: each prose target linked to an indicator, next to the table value.

Computed by ``pipeline.derive.target_comparisons`` from ``targets``, ``indicators`` and ``indicator_values``;
one row per target with an indicator link. The ``findings`` rule target_vs_table lists the rows whose status is
contradicts, and the catalog's chart of prose targets draws the compared rows.
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared
from pipeline.schema.model import Field, ForeignKey, Origin, Table
from pipeline.schema.tables_attachments import fk_region

#: bound -> how the table value must relate to the target (read from targets.comparator and qualifier).
BOUNDS: dict[str, str] = {
    "equal": "the prose states the figure (comparator exactly): the table value must agree within the rounding "
             "of both printed figures",
    "about": "the prose states the figure with 左右 or 约 (comparator about, or 左右 among the qualifier's words): "
             "agreement within the half-unit of the prose number's last significant digit (7200 -> 50) plus the "
             "table value's rounding",
    "floor": "the prose sets a floor (at_least, more_than: 达, 以上, 超过; a strict 超过 cannot be told from 以上 "
             "once numbers are rounded): the table value must not fall below the target beyond rounding",
    "ceiling": "the prose sets a ceiling (at_most: 以下, 不超过): the table value must not exceed the target "
               "beyond rounding",
}

#: status -> meaning
STATUSES: dict[str, str] = {
    "consistent": "the table value satisfies the target as bounded, within the rounding of the printed figures",
    "contradicts": "it does not: findings lists the target (rule target_vs_table, finding_id target-<target_id>)",
    "no_table_value": "the document's tables print no value for the linked indicator, region and year",
    "rate_target": "the target is a rate (unit %, 年均增长15%), which restates no value of the tables",
}


def _compared(text: str) -> str:
    return f"{text}; null where status is no_table_value or rate_target."


def _number(name: str, description: str, required: bool = False, **kw) -> Field:
    return Field(name, "number", description if required else _compared(description), required=required, **kw)


TARGET_COMPARISONS = Table(
    origin=Origin(derived_from=("targets", "indicators", "indicator_values")),
    name="target_comparisons",
    title="Prose targets compared with the indicator tables",
    description="One row per prose target linked to an indicator of its document's attachment tables "
                "(targets.indicator_id not null): the target as written, its bound, the value the table prints "
                "for the same indicator, region and year, both in the table's unit, their difference and whether "
                "they agree within the rounding of the printed figures (a printed 45.6万人年 stands for "
                "[455500, 456500] 人年, a table value 456638 for [456637.5, 456638.5]). Units convert by their "
                "万/亿 prefixes only (万 = 10^4, 亿 = 10^8). The rows whose status is contradicts are the findings "
                "of rule target_vs_table.",
    fields=(
        shared("issue_id"),
        shared("target_id", "The target (FK to targets: subject, quote, section, task).", unique=True),
        shared("document_id", "Document whose prose states the target and whose attachment tables print the "
               "value (FK to documents)."),
        shared("indicator_id", "The linked indicator (with document_id, FK to indicators): targets.indicator_id."),
        shared("region_code", "Region of the table value (FK to regions): targets.region_code."),
        shared("year", "The target year (targets.target_year), the year of the table value."),
        shared("comparator", "How the prose bounds the target, as read from its bounding words "
               "(targets.comparator)."),
        Field("bound", "string", "How the comparison reads the target: "
              + "; ".join(f"{name}: {rule}" for name, rule in BOUNDS.items()) + ".", required=True,
              enum=tuple(BOUNDS)),
        Field("target_value", "number", "The target's number as written, in target_unit (targets.value).",
              required=True, minimum=0, decimals=1),
        Field("target_unit", "string", "The target's unit as written (targets.unit), 万人年 for 45.6万人年.",
              required=True),
        Field("table_unit", "string", "The indicator's unit (indicators.unit_zh), the unit of every number below.",
              required=True),
        _number("unit_factor", "Multiplier taking target_unit to table_unit (万人年 -> 人年: 10000; 1 when they "
                "are the same)", minimum=0),
        _number("target_in_table_unit", "target_value x unit_factor: the target in the table's unit"),
        _number("target_low", "Lowest number the printed target stands for, in the table's unit: "
                "target_in_table_unit minus half a unit of its last printed digit (of its last significant "
                "digit where bound is about)"),
        _number("target_high", "Highest number the printed target stands for, in the table's unit"),
        _number("table_value", "The table value (indicator_values.value) of the indicator, region and year, exact",
                minimum=0, decimals=1),
        shared("difference", _compared("target_in_table_unit - table_value: positive where the prose figure is "
                                       "larger"), required=False),
        _number("difference_pct", "difference as a percentage of table_value, to 6 decimals (also null where "
                "table_value is 0)"),
        shared("tolerance", _compared("The largest |difference| the rounding of the two printed figures allows: "
                                      "half the width of [target_low, target_high] plus half a unit of the table "
                                      "value's last printed digit"), required=False),
        Field("consistent", "boolean", _compared("True where the table value satisfies the target as bounded, "
              "within tolerance (equal and about: |difference| <= tolerance; floor: difference <= tolerance; "
              "ceiling: -difference <= tolerance); false where findings lists the target")),
        Field("status", "string", "The outcome: " + "; ".join(f"{name}: {rule}" for name, rule in STATUSES.items())
              + ".", required=True, enum=tuple(STATUSES)),
        Field("target_line", "integer", "Raw line (1-based) of the target's number in the issue's raw text file "
              "(targets.line).", required=True, minimum=1),
        Field("table_line", "integer", _compared("Raw line (1-based) of the table row that prints the value "
              "(indicator_values.line)"), minimum=1),
    ),
    primary_key=("target_id",),
    foreign_keys=(common.fk_issue(), ForeignKey(("target_id",), "targets", ("target_id",)), common.fk_document(),
                  ForeignKey(("document_id", "indicator_id"), "indicators", ("document_id", "indicator_id")),
                  fk_region()),
    sort_by=("issue_id", "target_line", "target_id"),
)

TABLES = (TARGET_COMPARISONS,)
