"""The one check registry: every check declared once, each fails on bad data, each runs once per build."""

import json
from collections import Counter

import dagster as dg
import polars as pl
import pytest

from pipeline.orchestration.asset_checks import ASSET_CHECKS
from pipeline.checks import gx_runner
from pipeline.checks.registry import BY_NAME, CHECKS, Outcome, evaluate, gate
from pipeline.orchestration.definitions import ALL_CHECKS
from pipeline.base.changelog import release_version
from pipeline.base.errors import BuildError
from pipeline.base.paths import REPO_ROOT
from pipeline.publish.package import stage
from pipeline.schema.registry import TABLES
from tests.conftest import copy_project, tree_digest
from tests.conftest import package_frames as _frames

#: The checkout's release, which a build passes to the writers (``base.changelog.release_version``).
VERSION = release_version(REPO_ROOT)


@pytest.fixture(scope="module")
def frames(parsed, references):
    return _frames(parsed, references)


@pytest.fixture
def staged(tmp_path, frames):
    return stage(TABLES, frames, tmp_path / "staged", VERSION).parent


def test_every_check_is_declared_once_and_wired_once():
    names = [c.name for c in CHECKS]
    wired = [key.name for definition in ALL_CHECKS for key in definition.check_keys]
    # every registry check once, and the plan's verdict on data_package (not a check of the data: no registry entry)
    assert len(names) == len(set(names)) == len(wired) - 1 == len(TABLES) + 7
    assert sorted(wired) == sorted([*names, "package_current"])
    assert [d.node_def.name for d in ASSET_CHECKS] == ["table_checks", "derived_table_checks",
                                                      "package_checks"]  # three steps
    assert {c.name for c in CHECKS if c.severity == "suite"} == {f"{t.name}_expectations" for t in TABLES}
    package_checks = {c.name for c in CHECKS if c.asset == "staged_package"}
    assert package_checks == {"foreign_keys_resolve", "file_hashes", "frictionless_valid",
                              "descriptor_matches_registry"}
    assert BY_NAME["review_queue_empty"].severity == "strict"


def test_task_units_check_fails_without_a_lead(frames):
    check = BY_NAME["task_units_agree_with_tasks"]
    assert evaluate(check, frames).passed
    no_lead = frames["task_units"].filter(~((pl.col("task_id") == "zjzf-2016-24-t02-01") & (pl.col("role") == "lead")))
    bad = evaluate(check, {**frames, "task_units": no_lead})
    assert bad.blocking and "zjzf-2016-24-t02-01" in bad.messages[0]


def test_target_links_ignore_absent_documents_and_fail_on_missing_targets(frames, references):
    check = BY_NAME["target_links_resolve"]
    inputs = {**frames, "references": references}
    assert evaluate(check, inputs).passed
    without = frames["targets"].filter(pl.col("target_id") != "zjzf-2016-24-g002")
    bad = evaluate(check, {**inputs, "targets": without})
    assert bad.blocking and bad.messages == (
        "raw/reference/target_indicator_links.csv:2: expected a published target zjzf-2016-24-g002",)
    no_documents = frames["documents"].clear()  # no issue prints the linked documents: every link ignored
    ignored = evaluate(check, {**inputs, "targets": without, "documents": no_documents})
    assert ignored.passed and "zjzf-2016-24-g002" in ignored.detail["ignored_links_to_absent_documents"]


def test_review_queue_warns_and_blocks_only_in_a_strict_build(frames):
    check = BY_NAME["review_queue_empty"]
    assert evaluate(check, frames, strict=True).passed
    item = {"issue_id": "zjzfgb-2016-26", "kind": "unknown_unit", "text": "省测试厅", "document_id": "zjzf-2016-24",
            "line": 60, "occurrences": 2, "detail": None, "suggested_action": "add an alias"}
    queue = pl.DataFrame([item], schema=frames["review_items"].schema)
    lenient, strict = evaluate(check, {"review_items": queue}), evaluate(check, {"review_items": queue}, strict=True)
    assert (lenient.passed, lenient.blocking, strict.blocking) == (False, False, True)
    assert strict.messages == ("zjzfgb-2016-26:60: unknown_unit 省测试厅 (2x)",)
    assert lenient.detail == {"items": 1, "by_kind": {"unknown_unit": 1}}
    assert gate([lenient]) == [f"check {c.name} did not run in this build" for c in CHECKS if c.name != check.name]


def test_suite_check_fails_on_a_critical_expectation(frames):
    check = BY_NAME["documents_expectations"]
    good = evaluate(check, {**frames, "expectations": REPO_ROOT / "expectations", "validated": None})
    assert good.passed and len(good.detail["suite"]["outcomes"]) > 10
    bad_frame = frames["documents"].with_columns(pl.lit("某某单位").alias("issuer"))
    bad = evaluate(check, {"documents": bad_frame, "expectations": REPO_ROOT / "expectations",
                          "validated": None})
    assert bad.blocking and any("issuer" in m for m in bad.messages)


def test_package_checks_pass_on_the_staged_package(staged):
    for name in ("foreign_keys_resolve", "file_hashes", "frictionless_valid", "descriptor_matches_registry"):
        assert evaluate(BY_NAME[name], {"package": staged}).passed, name


