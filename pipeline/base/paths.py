"""Where the project's folders are, the ``.build/`` layout included, and a throw-away copy of a project.

Everything is relative to one root so tests and benchmarks can work on a copy (``copy_project``)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ROOT_ENV = "GAZETTE_ROOT"

#: The published files beside the tables' CSV and Parquet files in curated/ (the one place that names them).
DATABASE_NAME = "gazette.duckdb"
VIEWS_NAME = "gazette_views.sql"
WORKBOOK_NAME = "gazette.xlsx"
CATALOG_NAME = "index.html"
REPORT_JSON_NAME = "validation_report.json"
REPORT_HTML_NAME = "validation_report.html"


def default_root() -> Path:
    """The project a run works on when none is named: $GAZETTE_ROOT if set, else the working directory if it
    holds raw/gazette (so `dagster dev` or `gazette` started in a copy work on that copy), else the checkout
    this package was installed from."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    cwd = Path.cwd()
    return cwd.resolve() if (cwd / "raw" / "gazette").is_dir() else REPO_ROOT


@dataclass(frozen=True)
class ProjectPaths:
    root: Path = REPO_ROOT

    @property
    def raw_gazette(self) -> Path:
        return self.root / "raw" / "gazette"

    @property
    def raw_reference(self) -> Path:
        return self.root / "raw" / "reference"

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    @property
    def datapackage(self) -> Path:
        return self.root / "datapackage.json"

    @property
    def expectations(self) -> Path:
        return self.root / "expectations"

    @property
    def build(self) -> Path:
        """Working folder of builds (ignored by git): the lock, the staging, the previous release, the parsed
        issue parts, the tables between publishing steps and the record of the last publication."""
        return self.root / ".build"

    @property
    def staging(self) -> Path:
        return self.build / "staging"

    @property
    def previous(self) -> Path:
        """Where the previous release waits while a new one is swapped in."""
        return self.build / "previous"

    @property
    def lock(self) -> Path:
        return self.build / "lock"

    @property
    def parts(self) -> Path:
        """Each issue's parsed tables, one folder per issue and content fingerprint (``orchestration.parts``)."""
        return self.build / "parts"

    @property
    def tables(self) -> Path:
        """The package's tables between the steps of a publish run, one Parquet file per table
        (``orchestration.table_store``)."""
        return self.build / "tables"

    @property
    def published_record(self) -> Path:
        """What the package in curated/ was built from, written after each publication (``orchestration.published``)."""
        return self.build / "published.json"

    @property
    def validated(self) -> Path:
        """Which issues' rows passed each table's suite, and as what (``pipeline.checks.passed_rows``)."""
        return self.build / "validated"

    @property
    def last_queue(self) -> Path:
        """The review queue of the last build that checked it, published or refused (``gazette review`` reads it)."""
        return self.build / "review_queue.parquet"

    def relative(self, path: Path) -> str:
        """Repository-relative POSIX path, as published inside data files."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()


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
