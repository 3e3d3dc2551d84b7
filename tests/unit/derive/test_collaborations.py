"""unit_collaborations: pairs of units assigned to the same task, checked against the clauses of the issue.

Hand count for 省财政厅 (zj-dept-finance) and 省科技厅 (zj-dept-science-technology), from the responsibility
clauses of 浙政发〔2016〕24号 in raw/gazette/zjzfgb-2016-26.txt (25号 never names them together):
  both lead (牵头单位): lines 68 二(四), 110 五(四), 114 六(一), 116 六(二)                      -> lead_lead 4
  科技厅 leads, 财政厅 participates: lines 60, 76, 84, 90, 92, 94, 98, 120                     -> lead_participant 8
  -> 12 shared tasks, none as two participants, all in zjzf-2016-24.
杭州海关 and 宁波海关 are named together in 25号 measures 5, 6, 7, 10, 11, 13, 16, 17, 18 (lines 311-345),
never first, so always as participants under 列首位者为牵头单位 -> 9 participant_participant.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict

import polars as pl
import pytest

from pipeline.derive.derivation import Derivation
from pipeline.derive.collaborations import COLLABORATIONS, build, pair_tasks, task_roles
from pipeline.schema.frames import to_frame
from pipeline.schema.registry import table
from pipeline.schema.tables_collaborations import TABLES as COLLAB_TABLES
from pipeline.schema.tables_collaborations import UNIT_COLLABORATIONS


@pytest.fixture(scope="module")
def frames(parsed) -> dict[str, pl.DataFrame]:
    return {name: to_frame(table(name), parsed[name]) for name in ("tasks", "task_units")}


@pytest.fixture(scope="module")
def collaborations(frames) -> pl.DataFrame:
    return to_frame(UNIT_COLLABORATIONS, build(frames))


def pair(collaborations: pl.DataFrame, a: str, b: str) -> dict:
    rows = collaborations.filter(pl.col("unit_a") == a, pl.col("unit_b") == b).to_dicts()
    assert len(rows) == 1, (a, b)
    return rows[0]


def test_derivation_declaration():
    assert isinstance(COLLABORATIONS, Derivation)
    assert COLLABORATIONS.table == "unit_collaborations" == UNIT_COLLABORATIONS.name
    assert COLLABORATIONS.inputs == ("task_units", "tasks")
    assert COLLAB_TABLES == (UNIT_COLLABORATIONS,)
    assert UNIT_COLLABORATIONS.primary_key == ("unit_a", "unit_b")
    assert {(fk.fields, fk.resource, fk.reference_fields) for fk in UNIT_COLLABORATIONS.foreign_keys} == {
        (("unit_a",), "units", ("unit_id",)), (("unit_b",), "units", ("unit_id",))}


def test_finance_and_science_technology_counted_by_hand(collaborations):
    row = pair(collaborations, "zj-dept-finance", "zj-dept-science-technology")
    assert row == {
        "unit_a": "zj-dept-finance", "unit_b": "zj-dept-science-technology",
        "shared_tasks": 12, "lead_lead": 4, "lead_participant": 8, "participant_participant": 0,
        "documents": 1, "document_ids": "zjzf-2016-24",
        "task_ids": "|".join(f"zjzf-2016-24-{t}" for t in (
            "t02-01", "t02-04", "t03-02", "t03-05", "t04-01", "t04-02", "t04-03", "t04-04",
            "t05-04", "t06-01", "t06-02", "t06-03")),
    }


def test_two_customs_districts_only_ever_participate_together(collaborations):
    row = pair(collaborations, "cn-customs-hangzhou", "cn-customs-ningbo")
    assert (row["shared_tasks"], row["lead_lead"], row["lead_participant"], row["participant_participant"]) == (
        9, 0, 0, 9)
    assert row["task_ids"].split("|") == [f"zjzf-2016-25-t{n:02d}" for n in (5, 6, 7, 10, 11, 13, 16, 17, 18)]


def test_commerce_and_hangzhou_customs(collaborations):
    # 省商务厅 listed first (leads) in measures 5, 6, 7, 10, 11, 13, 18; measures 16 (省物价局 first) and
    # 17 (省海港委 first) name both as participants.
    row = pair(collaborations, "cn-customs-hangzhou", "zj-dept-commerce")
    assert (row["shared_tasks"], row["lead_lead"], row["lead_participant"], row["participant_participant"]) == (
        9, 0, 7, 2)
    assert row["document_ids"] == "zjzf-2016-25"


def test_pair_spanning_two_documents(collaborations):
    # 省发展改革委 and 省经信委: 13 tasks of 24号 and measure 11 of 25号 (line 329).
    row = pair(collaborations, "zj-comm-development-reform", "zj-comm-economy-informatization")
    assert row["shared_tasks"] == 14
    assert (row["documents"], row["document_ids"]) == (2, "zjzf-2016-24|zjzf-2016-25")
    assert "zjzf-2016-25-t11" in row["task_ids"].split("|")


def test_most_frequent_pair(collaborations):
    top = collaborations.sort(["shared_tasks", "unit_a", "unit_b"], descending=[True, False, False]).row(0, named=True)
    assert (top["unit_a"], top["unit_b"], top["shared_tasks"]) == (
        "zj-comm-economy-informatization", "zj-dept-science-technology", 15)


def test_row_count_and_invariants(collaborations, frames):
    assert collaborations.height == 259
    assert (collaborations["unit_a"] < collaborations["unit_b"]).all()
    parts = collaborations["lead_lead"] + collaborations["lead_participant"] + collaborations["participant_participant"]
    assert (parts == collaborations["shared_tasks"]).all()
    for row in collaborations.iter_rows(named=True):
        assert len(row["task_ids"].split("|")) == row["shared_tasks"]
        assert len(row["document_ids"].split("|")) == row["documents"]
    assert collaborations.select("unit_a", "unit_b").is_duplicated().sum() == 0


def test_counts_agree_with_an_independent_count(collaborations, frames):
    """Every task contributes one to each pair of its distinct units (computed in plain Python)."""
    units_of_task: dict[str, dict[str, str]] = defaultdict(dict)
    for row in frames["task_units"].iter_rows(named=True):
        units_of_task[row["task_id"]][row["unit_id"]] = row["role"]
    expected: Counter = Counter()
    for roles in units_of_task.values():
        for a, b in itertools.combinations(sorted(roles), 2):
            expected[(a, b, "shared")] += 1
            combo = {("lead", "lead"): "lead_lead", ("participant", "participant"): "participant_participant"}
            expected[(a, b, combo.get((roles[a], roles[b]), "lead_participant"))] += 1
    actual: Counter = Counter()
    for row in collaborations.iter_rows(named=True):
        for column, label in (("shared_tasks", "shared"), ("lead_lead", "lead_lead"),
                              ("lead_participant", "lead_participant"),
                              ("participant_participant", "participant_participant")):
            if row[column]:
                actual[(row["unit_a"], row["unit_b"], label)] = row[column]
    assert actual == expected
    n_pairs = sum(len(r) * (len(r) - 1) // 2 for r in units_of_task.values())
    assert collaborations["shared_tasks"].sum() == n_pairs


def test_units_are_known(collaborations, references):
    units = {row["unit_id"] for row in references.units.rows}
    assert set(collaborations["unit_a"]) | set(collaborations["unit_b"]) <= units


def test_a_unit_named_under_both_roles_counts_as_lead():
    task_units = pl.DataFrame({
        "task_id": ["t1", "t1", "t1", "t2", "t2"],
        "role": ["lead", "participant", "participant", "participant", "participant"],
        "position": [1, 1, 2, 1, 2],
        "unit_id": ["x", "x", "y", "x", "y"],
    })
    tasks = pl.DataFrame({"task_id": ["t1", "t2"], "document_id": ["d1", "d2"]})
    assert task_roles(task_units).rows() == [("t1", "x", True), ("t1", "y", False), ("t2", "x", False),
                                             ("t2", "y", False)]
    assert pair_tasks(task_units, tasks)["combination"].to_list() == ["lead_participant", "participant_participant"]
    [row] = build({"task_units": task_units, "tasks": tasks})
    assert row == {"unit_a": "x", "unit_b": "y", "shared_tasks": 2, "lead_lead": 0, "lead_participant": 1,
                   "participant_participant": 1, "documents": 2, "document_ids": "d1|d2", "task_ids": "t1|t2"}


def test_a_task_missing_from_tasks_is_an_error():
    task_units = pl.DataFrame({"task_id": ["t9", "t9"], "role": ["lead", "participant"], "position": [1, 1],
                               "unit_id": ["x", "y"]})
    with pytest.raises(ValueError, match="t9"):
        build({"task_units": task_units, "tasks": pl.DataFrame({"task_id": ["t1"], "document_id": ["d1"]})})


def test_build_is_deterministic(frames):
    shuffled = {name: frame.sample(fraction=1.0, shuffle=True, seed=7) for name, frame in frames.items()}
    assert build(shuffled) == build(frames)


def test_publishes_as_a_valid_frictionless_resource(collaborations, references, tmp_path):
    """Written as the build writes tables, with units beside it, it passes frictionless (types, constraints,
    patterns, primary and foreign keys)."""
    import frictionless

    from pipeline.parse.issue import reference_rows
    from pipeline.publish.datapackage import schema_descriptor
    from pipeline.publish.files import write_table

    units = to_frame(table("units"), reference_rows(references)["units"])
    resources = []
    for tbl, frame in ((table("units"), units), (UNIT_COLLABORATIONS, collaborations)):
        write_table(tbl, frame, tmp_path / "curated")
        resources.append({"name": tbl.name, "path": f"curated/{tbl.name}.csv", "format": "csv",
                          "encoding": "utf-8", "schema": schema_descriptor(tbl)})
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "collaborations-test", "resources": resources}, ensure_ascii=False),
                          encoding="utf-8")
    report = frictionless.Package(str(descriptor)).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    assert pl.read_parquet(tmp_path / "curated" / "unit_collaborations.parquet").equals(collaborations)
