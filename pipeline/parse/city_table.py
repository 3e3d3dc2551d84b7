"""附件2 of 浙政发〔2016〕24号: the city table -> ``city_priorities`` and ``city_platforms``.

Pure functions, no I/O. Each table row is one line of three tab-separated cells: city, 科技创新重点
(priorities), 重大创新平台 (platforms, a numbered list). Blank lines may stand between rows; every non-blank
line after the header must be a complete row for a prefecture-level city of ``raw/reference/regions.csv``,
each city exactly once, or ``SourceError`` is raised.

Text rule: HTML debris (``<p>``, ``</p>``, ``<ol …>``, ``</ol>``, ``<li>``, ``</li>``; the ``<ol>`` is never
closed in the source) and the item numbers (``1. `` or ``1.``, which must run 1, 2, 3, …) are removed; then
whitespace around the priorities text and around each platform item is stripped. Everything else is kept
exactly as printed: full-width and half-width punctuation are not normalised and inner spaces are not folded.
Any other markup left after stripping raises ``SourceError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.errors import SourceError
from pipeline.reference import REGIONS_PATH
from pipeline.schema.tables_attachments import REGION_LEVELS
from pipeline.text.lines import Line
from pipeline.text.normalise import fold_spaces

ATTACHMENT_HEADING = "附件2"
HEADER_LABELS = ("科技创新重点", "重大创新平台")
CITY_LEVEL = REGION_LEVELS[1]  # prefecture-level city

TAG = re.compile(r"</?(?:p|ol|li)(?:\s[^<>]*)?>")
#: An item number: 1-2 digits and a full stop, at the start or after whitespace, not a decimal (2.5).
ITEM_NUMBER = re.compile(r"(?<!\S)(\d{1,2})\.(?!\d)")


@dataclass(frozen=True)
class CityTable:
    """Rows for the ``city_priorities`` and ``city_platforms`` tables, in printed order."""

    city_priorities: list[dict[str, object]]
    city_platforms: list[dict[str, object]]


def parse_city_table(
    lines: Sequence[Line],
    source_path: str,
    regions: Sequence[Mapping[str, str]],
    document_id: str,
) -> CityTable:
    """Parse the lines of 附件2 (its heading line to the end of the attachment, blanks included).

    ``regions`` are the rows of ``raw/reference/regions.csv``; rows are matched on ``name_zh`` (杭州市).
    """
    content = [line for line in lines if not line.blank]
    if not content or content[0].clean != ATTACHMENT_HEADING:
        where = content[0] if content else None
        raise SourceError(source_path, where.number if where else None, f"the heading {ATTACHMENT_HEADING}",
                          where.raw if where else "no text")
    if len(content) < 3 or "\t" in content[1].raw:
        where = content[1] if len(content) > 1 else content[0]
        raise SourceError(source_path, where.number, "the attachment title (one line without tabs), then "
                          "the table header", where.raw)
    header = content[2]
    header_cells = [fold_spaces(cell).strip() for cell in header.raw.split("\t")]
    if header_cells != ["", *HEADER_LABELS]:
        raise SourceError(source_path, header.number, f"the header row (empty cell) | {' | '.join(HEADER_LABELS)}",
                          " | ".join(header_cells))

    cities = {row["name_zh"]: row["region_code"] for row in regions if row["level"] == CITY_LEVEL}
    result = CityTable([], [])
    seen: dict[str, int] = {}
    for line in content[3:]:
        cells = line.raw.split("\t")
        if len(cells) != 3:
            raise SourceError(source_path, line.number, "a table row of 3 tab-separated cells (city, "
                              f"{', '.join(HEADER_LABELS)})", f"{len(cells)} cell(s): {line.raw[:40]}")
        city = strip_markup(cells[0], source_path, line).strip()
        if city not in cities:
            raise SourceError(source_path, line.number, f"a prefecture-level city name from {REGIONS_PATH} "
                              f"({', '.join(cities)})", city)
        if city in seen:
            raise SourceError(source_path, line.number, f"one row per city ({city} already on line {seen[city]})",
                              city)
        seen[city] = line.number
        region_code = cities[city]

        priorities = strip_markup(cells[1], source_path, line).strip()
        if not priorities:
            raise SourceError(source_path, line.number, f"the {HEADER_LABELS[0]} text of {city}", cells[1])
        result.city_priorities.append({
            "region_code": region_code,
            "document_id": document_id,
            "priorities": priorities,
            "line": line.number,
        })
        for position, platform in enumerate(split_items(strip_markup(cells[2], source_path, line),
                                                        source_path, line), start=1):
            result.city_platforms.append({
                "region_code": region_code,
                "position": position,
                "platform": platform,
                "line": line.number,
            })

    missing = [city for city in cities if city not in seen]
    if missing:
        raise SourceError(source_path, header.number, f"a row for every prefecture-level city of {REGIONS_PATH}",
                          f"no row for {', '.join(missing)}")
    return result


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
