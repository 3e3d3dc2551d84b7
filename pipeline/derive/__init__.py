"""Derived tables: computed from other tables of the package, not parsed from raw text.

Each ``Derivation`` names the registry table it fills and a pure function from frames to rows; the tables it
reads are declared once, by the table's origin in the registry (``Origin.derived_from``). The Dagster wiring
gives every derived table an asset whose inputs are those tables.
"""

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


def derivations() -> tuple[Derivation, ...]:
    """All derivations, in dependency order (imported lazily so each module stays independent)."""
    from pipeline.derive.collaborations import COLLABORATIONS
    from pipeline.derive.findings import FINDINGS

    return (COLLABORATIONS, FINDINGS)


def by_table() -> dict[str, Derivation]:
    return {d.table: d for d in derivations()}
