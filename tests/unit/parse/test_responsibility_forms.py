"""Responsibility in every printed form: lines after an item, task tables, every table kept, no silent loss.

The fixtures under tests/fixtures/issues/resp-*.txt are made-up issues in the masthead/contents/document
layout of the real one, each printing responsibility in one form (2019 牵头单位:/配合单位: lines, 2023 责任单位:
lines, 2024 责任单位:A、B牵头,C、D under a printed rule, a task table with 完成时限, items under 某副省长牵头重点工作 /
十方面民生实事). Each is parsed by the pure parser; tests/integration/test_fixture_corpus.py builds them with the real issue.
"""

from __future__ import annotations


import pytest

from pipeline.parse.issue import parse_issue
from pipeline.parse.responsibility_forms import LEAD, MARKED_OR_FIRST_LEADS, PARTICIPANT, match_line, read_units
from pipeline.parse.units import provisional_unit_id
from pipeline.base.paths import REPO_ROOT
from pipeline.raw.snapshot import load_issue
from pipeline.raw.references import load_references
from tests.support.fixture_issues import FIXTURE_ISSUES
from tests.conftest import copy_project, write_issue

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "issues"
#: fixture -> (issue_id, cumulative number, publication date) of its sidecar
ISSUES = {name: meta for name, meta in FIXTURE_ISSUES.items() if name.startswith("resp-")}
#: fixture -> (tasks, task_units, lead mentions, participant mentions)
COUNTS = {
    "resp-lead-lines": (4, 13, 5, 8),
    "resp-responsible-lines": (4, 9, 4, 5),
    "resp-marked-leads": (3, 10, 4, 6),
    "resp-task-table": (3, 9, 4, 5),
    "resp-vice-governor": (4, 8, 4, 4),
}


def fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def _parse(project, name: str, text: str | None = None, scopes: str | None = None) -> dict:
    issue_id, cumulative, date = ISSUES[name]
    data = (fixture_text(name) if text is None else text).encode("utf-8")
    path = write_issue(project, issue_id, data, cumulative_number=cumulative, published_date=date)
    if scopes is not None:
        (project.raw_reference / "task_scopes.csv").write_text(scopes, encoding="utf-8")
    return parse_issue(load_issue(path, project), load_references(project))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("resp") / "project")


@pytest.fixture(scope="module")
def parsed(project) -> dict[str, dict]:
    return {name: _parse(project, name) for name in ISSUES}


def units_of(rows: dict, task_id: str, role: str) -> list[str]:
    return [tu["name_as_written"] for tu in sorted(rows["task_units"], key=lambda r: r["position"])
            if tu["task_id"] == task_id and tu["role"] == role]


# ---------------------------------------------------------------- the one reader of unit lists


def test_a_marked_list_leads_with_its_marked_units_and_an_unmarked_one_with_its_first() -> None:
    marked = read_units("省经信委、省科技厅牵头,省发展改革委、省财政厅等", MARKED_OR_FIRST_LEADS)
    assert [(m.role, m.position, m.name_as_written, m.list_open_ended) for m in marked] == [
        (LEAD, 1, "省经信委", False), (LEAD, 2, "省科技厅", False),
        (PARTICIPANT, 1, "省发展改革委", True), (PARTICIPANT, 2, "省财政厅", True)]
    plain = read_units("省科技厅,省教育厅、省科协", MARKED_OR_FIRST_LEADS)
    assert [(m.role, m.name_as_written) for m in plain] == [
        (LEAD, "省科技厅"), (PARTICIPANT, "省教育厅"), (PARTICIPANT, "省科协")]
    assert read_units("", MARKED_OR_FIRST_LEADS) is None and read_units("省科技厅、、省科协", MARKED_OR_FIRST_LEADS) is None


def test_both_colons_and_collective_names_kept_whole() -> None:
    ascii_form, listed, _ = match_line("责任单位:省商务厅、各市、县(市、区)政府")
    wide_form, wide, _ = match_line("配合单位：省财政厅")
    assert (ascii_form.label, wide_form.label, wide) == ("责任单位", "配合单位", "省财政厅")
    assert [m.name_as_written for m in read_units(listed, ascii_form.reading)] == ["省商务厅", "各市、县(市、区)政府"]
    assert match_line("请各牵头单位会同配合单位认真抓好落实。") is None


