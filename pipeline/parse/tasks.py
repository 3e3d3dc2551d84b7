"""Tasks and their responsible units, built from ``sections`` rows and the issue's raw lines.

Which numbered items of a document are tasks is found by the default rule (``default_task_items``):

1. where numbered items (outside attachments) carry a responsibility (a closing clause, or responsibility
   lines ``牵头单位:``/``责任单位:``/``配合单位:`` printed after them, whatever the heading above says), the
   tasks are the items of their numbering lists: items of the same marker style under the same parent, or
   under any parent when the numbering runs on through the document (1. … 20. across sections), in every
   list that holds at least one item with a responsibility;
2. where no item carries a clause, the items directly under a 一、-level heading that names a task list
   (its heading contains ``TASK_LIST_WORD``, e.g. 主要任务, 重点任务);
3. otherwise the document has no task list.

A document without a reviewed row in raw/reference/task_scopes.csv is read by the default rule and published
with ``documents.task_scope`` rule (``reference`` with a row); it is noted as ``default_task_scope`` only
where the rule found no task among its numbered items (a task list the rule cannot see). A row there either
confirms the default rule (rule ``default``) or overrides it (``paren_cn`` / ``arabic``: ``TaskScope``); its
``tasks_without_clause`` lists task labels confirmed as printed without a clause.

Every data row of a task table (``pipeline.parse.task_tables``) is a task too. Whatever picked the tasks,
the loss rule (``pipeline.parse.responsibility_check``) then notes every task without the responsibility
its document assigns (``missing_clause``) and every responsibility line it could not attach
(``unread_responsibility``).

A task is its item plus every row nested under it (e.g. the second half of a measure the section parser
keeps as an unnumbered paragraph under it); the parts are joined with nothing between them, as page-break
parts are. The responsibility clause closes the task text (``responsibility.find_responsibility_clause``); failing
one, the responsibility lines nested under the item are read (``responsibility_lines``). A
document's convention is decided by its first clause (``detect_convention``) and applied to all its clauses.
Each unit name is mapped back to the raw line holding its first character, so a clause after a page break
reports the right line. A name no alias of raw/reference/units.csv matches gets a provisional unit and an
``unknown_unit`` note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.base.errors import SourceError
from pipeline.parse.forms import FORMS_WITHOUT_TASK_LISTS
from pipeline.parse.patterns import MARKERS
from pipeline.parse.responsibility import CONVENTIONS as CONVENTIONS_PAREN
from pipeline.parse.responsibility import detect_convention, find_responsibility_clause, parse_clause
from pipeline.parse.responsibility_check import loss_notes
from pipeline.parse.responsibility_forms import LEAD
from pipeline.parse.responsibility_lines import read_lines, responsibility_parts
from pipeline.parse.review import ReviewNote
from pipeline.parse.sections import descendants
from pipeline.parse.tab_tables import TabTable
from pipeline.parse.task_tables import by_document, read_task_table
from pipeline.parse.task_units import resolve_units
from pipeline.parse.units import UnitIndex
from pipeline.reference.reader import row_line
from pipeline.reference.declarations import TASK_SCOPES_FILE
from pipeline.text.lines import Line
from pipeline.text.offsets import char_lines

#: Marker styles a scope may name (``pipeline.parse.patterns.MARKERS``, minus the 一、 heading style).
MARKER_STYLES = ("paren_cn", "arabic")
DEFAULT_RULE = "default"
TASK_COLUMNS = ("task_id", "document_id", "section_id", "label", "title", "text", "responsibility_text",
                "convention", "deadline_text", "line_start", "line_end")
#: A 一、-level heading containing this word introduces a task list (主要任务, 重点任务).
TASK_LIST_WORD = "任务"


def marker_style(marker: str | None) -> str | None:
    """The marker style (cn, paren_cn, arabic) of a marker as printed, or None."""
    if not marker:
        return None
    return next((style for style, pattern in MARKERS.items() if pattern.match(marker)), None)


@dataclass(frozen=True)
class TaskScope:
    """A reviewed reading of one document (raw/reference/task_scopes.csv).

    ``rule`` is ``default`` (the default rule, confirmed) or a marker style: items with such markers are
    tasks; for paren_cn, only under a 一、-style heading whose ordinal is in ``parent_ordinals`` or whose
    heading text is ``parent_heading``. ``without_clause``: task labels confirmed as printed without a clause.
    """

    rule: str
    parent_ordinals: frozenset[int] | None = None
    parent_heading: str | None = None
    without_clause: frozenset[str] = field(default_factory=frozenset)


def scopes_from_rows(rows: Sequence[Mapping[str, str]], path: str = TASK_SCOPES_FILE.path) -> dict[str, TaskScope]:
    """``TaskScope`` per document from the rows of raw/reference/task_scopes.csv (see task_scopes.md)."""
    scopes: dict[str, TaskScope] = {}
    for i, row in enumerate(rows):
        line = row_line(i)
        rule = row["rule"]
        if rule not in (DEFAULT_RULE, *MARKER_STYLES):
            raise SourceError(path, line, f"rule one of {[DEFAULT_RULE, *MARKER_STYLES]}", rule)
        ordinals, heading = row["parent_ordinals"], row["parent_heading"]
        if ordinals and heading:
            raise SourceError(path, line, "parent_ordinals or parent_heading, not both")
        if (ordinals or heading) and rule != "paren_cn":
            raise SourceError(path, line, "parent_ordinals and parent_heading only with rule paren_cn", rule)
        if ordinals and not all(part.isdigit() for part in ordinals.split("|")):
            raise SourceError(path, line, "parent_ordinals as |-separated numbers", ordinals)
        without = frozenset(filter(None, row["tasks_without_clause"].split("|")))
        scopes[row["document_id"]] = TaskScope(
            rule, frozenset(int(p) for p in ordinals.split("|")) if ordinals else None, heading or None, without)
    return scopes


def _in_scope(row: Mapping[str, Any], parent: Mapping[str, Any] | None, scope: TaskScope) -> bool:
    if row["kind"] not in ("item", "heading") or row["part"] == "attachment" or not row["marker"]:
        return False
    if marker_style(row["marker"]) != scope.rule:
        return False
    if scope.rule == "arabic":
        return True
    if parent is None or marker_style(parent["marker"]) != "cn":
        return False
    if scope.parent_ordinals is not None and parent["ordinal"] not in scope.parent_ordinals:
        return False
    return scope.parent_heading is None or parent["heading"] == scope.parent_heading


def _numbered_items(rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Indices of the numbered items and headings below the 一、 level, outside attachments."""
    return [i for i, row in enumerate(rows)
            if row["kind"] in ("item", "heading") and row["part"] != "attachment"
            and marker_style(row["marker"]) in MARKER_STYLES]


