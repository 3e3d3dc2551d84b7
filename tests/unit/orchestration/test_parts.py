"""The parsed issue parts and the publication record: the two files the plan reads instead of Dagster's history."""

import json

import polars as pl

from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.parts import discard_part, has_part, missing_parts, part_dir, prune, read_table, stage_part
from tests.support.parts import write_part
from pipeline.orchestration.published import Publication, read_publication, record_publication
from pipeline.schema.frames import typed_frame
from pipeline.schema.registry import table

ISSUE = "zjzfgb-2016-26"


def test_a_part_gives_back_the_typed_frames_of_the_real_issue(tmp_path, parsed):
    paths = ProjectPaths(tmp_path)
    frames = {name: typed_frame(table(name), rows) for name, rows in parsed.items() if rows}
    write_part(paths, ISSUE, "fp1", frames)
    assert has_part(paths, ISSUE, "fp1") and not has_part(paths, ISSUE, "fp2")
    (tasks,) = read_table(paths, {ISSUE: "fp1"}, "tasks")
    assert tasks.equals(frames["tasks"]) and tasks.schema == frames["tasks"].schema  # dtypes and nulls too
    (values,) = read_table(paths, {ISSUE: "fp1"}, "indicator_values")
    assert values.filter(pl.col("region_code") == "330100").height > 0
    counts = json.loads((part_dir(paths, ISSUE, "fp1") / "counts.json").read_text(encoding="utf-8"))
    assert counts["tasks"] == len(parsed["tasks"]) and counts["task_units"] == len(parsed["task_units"])


def test_an_issue_without_rows_of_a_table_reads_as_no_frame(tmp_path):
    paths = ProjectPaths(tmp_path)
    write_part(paths, "a", "fp", {"issues": pl.DataFrame({"issue_id": ["a"]})})
    write_part(paths, "b", "fp", {})
    assert [f["issue_id"].to_list() for f in read_table(paths, {"a": "fp", "b": "fp"}, "issues")] == [["a"]]
    write_part(paths, "c", "fp", {"issues": pl.DataFrame({"issue_id": ["c"]})})
    (both,) = read_table(paths, {"c": "fp", "a": "fp", "b": "fp"}, "issues")  # one frame, in issue order
    assert both["issue_id"].to_list() == ["a", "c"]
    assert read_table(paths, {"a": "fp", "b": "fp"}, "tasks") == []


def test_a_part_left_half_written_is_not_a_part(tmp_path):
    paths = ProjectPaths(tmp_path)
    (part_dir(paths, ISSUE, "fp") .with_name("fp.partial")).mkdir(parents=True)  # a killed write
    part_dir(paths, "other", "fp").mkdir(parents=True)  # a folder without its counts: not complete either
    assert missing_parts(paths, {ISSUE: "fp", "other": "fp"}) == ["other", ISSUE]


def test_a_staged_part_counts_only_once_committed_and_a_discarded_one_leaves_nothing(tmp_path):
    paths = ProjectPaths(tmp_path)
    stage_part(paths, ISSUE, "fp", {"issues": pl.DataFrame({"issue_id": [ISSUE]})})
    assert not has_part(paths, ISSUE, "fp")
    discard_part(paths, ISSUE, "fp")
    assert list(paths.parts.rglob("*")) == [paths.parts / ISSUE]


def test_pruning_keeps_the_parts_in_use_and_those_being_written(tmp_path):
    paths = ProjectPaths(tmp_path)
    for issue, fp in (("a", "old"), ("a", "new"), ("b", "old")):
        write_part(paths, issue, fp, {})
    (paths.parts / "a" / "next.partial").mkdir()
    assert prune(paths, {"a": "new"}) == 2
    assert sorted(p.name for p in (paths.parts / "a").iterdir()) == ["new", "next.partial"]
    assert not (paths.parts / "b").exists()


def test_the_publication_record_round_trips_and_an_unreadable_one_counts_as_none(tmp_path):
    paths = ProjectPaths(tmp_path)
    assert read_publication(paths) is None
    record_publication(paths, Publication("abc", strict=True))
    assert read_publication(paths) == Publication("abc", True)
    paths.published_record.write_text('{"fingerprint": "abc"}', encoding="utf-8")  # no strict flag
    assert read_publication(paths) is None
    paths.published_record.write_text("not json", encoding="utf-8")
    assert read_publication(paths) is None
