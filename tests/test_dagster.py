"""The whole Dagster graph materialized on a copy of the project, including a second, made-up issue."""

import dagster as dg
import polars as pl
import pytest

from pipeline.definitions import ALL_ASSETS, ALL_CHECKS, defs
from pipeline.resources import ProjectResource
from tests.conftest import copy_project, tree_digest, write_issue

SECOND_ISSUE = """浙江省人民政府公报

GAZETTE OF THE PEOPLE'S GOVERNMENT
OF ZHEJIANG PROVINCE

2016

第27期 (总第1130期)

目 录

【省政府办公厅文件】

浙江省人民政府办公厅关于开展数据测试的
通知
(浙政办发〔2016〕95 号) (3)

浙江省人民政府办公厅关于开展数据测试的通知

浙政办发〔2016〕95号

各市、县(市、区)人民政府,省政府直属各单位:

为检验数据包对新一期公报的处理,现通知如下:

一、总体要求

(一)按期完成。2016 年底前完成测试工作。

浙江省人民政府办公厅

2016年9月30日

浙江省人民政府公报

2016年第27期(总第1130期)
10月8日出版

主管主办单位:浙江省人民政府
国内统一刊号:CN33-1354/D
网 址:<http://zfgb.zj.gov.cn>
"""


def _materialize(paths):
    return dg.materialize([*ALL_ASSETS, *ALL_CHECKS], resources={"project": ProjectResource(root=str(paths.root))},
                          raise_on_error=False)


def test_definitions_load_with_descriptions():
    repo = defs.get_repository_def()
    for key in repo.asset_graph.get_all_asset_keys():
        assert repo.asset_graph.get(key).description, key
    assert defs.resolve_job_def("build_everything") is not None


@pytest.fixture(scope="module")
def two_issue_project(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("project"))
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                published_date="2016-10-08")
    result = _materialize(paths)
    return paths, result


def test_whole_graph_materializes_and_all_checks_pass(two_issue_project):
    paths, result = two_issue_project
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) == len(ALL_CHECKS)
    assert all(e.passed for e in evaluations), [e.check_name for e in evaluations if not e.passed]


def test_second_issue_adds_rows_without_code_change(two_issue_project):
    paths, _ = two_issue_project
    issues = pl.read_parquet(paths.curated / "issues.parquet")
    assert issues["issue_id"].to_list() == ["zjzfgb-2016-26", "zjzfgb-2016-27"]
    assert issues.filter(pl.col("issue_id") == "zjzfgb-2016-27")["cumulative_number"].item() == 1130
    docs = pl.read_parquet(paths.curated / "documents.parquet")
    new = docs.filter(pl.col("issue_id") == "zjzfgb-2016-27").row(0, named=True)
    assert new["document_id"] == "zjzbf-2016-95"
    assert new["title"] == "浙江省人民政府办公厅关于开展数据测试的通知"
    assert str(new["signed_date"]) == "2016-09-30" and new["toc_page"] == 3
    sections = pl.read_parquet(paths.curated / "sections.parquet").filter(pl.col("document_id") == "zjzbf-2016-95")
    assert sections["kind"].to_list() == ["title", "doc_number", "addressees", "paragraph", "heading", "item",
                                          "signature", "date"]
    # the real issue's tables are untouched by the addition
    assert pl.read_parquet(paths.curated / "indicator_values.parquet").height == 540


def test_bad_input_fails_the_run_and_leaves_curated_untouched(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    text = paths.raw_gazette / "zjzfgb-2016-26.txt"
    data = text.read_bytes().replace("杭州\t亿元\t336".encode(), "杭州\t亿元\tN/A".encode())
    write_issue(paths, "zjzfgb-2016-26", data)
    result = _materialize(paths)
    assert not result.success
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failures and failures[0].step_key == "parsed_issues"
    assert tree_digest(paths) == before


def test_failed_blocking_check_stops_publishing(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    suite = paths.expectations / "documents.json"
    text = suite.read_text(encoding="utf-8")
    seeded = text.replace('"浙江省人民政府",\n          "浙江省人民政府办公厅"', '"浙江省人民政府"')
    assert seeded != text
    suite.write_text(seeded, encoding="utf-8")
    result = _materialize(paths)
    assert not result.success
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == "documents_expectations"]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
    published = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "documents" in published and "data_package" not in published
    assert tree_digest(paths) == before
