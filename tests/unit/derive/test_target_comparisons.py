"""target_comparisons: prose targets against the table value they restate, on small frames (met, unmet, each
bound) and on the real issue's published rows; findings' target_vs_table rows are its contradicting rows."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from pipeline.base.errors import BuildError
from pipeline.base.paths import REPO_ROOT
from pipeline.derive import findings as F
from pipeline.derive import target_comparisons as T
from pipeline.schema.frames import to_frame
from pipeline.schema.tables_attachments import INDICATOR_VALUES, INDICATORS
from pipeline.schema.tables_comparisons import TARGET_COMPARISONS

DOC, ISSUE = "zjzf-2016-24", "zjzfgb-2016-26"
#: indicator -> unit, and the 全省 cells of the small tables: (indicator, year) -> (value as printed, raw line)
UNITS = {"rd_personnel": "人年", "technology_transaction_value": "亿元"}
CELLS = {("rd_personnel", 2020): ("456638", 155), ("technology_transaction_value", 2020): ("500", 240)}


def small_tables() -> dict[str, pl.DataFrame]:
    """Two indicators of one document with one 全省 cell each (the figures of the real 附件1)."""
    indicators = to_frame(INDICATORS, [{
        "issue_id": ISSUE, "indicator_id": i, "document_id": DOC, "attachment_number": 1, "table_number": n,
        "name_zh": f"指标{n}", "name_en": f"Indicator {n}", "unit_zh": unit, "unit_en": None, "measure_zh": None,
        "measure_position": 1, "has_growth": False, "line": 100 + n} for n, (i, unit) in enumerate(UNITS.items(), 1)])
    values = to_frame(INDICATOR_VALUES, [{
        "issue_id": ISSUE, "document_id": DOC, "indicator_id": i, "region_code": "330000", "year": year,
        "value": float(text), "value_text": text, "growth_pct": None, "growth_text": None, "line": line}
        for (i, year), (text, line) in CELLS.items()])
    return {"indicators": indicators, "indicator_values": values}


def targets(*rows: tuple) -> pl.DataFrame:
    """Targets rows: (target_id, indicator_id, year, value, unit, comparator, qualifier)."""
    columns = ("target_id", "indicator_id", "target_year", "value", "unit", "comparator", "qualifier")
    return pl.DataFrame(
        [{"issue_id": ISSUE, "document_id": DOC, **dict(zip(columns, r)),
          "region_code": None if r[1] is None else "330000", "line": 56} for r in rows],
        schema={"issue_id": pl.String, "document_id": pl.String, "target_id": pl.String, "indicator_id": pl.String,
                "target_year": pl.Int64, "value": pl.Float64, "unit": pl.String, "comparator": pl.String,
                "qualifier": pl.String, "region_code": pl.String, "line": pl.Int64})


def compare(*rows: tuple) -> dict[str, dict]:
    frame = T.comparisons_frame({**small_tables(), "targets": targets(*rows)})
    assert frame.schema == TARGET_COMPARISONS.polars_schema()
    return {r["target_id"]: r for r in frame.iter_rows(named=True)}


def numbers(row: dict, *names: str) -> tuple:
    return tuple(row[n] for n in names)


# ---------------------------------------------------------------- small frames


def test_a_met_floor_target_converted_by_its_prefix():
    """研发人员数达45.6万人年 (at_least) against 456638 人年: 45.6万 stands for [455500, 456500], below the table."""
    [row] = compare(("g002", "rd_personnel", 2020, 45.6, "万人年", "at_least", "达")).values()
    assert (row["bound"], row["status"], row["consistent"]) == ("floor", "consistent", True)
    assert numbers(row, "unit_factor", "target_in_table_unit", "target_low", "target_high", "table_value") == (
        10000.0, 456000.0, 455500.0, 456500.0, 456638.0)
    assert numbers(row, "difference", "difference_pct", "tolerance") == (-638.0, -0.139717, 500.5)
    assert (row["target_unit"], row["table_unit"], row["target_line"], row["table_line"]) == ("万人年", "人年", 56, 155)


def test_an_unmet_target_contradicts_and_is_the_finding():
    """46.5万人年 超过 (more_than, a floor) is 8362 人年 above the table value: more than the rounding allows."""
    frames = {**small_tables(), "targets": targets(("g9", "rd_personnel", 2020, 46.5, "万人年", "more_than", "超过"))}
    [row] = T.build(frames)
    assert (row["bound"], row["status"], row["consistent"]) == ("floor", "contradicts", False)
    assert numbers(row, "difference", "tolerance") == (8362.0, 500.5)
    [finding] = [f for f in F.build({**frames, "target_comparisons": T.comparisons_frame(frames)})
                 if f["rule"] == "target_vs_table"]
    assert finding["finding_id"] == "target-g9"
    assert numbers(finding, "observed", "expected", "difference", "tolerance", "line_start", "line_end") == (
        465000.0, 456638.0, 8362.0, 500.5, 56, 155)
    assert finding["message"] == (
        "指标1 330000 2020: the prose (46.5万人年, more_than, line 56) sets a floor for the table value 456638 人年 "
        "(line 155); in 人年 the prose stands for [464500, 465500], the table value for [456637.5, 456638.5]")


def test_more_than_is_a_floor_whose_boundary_counts():
    """超过500亿元 against 500: a strict 超过 cannot be told from 以上 once rounded; 501 is within the rounding of
    both figures (0.5 + 0.5), 502 is not."""
    rows = compare(("a", "technology_transaction_value", 2020, 500.0, "亿元", "more_than", "超过"),
                   ("b", "technology_transaction_value", 2020, 501.0, "亿元", "more_than", "超过"),
                   ("c", "technology_transaction_value", 2020, 502.0, "亿元", "more_than", "超过"),
                   ("d", "technology_transaction_value", 2020, 400.0, "亿元", "more_than", "超过"))
    assert {k: (r["bound"], r["status"], r["difference"]) for k, r in rows.items()} == {
        "a": ("floor", "consistent", 0.0), "b": ("floor", "consistent", 1.0), "c": ("floor", "contradicts", 2.0),
        "d": ("floor", "consistent", -100.0)}


def test_equal_about_and_ceiling_bounds():
    rows = compare(
        ("eq", "rd_personnel", 2020, 45.6, "万人年", "exactly", None),         # states the figure: 638 > 500.5
        ("ab", "rd_personnel", 2020, 46.0, "万人年", "at_least", "达…左右"),  # 左右: 46万 stands for [455000, 465000]
        ("ce", "rd_personnel", 2020, 45.0, "万人年", "at_most", "以下"),       # a ceiling the table exceeds
        ("ok", "technology_transaction_value", 2020, 600.0, "亿元", "at_most", "不超过"))
    assert {k: (r["bound"], r["consistent"]) for k, r in rows.items()} == {
        "eq": ("equal", False), "ab": ("about", True), "ce": ("ceiling", False), "ok": ("ceiling", True)}
    assert numbers(rows["ab"], "target_low", "target_high", "tolerance") == (455000.0, 465000.0, 5000.5)
    assert rows["ce"]["difference"] == -6638.0


def test_rate_and_missing_cell_are_rows_without_values_and_unlinked_targets_are_not_rows():
    rows = compare(("rate", "rd_personnel", 2020, 15.0, "%", "exactly", None),
                   ("later", "rd_personnel", 2030, 50.0, "万人年", "at_least", "达"),
                   ("free", None, 2020, 17.0, "件", "at_least", "达"))
    assert set(rows) == {"rate", "later"}
    assert (rows["rate"]["status"], rows["later"]["status"]) == ("rate_target", "no_table_value")
    for row in rows.values():
        assert row["consistent"] is row["table_value"] is row["difference"] is row["table_line"] is None
        assert row["bound"] in ("equal", "floor")


def test_a_link_between_units_of_different_bases_is_refused_naming_the_target():
    with pytest.raises(BuildError, match=r"g5 \(raw line 56\) is linked to indicator rd_personnel: cannot convert "
                                         r"'亿元' to '人年'.*target_indicator_links\.csv"):
        compare(("g5", "rd_personnel", 2020, 45.6, "亿元", "at_least", "达"))
    unregioned = targets(("g6", "rd_personnel", 2020, 45.6, "万人年", "at_least", "达")).with_columns(
        region_code=pl.lit(None, pl.String))
    with pytest.raises(BuildError, match=r"g6 \(raw line 56\): expected indicator rd_personnel .*a region"):
        T.build({**small_tables(), "targets": unregioned})
    with pytest.raises(BuildError, match="not understood"):
        T.bound_of("roughly")
    assert T.bound_of("at_least", "达…左右") == "about" and T.bound_of("more_than") == "floor"


def test_unit_conversion_is_explicit():
    assert T.unit_factor("万人年", "人年") == Decimal(10000)
    assert T.unit_factor("亿元", "亿元") == 1
    assert T.unit_factor("万亿元", "亿元") == Decimal(10000)
    assert T.unit_factor("万元", "亿元") == Decimal("0.0001")
    with pytest.raises(BuildError, match="base units"):
        T.unit_factor("千人年", "人年")


def test_no_targets_no_rows():
    assert T.build({**small_tables(), "targets": targets()}) == []


# ---------------------------------------------------------------- the real issue


@pytest.fixture(scope="module")
def real() -> dict[str, pl.DataFrame]:
    from tests.support.package import real_issue_frames

    return real_issue_frames()


def raw_line(number: int) -> str:
    return (REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_text(encoding="utf-8").splitlines()[number - 1]


def test_the_2020_technology_transaction_target_restates_the_table(real):
    """浙政发〔2016〕24号 一(二)总体目标 (line 56): 技术交易额达500亿元; 附件1 table 7, 全省 2020 (line 240): 500."""
    published = {r["target_id"]: r for r in real["target_comparisons"].iter_rows(named=True)}
    row = published["zjzf-2016-24-g008"]
    assert "技术交易额达500亿元" in raw_line(56)
    assert raw_line(240).split("\t")[:2] == ["全省", "亿元"] and raw_line(240).split("\t")[-2] == "500"
    assert numbers(row, "indicator_id", "region_code", "year", "comparator", "bound", "target_line", "table_line") == (
        "technology_transaction_value", "330000", 2020, "at_least", "floor", 56, 240)
    assert numbers(row, "target_value", "table_value", "difference", "tolerance", "status") == (
        500.0, 500.0, 0.0, 1.0, "consistent")
    # 研发人员数达45.6万人年 (line 56) against 456638 人年 (table 2, line 155)
    assert "研发人员数达45.6万人年" in raw_line(56) and raw_line(155).split("\t")[-2] == "456638"
    assert numbers(published["zjzf-2016-24-g002"], "target_in_table_unit", "table_value", "difference") == (
        456000.0, 456638.0, -638.0)


def test_the_real_rows_are_the_derivation_of_the_real_targets(real):
    assert real["target_comparisons"].height == real["targets"]["indicator_id"].is_not_null().sum() == 5
    assert real["target_comparisons"].equals(T.comparisons_frame(real))
    assert (real["target_comparisons"]["status"] == "consistent").all()
    assert not real["findings"].filter(pl.col("rule") == "target_vs_table").height


def test_a_seeded_prose_error_in_the_real_targets_is_a_contradiction_and_a_finding(real):
    """技术交易额 800亿元 instead of 500: the comparison contradicts and findings lists it, as target_vs_table."""
    wrong = real["targets"].with_columns(
        pl.when(pl.col("target_id") == "zjzf-2016-24-g008").then(800.0).otherwise(pl.col("value")).alias("value"))
    frames = {**real, "targets": wrong}
    compared = {r["target_id"]: r for r in T.build(frames)}
    assert numbers(compared["zjzf-2016-24-g008"], "status", "difference") == ("contradicts", 300.0)
    found = [f["finding_id"] for f in F.build({**frames, "target_comparisons": T.comparisons_frame(frames)})
             if f["rule"] == "target_vs_table"]
    assert found == ["target-zjzf-2016-24-g008"]
