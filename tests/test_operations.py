"""Operations: incremental and no-op rebuilds, the build lock, recovery from a killed swap, the sensor and
schedule, and hostile input answered with a clear message while curated/ stays as it was."""

import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline.build_lock import exclusive_build, recover_interrupted_swap
from pipeline.build_runner import run_build
from pipeline.definitions import defs
from pipeline.errors import BuildError
from pipeline.resources import ProjectResource
from tests.conftest import REPO_ROOT, copy_project, tree_digest, write_issue
from tests.test_dagster import SECOND_ISSUE


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project copy built once in its own instance (two issues)."""
    paths = copy_project(tmp_path_factory.mktemp("ops"))
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                published_date="2016-10-08")
    with dg.instance_for_test() as instance:
        run_build(paths, instance)
        yield paths, instance


def test_rebuild_with_nothing_changed_reparses_and_republishes_nothing(built):
    paths, instance = built
    before = tree_digest(paths)
    outcome = run_build(paths, instance)
    assert outcome.reparsed == () and not outcome.published and outcome.plan.nothing_to_do
    assert tree_digest(paths) == before


def test_only_the_changed_issue_is_reparsed(built):
    paths, instance = built
    changed = SECOND_ISSUE.replace("2016 年底前完成测试工作。", "2016 年12月31日前完成测试工作。")
    write_issue(paths, "zjzfgb-2016-27", changed.encode("utf-8"), cumulative_number=1130, published_date="2016-10-08")
    outcome = run_build(paths, instance)
    assert outcome.reparsed == ("zjzfgb-2016-27",) and outcome.published
    import polars as pl

    text = pl.read_parquet(paths.curated / "sections.parquet").filter(pl.col("section_id") == "zjzbf-2016-95-p006")["text"].item()
    assert text == "(一)按期完成。2016年12月31日前完成测试工作。"


def test_sensor_and_schedule_follow_content_changes(built):
    paths, instance = built
    resources = {"project": ProjectResource(root=str(paths.root))}
    sensor = defs.resolve_sensor_def("raw_files_changed")
    schedule = defs.resolve_schedule_def("daily_rebuild")
    with dg.build_sensor_context(instance=instance, resources=resources) as context:
        assert isinstance(sensor(context), dg.SkipReason)
    with dg.build_schedule_context(instance=instance, resources=resources) as context:
        assert isinstance(schedule(context), dg.SkipReason)
    third = SECOND_ISSUE.replace("第27期 (总第1130期)", "第28期 (总第1131期)").replace("2016年第27期(总第1130期)", "2016年第28期(总第1131期)")
    write_issue(paths, "zjzfgb-2016-28", third.replace("〔2016〕95", "〔2016〕96").encode(), cumulative_number=1131,
                published_date="2016-10-08")
    try:
        with dg.build_sensor_context(instance=instance, resources=resources) as context:
            result = sensor(context)
        assert [r.partition_key for r in result.run_requests] == ["zjzfgb-2016-28"]
        assert result.run_requests[0].run_key.startswith("zjzfgb-2016-28-")
        assert result.dynamic_partitions_requests[0].partition_keys == ["zjzfgb-2016-28"]
    finally:
        (paths.raw_gazette / "zjzfgb-2016-28.txt").unlink()
        (paths.raw_gazette / "zjzfgb-2016-28.meta.json").unlink()


def test_a_second_build_stops_while_one_runs(tmp_path):
    paths = copy_project(tmp_path)
    with exclusive_build(paths), dg.instance_for_test() as instance:
        with pytest.raises(BuildError, match="another build is running"):
            run_build(paths, instance)


def test_a_build_killed_mid_swap_is_rolled_back(tmp_path, monkeypatch, parsed, references):
    from pipeline.publish import package
    from tests.test_publish import _frames
    from pipeline.schema.registry import TABLES

    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    original = Path.rename
    calls = []

    def dying_rename(self, target):
        calls.append(self)
        if len(calls) == 2:  # staging/curated -> curated: the process "dies" here
            raise KeyboardInterrupt("killed")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", dying_rename)
    with pytest.raises(KeyboardInterrupt):
        package.publish(TABLES, _frames(parsed, references), paths)
    monkeypatch.undo()
    assert not paths.curated.exists()  # the half-done state a kill leaves behind
    assert recover_interrupted_swap(paths)
    assert tree_digest(paths) == before


HOSTILE = {
    "empty file": (lambda b: b"", r"zjzfgb-2016-26.txt:1: expected gazette text"),
    "cut in half": (lambda b: b[: len(b) // 2], r"zjzfgb-2016-26.txt:\d+: expected a closing masthead"),
    "GBK-encoded": (lambda b: b.decode().encode("gbk"), r"zjzfgb-2016-26.txt:5: expected UTF-8 text"),
    "binary garbage": (lambda b: bytes(range(256)) * 8, r"zjzfgb-2016-26.txt:2: expected UTF-8 text, found .byte 0x80"),
    "missing cell": (lambda b: b.replace("杭州\t亿元\t336\t11.1\t".encode(), "杭州\t亿元\t336\t".encode()), r"txt:139: expected"),
    "non-numeric cell": (lambda b: b.replace("宁波\t亿元\t216".encode(), "宁波\t亿元\t二一六".encode()), r"txt:140: expected a number"),
    "extra column": (lambda b: b.replace("温州\t亿元\t88\t11.5".encode(), "温州\t亿元\t88\t1\t11.5".encode()), r"txt:141: expected"),
    "missing attachment table": (lambda b: b.replace("七、技术交易总额".encode(), b""), r"txt:\d+: expected"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_refused_with_file_line_and_expectation(case, tmp_path):
    mutate, message = HOSTILE[case]
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    write_issue(paths, "zjzfgb-2016-26", mutate((REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_bytes()))
    with dg.instance_for_test() as instance, pytest.raises(BuildError) as err:
        run_build(paths, instance)
    assert __import__("re").search(message, str(err.value)), str(err.value)
    assert "Traceback" not in str(err.value)
    assert tree_digest(paths) == before


def test_command_line_reports_errors_without_traceback(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    text = paths.raw_gazette / "zjzfgb-2016-26.txt"
    text.write_bytes(text.read_bytes().replace("杭州\t亿元\t336".encode(), "杭州\t亿元\t337".encode()))
    env = {"PATH": "/usr/bin:/bin", "DAGSTER_HOME": str(tmp_path / ".dagster_home")}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(paths.root), "build"], cwd=REPO_ROOT,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0].startswith("error: parsed_issue: raw/gazette/zjzfgb-2016-26.txt: expected sha256 89b0fd73")
    assert "Traceback" not in proc.stderr
    assert tree_digest(paths) == before


def test_validate_command_reruns_the_checks_on_the_published_package(tmp_path, capsys):
    from pipeline.cli import main

    paths = copy_project(tmp_path)
    assert main(["--root", str(paths.root), "validate"]) == 0
    assert "the published package is valid" in capsys.readouterr().out
    csv = paths.curated / "documents.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2016-08-01", "2016-08-02"), encoding="utf-8")
    assert main(["--root", str(paths.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "FAIL check frictionless_valid" in out and "documents" in out


def test_a_target_link_to_no_published_target_is_reported(parsed):
    import polars as pl

    from pipeline.checks.cross_table import unresolved_target_links

    from pipeline.checks.cross_table import ignored_target_links

    targets = pl.DataFrame({"target_id": [t["target_id"] for t in parsed["targets"]]})
    documents = pl.DataFrame({"document_id": [d["document_id"] for d in parsed["documents"]]})
    link = {"target_id": "zjzf-2016-24-g002"}
    assert unresolved_target_links([link], targets, documents) == []
    # a link to a printed document's missing target is reported; one to a document of an absent issue is ignored
    links = [link, {"target_id": "zjzf-2016-24-g999"}, {"target_id": "zjzf-2016-99-g001"}]
    assert unresolved_target_links(links, targets, documents) == [
        "raw/reference/target_indicator_links.csv:3: expected a published target zjzf-2016-24-g999"]
    assert ignored_target_links(links, documents) == ["zjzf-2016-99-g001"]
