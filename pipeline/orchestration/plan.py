"""The one model of what is stale: what a rebuild must do, from content fingerprints and two kinds of files
under ``.build/`` (no Dagster instance, no event log: a no-op rebuild stays flat in the number of issues).

Shared by the ``gazette build`` command, the raw-file sensor, the schedule and the ``package_current`` check
the UI shows on ``data_package``, so all four agree:

- an issue is (re)parsed when no part is stored for its fingerprint of today (``orchestration.parts``);
- the package is republished when the fingerprint it was built from (``orchestration.published``) differs from
  today's (an issue added, changed or removed, the code, the suites, the release), the published files no
  longer match the descriptor, or a strict build is asked for and the published package was not checked
  strictly.

Dagster only executes: issues are not Dagster partitions (one run parses every stale issue, in batches), so no
partition bookkeeping, run-range tags or event-log history takes part in the decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.orchestration.fingerprint import current_fingerprints, package_fingerprint
from pipeline.orchestration.parts import missing_parts
from pipeline.orchestration.published import read_publication
from pipeline.base.paths import ProjectPaths
from pipeline.base.files import descriptor_file_problems

@dataclass(frozen=True)
class Plan:
    fingerprints: dict[str, str]
    stale: tuple[str, ...]
    package_fingerprint: str
    publish_needed: bool

    @property
    def nothing_to_do(self) -> bool:
        return not (self.stale or self.publish_needed)

    def summary(self) -> str:
        """What the plan holds, in one line (the UI's ``package_current`` check, the sensor's skip reasons)."""
        if self.nothing_to_do:
            return "the published package is current"
        parts = [f"{len(self.stale)} issue(s) to parse: {', '.join(self.stale[:10])}"
                 + (" …" if len(self.stale) > 10 else "")] if self.stale else []
        parts += ["the package must be republished"] if self.publish_needed else []
        return "; ".join(parts)


def published_files_intact(paths: ProjectPaths) -> bool:
    """Every file named by datapackage.json exists with its recorded size and hash (CSV and Parquet)."""
    try:
        descriptor = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    return not descriptor_file_problems(paths.root, descriptor)


def make_plan(paths: ProjectPaths, strict: bool = False) -> Plan:
    """The plan for the project now; ``strict``: a package published by a non-strict build must be republished
    (and so checked strictly), while a strictly checked one also serves a non-strict build."""
    fingerprints = current_fingerprints(paths)
    stale = tuple(missing_parts(paths, fingerprints))
    package_fp = package_fingerprint(paths, fingerprints)
    published = read_publication(paths)
    publish_needed = bool(stale) or published is None or published.fingerprint != package_fp \
        or (strict and not published.strict) or not published_files_intact(paths)
    return Plan(fingerprints, stale, package_fp, publish_needed)
