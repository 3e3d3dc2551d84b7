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
    #: True when an issue's rows depend only on that issue's rows of the inputs (the derivation works document by
    #: document): the whole table is then the union of what ``build`` gives for each issue alone, so the parse step
    #: derives them per issue and stores them with the issue's parts (``pipeline.derive.per_issue``), and an
    #: unchanged issue's rows are never derived again.
    per_issue: bool = False

    @property
    def inputs(self) -> tuple[str, ...]:
        """The tables it reads, from the registry (``Origin.derived_from`` of its table)."""
        from pipeline.schema.registry import table

        return table(self.table).origin.derived_from
