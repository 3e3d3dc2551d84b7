"""A field that two or more tables publish is declared once, in pipeline/schema/fields.py.

Two readings of the schema hold the registry to it: the table modules' source (no ``Field("<shared name>", …)``
outside fields.py) and the registry's columns (every column of a shared name has the shared type and
constraints; every name several tables use is shared or a listed homonym whose declarations really differ)."""

from __future__ import annotations

import ast
import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable
from pathlib import Path

import pytest

from pipeline.schema import fields
from pipeline.schema.common import INDICATOR_ID_PATTERN, REGION_CODE_PATTERN, SECTION_ID_PATTERN
from pipeline.schema.fields import FIELDS, HOMONYMS, shared, source_line
from pipeline.schema.model import Field, Table
from pipeline.schema.registry import BY_NAME, TABLES

SCHEMA = Path(fields.__file__).parent
#: What a shared declaration fixes (a table may say only required, unique and its description).
DOMAIN = ("type", "pattern", "enum", "minimum", "maximum", "decimals")


def field_calls(source: str, names: Collection[str]) -> list[tuple[int, str]]:
    """(line, name) of every ``Field(...)`` call in ``source`` that declares one of ``names``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Field"):
            continue
        first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
        if isinstance(first, ast.Constant) and first.value in names:
            found.append((node.lineno, first.value))
    return sorted(found)


def used_by_several(tables: Iterable[Table]) -> dict[str, list[tuple[str, Field]]]:
    by_name: dict[str, list[tuple[str, Field]]] = defaultdict(list)
    for t in tables:
        for f in t.fields:
            by_name[f.name].append((t.name, f))
    return {name: uses for name, uses in by_name.items() if len(uses) > 1}


def drift(tables: Iterable[Table]) -> list[str]:
    """What breaks the rule in ``tables``: a column whose type or constraints differ from its shared
    declaration, a name several tables use that fields.py neither declares nor lists as a homonym, a homonym
    that every table declares alike."""
    problems = []
    for name, uses in sorted(used_by_several(tables).items()):
        if name in FIELDS:
            problems += [f"{table}.{name}: {a}={getattr(f, a)!r}, fields.py declares {getattr(FIELDS[name], a)!r}"
                         for table, f in uses for a in DOMAIN if getattr(f, a) != getattr(FIELDS[name], a)]
        elif name not in HOMONYMS:
            problems.append(f"{name}: used by {', '.join(t for t, _ in uses)}, not declared in fields.py")
        elif len({tuple(getattr(f, a) for a in DOMAIN) for _, f in uses}) == 1:
            problems.append(f"{name}: a homonym declared alike by every table; declare it in fields.py")
    return problems


def test_no_table_module_declares_a_shared_field_with_field() -> None:
    modules = sorted(p for p in SCHEMA.glob("*.py") if p.name != "fields.py")
    assert {p.name for p in modules} >= {"tables_core.py", "tables_attachments.py", "tables_findings.py"}
    found = [f"{p.name}:{line}: {name}" for p in modules
             for line, name in field_calls(p.read_text(encoding="utf-8"), FIELDS)]
    assert found == []


def test_every_name_several_tables_use_is_shared_or_a_real_homonym() -> None:
    assert set(used_by_several(TABLES)) == set(FIELDS) | set(HOMONYMS)
    assert drift(TABLES) == []
    region_codes = [t.field("region_code") for t in TABLES if "region_code" in t.column_names]
    assert len(region_codes) >= 6 and {f.pattern for f in region_codes} == {REGION_CODE_PATTERN}
    # findings.indicator_id was declared without a pattern (it inherited one through its foreign key)
    assert BY_NAME["findings"].field("indicator_id").pattern == INDICATOR_ID_PATTERN == r"^[a-z][a-z0-9_]*$"
    # section_id had no pattern in any table; sections.parent_id takes it through its foreign key
    assert BY_NAME["sections"].field("parent_id").pattern == BY_NAME["tasks"].field("section_id").pattern \
        == SECTION_ID_PATTERN == r"^[a-z][a-z0-9]*(?:-\d{4})?-\d+-p\d{3,}$"


def test_a_shared_field_declared_again_in_a_table_module_is_found() -> None:
    source = ('X = Table(fields=(\n    shared("issue_id"),\n'
              '    Field("region_code", "string", "City.", required=True, pattern=r"^33\\d{4}$"),\n'
              '    Field(name="year", type="integer", description="Year."),\n'
              '    Field("priorities", "string", "Own field.", required=True),\n))\n')
    assert field_calls(source, FIELDS) == [(3, "region_code"), (4, "year")]


def test_a_drifted_column_is_found_in_the_registry() -> None:
    def replaced(table: str, column: str, **changes: object) -> list[Table]:
        t = BY_NAME[table]
        cols = tuple(dataclasses.replace(f, **changes) if f.name == column else f for f in t.fields)
        return [dataclasses.replace(t, fields=cols) if x.name == table else x for x in TABLES]

    assert drift(replaced("findings", "indicator_id", pattern=None)) == [
        "findings.indicator_id: pattern=None, fields.py declares '^[a-z][a-z0-9_]*$'"]
    assert drift(replaced("targets", "region_code", pattern=r"^33\d{4}$")) == [
        r"targets.region_code: pattern='^33\\d{4}$', fields.py declares '^33\\d{2}00$'"]
    assert drift(replaced("issues", "year", maximum=2099)) == ["issues.year: maximum=2099, fields.py declares 2100"]
    # a name used twice that fields.py does not know
    assert drift(replaced("articles", "chapter_title", name="plan_title")) == [
        "plan_title: used by documents, articles, not declared in fields.py"]
    # a homonym that every table declares the same way is one field
    alike = replaced("regions", "level", type="integer", enum=None, minimum=1, maximum=5)
    assert drift(alike) == ["level: a homonym declared alike by every table; declare it in fields.py"]


def test_shared_takes_only_a_description_and_the_tables_role() -> None:
    city = shared("region_code", "City (FK to regions).")
    assert (city.description, city.pattern, city.required, city.unique) == (
        "City (FK to regions).", REGION_CODE_PATTERN, True, False)
    assert shared("region_code", required=False, unique=True).description == "Region (FK to regions)."
    assert source_line("line_end", "the task").description == \
        "Last raw line (1-based) of the task in the issue's raw text file."
    with pytest.raises(TypeError):
        shared("region_code", pattern=r"^\d+$")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="'regoin_code' is not a shared field of pipeline/schema/fields.py"):
        shared("regoin_code")
