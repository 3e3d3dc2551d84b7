"""A throw-away copy of the project (tests, benchmarks): its inputs and its current release."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.paths import REPO_ROOT, ProjectPaths


def copy_project(dest: Path, source: Path = REPO_ROOT, dagster_home: bool = False) -> ProjectPaths:
    """Copy raw/, expectations/, curated/ (without gazette.duckdb) and datapackage.json into ``dest``; with
    ``dagster_home``, also an empty ``.dagster_home`` whose dagster.yaml turns telemetry off."""
    for folder in ("raw", "expectations", "curated"):
        shutil.copytree(source / folder, dest / folder, ignore=shutil.ignore_patterns("gazette.duckdb*"))
    shutil.copy2(source / "datapackage.json", dest / "datapackage.json")
    if dagster_home:
        home = dest / ".dagster_home"
        home.mkdir()
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return ProjectPaths(dest)
