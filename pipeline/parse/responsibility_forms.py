"""The printed forms of responsibility, as data, and the one reader of a unit list they share.

A responsibility is printed in one of three places; each feeds ``read_units`` below:

- a parenthetical clause closing the item (``responsibility.parse_clause``: ``(牵头单位:A;参与单位:B等)`` or
  ``(A、B负责)``), unchanged;
- lines right after the item (``LINE_FORMS``): ``牵头单位:A、B`` (every listed unit leads), ``责任单位:A、B、C``
  (units marked ``…牵头`` lead; where none is marked the first listed leads; the rest participate),
  ``配合单位:`` / ``参与单位:`` (participate); ASCII or full-width colon; several lines may follow one item;
- the columns of a task table (``TABLE_COLUMNS``): a header cell naming one of the same labels reads its
  cells with that label's reading; ``DEADLINE_HEADERS`` name the deadline column, ``NUMBER_HEADERS`` the
  task number, ``TASK_HEADERS`` the task text.

``PRINTED_RULES`` are the rules a document prints once (``列首位者为牵头单位,下同``, ``除标注“牵头”的单位外,
列第一位的为牵头单位,下同``); they are what ``责任单位`` and ``…负责`` already mean, and their presence shows that
the document assigns responsibility (the loss rule of ``pipeline.parse.responsibility_check``).
``COLLECTIVE_NAMES`` are names kept whole when a list is split on 、 (``各市、县(市、区)政府``);
``COLLECTIVE_PATTERN`` tells a name of a group of units (``各设区市政府``, ``…领导小组其他成员单位``), which
becomes a collective unit. Everything here is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEAD, PARTICIPANT = "lead", "participant"

#: How a label reads its unit list.
ALL_LEAD = "all_lead"
ALL_PARTICIPANT = "all_participant"
MARKED_OR_FIRST_LEADS = "marked_or_first_leads"


@dataclass(frozen=True)
class LineForm:
    """A responsibility label: its reading of the list and the ``tasks.convention`` of a task it opens."""

    label: str
    reading: str
    convention: str


LINE_FORMS: tuple[LineForm, ...] = (
    LineForm("牵头单位", ALL_LEAD, "lead_lines"),
    LineForm("责任单位", MARKED_OR_FIRST_LEADS, "responsible_lines"),
    LineForm("配合单位", ALL_PARTICIPANT, "lead_lines"),
    LineForm("参与单位", ALL_PARTICIPANT, "lead_lines"),
)
FORMS_BY_LABEL = {form.label: form for form in LINE_FORMS}
#: A responsibility line: a label, a colon of either width, the list.
LINE = re.compile(r"^(" + "|".join(FORMS_BY_LABEL) + r")\s*[:：]\s*(.*)$", re.S)
#: Task-table columns: header cell -> the form its cells are read with (the same labels as the lines).
TABLE_COLUMNS = FORMS_BY_LABEL
TABLE_CONVENTION = "table_columns"
DEADLINE_HEADERS = ("完成时限", "完成时间")
NUMBER_HEADERS = ("序号",)
TASK_HEADERS = ("重点任务", "重点工作", "主要任务", "工作任务", "任务", "工作内容", "具体任务")

PRINTED_RULES = (
    re.compile(r"列首位者为牵头单位"),
    re.compile(r"除标注[“\"']?牵头[”\"']?的单位外[,，]\s*列(?:第一位|首位)的?为牵头单位"),
)
LEAD_MARK = "牵头"
OPEN_ENDED = "等"
GROUP_SEPARATORS = ",，;；"
NAME_SEPARATOR = "、"
COLLECTIVE_NAMES = (re.compile(r"各市、县[((]市、区[))](?:人民)?政府"),)
COLLECTIVE_PATTERN = re.compile(r"^(?:各.+(?:政府|部门|单位)|.+其他成员单位)$")


@dataclass(frozen=True)
class UnitMention:
    """One unit of a list: role, 1-based position in its role, name as written, offset in the list text."""

    role: str
    position: int
    name_as_written: str
    list_open_ended: bool
    offset: int


def match_line(text: str) -> tuple[LineForm, str, int] | None:
    """(form, list text, offset of the list) for a responsibility line, else None."""
    m = LINE.match(text)
    return (FORMS_BY_LABEL[m.group(1)], m.group(2), m.start(2)) if m else None


def states_rule(text: str) -> bool:
    """Whether ``text`` prints one of the responsibility rules."""
    return any(rule.search(text) for rule in PRINTED_RULES)


def _split(text: str, separators: str) -> list[tuple[str, int]]:
    """Split on ``separators`` outside brackets and outside ``COLLECTIVE_NAMES``; (part, offset), stripped."""
    keep = {i for pattern in COLLECTIVE_NAMES for m in pattern.finditer(text) for i in range(m.start(), m.end())}
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text + separators[0]):
        if ch in "(（〔[":
            depth += 1
        elif ch in ")）〕]":
            depth -= 1
        elif ch in separators and depth == 0 and i not in keep:
            raw = text[start:i]
            parts.append((raw.strip(), start + len(raw) - len(raw.lstrip())))
            start = i + 1
    return parts


def _groups(text: str) -> list[tuple[list[tuple[str, int]], bool, bool]]:
    """The comma-separated groups of a list: (names with offsets, marked …牵头, ends in 等)."""
    out = []
    for group, at in _split(text.rstrip("。;；"), GROUP_SEPARATORS):
        open_ended = group.endswith(OPEN_ENDED)
        group = group[: -len(OPEN_ENDED)] if open_ended else group
        marked = group.endswith(LEAD_MARK) and len(group) > len(LEAD_MARK)
        group = group[: -len(LEAD_MARK)] if marked else group
        out.append(([(name, at + off) for name, off in _split(group, NAME_SEPARATOR)], marked, open_ended))
    return out


def read_units(text: str, reading: str, counts: dict[str, int] | None = None) -> list[UnitMention] | None:
    """The units of one list under ``reading``; None where the list names no unit (or an empty name).

    ``counts`` (role -> units so far) carries positions on across the lines of one task.
    """
    counts = counts if counts is not None else {}
    groups = _groups(text)
    names = [(n, off, marked, ended) for found, marked, ended in groups for n, off in found]
    if not names or any(not n for n, *_ in names):
        return None
    any_marked = any(marked for _, _, marked, _ in names)
    out = []
    for k, (name, off, marked, ended) in enumerate(names):
        if reading == ALL_LEAD:
            role = LEAD
        elif reading == ALL_PARTICIPANT:
            role = PARTICIPANT
        else:
            role = LEAD if (marked if any_marked else k == 0) else PARTICIPANT
        counts[role] = counts.get(role, 0) + 1
        out.append(UnitMention(role, counts[role], name, ended, off))
    return out


def is_collective(name: str) -> bool:
    """Whether a name names a group of units rather than one body."""
    return bool(COLLECTIVE_PATTERN.match(name))
