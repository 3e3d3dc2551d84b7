"""Unit names of the tasks resolved to ``unit_id``: a curated alias, or a provisional unit and a review note.

A name no alias of raw/reference/units.csv matches gets a provisional unit (``units.provisional_unit``: of
category collective where the name names a group of units, ``各设区市政府``, ``…其他成员单位``) and an
``unknown_unit`` note, so that keys hold until a curator maps it. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.parse.review import ReviewNote
from pipeline.parse.units import UnitIndex, provisional_unit


def resolve_units(pending: Sequence[dict[str, Any]], units: UnitIndex, out) -> None:
    """Append to ``out`` (``tasks.TaskRows``) a task_units row per assignment, provisional units and notes."""
    known: set[str] = set()
    for assignment in pending:
        name = assignment["name_as_written"]
        unit_id = units.lookup(name)
        if unit_id is None:
            unit = provisional_unit(name)
            unit_id = str(unit["unit_id"])
            if unit_id not in known:
                known.add(unit_id)
                out.units.append(unit)
            out.notes.append(ReviewNote("unknown_unit", name, assignment["line"],
                                        f"published as provisional unit {unit_id}",
                                        assignment["task_id"].rsplit("-t", 1)[0]))
        out.task_units.append({**assignment, "unit_id": unit_id})
