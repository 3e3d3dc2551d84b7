"""The whole package as one Excel workbook, ``curated/gazette.xlsx``, for readers who open files rather than code.

Sheet 1 (``about``) explains the package and lists every table and every column from the registry (name, type,
description); then one sheet per table, named after it, with the table's columns in registry order. Values keep
their types: strings stay strings (``330100`` is text, never a number; nothing is turned into a formula or a
hyperlink), integers and numbers are numbers, booleans are booleans, dates are real Excel dates shown as
yyyy-mm-dd, nulls are empty cells. The header row is frozen and filterable, and column widths follow the
longest line of the values shown, measured per value as (UTF-8 bytes + characters) // 2 (vectorised in polars):
exact for ASCII (1 column) and CJK (3 bytes: 2 columns), an overestimate for other non-ASCII text.

Size limit: a sheet holds at most ``WORKBOOK_MAX_ROWS`` (10,000) rows of its table. A larger table shows its
first 10,000 rows in published order, and the workbook says so itself: the third line of the about sheet
names every such table with its row count, the Tables list gives "first 10,000 of N rows" with the
files holding every row (curated/<table>.csv and .parquet), and the table's sheet carries a visible note on
its header cell. Tables within the limit are complete (the real one-issue package is complete). The workbook
is written in xlsxwriter's ``constant_memory`` mode (one row in memory at a time, strings inline).

The bytes are reproducible: xlsxwriter dates every zip member 1980-01-31 (its fixed date for a workbook
written through temporary files), and the document properties carry a
fixed creation date (the latest issue's publication date) instead of the build time.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any, Mapping, Sequence

import polars as pl
import xlsxwriter

from pipeline.publish.datapackage import PACKAGE_NAME, RIGHTS
from pipeline.schema.frames import with_working_types
from pipeline.schema.lazy_frames import height
from pipeline.schema.model import Table

ABOUT_SHEET = "about"
#: Used when the package has no issues table to take the publication date from.
FALLBACK_CREATED = dt.datetime(2016, 9, 21)
MIN_WIDTH, MAX_WIDTH = 6, 60
EXCEL_MAX_STRING = 32767
#: Rows of one table a sheet holds; a larger table shows its first rows and the workbook says so (see above).
WORKBOOK_MAX_ROWS = 10_000

TITLE = "浙江省人民政府公报 数据包 · Zhejiang Provincial People's Government Gazette — data package"
INTRO = (
    "每个工作表是数据包中的一张表,第一行为字段名;下面列出各表及其字段说明。"
    " Each sheet is one table of the package, with the column names in its first row. The tables below are "
    "parsed from the verbatim text of the gazette issue; the same tables are published as CSV and Parquet "
    "(curated/) and described in datapackage.json. Dates are real dates, numbers are numbers, empty cells are "
    "missing values."
)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width view: wide and full-width (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _text_expr(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column's values as the text a reader sees (dates as ISO, numbers and booleans as printed)."""
    if dtype == pl.String:
        return pl.col(name)
    if dtype == pl.Date:
        return pl.col(name).dt.to_string("%Y-%m-%d")
    return pl.col(name).cast(pl.String)


