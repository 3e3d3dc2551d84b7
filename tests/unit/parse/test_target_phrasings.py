"""Targets in work-task phrasing (issue 19, part 6): size thresholds, enumerated siblings, compound units,
bounding words, list markers before a year, 文号 in web-copy brackets; and no phrasing fails a build.

The sentences are our own wording; tests/fixtures/issues/targets-worktasks.txt is a small issue in the same
wording, parsed by the pure parser.
"""

from __future__ import annotations


import pytest

from pipeline.parse.issue import parse_issue
from pipeline.parse.numbers import find_numbers
from pipeline.parse.target_words import BOUND_WORDS, BoundWord, check_bound_words
from pipeline.base.paths import REPO_ROOT, copy_project
from pipeline.raw.snapshot import load_issue
from pipeline.raw.references import load_references
from pipeline.schema.fields import COMPARATORS
from pipeline.schema.tables_targets import NUMBER_MENTIONS, TARGETS

from tests.conftest import registry_violations, write_issue
from tests.support.prose import build, build_notes, pick

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "issues" / "targets-worktasks.txt"
T = ("subject", "value", "unit", "target_year", "qualifier", "comparator")


def readings(text: str, **options) -> tuple[list[tuple], list[tuple]]:
    """(targets as T, mentions as (text, unit, classification)) of one paragraph; no review notes allowed."""
    out = build_notes(text, **options)
    assert out.notes == [], out.notes
    assert registry_violations(TARGETS, out.targets) == [] and registry_violations(NUMBER_MENTIONS, out.number_mentions) == []
    return ([pick(t, *T) for t in out.targets],
            [(m["text"], m["unit"], m["classification"]) for m in out.number_mentions])


# --- a size threshold before a counted noun is no target ----------------------------------------------------


def test_a_size_threshold_of_the_counted_noun_is_no_target() -> None:
    targets, mentions = readings("(一)示范。2021年,新开工8亿元以上高端装备项目230个。")
    assert targets == [("新开工8亿元以上高端装备项目", 230.0, "个", 2021, None, "exactly")]
    assert mentions == [("2021", "年", "target_year"), ("8", "亿元", "threshold"), ("230", "个", "target")]
    _, rows = build("(一)示范。2021年,新开工8亿元以上高端装备项目230个。")
    assert rows[1]["target_id"] is None
    assert rows[1]["note"] == "size threshold 8亿元以上 of the noun counted by 230个 (高端装备项目), not a target"


def test_a_threshold_without_bound_word_and_one_with_a_link_word() -> None:
    targets, mentions = readings("(一)示范。新建10万吨级泊位6个,新增3亿元的项目40项。")
    assert [t[:3] for t in targets] == [("新建10万吨级泊位", 6.0, "个"), ("新增3亿元的项目", 40.0, "项")]
    assert [c for _, _, c in mentions] == ["threshold", "target", "threshold", "target"]


def test_no_threshold_across_a_clause_boundary() -> None:
    # a comma between the two quantities: each is read on its own, the first one bounded by 以上
    targets, mentions = readings("(一)示范。2021年,新开工项目投资8亿元以上,建成厂房230个。")
    assert targets == [("新开工项目投资", 8.0, "亿元", 2021, "以上", "at_least"),
                       ("建成厂房", 230.0, "个", 2021, None, "exactly")]
    assert "threshold" not in [c for _, _, c in mentions]


# --- enumerated siblings ------------------------------------------------------------------------------------


def test_enumerated_siblings_give_one_target_each() -> None:
    targets, _ = readings("(一)示范。带动制造业投资增长11%、服务业投资增长14%。")
    assert targets == [("带动制造业投资增长", 11.0, "%", None, None, "exactly"),
                       ("服务业投资增长", 14.0, "%", None, None, "exactly")]


def test_a_sibling_with_a_cue_gives_it_to_the_list_and_does_not_swallow_the_first() -> None:
    # 推动 is no target verb: only 以上 after the second value is a cue. Before, the second target's subject was
    # 推动民间投资增长7%、外资增长 and 7% was queued.
    targets, _ = readings("(一)示范。推动民间投资增长7%、外资增长16%以上。")
    assert targets == [("推动民间投资增长", 7.0, "%", None, None, "exactly"),
                       ("外资增长", 16.0, "%", None, "以上", "at_least")]


# --- compound units -----------------------------------------------------------------------------------------


def test_compound_units_stay_whole() -> None:
    text = "5万亩、120万吨标准煤、30万千瓦、18亿千瓦时、2.5平方公里、60万平方米、40万人次、3万辆、8万台、1个百分点"
    assert [(n.text, n.unit) for n in find_numbers(text)] == [
        ("5", "万亩"), ("120", "万吨标准煤"), ("30", "万千瓦"), ("18", "亿千瓦时"), ("2.5", "平方公里"),
        ("60", "万平方米"), ("40", "万人次"), ("3", "万辆"), ("8", "万台"), ("1", "个百分点")]
    targets, _ = readings("(一)示范。到2022年,新增林地4万亩,累计节约能源95万吨标准煤。")
    assert targets == [("新增林地", 4.0, "万亩", 2022, None, "exactly"),
                       ("累计节约能源", 95.0, "万吨标准煤", 2022, None, "exactly")]


