"""Dagster assets: thin wiring around the pure parsers and publishers.

parsed_issues (orchestration.parse_step: Parquet parts in .build/parts) ─┐
references (raw/reference) ──────────────────────────────────────────────┼─> one asset per registry table
                                                                          └─> derived tables ─> staged_package
                                                                                  (checks) ─> data_package
"""

from typing import Any

import dagster as dg
import polars as pl

from pipeline.base.errors import BuildError
from pipeline.base.changelog import release_version
from pipeline.orchestration.lock import check_staging_owner, claim_staging, exclusive_build
from pipeline.orchestration.runs import staging_run_going, this_run_checks, this_run_metadata
from pipeline.checks.registry import CHECKS, Evaluation
from pipeline.derive.derivation import Derivation
from pipeline.derive import by_table as derivations_by_table
from pipeline.orchestration.fingerprint import current_fingerprints, package_fingerprint
from pipeline.orchestration.parse_step import parsed_issues
from pipeline.orchestration.parts import missing_parts, prune, read_table
from pipeline.orchestration.published import Publication, record_publication
from pipeline.checks.cross_issue import check_combinable
from pipeline.parse.issue import References, reference_rows
from pipeline.schema.frames import combine, to_frame
from pipeline.publish.package import finish, stage
from pipeline.raw.references import load_references
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.table_store import TABLES_IO, lazy_tables
from pipeline.schema.lazy_frames import height
from pipeline.schema.model import Table
from pipeline.schema.registry import TABLES

@dg.asset(group_name="parse", description="The hand-curated reference tables under raw/reference (regions, "
          "indicators, units), validated like any input.")
def references(project: ProjectResource) -> References:
    return load_references(project.paths)


#: The parsed table whose metadata carries ``BUILT_FROM``: the package fingerprint of the issues it was built from.
BUILT_FROM_TABLE, BUILT_FROM = "issues", "built_from"


def _issue_fingerprints(paths) -> dict[str, str]:
    """Today's fingerprint of every issue in raw/gazette; an issue without a stored part for it (changed since
    its parse, or never parsed) stops the build, naming it."""
    fingerprints = current_fingerprints(paths)
    missing = missing_parts(paths, fingerprints)
    if missing:
        raise BuildError(f"{', '.join(f'raw/gazette/{i}.txt' for i in missing)}: not parsed for its current content "
                         "(changed since the parse run, or never parsed): run the build again")
    return fingerprints


def _check_combinable(paths, fingerprints: dict[str, str]) -> None:
    rows = {name: [row for frame in read_table(paths, fingerprints, name) for row in frame.to_dicts()]
            for name in ("issues", "documents")}
    check_combinable([rows])


def parsed_tables_asset(tables: list[Table]) -> dg.AssetsDefinition:
    """One step builds every table read from the issues and the references: each table is read from the issues'
    stored parts (one table at a time) and is one output (one asset)."""
    @dg.multi_asset(name="parsed_tables", group_name="tables", can_subset=False,
                    outs={t.name: dg.AssetOut(description=f"{t.title}. {t.description}", kinds={"polars"},
                                              io_manager_key=TABLES_IO) for t in tables},
                    deps=[parsed_issues], ins={"references": dg.AssetIn("references")})
    def _tables(project: ProjectResource, references: References):
        paths, known = project.paths, reference_rows(references)
        fingerprints = _issue_fingerprints(paths)
        _check_combinable(paths, fingerprints)
        # the package fingerprint of what this run read: the issues as parsed, the code and suites as of now
        built_from = package_fingerprint(paths, fingerprints)
        for table in tables:  # reference rows, then each issue's frame in issue order
            frames = [to_frame(table, known[table.name])] if table.name in known else []
            frame = combine(table, frames + read_table(paths, fingerprints, table.name))
            metadata = {"dagster/row_count": frame.height}
            if table.name == BUILT_FROM_TABLE:
                metadata[BUILT_FROM] = built_from
            yield dg.Output(frame, output_name=table.name, metadata=metadata)

    return _tables