def column_widths(frame: pl.DataFrame) -> list[int]:
    """Excel width of each column of ``frame``: its header and longest value line, padded, within
    [MIN_WIDTH, MAX_WIDTH]. A line's width is (UTF-8 bytes + characters) // 2 (exact for ASCII and CJK),
    computed in polars over every value."""
    if not frame.columns:
        return []
    line = pl.element()
    widest = frame.select(
        _text_expr(c, dtype).str.split("\n")
        .list.eval((line.str.len_bytes() + line.str.len_chars()) // 2).list.max().max().alias(c)
        for c, dtype in frame.schema.items())
    out = []
    for c in frame.columns:
        w = max(display_width(c), widest[c][0] or 0)
        out.append(MAX_WIDTH if w >= MAX_WIDTH else max(MIN_WIDTH, min(MAX_WIDTH, w + 2)))
    return out


def cut_note(table: str, height: int, max_rows: int = WORKBOOK_MAX_ROWS) -> str | None:
    """What a sheet says when it holds only the first rows of its table (None when it holds them all)."""
    if height <= max_rows:
        return None
    return (f"first {max_rows:,} of {height:,} rows (this workbook's limit is {max_rows:,} rows a sheet); "
            f"every row is in curated/{table}.csv and curated/{table}.parquet")


def created_datetime(frames: Mapping[str, pl.DataFrame]) -> dt.datetime:
    """The fixed creation date written into the document properties: the latest issue's publication date."""
    issues = frames.get("issues")
    if issues is not None and "published_date" in issues.columns and issues["published_date"].drop_nulls().len():
        latest = issues["published_date"].drop_nulls().max()
        return dt.datetime(latest.year, latest.month, latest.day)
    return FALLBACK_CREATED


def _write_about(sheet, tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                 fmt: dict[str, Any], max_rows: int, version: str) -> None:
    """The About sheet: title, row limit and issues, then the tables and their columns, then column widths."""
    row = _write_about_header(sheet, tables, frames, fmt, max_rows, version)
    row = _write_table_list(sheet, tables, frames, fmt, max_rows, row)
    _write_column_list(sheet, tables, fmt, row)
    _set_about_widths(sheet, tables)


def _write_about_header(sheet, tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                        fmt: dict[str, Any], max_rows: int, version: str) -> int:
    """Title, version, the row limit (and which tables it cuts), one line per issue, intro and rights; returns
    the row of the next section."""
    sheet.write_string(0, 0, TITLE, fmt["title"])
    sheet.write_string(1, 0, f"{PACKAGE_NAME} {version}", fmt["text"])
    sheet.write_string(2, 0, _row_limit_note(tables, frames, max_rows), fmt["text"])
    issues = frames.get("issues")
    row = 3
    if issues is not None:
        for issue in issues.iter_rows(named=True):
            sheet.write_string(row, 0, _issue_line(issue), fmt["text"])
            row += 1
    sheet.write_string(row, 0, INTRO, fmt["text"])
    sheet.write_string(row + 1, 0, RIGHTS, fmt["text"])
    return row + 3


def _row_limit_note(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], max_rows: int) -> str:
    cut = [t for t in tables if height(frames, t.name) > max_rows]
    limit = (f"A sheet holds at most {max_rows:,} rows; a larger table shows its first {max_rows:,} rows in "
             "published order, and curated/<table>.csv and .parquet hold every row. 每个工作表最多 "
             f"{max_rows:,} 行。")
    if cut:
        limit += " Not every row is in this workbook 本工作簿未包含全部行: " + "; ".join(
            f"{t.name} (first {max_rows:,} of {height(frames, t.name):,} rows)" for t in cut) + "."
    else:
        limit += " Every table is complete in this workbook 本工作簿包含全部行."
    return limit


def _issue_line(issue: Mapping[str, Any]) -> str:
    facts = [f"{issue.get('title_zh', '')} {issue.get('year', '')}年第{issue.get('issue_number', '')}期"]
    if issue.get("cumulative_number") is not None:
        facts.append(f"(总第{issue['cumulative_number']}期)")
    if issue.get("published_date") is not None:
        facts.append(f" published 出版 {issue['published_date'].isoformat()}")
    if issue.get("publisher"):
        facts.append(f", {issue['publisher']}")
    return "".join(facts)


def _write_table_list(sheet, tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                      fmt: dict[str, Any], max_rows: int, row: int) -> int:
    """One line per table from ``row`` on, with a link to its sheet; returns the row of the next section."""
    sheet.write_string(row, 0, "Tables 数据表", fmt["section"])
    row += 1
    for col, head in enumerate(("sheet", "title", "rows", "primary key", "description", "in this workbook")):
        sheet.write_string(row, col, head, fmt["header"])
    row += 1
    for table in tables:
        sheet.write_url(row, 0, f"internal:'{table.name}'!A1", fmt["link"], string=table.name)
        sheet.write_string(row, 1, table.title, fmt["text"])
        sheet.write_number(row, 2, height(frames, table.name), fmt["text"])
        sheet.write_string(row, 3, ", ".join(table.primary_key), fmt["text"])
        sheet.write_string(row, 4, table.description, fmt["wrap"])
        sheet.write_string(row, 5, cut_note(table.name, height(frames, table.name), max_rows) or "all rows",
                           fmt["wrap"])
        row += 1
    return row + 1


def _write_column_list(sheet, tables: Sequence[Table], fmt: dict[str, Any], row: int) -> None:
    """One line per column of every table, from ``row`` on."""
    sheet.write_string(row, 0, "Columns 字段", fmt["section"])
    row += 1
    for col, head in enumerate(("table", "column", "type", "required", "description")):
        sheet.write_string(row, col, head, fmt["header"])
    row += 1
    for table in tables:
        for field in table.fields:
            sheet.write_string(row, 0, table.name, fmt["text"])
            sheet.write_string(row, 1, field.name, fmt["text"])
            sheet.write_string(row, 2, field.type, fmt["text"])
            sheet.write_boolean(row, 3, field.required, fmt["text"])
            sheet.write_string(row, 4, field.description, fmt["wrap"])
            row += 1


