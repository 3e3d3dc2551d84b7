"""Target -> indicator links made by rule (issue 20, point 4): same document, name, unit and year.

Synthetic indicators and targets in our own wording, then the real issue: the rule alone gives the five links
that raw/reference/target_indicator_links.csv records, and a linked target that disagrees with its cell is a
finding.
"""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from pipeline.base.errors import SourceError
from tests.support.findings import findings_frame
from pipeline.parse.issue import parse_issue
from pipeline.parse.target_links import rule_links
from pipeline.parse.targets import check_target_links

DOC = "zjzf-2021-5"
INDICATORS = [
    {"indicator_id": "patent_output", "document_id": DOC, "name_zh": "专利产出总量", "measure_zh": "件数",
     "unit_zh": "件"},
    {"indicator_id": "new_labs", "document_id": DOC, "name_zh": "新增重点实验室和工程中心数", "measure_zh": "重点实验室",
     "unit_zh": "家"},
    {"indicator_id": "new_centres", "document_id": DOC, "name_zh": "新增重点实验室和工程中心数", "measure_zh": "工程中心",
     "unit_zh": "家"},
]
VALUES = [{"document_id": DOC, "indicator_id": i, "region_code": "330000", "year": y}
          for i in ("patent_output", "new_labs", "new_centres") for y in (2021, 2022)]
SECTION = "到2022年,新增重点实验室40家、工程中心60家,重点实验室总数达300家。"


def target(n: int, subject: str, value: float, unit: str | None, year: int | None, quote: str,
           section: str = f"{DOC}-p005") -> dict:
    return {"target_id": f"{DOC}-g{n:03d}", "document_id": DOC, "section_id": section, "subject": subject,
            "value": value, "unit": unit, "target_year": year, "quote": quote}


def links(*targets: dict):
    return rule_links(list(targets), INDICATORS, VALUES, {f"{DOC}-p005": SECTION})


def test_a_target_naming_an_indicator_with_its_unit_and_year_is_linked() -> None:
    # 专利产出量 is 专利产出总量 with 总 left out; 万件 converts to 件
    found = links(target(1, "全省专利产出量", 1.2, "万件", 2022, "全省专利产出量1.2万件"))
    assert found.linked == {f"{DOC}-g001": ("patent_output", "330000")} and found.unresolved == {}


def test_a_list_under_xinzeng_links_each_measure_and_a_stock_links_none() -> None:
    found = links(target(1, "新增重点实验室", 40, "家", 2022, "新增重点实验室40家"),
                  target(2, "工程中心", 60, "家", 2022, "工程中心60家"),
                  target(3, "重点实验室总数", 300, "家", 2022, "重点实验室总数达300家"),
                  target(4, "重点实验室", 300, "家", 2022, "重点实验室达300家", section=f"{DOC}-p006"))
    assert found.linked == {f"{DOC}-g001": ("new_labs", "330000"), f"{DOC}-g002": ("new_centres", "330000")}
    assert found.unresolved == {}  # a stock of laboratories is no count of new ones


@pytest.mark.parametrize(("unit", "year", "reason"), [
    ("件", 2025, "year 2025 has no 全省 cell"),
    ("%", 2022, "unit % or year 2022"),
])
def test_a_target_naming_an_indicator_that_resolves_to_no_cell_is_unresolved(unit, year, reason) -> None:
    found = links(target(1, "专利产出总量", 5, unit, year, "专利产出总量5"))
    assert found.linked == {} and reason in found.unresolved[f"{DOC}-g001"]


def test_a_target_naming_no_indicator_is_neither_linked_nor_queued() -> None:
    found = links(target(1, "专利授权量", 5000, "件", 2022, "专利授权量5000件"))
    assert found == type(found)({}, {})


def test_a_reviewed_no_link_row_gives_both_or_neither() -> None:
    row = {"target_id": f"{DOC}-g001", "indicator_id": "", "region_code": ""}
    check_target_links([row], [{"indicator_id": "patent_output"}], [{"region_code": "330000"}])
    with pytest.raises(SourceError, match="both given"):
        check_target_links([{**row, "region_code": "330000"}], [{"indicator_id": "patent_output"}],
                           [{"region_code": "330000"}])


def test_the_rule_alone_gives_the_real_issues_reviewed_links(raw_issue, references) -> None:
    by_rule = parse_issue(raw_issue, dataclasses.replace(references, target_links=[]))
    linked = [(t["target_id"], t["indicator_id"], t["region_code"]) for t in by_rule["targets"] if t["indicator_id"]]
    assert linked == [(link["target_id"], link["indicator_id"], link["region_code"])
                      for link in references.target_links]
    assert [t["target_id"] for t in by_rule["targets"] if t["indicator_id"]] == [
        "zjzf-2016-24-g002", "zjzf-2016-24-g003", "zjzf-2016-24-g008", "zjzf-2016-24-g012", "zjzf-2016-24-g013"]
    assert by_rule["review_items"] == []


def test_a_linked_target_that_disagrees_with_its_cell_is_a_finding(raw_issue, references) -> None:
    rows = parse_issue(raw_issue, dataclasses.replace(references, target_links=[]))
    # the prose of 24号 says 技术交易额达500亿元 (line 56); the table's 全省 2020 cell is 500: no finding
    frames = {name: pl.DataFrame(rows[name], infer_schema_length=None)
              for name in ("targets", "indicators", "indicator_values")}
    assert [f for f in findings_frame(frames).to_dicts() if f["rule"] == "target_vs_table"] == []
    # a prose figure of 800 against the same cell: the rule's link makes the disagreement a finding
    wrong = frames["targets"].with_columns(
        pl.when(pl.col("target_id") == "zjzf-2016-24-g008").then(800.0).otherwise(pl.col("value")).alias("value"))
    [finding] = [f for f in findings_frame({**frames, "targets": wrong}).to_dicts()
                 if f["rule"] == "target_vs_table"]
    assert (finding["finding_id"], finding["indicator_id"], finding["year"]) == (
        "target-zjzf-2016-24-g008", "technology_transaction_value", 2020)