# ---------------------------------------------------------------- the fixtures


@pytest.mark.parametrize("name", ISSUES)
def test_counts_per_fixture(parsed, name) -> None:
    rows = parsed[name]
    roles = [tu["role"] for tu in rows["task_units"]]
    assert (len(rows["tasks"]), len(rows["task_units"]), roles.count(LEAD), roles.count(PARTICIPANT)) == COUNTS[name]
    # no loss: the only review items are the ones every unreviewed made-up issue has, and its unknown units
    assert {r["kind"] for r in rows["review_items"]} <= {"missing_translation", "default_task_scope", "unknown_unit"}


def test_2019_lead_lines_every_listed_unit_leads_and_a_second_line_participates(parsed) -> None:
    rows = parsed["resp-lead-lines"]
    assert units_of(rows, "zjzbf-2019-12-t01", LEAD) == ["省交通运输厅", "省发展改革委"]
    assert units_of(rows, "zjzbf-2019-12-t02", LEAD) == ["省发展改革委"]
    assert units_of(rows, "zjzbf-2019-12-t02", PARTICIPANT) == ["省经信委", "省商务厅", "各设区市政府"]
    t3 = next(t for t in rows["tasks"] if t["task_id"] == "zjzbf-2019-12-t03")
    assert (t3["responsibility_text"], t3["convention"], t3["line_start"], t3["line_end"]) == (
        "牵头单位:省商务厅配合单位:杭州海关、宁波海关、省外汇管理局等", "lead_lines", 37, 39)
    assert [tu["list_open_ended"] for tu in rows["task_units"] if tu["task_id"] == t3["task_id"]] == [False, True, True, True]
    # the responsibility lines belong to their tasks: no orphan paragraph
    assert not [s for s in rows["sections"] if s["kind"] == "paragraph" and s["parent_id"] is None
                and s["text"].startswith(("牵头单位", "配合单位"))]
    collective = next(u for u in rows["units"] if u["name_zh"] == "各设区市政府")
    assert (collective["unit_id"], collective["category"]) == (provisional_unit_id("各设区市政府"), "collective")
    assert collective["unit_id"].startswith("zj-collective-")
    assert [(r["text"], r["line"]) for r in rows["review_items"] if r["kind"] == "unknown_unit"] == [
        ("各设区市政府", 33), ("省数据管理中心", 43)]


def test_2023_responsible_lines_first_listed_leads(parsed) -> None:
    rows = parsed["resp-responsible-lines"]
    assert units_of(rows, "zjzbf-2023-8-t01", LEAD) == ["省发展改革委"]
    assert units_of(rows, "zjzbf-2023-8-t01", PARTICIPANT) == ["省财政厅", "省建设厅"]
    assert units_of(rows, "zjzbf-2023-8-t02", PARTICIPANT) == ["省发展改革委", "各市、县(市、区)政府"]
    assert {t["convention"] for t in rows["tasks"]} == {"responsible_lines"}


def test_2024_marked_units_lead_under_the_printed_rule(parsed) -> None:
    rows = parsed["resp-marked-leads"]
    assert units_of(rows, "zjzf-2024-5-t01", LEAD) == ["省经信委", "省科技厅"]
    assert units_of(rows, "zjzf-2024-5-t01", PARTICIPANT) == ["省发展改革委", "省财政厅"]
    assert units_of(rows, "zjzf-2024-5-t02", LEAD) == ["省科技厅"]
    assert units_of(rows, "zjzf-2024-5-t02", PARTICIPANT) == ["省教育厅", "省科协"]
    assert [tu["line"] for tu in rows["task_units"] if tu["task_id"] == "zjzf-2024-5-t01"] == [28, 28, 28, 28]


