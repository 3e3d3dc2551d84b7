"""Government units: validate the ``units`` reference rows and resolve names as written to ``unit_id``.

The rows come from ``pipeline.reference.load_reference(path, UNIT_COLUMNS, "unit_id", ...)`` (see
``load_units``); everything else here is pure. A name resolves only by exact match against a unit's aliases
(which include its name_zh): no fuzzy matching, so every variant the text writes must be curated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.reference import load_reference
from pipeline.schema.tables_tasks import ALIAS_SEPARATOR, UNIT_CATEGORIES, UNIT_ID_PATTERN

UNITS_PATH = "raw/reference/units.csv"
UNIT_COLUMNS = ("unit_id", "name_zh", "full_name_zh", "name_en", "category", "aliases", "source")
FIRST_ROW_LINE = 2


class UnknownUnitError(SourceError):
    """Names that match no alias in the units reference; ``unknowns`` lists every (name, raw line)."""

    def __init__(self, path: str, unknowns: Sequence[tuple[str, int]]):
        self.unknowns = list(unknowns)
        listed = "; ".join(f"{name!r} on line {line}" for name, line in self.unknowns)
        super().__init__(path, self.unknowns[0][1],
                         f"unit names listed in {UNITS_PATH} (name_zh or aliases); "
                         f"{len(self.unknowns)} unknown", listed)


@dataclass(frozen=True)
class UnitIndex:
    """Alias -> unit_id for the validated reference ``rows``."""

    rows: tuple[Mapping[str, str], ...]
    by_alias: Mapping[str, str]

    def lookup(self, name: str) -> str | None:
        return self.by_alias.get(name)

    def resolve(self, mentions: Iterable[tuple[str, int]], path: str) -> list[str]:
        """unit_id for each (name_as_written, raw line); all unknown names are reported in one error."""
        mentions = list(mentions)
        found = [self.by_alias.get(name) for name, _ in mentions]
        unknown = [m for m, unit in zip(mentions, found) if unit is None]
        if unknown:
            raise UnknownUnitError(path, unknown)
        return [unit for unit in found if unit is not None]


def split_aliases(value: str) -> list[str]:
    return value.split(ALIAS_SEPARATOR)


def index_units(rows: Sequence[Mapping[str, str]], path: str = UNITS_PATH) -> UnitIndex:
    """Check the reference rows beyond what ``load_reference`` checks, and index them by alias.

    Checks: the unit_id prefix matches the category (units.md); every alias is non-blank, listed once and
    claimed by one unit only; name_zh is one of its own aliases.
    """
    by_alias: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for index, row in enumerate(rows):
        line = index + FIRST_ROW_LINE
        unit_id, category = row["unit_id"], row["category"]
        if category not in UNIT_CATEGORIES:
            raise SourceError(path, line, f"a category among {', '.join(UNIT_CATEGORIES)}", category)
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
    rows = load_reference(Path(root) / UNITS_PATH, UNIT_COLUMNS, "unit_id",
                          unique=("name_zh", "full_name_zh"), optional=("name_en",),
                          patterns={"unit_id": UNIT_ID_PATTERN}, display_path=UNITS_PATH)
    return index_units(rows, UNITS_PATH)
