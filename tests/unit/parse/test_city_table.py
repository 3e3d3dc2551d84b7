"""附件2 city table: exact cleaned text, platform counts, and failing checks on bad input."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.attachment_blocks import split_attachment
from pipeline.parse.city_table import CityTable, is_city_table, parse_city_table, split_items
from pipeline.raw.references import load_regions
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
CODE = {row["name_zh"]: row["region_code"] for row in REGIONS}
NEXT_DOCUMENT_LINE = 289


def attachment_2() -> list[Line]:
    start = next(i for i, line in enumerate(ALL_LINES) if line.clean == "附件2")
    assert ALL_LINES[NEXT_DOCUMENT_LINE - 1].clean == "浙江省人民政府关于促进外贸回稳向好的若干意见"
    return ALL_LINES[start:NEXT_DOCUMENT_LINE - 1]


LINES = attachment_2()


def parse(lines: list[Line] | None = None) -> CityTable:
    [block] = split_attachment(LINES if lines is None else lines, SOURCE)
    assert is_city_table(block)
    return parse_city_table(block, SOURCE, REGIONS, DOCUMENT_ID)


def raw(number: int) -> str:
    return ALL_LINES[number - 1].raw


def replaced(number: int, new_raw: str | None) -> list[Line]:
    """A copy of LINES with raw line ``number`` replaced (or deleted if ``new_raw`` is None)."""
    return with_line_replaced(LINES, number, new_raw)


def error_line(lines: list[Line]) -> int | None:
    with pytest.raises(SourceError) as info:
        parse(lines)
    assert info.value.path == SOURCE
    return info.value.line


RESULT = parse()
PRIORITIES = {row["region_code"]: row for row in RESULT.city_priorities}
PLATFORMS = {(row["region_code"], row["position"]): row for row in RESULT.city_platforms}


def test_block_boundaries() -> None:
    assert (LINES[0].number, LINES[0].raw, LINES[-1].number) == (270, "附件 2", 288)


def test_counts() -> None:
    assert len(RESULT.city_priorities) == 11
    assert len(RESULT.city_platforms) == 31
    counts = Counter(row["region_code"] for row in RESULT.city_platforms)
    assert counts == {CODE["杭州市"]: 4, CODE["宁波市"]: 3, CODE["温州市"]: 3, CODE["湖州市"]: 3, CODE["嘉兴市"]: 3,
                      CODE["绍兴市"]: 3, CODE["金华市"]: 2, CODE["衢州市"]: 3, CODE["舟山市"]: 2, CODE["台州市"]: 3,
                      CODE["丽水市"]: 2}
    assert "330000" not in PRIORITIES


def test_row_keys_match_schema() -> None:
    from pipeline.schema.tables_attachments import CITY_PLATFORMS, CITY_PRIORITIES

    assert all(list(row) == parsed_columns(CITY_PRIORITIES) for row in RESULT.city_priorities)
    assert all(list(row) == parsed_columns(CITY_PLATFORMS) for row in RESULT.city_platforms)


def test_priority_text_exact() -> None:
    assert PRIORITIES[CODE["舟山市"]] == {
        "region_code": "330900", "document_id": DOCUMENT_ID,
        "priorities": "聚焦绿色石化、海洋经济、航空产业等,培育企业技术创新主体,加强产学研合作,引进集聚创新资源,"
                      "实施科技成果转化五年行动计划,发展科技型企业。",
        "line": 285,
    }
    # full-width punctuation kept as printed in the rows that use it
    assert PRIORITIES[CODE["金华市"]]["priorities"].startswith("聚焦“2+3+5”产业体系（节能与新能源汽车、")
    assert all("<" not in row["priorities"] and row["priorities"] == row["priorities"].strip()
               for row in RESULT.city_priorities)


def test_platform_text_exact() -> None:
    assert PLATFORMS[(CODE["杭州市"], 3)] == {
        "document_id": DOCUMENT_ID, "region_code": "330100", "position": 3, "platform": "大力推进西湖大学、西湖高等研究院建设。", "line": 275}
    # `1.` without a space, inside <p>…</p>
    assert PLATFORMS[(CODE["衢州市"], 1)]["platform"] == "着力推进衢州国家高新区提质升级,扩大经济总量,提升发展层次。"
    # last item of an <ol> that is never closed
    assert PLATFORMS[(CODE["杭州市"], 4)]["platform"] == "重点打造基金小镇、云栖小镇、梦想小镇、紫金众创小镇等特色小镇。"
    assert PLATFORMS[(CODE["舟山市"], 2)]["platform"] == "推进中国(舟山)海洋科学城、摘箬山海洋科技示范岛建设。"
    assert "嘉兴互联网（工业）科技创新中心" in PLATFORMS[(CODE["嘉兴市"], 3)]["platform"]
    assert PLATFORMS[(CODE["丽水市"], 2)]["platform"].startswith("重点推进中药材、食用菌、特色机械装备、3D打印技术")


def test_rows_after_blank_lines() -> None:
    assert PRIORITIES[CODE["湖州市"]]["line"] == 279
    assert PRIORITIES[CODE["丽水市"]]["line"] == 287


def test_split_items() -> None:
    line = Line(1, "", "")
    assert split_items(" 1. 甲。 2. 乙2.5亿元。", SOURCE, line) == ["甲。", "乙2.5亿元。"]
    assert split_items("1.甲。 2.乙。", SOURCE, line) == ["甲。", "乙。"]


def test_rows_fit_schema() -> None:
    from pipeline.schema.tables_attachments import CITY_PLATFORMS, CITY_PRIORITIES

    assert violations(CITY_PRIORITIES, RESULT.city_priorities) == []
    assert violations(CITY_PLATFORMS, RESULT.city_platforms) == []


# --- bad input ------------------------------------------------------------------------------------------


def test_unknown_city_is_left_out_and_queued_for_review() -> None:
    result = parse(replaced(275, raw(275).replace("杭州市", "杭州", 1)))
    assert [(n.kind, n.text, n.line, n.document_id) for n in result.notes] == [
        ("unknown_region", "杭州", 275, DOCUMENT_ID)]
    assert CODE["杭州市"] not in {row["region_code"] for row in result.city_priorities}
    assert len(result.city_priorities) == 10 and len(result.city_platforms) == 27
    # the province is not a prefecture-level city
    result = parse(replaced(285, raw(285).replace("<p>舟山市</p>", "<p>浙江省</p>", 1)))
    assert [(n.kind, n.text, n.line) for n in result.notes] == [("unknown_region", "浙江省", 285)]


def test_duplicate_city() -> None:
    assert error_line(replaced(276, raw(275))) == 276


def test_a_table_may_list_fewer_cities() -> None:
    result = parse(replaced(287, None))
    assert CODE["丽水市"] not in {row["region_code"] for row in result.city_priorities}
    assert len(result.city_priorities) == 10 and result.notes == []


def test_fragment_after_blank_line() -> None:
    # text continuing 金华市's platforms (line 282) after the blank line 283 cannot be placed
    assert error_line(replaced(283, " 3. 推进金华科技城二期建设。")) == 283
    assert error_line(replaced(278, "\t<p>补充说明。</p>\t")) == 278


def test_extra_cell() -> None:
    assert error_line(replaced(280, raw(280) + "\t备注")) == 280


def test_item_numbers_out_of_order() -> None:
    assert error_line(replaced(276, raw(276).replace(" 2. ", " 3. ", 1))) == 276
    assert error_line(replaced(286, raw(286).replace("<p>1.", "<p>", 1))) == 286


def test_text_outside_items() -> None:
    assert error_line(replaced(277, raw(277).replace('none"> 1. ', 'none"> 平台: 1. ', 1))) == 277


def test_empty_item() -> None:
    assert error_line(replaced(285, raw(285).replace("2.推进中国(舟山)海洋科学城、摘箬山海洋科技示范岛建设。", "2.", 1))) == 285


def test_unknown_markup() -> None:
    assert error_line(replaced(281, raw(281).replace("<p>聚焦", "<span>聚焦", 1))) == 281


def test_empty_priorities() -> None:
    cells = raw(282).split("\t")
    assert error_line(replaced(282, "\t".join([cells[0], "<p></p>", cells[2]]))) == 282


def test_header_labels_are_read_not_prescribed() -> None:
    assert len(parse(replaced(274, "\t重大创新平台\t科技创新重点")).city_priorities) == 11
    [block] = split_attachment(replaced(274, "\t重大创新平台"), SOURCE)
    assert not is_city_table(block)


def test_missing_heading() -> None:
    with pytest.raises(SourceError) as info:
        split_attachment(replaced(270, "附 2"), SOURCE)
    assert info.value.line == 270
