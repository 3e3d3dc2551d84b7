"""附件1 indicator tables: real cells from the source, counts, and one failing check per kind of bad input."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.attachment_blocks import split_attachment
from pipeline.parse.indicator_tables import IndicatorTables, is_indicator_table, parse_indicator_table
from pipeline.parse.patterns import chinese_numeral
from pipeline.raw.references import load_indicators, load_regions
from pipeline.text.lines import Line, split_lines
from pipeline.base.paths import REPO_ROOT
from tests.conftest import parsed_columns
from tests.conftest import registry_violations as violations
from tests.conftest import with_line_replaced

ROOT = REPO_ROOT
SOURCE = "raw/gazette/zjzfgb-2016-26.txt"
DOCUMENT_ID = "zjzf-2016-24"
ALL_LINES = split_lines((ROOT / SOURCE).read_text(encoding="utf-8"))
REGIONS = load_regions(ROOT)
INDICATORS = load_indicators(ROOT)


def attachment_1() -> list[Line]:
    start = next(i for i, line in enumerate(ALL_LINES) if line.clean == "附件1")
    end = next(i for i, line in enumerate(ALL_LINES) if line.clean == "附件2")
    return ALL_LINES[start:end]


LINES = attachment_1()


def parse(lines: list[Line] | None = None, indicators: list[dict[str, str]] | None = None) -> IndicatorTables:
    """Every table of the attachment (each must be recognised as an indicator table), rows concatenated."""
    out = IndicatorTables()
    for block in split_attachment(LINES if lines is None else lines, SOURCE):
        if not block.rows:
            continue
        assert is_indicator_table(block), block.first_line
        parsed = parse_indicator_table(block, SOURCE, REGIONS, INDICATORS if indicators is None else indicators,
                                       DOCUMENT_ID)
        out.indicators += parsed.indicators
        out.indicator_values += parsed.indicator_values
        out.notes += parsed.notes
    return out


def raw(number: int) -> str:
    return ALL_LINES[number - 1].raw


def replaced(number: int, new_raw: str | None) -> list[Line]:
    """A copy of LINES with raw line ``number`` replaced (or deleted if ``new_raw`` is None)."""
    return with_line_replaced(LINES, number, new_raw)


def error_line(lines: list[Line] | None = None, indicators: list[dict[str, str]] | None = None) -> int | None:
    with pytest.raises(SourceError) as info:
        parse(lines, indicators)
    assert info.value.path == SOURCE
    return info.value.line


RESULT = parse()
VALUES = {(v["indicator_id"], v["region_code"], v["year"]): v for v in RESULT.indicator_values}
INDICATOR_ROWS = {row["indicator_id"]: row for row in RESULT.indicators}


def test_block_boundaries() -> None:
    assert (LINES[0].number, LINES[0].raw) == (130, "附件 1")
    assert LINES[-1].number == 269


def test_counts() -> None:
    assert len(RESULT.indicators) == 9
    assert len(RESULT.indicator_values) == 540
    assert len(VALUES) == 540
    assert Counter(v["indicator_id"] for v in RESULT.indicator_values) == {row["indicator_id"]: 60
                                                                          for row in INDICATORS}
    assert {v["year"] for v in RESULT.indicator_values} == {2016, 2017, 2018, 2019, 2020}
    assert {v["region_code"] for v in RESULT.indicator_values} == {row["region_code"] for row in REGIONS}


def test_row_keys_match_schema() -> None:
    from pipeline.schema.tables_attachments import INDICATOR_VALUES, INDICATORS as INDICATORS_TABLE

    assert all(list(row) == parsed_columns(INDICATORS_TABLE) for row in RESULT.indicators)
    assert all(list(row) == parsed_columns(INDICATOR_VALUES) for row in RESULT.indicator_values)


def test_indicator_rows() -> None:
    assert INDICATOR_ROWS["rd_expenditure"] == {
        "indicator_id": "rd_expenditure", "document_id": DOCUMENT_ID, "attachment_number": 1, "table_number": 1,
        "name_zh": "研究与试验发展经费支出",
        "name_en": "Expenditure on research and experimental development (R&D)",
        "unit_zh": "亿元", "unit_en": "100 million yuan", "measure_zh": "金额", "measure_position": 1,
        "has_growth": True, "line": 134,
    }
    assert RESULT.notes == []
    assert INDICATOR_ROWS["rd_personnel"]["unit_zh"] == "人年"
    assert INDICATOR_ROWS["invention_patents_granted"]["unit_zh"] == "件"
    assert [INDICATOR_ROWS[i]["table_number"] for i in ("high_tech_industry_value_added",
            "high_tech_industry_investment", "technology_transaction_value", "new_industrial_product_output")] \
        == [3, 4, 7, 8]
    for indicator_id, measure in (("new_high_tech_enterprises", "高新技术企业"), ("new_tech_smes", "科技型中小微企业")):
        row = INDICATOR_ROWS[indicator_id]
        assert (row["table_number"], row["measure_zh"], row["unit_zh"], row["has_growth"], row["line"]) \
            == (5, measure, "家", False, 202)
        assert row["name_zh"] == "新增高新技术企业和科技型中小微企业数"


def test_cells_table_1_with_growth() -> None:
    assert VALUES[("rd_expenditure", "330000", 2016)] == {
        "document_id": DOCUMENT_ID, "indicator_id": "rd_expenditure", "region_code": "330000", "year": 2016, "value": 1126.0,
        "value_text": "1126", "growth_pct": 11.3, "growth_text": "11.3", "line": 138}
    # 湖州 (330500) is printed before 嘉兴 (330400).
    assert VALUES[("rd_expenditure", "330500", 2020)]["value_text"] == "97"
    assert VALUES[("rd_expenditure", "330400", 2020)]["value_text"] == "164"
    assert VALUES[("rd_expenditure", "331100", 2019)]["growth_text"] == "15.5"


def test_cells_table_2_personnel() -> None:
    cell = VALUES[("rd_personnel", "330000", 2017)]
    assert (cell["value"], cell["value_text"], cell["growth_pct"], cell["line"]) == (400000.0, "400000", 4.5, 155)


def test_cells_table_7_decimal_integer_switch() -> None:
    hangzhou_2017 = VALUES[("technology_transaction_value", "330100", 2017)]
    hangzhou_2018 = VALUES[("technology_transaction_value", "330100", 2018)]
    assert (hangzhou_2017["value"], hangzhou_2017["value_text"], hangzhou_2017["growth_text"]) == (163.0, "163", "19.9")
    assert (hangzhou_2018["value"], hangzhou_2018["value_text"], hangzhou_2018["growth_pct"]) == (183.4, "183.4", 12.5)
    assert hangzhou_2018["line"] == 241
    # 嘉兴 2017 is printed 20 (not 20.0), 2020 232.0 keeps its decimal.
    assert VALUES[("technology_transaction_value", "330400", 2017)]["value_text"] == "20"
    assert VALUES[("technology_transaction_value", "330100", 2020)]["value_text"] == "232.0"


def test_cells_table_4_one_decimal() -> None:
    ningbo = VALUES[("high_tech_industry_investment", "330200", 2016)]
    assert (ningbo["value"], ningbo["value_text"], ningbo["growth_text"]) == (654.0, "654.0", "15.0")


def test_cells_table_5_two_measures() -> None:
    for year in range(2016, 2021):
        high_tech = VALUES[("new_high_tech_enterprises", "330100", year)]
        smes = VALUES[("new_tech_smes", "330100", year)]
        assert (high_tech["value_text"], smes["value_text"]) == ("344", "1372")
        assert high_tech["growth_pct"] is None and high_tech["growth_text"] is None
        assert high_tech["line"] == smes["line"] == 207
    assert VALUES[("new_tech_smes", "330000", 2016)]["value"] == 6000.0
    assert VALUES[("new_high_tech_enterprises", "331100", 2020)]["value_text"] == "38"


def test_growth_only_where_printed() -> None:
    with_growth = {i for i, row in INDICATOR_ROWS.items() if row["has_growth"]}
    for value in RESULT.indicator_values:
        assert (value["growth_text"] is not None) == (value["indicator_id"] in with_growth)


def test_chinese_numeral() -> None:
    assert [chinese_numeral(t) for t in ("一", "八", "十", "十二", "二十三")] == [1, 8, 10, 12, 23]
    with pytest.raises(ValueError):
        chinese_numeral("一二")


def test_rows_fit_schema() -> None:
    from pipeline.parse.issue import region_rows
    from pipeline.schema.tables_attachments import INDICATOR_VALUES, REGIONS as REGIONS_TABLE
    from pipeline.schema.tables_attachments import INDICATORS as INDICATORS_TABLE

    assert violations(REGIONS_TABLE, region_rows(REGIONS)) == []
    assert violations(INDICATORS_TABLE, RESULT.indicators) == []
    assert violations(INDICATOR_VALUES, RESULT.indicator_values) == []


# --- bad input: every check fails with the right line -------------------------------------------------


def test_missing_cell() -> None:
    cells = raw(241).split("\t")
    del cells[6]  # 杭州 2018 183.4
    assert error_line(replaced(241, "\t".join(cells))) == 241


def test_empty_cell() -> None:
    assert error_line(replaced(241, raw(241).replace("\t183.4\t", "\t\t"))) == 241


def test_non_numeric_cell() -> None:
    assert error_line(replaced(241, raw(241).replace("\t183.4\t", "\t183,4\t"))) == 241
    assert error_line(replaced(208, raw(208).replace("\t1134\t", "\t1134家\t", 1))) == 208


def test_non_numeric_growth_cell() -> None:
    assert error_line(replaced(139, raw(139).replace("\t11.1\t", "\t-\t", 1))) == 139


def test_missing_unit_cell_in_first_row() -> None:
    """The layout comes from the majority of data rows, so the damaged row itself is named."""
    assert error_line(replaced(138, raw(138).replace("\t亿元", "", 1))) == 138
    assert error_line(replaced(206, raw(206).replace("\t1500", "\t家\t1500", 1))) == 206


def test_extra_column() -> None:
    assert error_line(replaced(189, raw(189) + "\t15.0")) == 189
    assert error_line(replaced(207, raw(207) + "\t1372")) == 207


def test_extra_column_in_every_row_shifts_nothing() -> None:
    """A layout change (a sixth year in the data) is reported on the first data row."""
    lines = LINES
    for number in range(189, 201):
        lines = [Line(n.number, n.raw + "\t1.0\t15.0", n.clean) if n.number == number else n for n in lines]
    with pytest.raises(SourceError) as info:
        parse(lines)
    assert info.value.line == 189


def test_swapped_header_years() -> None:
    swapped = raw(170).replace("2017年", "X").replace("2018年", "2017年").replace("X", "2018年")
    assert error_line(replaced(170, swapped)) == 170


def test_years_are_read_from_the_header() -> None:
    shifted = raw(136)
    for year in range(2020, 2015, -1):
        shifted = shifted.replace(f"{year}年", f"{year + 1}年")
    result = parse(replaced(136, shifted))
    years = {v["year"] for v in result.indicator_values if v["indicator_id"] == "rd_expenditure"}
    assert years == {2017, 2018, 2019, 2020, 2021}
    assert [v["value_text"] for v in result.indicator_values
            if (v["indicator_id"], v["region_code"]) == ("rd_expenditure", "330000")][0] == "1126"


def test_changed_measure_header() -> None:
    # one measure label differs from the others
    assert error_line(replaced(171, raw(171).replace("增加值", "金额", 1))) == 171
    # a growth label is missing in the middle (only the last may be cut off)
    assert error_line(replaced(137, raw(137).replace("\t增幅 (%)", "", 1))) == 137
    # table 5 with a unit label although its data rows have no unit column
    assert error_line(replaced(205, "\t单位" + raw(205))) == 205


def test_last_growth_label_may_be_cut_off() -> None:
    assert raw(154).endswith("\t人员数")  # as printed
    full = parse(replaced(154, raw(154) + "\t增幅 (%)"))
    assert full.indicator_values == RESULT.indicator_values


def test_unknown_region_is_left_out_and_queued_for_review() -> None:
    result = parse(replaced(166, raw(166).replace("丽水", "景宁", 1)))
    assert [(n.kind, n.text, n.line) for n in result.notes] == [("unknown_region", "景宁", 166)]
    assert len(result.indicator_values) == 540 - 5
    assert ("rd_personnel", "331100", 2016) not in {(v["indicator_id"], v["region_code"], v["year"])
                                                   for v in result.indicator_values}


def test_duplicate_region() -> None:
    assert error_line(replaced(157, raw(156))) == 157


def test_a_table_may_leave_out_a_region() -> None:
    result = parse(replaced(149, None))
    assert len(result.indicator_values) == 540 - 5 and result.notes == []


def test_inconsistent_unit() -> None:
    assert error_line(replaced(160, raw(160).replace("人年", "人", 1))) == 160


def test_a_note_between_tables_is_no_table() -> None:
    result = parse(replaced(184, "注:2016年为预计数"))
    assert result.indicator_values == RESULT.indicator_values


def test_a_line_inside_a_table_is_refused() -> None:
    assert error_line(replaced(160, "注:湖州为预计数")) == 160


def test_table_out_of_order() -> None:
    with pytest.raises(SourceError) as info:
        split_attachment(replaced(168, "九、高新技术产业增加值"), SOURCE)
    assert info.value.line == 168


def test_missing_heading() -> None:
    with pytest.raises(SourceError) as info:
        split_attachment(replaced(130, "附件"), SOURCE)
    assert info.value.line == 130


def test_a_measure_the_reference_lacks_gets_a_provisional_id() -> None:
    reference = [dict(row, measure_zh="投资额") if row["indicator_id"] == "high_tech_industry_investment" else row
                 for row in INDICATORS]
    result = parse(indicators=reference)
    [note] = result.notes
    assert (note.kind, note.text, note.line) == ("unknown_indicator", "高新技术产业投资 / 金额 (亿元)", 185)
    row = next(r for r in result.indicators if r["table_number"] == 4)
    assert (row["indicator_id"], row["name_en"], row["unit_zh"], row["unit_en"]) == (
        "provisional_a1_t4_m1", None, "亿元", None)
    assert sum(v["indicator_id"] == "provisional_a1_t4_m1" for v in result.indicator_values) == 60


def test_a_retitled_table_is_an_unknown_indicator() -> None:
    result = parse(replaced(219, "六、有效发明专利拥有量"))
    assert [(n.kind, n.text, n.line) for n in result.notes] == [
        ("unknown_indicator", "有效发明专利拥有量 / 件数 (件)", 219)]


def test_reference_rows_without_a_table_are_unused() -> None:
    extra = dict(INDICATORS[0], indicator_id="extra", name_zh="不存在的表", measure_zh="金额")
    assert parse(indicators=[*INDICATORS, extra]).indicators == RESULT.indicators


def test_reference_unit_does_not_match() -> None:
    reference = [dict(row, unit_zh="人") if row["indicator_id"] == "rd_personnel" else row for row in INDICATORS]
    assert [n.kind for n in parse(indicators=reference).notes] == ["unknown_indicator"]


def test_reference_missing_second_measure_of_table_5() -> None:
    reference = [row for row in INDICATORS if row["indicator_id"] != "new_tech_smes"]
    result = parse(indicators=reference)
    assert [(n.kind, n.text, n.line) for n in result.notes] == [
        ("unknown_indicator", "新增高新技术企业和科技型中小微企业数 / 科技型中小微企业", 202)]
    row = next(r for r in result.indicators if r["indicator_id"] == "provisional_a1_t5_m2")
    assert row["unit_zh"] is None and row["measure_position"] == 2
