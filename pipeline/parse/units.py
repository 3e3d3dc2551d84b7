"""Government units: validate the ``units`` reference rows and resolve names as written to ``unit_id``.

The rows come from ``pipeline.reference.declarations.read(UNITS_FILE, root)`` (the file's declaration: columns, key,
patterns; see ``load_units``); everything else here is pure. A name resolves only by exact match against a
unit's aliases (which include its name_zh): no fuzzy matching, so every variant the text writes must be
curated. A name that matches no alias gets a provisional unit (``provisional_unit``: a deterministic id from
the name, status provisional; category collective for a name of a group of units such as 各设区市政府) so that keys hold, and the caller lists it in the review queue.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.base.errors import SourceError
from pipeline.parse.responsibility_forms import is_collective
from pipeline.reference.reader import row_line
from pipeline.reference.declarations import UNITS_FILE, read
from pipeline.schema.common import UNIT_ID_PATTERN
from pipeline.schema.tables_tasks import ALIAS_SEPARATOR, COLLECTIVE_CATEGORY, PROVISIONAL_CATEGORY, UNIT_CATEGORIES, UNITS


@dataclass(frozen=True)
class UnitIndex:
    """Alias -> unit_id for the validated reference ``rows``."""

    rows: tuple[Mapping[str, str], ...]
    by_alias: Mapping[str, str]

    def lookup(self, name: str) -> str | None:
        return self.by_alias.get(name)

    def published_rows(self) -> list[dict[str, object]]:
        """The curated rows as published in ``units``."""
        return [{**{c: row[c] or None for c in UNITS_FILE.columns}, "status": "curated"} for row in self.rows]


def provisional_category(name: str) -> str:
    """collective for a name of a group of units (``responsibility_forms.is_collective``), else unclassified."""
    return COLLECTIVE_CATEGORY if is_collective(name) else PROVISIONAL_CATEGORY


def provisional_unit_id(name: str) -> str:
    """zj-provisional-<first 10 hex digits of the SHA-256 of the name> (zj-collective-<…> for a collective
    name): the same name, the same id."""
    return UNIT_CATEGORIES[provisional_category(name)] + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def provisional_unit(name: str) -> dict[str, object]:
    """The ``units`` row of a name that no alias of raw/reference/units.csv matches (the same for every issue
    that names it, so that the package publishes it once; where it is named is in review_items)."""
    row = {"unit_id": provisional_unit_id(name), "name_zh": name, "full_name_zh": None, "name_en": None,
           "category": provisional_category(name), "aliases": name,
           "source": f"provisional: named in a responsibility clause, matched by no alias of {UNITS_FILE.path} (see "
                     "review_items, kind unknown_unit)", "status": "provisional"}
    return {c: row[c] for c in UNITS.column_names}


def split_aliases(value: str) -> list[str]:
    return value.split(ALIAS_SEPARATOR)


def index_units(rows: Sequence[Mapping[str, str]], path: str = UNITS_FILE.path) -> UnitIndex:
    """Check the reference rows beyond what ``load_reference`` checks, and index them by alias.

    Checks: the unit_id prefix matches the category (units.md); every alias is non-blank, listed once and
    claimed by one unit only; name_zh is one of its own aliases.
    """
    by_alias: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for index, row in enumerate(rows):
        line = row_line(index)
        unit_id, category = row["unit_id"], row["category"]
        if category not in UNIT_CATEGORIES or category == PROVISIONAL_CATEGORY:
            curated = [c for c in UNIT_CATEGORIES if c != PROVISIONAL_CATEGORY]
            raise SourceError(path, line, f"a category among {', '.join(curated)}", category)
        prefix = UNIT_CATEGORIES[category]
        if not unit_id.startswith(prefix) or not re.fullmatch(UNIT_ID_PATTERN, unit_id):
            raise SourceError(path, line, f"a unit_id starting {prefix!r} for category {category}", unit_id)
        aliases = split_aliases(row["aliases"])
        if row["name_zh"] not in aliases:
            raise SourceError(path, line, f"aliases including name_zh {row['name_zh']!r}", row["aliases"])
        for alias in aliases:
            if not alias or alias != alias.strip():
                raise SourceError(path, line, "non-blank |-separated aliases without spaces", row["aliases"])
            if alias in by_alias:
                raise SourceError(path, line, f"an alias not already claimed (by {by_alias[alias]} on line "
                                              f"{first_line[alias]})", alias)
            by_alias[alias] = unit_id
            first_line[alias] = line
    return UnitIndex(tuple(rows), by_alias)


def load_units(root: str | Path = ".") -> UnitIndex:
    """``raw/reference/units.csv`` under the repository ``root``, validated and indexed (reads the file)."""
    return index_units(read(UNITS_FILE, root), UNITS_FILE.path)