# --- bounding words: a declarative table --------------------------------------------------------------------


@pytest.mark.parametrize(("clause", "subject", "qualifier", "comparator"), [
    ("营业收入突破650亿元", "营业收入", "突破", "more_than"),
    ("营业收入超过650亿元", "营业收入", "超过", "more_than"),
    ("营业收入逾650亿元", "营业收入", "逾", "more_than"),
    ("营业收入高于650亿元", "营业收入", "高于", "more_than"),
    ("营业收入不低于650亿元", "营业收入", "不低于", "at_least"),
    ("营业收入不少于650亿元", "营业收入", "不少于", "at_least"),
    ("营业收入650亿元以上", "营业收入", "以上", "at_least"),
    ("营业收入达到650亿元以上", "营业收入", "达到…以上", "at_least"),
    ("营业收入650亿元左右", "营业收入", "左右", "about"),
    ("营业收入约650亿元", "营业收入", "约", "about"),
    ("营业收入大约650亿元", "营业收入", "大约", "about"),
    ("营业收入近650亿元", "营业收入", "近", "about"),
    ("营业收入650亿元以内", "营业收入", "以内", "at_most"),
    ("营业收入不超过650亿元", "营业收入", "不超过", "at_most"),
    ("营业收入650亿元以下", "营业收入", "以下", "at_most"),
    ("营业收入控制在650亿元", "营业收入", "控制在", "at_most"),
    ("营业收入控制在650亿元左右", "营业收入", "控制在…左右", "about"),
    ("累计节约650亿元", "累计节约", None, "exactly"),  # 节约 is no 约
])
def test_bound_words_give_the_comparator(clause, subject, qualifier, comparator) -> None:
    targets, _ = readings(f"(一)示范。到2022年,{clause}。")
    assert targets == [(subject, 650.0, "亿元", 2022, qualifier, comparator)]


@pytest.mark.parametrize("sentence", [
    "(一)示范。到2021年,技术交易额突破800亿元。",
    "(一)示范。到2021年,技术交易额突破800亿元大关。",
    "(一)示范。到2021年,技术交易额突破800亿元大关,技术合同成交数突破3万项。",
])
def test_a_breakthrough_is_more_than_never_exactly_and_a_milestone_is_no_noun(sentence) -> None:
    targets, _ = readings(sentence)
    assert targets[0] == ("技术交易额", 800.0, "亿元", 2021, "突破", "more_than")
    assert all(t[-1] == "more_than" for t in targets)
    quotes = [t["quote"] for t in build_notes(sentence).targets]
    assert quotes[0] == "技术交易额突破800亿元" + ("大关" if "大关" in sentence else "")


def test_every_bound_word_is_declared_in_the_registry_description_of_its_comparator() -> None:
    for row in BOUND_WORDS:
        assert row.word in COMPARATORS[row.comparator], row


def test_the_bound_word_table_refuses_bad_rows() -> None:
    with pytest.raises(ValueError, match="not one of the registry's"):
        check_bound_words([*BOUND_WORDS, BoundWord("至少", "before", "minimum")])
    with pytest.raises(ValueError, match="listed twice"):
        check_bound_words([*BOUND_WORDS, BoundWord("突破", "before", "at_least")])
    with pytest.raises(ValueError, match="position"):
        check_bound_words([BoundWord("以上", "after", "at_least", yields=True)])
    with pytest.raises(ValueError, match="position"):
        check_bound_words([BoundWord("以上", "behind", "at_least")])


# --- list markers, 文号 in prose ------------------------------------------------------------------------------


def test_a_list_marker_is_never_fused_with_a_year() -> None:
    _, mentions = readings("附件:1.2020—2022年重点项目清单", kind="attachment_list", marker=None)
    assert mentions == [("1", None, "list_marker"), ("2020", None, "period"), ("2022", "年", "period")]
    # the second item of an attachment list stands after a space (sections.text of attachment_list)
    assert [(n.text, n.unit) for n in find_numbers("附件:1.甲 2.2021年重点任务表")] == [
        ("1", None), ("2", None), ("2021", "年")]
    targets, mentions = readings("1.2021年,新增示范园区12个。", marker="1.")
    assert mentions[:2] == [("1", None, "list_marker"), ("2021", "年", "target_year")]
    assert targets == [("新增示范园区", 12.0, "个", 2021, None, "exactly")]
    # a decimal that is no marker stays one number
    assert [n.text for n in find_numbers("系数为1.2017,增长1.5%")] == ["1.2017", "1.5"]


