"""Every tab-separated table of every document, cell by cell (``table_cells``).

The typed tables (``indicators``/``indicator_values``, ``city_priorities``/``city_platforms``, the task
tables of ``tasks``) are read alongside it from the same tables (``pipeline.parse.tab_tables``); a table no
typed reader reads is published here all the same and listed in review_items (unrecognised_table).
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, Table

TABLE_CELLS = Table(
    name="table_cells",
    title="Table cells",
    description="One row per non-empty data cell of every tab-separated table of every document (attachment "
                "tables and tables in the text), as printed. Tables are numbered per document in printed "
                "order; the header rows (the first row and the rows right after it whose first cell is empty) "
                "are not cells but give each cell its header; data rows are numbered per table.",
    fields=(
        shared("issue_id"),
        shared("document_id"),
        Field("table_no", "integer", "1-based number of the table within its document, in printed order.",
              required=True, minimum=1),
        Field("row_no", "integer", "1-based number of the data row within its table (header rows not counted).",
              required=True, minimum=1),
        Field("col_no", "integer", "1-based column (tab-separated cell) within the row.", required=True,
              minimum=1),
        Field("header", "string", "Text of the header cells above the cell, joined by a space; null where they "
              "are empty (a merged header cell).", required=False),
        Field("text", "string", "The cell as printed (spaces folded, trimmed).", required=True),
        source_line("line", "the cell's row"),
    ),
    primary_key=("issue_id", "document_id", "table_no", "row_no", "col_no"),
    foreign_keys=(common.fk_issue(), common.fk_document()),
    sort_by=("issue_id", "line", "col_no"),
)

TABLES = (TABLE_CELLS,)
