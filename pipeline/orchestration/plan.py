"""The one model of what is stale: what a rebuild must do, from content fingerprints and two kinds of files
under ``.build/`` (no Dagster instance, no event log: a no-op rebuild stays flat in the number of issues).

Shared by the ``gazette build`` command, the raw-file sensor, the schedule and the ``package_current`` check
the UI shows on ``data_package``, so all four agree:

- an issue is (re)parsed when no part is stored for its fingerprint of today (``orchestration.parts``);
- the package is republished when the fingerprint it was built from (``orchestration.published``) differs from
  today's, the published files no longer match the descriptor, or a strict build is asked for and the
  published package was not checked strictly;
- given the Dagster instance, new issue files become partitions and removed ones are dropped (the executor's
  bookkeeping: which issues the UI lists).

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

from pipeline.orchestration.fingerprint import issue_fingerprints, package_fingerprint
from pipeline.orchestration.parts import missing_parts
from pipeline.orchestration.published import read_publication
from pipeline.base.paths import ProjectPaths
from pipeline.base.files import descriptor_file_problems
from pipeline.raw.snapshot import discover

PARTITIONS = "gazette_issues"


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


def make_plan(paths: ProjectPaths, instance=None, strict: bool = False) -> Plan:
    """The plan for the project now; ``strict``: a package published by a non-strict build must be republished
    (and so checked strictly), while a strictly checked one also serves a non-strict build. ``instance`` (a
    Dagster instance) is asked only for the issue partitions it knows (None: none to add or drop)."""
    issues = [p.stem for p in discover(paths)]
    fingerprints = issue_fingerprints(paths, issues)
    known = set(instance.get_dynamic_partitions(PARTITIONS)) if instance is not None else set(issues)
    add = tuple(i for i in issues if i not in known)
    remove = tuple(sorted(known - set(issues)))
    missing = set(missing_parts(paths, fingerprints))
    stale = tuple(i for i in issues if i in missing)
    package_fp = package_fingerprint(paths, fingerprints)
    published = read_publication(paths)
    publish_needed = bool(stale or remove or add) or published is None or published.fingerprint != package_fp \
        or (strict and not published.strict) or not published_files_intact(paths)
    return Plan(fingerprints, add, remove, stale, package_fp, publish_needed)