def default_task_items(rows: Sequence[Mapping[str, Any]], by_id: Mapping[str, Mapping[str, Any]]) -> list[int]:
    """Indices (into one document's ``rows``) of its task items by the default rule (module docstring)."""
    items = _numbered_items(rows)
    styles = {i: marker_style(rows[i]["marker"]) for i in items}
    runs_on = _runs_on(rows, styles)

    def list_key(i: int) -> tuple[str | None, str | None]:
        return styles[i], None if runs_on[styles[i]] else rows[i]["parent_id"]

    with_clause = [i for i in items if _carries_responsibility(rows, i)]
    if with_clause:
        lists = {list_key(i) for i in with_clause}
        return [i for i in items if list_key(i) in lists]
    return [i for i in items
            if (parent := by_id.get(rows[i]["parent_id"])) is not None and marker_style(parent["marker"]) == "cn"
            and TASK_LIST_WORD in (parent["heading"] or "")]


def _carries_responsibility(rows: Sequence[Mapping[str, Any]], i: int) -> bool:
    """Whether item ``rows[i]`` closes with a clause or has responsibility lines nested under it."""
    parts = [rows[i], *descendants(rows, i)]
    return bool(find_responsibility_clause("".join(r["text"] for r in parts)) or responsibility_parts(parts[1:]))


def _check_ordinals(picked: Sequence[tuple[int, Mapping[str, Any], str]], path: str) -> None:
    """Task numbers run 1, 2, … within each numbering group (so task ids are unique)."""
    expected: dict[str, int] = {}
    for _, row, group in picked:
        want = expected.get(group, 1)
        if row["ordinal"] != want:
            raise SourceError(path, row["line_start"], f"task item number {want} (numbering in order)",
                              row["marker"])
        expected[group] = want + 1


