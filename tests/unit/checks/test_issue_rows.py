"""Per-issue row checks (pipeline/checks/issue_rows.py): the real issue passes; each kind of problem names a line."""

import pytest

from pipeline.base.errors import SourceError
from pipeline.checks.issue_rows import check_issue_rows
from pipeline.parse.issue import reference_rows

SOURCE = "raw/gazette/zjzfgb-2016-26.txt"


def test_the_real_issue_passes_with_every_parsed_row_checked(parsed, references, raw_issue):
    checked = check_issue_rows(parsed, reference_rows(references), SOURCE, raw_issue.lines)
    assert checked == {name: len(rows) for name, rows in parsed.items()}
    assert (checked["tasks"], checked["task_units"], checked["indicator_values"]) == (62, 202, 540)


def test_a_duplicate_primary_key_names_the_second_row(parsed, references):
    sections = parsed["sections"]
    copy = {**sections[5], "line_start": 999, "line_end": 999}
    rows = {**parsed, "sections": [*sections, copy]}
    with pytest.raises(SourceError, match=rf"^{SOURCE}:999: expected one sections row per section_id "
                                          rf"'{sections[5]['section_id']}' \(the same key was parsed from line "
                                          rf"{sections[5]['line_start']}; a line printed twice\?\)$"):
        check_issue_rows(rows, reference_rows(references), SOURCE)


def test_an_orphan_foreign_key_names_the_row(parsed, references):
    task_units = [dict(parsed["task_units"][0], unit_id="zj-no-such"), *parsed["task_units"][1:]]
    line = parsed["task_units"][0].get("line") or parsed["task_units"][0].get("line_start")
    with pytest.raises(SourceError, match=rf"^{SOURCE}:{line}: expected unit_id 'zj-no-such' of this "
                                          r"task_units row to match a row of units"):
        check_issue_rows({**parsed, "task_units": task_units}, reference_rows(references), SOURCE)


def test_a_required_value_missing_names_the_row(parsed, references):
    documents = [dict(parsed["documents"][0], title=None), *parsed["documents"][1:]]
    with pytest.raises(SourceError, match=rf"^{SOURCE}:{parsed['documents'][0]['line_start']}: expected title of "
                                          r"this documents row to be given"):
        check_issue_rows({**parsed, "documents": documents}, reference_rows(references), SOURCE)


def test_a_provisional_unit_of_the_issue_resolves_beside_the_curated_ones(parsed, references):
    """The issue's own units rows (provisional) and the reference units together are what task_units may name."""
    from pipeline.parse.units import provisional_unit

    unit = provisional_unit("省科学院")
    rows = dict(parsed)
    rows["units"] = [unit]
    rows["task_units"] = [dict(parsed["task_units"][0], unit_id=unit["unit_id"], name_as_written="省科学院"),
                          *parsed["task_units"][1:]]
    check_issue_rows(rows, reference_rows(references), "raw/gazette/zjzfgb-2016-26.txt")
    rows["units"] = []
    with pytest.raises(SourceError, match="unit_id"):
        check_issue_rows(rows, reference_rows(references), "raw/gazette/zjzfgb-2016-26.txt")


def test_a_section_id_off_its_pattern_names_the_row(parsed, references):
    """section_id has the shared pattern <document_id>-p<NNN> (pipeline/schema/fields.py), in every table."""
    section = parsed["sections"][3]
    assert section["section_id"] == "zjzf-2016-24-p004"
    sections = [*parsed["sections"][:3], dict(section, section_id="zjzf-2016-24-4"), *parsed["sections"][4:]]
    with pytest.raises(SourceError, match=rf"^{SOURCE}:{section['line_start']}: expected section_id of this "
                                          r"sections row to match \^\[a-z\]"):
        check_issue_rows({**parsed, "sections": sections}, reference_rows(references), SOURCE)
