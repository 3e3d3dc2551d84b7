"""The operator trials of one model of what is stale (issue 21): an input edited during a build, overlapping runs,
a killed publish retried by the sensor, the package shown stale from a parse until it is published, and the
sensor, the schedule, the UI's check and `gazette build` agreeing on what a run must do. Each builds the real
issue in a project copy with its own Dagster instance."""

import dagster as dg
import pytest

import pipeline.orchestration.assets as assets
import pipeline.orchestration.parse_step as parse_step
from pipeline.base.errors import BuildError
from pipeline.orchestration.automation import parse_work, publish_work
from pipeline.orchestration.definitions import build_definitions
from pipeline.orchestration.lock import claim_staging
from pipeline.orchestration.plan import make_plan
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.runner import run_build
from pipeline.orchestration.runs import PLAN_TAG, this_run_checks
from pipeline.orchestration.status import DATA_PACKAGE
from tests.conftest import SECOND_ISSUE, copy_project, tree_digest, write_issue

pytestmark = pytest.mark.integration  # Dagster runs, whole builds

ISSUE = "zjzfgb-2016-26"
NOTE = "raw/reference/units.md"  # a reference file whose edit changes no row: only the fingerprints see it


def _edit(paths, rel: str = NOTE) -> None:
    path = paths.root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\nAn edit made while a build runs.\n", encoding="utf-8")


def _sensor(paths, instance):
    with dg.build_sensor_context(instance=instance, resources={"project": ProjectResource(root=str(paths.root))},
                                 cursor="a test: report the plan only when it changes") as context:
        return build_definitions(str(paths.root)).resolve_sensor_def("raw_files_changed")(context)


def _requests(result) -> list[dg.RunRequest]:
    return [] if isinstance(result, dg.SkipReason) else list(result.run_requests)


def _skip(result) -> str:
    """Why a tick launched nothing (a ``SkipReason``, or a ``SensorResult`` that only reports the plan)."""
    return result.skip_message if isinstance(result, dg.SkipReason) else result.skip_reason.skip_message


def _current(instance, run_id: str) -> list[tuple[bool, list[str], bool]]:
    return [(e.passed, e.metadata["stale_issues"].value, e.metadata["publish_needed"].value)
            for e in this_run_checks(instance, run_id) if e.check_name == "package_current"]


def test_an_input_edited_while_issues_are_parsed_fails_the_build_naming_it(tmp_path, monkeypatch):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    read = parse_step.load_references

    def read_then_edit(project_paths):
        refs = read(project_paths)
        _edit(project_paths)  # the curator saves the file just after the build read it
        return refs

    monkeypatch.setattr(parse_step, "load_references", read_then_edit)
    with dg.instance_for_test() as instance:
        with pytest.raises(BuildError, match=f"^{NOTE}: changed while this build read it; nothing was recorded"):
            run_build(paths, instance)
        assert tree_digest(paths) == before
        assert not list(paths.parts.rglob("*.parquet"))  # the issue's part, written as parsed, was discarded
        assert make_plan(paths).stale == (ISSUE,)  # nothing recorded: still stale, never current
        monkeypatch.setattr(parse_step, "load_references", read)
        outcome = run_build(paths, instance)
        assert outcome.reparsed == (ISSUE,) and outcome.published
        assert make_plan(paths).nothing_to_do


def test_an_input_edited_while_publishing_is_published_by_the_next_run(tmp_path, monkeypatch):
    paths = copy_project(tmp_path)
    stage = assets.stage

    def edit_then_stage(*args):
        _edit(paths)  # after the issue was parsed with the file as it was
        return stage(*args)

    monkeypatch.setattr(assets, "stage", edit_then_stage)
    with dg.instance_for_test() as instance:
        first = run_build(paths, instance)
        assert first.published
        monkeypatch.setattr(assets, "stage", stage)
        after = make_plan(paths)  # the recorded fingerprints are of what the build read
        assert after.stale == (ISSUE,) and after.publish_needed
        assert any("check package_current on data_package failed" in w for w in first.warnings)
        assert [r.job_name for r in _requests(_sensor(paths, instance))] == ["parse_issues"]  # the sensor too
        second = run_build(paths, instance)
        assert second.reparsed == (ISSUE,) and second.published
        assert make_plan(paths).nothing_to_do


def test_a_build_meeting_a_staging_of_a_run_still_going_is_refused_with_the_lock_message(tmp_path):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    with dg.instance_for_test() as instance:
        job = build_definitions(str(paths.root)).resolve_job_def("publish_package")
        other = instance.create_run_for_job(job, tags={PLAN_TAG: "publish-from-the-sensor"})  # not finished
        paths.staging.mkdir(parents=True)
        claim_staging(paths, other.run_id)  # it staged, its checks are running
        with pytest.raises(BuildError, match=f"^another build is running \\(run {other.run_id} staged .build/staging "
                                             "and has not published yet\\); wait for it to finish"):
            run_build(paths, instance)
        assert tree_digest(paths) == before and paths.staging.is_dir()
        instance.report_run_failed(other)  # the sensor's run ended: its staging is a leftover now
        outcome = run_build(paths, instance)
        assert outcome.published and "removed .build/staging left by an interrupted build" in outcome.warnings
    assert not paths.staging.exists()


