"""Rows (dicts from the parsers) to typed polars frames that match the registry exactly.

An empty string is never a published value: a blank cell of an optional reference column (``units.name_en``
of the collective) or an empty string from a parser becomes null here, where every published row is typed,
so the CSV's empty cell and the Parquet null say the same thing. A required column left blank then fails
its not-null expectation instead of passing as ''.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping, Sequence

import polars as pl

from pipeline.base.errors import BuildError
from pipeline.schema.lazy_frames import mapped
from pipeline.schema.model import Table


def typed_frame(table: Table, rows: Sequence[dict[str, Any]]) -> pl.DataFrame:
    """The rows as a frame with the table's columns, in order, strictly typed; no other change (see ``to_frame``).

    A row with a missing or unexpected key is a programming error in a parser, reported by name.
    """
    expected = table.column_names
    for i, row in enumerate(rows):
        if list(row) != expected:
            missing = [c for c in expected if c not in row]
            extra = [c for c in row if c not in expected]
            if missing or extra:
                raise BuildError(f"table {table.name}: row {i} has missing columns {missing}, unexpected {extra}")
    columns = {c: [r[c] for r in rows] for c in expected}  # column-wise: much faster than from_dicts
    return pl.DataFrame(columns, schema=table.polars_schema(), strict=True)


def to_frame(table: Table, rows: Sequence[dict[str, Any]]) -> pl.DataFrame:
    """A frame with the table's columns, in order, typed, '' as null, sorted by the table's order columns."""
    return published(table, typed_frame(table, rows))


def published(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """'' as null and the table's published order (a stable sort: ties keep their order)."""
    return blank_strings_to_null(frame).sort(list(table.order_columns), maintain_order=True)


def combine(table: Table, frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Concatenate the frames of one table (reference rows, then one per issue, each from ``to_frame`` or
    ``typed_frame``) in the published order; identical rows are kept once where the table says so
    (``Table.merge_identical``)."""
    if not frames:
        return pl.DataFrame(schema=table.polars_schema())
    frame = blank_strings_to_null(pl.concat(frames, how="vertical"))
    if table.merge_identical:
        frame = frame.unique(maintain_order=True)
    return frame.sort(list(table.order_columns), maintain_order=True)


def blank_strings_to_null(frame: pl.DataFrame) -> pl.DataFrame:
    """Every '' of a string column as null (other values and columns unchanged)."""
    strings = [c for c, dtype in frame.schema.items() if dtype == pl.String]
    if not strings:
        return frame
    return frame.with_columns(pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in strings)


def published_types(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every exact-decimal column (``Field.decimals``) as its published decimal dtype.

    Each float becomes the decimal its shortest repr writes (2486.8, not 2486.79999…), which is the number the
    parser read from the printed text; a value with more decimals than the field's scale is refused, naming the
    table, column, value and source line, rather than rounded.
    """
    fields = [f for f in table.fields if f.decimals is not None and f.name in frame.columns]
    if not fields:
        return frame
    return frame.with_columns(_exact(table, frame, f) for f in fields)


def _exact(table: Table, frame: pl.DataFrame, field: Any) -> pl.Series:
    """The column as exact decimals; each distinct float is converted once (a table of many issues repeats few
    values), a value the scale cannot hold is refused at its first row."""
    column = frame[field.name]
    exact: dict[float, Decimal] = {}
    for value in column.drop_nulls().unique(maintain_order=True).to_list():
        decimal = Decimal(repr(float(value)))
        if not decimal.is_finite() or -decimal.as_tuple().exponent > field.decimals:  # type: ignore[operator]
            row = column.to_list().index(value)
            line = frame["line"][row] if "line" in frame.columns else None
            where = f" (source line {line})" if line is not None else ""
            raise BuildError(f"table {table.name}, column {field.name}: value {value!r}{where} has more than the "
                             f"{field.decimals} decimal(s) the registry declares for it (Field.decimals in "
                             f"pipeline/schema); a printed number with more decimals needs a larger scale there")
        exact[value] = decimal.quantize(Decimal(1).scaleb(-field.decimals))
    return pl.Series(field.name, [None if v is None else exact[v] for v in column.to_list()],
                     dtype=field.published_dtype)


def working_types(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """A published frame (as read from its Parquet file) with the build's dtypes: exact decimals as floats."""
    return frame.with_columns(pl.col(f.name).cast(f.polars_dtype) for f in table.fields
                              if f.decimals is not None and f.name in frame.columns)


def with_working_types(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame]) -> Mapping[str, pl.DataFrame]:
    """``frames`` with the build's dtypes (``working_types``) for the tables of ``tables`` they hold, whether they
    are the build's frames or read from published Parquet files; lazy frames stay lazy (each converted as read)."""
    by_name = {t.name: t for t in tables if t.name in frames}
    return mapped(frames, set(by_name), lambda name, frame: working_types(by_name[name], frame))


def read_published(table: Table, folder: Path) -> pl.DataFrame:
    """``<folder>/<table>.parquet`` with the build's dtypes (``working_types``), as the build's checks see it."""
    return working_types(table, pl.read_parquet(folder / f"{table.name}.parquet"))
