"""Derived tables computed one issue at a time: the derivations whose rows for an issue depend only on that
issue's rows (``Derivation.per_issue``: findings and target comparisons work document by document).

The parse step calls ``derive_issue`` on each issue it parses and stores the rows with the issue's parts, so
publishing a package reads them like parsed rows and an unchanged issue's findings are never derived again.
The union over the issues is the table ``Derivation.build`` gives for all issues at once (a test holds it).
"""

from __future__ import annotations

from typing import Mapping

import polars as pl

from pipeline.derive import derivations
from pipeline.derive.derivation import Derivation
from pipeline.schema.frames import combine, to_frame
from pipeline.schema.registry import table as registry_table


def per_issue_derivations() -> tuple[Derivation, ...]:
    """The derivations computed per issue, in dependency order."""
    return tuple(d for d in derivations() if d.per_issue)


def derive_issue(frames: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The per-issue derived tables of one issue (those with rows), from the issue's typed frames (a table the
    issue has no rows of is absent): each input as the published table holds it (``combine``), each output as
    ``to_frame`` types it."""
    out: dict[str, pl.DataFrame] = {}
    for derivation in per_issue_derivations():
        known = {**frames, **out}
        inputs = {name: combine(registry_table(name), [known[name]] if name in known else [])
                  for name in derivation.inputs}
        rows = derivation.build(inputs)
        if rows:
            out[derivation.table] = to_frame(registry_table(derivation.table), rows)
    return out
