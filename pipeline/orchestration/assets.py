"""Dagster assets: thin wiring around the pure parsers and publishers.

parsed_issue (one partition per gazette issue in raw/gazette) ─┐
references (raw/reference) ────────────────────────────────────┼─> one asset per registry table
                                                                └─> derived tables ─> staged_package
                                                                        (checks) ─> data_package
"""

import warnings
from dataclasses import dataclass
from typing import Any

import dagster as dg
import polars as pl

from pipeline.orchestration.lock import check_staging_owner, claim_staging, exclusive_build
from pipeline.checks.registry import CHECKS, Evaluation
from pipeline.derive.derivation import Derivation
from pipeline.derive import by_table as derivations_by_table
from pipeline.orchestration.fingerprint import issue_fingerprints, package_fingerprint
from pipeline.checks.issue_rows import check_issue_rows
from pipeline.checks.cross_issue import check_combinable
from pipeline.parse.issue import References, Rows, parse_issue, reference_rows
from pipeline.schema.frames import combine, to_frame, typed_frame
from pipeline.publish.datapackage import package_version
from pipeline.publish.package import finish, stage
from pipeline.raw.snapshot import discover, load_issue
from pipeline.raw.references import load_references
from pipeline.orchestration.resources import ProjectResource
from pipeline.schema.model import Table
from pipeline.schema.registry import TABLES
from pipeline.schema.registry import table as registry_table

gazette_issues = dg.DynamicPartitionsDefinition(name="gazette_issues")


@dataclass(frozen=True)
class ParsedIssue:
    """One issue's tables as typed frames (columnar: a fraction of the memory and pickle of row dicts)."""

    issue_id: str
    frames: dict[str, pl.DataFrame]

    @classmethod
    def from_rows(cls, issue_id: str, rows: Rows) -> "ParsedIssue":
        return cls(issue_id, {name: typed_frame(registry_table(name), table_rows) for name, table_rows in rows.items()
                              if table_rows})  # '' -> null and the published order: once, in ``combine``


def _parsed_issues(loaded: "ParsedIssue | dict[str, ParsedIssue] | None") -> list[ParsedIssue]:
    """All partitions of ``parsed_issue`` in issue order (the IO manager passes a lone partition unwrapped)."""
    if loaded is None:  # no partition at all: an empty raw/gazette
        return []
    issues = sorted([loaded] if isinstance(loaded, ParsedIssue) else list(loaded.values()), key=lambda p: p.issue_id)
    check_combinable([{name: p.frames[name].to_dicts() if name in p.frames else []
                       for name in ("issues", "documents")} for p in issues])
    return issues


with warnings.catch_warnings():  # BackfillPolicy is marked beta in dagster 1.13
    warnings.simplefilter("ignore", dg.BetaWarning)
    _parse_asset = dg.asset(
        group_name="parse", partitions_def=gazette_issues, kinds={"python"},
        backfill_policy=dg.BackfillPolicy.single_run(), io_manager_key="partitioned_io_manager",
        description="Rows for every table parsed from one gazette issue (raw/gazette/<issue>.txt, verified "
                    "against its sidecar), by the pure parsers in pipeline.parse; every non-blank raw line is "
                    "accounted for. One run may parse a whole range of issues (a single-run backfill): the "
                    "references are loaded once per run. Metadata 'fingerprint' (per partition) records the raw "
                    "bytes, references and parser code it was built from.")


@_parse_asset
def parsed_issue(context: dg.AssetExecutionContext, project: ProjectResource) -> dict[str, ParsedIssue]:
    paths = project.paths
    refs = load_references(paths)
    known = reference_rows(refs)
    parsed, fingerprints = {}, issue_fingerprints(paths, context.partition_keys)
    for issue_id in context.partition_keys:
        fingerprint = fingerprints[issue_id]
        raw = load_issue(paths.raw_gazette / f"{issue_id}.txt", paths)
        rows = parse_issue(raw, refs)
        check_issue_rows(rows, known, raw.source_path, raw.lines)
        context.add_asset_metadata({"fingerprint": fingerprint, **{name: len(r) for name, r in rows.items()}},
                                   partition_key=issue_id)
        parsed[issue_id] = ParsedIssue.from_rows(issue_id, rows)
    return parsed