def test_a_task_table_gives_one_task_per_row_with_its_deadline_and_its_cells(parsed) -> None:
    rows = parsed["resp-task-table"]
    t2 = next(t for t in rows["tasks"] if t["task_id"] == "zjzbf-2022-20-t02")
    assert (t2["deadline_text"], t2["convention"], t2["line_start"], t2["title"]) == (
        "六月底前", "table_columns", 42, "完善科技金融服务体系")
    assert units_of(rows, "zjzbf-2022-20-t02", LEAD) == ["省金融办", "省科技厅"]
    assert units_of(rows, "zjzbf-2022-20-t02", PARTICIPANT) == ["人行杭州中心支行", "浙江银监局"]
    cell = next(c for c in rows["table_cells"] if (c["table_no"], c["row_no"], c["col_no"]) == (1, 3, 4))
    assert (cell["document_id"], cell["header"], cell["text"], cell["line"]) == (
        "zjzbf-2022-20", "配合单位", "各设区市政府", 43)
    assert len(rows["table_cells"]) == 15
    assert not [r for r in rows["review_items"] if r["kind"] == "unrecognised_table"]
    assert {t["deadline_text"] for t in parsed["resp-lead-lines"]["tasks"]} == {None}


def test_items_under_any_heading_are_tasks_by_the_default_rule(parsed) -> None:
    rows = parsed["resp-vice-governor"]
    assert [t["label"] for t in rows["tasks"]] == ["1", "2", "3", "4"]
    assert units_of(rows, "zjzbf-2021-15-t01", PARTICIPANT) == ["省财政厅", "省国土资源厅"]
    assert units_of(rows, "zjzbf-2021-15-t03", LEAD) == ["省卫生计生委"]
    assert units_of(rows, "zjzbf-2021-15-t04", PARTICIPANT) == ["省推进城乡供水一体化领导小组其他成员单位"]
    assert next(u for u in rows["units"])["category"] == "collective"


def test_the_real_issue_keeps_its_tables_and_gains_their_cells() -> None:
    from pipeline.base.paths import ProjectPaths
    from pipeline.raw.snapshot import load_all

    paths = ProjectPaths()
    rows = parse_issue(load_all(paths)[0], load_references(paths))
    assert (len(rows["tasks"]), len(rows["task_units"]), rows["review_items"]) == (62, 202, [])
    assert {t["deadline_text"] for t in rows["tasks"]} == {None}
    cells = rows["table_cells"]
    assert len(cells) == 1173 and {c["document_id"] for c in cells} == {"zjzf-2016-24"}
    first = cells[0]
    assert (first["table_no"], first["row_no"], first["col_no"], first["header"], first["text"], first["line"]) == (
        1, 1, 1, "年度", "全省", 138)
    hangzhou = next(c for c in cells if c["line"] == 139 and c["col_no"] == 3)
    assert (hangzhou["header"], hangzhou["text"]) == ("金额", "336")


# ---------------------------------------------------------------- a loss is never silent


def _lead_lines(name: str) -> list[tuple[int, str]]:
    """(line number, text) of every responsibility line that names a lead (牵头单位:/责任单位:)."""
    return [(n, line) for n, line in enumerate(fixture_text(name).split("\n"), start=1)
            if line.startswith(("牵头单位", "责任单位"))]


CUTS = [(name, number) for name in ISSUES if name != "resp-task-table" for number, _ in _lead_lines(name)]


@pytest.mark.parametrize("name, number", CUTS)
def test_cutting_a_responsibility_line_raises_a_review_item(project, name, number) -> None:
    lines = fixture_text(name).split("\n")
    cut = "\n".join(line for n, line in enumerate(lines, start=1) if n != number)
    rows = _parse(project, name, cut)
    lost = [r for r in rows["review_items"] if r["kind"] in ("missing_clause", "unread_responsibility")]
    assert lost, f"cutting line {number} of {name} left no review item"


@pytest.mark.parametrize("row_line", [41, 42, 43])
def test_a_task_table_row_without_a_lead_cell_raises_a_review_item(project, row_line) -> None:
    lines = fixture_text("resp-task-table").split("\n")
    cells = lines[row_line - 1].split("\t")
    cells[2] = ""
    lines[row_line - 1] = "\t".join(cells)
    rows = _parse(project, "resp-task-table", "\n".join(lines))
    assert [(r["kind"], r["line"]) for r in rows["review_items"] if r["kind"] == "unread_responsibility"] == [
        ("unread_responsibility", row_line)]


