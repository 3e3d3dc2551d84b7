"""Baseline Great Expectations for a table, generated from the registry.

Every suite in expectations/ starts with these (``meta.source == "registry"``); hand-written expectations
(``meta.source == "manual"``) follow them and are kept when the suites are regenerated.

An empty string is never a value (a missing value is null, the CSV's empty cell): every string column gets
``expect_column_value_lengths_to_be_between(min_value=1)`` unless another of its expectations already refuses
``''`` (a value set without it, or a pattern that cannot match it), so that no fact is checked twice. Nulls are
not counted by these expectations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Sequence

from pipeline.schema.model import Table

REGISTRY = {"source": "registry"}


def _exp(type_: str, severity: str = "critical", **kwargs: Any) -> dict[str, Any]:
    return {"type": type_, "kwargs": kwargs, "severity": severity, "meta": dict(REGISTRY)}


def refuses_empty(field: Any) -> bool:
    """Whether the field's value set or pattern already refuses ``''`` (GX matches patterns with re.search)."""
    return ((field.enum is not None and "" not in field.enum)
            or (field.pattern is not None and re.search(field.pattern, "") is None))


def baseline_expectations(table: Table) -> list[dict[str, Any]]:
    out = [_exp("expect_table_columns_to_match_ordered_list", column_list=table.column_names)]
    if len(table.primary_key) > 1:
        out.append(_exp("expect_compound_columns_to_be_unique", column_list=list(table.primary_key)))
    for f in table.fields:
        if f.required:
            out.append(_exp("expect_column_values_to_not_be_null", column=f.name))
        if f.type == "string" and not refuses_empty(f):
            out.append(_exp("expect_column_value_lengths_to_be_between", column=f.name, min_value=1))
        if f.unique or table.primary_key == (f.name,):
            out.append(_exp("expect_column_values_to_be_unique", column=f.name))
        if f.enum is not None:
            out.append(_exp("expect_column_values_to_be_in_set", column=f.name, value_set=list(f.enum)))
        if f.pattern is not None:
            out.append(_exp("expect_column_values_to_match_regex", column=f.name, regex=f.pattern))
        if f.minimum is not None or f.maximum is not None:
            bounds = {k: v for k, v in (("min_value", f.minimum), ("max_value", f.maximum)) if v is not None}
            out.append(_exp("expect_column_values_to_be_between", column=f.name, **bounds))
    return out


def suite_path(folder: Path, table: Table) -> Path:
    return folder / f"{table.name}.json"


def render_suite(table: Table, existing: dict[str, Any] | None) -> dict[str, Any]:
    """The suite for ``table``: regenerated baseline plus the manual expectations of ``existing``."""
    manual = [e for e in (existing or {}).get("expectations", []) if e.get("meta", {}).get("source") == "manual"]
    return {"name": table.name, "expectations": baseline_expectations(table) + manual}


def dumps(suite: dict[str, Any]) -> str:
    return json.dumps(suite, ensure_ascii=False, indent=2) + "\n"


def suite_texts(folder: Path, tables: Sequence[Table]) -> dict[Path, str]:
    """The text each table's suite file must hold: the registry's baseline plus the file's manual expectations."""
    out: dict[Path, str] = {}
    for table in tables:
        path = suite_path(folder, table)
        existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        out[path] = dumps(render_suite(table, existing))
    return out


def stale_suites(folder: Path, tables: Sequence[Table]) -> dict[Path, str]:
    """The suite files that differ from what the registry generates (missing ones included), with their new text."""
    return {path: text for path, text in suite_texts(folder, tables).items()
            if not path.exists() or path.read_text(encoding="utf-8") != text}
