"""Loading every hand-curated reference table under raw/reference/ into one ``References`` bundle.

What belongs here: the loaders of the reference files whose rows need no checks beyond their declaration in
``pipeline.reference.declarations`` (regions, indicators, document titles and series; one title printed twice takes one translation) or only a conversion defined
elsewhere (task scopes: ``pipeline.parse.tasks.scopes_from_rows``), and ``load_references``, which calls every
loader. Files with checks of their own are loaded next to those checks (``pipeline.parse.units.load_units``,
``pipeline.parse.targets.load_number_rules`` and ``load_target_links``).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.parse.issue import References
from pipeline.parse.targets import load_number_rules, load_target_links
from pipeline.parse.tasks import TaskScope, scopes_from_rows
from pipeline.parse.units import load_units
from pipeline.base.errors import SourceError
from pipeline.base.paths import ProjectPaths
from pipeline.reference.declarations import (DOCUMENT_SERIES_FILE, DOCUMENT_TITLES_FILE, INDICATORS_FILE, REGIONS_FILE,
                                      TASK_SCOPES_FILE, read)
from pipeline.reference.reader import row_line


def load_regions(root: str | Path = ".") -> list[dict[str, str]]:
    """``raw/reference/regions.csv`` under the project ``root``: key region_code, names unique."""
    return read(REGIONS_FILE, root)


def load_indicators(root: str | Path = ".") -> list[dict[str, str]]:
    """``raw/reference/indicators.csv`` under ``root``: key indicator_id, (name_zh, measure_zh) unique."""
    return read(INDICATORS_FILE, root)


def load_task_scopes(root: str | Path) -> dict[str, TaskScope]:
    return scopes_from_rows(read(TASK_SCOPES_FILE, root))


def load_document_titles(root: str | Path) -> dict[str, str]:
    return {row["document_id"]: row["title_en"] for row in read(DOCUMENT_TITLES_FILE, root)}


def load_title_translations(root: str | Path) -> dict[str, str]:
    """Chinese title as printed -> its reviewed English title, from the rows of document_titles.csv that give
    the title; two rows that give one title two translations are refused (the CSV line of the second)."""
    out: dict[str, str] = {}
    for index, row in enumerate(read(DOCUMENT_TITLES_FILE, root)):
        title = row["title"]
        if title and out.setdefault(title, row["title_en"]) != row["title_en"]:
            raise SourceError(DOCUMENT_TITLES_FILE.path, row_line(index), f"one English title for the printed title "
                              f"{title} (an earlier row gives {out[title]!r})", row["title_en"])
    return out


def load_document_series(root: str | Path) -> dict[str, str]:
    """Series prefix (浙政发) -> id prefix (zjzf), from raw/reference/document_series.csv."""
    return {row["prefix"]: row["id_prefix"] for row in read(DOCUMENT_SERIES_FILE, root)}


def load_references(paths: ProjectPaths) -> References:
    regions, indicators = load_regions(paths.root), load_indicators(paths.root)
    return References(regions=regions, indicators=indicators, units=load_units(paths.root),
                      target_links=load_target_links(paths.root, indicators, regions),
                      task_scopes=load_task_scopes(paths.root), number_rules=load_number_rules(paths.root),
                      document_titles=load_document_titles(paths.root),
                      title_translations=load_title_translations(paths.root),
                      document_series=load_document_series(paths.root))
