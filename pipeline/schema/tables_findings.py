"""The derived ``findings`` table: inconsistencies found in the source itself (data, not build failures).

Computed by ``pipeline.derive.findings`` from ``indicators``, ``indicator_values`` and ``target_comparisons``
(the prose targets' findings are its rows with status contradicts); every finding names the raw lines involved
so a reader can check it against the gazette.
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Origin, Table

CHECKS = ("growth_identity", "province_sum", "target_vs_table")
FINDING_ID_PATTERN = r"^(?:growth|sum|target)-[A-Za-z0-9_.-]+$"

FINDINGS = Table(
    origin=Origin(derived_from=("indicators", "indicator_values", "target_comparisons")),
    name="findings",
    title="Findings about the source",
    description="Places where the printed numbers of 浙政发〔2016〕24号 contradict each other beyond what the "
                "rounding of the printed figures allows; each row is a fact about the source, not a build "
                "failure. Three checks: growth_identity (附件1, tables with a growth column, i.e. "
                "indicators.has_growth: tables 1-4 and 6-8, not table 5): value(t) against value(t-1) x "
                "(1 + growth(t)/100), a finding only when no numbers within the rounding intervals of the three "
                "printed figures (a value printed 20 stands for [19.5, 20.5], 183.4 for [183.35, 183.45], a "
                "growth 11.3 for [11.25, 11.35]) satisfy the identity; 2016, the first year of the tables, has "
                "no previous value in the source and is not checked. province_sum: the 全省 row against the sum "
                "of the 11 cities for each indicator and year, tolerance the sum of the half-units of the 12 "
                "printed figures. target_vs_table: a target stated in the plan's prose (研发人员数达45.6万人年) "
                "against the table value it restates (targets.indicator_id, region_code, target_year), after an "
                "explicit unit conversion (万 = 10^4, 亿 = 10^8), read by targets.comparator (exactly and about "
                "must agree, at_least and more_than must not exceed the table value, at_most must not fall "
                "below it), tolerance the half-units of both printed figures (about, 左右: the half-unit of the "
                "prose number's last significant digit, 7200 -> 50). A finding is a row where |difference| > "
                "tolerance on the side the check forbids.",
    fields=(
        shared("issue_id"),
        shared("document_id", "Document whose attachment tables (and prose) the finding is about (FK to documents)."),
        Field("finding_id", "string", "Stable identifier: growth-<indicator>-<region>-<year>, "
              "sum-<indicator>-<year> or target-<target_id>; unique within its document.", required=True,
              pattern=FINDING_ID_PATTERN),
        Field("rule", "string", "Which consistency rule the source breaks (formerly check, a reserved word in "
              "SQL; see CHANGELOG.md): " + ", ".join(CHECKS) + ".",
              required=True, enum=CHECKS),
        shared("indicator_id"),
        shared("region_code", "Region (FK to regions); 330000 for province_sum."),
        shared("year", "Year of the value checked (the target year for target_vs_table)."),
        Field("observed", "number", "The printed number being checked, in the indicator's unit "
              "(indicators.unit_zh): value(t) for growth_identity, the 全省 value for province_sum, the prose "
              "target converted to the table's unit for target_vs_table.", required=True),
        Field("expected", "number", "What the other printed numbers imply, computed from the printed figures: "
              "value(t-1) x (1 + growth(t)/100), the sum of the 11 cities, or the table value.", required=True),
        shared("difference"),
        shared("tolerance"),
        Field("message", "string", "What is inconsistent, with the printed figures and the intervals they "
              "stand for.", required=True),
        source_line("line_start", "the first source row involved"),
        source_line("line_end", "the last source row involved"),
    ),
    primary_key=("document_id", "finding_id"),
    foreign_keys=(common.fk_issue(), ForeignKey(("document_id", "indicator_id"), "indicators", ("document_id", "indicator_id")),
                  ForeignKey(("region_code",), "regions", ("region_code",)), common.fk_document()),
    sort_by=("issue_id", "document_id", "rule", "line_start", "finding_id"),
)

TABLES = (FINDINGS,)