@dataclass
class TaskRows:
    """Rows of ``tasks``, ``task_units`` and provisional ``units``, and the review notes, of one issue."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    task_units: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    notes: list[ReviewNote] = field(default_factory=list)
    #: document_id -> documents.task_scope: reference (a task_scopes.csv row) or rule
    scope_sources: dict[str, str] = field(default_factory=dict)


def _pick(rows: Sequence[Mapping[str, Any]], by_id: Mapping[str, Mapping[str, Any]],
          scope: TaskScope | None) -> list[int]:
    if scope is None or scope.rule == DEFAULT_RULE:
        return default_task_items(rows, by_id)
    return [i for i, row in enumerate(rows) if _in_scope(row, by_id.get(row["parent_id"]), scope)]


def build_tasks(sections: Sequence[Mapping[str, Any]], lines: Sequence[Line], units: UnitIndex,
                source_path: str, scopes: Mapping[str, TaskScope], tables: Sequence[TabTable] = (),
                forms: Mapping[str, str] | None = None) -> TaskRows:
    """Tasks, their units and the review notes for the documents whose ``sections`` rows are given (in order).

    ``lines`` are the issue's lines (``split_lines``); ``scopes`` the reviewed rows of task_scopes.csv;
    ``tables`` the issue's tab-separated tables (``tab_tables.find_tables``), whose task tables give tasks
    too. ``forms`` (document_id -> documents.form) spares an order, reply, appointment notice or unrecognised
    document in which no task is found the ``default_task_scope`` note. An unparseable clause, task numbering out of order, a task number used twice in a document or a
    unit named twice in one task raise ``SourceError``.
    """
    lines_by_number = {line.number: line for line in lines}
    by_id = {row["section_id"]: row for row in sections}
    task_tables = by_document(tables)
    out = TaskRows()
    pending: list[dict[str, Any]] = []
    for document_id in dict.fromkeys(row["document_id"] for row in sections):
        rows = sorted((r for r in sections if r["document_id"] == document_id), key=lambda r: r["position"])
        scope = scopes.get(document_id)
        doc = _item_tasks(rows, by_id, scope, lines_by_number, source_path)
        for table in task_tables.get(document_id, []):
            _table_tasks(table, rows, doc)
        _check_task_ids(doc.tasks, source_path)
        out.scope_sources[document_id] = "rule" if scope is None else "reference"
        numbered = len(_numbered_items(rows))
        form = (forms or {}).get(document_id)
        if scope is None and not doc.tasks and numbered and form not in FORMS_WITHOUT_TASK_LISTS:
            out.notes.append(_default_scope_note(rows, document_id, numbered))
        leads = {a["task_id"] for a in doc.assignments if a["role"] == LEAD}
        confirmed = scope.without_clause if scope is not None else frozenset()
        out.notes += doc.notes + loss_notes(rows, doc.tasks, leads, doc.consumed, confirmed,
                                            document_id in task_tables)
        out.tasks += doc.tasks
        pending += doc.assignments
    resolve_units(pending, units, out)
    _check_unique_units(out.task_units, source_path)
    columns = ("task_id", "role", "position", "unit_id", "name_as_written", "list_open_ended", "line")
    out.task_units = [{c: tu[c] for c in columns} for tu in out.task_units]
    return out


@dataclass
class _DocTasks:
    """The tasks of one document while they are read: rows, unit assignments, responsibility lines read."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    consumed: set[str] = field(default_factory=set)
    notes: list[ReviewNote] = field(default_factory=list)


def _item_tasks(rows, by_id, scope: TaskScope | None, lines_by_number, source_path: str) -> _DocTasks:
    """The tasks of one document's numbered items (by the default rule or the reviewed scope)."""
    indices = _pick(rows, by_id, scope)
    if not indices and scope is not None and scope.rule != DEFAULT_RULE:
        raise SourceError(TASK_SCOPES_FILE.path, None, f"task items ({scope.rule}) in document "
                          f"{rows[0]['document_id']} as the override says (lines {rows[0]['line_start']}-"
                          f"{rows[-1]['line_end']} of {source_path} have none)")
    groups = _groups(rows, indices, by_id)
    picked = [(i, rows[i], groups[i]) for i in indices]
    _check_ordinals(picked, source_path)
    doc = _DocTasks()
    convention = None
    for i, row, group in picked:
        parts = [row, *descendants(rows, i)]
        task, assignments = _task(parts, by_id.get(row["parent_id"]), group != "", lines_by_number,
                                  source_path, convention)
        if task["convention"] in CONVENTIONS_PAREN:
            convention = convention or task["convention"]
        _read_lines_into(task, parts[1:], lines_by_number, doc)
        doc.tasks.append(task)
        doc.assignments += assignments
    return doc