def test_a_scope_override_never_silences_a_loss(project) -> None:
    scopes = (REPO_ROOT / "raw/reference/task_scopes.csv").read_text(encoding="utf-8")
    scopes += 'zjzbf-2019-12,arabic,,,,"test: an override of the rule"\n'
    lines = fixture_text("resp-lead-lines").split("\n")
    cut = "\n".join(line for n, line in enumerate(lines, start=1) if n != 29)  # t01's 牵头单位 line
    try:
        rows = _parse(project, "resp-lead-lines", cut, scopes)
    finally:
        (project.raw_reference / "task_scopes.csv").write_text(
            (REPO_ROOT / "raw/reference/task_scopes.csv").read_text(encoding="utf-8"), encoding="utf-8")
    assert len(rows["tasks"]) == 4 and len(rows["task_units"]) == 11
    assert [(r["kind"], r["text"]) for r in rows["review_items"] if r["kind"] == "missing_clause"] == [
        ("missing_clause", "zjzbf-2019-12-t01 1 加快推进一批重大交通项目建设,按期完成全年综合交通投资")]
    assert not [r for r in rows["review_items"] if r["kind"] == "default_task_scope"]


def test_a_responsibility_line_under_no_task_is_queued(project) -> None:
    text = fixture_text("resp-lead-lines").replace("二、深化改革开放\n", "二、深化改革开放\n牵头单位:省商务厅\n")
    rows = _parse(project, "resp-lead-lines", text)
    assert [(r["kind"], r["text"], r["line"]) for r in rows["review_items"] if r["kind"] == "unread_responsibility"] == [
        ("unread_responsibility", "牵头单位:省商务厅", 36)]
    assert len(rows["tasks"]) == 4


def test_a_document_without_any_responsibility_form_raises_nothing(project) -> None:
    text = "\n".join(line for line in fixture_text("resp-vice-governor").split("\n")
                     if not line.startswith(("牵头单位", "责任单位", "配合单位")))
    rows = _parse(project, "resp-vice-governor", text)
    assert rows["tasks"] == [] and {r["kind"] for r in rows["review_items"]} == {"missing_translation",
                                                                                   "default_task_scope"}



def test_a_table_in_the_text_no_typed_reader_reads_is_kept_cell_by_cell(project) -> None:
    table = "项目\t目标\n投资\t稳中有进\n消费\t持续恢复\n"
    text = fixture_text("resp-lead-lines").replace("一、扩大有效投资\n", table + "\n一、扩大有效投资\n")
    rows = _parse(project, "resp-lead-lines", text)
    assert [(c["table_no"], c["row_no"], c["col_no"], c["header"], c["text"], c["line"]) for c in rows["table_cells"]] == [
        (1, 1, 1, "项目", "投资", 27), (1, 1, 2, "目标", "稳中有进", 27),
        (1, 2, 1, "项目", "消费", 28), (1, 2, 2, "目标", "持续恢复", 28)]
    assert [(r["kind"], r["line"]) for r in rows["review_items"] if r["kind"] == "unrecognised_table"] == [
        ("unrecognised_table", 26)]
    assert len(rows["tasks"]) == 4 and len(rows["task_units"]) == 13


def test_a_task_table_in_the_text_reads_as_one_in_an_attachment(project) -> None:
    text = fixture_text("resp-task-table")
    header, body = text.split("附件:重点任务分解表\n\n附件1\n\n重点任务分解表\n\n")
    table, closing = body.split("\n\n", 1)
    moved = header.replace("制定本方案。各项任务的牵头单位、配合单位和完成时限见附件。\n",
                           "制定本方案。各项任务的牵头单位、配合单位和完成时限如下:\n" + table + "\n") + "\n" + closing
    rows = _parse(project, "resp-task-table", moved)
    assert [t["deadline_text"] for t in rows["tasks"]] == ["年底前", "六月底前", "持续推进"]
    assert len(rows["task_units"]) == 9 and len(rows["table_cells"]) == 15
    assert not [r for r in rows["review_items"] if r["kind"] in ("unrecognised_table", "missing_clause",
                                                                 "unread_responsibility")]
