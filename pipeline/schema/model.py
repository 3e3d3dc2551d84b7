"""Vocabulary of the schema registry: ``Field``, ``ForeignKey`` and ``Table``.

Field types are Frictionless Table Schema types; each maps to one polars dtype and one DuckDB type here,
so every generated artefact agrees. A ``number`` printed in the source with a fixed number of decimals is
declared with ``decimals`` (its scale): it is computed with as a float inside the build and published exact,
as DECIMAL(``DECIMAL_PRECISION``, decimals) in Parquet and DuckDB and as its decimal text in CSV
(``pipeline.schema.frames.published_types``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

#: Frictionless type -> (polars dtype, DuckDB type)
TYPE_MAP: dict[str, tuple[pl.DataType, str]] = {
    "string": (pl.String(), "VARCHAR"),
    "integer": (pl.Int64(), "BIGINT"),
    "number": (pl.Float64(), "DOUBLE"),
    "boolean": (pl.Boolean(), "BOOLEAN"),
    "date": (pl.Date(), "DATE"),
}

#: Total digits of a published decimal column (DECIMAL(18, s) is stored in 64 bits by Parquet and DuckDB).
DECIMAL_PRECISION = 18


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    #: Scale of an exact decimal ``number`` (the most decimals the source prints in it); None: a float.
    decimals: int | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPE_MAP:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if self.decimals is not None and (self.type != "number" or not 0 <= self.decimals < DECIMAL_PRECISION):
            raise ValueError(f"field {self.name}: decimals={self.decimals} needs type number and 0 <= decimals < "
                             f"{DECIMAL_PRECISION}")
        if self.pattern is not None and re.compile(self.pattern).groups:
            raise ValueError(f"field {self.name}: pattern {self.pattern!r} has capturing groups; use (?:…)")

    @property
    def polars_dtype(self) -> pl.DataType:
        return TYPE_MAP[self.type][0]

    @property
    def published_dtype(self) -> pl.DataType:
        """The dtype of the published column: the exact decimal where ``decimals`` is set."""
        if self.decimals is None:
            return self.polars_dtype
        return pl.Decimal(DECIMAL_PRECISION, self.decimals)

    @property
    def duckdb_type(self) -> str:
        if self.decimals is not None:
            return f"DECIMAL({DECIMAL_PRECISION},{self.decimals})"
        return TYPE_MAP[self.type][1]


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where a table's rows come from: a hand-curated reference file (its path under raw/reference), the
    parsed gazette issues, or both (``units``: curated rows plus provisional rows for names they lack); or
    derived from other tables of the package (``derived_from``, computed by ``pipeline.derive``)."""

    reference: str | None = None
    parsed: bool = False
    derived_from: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if bool(self.derived_from) == bool(self.reference or self.parsed):
            raise ValueError("a table is either derived from other tables or read from a reference file and/or "
                             "the parsed issues")

    @property
    def derived(self) -> bool:
        return bool(self.derived_from)


PARSED = Origin(parsed=True)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: Columns that fix the published row order; defaults to the primary key.
    sort_by: tuple[str, ...] = field(default=())
    #: Rows that several sources may contribute identically (a provisional unit named in two issues, next to
    #: the curated rows): identical rows are published once. Rows that differ but share a key still fail.
    merge_identical: bool = False
    #: Where the rows come from (the Dagster assets are built from this).
    origin: Origin = PARSED

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: duplicate field names")
        for column in (*self.primary_key, *self.order_columns):
            if column not in names:
                raise ValueError(f"table {self.name}: key/sort column {column!r} is not a field")
        for fk in self.foreign_keys:
            for column in fk.fields:
                if column not in names:
                    raise ValueError(f"table {self.name}: foreign key column {column!r} is not a field")

    @property
    def order_columns(self) -> tuple[str, ...]:
        return self.sort_by or self.primary_key

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def polars_schema(self) -> pl.Schema:
        return pl.Schema({f.name: f.polars_dtype for f in self.fields})

    def published_schema(self) -> pl.Schema:
        """The dtypes of the published Parquet file (exact decimals where ``Field.decimals`` is set)."""
        return pl.Schema({f.name: f.published_dtype for f in self.fields})

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name} has no field {name!r}")