@dg.asset(group_name="parse", description="The hand-curated reference tables under raw/reference (regions, "
          "indicators, units), validated like any input.")
def references(project: ProjectResource) -> References:
    return load_references(project.paths)


def parsed_tables_asset(tables: list[Table]) -> dg.AssetsDefinition:
    """One step builds every table read from the issues and the references: the partitions of
    ``parsed_issue`` are loaded once (not once per table), each table is one output (one asset)."""
    @dg.multi_asset(name="parsed_tables", group_name="tables", can_subset=False,
                    outs={t.name: dg.AssetOut(description=f"{t.title}. {t.description}", kinds={"polars"})
                          for t in tables},
                    ins={"parsed_issue": dg.AssetIn(partition_mapping=dg.AllPartitionMapping()),
                         "references": dg.AssetIn("references")})
    def _tables(parsed_issue: Any, references: References):
        issues, known = _parsed_issues(parsed_issue), reference_rows(references)
        for table in tables:  # reference rows, then each issue's frame in issue order
            frames = [to_frame(table, known[table.name])] if table.name in known else []
            frames += [p.frames.pop(table.name) for p in issues if table.name in p.frames]  # freed once combined
            frame = combine(table, frames)
            del frames
            yield dg.Output(frame, output_name=table.name, metadata={"dagster/row_count": frame.height})

    return _tables


def derived_table_asset(table: Table, derivation: Derivation) -> dg.AssetsDefinition:
    @dg.asset(name=table.name, group_name="derived", description=f"{table.title}. {table.description}",
              kinds={"polars"}, ins={name: dg.AssetIn(name) for name in table.origin.derived_from})
    def _derived(context: dg.AssetExecutionContext, **inputs: pl.DataFrame) -> pl.DataFrame:
        frame = to_frame(table, derivation.build(inputs))
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
    with exclusive_build(paths) as cleaned:  # every run that publishes, however started, takes the lock
        for note in cleaned:
            context.log.warning(note)
        stage(TABLES, frames, paths.staging, package_version(paths.root))
        claim_staging(paths, context.run.run_id)
    return paths.relative(paths.staging)


@dg.asset(group_name="publish", ins={"staged_package": dg.AssetIn("staged_package"),
                                     **{t.name: dg.AssetIn(t.name) for t in TABLES}},
          description="The published data package: the staged package, once the gate has seen every check of the "
                      "registry pass in this run, completed with the validation report, catalog page and "
                      "curated/gazette.duckdb and swapped into curated/ and datapackage.json atomically.")
def data_package(context: dg.AssetExecutionContext, project: ProjectResource, staged_package: str,
                 **frames: Any) -> None:
    paths = project.paths
    with exclusive_build(paths, keep_staging=True) as cleaned:  # the staging this run wrote and checked
        for note in cleaned:
            context.log.warning(note)
        check_staging_owner(paths, context.run.run_id)
        finish(TABLES, frames, paths, run_evaluations(context))
    fingerprints = issue_fingerprints(paths, [p.stem for p in discover(paths)])
    context.add_output_metadata({"fingerprint": package_fingerprint(paths, fingerprints), "tables": len(TABLES),
                                 "rows": sum(f.height for f in frames.values())})


def run_evaluations(context: dg.AssetExecutionContext) -> list[Evaluation]:
    """The evaluations of the registry's checks recorded in this run (a check not run in it is left out)."""
    keys = [dg.AssetCheckKey(dg.AssetKey(c.asset), c.name) for c in CHECKS]
    records = context.instance.event_log_storage.get_latest_asset_check_execution_by_key(keys)
    evaluations = []
    for key in keys:
        record = records.get(key)
        if record is None or record.run_id != context.run.run_id or record.event is None:
            continue
        data = record.event.dagster_event.event_specific_data
        if isinstance(data, dg.AssetCheckEvaluation) and "evaluation" in data.metadata:
            evaluations.append(Evaluation.from_json(data.metadata["evaluation"].value))
    return evaluations
