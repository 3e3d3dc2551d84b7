"""The data dictionary ``docs/data-dictionary.md``, rendered from the schema registry.

``render`` is a pure function of the tables (and of which of them are derived, from what); ``write`` puts the
text in place; ``main`` is the command line (``python -m pipeline.publish.dictionary [--check]``). A test fails
when the committed file and the registry disagree, so regenerate after every schema change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Mapping, Sequence

from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT
from pipeline.schema.model import Field, Table

DICTIONARY_PATH = Path("docs") / "data-dictionary.md"
GENERATOR = "python -m pipeline.publish.dictionary"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes escaped, line breaks folded)."""
    return " ".join(text.split()).replace("|", "\\|")


def _prose(text: str) -> str:
    """Free text from the registry, with ``<`` and ``>`` escaped so Markdown renderers keep <year> and the like."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    return f"`{text}`"


def _anchor(table: str) -> str:
    return f"#{table.lower()}"


def _type(field: Field) -> str:
    return f"{field.type} ({field.duckdb_type})"


def _constraints(field: Field) -> str:
    parts = []
    if field.unique:
        parts.append("unique")
    if field.enum is not None:
        parts.append("one of " + ", ".join(_code(v) for v in field.enum))
    if field.pattern is not None:
        parts.append(f"pattern {_code(field.pattern)}")
    if field.minimum is not None:
        parts.append(f"≥ {field.minimum}")
    if field.maximum is not None:
        parts.append(f"≤ {field.maximum}")
    return _cell("; ".join(parts))


def _columns(columns: Sequence[str]) -> str:
    return ", ".join(_code(c) for c in columns)


def render_table(table: Table, derived_from: Sequence[str] | None = None) -> str:
    """The section of one table: description, keys, provenance and a row per column."""
    lines = [f"## {_code(table.name)}", "", f"**{_prose(table.title)}.** {_prose(table.description)}", ""]
    lines.append(f"- Files: `curated/{table.name}.csv`, `curated/{table.name}.parquet`; view `{table.name}`.")
    lines.append(f"- Primary key: {_columns(table.primary_key)}.")
    for fk in table.foreign_keys:
        target = ", ".join(f"[{_code(fk.resource)}]({_anchor(fk.resource)}).{_code(c)}" for c in fk.reference_fields)
        lines.append(f"- Foreign key: {_columns(fk.fields)} → {target}.")
    lines.append(f"- Row order: {_columns(table.order_columns)}.")
    if derived_from:
        lines.append(f"- Derived from: {', '.join(f'[{_code(t)}]({_anchor(t)})' for t in derived_from)} "
                     f"(computed by the build, not parsed).")
    lines += ["", "| # | column | type | required | constraints | description |", "|---|---|---|---|---|---|"]
    for number, field in enumerate(table.fields, start=1):
        lines.append(f"| {number} | {_code(field.name)} | {_type(field)} | {'yes' if field.required else 'no'} | "
                     f"{_constraints(field)} | {_cell(_prose(field.description))} |")
    lines.append("")
    return "\n".join(lines)


def render(tables: Sequence[Table], derivations: Mapping[str, Sequence[str]] | None = None,
           package: tuple[str, str] | None = None) -> str:
    """The whole dictionary. ``derivations`` maps a derived table to the tables it is computed from;
    ``package`` is the (name, version) printed in the header."""
    derivations = derivations or {}
    lines = ["# Data dictionary", "",
             f"<!-- Generated from the schema registry (pipeline/schema) by `{GENERATOR}`. Do not edit by hand. -->",
             ""]
    if package is not None:
        lines += [f"Package `{package[0]}`, version {package[1]}: {len(tables)} tables.", ""]
    lines += [
        "Every table is published as `curated/<table>.csv` (UTF-8 without BOM, comma-separated, header row, an "
        "empty cell is a null) and `curated/<table>.parquet`, and is a view of the same name in "
        "`curated/gazette_views.sql` and a table in `curated/gazette.duckdb`. `datapackage.json` holds the "
        "same metadata as a Frictionless Data Package. Types are Frictionless Table Schema types, with the "
        "DuckDB type in brackets. Line numbers (`line`, `line_start`, `line_end`) are 1-based lines of the "
        "raw text file named by `issues.source_path` of the row's `issue_id`. Row order: every table parsed from "
        "the issues is published in printed order (issue, then line or position: the `Row order` of each "
        "table); reference and derived tables in the order their row says.",
        "",
        "| table | title | primary key |",
        "|---|---|---|",
    ]
    for table in tables:
        lines.append(f"| [{_code(table.name)}]({_anchor(table.name)}) | {_cell(_prose(table.title))} | "
                     f"{_columns(table.primary_key)} |")
    lines.append("")
    for table in tables:
        lines.append(render_table(table, derivations.get(table.name)))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_registry(version: str) -> str:
    """The dictionary of the registry as it is now (tables and derivations), for release ``version``."""
    from pipeline.derive import derivations
    from pipeline.publish.datapackage import PACKAGE_NAME
    from pipeline.schema.registry import TABLES

    return render(TABLES, {d.table: d.inputs for d in derivations()}, (PACKAGE_NAME, version))


def write(text: str, path: Path) -> bool:
    """Write ``text`` to ``path`` (UTF-8, LF); return whether the file changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_bytes(text.encode("utf-8"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.publish.dictionary",
                                     description="Write docs/data-dictionary.md from the schema registry.")
    parser.add_argument("--check", action="store_true", help="only report whether the committed file is current")
    parser.add_argument("--path", type=Path, default=REPO_ROOT / DICTIONARY_PATH)
    args = parser.parse_args(argv)
    text = render_registry(release_version(REPO_ROOT))
    if args.check:
        current = args.path.exists() and args.path.read_text(encoding="utf-8") == text
        if not current:
            print(f"{args.path} is out of date with the registry (run `{GENERATOR}`)", file=sys.stderr)
        return 0 if current else 1
    changed = write(text, args.path)
    print(f"{args.path}: {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
