"""The loss rule: a responsibility the document prints but the tasks do not carry is never silent.

A document *assigns responsibility* when it prints a responsibility rule (``列首位者为牵头单位``,
``除标注“牵头”的单位外,列第一位的为牵头单位``), a responsibility line (``牵头单位:`` …) or a task table, or
when any of its tasks carries a clause. In such a document:

- every task without a readable responsibility is noted ``missing_clause`` unless raw/reference/
  task_scopes.csv confirms it in ``tasks_without_clause`` (a task-scope override of the rule never silences
  it: the check runs after whichever rule picked the tasks);
- a task whose responsibility names no lead unit is noted ``unread_responsibility``;
- a responsibility line whose list cannot be read, or that belongs to no task (under a heading, or in a
  document whose items the rule did not take as tasks), is noted ``unread_responsibility``.

A document that prints none of these (浙政办发〔2016〕89号 and 90号 of the first issue) raises nothing. Pure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pipeline.parse.responsibility_forms import match_line, states_rule
from pipeline.parse.review import ReviewNote


def assigns_responsibility(rows: Sequence[Mapping[str, Any]], tasks: Sequence[Mapping[str, Any]],
                           has_task_table: bool) -> bool:
    """Whether a document (its ``sections`` rows and tasks) shows a responsibility form anywhere."""
    return (has_task_table or any(t["responsibility_text"] for t in tasks)
            or any(states_rule(r["text"]) or (r["kind"] == "paragraph" and match_line(r["text"])) for r in rows))


def loss_notes(rows: Sequence[Mapping[str, Any]], tasks: Sequence[Mapping[str, Any]], leads: Collection[str],
               consumed: Collection[str], confirmed: Collection[str], has_task_table: bool) -> list[ReviewNote]:
    """The notes of the loss rule (module docstring) for one document.

    ``leads``: task ids with at least one lead unit; ``consumed``: section ids of the responsibility lines
    read as part of a task; ``confirmed``: task labels printed without a clause (task_scopes.csv).
    """
    if not assigns_responsibility(rows, tasks, has_task_table):
        return []
    notes = []
    for t in tasks:
        if not t["responsibility_text"]:
            if t["label"] not in confirmed:
                notes.append(ReviewNote("missing_clause", f"{t['task_id']} {t['label']} {t['title']}",
                                        t["line_end"], "the task is published without units (task_units)",
                                        t["document_id"]))
        elif t["task_id"] not in leads:
            notes.append(ReviewNote("unread_responsibility", t["responsibility_text"], t["line_end"],
                                    f"task {t['task_id']}: the responsibility names no lead unit",
                                    t["document_id"]))
    for r in rows:
        if r["kind"] == "paragraph" and match_line(r["text"]) and r["section_id"] not in consumed:
            notes.append(ReviewNote("unread_responsibility", r["text"], r["line_start"],
                                    f"a responsibility line that belongs to no task (section {r['section_id']})",
                                    r["document_id"]))
    return notes
