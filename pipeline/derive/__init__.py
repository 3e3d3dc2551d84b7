"""Derived tables: computed from other tables of the package, not parsed from raw text (unit collaborations,
prose targets compared with the tables, findings).

Each ``Derivation`` (``pipeline.derive.derivation``) names the registry table it fills and a pure function
from frames to rows; the tables it reads are declared once, by the table's origin in the registry
(``Origin.derived_from``). The Dagster wiring gives every derived table an asset whose inputs are those tables;
a derivation that works issue by issue (``Derivation.per_issue``) is run by the parse step on each issue
(``per_issue``) and its asset reads the rows stored with the issues' parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.derive.derivation import Derivation


def derivations() -> tuple["Derivation", ...]:
    """All derivations, in dependency order (imported lazily so each module stays independent)."""
    from pipeline.derive.collaborations import COLLABORATIONS
    from pipeline.derive.findings import FINDINGS
    from pipeline.derive.target_comparisons import COMPARISONS

    return (COLLABORATIONS, COMPARISONS, FINDINGS)


def by_table() -> dict[str, "Derivation"]:
    return {d.table: d for d in derivations()}
