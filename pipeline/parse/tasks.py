"""Tasks and their responsible units, built from ``sections`` rows and the issue's raw lines.

Which numbered items are tasks is a per-document reading kept in raw/reference/task_scopes.csv (turned into
``TaskScope`` objects by ``scopes_from_rows``): in 2016-26, 24号 the (一)… items under sections 二 to 六 of the
plan, 25号 the numbered measures, 89号 and 90号 the items under 二、主要任务.
A task is its item plus every row nested under it (e.g. the second half of 25号 measure 11, which the
section parser keeps as an unnumbered paragraph under the measure); the parts are joined with nothing
between them, as page-break parts are.

The responsibility clause closes the task text (``responsibility.find_responsibility_clause``). A document's
convention is decided by its first clause (``detect_convention``) and applied to all its clauses. Each unit
name is mapped back to the raw line holding its first character, so a clause after a page break reports
the right line. Unknown unit names are collected over all documents and raised together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.errors import SourceError
from pipeline.parse.responsibility import detect_convention, find_responsibility_clause, parse_clause
from pipeline.parse.units import UnitIndex
from pipeline.text.lines import Line
from pipeline.text.offsets import char_lines

_PAREN_CN = re.compile(r"^[((][一二三四五六七八九十]+[))]$")
_ARABIC = re.compile(r"^\d{1,2}[.．]$")
_CN = re.compile(r"^[一二三四五六七八九十]+、$")
MARKER_STYLES = {"paren_cn": _PAREN_CN, "arabic": _ARABIC}


@dataclass(frozen=True)
class TaskScope:
    """Items with markers of ``marker_style`` are tasks; for paren_cn, only under a 一、-style heading whose
    ordinal is in ``parent_ordinals`` or whose heading text is ``parent_heading``."""

    marker_style: str
    parent_ordinals: frozenset[int] | None = None
    parent_heading: str | None = None


TASK_SCOPES_PATH = "raw/reference/task_scopes.csv"
TASK_SCOPE_COLUMNS = ("document_id", "marker_style", "parent_ordinals", "parent_heading", "source")


def scopes_from_rows(rows: Sequence[Mapping[str, str]], path: str = TASK_SCOPES_PATH) -> dict[str, TaskScope]:
    """``TaskScope`` per document from the rows of raw/reference/task_scopes.csv (see task_scopes.md)."""
    scopes: dict[str, TaskScope] = {}
    for i, row in enumerate(rows):
        line = i + 2
        style = row["marker_style"]
        if style not in MARKER_STYLES:
            raise SourceError(path, line, f"marker_style one of {sorted(MARKER_STYLES)}", style)
        ordinals, heading = row["parent_ordinals"], row["parent_heading"]
        if ordinals and heading:
            raise SourceError(path, line, "parent_ordinals or parent_heading, not both")
        if ordinals and not all(part.isdigit() for part in ordinals.split("|")):
            raise SourceError(path, line, "parent_ordinals as |-separated numbers", ordinals)
        scopes[row["document_id"]] = TaskScope(
            style, frozenset(int(p) for p in ordinals.split("|")) if ordinals else None, heading or None)
    return scopes


def _is_task(row: Mapping[str, Any], parent: Mapping[str, Any] | None, scope: TaskScope) -> bool:
    if row["kind"] not in ("item", "heading") or row["part"] == "attachment" or not row["marker"]:
        return False
    if not MARKER_STYLES[scope.marker_style].match(row["marker"]):
        return False
    if scope.marker_style == "arabic":
        return True
    if parent is None or not parent["marker"] or not _CN.match(parent["marker"]):
        return False
    if scope.parent_ordinals is not None and parent["ordinal"] not in scope.parent_ordinals:
        return False
    return scope.parent_heading is None or parent["heading"] == scope.parent_heading


def _descendants(rows: Sequence[Mapping[str, Any]], i: int) -> list[Mapping[str, Any]]:
    """The rows right after ``rows[i]`` that are nested (at any depth) under it."""
    inside = {rows[i]["section_id"]}
    out = []
    for row in rows[i + 1:]:
        if row["parent_id"] not in inside:
            break
        inside.add(row["section_id"])
        out.append(row)
    return out


def _check_ordinals(tasks: list[tuple[Mapping[str, Any], Mapping[str, Any] | None]], path: str) -> None:
    expected: dict[str | None, int] = {}
    for row, parent in tasks:
        group = parent["section_id"] if parent is not None and _PAREN_CN.match(row["marker"]) else None
        want = expected.get(group, 1)
        if row["ordinal"] != want:
            raise SourceError(path, row["line_start"], f"task item number {want} (numbering in order)",
                              row["marker"])
        expected[group] = want + 1


def build_tasks(sections: Sequence[Mapping[str, Any]], lines: Sequence[Line], units: UnitIndex,
                source_path: str, scopes: Mapping[str, TaskScope],
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``tasks`` and ``task_units`` rows for the documents whose ``sections`` rows are given (in order).

    ``lines`` are the issue's lines (``split_lines``). Documents without a scope yield no tasks; a document
    with a scope but no task items, an unparseable clause or an unknown unit name raise ``SourceError``.
    """
    lines_by_number = {line.number: line for line in lines}
    by_id = {row["section_id"]: row for row in sections}
    doc_order: list[str] = []
    for row in sections:
        if row["document_id"] not in doc_order:
            doc_order.append(row["document_id"])
    tasks: list[dict[str, Any]] = []
    pending: list[tuple[dict[str, Any], list]] = []  # (task_unit row without unit_id, mention)
    for document_id in doc_order:
        scope = scopes.get(document_id)
        if scope is None:
            continue
        rows = sorted((r for r in sections if r["document_id"] == document_id), key=lambda r: r["position"])
        picked = [(i, row, by_id.get(row["parent_id"])) for i, row in enumerate(rows)
                  if _is_task(row, by_id.get(row["parent_id"]), scope)]
        if not picked:
            raise SourceError(source_path, rows[0]["line_start"] if rows else None,
                              f"task items ({scope.marker_style}) in document {document_id}")
        _check_ordinals([(row, parent) for _, row, parent in picked], source_path)
        convention = None
        for i, row, parent in picked:
            task, assignments = _task(rows, i, row, parent, lines_by_number, source_path, convention)
            convention = convention or task["convention"]
            tasks.append(task)
            pending += assignments
    unit_ids = units.resolve([(a["name_as_written"], a["line"]) for a in pending], source_path)
    task_units = [{**a, "unit_id": unit_id} for a, unit_id in zip(pending, unit_ids)]
    _check_unique_units(task_units, source_path)
    columns = ("task_id", "role", "position", "unit_id", "name_as_written", "list_open_ended", "line")
    return tasks, [{c: tu[c] for c in columns} for tu in task_units]


