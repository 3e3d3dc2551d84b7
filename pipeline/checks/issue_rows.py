"""One parsed issue's rows against the registry, checked right after parsing so that a bad source line is named.

The parsers can accept a damaged issue whose rows no longer fit together or break a declared constraint: an
attachment heading lost, so no indicator rows while the prose targets still link to indicators; a line
printed twice, so two rows with one key; a digit changed, so a target year of 2717. The package checks
would refuse it later, but only as a failed check on a table. ``check_issue_rows`` finds it on the issue's
own rows (plus the reference tables) and raises a ``SourceError`` at the line of the first offending row:
field constraints (required, enum, pattern, bounds), primary keys unique, foreign keys resolving. Pure;
derived tables are checked when the package is staged. (Found by the mutation fuzzer, tests/fuzzing.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from pipeline.base.errors import SourceError
from pipeline.schema.registry import TABLES
from pipeline.schema.registry import table as registry_table

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def first_line(row: Mapping[str, Any]) -> int | None:
    """The raw line a row was parsed from (``line`` or ``line_start``)."""
    for column in ("line", "line_start", "line_end"):
        if isinstance(row.get(column), int):
            return row[column]
    return None


@dataclass(frozen=True)
class _Constraint:
    """A field's declared constraints, prepared once (enum as a set, pattern compiled)."""

    field: Any
    enum: frozenset | None
    pattern: re.Pattern | None

    def problem(self, value: Any) -> str | None:
        """What a value breaks of its field's declared constraints, or None."""
        field = self.field
        if value is None:
            return "to be given" if field.required else None
        if self.enum is not None and value not in self.enum:
            return f"to be one of {list(field.enum)}"
        if self.pattern is not None and not self.pattern.fullmatch(str(value)):
            return f"to match {field.pattern}"
        if field.minimum is not None and value < field.minimum or field.maximum is not None and value > field.maximum:
            return f"between {field.minimum} and {field.maximum}"
        return None


@lru_cache(maxsize=None)
def _constraints(table_name: str) -> tuple[_Constraint, ...]:
    """The constrained fields of a table (a field with no constraint is skipped)."""
    return tuple(_Constraint(f, frozenset(f.enum) if f.enum is not None else None,
                             re.compile(f.pattern) if f.pattern is not None else None)
                 for f in registry_table(table_name).fields
                 if f.required or f.enum is not None or f.pattern is not None
                 or f.minimum is not None or f.maximum is not None)


def _show(fields: Sequence[str], values: Sequence[Any]) -> str:
    return ", ".join(f"{f} {v!r}" for f, v in zip(fields, values))


def value_line(row: Mapping[str, Any], value: Any, lines: Sequence[Any] = ()) -> int | None:
    """The line of a row's span whose raw text shows ``value`` (a row may span a whole masthead), else the
    row's first line. ``lines`` are the issue's ``Line`` objects (number, raw)."""
    start, end = first_line(row), row.get("line_end")
    if start is not None and isinstance(end, int):
        for line in lines:
            if start <= line.number <= end and str(value) in line.raw:
                return line.number
    return start


def check_issue_rows(rows: Rows, reference: Rows, source_path: str, lines: Sequence[Any] = ()) -> dict[str, int]:
    """Field constraints, unique primary keys and resolving foreign keys among one issue's rows and the
    reference rows; ``lines`` (the issue's lines) let a bad value be located within a multi-line row.
    Returns how many rows of each registry table were checked (a table the issue has no rows for is absent)."""
    available = {name: [*reference.get(name, ()), *rows.get(name, ())] for name in {*rows, *reference}}
    checked: dict[str, int] = {}
    for table in TABLES:
        table_rows = rows.get(table.name)
        if table_rows is None:
            continue
        checked[table.name] = len(table_rows)
        constraints = _constraints(table.name)
        for row in table_rows:
            for constraint in constraints:
                value = row.get(constraint.field.name)
                problem = constraint.problem(value)
                if problem:
                    raise SourceError(source_path, value_line(row, value, lines),
                                      f"{constraint.field.name} of this {table.name} row {problem}", str(value))
        first: dict[tuple, int | None] = {}
        for row in table_rows:
            key = tuple(row[c] for c in table.primary_key)
            if key in first:
                raise SourceError(source_path, first_line(row),
                                  f"one {table.name} row per {_show(table.primary_key, key)} (the same key was "
                                  f"parsed from line {first[key]}; a line printed twice?)")
            first[key] = first_line(row)
        for fk in table.foreign_keys:
            if fk.resource not in available:
                continue
            targets = {tuple(r[f] for f in fk.reference_fields) for r in available[fk.resource]}
            for row in table_rows:
                values = tuple(row[f] for f in fk.fields)
                if None not in values and values not in targets:
                    raise SourceError(source_path, first_line(row),
                                      f"{_show(fk.fields, values)} of this {table.name} row to match a row of "
                                      f"{fk.resource} parsed from the issue (is a heading or table missing?)")
    return checked
