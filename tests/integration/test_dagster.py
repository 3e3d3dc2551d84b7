"""The whole Dagster graph materialized on a copy of the project, including a second, made-up issue."""

import os
import warnings

import dagster as dg
import polars as pl
import pytest

from pipeline.orchestration.runner import run_build
from pipeline.checks.registry import CHECKS
from pipeline.orchestration.definitions import defs
from pipeline.base.errors import BuildError
from tests.conftest import SECOND_ISSUE, copy_project, tree_digest, write_issue

pytestmark = pytest.mark.integration  # Dagster runs, whole builds, subprocesses

def test_definitions_load_with_descriptions():
    repo = defs.get_repository_def()
    for key in repo.asset_graph.get_all_asset_keys():
        assert repo.asset_graph.get(key).description, key
    assert {j.name for j in repo.get_all_jobs()} >= {"parse_issues", "publish_package"}
    assert defs.resolve_sensor_def("raw_files_changed") and defs.resolve_schedule_def("daily_rebuild")


def check_evaluations(instance):
    with warnings.catch_warnings():  # the replacement API for reading raw events is not public yet
        warnings.simplefilter("ignore", DeprecationWarning)
        records = instance.get_event_records(dg.EventRecordsFilter(dg.DagsterEventType.ASSET_CHECK_EVALUATION))
    return [r.event_log_entry.dagster_event.event_specific_data for r in records]


def _materializations(instance, asset: str):
    records = instance.fetch_materializations(dg.AssetKey(asset), limit=100).records
    return [r.asset_materialization for r in records]


@pytest.fixture(scope="module")
def two_issue_project(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("project"))
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                published_date="2016-10-08")
    with dg.instance_for_test() as instance:
        outcome = run_build(paths, instance)
        yield paths, outcome, instance


def test_whole_graph_materializes_and_all_checks_pass(two_issue_project):
    paths, outcome, instance = two_issue_project
    assert outcome.published and outcome.reparsed == ("zjzfgb-2016-26", "zjzfgb-2016-27")
    runs = [r.job_name for r in instance.get_runs()]
    assert sorted(runs) == ["parse_issues", "publish_package"]  # both issues parsed in one run
    (parsed,) = _materializations(instance, "parsed_issues")
    assert parsed.metadata["issues"].value == ["zjzfgb-2016-26", "zjzfgb-2016-27"]
    assert parsed.metadata["rows"].value["issues"] == 2
    evaluations = [e for e in check_evaluations(instance) if e.check_name != "package_current"]
    assert len(evaluations) == len(CHECKS)
    # the plan's verdict shown on data_package: stale after the parse run, current after the publish run
    current = sorted((e for e in check_evaluations(instance) if e.check_name == "package_current"),
                     key=lambda e: e.passed)
    assert [(e.passed, e.metadata["stale_issues"].value, e.metadata["publish_needed"].value) for e in current] \
        == [(False, [], True), (True, [], False)]
    # the made-up issue's document has no reviewed task scope: a non-blocking warning, nothing else fails
    assert [e.check_name for e in evaluations if not e.passed] == ["review_queue_empty"]
    review = pl.read_parquet(paths.curated / "review_items.parquet")
    assert review.select("issue_id", "kind", "text").rows() == [
        ("zjzfgb-2016-27", "missing_translation", "浙江省人民政府办公厅关于开展数据测试的通知"),
        ("zjzfgb-2016-27", "default_task_scope", "浙政办发〔2016〕95号")]


def test_each_issue_is_stored_under_its_own_fingerprint(two_issue_project):
    from pipeline.orchestration.fingerprint import issue_fingerprint

    paths, _, _ = two_issue_project
    stored = {issue.name: [p.name for p in issue.iterdir()] for issue in paths.parts.iterdir()}
    assert stored == {i: [issue_fingerprint(paths, i)] for i in ("zjzfgb-2016-26", "zjzfgb-2016-27")}
    assert len({fp for fps in stored.values() for fp in fps}) == 2


def test_stale_issues_are_cut_into_batches_one_per_worker():
    from pipeline.orchestration.parse_step import batches

    issues = [f"i{n:03d}" for n in range(120)]
    assert batches(issues, workers=2, min_batch=50) == [issues[:60], issues[60:]]
    assert batches(issues, workers=8, min_batch=50) == [issues[:60], issues[60:]]  # at least 50 a batch: two
    assert batches(issues[:49], workers=2, min_batch=50) == [issues[:49]]  # one batch, no second process
    assert batches(issues, workers=1, min_batch=50) == [issues]
    assert batches(issues, workers=2) == [issues]  # by default a batch is worth a process only from 400 issues
    assert batches([], workers=2) == []


