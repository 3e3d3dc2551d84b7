"""The parse step as Dagster runs it: ``parsed_issues``, a graph-backed asset that fans the stale issues out in
batches (Dagster dynamic outputs), so the multiprocess executor (or dagster-celery / dagster-k8s) parses batches
in parallel, and each batch stores its issues' Parquet parts (``orchestration.parts``).

Which issues are stale is the plan's decision (``orchestration.plan``): those without a part for today's
fingerprint. A batch hashes its inputs before reading them and again after parsing and stores nothing if one
changed meanwhile (the error names it): what is stored under a fingerprint is what that content parses to.
"""

import math
import os

import dagster as dg

from pipeline.base.errors import BuildError
from pipeline.checks.issue_rows import check_issue_rows
from pipeline.derive.per_issue import derive_issue
from pipeline.orchestration.fingerprint import changed_inputs, fingerprints_of, input_digests
from pipeline.orchestration.parts import commit_part, discard_part, missing_parts, stage_part
from pipeline.orchestration.plan import make_plan
from pipeline.orchestration.resources import ProjectResource
from pipeline.parse.issue import parse_issue, reference_rows
from pipeline.raw.references import load_references
from pipeline.raw.snapshot import load_issue
from pipeline.schema.frames import typed_frame
from pipeline.schema.registry import table as registry_table

#: Fewest issues a batch holds. On the multiprocess executor each batch is a process whose start (Python, Dagster,
#: the pipeline) costs about 4 s on 2 cores, while parsing runs at about 70 issues/s (benchmarks/README.md): a
#: batch must parse for longer than its process takes to start.
MIN_BATCH = 400


def batches(issues: list[str], workers: int, min_batch: int = MIN_BATCH) -> list[list[str]]:
    """``issues`` in order, cut into at most ``workers`` batches of at least ``min_batch`` issues (one batch when
    there are fewer), as even as possible."""
    if not issues:
        return []
    count = max(1, min(workers, len(issues) // min_batch))
    size = math.ceil(len(issues) / count)
    return [issues[i:i + size] for i in range(0, len(issues), size)]


def parse_and_store(paths, issue_ids: list[str]) -> dict[str, dict[str, int]]:
    """Parse ``issue_ids`` (those without a part for their fingerprint), check their rows, derive their per-issue
    tables (``derive.per_issue``), store their parts; returns the parsed rows per table of each issue. Each issue
    is written as it is parsed (memory holds one issue) and the parts are put in place only once no input changed
    meanwhile."""
    digests = input_digests(paths, issue_ids)  # before reading: what is stored is what was read
    fingerprints = fingerprints_of(digests, issue_ids)
    todo = missing_parts(paths, {i: fingerprints[i] for i in issue_ids})
    if not todo:
        return {}
    refs = load_references(paths)
    known = reference_rows(refs)
    staged, counts = {}, {}
    try:
        for issue_id in todo:
            raw = load_issue(paths.raw_gazette / f"{issue_id}.txt", paths)
            rows = parse_issue(raw, refs)
            check_issue_rows(rows, known, raw.source_path, raw.lines)
            counts[issue_id] = {name: len(r) for name, r in rows.items()}
            frames = {name: typed_frame(registry_table(name), r) for name, r in rows.items() if r}
            frames |= derive_issue(frames)  # findings and target comparisons: one issue's rows at a time
            staged[issue_id] = stage_part(paths, issue_id, fingerprints[issue_id], frames)
        changed = changed_inputs(digests, input_digests(paths, issue_ids))
        if changed:
            raise BuildError(f"{', '.join(changed)}: changed while this build read it; nothing was recorded for "
                             f"{len(issue_ids)} issue(s), run the build again")
    except BaseException:
        for issue_id in staged:
            discard_part(paths, issue_id, fingerprints[issue_id])
        raise
    for issue_id, partial in staged.items():
        commit_part(paths, issue_id, fingerprints[issue_id], partial)
    return counts


class BatchConfig(dg.Config):
    """How the stale issues are cut (run config of ``stale_issue_batches``; the defaults suit most runs)."""

    workers: int = 0  # batches at most; 0: one per CPU of the machine running the step
    min_batch: int = MIN_BATCH


@dg.op(out=dg.DynamicOut(list), description="The issues to parse (no part stored for today's fingerprint), in "
                                            "batches: one per worker, at least MIN_BATCH issues each.")
def stale_issue_batches(context: dg.OpExecutionContext, config: BatchConfig, project: ProjectResource):
    stale = list(make_plan(project.paths).stale)
    for number, batch in enumerate(batches(stale, config.workers or os.cpu_count() or 1, config.min_batch)):
        context.log.info(f"batch {number}: {len(batch)} issue(s), {batch[0]} … {batch[-1]}")
        yield dg.DynamicOutput(batch, mapping_key=f"batch_{number}")


@dg.op(description="Parse one batch of issues and store their Parquet parts.")
def parse_batch(project: ProjectResource, batch: list) -> dict:
    return parse_and_store(project.paths, batch)


@dg.op(description="What the batches parsed: issues and rows per table.")
def parsed_summary(context: dg.OpExecutionContext, counts: list) -> dict:
    merged = {issue: rows for batch in counts for issue, rows in sorted(batch.items())}
    totals: dict[str, int] = {}
    for rows in merged.values():
        for name, n in rows.items():
            totals[name] = totals.get(name, 0) + n
    context.add_output_metadata({"parsed": len(merged), "issues": sorted(merged)[:100], "rows": totals})
    return {"parsed": sorted(merged)}


@dg.graph_asset(name="parsed_issues", group_name="parse", kinds={"python", "parquet"},
                description="The gazette issues of raw/gazette (each verified against its sidecar) parsed by the "
                            "pure parsers of pipeline.parse, every non-blank raw line accounted for, stored as "
                            "Parquet parts under .build/parts/<issue>/<fingerprint>/. Only the issues without a "
                            "part for today's fingerprint (raw bytes, reference files, parse code) are parsed, in "
                            "batches that the multiprocess executor runs in parallel.")
def parsed_issues():
    return parsed_summary(stale_issue_batches().map(parse_batch).collect())
