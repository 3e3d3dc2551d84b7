"""The findings table: real inconsistencies of 附件1; each check silent on consistent data, loud on a seeded error."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from pipeline.derive import findings as F
from pipeline.derive import precision
from pipeline.base.paths import REPO_ROOT
from pipeline.schema.frames import to_frame
from pipeline.schema.tables_attachments import INDICATOR_VALUES, INDICATORS
from pipeline.schema.tables_findings import FINDINGS
from pipeline.derive.target_comparisons import comparisons_frame
from tests.support.findings import findings_frame

TARGET_COLUMNS = ["target_id", "indicator_id", "region_code", "target_year", "value", "unit", "qualifier",
                  "comparator", "line"]


@pytest.fixture(scope="module")
def frames(parsed, references) -> dict[str, pl.DataFrame]:
    from pipeline.parse.issue import reference_rows

    rows = {**parsed, **reference_rows(references)}
    return {"indicators": to_frame(INDICATORS, rows["indicators"]),
            "indicator_values": to_frame(INDICATOR_VALUES, rows["indicator_values"])}


@pytest.fixture(scope="module")
def real(frames) -> pl.DataFrame:
    return findings_frame(frames)


def by_id(frame: pl.DataFrame) -> dict[str, dict]:
    return {r["finding_id"]: r for r in frame.iter_rows(named=True)}


def raw_line(number: int) -> str:
    return (REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_text(encoding="utf-8").splitlines()[number - 1]


# ---------------------------------------------------------------- the real source


def test_real_findings_counts(real):
    counts = dict(real.group_by("rule").len().sort("rule").iter_rows())
    assert counts == {"growth_identity": 1, "province_sum": 19}
    assert real["finding_id"].is_unique().all()


def test_table1_province_2016_is_not_the_sum_of_the_cities(real):
    row = by_id(real)["sum-rd_expenditure-2016"]
    assert (row["observed"], row["expected"], row["difference"], row["tolerance"]) == (1126.0, 1115.0, 11.0, 6.0)
    assert (row["region_code"], row["year"], row["line_start"], row["line_end"]) == ("330000", 2016, 138, 149)
    assert raw_line(138).startswith("全省\t亿元\t1126\t") and raw_line(149).startswith("丽水\t亿元\t15\t")


def test_province_sum_findings_per_table(real):
    sums = real.filter(pl.col("rule") == "province_sum")
    per_indicator = dict(sums.group_by("indicator_id").len().iter_rows())
    assert per_indicator == {"rd_expenditure": 5, "rd_personnel": 4, "high_tech_industry_value_added": 4,
                             "invention_patents_granted": 4, "new_industrial_product_output": 2}
    rows = by_id(real)
    # table 6, 2018: 全省 35500 件 but the cities add up to 35405
    assert (rows["sum-invention_patents_granted-2018"]["observed"],
            rows["sum-invention_patents_granted-2018"]["expected"]) == (35500.0, 35405.0)
    # table 3 runs the other way: the cities add up to more than the province (5335 > 5303)
    assert rows["sum-high_tech_industry_value_added-2016"]["difference"] == -32.0
    # tables 4 (one decimal), 5 and 7 add up within rounding
    assert not set(per_indicator) & {"high_tech_industry_investment", "new_high_tech_enterprises", "new_tech_smes",
                                     "technology_transaction_value"}


def test_table8_province_2017_breaks_the_growth_identity(real):
    row = by_id(real)["growth-new_industrial_product_output-330000-2017"]
    # 23883 x 1.103 = 26342.949, printed 26320; even 23882.5 x 1.1025 = 26330.45625 is above 26320.5
    assert row["observed"] == 26320.0 and row["expected"] == 26342.949
    assert row["difference"] == -22.949 and row["tolerance"] == pytest.approx(0.5 + (26342.949 - 26330.45625))
    assert row["line_start"] == row["line_end"] == 257
    assert "23883 x (1 + 10.3%)" in row["message"] and "[26330.45625, 26355.44225]" in row["message"]


def test_zhoushan_table1_is_within_rounding(real):
    """舟山 17 -> 20 at 12.7% looks 4% off, but 17.5 x 1.1275 = 19.73 >= 19.5: the printed figures allow it."""
    low, high = F.growth_interval("17", "12.7")
    assert (low, high) == (Decimal("16.5") * Decimal("1.1265"), Decimal("17.5") * Decimal("1.1275"))
    assert low <= Decimal("20.5") and high >= Decimal("19.5")
    assert not real.filter(pl.col("region_code") == "330900").height


def test_2016_and_table5_are_never_growth_checked(real):
    growth = real.filter(pl.col("rule") == "growth_identity")
    assert growth["year"].min() >= 2017
    assert not growth.filter(pl.col("indicator_id").is_in(["new_high_tech_enterprises", "new_tech_smes"])).height


def test_output_is_typed_sorted_and_deterministic(frames, real):
    assert real.schema == FINDINGS.polars_schema()
    assert real.equals(findings_frame(frames))
    order = ["document_id", "rule", "line_start", "finding_id"]
    assert real.select(order).equals(real.select(order).sort(order))
    assert (real["difference"].abs() > real["tolerance"]).all()
    assert (real["line_end"] >= real["line_start"]).all()


# ---------------------------------------------------------------- printed precision


@pytest.mark.parametrize("text,half", [("20", "0.5"), ("183.4", "0.05"), ("11.3", "0.05"), ("654.0", "0.05"),
                                       ("400000", "0.5")])
def test_half_unit_follows_the_printed_digits(text, half):
    assert precision.half_unit(text) == Decimal(half)


@pytest.mark.parametrize("text,half", [("7200", "50"), ("30", "5"), ("15", "0.5"), ("2.8", "0.05"),
                                       ("45.6", "0.05")])
def test_about_uses_the_last_significant_digit(text, half):
    assert precision.half_significant_unit(text) == Decimal(half)


def test_published_floats_read_back_as_the_decimals_they_show():
    assert precision.number_text(45.6) == "45.6" and precision.number_text(7200.0) == "7200"
    assert precision.shown_text(Decimal("26330.456250")) == "26330.45625" and precision.shown_text(Decimal(0)) == "0"
    assert precision.exact(precision.shown_float(Decimal("1") / 3)) == Decimal("0.333333")


# ---------------------------------------------------------------- synthetic frames


def synthetic(cells: dict[tuple[str, int], tuple[str, str | None]], indicator="rd_expenditure",
              has_growth=True) -> dict[str, pl.DataFrame]:
    indicators = to_frame(INDICATORS, [{
        "issue_id": "zjzfgb-2016-26", "indicator_id": indicator, "document_id": "zjzf-2016-24", "attachment_number": 1, "table_number": 1,
        "name_zh": "测试", "name_en": "Test", "unit_zh": "亿元", "unit_en": "100 million yuan", "measure_zh": "金额",
        "measure_position": 1, "has_growth": has_growth, "line": 1}])
    values = to_frame(INDICATOR_VALUES, [{
        "issue_id": "zjzfgb-2016-26", "document_id": "zjzf-2016-24", "indicator_id": indicator, "region_code": region, "year": year, "value": float(value),
        "value_text": value, "growth_pct": None if growth is None else float(growth), "growth_text": growth,
        "line": 10 + int(region[2:4])} for (region, year), (value, growth) in cells.items()])
    return {"indicators": indicators, "indicator_values": values}


def consistent_cells() -> dict:
    """Province = 330100 + 330200 exactly; each row grows by exactly 10.0%."""
    cells = {}
    for region, start in (("330100", "100"), ("330200", "200"), ("330000", "300")):
        value = Decimal(start)
        for year in range(2016, 2021):
            cells[(region, year)] = (f"{value:.1f}", "10.0")
            value = value * Decimal("1.1")
    return cells


def test_consistent_frame_has_no_finding():
    assert F.build(synthetic(consistent_cells())) == []


def test_seeded_growth_error_is_found():
    cells = consistent_cells()
    cells[("330100", 2018)] = ("125.0", "10.0")  # 110.0 x 1.1 = 121.0
    cells[("330200", 2018)] = ("246.0", "10.0")  # keep the province sum right: 125.0 + 246.0 = 371.0
    cells[("330000", 2018)] = ("371.0", "10.0")
    found = by_id(findings_frame(synthetic(cells)))
    row = found["growth-rd_expenditure-330100-2018"]
    assert (row["observed"], row["expected"], row["difference"]) == (125.0, 121.0, 4.0)
    assert (row["line_start"], row["line_end"]) == (11, 11)
    # the next year's identity breaks too (125.0 x 1.1 = 137.5 vs 133.1), nothing else does
    assert set(found) == {"growth-rd_expenditure-330100-2018", "growth-rd_expenditure-330100-2019",
                          "growth-rd_expenditure-330200-2018", "growth-rd_expenditure-330200-2019",
                          "growth-rd_expenditure-330000-2018", "growth-rd_expenditure-330000-2019"}


def test_growth_within_rounding_is_not_a_finding():
    cells = consistent_cells()
    cells[("330100", 2017)] = ("110.05", "10.0")  # within 100.0 x [1.0995, 1.1005] widened by the value's rounding
    assert not [r for r in F.growth_findings(**_args(synthetic(cells))) if r["year"] == 2017 and
                r["region_code"] == "330100"]


def test_growth_check_skipped_without_growth_column():
    cells = {k: (v, None) for k, (v, _) in consistent_cells().items()}
    cells[("330100", 2018)] = ("999.0", None)
    frames = synthetic(cells, has_growth=False)
    assert F.growth_findings(**_args(frames)) == []
    assert [r["finding_id"] for r in F.province_sum_findings(**_args(frames))] == ["sum-rd_expenditure-2018"]


def test_seeded_province_error_is_found_and_rounding_is_tolerated():
    cells = consistent_cells()
    ok = dict(cells)
    ok[("330000", 2016)] = ("300.1", "10.0")  # three 1-decimal figures: tolerance 0.15
    assert not [r for r in F.province_sum_findings(**_args(synthetic(ok))) if r["year"] == 2016]
    cells[("330000", 2016)] = ("301", "10.0")  # 301 (±0.5) + two 1-decimal cities (±0.05 each): tolerance 0.6
    row = by_id(pl.DataFrame(F.province_sum_findings(**_args(synthetic(cells)))))["sum-rd_expenditure-2016"]
    assert (row["observed"], row["expected"], row["difference"], row["tolerance"]) == (301.0, 300.0, 1.0, 0.6)
    assert (row["region_code"], row["line_start"], row["line_end"]) == ("330000", 10, 12)


def _args(frames):
    return {"indicators": frames["indicators"], "values": frames["indicator_values"]}


# ---------------------------------------------------------------- prose targets


def targets(*rows) -> pl.DataFrame:
    return pl.DataFrame([{"issue_id": "zjzfgb-2016-26", "document_id": "zjzf-2016-24", **dict(zip(TARGET_COLUMNS, r))}
                         for r in rows],
                        schema={"issue_id": pl.String, "document_id": pl.String, "target_id": pl.String,
                                "indicator_id": pl.String, "region_code": pl.String, "target_year": pl.Int64,
                                "value": pl.Float64, "unit": pl.String, "qualifier": pl.String,
                                "comparator": pl.String, "line": pl.Int64})


def target_rows(frames, *rows) -> dict[str, dict]:
    """The target_vs_table findings of ``frames`` with the targets ``rows``."""
    compared = comparisons_frame({**frames, "targets": targets(*rows)})
    return by_id(pl.DataFrame([r for r in F.build({**frames, "target_comparisons": compared})
                               if r["rule"] == "target_vs_table"], infer_schema_length=None))


def test_targets_missing_or_empty_add_nothing(frames, real):
    assert F.target_findings([], frames["indicators"], frames["indicator_values"]) == []
    assert findings_frame({**frames, "targets": targets()}).equals(real)


def test_real_targets_restate_the_tables(parsed, raw_issue, references, frames):
    """The five linked targets of the real targets table (达 read as at_least) all agree with 附件1."""
    import pipeline.parse.targets as targets_module
    from pipeline.derive.target_comparisons import build as comparisons
    from pipeline.schema.tables_targets import TARGETS

    links = targets_module.load_target_links(REPO_ROOT, references.indicators, references.regions)
    rows = targets_module.build_targets(parsed["sections"], parsed["tasks"], raw_issue.lines, links,
                                        raw_issue.source_path, references.number_rules).targets
    real_targets = to_frame(TARGETS, [{"issue_id": "zjzfgb-2016-26", **row} for row in rows])
    assert real_targets.filter(pl.col("indicator_id").is_not_null()).height == 5
    compared = comparisons({**frames, "targets": real_targets})
    assert [c["status"] for c in compared] == ["consistent"] * 5
    assert F.target_findings(compared, frames["indicators"], frames["indicator_values"]) == []
    assert findings_frame({**frames, "targets": real_targets}).height == 20


def test_prose_targets_read_as_stated_figures(frames):
    """Read 达 as restating the figure (exactly), two targets of line 56 would contradict their tables."""
    found = target_rows(
        frames,
        # 研发人员数达45.6万人年 vs table 2 全省 2020 456638: 45.6万 stands for [455500, 456500] (456638 = 45.66万)
        ("g002", "rd_personnel", "330000", 2020, 45.6, "万人年", "达", "exactly", 56),
        # 高新技术产业增加值达7200亿元 vs table 3 全省 2020 7215
        ("g003", "high_tech_industry_value_added", "330000", 2020, 7200.0, "亿元", "达", "exactly", 56),
        # 技术交易额达500亿元 vs table 7 全省 2020 500: agrees
        ("g008", "technology_transaction_value", "330000", 2020, 500.0, "亿元", "达", "exactly", 56),
        # 2016年,新增高新技术企业1500家 (line 60) vs table 5 全省 2016 1500: agrees
        ("g012", "new_high_tech_enterprises", "330000", 2016, 1500.0, "家", None, "exactly", 60),
        # 高新技术产业投资年均增长15%: a rate, restates no cell
        ("g004", "high_tech_industry_investment", "330000", 2020, 15.0, "%", None, "exactly", 56),
        # no indicator link (每万人发明专利拥有量达17件)
        ("g007", None, None, 2020, 17.0, "件", "达", "at_least", 56),
    )
    assert set(found) == {"target-g002", "target-g003"}
    row = found["target-g002"]
    assert (row["observed"], row["expected"], row["difference"], row["tolerance"]) == (456000.0, 456638.0, -638.0,
                                                                                         500.5)
    assert (row["rule"], row["year"], row["line_start"], row["line_end"]) == ("target_vs_table", 2020, 56, 155)
    assert row["message"] == ("研发人员数 330000 2020: the prose (45.6万人年, exactly, line 56) restates the table "
                              "value 456638 人年 (line 155); in 人年 the prose stands for [455500, 456500], the table "
                              "value for [456637.5, 456638.5]")
    assert found["target-g003"]["difference"] == -15.0


def test_about_floor_and_ceiling_findings(frames):
    # 7200左右 stands for [7150, 7250] and 7215 fits; 7100左右 does not: [7050, 7150] vs 7215
    [row] = target_rows(frames,
                        ("a", "high_tech_industry_value_added", "330000", 2020, 7200.0, "亿元", "达…左右", "about", 56),
                        ("a2", "high_tech_industry_value_added", "330000", 2020, 7100.0, "亿元", "左右", "about", 56)
                        ).values()
    assert (row["finding_id"], row["difference"], row["tolerance"]) == ("target-a2", -115.0, 50.5)
    assert "restates (左右) the table value 7215 亿元" in row["message"]
    # a floor above the table value and a ceiling below it are broken
    found = target_rows(frames, ("d", "rd_personnel", "330000", 2020, 46.5, "万人年", "超过", "more_than", 56),
                        ("e", "rd_personnel", "330000", 2020, 45.0, "万人年", "以下", "at_most", 56))
    assert (found["target-d"]["difference"], found["target-d"]["tolerance"]) == (8362.0, 500.5)
    assert found["target-e"]["difference"] == -6638.0 and "sets a ceiling for" in found["target-e"]["message"]