def _task(rows, i, row, parent, lines_by_number, path, convention):
    if not row["heading"]:
        raise SourceError(path, row["line_start"], "a task item with a lead phrase ending in 。", row["text"])
    parts = [row, *_descendants(rows, i)]
    text = "".join(part["text"] for part in parts)
    line_start, line_end = row["line_start"], parts[-1]["line_end"]
    if parent is not None and _PAREN_CN.match(row["marker"]):
        label = parent["marker"].rstrip("、") + row["marker"]
        number = f"{parent['ordinal']:02d}-{row['ordinal']:02d}"
    else:
        label = row["marker"].rstrip(".．")
        number = f"{row['ordinal']:02d}"
    task = {
        "task_id": f"{row['document_id']}-t{number}",
        "document_id": row["document_id"],
        "section_id": row["section_id"],
        "label": label,
        "title": row["heading"],
        "text": text,
        "responsibility_text": None,
        "convention": None,
        "line_start": line_start,
        "line_end": line_end,
    }
    clause = find_responsibility_clause(text)
    if clause is None:
        return task, []
    joined, where = char_lines(lines_by_number, line_start, line_end)
    if joined != text:
        raise SourceError(path, line_start, "section text equal to its raw lines rejoined (internal check)",
                          text[:40])
    clause_line = where[clause.start]
    convention = convention or detect_convention(clause.text, path=path, line=clause_line)
    task["responsibility_text"], task["convention"] = clause.text, convention
    assignments = [{
        "task_id": task["task_id"],
        "role": a.role,
        "position": a.position,
        "name_as_written": a.name_as_written,
        "list_open_ended": a.list_open_ended,
        "line": where[clause.start + a.offset],
    } for a in parse_clause(clause.text, convention, path=path, line=clause_line)]
    return task, assignments


def _check_unique_units(task_units: list[dict[str, Any]], path: str) -> None:
    seen: dict[tuple[str, str], str] = {}
    for tu in task_units:
        key = (tu["task_id"], tu["unit_id"])
        if key in seen:
            raise SourceError(path, tu["line"], f"each unit named once per clause ({tu['unit_id']} is already "
                                                f"named as {seen[key]!r})", tu["name_as_written"])
        seen[key] = tu["name_as_written"]