def _read_lines_into(task: dict[str, Any], nested, lines_by_number, doc: _DocTasks) -> None:
    """Read the responsibility lines nested under a task without a clause into the task and ``doc``."""
    parts = responsibility_parts(nested)
    doc.consumed |= {p["section_id"] for p in parts}
    if task["responsibility_text"] or not parts:
        return
    reading = read_lines(parts, lines_by_number)
    task["responsibility_text"], task["convention"] = reading.text, reading.convention
    doc.assignments += [_assignment(task["task_id"], m, line) for m, line in reading.mentions]
    doc.notes += [ReviewNote("unread_responsibility", text, line, f"task {task['task_id']}: no unit list "
                             "could be read from the line", task["document_id"]) for text, line in reading.unread]


def _table_tasks(table: TabTable, rows, doc: _DocTasks) -> None:
    """The tasks of one task table of a document (their section: the section holding the row)."""
    for entry in read_task_table(table):
        line = entry.task["line_start"]
        section = next(r for r in rows if r["line_start"] <= line <= r["line_end"])
        task = {**entry.task, "section_id": section["section_id"]}
        doc.tasks.append({c: task[c] for c in TASK_COLUMNS})
        doc.assignments += [_assignment(task["task_id"], m, n) for m, n in entry.mentions]
        doc.notes += [ReviewNote("unread_responsibility", text, line, f"task {task['task_id']}: no unit list "
                                 "could be read from the cell", task["document_id"]) for text in entry.unread]


def _assignment(task_id: str, mention, line: int) -> dict[str, Any]:
    return {"task_id": task_id, "role": mention.role, "position": mention.position,
            "name_as_written": mention.name_as_written, "list_open_ended": mention.list_open_ended, "line": line}


def _default_scope_note(rows, document_id: str, numbered: int) -> ReviewNote:
    number_row = next((r for r in rows if r["kind"] == "doc_number"), rows[0])
    doc_number = number_row["text"] if number_row["kind"] == "doc_number" else document_id
    return ReviewNote("default_task_scope", doc_number, number_row["line_start"],
                      f"no reviewed row in {TASK_SCOPES_FILE.path}: the default rule found no task among "
                      f"{numbered} numbered item(s)", document_id)


def _check_task_ids(tasks: Sequence[Mapping[str, Any]], path: str) -> None:
    seen: set[str] = set()
    for task in tasks:
        if task["task_id"] in seen:
            raise SourceError(path, task["line_start"], f"one numbering of the tasks of a document (task "
                              f"{task['task_id']} is numbered twice: items and a task table?)", task["label"])
        seen.add(task["task_id"])


def _groups(rows: Sequence[Mapping[str, Any]], indices: Sequence[int],
            by_id: Mapping[str, Mapping[str, Any]]) -> dict[int, str]:
    """Numbering group of each task item: "" where its style's numbers run on through the document's
    tasks (measure 1. … 20.), else its parent's section_id (the (一) items of each 一、 section)."""
    out: dict[int, str] = {}
    styles = {i: marker_style(rows[i]["marker"]) for i in indices}
    runs_on = _runs_on(rows, styles)
    for i in indices:
        style = styles[i]
        parent = by_id.get(rows[i]["parent_id"])
        nested = style == "paren_cn" and parent is not None and marker_style(parent["marker"]) == "cn"
        out[i] = rows[i]["parent_id"] or "" if nested or not runs_on[style] else ""
    return out


def _runs_on(rows: Sequence[Mapping[str, Any]], styles: Mapping[int, str | None]) -> dict[str | None, bool]:
    """Per marker style: whether the items of that style carry distinct ordinals (numbers that run on)."""
    ordinals: dict[str | None, list[Any]] = {}
    for i, style in styles.items():
        ordinals.setdefault(style, []).append(rows[i]["ordinal"])
    return {style: len(set(found)) == len(found) for style, found in ordinals.items()}


def _task(parts, parent, prefixed, lines_by_number, path, convention):
    row = parts[0]
    text = "".join(part["text"] for part in parts)
    line_start, line_end = row["line_start"], parts[-1]["line_end"]
    if prefixed and parent is not None and parent["ordinal"]:
        label = parent["marker"].rstrip("、.．") + row["marker"]
        number = f"{parent['ordinal']:02d}-{row['ordinal']:02d}"
    else:
        label = row["marker"].rstrip(".．")
        number = f"{row['ordinal']:02d}"
    task = {
        "task_id": f"{row['document_id']}-t{number}",
        "document_id": row["document_id"],
        "section_id": row["section_id"],
        "label": label,
        "title": row["heading"] or text[len(row["marker"] or ""):].strip(),
        "text": text,
        "responsibility_text": None,
        "convention": None,
        "deadline_text": None,
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
