"""What a derived table is: the registry table it fills and a pure function from frames to its rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import polars as pl

Frames = Mapping[str, pl.DataFrame]


@dataclass(frozen=True)
class Derivation:
    table: str
    build: Callable[[Frames], list[dict[str, Any]]]

    @property
    def inputs(self) -> tuple[str, ...]:
        """The tables it reads, from the registry (``Origin.derived_from`` of its table)."""
        from pipeline.schema.registry import table

        return table(self.table).origin.derived_from
