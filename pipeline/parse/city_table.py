"""City tables of an attachment -> ``city_priorities`` and ``city_platforms``.

Pure functions, no I/O. A block of an attachment (``pipeline.parse.attachment_blocks``) is a city table when
its header row is an empty cell and two labels (in 2016 第26期: 科技创新重点, 重大创新平台) and every data row
is three tab-separated cells whose first names a prefecture-level city of ``raw/reference/regions.csv`` (or
an unknown place) and whose third is a numbered list (``1. … 2. …``). Blank lines may stand between rows.
The first text column becomes ``city_priorities``, the numbered list ``city_platforms``. A row whose city the
reference lacks is left out and noted as ``unknown_region``; a row that cannot be read is a ``SourceError``.

Text rule: HTML debris (``<p>``, ``</p>``, ``<ol …>``, ``</ol>``, ``<li>``, ``</li>``; the ``<ol>`` is never
closed in the source) and the item numbers (``1. `` or ``1.``, which must run 1, 2, 3, …) are removed; then
whitespace around the priorities text and around each platform item is stripped. Everything else is kept
exactly as printed: full-width and half-width punctuation are not normalised and inner spaces are not folded.
Any other markup left after stripping raises ``SourceError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.base.errors import SourceError
from pipeline.parse.attachment_blocks import TableBlock
from pipeline.parse.review import ReviewNote
from pipeline.schema.tables_attachments import REGION_LEVELS
from pipeline.text.lines import Line
from pipeline.text.normalise import fold_spaces

CITY_LEVEL = REGION_LEVELS[1]  # prefecture-level city

TAG = re.compile(r"</?(?:p|ol|li)(?:\s[^<>]*)?>")
#: An item number: 1-2 digits and a full stop, at the start or after whitespace, not a decimal (2.5).
ITEM_NUMBER = re.compile(r"(?<!\S)(\d{1,2})\.(?!\d)")


@dataclass
class CityTable:
    """Rows for the ``city_priorities`` and ``city_platforms`` tables, in printed order, and review notes."""

    city_priorities: list[dict[str, object]] = field(default_factory=list)
    city_platforms: list[dict[str, object]] = field(default_factory=list)
    notes: list[ReviewNote] = field(default_factory=list)


def _cells(line: Line) -> list[str]:
    return line.raw.split("\t")


def is_city_table(block: TableBlock) -> bool:
    """A header of an empty cell and two labels, and a first data row of three cells ending in a numbered list.

    Once recognised, every further row must be readable (``parse_city_table`` raises otherwise)."""
    if len(block.rows) < 2:
        return False
    header = [fold_spaces(cell).strip() for cell in _cells(block.rows[0])]
    first = _cells(block.rows[1])
    return (len(header) == 3 and not header[0] and all(header[1:]) and len(first) == 3
            and ITEM_NUMBER.match(TAG.sub("", first[2]).strip()) is not None)


def parse_city_table(block: TableBlock, source_path: str, regions: Sequence[Mapping[str, str]],
                     document_id: str) -> CityTable:
    """Rows of one city table (``is_city_table(block)`` must hold); cities matched on name_zh (杭州市)."""
    cities = {row["name_zh"]: row["region_code"] for row in regions if row["level"] == CITY_LEVEL}
    result = CityTable()
    seen: dict[str, int] = {}
    for line in block.rows[1:]:
        cells = _row_cells(line, source_path)
        city = _city(cells[0], source_path, line, seen)
        if city not in cities:
            result.notes.append(ReviewNote("unknown_region", city, line.number, "city table row left out of "
                                           f"city_priorities and city_platforms: {line.raw[:80]}", document_id))
            continue
        result.city_priorities.append(_priorities_row(cells[1], city, cities[city], source_path, line, document_id))
        result.city_platforms += _platform_rows(cells[2], cities[city], source_path, line, document_id)
    return result


def _row_cells(line: Line, path: str) -> list[str]:
    """The three tab-separated cells of a data row (city, text, numbered list)."""
    cells = _cells(line)
    if len(cells) != 3:
        raise SourceError(path, line.number, "a table row of 3 tab-separated cells (city, text, "
                          "numbered list)", f"{len(cells)} cell(s): {line.raw[:40]}")
    return cells


def _city(cell: str, path: str, line: Line, seen: dict[str, int]) -> str:
    """The city named by a row's first cell, once per table (``seen``: city -> line, updated)."""
    city = strip_markup(cell, path, line).strip()
    if not city:
        raise SourceError(path, line.number, "a city name in the first cell of a table row", line.raw[:40])
    if city in seen:
        raise SourceError(path, line.number, f"one row per city ({city} already on line {seen[city]})", city)
    seen[city] = line.number
    return city


def _priorities_row(cell: str, city: str, region_code: str, path: str, line: Line,
                    document_id: str) -> dict[str, object]:
    """The ``city_priorities`` row of a city: its first text column, markup stripped."""
    priorities = strip_markup(cell, path, line).strip()
    if not priorities:
        raise SourceError(path, line.number, f"the first text column of {city}", cell)
    return {"region_code": region_code, "document_id": document_id, "priorities": priorities, "line": line.number}


def _platform_rows(cell: str, region_code: str, path: str, line: Line, document_id: str) -> list[dict[str, object]]:
    """The ``city_platforms`` rows of a city: the items of its numbered list, in order."""
    return [{"document_id": document_id, "region_code": region_code, "position": position, "platform": platform,
             "line": line.number}
            for position, platform in enumerate(split_items(strip_markup(cell, path, line), path, line), start=1)]


def strip_markup(cell: str, path: str, line: Line) -> str:
    """Remove the known HTML tags; any other ``<`` or ``>`` left is an error."""
    text = TAG.sub("", cell)
    stray = [i for i in (text.find("<"), text.find(">")) if i >= 0]
    if stray:
        raise SourceError(path, line.number, "no markup other than <p>, <ol> and <li> tags",
                          text[min(stray):min(stray) + 30])
    return text


def split_items(text: str, path: str, line: Line) -> list[str]:
    """Split a numbered list (``1. a 2. b`` or ``1.a 2.b``) into its items, numbers and surrounding space removed.

    The text must start with item 1 and the numbers must run 1, 2, 3, …; every item must have text.
    """
    markers = list(ITEM_NUMBER.finditer(text))
    if not markers or text[:markers[0].start()].strip():
        raise SourceError(path, line.number, "a numbered list starting with 1.", text[:40])
    items: list[str] = []
    for index, marker in enumerate(markers):
        if int(marker.group(1)) != index + 1:
            raise SourceError(path, line.number, f"item number {index + 1}.", marker.group(0))
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        item = text[marker.end():end].strip()
        if not item:
            raise SourceError(path, line.number, f"text for item {index + 1}.", text[marker.start():end])
        items.append(item)
    return items
