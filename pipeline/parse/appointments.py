"""Appointment clauses (任免) of appointment notices, from their ``sections`` rows: one row per person and action.

A body paragraph is cut into clauses at , ; : 。 (full or half width). A clause reads

- ``任命<names>为<position>`` -> appoint;
- ``免去<names>的<position>职务`` -> remove;
- ``免去其<position>职务`` -> remove, for the people of the clause before (任命张三为…,免去其…职务).

Names joined by 、 give one row each. A clause that starts with 任命 or 免去 and reads none of these ways is
noted as ``unread_appointment`` (its text stays in sections). The row's line is the raw line of the clause's
first character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.parse.review import ReviewNote
from pipeline.text.lines import Line
from pipeline.text.offsets import char_lines

CLAUSE_END = re.compile(r"[,，;；:：。]")
APPOINT = re.compile(r"^(?:决定)?任命(?P<names>[^为]+?)为(?P<position>.+)$")
REMOVE = re.compile(r"^(?:决定)?免去(?P<names>[^的其]+?)的(?P<position>.+?)职务$")
REMOVE_THEIR = re.compile(r"^(?:决定)?免去其(?P<position>.+?)职务$")
STARTS = re.compile(r"^(?:决定)?(?:任命|免去)")
#: text holding a clause that appoints (任命…为) or removes (免去…职务) someone: what makes a document an
#: appointment notice (``pipeline.parse.forms``); the clause starts the text or follows a ``CLAUSE_END``
APPOINTMENT_CLAUSE = re.compile(rf"(?:^|{CLAUSE_END.pattern})(?:决定)?(?:任命.+为|免去.+职务)")


@dataclass
class AppointmentRows:
    appointments: list[dict[str, Any]] = field(default_factory=list)
    notes: list[ReviewNote] = field(default_factory=list)


def _clauses(row: Mapping[str, Any], lines_by_number: Mapping[int, Line]) -> list[tuple[str, int]]:
    """(clause, raw line of its first character) of one section row."""
    text, where = char_lines(lines_by_number, row["line_start"], row["line_end"])
    out, start = [], 0
    for m in [*CLAUSE_END.finditer(text), None]:
        stop = m.start() if m else len(text)
        if stop > start:
            out.append((text[start:stop], where[start]))
        start = m.end() if m else stop
    return out


def _read(clause: str, previous: list[str]) -> tuple[str, list[str], str] | None:
    """(action, names, position) of one clause; ``previous`` are the names of the clause before."""
    if m := APPOINT.match(clause):
        return "appoint", m.group("names").split("、"), m.group("position")
    if m := REMOVE.match(clause):
        return "remove", m.group("names").split("、"), m.group("position")
    if (m := REMOVE_THEIR.match(clause)) and previous:
        return "remove", previous, m.group("position")
    return None


def build_appointments(sections: Sequence[Mapping[str, Any]], forms: Mapping[str, str],
                       lines: Sequence[Line]) -> AppointmentRows:
    """Appointment rows (without issue_id) of the documents whose form is ``appointment``."""
    lines_by_number = {ln.number: ln for ln in lines}
    out = AppointmentRows()
    counts: dict[str, int] = {}
    for row in sections:
        if forms.get(row["document_id"]) != "appointment" or row["part"] != "body" \
                or row["kind"] not in ("paragraph", "item"):
            continue
        previous: list[str] = []
        for clause, line in _clauses(row, lines_by_number):
            read = _read(clause, previous)
            if read is None:
                if STARTS.match(clause):
                    out.notes.append(ReviewNote("unread_appointment", clause, line, "not published in "
                                                "appointments; the clause stays in sections", row["document_id"]))
                previous = []
                continue
            action, names, position = read
            for name in names:
                counts[row["document_id"]] = counts.get(row["document_id"], 0) + 1
                out.appointments.append({
                    "appointment_id": f"{row['document_id']}-m{counts[row['document_id']]:03d}",
                    "document_id": row["document_id"], "person_name": name, "action": action,
                    "position_zh": position, "line": line})
            previous = names
    return out