def test_foreign_key_check_fails_on_an_orphan(tmp_path, frames):
    sections = frames["sections"].with_columns(
        pl.when(pl.col("section_id") == "zjzf-2016-24-p010").then(pl.lit("zjzf-2016-99"))
        .otherwise(pl.col("document_id")).alias("document_id"))
    package = stage(TABLES, {**frames, "sections": sections}, tmp_path / "s", VERSION).parent
    bad = evaluate(BY_NAME["foreign_keys_resolve"], {"package": package})
    assert bad.blocking and bad.messages[0].startswith("sections.document_id -> documents: 1 value(s) with no match")


def test_parquet_hash_and_descriptor_checks_fail_on_tampered_files(staged):
    parquet = staged / "curated" / "regions.parquet"
    pl.read_parquet(parquet).head(3).write_parquet(parquet)
    messages = evaluate(BY_NAME["file_hashes"], {"package": staged}).messages
    assert len(messages) == 2 and messages[0].startswith("curated/regions.parquet: ")
    recorded = {r["name"]: r for r in json.loads((staged / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert messages[0] == (f"curated/regions.parquet: {parquet.stat().st_size} bytes, datapackage.json says "
                           f"{recorded['regions']['parquet']['bytes']}")
    assert messages[1] == "curated/regions.parquet: sha256 differs from datapackage.json"
    descriptor = json.loads((staged / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][0]["name"] = "issue"
    (staged / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    bad = evaluate(BY_NAME["descriptor_matches_registry"], {"package": staged})
    assert bad.blocking and bad.messages[0].startswith("issues: columns differ")


def test_file_hashes_fail_on_a_tampered_csv(staged):
    csv = staged / "curated" / "issues.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("CN33-1354/D", "CN33-1354/X"), encoding="utf-8")
    assert evaluate(BY_NAME["file_hashes"], {"package": staged}).messages == (
        "curated/issues.csv: sha256 differs from datapackage.json",)
    assert evaluate(BY_NAME["frictionless_valid"], {"package": staged}).passed  # still a well-formed CSV


def test_frictionless_check_fails_on_a_value_of_the_wrong_type(staged):
    csv = staged / "curated" / "documents.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2016-08-01", "2016-08-32"), encoding="utf-8")
    bad = evaluate(BY_NAME["frictionless_valid"], {"package": staged})
    assert bad.blocking and any(m.startswith("documents: Type error") and "2016-08-32" in m for m in bad.messages)


def test_frictionless_reads_at_most_the_declared_rows(staged, monkeypatch):
    from pipeline.checks import registry

    csv = staged / "curated" / "indicator_values.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[-1].endswith(",268\n")  # the last row's line number, an integer column
    csv.write_text("".join(lines[:-1]) + lines[-1].replace(",268\n", ",26x\n"), encoding="utf-8")
    assert not evaluate(BY_NAME["frictionless_valid"], {"package": staged}).passed
    monkeypatch.setattr(registry, "FRICTIONLESS_ROWS", len(lines) - 2)
    assert evaluate(BY_NAME["frictionless_valid"], {"package": staged}).passed


def _count_runs(monkeypatch) -> Counter:
    counts: Counter = Counter()
    for check in CHECKS:
        def counted(inputs, run=check.run, name=check.name):
            counts[name] += 1
            return run(inputs)
        object.__setattr__(check, "run", counted)  # frozen dataclass; the fixture restores it
    real_suite = gx_runner.run_suite

    def counted_suite(*args, **kwargs):
        counts["run_suite"] += 1
        return real_suite(*args, **kwargs)

    monkeypatch.setattr(gx_runner, "run_suite", counted_suite)
    return counts


@pytest.fixture
def counted_checks(monkeypatch):
    originals = {c.name: c.run for c in CHECKS}
    yield _count_runs(monkeypatch)
    for check in CHECKS:
        object.__setattr__(check, "run", originals[check.name])


@pytest.mark.integration
def test_every_check_runs_exactly_once_in_a_build(tmp_path, counted_checks):
    from pipeline.orchestration.runner import run_build

    paths = copy_project(tmp_path)
    with dg.instance_for_test() as instance:
        outcome = run_build(paths, instance, strict=True)
    assert outcome.published
    assert counted_checks == Counter({**{c.name: 1 for c in CHECKS}, "run_suite": len(TABLES)})
    report = json.loads((paths.curated / "validation_report.json").read_text(encoding="utf-8"))
    assert len(report["suites"]) == len(TABLES) and len(report["checks"]) == len(CHECKS) - len(TABLES)


@pytest.mark.integration
def test_a_failed_check_on_the_staged_package_stops_the_swap(tmp_path):
    from pipeline.orchestration.runner import run_build

    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    check = BY_NAME["file_hashes"]
    original = check.run
    object.__setattr__(check, "run", lambda inputs: Outcome(("curated/issues.parquet: seeded mismatch",)))
    try:
        with dg.instance_for_test() as instance:
            with pytest.raises(BuildError, match=r"check file_hashes on staged_package failed \(ERROR\)"):
                run_build(paths, instance)
            assert instance.get_latest_materialization_event(dg.AssetKey("staged_package")) is not None
            assert instance.get_latest_materialization_event(dg.AssetKey("data_package")) is None
    finally:
        object.__setattr__(check, "run", original)
    assert tree_digest(paths) == before
