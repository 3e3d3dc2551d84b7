"""Per-issue derivations (pipeline.derive.per_issue): what the parse step derives issue by issue is exactly what
the derivation gives for all issues at once, so a package may store each issue's findings with its parts."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.derive import by_table
from pipeline.derive.per_issue import derive_issue, per_issue_derivations
from pipeline.schema.frames import combine, to_frame
from pipeline.schema.registry import table as registry_table

INPUTS = ("indicators", "indicator_values", "targets")


@pytest.fixture(scope="module")
def real(parsed) -> dict[str, pl.DataFrame]:
    """The real issue's typed input frames, as the parse step holds them."""
    return {name: to_frame(registry_table(name), parsed[name]) for name in INPUTS}


def second_issue(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The real issue relabelled as another issue with another plan (every id renamed), in which the province's
    2016 R&D spending is printed 1115, the sum of its cities: its province_sum finding goes, and 2017's growth
    (1255 after 1115 at +11.4 %) now breaks the growth identity."""
    renamed = {}
    for name, frame in frames.items():
        strings = [c for c, dtype in frame.schema.items() if dtype == pl.String]
        renamed[name] = frame.with_columns(pl.col(c).str.replace_all("zjzfgb-2016-26", "zjzfgb-2017-03")
                                           .str.replace_all("zjzf-2016-24", "zjzf-2017-02") for c in strings)
    province_2016 = ((pl.col("indicator_id") == "rd_expenditure") & (pl.col("region_code") == "330000")
                     & (pl.col("year") == 2016))
    renamed["indicator_values"] = renamed["indicator_values"].with_columns(
        value=pl.when(province_2016).then(1115.0).otherwise(pl.col("value")),
        value_text=pl.when(province_2016).then(pl.lit("1115")).otherwise(pl.col("value_text")))
    return renamed


def test_findings_and_target_comparisons_are_derived_per_issue():
    assert [d.table for d in per_issue_derivations()] == ["target_comparisons", "findings"]
    assert not by_table()["unit_collaborations"].per_issue  # counts shared tasks across every issue


def test_one_issue_derives_the_rows_the_whole_table_derivation_gives(real):
    derived = derive_issue(real)
    findings = derived["findings"]
    assert findings.height == 20
    assert "sum-rd_expenditure-2016" in findings["finding_id"].to_list()  # 全省 1126 against the cities' 1115
    [row] = derived["target_comparisons"].filter(pl.col("target_id") == "zjzf-2016-24-g002").to_dicts()
    assert (row["target_value"], row["table_value"], row["status"]) == (45.6, 456638.0, "consistent")


def test_the_union_over_issues_is_the_derivation_of_all_issues(real):
    other = second_issue(real)
    per_issue = [derive_issue(real), derive_issue(other)]
    ids = [set(d["findings"]["finding_id"]) for d in per_issue]
    assert ids[0] - ids[1] == {"sum-rd_expenditure-2016"}
    assert ids[1] - ids[0] == {"growth-rd_expenditure-330000-2017"}
    assert set(per_issue[1]["findings"]["issue_id"]) == {"zjzfgb-2017-03"}
    together = {name: combine(registry_table(name), [real[name], other[name]]) for name in INPUTS}
    for derivation in per_issue_derivations():  # in dependency order: findings reads target_comparisons
        table = registry_table(derivation.table)
        together[table.name] = to_frame(table, derivation.build(together))
        assert combine(table, [d[table.name] for d in per_issue]).equals(together[table.name]), table.name


def test_an_issue_without_the_inputs_derives_nothing(real):
    assert derive_issue({"targets": real["targets"].clear()}) == {}
