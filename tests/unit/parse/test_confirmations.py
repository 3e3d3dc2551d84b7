"""Fewer confirmations (issue 20, point 4): what the build can decide from curated facts raises no review item.

A document printed with a title that document_titles.csv already translates (for another document) takes that
translation. The sentences and titles of the synthetic cases are our own wording.
"""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.issue import parse_issue
from pipeline.raw.references import load_title_translations
from pipeline.reference.declarations import DOCUMENT_TITLES_FILE

TITLE_25 = "浙江省人民政府关于促进外贸回稳向好的若干意见"
EN_25 = "Opinions of the People's Government of Zhejiang Province on Promoting the Stabilisation and Improvement of " \
        "Foreign Trade"


def _kinds(rows) -> list[tuple[str, str]]:
    return [(r["kind"], r["text"]) for r in rows["review_items"]]


def test_a_title_identical_to_a_curated_title_reuses_its_translation(raw_issue, references) -> None:
    # 25号 as if its own row were missing: the row of a document printed with the same title translates it
    own = {k: v for k, v in references.document_titles.items() if k != "zjzf-2016-25"}
    refs = dataclasses.replace(references, document_titles=own, title_translations={TITLE_25: EN_25})
    rows = parse_issue(raw_issue, refs)
    (doc,) = [d for d in rows["documents"] if d["document_id"] == "zjzf-2016-25"]
    assert (doc["title"], doc["title_en"]) == (TITLE_25, EN_25)
    assert ("missing_translation", TITLE_25) not in _kinds(rows)
    # without the translation of the title, the item is raised as before
    rows = parse_issue(raw_issue, dataclasses.replace(refs, title_translations={}))
    assert ("missing_translation", TITLE_25) in _kinds(rows)
    assert [d["title_en"] for d in rows["documents"] if d["document_id"] == "zjzf-2016-25"] == [None]


def test_the_real_titles_file_gives_each_printed_title_its_translation() -> None:
    from pipeline.base.paths import REPO_ROOT

    translations = load_title_translations(REPO_ROOT)
    assert translations[TITLE_25] == EN_25 and len(translations) == 4


def test_one_printed_title_with_two_translations_is_refused(tmp_path) -> None:
    path = tmp_path / DOCUMENT_TITLES_FILE.path
    path.parent.mkdir(parents=True)
    path.write_text("document_id,title,title_en,source\n"
                    f"zjzf-2019-3,{TITLE_25},Opinions on Foreign Trade,a note\n"
                    f"zjzf-2020-8,{TITLE_25},Opinions on Stabilising Foreign Trade,another note\n"
                    "zjzf-2021-2,,Notice on Something,a row without the printed title\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_title_translations(tmp_path)
    assert (err.value.path, err.value.line, err.value.found) == (DOCUMENT_TITLES_FILE.path, 3,
                                                                 "Opinions on Stabilising Foreign Trade")


# --- default task scopes ---------------------------------------------------------------------------------------


def test_a_default_task_scope_is_recorded_on_the_document_not_queued(raw_issue, references) -> None:
    rows = parse_issue(raw_issue, dataclasses.replace(references, task_scopes={}))
    assert {d["document_id"]: d["task_scope"] for d in rows["documents"]} == {
        "zjzf-2016-24": "rule", "zjzf-2016-25": "rule", "zjzbf-2016-89": "rule", "zjzbf-2016-90": "rule"}
    assert len(rows["tasks"]) == 62
    # no confirmation is asked; measure 20 of 25号, printed without the clause its 19 siblings carry, still is
    assert [(r["kind"], r["text"][:16]) for r in rows["review_items"]] == [("missing_clause", "zjzf-2016-25-t20")]
    reviewed = parse_issue(raw_issue, references)
    assert {d["task_scope"] for d in reviewed["documents"]} == {"reference"} and reviewed["review_items"] == []


def test_a_rule_that_finds_no_task_among_numbered_items_is_queued() -> None:
    from pipeline.parse.tasks import build_tasks
    from pipeline.parse.units import UnitIndex
    from pipeline.text.lines import split_lines

    lines = split_lines("浙政发〔2021〕3号\n一、工作目标\n1.建设示范区。推进试点。\n2.培育主体。扶持企业。\n")

    def row(n, kind, marker, ordinal, parent):
        return {"section_id": f"zjzf-2021-3-p{n:03d}", "document_id": "zjzf-2021-3", "position": n, "part": "body",
                "kind": kind, "parent_id": parent, "level": 1, "marker": marker, "ordinal": ordinal, "heading": None,
                "text": lines[n - 1].clean, "line_start": n, "line_end": n}

    rows = [row(1, "doc_number", None, None, None), row(2, "heading", "一、", 1, None),
            row(3, "item", "1.", 1, "zjzf-2021-3-p002"), row(4, "item", "2.", 2, "zjzf-2021-3-p002")]
    out = build_tasks(rows, lines, UnitIndex((), {}), "x.txt", {}, forms={"zjzf-2021-3": "notice"})
    assert out.tasks == [] and out.scope_sources == {"zjzf-2021-3": "rule"}
    [note] = out.notes
    assert (note.kind, note.text, note.line) == ("default_task_scope", "浙政发〔2021〕3号", 1)
    assert "no task among 2 numbered item(s)" in note.detail
    # the same document under 一、主要任务: the rule finds the two tasks, nothing is queued
    rows[1] = {**rows[1], "heading": "主要任务"}
    out = build_tasks(rows, lines, UnitIndex((), {}), "x.txt", {}, forms={"zjzf-2021-3": "notice"})
    assert [t["task_id"] for t in out.tasks] == ["zjzf-2021-3-t01", "zjzf-2021-3-t02"] and out.notes == []
