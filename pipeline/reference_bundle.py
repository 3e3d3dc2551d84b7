"""Loading every hand-curated reference table under raw/reference/ into one ``References`` bundle."""

from __future__ import annotations

from pathlib import Path

from pipeline.parse.issue import References
from pipeline.parse.targets import load_number_rules, load_target_links
from pipeline.parse.units import load_units
from pipeline.paths import ProjectPaths
from pipeline.parse.tasks import TASK_SCOPE_COLUMNS, TASK_SCOPES_PATH, TaskScope, scopes_from_rows
from pipeline.reference import load_indicators, load_reference, load_regions
from pipeline.schema.tables_core import DOCUMENT_ID_PATTERN


def load_task_scopes(root: Path) -> dict[str, TaskScope]:
    rows = load_reference(root / TASK_SCOPES_PATH, TASK_SCOPE_COLUMNS, "document_id",
                          optional=("parent_ordinals", "parent_heading", "tasks_without_clause"),
                          display_path=TASK_SCOPES_PATH, allow_empty=True)
    return scopes_from_rows(rows)


DOCUMENT_TITLES_PATH = "raw/reference/document_titles.csv"


def load_document_titles(root: Path) -> dict[str, str]:
    rows = load_reference(root / DOCUMENT_TITLES_PATH, ("document_id", "title_en", "source"), "document_id",
                          patterns={"document_id": DOCUMENT_ID_PATTERN}, display_path=DOCUMENT_TITLES_PATH)
    return {row["document_id"]: row["title_en"] for row in rows}


DOCUMENT_SERIES_PATH = "raw/reference/document_series.csv"


def load_document_series(root: Path) -> dict[str, str]:
    """Series prefix (浙政发) -> id prefix (zjzf), from raw/reference/document_series.csv."""
    rows = load_reference(root / DOCUMENT_SERIES_PATH, ("prefix", "id_prefix", "name_en", "source"), "prefix",
                          unique=("id_prefix", "name_en"),
                          patterns={"prefix": r"^[\u4e00-\u9fff]{2,8}$", "id_prefix": r"^[a-z][a-z0-9]*$"},
                          display_path=DOCUMENT_SERIES_PATH)
    return {row["prefix"]: row["id_prefix"] for row in rows}


def load_references(paths: ProjectPaths) -> References:
    regions, indicators = load_regions(paths.root), load_indicators(paths.root)
    return References(regions=regions, indicators=indicators, units=load_units(paths.root),
                      target_links=load_target_links(paths.root, indicators, regions),
                      task_scopes=load_task_scopes(paths.root), number_rules=load_number_rules(paths.root),
                      document_titles=load_document_titles(paths.root),
                      document_series=load_document_series(paths.root))
