"""Responsibility clauses: finding the closing clause and parsing both conventions, on the real text."""

from __future__ import annotations


import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.responsibility import (
    FIRST_LISTED_LEADS,
    LABELLED,
    Assignment,
    detect_convention,
    find_responsibility_clause,
    parse_clause,
)
from pipeline.text.lines import split_lines
from pipeline.base.paths import REPO_ROOT

RAW = REPO_ROOT / "raw" / "gazette" / "zjzfgb-2016-26.txt"
LINES = split_lines(RAW.read_text(encoding="utf-8"))


def line(number: int) -> str:
    return LINES[number - 1].clean


def clause_on(number: int) -> str:
    clause = find_responsibility_clause(line(number))
    assert clause is not None, f"no clause on line {number}"
    return clause.text


def names(assignments: list[Assignment], role: str) -> list[str]:
    return [a.name_as_written for a in assignments if a.role == role]


# --- finding the clause -------------------------------------------------------------------------------


def test_clause_is_the_last_bracket_at_the_end_of_the_item():
    text = line(74)  # 24号 三(一), after its page break; 高铁(铁路) is inside the text
    clause = find_responsibility_clause(text)
    assert clause is not None
    assert clause.text == ("(牵头单位:杭州市政府、省科技厅、省发展改革委、省交通运输厅;"
                           "参与单位:省推进杭州城西科创大走廊建设联席会议其他成员单位)")
    assert text[clause.start:clause.end] == clause.text and clause.end == len(text)


def test_brackets_inside_the_text_are_not_the_clause():
    # 25号 measure 5: 中国(杭州、宁波)跨境电子商务综合试验区 sits inside the item
    assert clause_on(311) == "(省商务厅、杭州海关、宁波海关、浙江检验检疫局、宁波检验检疫局、出口信用保险浙江分公司负责)"
    # 24号 六(四): 县(市、区) inside, 〔〕 inside the clause
    assert clause_on(122) == "(牵头单位:省科技厅〔省知识产权局〕、省工商局、省质监局)"
    assert find_responsibility_clause("培育一批“浙江制造”品牌试点县(市、区)和标杆企业。") is None


def test_items_without_a_clause():
    assert find_responsibility_clause(line(353)) is None  # 25号 measure 20
    assert find_responsibility_clause(line(391)) is None  # 89号 二(一), first part
    # a trailing bracket that is not a responsibility clause
    assert find_responsibility_clause("浙江省供给侧结构性改革去杠杆行动方案(2016—2017年)") is None
    assert find_responsibility_clause("精神(国发〔2016〕27号)") is None
    assert find_responsibility_clause("") is None
    assert find_responsibility_clause("(省商务厅负责") is None  # never closed: not a clause at the end


def test_full_width_brackets_are_accepted():
    clause = find_responsibility_clause("加强组织领导。（牵头单位：省科技厅；参与单位：省财政厅等）")
    assert clause is not None and clause.text == "（牵头单位：省科技厅；参与单位：省财政厅等）"
    parsed = parse_clause(clause.text, LABELLED)
    assert [(a.role, a.name_as_written, a.list_open_ended) for a in parsed] == [
        ("lead", "省科技厅", False), ("participant", "省财政厅", True)]


# --- labelled -------------------------------------------------------------------------------------------


def test_three_or_more_leads_in_order_with_the_collective_participant():
    parsed = parse_clause(clause_on(74), LABELLED)
    assert names(parsed, "lead") == ["杭州市政府", "省科技厅", "省发展改革委", "省交通运输厅"]
    assert [a.position for a in parsed if a.role == "lead"] == [1, 2, 3, 4]
    assert names(parsed, "participant") == ["省推进杭州城西科创大走廊建设联席会议其他成员单位"]
    assert not any(a.list_open_ended for a in parsed)


def test_four_leads_including_a_body_without_sheng():
    parsed = parse_clause(clause_on(68), LABELLED)  # 24号 二(四)
    assert names(parsed, "lead") == ["省科技厅", "省财政厅", "人行杭州中心支行", "省金融办"]
    assert names(parsed, "participant") == ["省发展改革委", "浙江银监局", "浙江保监局"]


def test_lead_only_clause():
    parsed = parse_clause(clause_on(66), LABELLED)  # 24号 二(三)
    assert parsed == [Assignment("lead", 1, "省科技厅", False, 6)]


def test_deng_marks_the_list_open_ended():
    parsed = parse_clause(clause_on(60), LABELLED)  # 24号 二(一)
    assert names(parsed, "participant") == ["省发展改革委", "省经信委", "省财政厅", "省工商局", "省地税局",
                                            "省国税局", "省质监局"]
    assert all(a.list_open_ended for a in parsed if a.role == "participant")
    assert not any(a.list_open_ended for a in parsed if a.role == "lead")
    lead_only = parse_clause(clause_on(82), LABELLED)  # 24号 三(四): 牵头单位:…等
    assert names(lead_only, "lead") == ["省科技厅", "省发展改革委", "省经信委"]
    assert all(a.list_open_ended for a in lead_only)