def test_a_killed_publish_is_retried_by_the_next_sensor_tick(tmp_path, monkeypatch):
    paths = copy_project(tmp_path)
    with dg.instance_for_test() as instance:
        run_build(paths, instance)
        (paths.curated / "tasks.csv").unlink()  # the published files no longer match: republish
        (request,) = _requests(_sensor(paths, instance))
        assert request.job_name == "publish_package" and request.run_key.endswith("-attempt1")
        job = build_definitions(str(paths.root)).resolve_job_def("publish_package")

        def killed(*args):
            raise RuntimeError("the run worker was killed")

        monkeypatch.setattr(assets, "finish", killed)
        assert not job.execute_in_process(instance=instance, tags=request.tags, raise_on_error=False).success
        monkeypatch.undo()
        (retry,) = _requests(_sensor(paths, instance))
        assert (retry.job_name, retry.tags[PLAN_TAG]) == ("publish_package", request.tags[PLAN_TAG])
        assert retry.run_key.endswith("-attempt2")  # a new key: Dagster does not skip it as already launched
        going = instance.create_run_for_job(job, tags=retry.tags)
        assert _skip(_sensor(paths, instance)).startswith("a run for this plan is still going")
        instance.report_run_failed(going)
        assert job.execute_in_process(instance=instance, tags=retry.tags).success
        assert _skip(_sensor(paths, instance)) == "raw/ unchanged and the published package is current"
        assert (paths.curated / "tasks.csv").is_file()


def test_the_package_shows_stale_from_a_parse_until_it_is_published_and_all_agree(tmp_path):
    """The UI's package_current check, the sensor, the schedule and `gazette build` plan the same runs."""
    paths = copy_project(tmp_path)
    resources = {"project": ProjectResource(root=str(paths.root))}
    with dg.instance_for_test() as instance:
        run_build(paths, instance)
        write_issue(paths, "zjzfgb-2016-27", SECOND_ISSUE.encode("utf-8"), cumulative_number=1130,
                    published_date="2016-10-08")
        plan = make_plan(paths)
        assert (plan.stale, plan.publish_needed) == (("zjzfgb-2016-27",), True)
        sensed = _sensor(paths, instance)
        (parse,) = sensed.run_requests
        assert (parse.job_name, parse.tags[PLAN_TAG]) == ("parse_issues", parse_work(plan))
        assert [(e.check_name, e.passed, e.metadata["stale_issues"].value) for e in sensed.asset_events] \
            == [("package_current", False, ["zjzfgb-2016-27"])]
        with dg.build_schedule_context(instance=instance, resources=resources) as context:
            skipped = build_definitions(str(paths.root)).resolve_schedule_def("daily_rebuild")(context)
        assert skipped.skip_message.startswith("issues to (re)parse first: ['zjzfgb-2016-27']")
        outcome = run_build(paths, instance)
        assert outcome.reparsed == plan.stale and outcome.published
        runs = {r.job_name: r for r in instance.get_runs(limit=2)}  # the build's two runs
        assert runs["parse_issues"].tags[PLAN_TAG] == parse.tags[PLAN_TAG]  # the run the sensor asked for
        recorded = instance.get_latest_materialization_event(DATA_PACKAGE).asset_materialization.metadata
        assert runs["publish_package"].tags[PLAN_TAG] == f"publish-{recorded['fingerprint'].value}"
        assert runs["publish_package"].tags[PLAN_TAG] == publish_work(make_plan(paths))
        # the UI: stale at the end of the parse run, current at the end of the publish run
        assert _current(instance, runs["parse_issues"].run_id) == [(False, [], True)]
        assert _current(instance, runs["publish_package"].run_id) == [(True, [], False)]
        assert _skip(_sensor(paths, instance)) == "raw/ unchanged and the published package is current"


def test_a_no_op_build_reads_the_plan_alone_and_never_starts_dagster(tmp_path):
    """Deciding that nothing changed reads one record and the parts' folders: no Dagster import, no instance."""
    import subprocess
    import sys

    paths = copy_project(tmp_path)
    with dg.instance_for_test() as instance:
        run_build(paths, instance)
    probe = ("import sys; from pipeline.cli import main; code = main(['--root', sys.argv[1], 'build']); "
             "print('dagster' in sys.modules); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, str(paths.root)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["issues: 1 (0 parsed, 1 unchanged)",
                                        "nothing changed: datapackage.json and curated/ are current", "False"]
    paths.published_record.unlink()  # no record of what curated/ was built from: republished, not trusted
    assert make_plan(paths).publish_needed and make_plan(paths).stale == ()