@pytest.mark.parametrize("kind", ["paragraph", "attachment_list"])
def test_an_attachment_marker_before_a_year_is_a_list_marker_in_any_paragraph(kind) -> None:
    _, mentions = readings("附件:1.2017—2021年重点产业项目计划表", kind=kind, marker=None)
    assert mentions == [("1", None, "list_marker"), ("2017", None, "period"), ("2021", "年", "period")]
    assert "1.2017" not in [m["text"] for m in build_notes("附件:1.2017—2021年…", kind=kind, marker=None).number_mentions]


def test_document_numbers_in_any_bracket_style_are_cited_documents() -> None:
    _, mentions = readings("(一)示范。按照国发[2008]30号、浙政发(2009)69号、浙政办发(2011)5号、国办发〔2016〕28号"
                           "和浙政函【2012】7号要求。")
    assert [c for _, _, c in mentions] == ["cited_document"] * 10


# --- no phrasing fails a build ------------------------------------------------------------------------------


def test_unreadable_phrasings_become_review_items_and_keep_the_registry() -> None:
    for text in ("(一)示范。到5000年,建成基地3个。",       # 5000 is no target year (the registry allows 2000-2100)
                 "(一)示范。2020年,增长2．5%。",           # a full-width decimal point
                 "(一)示范。培育8家营收超50亿元企业。"):    # the count before a threshold: read, not failed
        out = build_notes(text)
        assert registry_violations(TARGETS, out.targets) == [], text
        assert registry_violations(NUMBER_MENTIONS, out.number_mentions) == [], text
    out = build_notes("(一)示范。到5000年,建成基地3个。")
    assert [(m["text"], m["classification"]) for m in out.number_mentions] == [
        ("5000", "unclassified"), ("3", "unclassified")]
    assert [n.kind for n in out.notes] == ["unclassified_number"] * 2
    targets, mentions = readings("(一)示范。2020年,增长2．5%。")
    assert targets == [("增长", 2.5, "%", 2020, None, "exactly")] and mentions[1][0] == "2．5"


# --- a small issue in this wording --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_issue(tmp_path_factory: pytest.TempPathFactory) -> dict:
    paths = copy_project(tmp_path_factory.mktemp("worktasks") / "project")
    raw = write_issue(paths, "zjzfgb-2020-09", FIXTURE.read_bytes(), published_date="2020-03-20",
                      cumulative_number=1250)
    return parse_issue(load_issue(raw, paths), load_references(paths))


def test_the_worktasks_issue_reads_its_targets(fixture_issue) -> None:
    rows = fixture_issue
    assert [pick(t, "target_id", *T, "line") for t in rows["targets"]] == [
        ("zjzf-2020-8-g001", "全省新开工5亿元以上先进制造业项目", 420.0, "个", 2020, None, "exactly", 31),
        ("zjzf-2020-8-g002", "带动民间投资增长", 9.0, "%", 2020, None, "exactly", 31),
        ("zjzf-2020-8-g003", "技术改造投资增长", 13.0, "%", 2020, None, "exactly", 31),
        ("zjzf-2020-8-g004", "新增绿化造林", 3.0, "万亩", 2021, None, "exactly", 33),
        ("zjzf-2020-8-g005", "累计节约能源", 85.0, "万吨标准煤", 2021, None, "exactly", 33),
        ("zjzf-2020-8-g006", "新能源汽车保有量", 12.0, "万辆", 2021, "达到", "at_least", 33),
        ("zjzf-2020-8-g007", "全省数字经济核心产业营业收入", 650.0, "亿元", 2022, "突破", "more_than", 35),
        ("zjzf-2020-8-g008", "能源消费增量", 400.0, "万吨标准煤", 2022, "控制在…以内", "at_most", 35),
        ("zjzf-2020-8-g009", "新建充电桩", 2.0, "万台", 2022, "约", "about", 35)]


def test_the_worktasks_issue_classifies_every_number(fixture_issue) -> None:
    rows = fixture_issue
    by_line = {}
    for m in rows["number_mentions"]:
        by_line.setdefault(m["line"], []).append((m["text"], m["classification"]))
    assert by_line[27] == [("2008", "cited_document"), ("30", "cited_document"), ("2009", "cited_document"),
                           ("69", "cited_document")]
    assert by_line[31][:3] == [("1", "list_marker"), ("2020", "target_year"), ("5", "threshold")]
    assert by_line[41] == [("1", "list_marker"), ("2020", "period"), ("2022", "period")]
    assert "unclassified" not in {m["classification"] for m in rows["number_mentions"]}
    # only what any new document brings: its English title and its task scope to confirm
    assert sorted(r["kind"] for r in rows["review_items"]) == ["default_task_scope", "missing_translation"]
    assert registry_violations(TARGETS, rows["targets"], "zjzfgb-2020-09") == []
    assert registry_violations(NUMBER_MENTIONS, rows["number_mentions"], "zjzfgb-2020-09") == []