def test_a_build_parses_on_worker_processes_only_when_the_stale_issues_make_two_batches():
    from pipeline.orchestration.job_runs import in_parallel

    assert not in_parallel(1, cores=2) and not in_parallel(799, cores=2)  # the scheduled rebuild's one issue
    assert in_parallel(800, cores=2) and in_parallel(2000, cores=8)
    assert not in_parallel(2000, cores=1)  # one CPU: one batch, in-process


def test_second_issue_adds_rows_without_code_change(two_issue_project):
    paths, _, _ = two_issue_project
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
    values = pl.read_parquet(paths.curated / "indicator_values.parquet")
    assert values.filter(pl.col("issue_id") == "zjzfgb-2016-26").height == 540


def test_failed_blocking_check_stops_publishing(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    suite = paths.expectations / "documents.json"
    text = suite.read_text(encoding="utf-8")
    seeded = text.replace('"浙江省人民政府",\n          "浙江省人民政府办公厅"', '"浙江省人民政府"')
    assert seeded != text
    suite.write_text(seeded, encoding="utf-8")
    with dg.instance_for_test() as instance:
        with pytest.raises(BuildError, match=r"check documents_expectations on documents failed \(ERROR\)"):
            run_build(paths, instance)
        (evaluation,) = [e for e in check_evaluations(instance) if e.check_name == "documents_expectations"]
        assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
        assert instance.get_latest_materialization_event(dg.AssetKey("documents")) is not None
        assert instance.get_latest_materialization_event(dg.AssetKey("data_package")) is None
    assert tree_digest(paths) == before


def test_the_multiprocess_executor_parses_batches_in_separate_processes(tmp_path, monkeypatch):
    """Two batches of the parse step, each a step in a process of its own, both stored. (Whether they overlap in
    time depends on the machine's load: each batch parses one issue in less time than a process takes to start;
    the speed-up on a corpus is measured by benchmarks/run.py --only executors, not asserted here.)"""
    from pipeline.orchestration.fingerprint import issue_fingerprint
    from pipeline.orchestration.job_runs import execute
    from pipeline.orchestration.parts import has_part

    paths = copy_project(tmp_path)
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                published_date="2016-10-08")
    config = {"ops": {"parsed_issues": {"ops": {"stale_issue_batches": {"config": {"workers": 2, "min_batch": 1}}}}}}
    with dg.instance_for_test() as instance:
        result = execute("parse_issues", paths.root, False, "multiprocess", instance, {}, config)
        assert result.success
        pids = {e.step_key: e.dagster_event.pid
                for e in instance.all_logs(result.run_id, of_type=dg.DagsterEventType.STEP_START)}
    batches = sorted(k for k in pids if k.startswith("parsed_issues.parse_batch["))
    assert batches == ["parsed_issues.parse_batch[batch_0]", "parsed_issues.parse_batch[batch_1]"]
    assert len({pids[k] for k in batches} | {os.getpid()}) == 3  # two worker processes, neither this one
    assert all(has_part(paths, i, issue_fingerprint(paths, i)) for i in ("zjzfgb-2016-26", "zjzfgb-2016-27"))


def test_a_build_with_many_stale_issues_parses_in_worker_processes_and_reports_errors_by_line(tmp_path,
                                                                                              monkeypatch):
    """``gazette build`` hands a parse of more than one batch to the multiprocess executor (job_runs; here
    forced for two issues): the parse runs outside the build's process, the package is published, and a bad
    line still comes back as one readable message naming the file and line."""
    from pipeline.orchestration import job_runs

    monkeypatch.setattr(job_runs, "in_parallel", lambda stale, cores=None: True)
    paths = copy_project(tmp_path)
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                published_date="2016-10-08")
    with dg.instance_for_test() as instance:
        outcome = run_build(paths, instance)
        assert outcome.published and sorted(outcome.reparsed) == ["zjzfgb-2016-26", "zjzfgb-2016-27"]
        [parse_run] = [r for r in instance.get_run_records() if r.dagster_run.job_name == "parse_issues"]
        pids = {e.dagster_event.pid for e in instance.all_logs(parse_run.dagster_run.run_id,
                                                               of_type=dg.DagsterEventType.STEP_START)}
        assert pids and os.getpid() not in pids
    issues = pl.read_parquet(paths.curated / "issues.parquet")
    assert issues["issue_id"].to_list() == ["zjzfgb-2016-26", "zjzfgb-2016-27"]

    before = tree_digest(paths)
    write_issue(paths, "zjzfgb-2016-27", b"\xff\xfe not UTF-8", cumulative_number=1130, published_date="2016-10-08")
    with dg.instance_for_test() as instance:
        with pytest.raises(BuildError, match=r"zjzfgb-2016-27\.txt:1: expected UTF-8 text"):
            run_build(paths, instance)
    assert tree_digest(paths) == before  # the last good package stays