def derived_table_asset(table: Table, derivation: Derivation) -> dg.AssetsDefinition:
    """A derived table's asset: derived from its input tables, or, for a per-issue derivation, read from the
    issues' parts, where the parse step stored each issue's rows (its inputs are then lineage, not loaded)."""
    description, inputs = f"{table.title}. {table.description}", table.origin.derived_from
    if derivation.per_issue:
        @dg.asset(name=table.name, group_name="derived", description=description, kinds={"polars"},
                  deps=[*inputs, parsed_issues], io_manager_key=TABLES_IO)
        def _from_parts(context: dg.AssetExecutionContext, project: ProjectResource) -> pl.DataFrame:
            frame = combine(table, read_table(project.paths, _issue_fingerprints(project.paths), table.name))
            context.add_output_metadata({"dagster/row_count": frame.height})
            return frame

        return _from_parts

    @dg.asset(name=table.name, group_name="derived", description=description, kinds={"polars"},
              ins={name: dg.AssetIn(name) for name in inputs}, io_manager_key=TABLES_IO)
    def _derived(context: dg.AssetExecutionContext, **inputs: pl.LazyFrame) -> pl.DataFrame:
        frame = to_frame(table, derivation.build({name: scan.collect() for name, scan in inputs.items()}))
        context.add_output_metadata({"dagster/row_count": frame.height})
        return frame

    return _derived


_DERIVATIONS = derivations_by_table()
TABLE_ASSETS = [parsed_tables_asset([t for t in TABLES if not t.origin.derived]),
                *(derived_table_asset(t, _DERIVATIONS[t.name]) for t in TABLES if t.origin.derived)]


@dg.asset(group_name="publish", ins={t.name: dg.AssetIn(t.name) for t in TABLES},
          description="The package staged in .build/staging (curated/*.csv, *.parquet, the views script, the "
                      "workbook and datapackage.json), where the package checks run before it may be swapped in.")
def staged_package(context: dg.AssetExecutionContext, project: ProjectResource, **frames: Any) -> str:
    paths = project.paths
    # every run that publishes, however started, takes the lock; a staging of a run still going is not a leftover
    with exclusive_build(paths, running=staging_run_going(context.instance, paths)) as cleaned:
        for note in cleaned:
            context.log.warning(note)
        stage(TABLES, lazy_tables(frames), paths.staging, release_version(paths.root))
        claim_staging(paths, context.run.run_id)
    return paths.relative(paths.staging)


@dg.asset(group_name="publish", ins={"staged_package": dg.AssetIn("staged_package"),
                                     **{t.name: dg.AssetIn(t.name) for t in TABLES}},
          description="The published data package: the staged package, which runs only once the blocking checks of "
                      "this run passed (the gate), completed with the validation report, catalog page and "
                      "curated/gazette.duckdb and swapped into curated/ and datapackage.json atomically. Metadata "
                      "'fingerprint': the inputs it was built from, as read by this run.")
def data_package(context: dg.AssetExecutionContext, project: ProjectResource, staged_package: str,
                 **frames: Any) -> None:
    paths = project.paths
    with exclusive_build(paths, keep_staging=True) as cleaned:  # the staging this run wrote and checked
        for note in cleaned:
            context.log.warning(note)
        check_staging_owner(paths, context.run.run_id)
        built_from = _built_from(context)
        tables = lazy_tables(frames)
        finish(TABLES, tables, paths, run_evaluations(context))
        record_publication(paths, Publication(built_from, project.strict))
        prune(paths, current_fingerprints(paths))  # parts of older content go
    context.add_output_metadata({"fingerprint": built_from, "strict": project.strict, "tables": len(TABLES),
                                 "rows": sum(height(tables, t.name) for t in TABLES)})


def _built_from(context: dg.AssetExecutionContext) -> str:
    """The package fingerprint ``parsed_tables`` recorded for the tables this run publishes."""
    key = dg.AssetKey(BUILT_FROM_TABLE)
    metadata = this_run_metadata(context.instance, context.run.run_id, key)
    if metadata is None:  # the tables were built by an earlier run (a partial selection): theirs
        event = context.instance.get_latest_materialization_event(key)
        materialization = event.asset_materialization if event is not None else None
        metadata = {k: v.value for k, v in materialization.metadata.items()} if materialization else {}
    return str(metadata.get(BUILT_FROM, "unknown"))


def run_evaluations(context: dg.AssetExecutionContext) -> list[Evaluation]:
    """The evaluations of the registry's checks recorded in this run, in registry order; the report lists every
    check, so one that did not report in this run (a partial selection in the UI) is an error, not a gap."""
    recorded = {e.check_name: e for e in this_run_checks(context.instance, context.run.run_id)}
    missing = [c.name for c in CHECKS if c.name not in recorded or "evaluation" not in recorded[c.name].metadata]
    if missing:
        raise BuildError(f"checks {', '.join(missing)} did not report in this run, so the validation report would "
                         "be incomplete: materialize data_package with its upstream checks (the publish_package "
                         "job), nothing was published")
    return [Evaluation.from_json(recorded[c.name].metadata["evaluation"].value) for c in CHECKS]
