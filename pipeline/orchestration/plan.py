"""The one model of what is stale: what a rebuild must do, from content fingerprints and the Dagster instance's
records (read through its public API).

Shared by the ``gazette build`` command, the raw-file sensor, the schedule and the ``package_current`` check
the UI shows on ``data_package``, so all four agree: new issue files become partitions, removed ones are
dropped, an issue is reparsed only when its fingerprint differs from the one recorded at its last
materialization (the fingerprint of what that run read), and the package is republished only when the
fingerprint it was built from differs from today's, the published files no longer match the descriptor, or a
strict build is asked for and the published package was not checked strictly.

``range_tags`` is the one place that names Dagster's partition-range run tags: Dagster 1.13 has no public way
to launch one run over a range of partitions (``RunRequest`` and ``execute_in_process`` take one partition key;
ranges are launched by Dagster's own backfills with these tags), and a run per issue costs a Dagster run per
issue. ``tests/integration/test_dagster.py`` (both issues parsed in one run) and ``test_operations.py`` check that
Dagster still honours them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import dagster as dg

from pipeline.orchestration.fingerprint import issue_fingerprints, package_fingerprint
from pipeline.base.paths import ProjectPaths
from pipeline.base.files import descriptor_file_problems
from pipeline.raw.snapshot import discover

PARTITIONS = "gazette_issues"
PARSED_ISSUE = dg.AssetKey("parsed_issue")
DATA_PACKAGE = dg.AssetKey("data_package")


@dataclass(frozen=True)
class Plan:
    fingerprints: dict[str, str]
    add: tuple[str, ...]
    remove: tuple[str, ...]
    stale: tuple[str, ...]
    package_fingerprint: str
    publish_needed: bool

    @property
    def nothing_to_do(self) -> bool:
        return not (self.add or self.remove or self.stale or self.publish_needed)

    def summary(self) -> str:
        """What the plan holds, in one line (the UI's ``package_current`` check, the sensor's skip reasons)."""
        if self.nothing_to_do:
            return "the published package is current"
        parts = [f"{len(self.stale)} issue(s) to parse: {', '.join(self.stale[:10])}"
                 + (" …" if len(self.stale) > 10 else "")] if self.stale else []
        parts += [f"{len(self.remove)} issue(s) removed from raw/gazette"] if self.remove else []
        parts += ["the package must be republished"] if self.publish_needed else []
        return "; ".join(parts)


def _latest_metadata(instance: dg.DagsterInstance, key: dg.AssetKey) -> dict:
    records = instance.fetch_materializations(dg.AssetRecordsFilter(asset_key=key), limit=1).records
    if not records:
        return {}
    materialization = records[0].asset_materialization
    return {k: v.value for k, v in materialization.metadata.items()} if materialization else {}


def latest_partition_metadata(instance: dg.DagsterInstance, key: dg.AssetKey,
                              partitions: Sequence[str]) -> dict[str, dict]:
    """The metadata of the latest materialization of each of ``partitions`` (absent: never materialized), read
    newest first in pages, so a corpus of many issues costs a few queries rather than one per issue."""
    wanted, found, cursor = set(partitions), {}, None
    while wanted - found.keys():
        page = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=key, asset_partitions=sorted(wanted - found.keys())), limit=1000,
            cursor=cursor)
        for record in page.records:
            materialization = record.asset_materialization
            if materialization is not None and materialization.partition not in found:
                found[materialization.partition] = {k: v.value for k, v in materialization.metadata.items()}
        if not page.has_more:
            break
        cursor = page.cursor
    return found


def published_files_intact(paths: ProjectPaths) -> bool:
    """Every file named by datapackage.json exists with its recorded size and hash (CSV and Parquet)."""
    try:
        descriptor = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    return not descriptor_file_problems(paths.root, descriptor)


def partition_ranges(partitions: Sequence[str], wanted: Sequence[str]) -> list[tuple[str, str]]:
    """The fewest contiguous ranges (first, last) of ``partitions`` (Dagster's order) covering ``wanted``: each
    range is one run of the single-run ``parsed_issue`` asset."""
    wanted_set, ranges, start, previous = set(wanted), [], None, None
    for key in partitions:
        if key in wanted_set:
            start = start or key
            previous = key
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return ranges


def range_tags(first: str, last: str) -> dict[str, str]:
    """Run tags that make one run materialize the partitions ``first`` … ``last`` (one partition: none, the run
    request names its ``partition_key``, Dagster's public way)."""
    if first == last:
        return {}
    return {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}


def make_plan(paths: ProjectPaths, instance: dg.DagsterInstance, strict: bool = False) -> Plan:
    """The plan for the project now; ``strict``: a package published by a non-strict build must be republished
    (and so checked strictly), while a strictly checked one also serves a non-strict build."""
    issues = [p.stem for p in discover(paths)]
    fingerprints = issue_fingerprints(paths, issues)
    known = set(instance.get_dynamic_partitions(PARTITIONS))
    add = tuple(i for i in issues if i not in known)
    remove = tuple(sorted(known - set(issues)))
    recorded = latest_partition_metadata(instance, PARSED_ISSUE, issues)
    stale = tuple(i for i in issues if recorded.get(i, {}).get("fingerprint") != fingerprints[i])
    package_fp = package_fingerprint(paths, fingerprints)
    published = _latest_metadata(instance, DATA_PACKAGE)
    publish_needed = bool(stale or remove or add) or published.get("fingerprint") != package_fp \
        or (strict and not published.get("strict")) or not published_files_intact(paths)
    return Plan(fingerprints, add, remove, stale, package_fp, publish_needed)
