"""Every published row can be traced to its raw line(s): the named lines hold the row's own text.

For each table parsed from an issue, a column whose text is printed on the row's line(s) is looked up in those
lines (spaces folded, as the parsers fold them), through the row's ``issue_id`` and ``issues.source_path``.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from pipeline.base.paths import REPO_ROOT
from pipeline.schema.registry import TABLES
from pipeline.text.normalise import fold_spaces

CURATED = REPO_ROOT / "curated"


def _lines() -> dict[str, list[str]]:
    issues = pl.read_parquet(CURATED / "issues.parquet")
    return {r["issue_id"]: (REPO_ROOT / r["source_path"]).read_text(encoding="utf-8").split("\n")
            for r in issues.iter_rows(named=True)}


LINES = _lines()


def span(row: dict, first: str = "line_start", last: str = "line_end") -> str:
    """The row's raw lines, spaces folded and joined without separators (page breaks rejoined)."""
    lines = LINES[row["issue_id"]]
    start = row[first] if first in row else row["line"]
    end = row[last] if last in row else start
    return "".join(fold_spaces(line).strip() for line in lines[start - 1:end])


def tail(row: dict, extra: int = 2) -> str:
    """The row's line and the next ``extra`` lines (a name may continue after a line break)."""
    lines = LINES[row["issue_id"]]
    return "".join(fold_spaces(line).strip() for line in lines[row["line"] - 1:row["line"] + extra])


#: table -> (what is printed on the row's lines, as a function of the row)
PRINTED = {
    "issues": lambda r: (f"{r['year']}年第{r['issue_number']}期", span(r)),
    "toc_entries": lambda r: (r["title"], span(r)),
    "documents": lambda r: (r["title"], span(r, "line_start", "line_start")),
    "sections": lambda r: (r["text"], span(r)),
    "articles": lambda r: (r["text"], span(r)),
    "appointments": lambda r: (r["person_name"], tail(r, 0)),
    "tasks": lambda r: (r["title"], span(r)),
    "task_units": lambda r: (r["name_as_written"], tail(r)),
    "indicators": lambda r: (r["name_zh"], span(r)),
    "indicator_values": lambda r: (r["value_text"], "\t".join(LINES[r["issue_id"]][r["line"] - 1].split("\t"))),
    "table_cells": lambda r: (r["text"], tail(r, 0)),
    "city_priorities": lambda r: (r["priorities"][:20], LINES[r["issue_id"]][r["line"] - 1]),
    "city_platforms": lambda r: (r["platform"][:20], LINES[r["issue_id"]][r["line"] - 1]),
    "targets": lambda r: (f"{float(r['value']):g}", tail(r, 0).replace("．", ".")),
    "number_mentions": lambda r: (r["text"], tail(r, 0).replace("．", ".")),
    "review_items": lambda r: (review_text(r), tail(r, 0)),
}


def review_text(row: dict) -> str:
    """The printed part of a review item's text: a missing_clause names the task as ``<task_id> <ordinal>
    <title>``, of which the title is printed on the line."""
    text = row["text"].split(" / ")[0]
    return text.split(" ", 2)[-1] if row["kind"] == "missing_clause" else text


def test_every_table_parsed_from_an_issue_has_a_provenance_rule():
    parsed = {t.name for t in TABLES if "issue_id" in t.column_names}
    # derived: their lines are those of the figures they compare (target_comparisons: the test below)
    assert parsed - set(PRINTED) == {"findings", "target_comparisons"}


def test_target_comparisons_name_the_lines_of_both_figures():
    """target_line prints the target as written (45.6万人年), table_line a cell holding the table value."""
    frame = pl.read_parquet(CURATED / "target_comparisons.parquet")
    assert frame.height
    for row in frame.iter_rows(named=True):
        lines = LINES[row["issue_id"]]
        written = f"{float(row['target_value']):g}{row['target_unit']}"
        assert written in fold_spaces(lines[row["target_line"] - 1]).replace("．", "."), (row["target_id"], written)
        if row["table_line"] is not None:
            cells = lines[row["table_line"] - 1].split("\t")
            assert any(c.strip().replace(".", "", 1).isdigit() and Decimal(c.strip()) == row["table_value"]
                       for c in cells), (row["target_id"], row["table_value"])


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_the_named_lines_hold_the_row(name):
    frame = pl.read_parquet(CURATED / f"{name}.parquet")
    misses = []
    for row in frame.iter_rows(named=True):
        text, lines = PRINTED[name](row)
        if fold_spaces(text).replace(" ", "") not in lines.replace(" ", ""):
            misses.append((row, text))
    assert misses == [], misses[:3]


def test_signing_and_effective_dates_are_on_their_lines():
    documents = pl.read_parquet(CURATED / "documents.parquet")
    for row in documents.iter_rows(named=True):
        printed = fold_spaces(LINES[row["issue_id"]][row["signed_line"] - 1]).replace(" ", "")
        signed = row["signed_date"]
        assert printed == f"{signed.year}年{signed.month}月{signed.day}日"
        if row["effective_line"] is not None:
            assert "起施行" in LINES[row["issue_id"]][row["effective_line"] - 1] or \
                "起实施" in LINES[row["issue_id"]][row["effective_line"] - 1]


def test_the_rule_fails_on_a_shifted_line():
    row = pl.read_parquet(CURATED / "task_units.parquet").row(0, named=True)
    text, lines = PRINTED["task_units"](row)
    assert text in lines
    shifted = {**row, "line": row["line"] + 10}
    text, lines = PRINTED["task_units"](shifted)
    assert text not in lines
