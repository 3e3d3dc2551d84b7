"""The declaration of every hand-curated reference file under ``raw/reference/``, in one table.

A ``ReferenceFile`` says what ``pipeline.reference.reader.load_reference`` checks in one file: its path, its columns
(the exact header), its key and other unique column sets, the columns that may be blank, the regex each cell of
a column must match, and whether the file may hold no rows. ``read`` reads a declared file under a project root.
``REFERENCE_FILES`` lists all of them, each exactly once; every CSV under raw/reference must be declared here
(tests/unit/reference/test_reference_files.py), with a ``.md`` sidecar next to it documenting its columns and decisions.

What belongs here: declarations only. The generic reader is ``pipeline.reference.reader``; the checks that go beyond
one file's own cells (aliases of units, regexes of number rules, links resolving to indicators and regions,
task scopes) stay with the loaders that apply them (``pipeline.parse.units``, ``pipeline.parse.targets``,
``pipeline.parse.tasks``, ``pipeline.raw.references``). The path of a file that fills a published table is
taken from that table's ``origin.reference`` in the schema registry, so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from pipeline.reference.reader import check_declaration, load_reference
from pipeline.schema.common import (
    DOCUMENT_ID_PATTERN,
    INDICATOR_ID_PATTERN,
    REGION_CODE_PATTERN,
    TARGET_ID_PATTERN,
    UNIT_ID_PATTERN,
)
from pipeline.schema.tables_attachments import REGION_LEVELS, REGIONS
from pipeline.schema.tables_tasks import UNITS

#: The folder of the reference files, relative to the project root.
REFERENCE_DIR = "raw/reference"


@dataclass(frozen=True)
class ReferenceFile:
    """One reference CSV: ``path`` relative to the project root, the exact header ``columns``, the ``key``
    column(s), further ``unique`` column sets, ``optional`` columns (may be blank), a regex per column in
    ``patterns`` (full match of every non-blank cell), ``allow_empty`` (a header without rows is accepted) and
    a one-line ``description``."""

    name: str
    path: str
    columns: tuple[str, ...]
    key: str | tuple[str, ...]
    description: str
    unique: tuple[str | tuple[str, ...], ...] = ()
    optional: tuple[str, ...] = ()
    patterns: Mapping[str, str] = field(default_factory=dict, hash=False)
    allow_empty: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", MappingProxyType(dict(self.patterns)))
        check_declaration(self.columns, self.key, self.unique, self.optional, self.patterns, self.name)


def _path(name: str) -> str:
    return f"{REFERENCE_DIR}/{name}.csv"


REGIONS_FILE = ReferenceFile(
    name="regions",
    path=REGIONS.origin.reference,
    columns=("region_code", "name_zh", "short_name_zh", "name_en", "level", "source"),
    key="region_code",
    unique=("name_zh", "short_name_zh", "name_en"),
    patterns={"region_code": REGION_CODE_PATTERN,
              "level": "^(" + "|".join(re.escape(level) for level in REGION_LEVELS) + ")$"},
    description="Zhejiang Province and its prefecture-level cities (GB/T 2260 codes); published as regions.",
)

INDICATORS_FILE = ReferenceFile(
    name="indicators",
    path=_path("indicators"),
    columns=("indicator_id", "name_zh", "measure_zh", "name_en", "unit_zh", "unit_en", "source"),
    key="indicator_id",
    unique=(("name_zh", "measure_zh"), "name_en"),
    patterns={"indicator_id": INDICATOR_ID_PATTERN},
    description="Ids and English labels of the indicators of the tables of 附件1, by printed title and measure.",
)

#: A unit's source names where it is printed: the clause line(s) and the raw file (see units.md).
UNIT_SOURCE_PATTERN = r"named in responsibility clauses at lines? \d+.*? of zjzfgb-\d{4}-\d{2}\.txt.*"

UNITS_FILE = ReferenceFile(
    name="units",
    path=UNITS.origin.reference,
    columns=("unit_id", "name_zh", "full_name_zh", "name_en", "category", "aliases", "source"),
    key="unit_id",
    unique=("name_zh", "full_name_zh"),
    optional=("name_en",),
    patterns={"unit_id": UNIT_ID_PATTERN, "source": UNIT_SOURCE_PATTERN},
    description="Government units of the responsibility clauses, with every alias the text writes.",
)

NUMBER_RULES_FILE = ReferenceFile(
    name="number_rules",
    path=_path("number_rules"),
    columns=("classification", "pattern", "note", "source"),
    key="pattern",
    description="Reviewed phrases whose numbers in prose are names or counts, not targets.",
)

TARGET_LINKS_FILE = ReferenceFile(
    name="target_indicator_links",
    path=_path("target_indicator_links"),
    columns=("target_id", "subject", "value", "unit", "target_year", "indicator_id", "region_code", "reason"),
    key="target_id",
    optional=("indicator_id", "region_code"),
    patterns={"target_id": TARGET_ID_PATTERN, "value": r"^\d+(\.\d+)?$", "target_year": r"^\d{4}$",
              "indicator_id": INDICATOR_ID_PATTERN, "region_code": REGION_CODE_PATTERN},
    description="Reviewed links of prose targets to an indicator of their document's tables for a region (they "
                "override the rule of pipeline.parse.target_links; a row without indicator and region says the "
                "target restates no cell), with the reason.",
)

TASK_SCOPES_FILE = ReferenceFile(
    name="task_scopes",
    path=_path("task_scopes"),
    columns=("document_id", "rule", "parent_ordinals", "parent_heading", "tasks_without_clause", "source"),
    key="document_id",
    optional=("parent_ordinals", "parent_heading", "tasks_without_clause"),
    allow_empty=True,
    description="Reviewed readings of which numbered items of a document are tasks (confirm or override).",
)

DOCUMENT_TITLES_FILE = ReferenceFile(
    name="document_titles",
    path=_path("document_titles"),
    columns=("document_id", "title", "title_en", "source"),
    key="document_id",
    optional=("title",),
    patterns={"document_id": DOCUMENT_ID_PATTERN},
    description="Reviewed English titles of the documents, with the Chinese title as printed (a document printed "
                "with the same title takes the same translation).",
)

DOCUMENT_SERIES_FILE = ReferenceFile(
    name="document_series",
    path=_path("document_series"),
    columns=("prefix", "id_prefix", "name_en", "source"),
    key="prefix",
    unique=("id_prefix", "name_en"),
    patterns={"prefix": r"^[\u4e00-\u9fff]{2,8}$", "id_prefix": r"^[a-z][a-z0-9]*$"},
    description="Document-number series (浙政发) and the ASCII prefix of their document ids (zjzf).",
)

#: Every reference file, each once.
REFERENCE_FILES: tuple[ReferenceFile, ...] = (
    REGIONS_FILE, INDICATORS_FILE, UNITS_FILE, NUMBER_RULES_FILE, TARGET_LINKS_FILE, TASK_SCOPES_FILE,
    DOCUMENT_TITLES_FILE, DOCUMENT_SERIES_FILE,
)


def read(ref: ReferenceFile, root: str | Path = ".") -> list[dict[str, str]]:
    """The rows of the declared file ``ref`` under the project ``root``, checked by ``load_reference`` against
    its declaration (errors name ``ref.path`` and the CSV line)."""
    return load_reference(Path(root) / ref.path, ref.columns, ref.key, unique=ref.unique, optional=ref.optional,
                          patterns=ref.patterns, display_path=ref.path, allow_empty=ref.allow_empty)
