"""Rows (dicts from the parsers) to typed polars frames that match the registry exactly."""

from __future__ import annotations

from typing import Any, Sequence

import polars as pl

from pipeline.errors import BuildError
from pipeline.schema.model import Table


def to_frame(table: Table, rows: Sequence[dict[str, Any]]) -> pl.DataFrame:
    """A frame with the table's columns, in order, typed, sorted by the table's order columns.

    A row with a missing or unexpected key is a programming error in a parser, reported by name.
    """
    expected = table.column_names
    for i, row in enumerate(rows):
        if list(row) != expected:
            missing = [c for c in expected if c not in row]
            extra = [c for c in row if c not in expected]
            if missing or extra:
                raise BuildError(f"table {table.name}: row {i} has missing columns {missing}, unexpected {extra}")
    frame = pl.from_dicts([{c: r[c] for c in expected} for r in rows], schema=table.polars_schema(), strict=True)
    return frame.sort(list(table.order_columns), maintain_order=True)


def combine(table: Table, frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Concatenate the frames of one table (reference rows, then one per issue) in the published order;
    identical rows are kept once where the table says so (``Table.merge_identical``)."""
    if not frames:
        return pl.DataFrame(schema=table.polars_schema())
    frame = pl.concat(frames, how="vertical")
    if table.merge_identical:
        frame = frame.unique(maintain_order=True)
    return frame.sort(list(table.order_columns), maintain_order=True)