def _set_about_widths(sheet, tables: Sequence[Table]) -> None:
    widest_name = max([display_width(t.name) for t in tables] + [12])
    widest_column = max([display_width(f.name) for t in tables for f in t.fields] + [12])
    sheet.set_column(0, 0, min(MAX_WIDTH, widest_name + 2))
    sheet.set_column(1, 1, min(MAX_WIDTH, max(widest_column, *(display_width(t.title) for t in tables)) + 2))
    sheet.set_column(2, 3, 12)
    sheet.set_column(4, 4, 100)
    sheet.set_column(5, 5, 50)
    sheet.freeze_panes(1, 0)


def _write_table(sheet, table: Table, frame: pl.DataFrame, fmt: dict[str, Any], max_rows: int) -> None:
    """Header, then row by row (constant_memory mode writes each row once, in order), typed cells."""
    height = frame.height
    frame = _excel_strings(frame.select(table.column_names).head(max_rows), table.name)
    for col, field in enumerate(table.fields):
        sheet.write_string(0, col, field.name, fmt["header"])
    note = cut_note(table.name, height, max_rows)
    if note is not None:
        sheet.write_comment(0, 0, f"{table.name}: {note}.", {"visible": True, "x_scale": 3, "y_scale": 1.5})
    integer, date = fmt["integer"], fmt["date"]
    writers = []
    for field in table.fields:
        if field.type == "string":
            writers.append((sheet.write_string, None))
        elif field.type == "integer":
            writers.append((sheet.write_number, integer))
        elif field.type == "number":
            writers.append((sheet.write_number, None))
        elif field.type == "boolean":
            writers.append((sheet.write_boolean, None))
        elif field.type == "date":
            writers.append((sheet.write_datetime, date))
        else:
            raise ValueError(f"{table.name}.{field.name}: no Excel cell type for {field.type!r}")
    cells = list(enumerate(writers))
    for r, values in enumerate(frame.iter_rows(buffer_size=2048), start=1):
        for (c, (write, cell_format)), value in zip(cells, values):
            if value is not None:
                if cell_format is None:
                    write(r, c, value)
                else:
                    write(r, c, value, cell_format)
    for col, width in enumerate(column_widths(frame)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(frame.height, 1), max(len(table.fields) - 1, 0))


def _excel_strings(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    """``frame`` with every string past Excel's cell limit cut by ``excel_string`` (others untouched)."""
    for name, dtype in frame.schema.items():
        if dtype == pl.String and (frame[name].str.len_chars().max() or 0) > EXCEL_MAX_STRING:
            frame = frame.with_columns(pl.Series(name, [None if v is None else excel_string(v, table)
                                                        for v in frame[name]], dtype=pl.String))
    return frame


def excel_string(value: str, table: str) -> str:
    """``value``, or, past Excel's cell limit, its start and a note that the CSV holds the whole value (the
    workbook is a reader's copy; curated/<table>.csv and .parquet are never cut)."""
    if len(value) <= EXCEL_MAX_STRING:
        return value
    note = f" … [cut at Excel's cell limit: {len(value)} characters in curated/{table}.csv]"
    return value[:EXCEL_MAX_STRING - len(note)] + note


def write_workbook(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], path: Path,
                   max_rows: int = WORKBOOK_MAX_ROWS, *, version: str) -> Path:
    """Write the about sheet (naming the release ``version``) and one sheet per table (in registry order, at most
    ``max_rows`` rows each) to ``path``; return ``path``."""
    for table in tables:
        if len(table.name) > 31 or table.name == ABOUT_SHEET or set(table.name) & set("[]:*?/\\"):
            raise ValueError(f"table name {table.name!r} cannot be an Excel sheet name")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": True,  # each row goes to a temporary file once written: memory stays flat
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    })
    book.set_properties({
        "title": "浙江省人民政府公报 数据包 / Zhejiang Provincial People's Government Gazette data package",
        "subject": "Tables parsed from the Zhejiang Provincial People's Government Gazette",
        "author": PACKAGE_NAME,
        "comments": RIGHTS,
        "created": created_datetime(frames),
    })
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "section": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1}),
        "text": book.add_format({"valign": "top"}),
        "wrap": book.add_format({"valign": "top", "text_wrap": True}),
        "link": book.add_format({"valign": "top", "font_color": "blue", "underline": 1}),
        "integer": book.add_format({"num_format": "0"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
    }
    about = book.add_worksheet(ABOUT_SHEET)
    sheets = {t.name: book.add_worksheet(t.name) for t in tables}
    frames = with_working_types(tables, frames)
    _write_about(about, tables, frames, fmt, max_rows, version)
    for table in tables:
        _write_table(sheets[table.name], table, frames[table.name], fmt, max_rows)
    about.activate()
    book.close()
    return path
