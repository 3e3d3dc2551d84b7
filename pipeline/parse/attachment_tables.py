"""The tables of a document's attachments, each read by the parser its header rows call for.

Every block of every attachment (``pipeline.parse.attachment_blocks``) with rows goes to the first parser
that recognises it (indicator table, city table); a block that none recognises stays in ``sections`` (its
lines are covered by the attachment's row there) and is noted as ``unrecognised_table``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.parse.attachment_blocks import split_attachment
from pipeline.parse.city_table import is_city_table, parse_city_table
from pipeline.parse.indicator_tables import is_indicator_table, parse_indicator_table
from pipeline.parse.review import ReviewNote
from pipeline.text.lines import Line

TABLES = ("indicators", "indicator_values", "city_priorities", "city_platforms")


@dataclass
class AttachmentRows:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    notes: list[ReviewNote] = field(default_factory=list)


def parse_attachments(sections: Sequence[Mapping[str, Any]], lines: Sequence[Line], source_path: str,
                      regions: Sequence[Mapping[str, str]], indicators: Sequence[Mapping[str, str]],
                      ) -> AttachmentRows:
    """Rows of the attachment tables for the ``attachment`` sections rows of an issue, in printed order."""
    out = AttachmentRows()
    for section in (s for s in sections if s["kind"] == "attachment"):
        document_id = section["document_id"]
        block_lines = lines[section["line_start"] - 1:section["line_end"]]
        for block in split_attachment(block_lines, source_path):
            if not block.rows:
                continue
            if is_indicator_table(block):
                parsed = parse_indicator_table(block, source_path, regions, indicators, document_id)
                out.rows["indicators"] += parsed.indicators
                out.rows["indicator_values"] += parsed.indicator_values
                out.notes += parsed.notes
            elif is_city_table(block):
                city = parse_city_table(block, source_path, regions, document_id)
                out.rows["city_priorities"] += city.city_priorities
                out.rows["city_platforms"] += city.city_platforms
                out.notes += city.notes
            else:
                title = block.title.clean if block.title is not None else block.attachment_title.clean
                out.notes.append(ReviewNote(
                    "unrecognised_table", f"附件{block.attachment} {title}", block.first_line,
                    f"{len(block.rows)} tab-separated row(s) on lines {block.rows[0].number}-{block.rows[-1].number} "
                    f"kept in sections ({section['section_id']}); first row: {block.rows[0].raw[:60]!r}",
                    document_id))
    return out
