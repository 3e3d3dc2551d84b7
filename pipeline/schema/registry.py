"""The registry: every published table, in publishing order (referenced tables first)."""

from __future__ import annotations

from pipeline.schema import (
    tables_attachments,
    tables_cells,
    tables_collaborations,
    tables_core,
    tables_findings,
    tables_forms,
    tables_review,
    tables_targets,
    tables_tasks,
)
from pipeline.schema.model import Table

TABLES: tuple[Table, ...] = (
    *tables_core.TABLES,
    *tables_forms.TABLES,
    *tables_attachments.TABLES,
    *tables_cells.TABLES,
    *tables_tasks.TABLES,
    *tables_collaborations.TABLES,
    *tables_targets.TABLES,
    *tables_findings.TABLES,
    *tables_review.TABLES,
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]
