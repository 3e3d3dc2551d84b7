"""Operations: incremental and no-op rebuilds, the build lock, recovery from a killed swap, the sensor and
schedule, and hostile input answered with a clear message while curated/ stays as it was."""

import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline.orchestration.lock import exclusive_build, recover_interrupted_swap
from pipeline.orchestration.runner import run_build
from pipeline.orchestration.definitions import defs
from pipeline.base.errors import BuildError
from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.resources import ProjectResource
from tests.conftest import REPO_ROOT, copy_project, tree_digest, write_issue
from tests.conftest import SECOND_ISSUE

pytestmark = pytest.mark.integration  # Dagster runs, whole builds, subprocesses


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


def test_command_line_builds_run_the_named_jobs(built):
    """CLI runs show in the Dagster UI as parse_issues / publish_package, not __ephemeral_asset_job__."""
    paths, instance = built
    runs = instance.get_runs()
    assert runs and {run.job_name for run in runs} == {"parse_issues", "publish_package"}
    (parse_run,) = [run for run in runs if run.job_name == "parse_issues"]  # both stale issues in one run
    assert parse_run.tags["gazette/plan"].startswith("parse-2-")  # our tag naming the work; no Dagster range tags
    assert not [tag for tag in parse_run.tags if tag.startswith("dagster/asset_partition")]


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
        first = sensor(context)  # the first tick tells the UI the plan (package_current), the next only skips
        assert first.skip_reason.skip_message == "raw/ unchanged and the published package is current"
        assert [(e.check_name, e.passed) for e in first.asset_events] == [("package_current", True)]
        assert isinstance(sensor(context), dg.SkipReason)
    with dg.build_schedule_context(instance=instance, resources=resources) as context:
        assert isinstance(schedule(context), dg.SkipReason)
    third = SECOND_ISSUE.replace("第27期 (总第1130期)", "第28期 (总第1131期)").replace("2016年第27期(总第1130期)", "2016年第28期(总第1131期)")
    write_issue(paths, "zjzfgb-2016-28", third.replace("〔2016〕95", "〔2016〕96").encode(), cumulative_number=1131,
                published_date="2016-10-08")
    try:
        with dg.build_sensor_context(instance=instance, resources=resources) as context:
            result = sensor(context)
        (request,) = result.run_requests
        assert (request.job_name, request.partition_key) == ("parse_issues", None)
        assert request.run_key.startswith("parse-1-") and request.run_key.endswith("-attempt1")
        assert [e.metadata["stale_issues"].value for e in result.asset_events] == [["zjzfgb-2016-28"]]
    finally:
        (paths.raw_gazette / "zjzfgb-2016-28.txt").unlink()
        (paths.raw_gazette / "zjzfgb-2016-28.meta.json").unlink()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipeline.orchestration.lock import exclusive_build
from pipeline.base.paths import ProjectPaths
with exclusive_build(ProjectPaths(Path(sys.argv[1]))):
    print("locked", flush=True)
    time.sleep(900)  # the fixture kills it; long enough for a parse run on a loaded machine
"""


@pytest.fixture
def build_running_elsewhere(tmp_path):
    """A project copy whose build lock is held by another process (a build in progress)."""
    paths = copy_project(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(paths.root)], cwd=REPO_ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    yield paths, holder
    holder.kill()
    holder.wait()


def test_a_second_build_stops_while_one_runs(build_running_elsewhere):
    paths, holder = build_running_elsewhere
    with dg.instance_for_test() as instance:
        with pytest.raises(BuildError, match=f"another build is running \\(pid {holder.pid}"):
            run_build(paths, instance)


def test_the_lock_is_reentrant_within_one_build(tmp_path):
    paths = copy_project(tmp_path)
    with exclusive_build(paths) as outer, exclusive_build(paths) as inner:
        assert outer == [] and inner == []


def test_a_publish_run_started_outside_the_cli_takes_the_lock(build_running_elsewhere):
    """A run of the named job (as the UI, sensor or schedule start it) is refused while another build runs."""
    from pipeline.orchestration.runner import error_messages
    from pipeline.orchestration.definitions import build_definitions

    paths, holder = build_running_elsewhere
    before = tree_digest(paths)
    job = build_definitions(str(paths.root)).resolve_job_def("publish_package")
    with dg.instance_for_test() as instance:
        parse = build_definitions(str(paths.root)).resolve_job_def("parse_issues")
        assert parse.execute_in_process(instance=instance).success
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    assert any(m.startswith(f"another build is running (pid {holder.pid}") for m in error_messages(result))
    assert tree_digest(paths) == before


def test_a_build_killed_mid_swap_is_rolled_back(tmp_path, monkeypatch, parsed, references):
    from pipeline.publish import package
    from tests.conftest import package_frames as _frames
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


def _without_24_doc_number(b: bytes) -> bytes:
    """The line under 24号's title (line 36, 浙政发〔2016〕24号) removed."""
    lines = b.split(b"\n")
    assert lines[35].decode() == "浙政发〔2016〕24号"
    return b"\n".join(lines[:35] + lines[36:])


