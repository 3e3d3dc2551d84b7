"""Curation from the review queue (pipeline.raw.curation, `gazette review [--suggest]`): grouping by the file to
edit, alias-or-unit choice, ready CSV rows with placeholders the reference reader refuses."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from pipeline.cli import main
from pipeline.raw.curation import ALIAS_RATIO, group_by_file, unit_choice
from pipeline.reference.declarations import UNITS_FILE, read
from pipeline.schema.tables_review import REVIEW_ITEMS
from tests.conftest import copy_project


def item(kind: str, text: str, line: int, document_id: str | None = "zjzf-2016-27", occurrences: int = 1,
         detail: str = "published as provisional unit zj-provisional-0", issue_id: str = "zjzfgb-2016-27") -> dict:
    return {"issue_id": issue_id, "kind": kind, "text": text, "document_id": document_id, "line": line,
            "occurrences": occurrences, "detail": detail, "suggested_action": "…"}


QUEUE = [
    item("unknown_unit", "省发改委", 68),
    item("unknown_unit", "省大数据局", 76, occurrences=3),
    item("default_task_scope", "浙政发〔2016〕27号", 291,
         detail="no reviewed row in raw/reference/task_scopes.csv: the default rule found 20 task(s)"),
    item("missing_clause", "zjzf-2016-27-t20 20 加强组织领导和监督检查", 353, detail="published without units"),
    item("missing_translation", "浙江省人民政府办公厅关于开展数据测试的通知", 289, detail="title_en is null"),
    item("toc_mismatch", "浙政发〔2016〕99号", 20, document_id=None, detail="not printed"),
]


@pytest.fixture
def project(tmp_path):
    paths = copy_project(tmp_path)
    paths.build.mkdir(exist_ok=True)
    pl.DataFrame(QUEUE, schema={c: (pl.Int64 if c in ("line", "occurrences") else pl.String)
                                for c in REVIEW_ITEMS.column_names}).write_parquet(paths.last_queue)
    return paths


def test_a_close_name_is_likelier_an_alias_and_a_new_name_a_unit():
    units = read(UNITS_FILE)
    unit, alias, ratio = unit_choice("省发改委", units)
    assert unit["unit_id"] == "zj-comm-development-reform" and alias == "省发展改革委" and ratio >= ALIAS_RATIO
    assert unit_choice("省大数据局", units)[0] is None
    assert unit_choice("省财政局", units)[0] is None  # same core as 省财政厅 but another type of body


def test_items_are_grouped_by_the_file_to_edit_in_reference_file_order():
    groups = group_by_file(QUEUE)
    assert list(groups) == ["raw/reference/units.csv", "raw/reference/task_scopes.csv",
                            "raw/reference/document_titles.csv",
                            "no reference row (check the raw lines; the parser or the issue's notes)"]
    assert [i["text"] for i in groups["raw/reference/units.csv"]] == ["省发改委", "省大数据局"]


def test_review_prints_the_groups_and_counts_by_kind(project, capsys):
    assert main(["--root", str(project.root), "review"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== raw/reference/units.csv: 2 item(s)\nzjzfgb-2016-27:68: unknown_unit: 省发改委\n")
    assert "    likelier: add an alias to zj-comm-development-reform (省发展改革委, difflib ratio 0.67 >= 0.6)\n" in out
    assert "\n    likelier: add a unit (closest " in out  # 省大数据局: no curated 局 with a name alike
    assert out.rstrip().endswith("6 item(s) in the review queue (default_task_scope 1, missing_clause 1, "
                                 "missing_translation 1, toc_mismatch 1, unknown_unit 2); `gazette review "
                                 "--suggest` prints the rows to add")


def blocks(text: str) -> dict[str, list[dict]]:
    out = {}
    for block in text.split("\n\n"):
        head = block.splitlines()[0]
        if head.startswith("# raw/"):
            rows = [line for line in block.splitlines() if not line.startswith("#")]
            out[head[2:].split(":")[0]] = list(csv.DictReader(io.StringIO("\n".join(rows))))
    return out


def test_suggest_prints_ready_rows_with_the_header_of_each_file(project, capsys):
    assert main(["--root", str(project.root), "review", "--suggest"]) == 0
    out = capsys.readouterr().out
    assert "# raw/reference/units.csv: 2 row(s); replace the rows of zj-comm-development-reform (line 3)" in out
    assert "省发改委: likelier an alias of zj-comm-development-reform (省发展改革委, ratio 0.67)" in out
    printed = blocks(out)
    alias, unit = printed["raw/reference/units.csv"]
    assert alias["aliases"].startswith("省发展改革委|") and alias["aliases"].endswith("|省发改委") and "written 省发改委 at line 68 of zjzfgb-2016-27.txt" in alias["source"]
    assert (unit["unit_id"], unit["category"], unit["full_name_zh"]) == (
        "zj-bureau-<FILL: english-subject>", "provincial_bureau", "<FILL: official full name>")
    assert unit["source"] == "named in responsibility clauses at line 76 (first of 3) of zjzfgb-2016-27.txt"
    [scope] = printed["raw/reference/task_scopes.csv"]
    assert (scope["document_id"], scope["rule"], scope["tasks_without_clause"]) == ("zjzf-2016-27", "default", "20")
    [title] = printed["raw/reference/document_titles.csv"]
    assert title["title_en"] == "<FILL: English title>"  # no curated document has that title
    assert title["title"] == "浙江省人民政府办公厅关于开展数据测试的通知"  # later issues printing it reuse the row
    assert "# no reference row (check the raw lines; the parser or the issue's notes): zjzfgb-2016-27:20: " \
           "toc_mismatch" in out


def test_an_identical_curated_title_is_reused(project, capsys):
    queue = [item("missing_translation", "浙江省人民政府关于促进外贸回稳向好的若干意见", 289)]
    pl.DataFrame(queue).write_parquet(project.last_queue)
    assert main(["--root", str(project.root), "review", "--suggest"]) == 0
    [title] = blocks(capsys.readouterr().out)["raw/reference/document_titles.csv"]
    assert title["title_en"] == ("Opinions of the People's Government of Zhejiang Province on Promoting the "
                                 "Stabilisation and Improvement of Foreign Trade")
