"""The typed tables of the documents, each table read by the reader its header rows call for.

Every tab-separated table (``pipeline.parse.tab_tables``: the blocks of each attachment and the tables in
the text) goes to the first typed reader that recognises it: indicator table, city table (attachment blocks),
task table (read into ``tasks`` by ``pipeline.parse.tasks``). Every table's cells are in ``table_cells``
whatever reads it; a table no typed reader reads is noted as ``unrecognised_table``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.parse.city_table import is_city_table, parse_city_table
from pipeline.parse.indicator_tables import is_indicator_table, parse_indicator_table
from pipeline.parse.review import ReviewNote
from pipeline.parse.tab_tables import TabTable
from pipeline.parse.task_tables import is_task_table

TABLES = ("indicators", "indicator_values", "city_priorities", "city_platforms")


@dataclass
class AttachmentRows:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    notes: list[ReviewNote] = field(default_factory=list)


def parse_attachments(tables: Sequence[TabTable], source_path: str, regions: Sequence[Mapping[str, str]],
                      indicators: Sequence[Mapping[str, str]]) -> AttachmentRows:
    """Rows of the indicator and city tables among an issue's ``tables``, in printed order, and the notes."""
    out = AttachmentRows()
    for table in tables:
        block, document_id = table.block, table.document_id
        if block is not None and is_indicator_table(block):
            parsed = parse_indicator_table(block, source_path, regions, indicators, document_id)
            out.rows["indicators"] += parsed.indicators
            out.rows["indicator_values"] += parsed.indicator_values
            out.notes += parsed.notes
        elif block is not None and is_city_table(block):
            city = parse_city_table(block, source_path, regions, document_id)
            out.rows["city_priorities"] += city.city_priorities
            out.rows["city_platforms"] += city.city_platforms
            out.notes += city.notes
        elif not is_task_table(table):
            out.notes.append(_unrecognised(table))
    return out


def _unrecognised(table: TabTable) -> ReviewNote:
    block = table.block
    if block is not None:
        title = block.title.clean if block.title is not None else block.attachment_title.clean
        text, first = f"附件{block.attachment} {title}", block.first_line
    else:
        text, first = f"table {table.table_no} {table.rows[0].clean[:40]}", table.rows[0].number
    return ReviewNote("unrecognised_table", text, first,
                      f"{len(table.rows)} tab-separated row(s) on lines {table.rows[0].number}-"
                      f"{table.rows[-1].number} published cell by cell in table_cells (table {table.table_no}); "
                      f"first row: {table.rows[0].raw[:60]!r}", table.document_id)
