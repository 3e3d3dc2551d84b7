"""The registry: every published table, in publishing order (referenced tables first).

A foreign key's fields take their pattern from the key they reference (``with_key_patterns``): a pattern is
declared once, on a shared field of ``fields`` (document_id, indicator_id, region_code …: every table's column
carries it) or on the referenced key (units.unit_id for unit_collaborations.unit_a and unit_b), and a
referencing field that declares another pattern is refused when the registry loads."""

from __future__ import annotations

from pipeline.schema import (
    tables_attachments,
    tables_cells,
    tables_collaborations,
    tables_comparisons,
    tables_core,
    tables_findings,
    tables_forms,
    tables_review,
    tables_targets,
    tables_tasks,
)
import dataclasses
from collections.abc import Sequence

from pipeline.schema.model import Table



def with_key_patterns(tables: Sequence[Table]) -> tuple[Table, ...]:
    """``tables`` with every foreign-key field carrying the pattern of the key field it references; a
    referencing field whose own pattern differs raises ``ValueError`` (two declarations of one fact). Tables
    come in publishing order (referenced tables first), so a key that itself inherits passes its pattern on."""
    by_name = {t.name: t for t in tables}
    out = []
    for t in tables:
        inherited: dict[str, str] = {}
        for fk in t.foreign_keys:
            referenced = {f.name: f for f in by_name[fk.resource].fields}
            for name, key in zip(fk.fields, fk.reference_fields):
                if referenced[key].pattern is not None:
                    inherited.setdefault(name, referenced[key].pattern)
        fields = []
        for f in t.fields:
            pattern = inherited.get(f.name)
            if pattern is not None and f.pattern not in (None, pattern):
                raise ValueError(f"{t.name}.{f.name}: pattern {f.pattern!r} differs from the referenced key's "
                                 f"{pattern!r}; declare it once, on the key")
            fields.append(dataclasses.replace(f, pattern=pattern) if pattern and f.pattern is None else f)
        out.append(dataclasses.replace(t, fields=tuple(fields)))
        by_name[t.name] = out[-1]
    return tuple(out)


TABLES: tuple[Table, ...] = with_key_patterns((
    *tables_core.TABLES,
    *tables_forms.TABLES,
    *tables_attachments.TABLES,
    *tables_cells.TABLES,
    *tables_tasks.TABLES,
    *tables_collaborations.TABLES,
    *tables_targets.TABLES,
    *tables_comparisons.TABLES,
    *tables_findings.TABLES,
    *tables_review.TABLES,
))

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]
