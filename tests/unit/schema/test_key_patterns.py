"""A key's pattern is declared once, on the key; every foreign-key field that references it carries it."""

from __future__ import annotations

import pytest

from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.registry import BY_NAME, TABLES, with_key_patterns


def test_every_foreign_key_field_carries_the_referenced_keys_pattern() -> None:
    pairs = [(t.field(a), BY_NAME[fk.resource].field(b))
             for t in TABLES for fk in t.foreign_keys for a, b in zip(fk.fields, fk.reference_fields)]
    assert len(pairs) > 40
    assert all(a.pattern == b.pattern for a, b in pairs)
    # the shared fields (pipeline/schema/fields.py) carry the referenced keys' patterns
    assert BY_NAME["findings"].field("indicator_id").pattern == BY_NAME["indicators"].field("indicator_id").pattern
    assert BY_NAME["sections"].field("document_id").pattern == r"^[a-z][a-z0-9]*(?:-\d{4})?-\d+$"


def _tables(child_pattern: str | None) -> list[Table]:
    parent = Table("parent", "Parent", "A referenced table.", (Field("key", "string", "The key.", pattern=r"^k\d+$"),),
                   primary_key=("key",))
    child = Table("child", "Child", "A referencing table.",
                  (Field("id", "string", "Own key."), Field("key", "string", "FK to parent.", pattern=child_pattern)),
                  primary_key=("id",), foreign_keys=(ForeignKey(("key",), "parent", ("key",)),))
    return [parent, child]


def test_a_referencing_field_without_a_pattern_inherits_it() -> None:
    assert with_key_patterns(_tables(None))[1].field("key").pattern == r"^k\d+$"


def test_a_second_different_pattern_for_the_same_key_is_refused() -> None:
    with pytest.raises(ValueError, match=r"child.key: pattern '\^x\$' differs from the referenced key's"):
        with_key_patterns(_tables(r"^x$"))
