"""Task tables: a tab-separated table whose header names a responsibility column gives one task per data row.

A table is a task table when a header cell is one of the labels of ``responsibility_forms.TABLE_COLUMNS``
(牵头单位, 责任单位, 配合单位, 参与单位). Its columns are found by header (``NUMBER_HEADERS`` 序号,
``TASK_HEADERS`` 重点任务 …, ``DEADLINE_HEADERS`` 完成时限 …); the number cell gives the task number (the data
row's number where it is not a number), the task cell the title and text, each unit column its units read
with that label's reading, the deadline cell ``deadline_text``. ``responsibility_text`` is each non-empty
unit cell as ``<header>:<cell>``, joined by ``;``. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.parse.responsibility_forms import (
    DEADLINE_HEADERS,
    NUMBER_HEADERS,
    TABLE_COLUMNS,
    TABLE_CONVENTION,
    TASK_HEADERS,
    UnitMention,
    read_units,
)
from pipeline.parse.tab_tables import TabTable, cells


def is_task_table(table: TabTable) -> bool:
    return any(head in TABLE_COLUMNS for head in table.header)


@dataclass
class TableTask:
    """One task row: the ``tasks`` row (without section_id) and its unit mentions with their lines."""

    task: dict[str, Any]
    mentions: list[tuple[UnitMention, int]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def _column(header: list[str], names) -> int | None:
    return next((i for i, head in enumerate(header) if head in names), None)


def read_task_table(table: TabTable) -> list[TableTask]:
    """The tasks of a task table (``is_task_table``), in printed order."""
    header = table.header
    number_col, task_col = _column(header, NUMBER_HEADERS), _column(header, TASK_HEADERS)
    deadline_col = _column(header, DEADLINE_HEADERS)
    unit_cols = [(i, TABLE_COLUMNS[head]) for i, head in enumerate(header) if head in TABLE_COLUMNS]
    if task_col is None:
        task_col = next(i for i in range(len(header)) if i != number_col and i not in dict(unit_cols))
    out = []
    for row_no, line in enumerate(table.data_rows, start=1):
        row = cells(line) + [""] * len(header)
        number = row[number_col] if number_col is not None else ""
        ordinal = int(number) if number.isdigit() else row_no
        text = row[task_col]
        entry = TableTask({
            "task_id": f"{table.document_id}-t{ordinal:02d}", "document_id": table.document_id,
            "label": number or str(row_no), "title": text.partition("。")[0] or text, "text": line.clean,
            "responsibility_text": None, "convention": None, "deadline_text": None,
            "line_start": line.number, "line_end": line.number})
        if deadline_col is not None and row[deadline_col]:
            entry.task["deadline_text"] = row[deadline_col]
        counts: dict[str, int] = {}
        printed = []
        for col, form in unit_cols:
            if not row[col]:
                continue
            printed.append(f"{header[col]}:{row[col]}")
            found = read_units(row[col], form.reading, counts)
            if found is None:
                entry.unread.append(f"{header[col]}:{row[col]}")
            else:
                entry.mentions += [(m, line.number) for m in found]
        if printed:
            entry.task["responsibility_text"], entry.task["convention"] = ";".join(printed), TABLE_CONVENTION
        out.append(entry)
    return out


def by_document(tables: list[TabTable]) -> Mapping[str, list[TabTable]]:
    out: dict[str, list[TabTable]] = {}
    for table in tables:
        if is_task_table(table):
            out.setdefault(table.document_id, []).append(table)
    return out
