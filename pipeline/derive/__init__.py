"""Derived tables: computed from other tables of the package, not parsed from raw text.

Each ``Derivation`` names the registry table it fills, the tables it reads, and a pure function from those
frames to rows. The Dagster wiring gives every derived table an asset whose inputs are those tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import polars as pl

Frames = Mapping[str, pl.DataFrame]


@dataclass(frozen=True)
class Derivation:
    table: str
    inputs: tuple[str, ...]
    build: Callable[[Frames], list[dict[str, Any]]]


def derivations() -> tuple[Derivation, ...]:
    """All derivations, in dependency order (imported lazily so each module stays independent)."""
    from pipeline.derive.collaborations import COLLABORATIONS
    from pipeline.derive.findings import FINDINGS

    return (COLLABORATIONS, FINDINGS)


def by_table() -> dict[str, Derivation]:
    return {d.table: d for d in derivations()}
