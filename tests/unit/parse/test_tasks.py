"""Tasks and task_units from hand-built ``sections`` rows of the real text (the section parser's contract)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.responsibility import find_responsibility_clause
from pipeline.parse.tasks import TaskScope, build_tasks, scopes_from_rows
from pipeline.parse.units import index_units, load_units, provisional_unit_id
from pipeline.raw.references import load_document_series, load_task_scopes
from pipeline.schema.common import TASK_ID_PATTERN
from pipeline.schema.tables_tasks import TASK_UNITS, TASKS, UNITS
from pipeline.text.lines import split_lines
from pipeline.base.paths import REPO_ROOT

from tests.conftest import parsed_columns

ROOT = REPO_ROOT
PATH = "raw/gazette/zjzfgb-2016-26.txt"
LINES = split_lines((ROOT / PATH).read_text(encoding="utf-8"))

SCOPES = load_task_scopes(ROOT)
SERIES = load_document_series(ROOT)


@pytest.fixture(scope="module")
def units():
    return load_units(ROOT)


def joined(start: int, end: int, lines=LINES) -> str:
    return "".join(ln.clean for ln in lines[start - 1:end] if not ln.blank)


def doc_rows(document_id: str, specs: list[tuple], lines=LINES, part: str = "body") -> list[dict[str, Any]]:
    """Section rows from (kind, marker, ordinal, start, end, parent spec index or None) tuples."""
    rows: list[dict[str, Any]] = []
    for position, (kind, marker, ordinal, start, end, parent) in enumerate(specs, start=1):
        text = joined(start, end, lines)
        heading = None
        if marker:
            rest = text[len(marker):]
            heading = rest.split("。")[0] if "。" in rest else rest
        parent_row = rows[parent] if parent is not None else None
        rows.append({
            "section_id": f"{document_id}-p{position:03d}", "document_id": document_id, "position": position,
            "part": part, "kind": kind, "parent_id": parent_row["section_id"] if parent_row else None,
            "level": parent_row["level"] + 1 if parent_row else 1, "marker": marker, "ordinal": ordinal,
            "heading": heading, "text": text, "line_start": start, "line_end": end,
        })
    return rows


# 浙政发〔2016〕24号, issued plan: 一、 with (一) (not a task), 二、 with (一)-(四), 三、 with (一) only
PLAN_24 = doc_rows("zjzf-2016-24", [
    ("heading", "一、", 1, 50, 50, None),
    ("item", "(一)", 1, 52, 54, 0),
    ("heading", "二、", 2, 58, 58, None),
    ("item", "(一)", 1, 60, 60, 2),
    ("item", "(二)", 2, 62, 64, 2),
    ("item", "(三)", 3, 66, 66, 2),
    ("item", "(四)", 4, 68, 68, 2),
    ("heading", "三、", 3, 70, 70, None),
    ("item", "(一)", 1, 72, 74, 7),
    ("attachment_list", None, None, 126, 128, None),
], part="issued_text")

_HEADINGS_25 = {1: 297, 5: 309, 8: 319, 16: 339, 20: 351}
_MEASURES_25 = {1: (299, 299), 2: (301, 301), 3: (303, 303), 4: (305, 307), 5: (311, 311), 6: (313, 313),
                7: (315, 317), 8: (321, 321), 9: (323, 323), 10: (325, 325), 11: (327, 327), 12: (331, 331),
                13: (333, 333), 14: (335, 335), 15: (337, 337), 16: (341, 341), 17: (343, 343),
                18: (345, 345), 19: (347, 349), 20: (353, 353)}


def _specs_25() -> list[tuple]:
    specs: list[tuple] = [("paragraph", None, None, 295, 295, None)]
    heading = None
    for n, (start, end) in _MEASURES_25.items():
        if n in _HEADINGS_25:
            ordinal = list(_HEADINGS_25).index(n) + 1
            specs.append(("heading", "一二三四五"[ordinal - 1] + "、", ordinal, _HEADINGS_25[n], _HEADINGS_25[n], None))
            heading = len(specs) - 1
        specs.append(("item", f"{n}.", n, start, end, heading))
        if n == 11:  # second half of measure 11 after the page break: an unnumbered paragraph under it
            specs.append(("paragraph", None, None, 329, 329, len(specs) - 1))
    specs.append(("signature", None, None, 355, 355, None))
    return specs


DOC_25 = doc_rows("zjzf-2016-25", _specs_25())

# 浙政办发〔2016〕89号: 二、主要任务 (一)-(二), then 三、保障措施 (一), which names units in prose
PLAN_89 = doc_rows("zjzbf-2016-89", [
    ("heading", "二、", 2, 389, 389, None),
    ("item", "(一)", 1, 391, 393, 0),
    ("item", "(二)", 2, 395, 395, 0),
    ("heading", "三、", 3, 419, 419, None),
    ("item", "(一)", 1, 421, 421, 3),
], part="issued_text")


def run(rows, units, scopes=SCOPES, lines=LINES, path=PATH):
    """(tasks, task_units) of ``build_tasks``."""
    out = build_tasks(rows, lines, units, path, scopes)
    return out.tasks, out.task_units


def by_task(task_units: list[dict], task_id: str, role: str) -> list[tuple[str, str, bool, int]]:
    return [(tu["name_as_written"], tu["unit_id"], tu["list_open_ended"], tu["line"])
            for tu in task_units if tu["task_id"] == task_id and tu["role"] == role]


def test_24_tasks_are_items_of_sections_two_to_six(units):
    tasks, task_units = run(PLAN_24, units)
    assert [t["label"] for t in tasks] == ["二(一)", "二(二)", "二(三)", "二(四)", "三(一)"]
    assert [t["task_id"] for t in tasks][-1] == "zjzf-2016-24-t03-01"
    assert {t["convention"] for t in tasks} == {"labelled"}
    first = tasks[0]
    assert first["title"] == "大力培育科技企业" and first["section_id"] == "zjzf-2016-24-p004"
    assert first["text"].startswith("(一)大力培育科技企业。") and first["text"].endswith(first["responsibility_text"])


def test_three_or_more_leads_with_collective_and_the_clause_line_after_a_page_break(units):
    tasks, task_units = run(PLAN_24, units)
    task = next(t for t in tasks if t["label"] == "三(一)")
    assert (task["line_start"], task["line_end"]) == (72, 74)
    assert by_task(task_units, task["task_id"], "lead") == [
        ("杭州市政府", "city-gov-hangzhou", False, 74), ("省科技厅", "zj-dept-science-technology", False, 74),
        ("省发展改革委", "zj-comm-development-reform", False, 74), ("省交通运输厅", "zj-dept-transportation", False, 74)]
    assert by_task(task_units, task["task_id"], "participant") == [
        ("省推进杭州城西科创大走廊建设联席会议其他成员单位", "zj-collective-hangzhou-west-corridor-members", False, 74)]
    two_two = by_task(task_units, "zjzf-2016-24-t02-02", "lead")
    assert [line for *_, line in two_two] == [64, 64]  # item starts on 62, clause after the break on 64


def test_lead_only_and_open_ended(units):
    tasks, task_units = run(PLAN_24, units)
    assert by_task(task_units, "zjzf-2016-24-t02-03", "lead") == [("省科技厅", "zj-dept-science-technology", False, 66)]
    assert by_task(task_units, "zjzf-2016-24-t02-03", "participant") == []
    participants = by_task(task_units, "zjzf-2016-24-t02-01", "participant")
    assert len(participants) == 7 and all(open_ended for _, _, open_ended, _ in participants)
    positions = [(tu["role"], tu["position"]) for tu in task_units if tu["task_id"] == "zjzf-2016-24-t02-01"]
    assert positions == [("lead", 1)] + [("participant", k) for k in range(1, 8)]


def test_25_measures_first_listed_leads_and_page_break_paragraph(units):
    tasks, task_units = run(DOC_25, units)
    assert [t["label"] for t in tasks] == [str(n) for n in range(1, 21)]
    assert {t["convention"] for t in tasks[:19]} == {"first_listed_leads"}
    assert tasks[19]["responsibility_text"] is None and tasks[19]["convention"] is None  # measure 20
    eleven = tasks[10]
    assert (eleven["task_id"], eleven["line_start"], eleven["line_end"]) == ("zjzf-2016-25-t11", 327, 329)
    assert "浙江省进口商品基地。支持义乌国际商贸城" in eleven["text"]
    assert eleven["responsibility_text"] == "(省商务厅、省发展改革委、省经信委、杭州海关、宁波海关负责)"
    assert by_task(task_units, "zjzf-2016-25-t11", "lead") == [("省商务厅", "zj-dept-commerce", False, 329)]
    assert "列首位者" not in "".join(tu["name_as_written"] for tu in task_units)
    assert by_task(task_units, "zjzf-2016-25-t01", "participant") == [("省财政厅", "zj-dept-finance", False, 299)]


def test_thirteen_units_and_the_ip_office_nameplate(units):
    tasks, task_units = run(DOC_25, units)
    sixteen = [tu for tu in task_units if tu["task_id"] == "zjzf-2016-25-t16"]
    assert len(sixteen) == 13 and sixteen[0]["unit_id"] == "zj-bureau-price" and sixteen[0]["role"] == "lead"
    eighteen = by_task(task_units, "zjzf-2016-25-t18", "participant")
    assert eighteen[0] == ("省科技厅〔省知识产权局〕", "zj-dept-science-technology", False, 345)
    assert len(eighteen) == 6


def test_89_tasks_have_no_clause_and_prose_units_are_ignored(units):
    tasks, task_units = run(PLAN_89, units)
    assert [(t["task_id"], t["label"]) for t in tasks] == [("zjzbf-2016-89-t02-01", "二(一)"),
                                                           ("zjzbf-2016-89-t02-02", "二(二)")]
    assert tasks[0]["text"] == joined(391, 393) and (tasks[0]["line_start"], tasks[0]["line_end"]) == (391, 393)
    assert all(t["responsibility_text"] is None and t["convention"] is None for t in tasks)
    assert task_units == []


def test_rows_have_the_schema_columns_and_ids(units):
    tasks, task_units = run([*PLAN_24, *DOC_25, *PLAN_89], units)
    assert all(list(t) == parsed_columns(TASKS) for t in tasks)
    assert all(list(tu) == parsed_columns(TASK_UNITS) for tu in task_units)
    assert all(re.fullmatch(TASK_ID_PATTERN, t["task_id"]) for t in tasks)
    keys = [(tu["task_id"], tu["role"], tu["position"]) for tu in task_units]
    assert len(keys) == len(set(keys))
    assert {tu["unit_id"] for tu in task_units} <= {row["unit_id"] for row in units.rows}
    assert UNITS.field("category").enum is not None


def test_a_document_without_a_scope_is_read_by_the_default_rule_without_a_confirmation(units):
    other = [dict(r, document_id="zjzf-2016-99", section_id=r["section_id"].replace("-24-", "-99-"),
                  parent_id=r["parent_id"] and r["parent_id"].replace("-24-", "-99-")) for r in PLAN_24]
    out = build_tasks(other, LINES, units, PATH, SCOPES)
    assert [t["task_id"] for t in out.tasks] == ["zjzf-2016-99-t02-01", "zjzf-2016-99-t02-02", "zjzf-2016-99-t02-03",
                                                 "zjzf-2016-99-t02-04", "zjzf-2016-99-t03-01"]
    # the rule found tasks: recorded as documents.task_scope rule, no default_task_scope to confirm
    assert out.notes == [] and out.scope_sources == {"zjzf-2016-99": "rule"}


def test_default_rule_with_task_scopes_emptied_gives_the_same_tasks(units):
    for rows in (PLAN_24, DOC_25, PLAN_89):
        assert run(rows, units, scopes={}) == run(rows, units)


def test_an_override_that_finds_no_items_is_refused(units):
    override = {"zjzbf-2016-89": TaskScope("arabic")}
    with pytest.raises(SourceError, match="task items") as err:
        build_tasks(PLAN_89, LINES, units, PATH, override)
    assert err.value.path == "raw/reference/task_scopes.csv"


def test_missing_clause_is_queued_unless_confirmed(units):
    out = build_tasks(DOC_25, LINES, units, PATH, SCOPES)
    assert out.notes == []  # measure 20 is confirmed in task_scopes.csv
    out = build_tasks(DOC_25, LINES, units, PATH, {"zjzf-2016-25": TaskScope("default")})
    assert [(n.kind, n.line) for n in out.notes] == [("missing_clause", 353)]
    assert out.notes[0].text.startswith("zjzf-2016-25-t20 20 加强组织领导和监督检查")


# --- failure modes ---------------------------------------------------------------------------------------


def test_unknown_units_get_provisional_units_and_review_notes(units):
    dropped = {"city-gov-hangzhou", "zj-collective-hangzhou-west-corridor-members", "zj-bureau-price"}
    partial = index_units([r for r in units.rows if r["unit_id"] not in dropped])
    out = build_tasks([*PLAN_24, *DOC_25], LINES, partial, PATH, SCOPES)
    assert [(n.kind, n.text, n.line) for n in out.notes] == [
        ("unknown_unit", "杭州市政府", 74), ("unknown_unit", "省推进杭州城西科创大走廊建设联席会议其他成员单位", 74),
        ("unknown_unit", "省物价局", 341)]
    assert [u["unit_id"] for u in out.units] == [provisional_unit_id(n.text) for n in out.notes]
    assert {u["status"] for u in out.units} == {"provisional"}
    price = next(tu for tu in out.task_units if tu["name_as_written"] == "省物价局")
    assert (price["task_id"], price["role"], price["unit_id"]) == (
        "zjzf-2016-25-t16", "lead", provisional_unit_id("省物价局"))
    assert len(out.task_units) == len(build_tasks([*PLAN_24, *DOC_25], LINES, units, PATH, SCOPES).task_units)


def _synthetic(clause: str, break_before_clause: bool = False):
    body = "(一)加快建设。第一句话。"
    text = "二、主要任务\n\n" + body + ("\n\n" if break_before_clause else "") + clause + "\n"
    lines = split_lines(text)
    end = len(lines)
    rows = doc_rows("zjzbf-2016-89", [("heading", "二、", 2, 1, 1, None), ("item", "(一)", 1, 3, end, 0)], lines)
    return rows, lines


def test_unparseable_clause_raises_with_its_line(units):
    rows, lines = _synthetic("(牵头单位省科技厅)", break_before_clause=True)
    with pytest.raises(SourceError) as err:
        build_tasks(rows, lines, units, "synthetic.txt", SCOPES)
    assert err.value.line == 5 and err.value.path == "synthetic.txt"


def test_first_clause_of_unknown_form_raises(units):
    rows, lines = _synthetic("(省科技厅牵头负责)")
    with pytest.raises(SourceError, match="first responsibility clause") as err:
        build_tasks(rows, lines, units, "synthetic.txt", SCOPES)
    assert err.value.line == 3


def test_empty_unit_list_raises(units):
    rows, lines = _synthetic("(牵头单位:;参与单位:省科技厅)")
    with pytest.raises(SourceError, match="at least one unit name"):
        build_tasks(rows, lines, units, "synthetic.txt", SCOPES)


def test_unit_named_twice_in_one_clause_raises(units):
    rows, lines = _synthetic("(牵头单位:省人社厅;参与单位:省人社保厅)")
    with pytest.raises(SourceError, match="each unit named once"):
        build_tasks(rows, lines, units, "synthetic.txt", SCOPES)


def test_numbering_gap_raises(units):
    rows = [r for r in DOC_25 if r["marker"] != "3."]
    with pytest.raises(SourceError, match="task item number 3") as err:
        build_tasks(rows, LINES, units, PATH, SCOPES)
    assert err.value.line == 305


def test_section_text_must_match_its_lines(units):
    rows = [dict(r) for r in PLAN_24]
    rows[3]["text"] = rows[3]["text"].replace("大力培育", "大力培养")
    assert find_responsibility_clause(rows[3]["text"]) is not None
    with pytest.raises(SourceError, match="internal check"):
        build_tasks(rows, LINES, units, PATH, SCOPES)


# --- with the real section parser ----------------------------------------------------


def test_whole_issue_counts(units):
    import pipeline.parse.layout as layout
    import pipeline.parse.sections as sections_mod

    spans = layout.segment(LINES, PATH).documents
    sections = [row for span in spans for row in sections_mod.parse_sections(LINES, span, PATH, SERIES)]
    tasks, task_units = run(sections, units)
    assert len(tasks) == 62
    assert len(task_units) == 202
    doc_of = {t["task_id"]: t["document_id"] for t in tasks}
    counts = {}
    for doc in ("zjzf-2016-24", "zjzf-2016-25", "zjzbf-2016-89", "zjzbf-2016-90"):
        mine = [tu for tu in task_units if doc_of[tu["task_id"]] == doc]
        counts[doc] = (sum(t["document_id"] == doc for t in tasks),
                       sum(tu["role"] == "lead" for tu in mine), sum(tu["role"] == "participant" for tu in mine),
                       len({tu["unit_id"] for tu in mine}))
    assert counts == {"zjzf-2016-24": (22, 53, 61, 27), "zjzf-2016-25": (20, 19, 69, 27),
                      "zjzbf-2016-89": (12, 0, 0, 0), "zjzbf-2016-90": (8, 0, 0, 0)}
    # every unit the real issue names (its source says so; later issues may add units of their own)
    assert {tu["unit_id"] for tu in task_units} == {row["unit_id"] for row in units.rows
                                                   if "zjzfgb-2016-26.txt" in row["source"]}


def test_task_scopes_reference_is_read_and_checked():
    real = ("zjzf-2016-24", "zjzf-2016-25", "zjzbf-2016-89", "zjzbf-2016-90")  # later issues add their own rows
    assert {d: SCOPES[d].rule for d in real} == dict.fromkeys(real, "default")
    assert SCOPES["zjzf-2016-25"].without_clause == frozenset({"20"})
    row = {"document_id": "zjzf-2016-24", "rule": "roman", "parent_ordinals": "", "parent_heading": "",
           "tasks_without_clause": "", "source": "x"}
    with pytest.raises(SourceError, match=r"task_scopes.csv:2: expected rule one of"):
        scopes_from_rows([row])
    with pytest.raises(SourceError, match="not both"):
        scopes_from_rows([{**row, "rule": "paren_cn", "parent_ordinals": "2", "parent_heading": "主要任务"}])
    with pytest.raises(SourceError, match="only with rule paren_cn"):
        scopes_from_rows([{**row, "rule": "arabic", "parent_ordinals": "2"}])
    scope = scopes_from_rows([{**row, "rule": "paren_cn", "parent_ordinals": "2|3"}])["zjzf-2016-24"]
    assert scope.parent_ordinals == frozenset({2, 3})
