"""The generic reader of the hand-curated reference CSVs under ``raw/reference/``, validated like any other input.

A reference CSV is UTF-8 (a BOM is dropped; CRLF and CR line endings are read as LF, the same policy as the
gazette text in ``pipeline.raw.snapshot``), comma-separated, with one header line naming exactly the expected columns and
one physical line per row (no blank lines, no line breaks inside cells), so row ``i`` (0-based) of the
returned list always sits on CSV line ``i + 2``. No cell may still hold the ``<FILL: …>`` placeholder of
``gazette review --suggest``. Every problem raises ``SourceError`` naming the CSV line.

What belongs here: the generic reader only; it knows no particular file. What each file holds (path, columns,
key, unique columns, optional columns, patterns) is declared once in ``pipeline.reference.declarations``, whose
``read`` calls ``load_reference``; the loaders of the individual files (``pipeline.raw.references``,
``pipeline.parse.units``, ``pipeline.parse.targets``) read through it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from pipeline.base.errors import SourceError

#: CSV line of the first data row (line 1 is the header).
FIRST_ROW_LINE = 2
#: How ``gazette review --suggest`` marks a value a person must write; no cell of a reference file may hold it.
PLACEHOLDER = "<FILL:"


def row_line(index: int) -> int:
    """CSV line number of the row at 0-based ``index`` of a list returned by ``load_reference``."""
    return index + FIRST_ROW_LINE


def load_reference(
    path: str | Path,
    columns: Sequence[str],
    key: str | Sequence[str],
    *,
    unique: Sequence[str | Sequence[str]] = (),
    optional: Collection[str] = (),
    patterns: Mapping[str, str] | None = None,
    display_path: str | None = None,
    allow_empty: bool = False,
) -> list[dict[str, str]]:
    """Read a reference CSV and return its rows as dicts with exactly ``columns`` as keys, in file order.

    Checks: the header is exactly ``columns``; each row has one cell per column; no cell is blank unless its
    column is in ``optional``; no cell has leading or trailing whitespace or a line break; cells of columns in
    ``patterns`` fully match the regex; the ``key`` column(s), and each column set in ``unique``, are unique.
    ``display_path`` is the path shown in errors (defaults to ``path``).
    """
    shown = display_path if display_path is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(shown, None, "a readable reference CSV file", str(exc)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(shown, None, "UTF-8 text", repr(data[exc.start:exc.end])) from exc
    return parse_reference(text, shown, columns, key, unique=unique, optional=optional, patterns=patterns,
                           allow_empty=allow_empty)


def parse_reference(
    text: str,
    path: str,
    columns: Sequence[str],
    key: str | Sequence[str],
    *,
    unique: Sequence[str | Sequence[str]] = (),
    optional: Collection[str] = (),
    patterns: Mapping[str, str] | None = None,
    allow_empty: bool = False,
) -> list[dict[str, str]]:
    """Validate already decoded CSV ``text`` as ``load_reference`` does (``path`` is for errors).

    A file with a header and no rows is refused unless ``allow_empty`` (an override file may be empty)."""
    check_declaration(columns, key, unique, optional, patterns or {})
    unique_sets = [as_columns(key), *(as_columns(cols) for cols in unique)]
    compiled = {column: re.compile(pattern) for column, pattern in (patterns or {}).items()}

    rows: list[dict[str, str]] = []
    seen: list[dict[tuple[str, ...], int]] = [{} for _ in unique_sets]
    for number, cells, raw in _csv_lines(text, path, columns):
        row = _checked_row(dict(zip(columns, cells)), path, number, optional, compiled)
        _check_unique(row, path, number, unique_sets, seen)
        rows.append(row)
    if not rows and not allow_empty:
        raise SourceError(path, FIRST_ROW_LINE, "at least one data row", "end of file")
    return rows


def check_declaration(columns: Sequence[str], key: str | Sequence[str], unique: Sequence[str | Sequence[str]],
                      optional: Collection[str], patterns: Mapping[str, str], name: str = "") -> None:
    """Every column the key, unique sets, optional columns and patterns name is one of ``columns``, and every
    pattern compiles (a programming error, ``ValueError``, not a fault of the file; ``name`` starts the message).
    ``ReferenceFile`` runs it when a file is declared, ``parse_reference`` before it reads."""
    named = [*as_columns(key), *(c for cs in unique for c in as_columns(cs)), *optional, *patterns]
    unknown = [c for c in named if c not in columns]
    if unknown:
        raise ValueError(f"{name + ': ' if name else ''}{unknown} are not among the declared columns {list(columns)}")
    for pattern in patterns.values():
        re.compile(pattern)


def _check_unique(row: Mapping[str, str], path: str, number: int, unique_sets: Sequence[tuple[str, ...]],
                  seen: Sequence[dict[tuple[str, ...], int]]) -> None:
    """``row`` (on CSV line ``number``) repeats no value of a unique column set; records its values in ``seen``
    (one dict per set: value -> first line)."""
    for key_columns, first_lines in zip(unique_sets, seen):
        key_value = tuple(row[column] for column in key_columns)
        if key_value in first_lines:
            raise SourceError(path, number, f"a unique {'/'.join(key_columns)} (first used on line "
                              f"{first_lines[key_value]})", "/".join(key_value))
        first_lines[key_value] = number


def _csv_lines(text: str, path: str, columns: Sequence[str]):
    """(line number, cells, raw line) of every data row, after checking the header; one CSV row per line."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # one line-ending policy
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    if not physical:
        raise SourceError(path, 1, f"a header line {','.join(columns)}", "an empty file")
    for number, raw in enumerate(physical, start=1):
        if not raw.strip():
            raise SourceError(path, number, "a CSV row (no blank lines in a reference file)", raw)
        try:
            cells = next(csv.reader(io.StringIO(raw), strict=True))
        except (csv.Error, StopIteration) as exc:
            raise SourceError(path, number, "one well-formed CSV row on the line", raw) from exc
        if number == 1:
            if cells != list(columns):
                raise SourceError(path, 1, f"the header {','.join(columns)}", raw)
            continue
        if len(cells) != len(columns):
            raise SourceError(path, number, f"{len(columns)} cells ({','.join(columns)})", raw)
        yield number, cells, raw


def _checked_row(row: dict[str, str], path: str, number: int, optional: Collection[str],
                 patterns: Mapping[str, re.Pattern[str]]) -> dict[str, str]:
    """``row`` once every cell is trimmed, non-blank unless optional, and matches its column's pattern."""
    for column, value in row.items():
        if value != value.strip():
            raise SourceError(path, number, f"no leading/trailing whitespace in {column}", value)
        if not value and column not in optional:
            raise SourceError(path, number, f"a non-blank {column}", value)
        if PLACEHOLDER in value:
            raise SourceError(path, number, f"{column} written by a curator in place of the placeholder "
                              f"{PLACEHOLDER} …> that gazette review --suggest printed", value)
        pattern = patterns.get(column)
        if value and pattern is not None and not pattern.fullmatch(value):
            raise SourceError(path, number, f"{column} matching {pattern.pattern}", value)
    return row


def as_columns(columns: str | Sequence[str]) -> tuple[str, ...]:
    """A key or unique column set as a tuple of column names (a single name is a set of one)."""
    return (columns,) if isinstance(columns, str) else tuple(columns)
