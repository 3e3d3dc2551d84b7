"""Dagster assets: thin wiring around the pure parsers and publishers.

raw_issues -> parsed_issues -> one asset per registry table -> data_package (published atomically).
"""


from typing import Any

import dagster as dg
import polars as pl

from pipeline.derive import Derivation
from pipeline.derive import by_table as derivations_by_table
from pipeline.parse.issue import References, Rows, parse_issue, reference_rows
from pipeline.publish.frames import combine, to_frame
from pipeline.publish.package import publish
from pipeline.raw_snapshot import RawIssue, load_all
from pipeline.reference_bundle import load_references
from pipeline.resources import ProjectResource
from pipeline.schema.model import Table
from pipeline.schema.registry import TABLES


@dg.asset(group_name="raw", description="Every gazette issue under raw/gazette, verified against its sidecar "
          "metadata (sha256, bytes, numbering) and decoded as UTF-8.")
def raw_issues(context: dg.AssetExecutionContext, project: ProjectResource) -> list[RawIssue]:
    issues = load_all(project.paths)
    context.add_output_metadata({"issues": [i.issue_id for i in issues]})
    return issues


@dg.asset(group_name="raw", description="The hand-curated reference tables under raw/reference (regions, "
          "indicators, units), validated like any input.")
def references(project: ProjectResource) -> References:
    return load_references(project.paths)


@dg.asset(group_name="parse", description="Rows for every table, parsed from each raw issue by the pure parsers "
          "in pipeline.parse (every non-blank raw line accounted for).")
def parsed_issues(context: dg.AssetExecutionContext, raw_issues: list[RawIssue],
                  references: References) -> dict[str, Rows]:
    parsed = {raw.issue_id: parse_issue(raw, references) for raw in raw_issues}
    context.add_output_metadata({issue: {t: len(rows) for t, rows in tables.items()}
                                 for issue, tables in parsed.items()})
    return parsed


def table_asset(table: Table) -> dg.AssetsDefinition:
    @dg.asset(name=table.name, group_name="tables", description=f"{table.title}. {table.description}",
              kinds={"polars"})
    def _table(context: dg.AssetExecutionContext, parsed_issues: dict[str, Rows],
               references: References) -> pl.DataFrame:
        from_references = reference_rows(references)
        if table.name in from_references:
            frame = to_frame(table, from_references[table.name])
        else:
            frame = combine(table, [to_frame(table, rows[table.name]) for _, rows in sorted(parsed_issues.items())])
        context.add_output_metadata({"dagster/row_count": frame.height})
        return frame

    return _table


def derived_table_asset(table: Table, derivation: Derivation) -> dg.AssetsDefinition:
    @dg.asset(name=table.name, group_name="derived", description=f"{table.title}. {table.description}",
              kinds={"polars"}, ins={name: dg.AssetIn(name) for name in derivation.inputs})
    def _derived(context: dg.AssetExecutionContext, **inputs: pl.DataFrame) -> pl.DataFrame:
        frame = to_frame(table, derivation.build(inputs))
        context.add_output_metadata({"dagster/row_count": frame.height})
        return frame

    return _derived


_DERIVED = derivations_by_table()
TABLE_ASSETS = [derived_table_asset(t, _DERIVED[t.name]) if t.name in _DERIVED else table_asset(t) for t in TABLES]


@dg.asset(group_name="publish", deps=[], ins={t.name: dg.AssetIn(t.name) for t in TABLES},
          description="The published data package: curated/*.csv and *.parquet, curated/gazette_views.sql, "
                      "curated/gazette.duckdb and datapackage.json, staged, validated and swapped in atomically.")
def data_package(context: dg.AssetExecutionContext, project: ProjectResource, raw_issues: list[RawIssue],
                 **frames: Any) -> None:
    publish(TABLES, frames, raw_issues, project.paths)
    context.add_output_metadata({"tables": len(TABLES), "rows": sum(f.height for f in frames.values())})