def test_clause_after_a_page_break():
    # 24号 五(三) runs over lines 106-108; the clause is on the line after the break
    assert find_responsibility_clause(line(106)) is None
    parsed = parse_clause(clause_on(108), LABELLED)
    assert names(parsed, "lead") == ["省委人才办", "省教育厅", "省人社保厅"]
    assert names(parsed, "participant") == ["省科技厅", "省公安厅"]


def test_second_name_in_nested_brackets_is_one_unit_name():
    parsed = parse_clause(clause_on(122), LABELLED)
    assert names(parsed, "lead") == ["省科技厅〔省知识产权局〕", "省工商局", "省质监局"]
    synthetic = parse_clause("(牵头单位:甲厅〔乙局、丙局〕、丁委)", LABELLED)
    assert names(synthetic, "lead") == ["甲厅〔乙局、丙局〕", "丁委"]


def test_offsets_point_at_the_names():
    text = clause_on(76)
    for a in parse_clause(text, LABELLED):
        assert text[a.offset:a.offset + len(a.name_as_written)] == a.name_as_written


# --- first_listed_leads ---------------------------------------------------------------------------------


def test_convention_detected_from_the_first_clause():
    assert detect_convention(clause_on(60)) == LABELLED
    assert detect_convention(clause_on(299)) == FIRST_LISTED_LEADS
    with pytest.raises(SourceError) as err:
        detect_convention("(省商务厅负责)", path="x.txt", line=7)
    assert err.value.line == 7 and err.value.path == "x.txt"


def test_rider_is_stripped_and_first_listed_leads():
    text = clause_on(299)  # 25号 measure 1
    assert text == "(省商务厅、省财政厅负责,列首位者为牵头单位,下同)"
    parsed = parse_clause(text, FIRST_LISTED_LEADS)
    assert [(a.role, a.position, a.name_as_written) for a in parsed] == [
        ("lead", 1, "省商务厅"), ("participant", 1, "省财政厅")]
    assert parse_clause("(省商务厅、省财政厅负责，列首位者为牵头单位，下同)", FIRST_LISTED_LEADS) == parsed


def test_thirteen_unit_clause():
    parsed = parse_clause(clause_on(341), FIRST_LISTED_LEADS)  # 25号 measure 16
    assert len(parsed) == 13
    assert names(parsed, "lead") == ["省物价局"]
    assert names(parsed, "participant") == [
        "省财政厅", "省商务厅", "省海港委", "省发展改革委", "省经信委", "省地税局", "省国税局", "省交通运输厅",
        "杭州海关", "宁波海关", "浙江检验检疫局", "宁波检验检疫局"]
    assert [a.position for a in parsed if a.role == "participant"] == list(range(1, 13))
    assert not any(a.list_open_ended for a in parsed)


def test_single_unit_and_names_without_sheng():
    assert parse_clause(clause_on(301), FIRST_LISTED_LEADS) == [
        Assignment("lead", 1, "出口信用保险浙江分公司", False, 1)]
    parsed = parse_clause(clause_on(307), FIRST_LISTED_LEADS)  # 25号 measure 4, page break before it
    assert names(parsed, "lead") == ["省金融办"]
    assert names(parsed, "participant")[-2:] == ["进出口银行浙江省分行", "省商务厅"]


def test_open_ended_first_listed_list():
    parsed = parse_clause("(省商务厅、省财政厅等负责)", FIRST_LISTED_LEADS)
    assert [(a.role, a.name_as_written, a.list_open_ended) for a in parsed] == [
        ("lead", "省商务厅", True), ("participant", "省财政厅", True)]


# --- failure modes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, convention", [
    ("(牵头单位省科技厅)", LABELLED),                      # no colon
    ("(参与单位:省科技厅)", LABELLED),                     # participants without a lead
    ("(牵头单位:省科技厅;牵头单位:省财政厅)", LABELLED),   # label twice
    ("(牵头单位:省科技厅;协办单位:省财政厅)", LABELLED),   # unknown label
    ("(省商务厅负责)", LABELLED),                          # other convention's clause
    ("(牵头单位:省科技厅)", FIRST_LISTED_LEADS),          # other convention's clause
    ("(省商务厅、省财政厅)", FIRST_LISTED_LEADS),          # no 负责
])
def test_unparseable_clause_raises_with_line(text, convention):
    with pytest.raises(SourceError) as err:
        parse_clause(text, convention, path="raw/x.txt", line=345)
    assert err.value.path == "raw/x.txt" and err.value.line == 345
    assert err.value.found == text


@pytest.mark.parametrize("text, convention", [
    ("(牵头单位:)", LABELLED),
    ("(牵头单位:等)", LABELLED),
    ("(牵头单位:省科技厅;参与单位:)", LABELLED),
    ("(负责)", FIRST_LISTED_LEADS),
    ("(负责,列首位者为牵头单位,下同)", FIRST_LISTED_LEADS),
])
def test_empty_unit_list_raises(text, convention):
    with pytest.raises(SourceError, match="at least one unit name"):
        parse_clause(text, convention, path="raw/x.txt", line=1)


def test_empty_name_between_separators_raises():
    with pytest.raises(SourceError, match="empty name"):
        parse_clause("(省商务厅、、省财政厅负责)", FIRST_LISTED_LEADS, line=9)


def test_unknown_convention_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_clause("(省商务厅负责)", "first_listed")