HOSTILE = {
    "empty file": (lambda b: b"", r"zjzfgb-2016-26.txt:1: expected gazette text"),
    "cut in half": (lambda b: b[: len(b) // 2], r"zjzfgb-2016-26.txt:\d+: expected a closing masthead"),
    "GBK-encoded": (lambda b: b.decode().encode("gbk"), r"zjzfgb-2016-26.txt:5: expected UTF-8 text"),
    "binary garbage": (lambda b: bytes(range(256)) * 8, r"zjzfgb-2016-26.txt:2: expected UTF-8 text, found .byte 0x80"),
    "missing cell": (lambda b: b.replace("杭州\t亿元\t336\t11.1\t".encode(), "杭州\t亿元\t336\t".encode()), r"txt:139: expected"),
    "non-numeric cell": (lambda b: b.replace("宁波\t亿元\t216".encode(), "宁波\t亿元\t二一六".encode()), r"txt:140: expected a number"),
    "extra column": (lambda b: b.replace("温州\t亿元\t88\t11.5".encode(), "温州\t亿元\t88\t1\t11.5".encode()), r"txt:141: expected"),
    "missing attachment table": (lambda b: b.replace("七、技术交易总额".encode(), b""), r"txt:\d+: expected"),
    "document number line removed": (_without_24_doc_number,
                                     r"^raw/gazette/zjzfgb-2016-26.txt:34: expected the title of 浙政发〔2016〕24号 "
                                     r"\(listed in the table of contents\) followed by a line holding only its "
                                     r"document number 浙政发〔2016〕24号, found '各市、县"),
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
    assert proc.stderr.splitlines()[0].startswith("error: raw/gazette/zjzfgb-2016-26.txt: expected sha256 89b0fd73")
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
    assert "FAIL check file_hashes" in out and "curated/documents.csv" in out


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


def _copy_as_27(paths, data: bytes | None = None) -> None:
    """zjzfgb-2016-26.txt and its sidecar saved again as zjzfgb-2016-27.* (the sidecar's numbering unchanged)."""
    write_issue(paths, "zjzfgb-2016-27", data if data is not None else
                (REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_bytes(), issue_number=26)


def test_the_same_issue_under_two_names_is_refused(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    _copy_as_27(paths)
    with dg.instance_for_test() as instance, pytest.raises(BuildError) as err:
        run_build(paths, instance)
    assert str(err.value) == ("raw/gazette/zjzfgb-2016-27.txt:491: expected an issue distinct from "
                              "raw/gazette/zjzfgb-2016-26.txt:491 (duplicate issue: the same numbering, 2016年第26期)")
    assert tree_digest(paths) == before


def test_two_issues_printing_the_same_document_number_are_refused(tmp_path):
    """Two issues (own numbering and bytes) both printing 浙政办发〔2016〕95号: both files and lines named."""
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode(), cumulative_number=1130, published_date="2016-10-08")
    third = SECOND_ISSUE.replace("第27期 (总第1130期)", "第28期 (总第1131期)").replace(
        "2016年第27期(总第1130期)", "2016年第28期(总第1131期)")
    write_issue(paths, "zjzfgb-2016-28", third.encode(), cumulative_number=1131, published_date="2016-10-08")
    with dg.instance_for_test() as instance, pytest.raises(BuildError) as err:
        run_build(paths, instance)
    assert str(err.value) == ("raw/gazette/zjzfgb-2016-28.txt:18: expected a document not printed before "
                              "(duplicate 文号 浙政办发〔2016〕95号: also in raw/gazette/zjzfgb-2016-27.txt:18)")
    assert tree_digest(paths) == before


def test_shared_document_numbers_check_is_pure():
    from pipeline.base.errors import SourceError
    from pipeline.checks.cross_issue import check_unique_doc_numbers

    issues = [{"issue_id": "a", "source_path": "raw/a.txt"}, {"issue_id": "b", "source_path": "raw/b.txt"}]
    docs = [{"issue_id": "a", "doc_number": "X号", "line_start": 3}, {"issue_id": "b", "doc_number": "Y号", "line_start": 9}]
    check_unique_doc_numbers(issues, docs)
    with pytest.raises(SourceError, match=r"^raw/b.txt:9: expected .*duplicate 文号 X号: also in raw/a.txt:3"):
        check_unique_doc_numbers(issues, [docs[0], {**docs[1], "doc_number": "X号"}])


def test_an_unreadable_raw_file_is_refused_by_the_command_line(tmp_path):
    """chmod 000 on the raw issue, build run as the unprivileged user nobody: one error line, no traceback."""
    import os
    import shutil
    import tempfile

    if not shutil.which("setpriv") or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to run the build as another user")
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*as_nobody, sys.executable, "-c", "import pipeline.cli"], cwd="/", capture_output=True)
    if probe.returncode != 0:  # e.g. a checkout under a 0700 home or mktemp -d folder
        pytest.skip(f"user nobody cannot import pipeline from {REPO_ROOT} (a folder above it is private)")
    root = Path(tempfile.mkdtemp(prefix="gazette-nobody-"))
    try:
        root.chmod(0o755)
        paths = copy_project(root / "project")
        (root / "home").mkdir()
        (root / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
        for path in [root / "project", root / "home", *(root / "project").rglob("*"), *(root / "home").rglob("*")]:
            os.chown(path, 65534, 65534)
        before = tree_digest(paths)
        (paths.raw_gazette / "zjzfgb-2016-26.txt").chmod(0o000)
        env = {"PATH": "/usr/bin:/bin", "DAGSTER_HOME": str(root / "home"), "HOME": str(root / "home")}
        proc = subprocess.run([*as_nobody, sys.executable,
                               "-m", "pipeline", "--root", str(paths.root), "build"], cwd=REPO_ROOT,
                              capture_output=True, text=True, env=env)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.splitlines()[0] == ("error: raw/gazette/zjzfgb-2016-26.txt: expected a readable file, "
                                               "found 'Permission denied'")
        assert "Traceback" not in proc.stderr
        assert tree_digest(paths) == before
    finally:
        shutil.rmtree(root)


KILL_POINTS = {  # the swap's steps, and the one the process "dies" at
    "after the old curated/ moved aside": "staging curated -> curated",
    "after the new curated/ moved in": "staging datapackage.json -> datapackage.json",
    "after the new datapackage.json moved in": "remove .build/previous",
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_every_swap_kill_point_is_cleaned_up_by_the_next_build(point, tmp_path, monkeypatch, parsed, references):
    import shutil

    from pipeline.orchestration.lock import exclusive_build
    from pipeline.publish import package
    from pipeline.schema.registry import TABLES
    from tests.conftest import package_frames as _frames

    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    die_at = KILL_POINTS[point]
    rename, replace, rmtree = Path.rename, Path.replace, shutil.rmtree

    def step(name, action):
        if name == die_at:
            raise KeyboardInterrupt(f"killed at {name}")
        return action()

    def dying_rename(self, target):
        name = "staging curated -> curated" if self.parent.name == "staging" else "curated -> previous"
        return step(name, lambda: rename(self, target))

    def dying_replace(self, target):
        return step("staging datapackage.json -> datapackage.json", lambda: replace(self, target))

    def dying_rmtree(path, *args, **kwargs):
        name = "remove .build/previous" if Path(path).name == "previous" else "other"
        return step(name, lambda: rmtree(path, *args, **kwargs))

    monkeypatch.setattr(Path, "rename", dying_rename)
    monkeypatch.setattr(Path, "replace", dying_replace)
    monkeypatch.setattr(package.shutil, "rmtree", dying_rmtree)
    with pytest.raises(KeyboardInterrupt):
        package.publish(TABLES, _frames(parsed, references), paths)
    monkeypatch.undo()
    assert (paths.root / ".build" / "previous").exists() and paths.staging.exists()  # what the kill left
    with exclusive_build(paths) as cleaned:  # what the next build (CLI or any Dagster run) does first
        assert cleaned == ["restored the previous release from .build/previous (a build was killed while swapping "
                           "curated/ into place)", "removed .build/staging left by an interrupted build"]
    assert tree_digest(paths) == before
    assert sorted(p.name for p in (paths.root / ".build").iterdir()) == ["lock"]


def test_a_build_finding_leftover_staging_removes_it_and_says_so(tmp_path):
    paths = copy_project(tmp_path)
    (paths.staging / "curated").mkdir(parents=True)
    (paths.staging / "curated" / "half-written.csv").write_text("a,b\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "DAGSTER_HOME": str(tmp_path / ".dagster_home")}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(paths.root), "build"], cwd=REPO_ROOT,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "warning: removed .build/staging left by an interrupted build" in proc.stderr.splitlines()
    assert not paths.staging.exists()
    assert "published datapackage.json and curated/" in proc.stdout


RUN_IN_CWD = """
import dagster as dg
from pipeline.orchestration.definitions import defs  # the code location `dagster dev -m pipeline.orchestration.definitions` loads
with dg.DagsterInstance.get() as instance:
    assert defs.resolve_job_def("parse_issues").execute_in_process(instance=instance).success
    assert defs.resolve_job_def("publish_package").execute_in_process(instance=instance).success
"""


def test_a_run_launched_in_a_copy_writes_only_into_that_copy(tmp_path):
    """Runs of the code location (UI, sensor, schedule) work on the project in the working directory."""
    paths = copy_project(tmp_path / "copy")
    (paths.curated / "index.html").unlink()
    repo_before = tree_digest(__import__("pipeline.base.paths", fromlist=["ProjectPaths"]).ProjectPaths(REPO_ROOT))
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "DAGSTER_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", RUN_IN_CWD], cwd=paths.root, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (paths.curated / "index.html").is_file()  # published into the copy
    assert (paths.root / ".build" / "lock").is_file()  # under the copy's lock
    assert tree_digest(paths)["documents.csv"] == repo_before["documents.csv"]
    from pipeline.base.paths import ProjectPaths

    assert tree_digest(ProjectPaths(REPO_ROOT)) == repo_before  # the checkout itself untouched


def test_the_default_root_is_the_env_var_then_the_working_directory(tmp_path, monkeypatch):
    from pipeline.base.paths import REPO_ROOT as CHECKOUT
    from pipeline.base.paths import default_root

    monkeypatch.delenv("GAZETTE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_root() == CHECKOUT  # not a project: the checkout
    (tmp_path / "raw" / "gazette").mkdir(parents=True)
    assert default_root() == tmp_path.resolve()
    monkeypatch.setenv("GAZETTE_ROOT", str(tmp_path / "elsewhere"))
    assert default_root() == (tmp_path / "elsewhere").resolve()
    assert ProjectResource().paths.root == (tmp_path / "elsewhere").resolve()  # resolved at run time


def _add_expectation(paths, table: str, severity: str) -> None:
    import json

    suite_path = paths.expectations / f"{table}.json"
    suite = json.loads(suite_path.read_text(encoding="utf-8"))
    suite["expectations"].append({"type": "expect_table_row_count_to_be_between", "kwargs": {"max_value": 2},
                                  "severity": severity, "meta": {"source": "manual", "why": "test"}})
    suite_path.write_text(json.dumps(suite, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def test_build_failure_is_decided_from_check_results_not_message_text(tmp_path):
    """A failed WARN check is reported and the package published; a failed ERROR check stops publishing."""
    paths = copy_project(tmp_path)
    _add_expectation(paths, "documents", "warning")
    with dg.instance_for_test() as instance:
        outcome = run_build(paths, instance)
    assert outcome.published
    assert [w.splitlines()[0] for w in outcome.warnings] == [
        "check documents_expectations on documents failed (WARN):"]
    before = tree_digest(paths)
    _add_expectation(paths, "sections", "critical")
    with dg.instance_for_test() as instance, pytest.raises(BuildError) as err:
        run_build(paths, instance)
    assert "check sections_expectations on sections failed (ERROR)" in str(err.value)
    assert tree_digest(paths) == before


def test_a_run_publishes_only_the_staging_it_wrote(tmp_path):
    """Between a run's staged_package and data_package steps another run may stage its own package: the swap
    refuses a staging marked by another run (or by none) and names both runs."""
    from pipeline.orchestration.lock import check_staging_owner, claim_staging

    paths = ProjectPaths(tmp_path)
    paths.staging.mkdir(parents=True)
    with pytest.raises(BuildError, match=r"\.build/staging was staged by no run, not by this run \(run-a\)"):
        check_staging_owner(paths, "run-a")
    claim_staging(paths, "run-a")
    check_staging_owner(paths, "run-a")
    claim_staging(paths, "run-b")  # run b staged in between
    with pytest.raises(BuildError, match=r"staged by run run-b, not by this run \(run-a\): another build staged"):
        check_staging_owner(paths, "run-a")
