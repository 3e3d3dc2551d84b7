"""Targets in the prose and the classification of every number: real values from each document, and failures."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.numbers import find_numbers
from pipeline.parse.targets import build_targets, check_target_links, load_target_links
from pipeline.schema.frames import to_frame
from pipeline.reference.declarations import TARGET_LINKS_FILE
from pipeline.schema.fields import COMPARATORS
from pipeline.schema.tables_targets import CLASSIFICATIONS, NUMBER_MENTIONS, TARGETS
from pipeline.text.lines import split_lines
from pipeline.text.offsets import align_lines, char_lines
from pipeline.base.paths import REPO_ROOT

from tests.conftest import parsed_columns
from tests.support.prose import build, build_notes, pick, section  # noqa: F401

ROOT = REPO_ROOT
PATH = "raw/gazette/zjzfgb-2016-26.txt"


@pytest.fixture(scope="module")
def links(references) -> list[dict[str, str]]:
    return load_target_links(ROOT, references.indicators, references.regions)


@pytest.fixture(scope="module")
def built(parsed, raw_issue, links, references) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out = build_targets(parsed["sections"], parsed["tasks"], raw_issue.lines, links, raw_issue.source_path,
                        references.number_rules)
    assert out.notes == []
    return out.targets, out.number_mentions


@pytest.fixture(scope="module")
def targets(built) -> dict[str, dict[str, Any]]:
    return {t["target_id"]: t for t in built[0]}


@pytest.fixture(scope="module")
def mentions(built) -> list[dict[str, Any]]:
    return built[1]


COLS = ("subject", "value", "unit", "target_year", "qualifier", "comparator", "line")


# --- the real issue -----------------------------------------------------------------------------------------


def test_rows_have_the_registry_columns_and_types(built) -> None:
    target_rows, mention_rows = built
    assert all(list(row) == parsed_columns(TARGETS) for row in target_rows)
    assert all(list(row) == parsed_columns(NUMBER_MENTIONS) for row in mention_rows)
    stamp = lambda rows: [{"issue_id": "zjzfgb-2016-26", **row} for row in rows]  # noqa: E731 (parse_issue's job)
    assert to_frame(TARGETS, stamp(target_rows)).height == 58
    assert to_frame(NUMBER_MENTIONS, stamp(mention_rows)).height == 170
    assert {t["comparator"] for t in target_rows} <= set(COMPARATORS)
    assert {m["classification"] for m in mention_rows} == set(CLASSIFICATIONS) - {"unclassified", "threshold"}
    for column, table, rows in (("target_id", TARGETS, target_rows), ("mention_id", NUMBER_MENTIONS, mention_rows)):
        pattern = re.compile(table.field(column).pattern)
        assert all(pattern.match(row[column]) for row in rows)
        assert len({row[column] for row in rows}) == len(rows)


def test_targets_per_document(targets) -> None:
    assert Counter(t["document_id"] for t in targets.values()) == {
        "zjzf-2016-24": 51, "zjzf-2016-25": 4, "zjzbf-2016-89": 3}


def test_foreign_keys_resolve(built, parsed) -> None:
    target_rows, mention_rows = built
    sections = {s["section_id"]: s for s in parsed["sections"]}
    tasks = {t["task_id"] for t in parsed["tasks"]}
    indicators = {(i["document_id"], i["indicator_id"]) for i in parsed["indicators"]}
    for t in target_rows:
        assert sections[t["section_id"]]["document_id"] == t["document_id"]
        assert sections[t["section_id"]]["line_start"] <= t["line"] <= sections[t["section_id"]]["line_end"]
        assert t["task_id"] is None or t["task_id"] in tasks
        assert t["indicator_id"] is None or (t["indicator_document_id"], t["indicator_id"]) in indicators
        assert (t["indicator_id"] is None) == (t["region_code"] is None)
        assert t["quote"] in sections[t["section_id"]]["text"]
    # each target is the value of exactly one mention, and only targets carry a target_id
    assert sorted(m["target_id"] for m in mention_rows if m["classification"] == "target") == sorted(
        t["target_id"] for t in target_rows)
    assert all(m["target_id"] is None for m in mention_rows if m["classification"] != "target")


def test_24_overall_goals_with_about_and_the_year_carried_over_a_sentence(targets) -> None:
    # 到2020年,…高地。全社会研发经费支出占地区生产总值比重达2.8%左右,研发人员数达45.6万人年,… (line 56)
    assert pick(targets["zjzf-2016-24-g001"], *COLS) == (
        "全社会研发经费支出占地区生产总值比重", 2.8, "%", 2020, "达…左右", "about", 56)
    assert pick(targets["zjzf-2016-24-g002"], *COLS) == ("研发人员数", 45.6, "万人年", 2020, "达", "at_least", 56)
    assert pick(targets["zjzf-2016-24-g004"], "subject", "value", "unit", "comparator") == (
        "高新技术产业投资年均增长", 15.0, "%", "exactly")
    assert pick(targets["zjzf-2016-24-g009"], "subject", "value", "unit") == ("科技进步贡献率", 65.0, "%")
    assert targets["zjzf-2016-24-g001"]["quote"] == "全社会研发经费支出占地区生产总值比重达2.8%左右"
    assert targets["zjzf-2016-24-g001"]["task_id"] is None  # 一(二)总体目标 is no task


def test_24_more_than_with_stray_spaces_and_aspiration(raw_issue, targets) -> None:
    assert "在役工业机器人超过 10 万台" in raw_issue.lines[92 - 1].raw
    assert pick(targets["zjzf-2016-24-g036"], *COLS, "task_id") == (
        "在役工业机器人", 10.0, "万台", 2020, "力争…超过", "more_than", 92, "zjzf-2016-24-t04-02")
    assert pick(targets["zjzf-2016-24-g035"], "subject", "value", "unit", "qualifier") == (
        "全省“互联网+”企业", 100.0, "万家", "力争…达")


def test_24_list_shares_its_year_and_a_respectively_list(targets) -> None:
    # 2016年,新增高新技术企业1500家、科技型中小微企业6000家,为主制修订…100项以上 (line 60)
    assert [pick(targets[f"zjzf-2016-24-g0{n}"], "subject", "value", "unit", "target_year", "comparator")
            for n in (12, 13, 14)] == [
        ("新增高新技术企业", 1500.0, "家", 2016, "exactly"),
        ("科技型中小微企业", 6000.0, "家", 2016, "exactly"),
        ("为主制修订国际标准、国家标准、行业标准", 100.0, "项", 2016, "at_least")]
    # 2016 年,…实施重大科技基础研究、重大科技攻关、重大科技示范应用项目 50 项、150 项、50 项左右 (line 90)
    assert [pick(targets[f"zjzf-2016-24-g0{n}"], "subject", "value", "target_year", "qualifier", "comparator")
            for n in (32, 33, 34)] == [
        ("实施重大科技基础研究", 50.0, 2016, "左右", "about"),
        ("重大科技攻关", 150.0, 2016, "左右", "about"),
        ("重大科技示范应用项目", 50.0, 2016, "左右", "about")]
    # 其中2016年 starts a new scope after 到2020年 (line 94)
    assert [targets[f"zjzf-2016-24-g0{n}"]["target_year"] for n in (37, 38, 39, 40, 41)] == [
        2020, 2020, 2016, 2016, 2016]
    # the number before its noun: 组织举办6次科技成果拍卖活动 (line 66)
    assert pick(targets["zjzf-2016-24-g019"], "subject", "value", "unit", "quote") == (
        "组织举办科技成果拍卖活动", 6.0, "次", "组织举办6次科技成果拍卖活动")


def test_24_target_after_a_page_break_reports_the_line_after_the_break(parsed, raw_issue, targets) -> None:
    section = next(s for s in parsed["sections"] if s["section_id"] == "zjzf-2016-24-p014")
    assert (section["line_start"], section["line_end"]) == (62, 64)
    target = targets["zjzf-2016-24-g018"]
    assert pick(target, "section_id", "subject", "value", "unit", "target_year", "line") == (
        "zjzf-2016-24-p014", "新建省级重点实验室、工程技术研究中心", 50.0, "家", None, 64)
    assert "中心50家" in raw_issue.lines[64 - 1].clean and "50家" not in raw_issue.lines[62 - 1].clean


def test_25_targets(targets) -> None:
    assert [pick(t, "subject", "value", "unit", "target_year", "qualifier", "comparator", "task_id", "line")
            for t in targets.values() if t["document_id"] == "zjzf-2016-25"] == [
        ("支持市县开展“产业集群+跨境电商”试点", 20.0, "个", None, None, "exactly", "zjzf-2016-25-t05", 311),
        ("建设外贸转型升级示范县", 10.0, "个", None, None, "exactly", "zjzf-2016-25-t09", 323),
        ("新增境外营销网络", 500.0, "个", 2016, None, "exactly", "zjzf-2016-25-t14", 335),
        ("随机布控查验比例", 90.0, "%", 2016, "达到…以上", "at_least", "zjzf-2016-25-t17", 343)]


def test_89_targets(targets) -> None:
    assert pick(targets["zjzbf-2016-89-g001"], *COLS, "task_id") == (
        "直接融资占社会融资规模增量的比重", 30.0, "%", 2017, "达…以上", "at_least", 383, None)
    assert pick(targets["zjzbf-2016-89-g002"], *COLS, "task_id") == (
        "全省各级政府设立的产业基金规模", 1000.0, "亿元", 2017, "力争…达", "at_least", 401, "zjzbf-2016-89-t02-05")
    # 力争到2017年底 governs its own sentence only: the next one (新设规模达100亿元的…基金) has no year
    assert pick(targets["zjzbf-2016-89-g003"], "value", "unit", "target_year", "quote") == (
        100.0, "亿元", None, "新设规模达100亿元的省基础设施投资基金")


def test_90_states_no_quantitative_target(targets, mentions) -> None:
    assert not [t for t in targets.values() if t["document_id"] == "zjzbf-2016-90"]
    assert Counter(m["classification"] for m in mentions if m["document_id"] == "zjzbf-2016-90") == {
        "document_number": 2, "cited_document": 2, "year": 1, "date": 6}
    year = next(m for m in mentions if m["document_id"] == "zjzbf-2016-90" and m["classification"] == "year")
    assert (year["line"], year["text"], year["note"]) == (451, "2020", "year phrase 到2020年: governs no quantity")


def test_linked_targets_match_the_indicator_tables(targets, parsed) -> None:
    linked = {tid: t["indicator_id"] for tid, t in targets.items() if t["indicator_id"]}
    assert linked == {
        "zjzf-2016-24-g002": "rd_personnel", "zjzf-2016-24-g003": "high_tech_industry_value_added",
        "zjzf-2016-24-g008": "technology_transaction_value", "zjzf-2016-24-g012": "new_high_tech_enterprises",
        "zjzf-2016-24-g013": "new_tech_smes"}
    values = {(v["indicator_id"], v["region_code"], v["year"]): v["value"] for v in parsed["indicator_values"]}
    units = {i["indicator_id"]: i["unit_zh"] for i in parsed["indicators"]}
    scale = {"万人年": ("人年", 1e4), "亿元": ("亿元", 1), "家": ("家", 1)}
    for tid, indicator in linked.items():
        target = targets[tid]
        assert target["region_code"] == "330000"
        unit, factor = scale[target["unit"]]
        assert units[indicator] == unit
        table = values[(indicator, "330000", target["target_year"])]
        # the text rounds the table's figure down (45.6万 for 456638, 7200 for 7215) or repeats it
        assert target["value"] * factor <= table < target["value"] * factor * 1.01
    # a share of GDP is not the 亿元 amount; a stock of enterprises is not the yearly flow
    assert targets["zjzf-2016-24-g001"]["indicator_id"] is None
    assert pick(targets["zjzf-2016-24-g005"], "subject", "value", "indicator_id") == ("高新技术企业", 15000.0, None)


def test_every_number_of_the_prose_is_accounted_for(parsed, mentions) -> None:
    prose = [s for s in parsed["sections"] if s["kind"] != "attachment"]
    expected = Counter()
    for s in prose:
        expected[s["section_id"]] = len(re.findall(r"\d+(?:\.\d+)?", s["text"]))
    assert Counter(m["section_id"] for m in mentions) == +expected
    assert sum(expected.values()) == 170
    assert Counter(m["classification"] for m in mentions) == {
        "target": 58, "list_marker": 22, "target_year": 20, "date": 18, "name": 14, "cited_document": 10,
        "period": 9, "document_number": 8, "year": 7, "count": 4}
    by_text = {(m["line"], m["text"], m["classification"]) for m in mentions}
    assert {(66, "131", "name"), (90, "2025", "name"), (90, "4", "name"), (108, "2", "name"),
            (76, "2", "count"), (116, "4", "count"), (345, "1", "count"), (327, "300", "count"),
            (82, "5", "period"), (381, "3", "period"), (359, "2016", "period"), (48, "28", "cited_document"),
            (36, "24", "document_number"), (44, "8", "date"), (299, "1", "list_marker"),
            (128, "2", "list_marker"), (68, "2016", "year"), (56, "2020", "target_year")} <= by_text


def test_mentions_read_units_and_percentages(mentions) -> None:
    at_56 = [(m["text"], m["value"], m["unit"]) for m in mentions if m["line"] == 56]
    assert at_56[:4] == [("2020", 2020.0, "年"), ("2.8", 2.8, "%"), ("45.6", 45.6, "万人年"), ("7200", 7200.0, "亿元")]
    g036 = next(m for m in mentions if m["target_id"] == "zjzf-2016-24-g036")
    assert (g036["text"], g036["unit"], g036["note"]) == ("10", "万台", "target: 在役工业机器人")


def test_build_is_deterministic(parsed, raw_issue, links, built, references) -> None:
    out = build_targets(parsed["sections"], parsed["tasks"], raw_issue.lines, links, raw_issue.source_path,
                        references.number_rules)
    again = (out.targets, out.number_mentions)
    assert again == built


# --- numbers and offsets ------------------------------------------------------------------------------------


def test_find_numbers_reads_decimals_magnitudes_and_units() -> None:
    found = find_numbers("1.统筹,达45.6万人年、2.8%左右,250万平方米,10000家次,〔2016〕24号")
    assert [(n.text, n.value, n.unit) for n in found] == [
        ("1", 1.0, None), ("45.6", 45.6, "万人年"), ("2.8", 2.8, "%"), ("250", 250.0, "万平方米"),
        ("10000", 10000.0, "家次"), ("2016", 2016.0, None), ("24", 24.0, "号")]
    assert [n.is_quantity for n in found] == [False, True, True, True, True, False, False]


def test_align_lines_accepts_a_space_separator_and_refuses_other_text() -> None:
    lines = {ln.number: ln for ln in split_lines("附件:1. 甲\n\n2. 乙\n")}
    assert char_lines(lines, 1, 3) == ("附件:1.甲2.乙", [1] * 6 + [3] * 3)
    assert align_lines("附件:1.甲 2.乙", lines, 1, 3, PATH) == [1] * 7 + [3] * 3
    with pytest.raises(SourceError) as err:
        align_lines("附件:1.甲 3.乙", lines, 1, 3, PATH)
    assert err.value.line == 3


# --- bad data -----------------------------------------------------------------------------------------------


def unclassified(text: str, **options: Any) -> list[tuple[str, int, str]]:
    """(text as written, line, reason) of the review notes; each number is also an unclassified mention."""
    out = build_notes(text, **options)
    flagged = [m for m in out.number_mentions if m["classification"] == "unclassified"]
    assert [(m["line"], m["note"]) for m in flagged] == [(n.line, n.detail) for n in out.notes]
    assert all(n.kind == "unclassified_number" and n.document_id == "zjzf-2016-24" for n in out.notes)
    assert all(m["target_id"] is None for m in flagged)
    return [(n.text, n.line, n.detail) for n in out.notes]


def test_an_unclassified_number_is_queued_with_its_line() -> None:
    [(text, line, reason)] = unclassified("(一)示范。建设示范区。\n\n编号7为试点。")
    assert line == 3 and "classifies" in reason and "编号7为试点" in text


def test_a_quantity_without_a_target_cue_is_queued() -> None:
    [(text, line, reason)] = unclassified("(一)示范。推动300家企业转型。")
    assert line == 1 and "target cue" in reason and "300家" in text


def test_spaced_digits_are_queued() -> None:
    found = unclassified("(一)示范。到2020年,新增企业1 500家。")
    assert [line for _, line, _ in found] == [1, 1] and all("space" in reason for _, _, reason in found)


def test_a_respectively_list_must_have_one_subject_per_value() -> None:
    found = unclassified("(一)示范。2016年,实施甲、乙项目50项、150项、50项左右。")
    assert len(found) == 3 and all("respectively-list of 3 values" in reason for _, _, reason in found)


def test_contradictory_bounding_words_are_queued() -> None:
    [(_, _, reason)] = unclassified("(一)示范。2016年,企业超过10家以下。")
    assert "disagree" in reason


def test_the_rules_of_number_rules_csv_classify(references) -> None:
    rows, lines = section("(一)示范。以杭州和萧山临江2个国家高新区为主体,持续推进500家重点进口企业。")
    out = build_targets(rows, [], lines, [], PATH, references.number_rules)
    assert [m["classification"] for m in out.number_mentions] == ["count", "count"] and out.notes == []
    assert [n.kind for n in build_targets(rows, [], lines, [], PATH).notes] == ["unclassified_number"] * 2


def test_good_synthetic_paragraph() -> None:
    targets, mentions = build("(一)示范。到 2020 年,示范区达 30 个以上,新增企业\n\n1500 家、基地 2 个左右。")
    assert [pick(t, "subject", "value", "unit", "target_year", "qualifier", "comparator", "line") for t in targets] == [
        ("示范区", 30.0, "个", 2020, "达…以上", "at_least", 1),
        ("新增企业", 1500.0, "家", 2020, None, "exactly", 3),
        ("基地", 2.0, "个", 2020, "左右", "about", 3)]
    assert [m["classification"] for m in mentions] == ["target_year", "target", "target", "target"]


LINK = {"target_id": "zjzf-2016-24-g001", "subject": "示范区", "value": "30", "unit": "个", "target_year": "2020",
        "indicator_id": "rd_personnel", "region_code": "330000", "reason": "test"}


def test_link_to_an_unknown_indicator_raises(references, tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        check_target_links([LINK, {**LINK, "indicator_id": "rd_people"}], references.indicators, references.regions)
    assert (err.value.path, err.value.line, err.value.found) == (TARGET_LINKS_FILE.path, 3, "rd_people")
    (tmp_path / "raw/reference").mkdir(parents=True)
    header = ",".join(TARGET_LINKS_FILE.columns)
    (tmp_path / TARGET_LINKS_FILE.path).write_text(
        f"{header}\nzjzf-2016-24-g001,示范区,30,个,2020,rd_personnel,330000,ok\n"
        f"zjzf-2016-24-g002,示范区,30,个,2020,patents_held,330000,no such indicator\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_target_links(tmp_path, references.indicators, references.regions)
    assert (err.value.line, err.value.found) == (3, "patents_held")
    with pytest.raises(SourceError) as err:
        check_target_links([{**LINK, "region_code": "339900"}], references.indicators, references.regions)
    assert err.value.line == 2


def test_link_must_name_an_existing_target_as_parsed() -> None:
    text = "(一)示范。到2020年,示范区达30个以上。"
    targets, _ = build(text, links=[LINK])
    assert pick(targets[0], "indicator_id", "region_code") == ("rd_personnel", "330000")
    with pytest.raises(SourceError) as err:
        build(text, links=[{**LINK, "target_id": "zjzf-2016-24-g002"}])
    assert (err.value.path, err.value.line) == (TARGET_LINKS_FILE.path, 2)
    with pytest.raises(SourceError) as err:
        build(text, links=[{**LINK, "subject": "示范"}])
    assert "as parsed" in err.value.expected
    # links of documents printed in other issues are left alone
    targets, _ = build(text, links=[{**LINK, "target_id": "zjzf-2016-99-g001"}])
    assert targets[0]["indicator_id"] is None


def test_real_links_file_and_its_guard_columns(links, targets) -> None:
    assert [row["target_id"] for row in links] == [
        "zjzf-2016-24-g002", "zjzf-2016-24-g003", "zjzf-2016-24-g008", "zjzf-2016-24-g012", "zjzf-2016-24-g013"]
    for row in links:
        target = targets[row["target_id"]]
        assert (row["subject"], float(row["value"]), row["unit"], int(row["target_year"])) == (
            target["subject"], target["value"], target["unit"], target["target_year"])
        assert row["reason"]
