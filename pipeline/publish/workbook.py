"""The whole package as one Excel workbook, ``curated/gazette.xlsx``, for readers who open files rather than code.

Sheet 1 (``about``) explains the package and lists every table and every column from the registry (name, type,
description); then one sheet per table, named after it, with the table's columns in registry order. Values keep
their types: strings stay strings (``330100`` is text, never a number; nothing is turned into a formula or a
hyperlink), integers and numbers are numbers, booleans are booleans, dates are real Excel dates shown as
yyyy-mm-dd, nulls are empty cells. The header row is frozen and filterable, and column widths follow the
longest value (a CJK character counts as two).

The bytes are reproducible: xlsxwriter dates every zip member 1980-01-01, and the document properties carry a
fixed creation date (the latest issue's publication date) instead of the build time.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any, Mapping, Sequence

import polars as pl
import xlsxwriter

from pipeline.publish.datapackage import PACKAGE_NAME, PACKAGE_VERSION, RIGHTS
from pipeline.schema.model import Table

ABOUT_SHEET = "about"
#: Used when the package has no issues table to take the publication date from.
FALLBACK_CREATED = dt.datetime(2016, 9, 21)
MIN_WIDTH, MAX_WIDTH = 6, 60
EXCEL_MAX_STRING = 32767

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


def column_width(header: str, values: Sequence[Any]) -> int:
    """Excel column width for a header and its values: the widest line, padded, within [MIN_WIDTH, MAX_WIDTH]."""
    widest = display_width(header)
    for value in values:
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        for line in text.splitlines() or [""]:
            widest = max(widest, display_width(line))
            if widest >= MAX_WIDTH:
                return MAX_WIDTH
    return max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


def created_datetime(frames: Mapping[str, pl.DataFrame]) -> dt.datetime:
    """The fixed creation date written into the document properties: the latest issue's publication date."""
    issues = frames.get("issues")
    if issues is not None and "published_date" in issues.columns and issues["published_date"].drop_nulls().len():
        latest = issues["published_date"].drop_nulls().max()
        return dt.datetime(latest.year, latest.month, latest.day)
    return FALLBACK_CREATED


def _write_about(sheet, tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                 fmt: dict[str, Any]) -> None:
    sheet.write_string(0, 0, TITLE, fmt["title"])
    sheet.write_string(1, 0, f"{PACKAGE_NAME} {PACKAGE_VERSION}", fmt["text"])
    issues = frames.get("issues")
    row = 2
    if issues is not None:
        for issue in issues.iter_rows(named=True):
            facts = [f"{issue.get('title_zh', '')} {issue.get('year', '')}年第{issue.get('issue_number', '')}期"]
            if issue.get("cumulative_number") is not None:
                facts.append(f"(总第{issue['cumulative_number']}期)")
            if issue.get("published_date") is not None:
                facts.append(f" published 出版 {issue['published_date'].isoformat()}")
            if issue.get("publisher"):
                facts.append(f", {issue['publisher']}")
            sheet.write_string(row, 0, "".join(facts), fmt["text"])
            row += 1
    sheet.write_string(row, 0, INTRO, fmt["text"])
    sheet.write_string(row + 1, 0, RIGHTS, fmt["text"])
    row += 3

    sheet.write_string(row, 0, "Tables 数据表", fmt["section"])
    row += 1
    for col, head in enumerate(("sheet", "title", "rows", "primary key", "description")):
        sheet.write_string(row, col, head, fmt["header"])
    row += 1
    for table in tables:
        sheet.write_url(row, 0, f"internal:'{table.name}'!A1", fmt["link"], string=table.name)
        sheet.write_string(row, 1, table.title, fmt["text"])
        sheet.write_number(row, 2, frames[table.name].height, fmt["text"])
        sheet.write_string(row, 3, ", ".join(table.primary_key), fmt["text"])
        sheet.write_string(row, 4, table.description, fmt["wrap"])
        row += 1
    row += 1

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

    widest_name = max([display_width(t.name) for t in tables] + [12])
    widest_column = max([display_width(f.name) for t in tables for f in t.fields] + [12])
    sheet.set_column(0, 0, min(MAX_WIDTH, widest_name + 2))
    sheet.set_column(1, 1, min(MAX_WIDTH, max(widest_column, *(display_width(t.title) for t in tables)) + 2))
    sheet.set_column(2, 3, 12)
    sheet.set_column(4, 4, 100)
    sheet.freeze_panes(1, 0)


def _write_table(sheet, table: Table, frame: pl.DataFrame, fmt: dict[str, Any]) -> None:
    frame = frame.select(table.column_names)
    for col, field in enumerate(table.fields):
        sheet.write_string(0, col, field.name, fmt["header"])
        values = frame[field.name].to_list()
        write = {
            "string": _string_writer(sheet, table.name, field.name),
            "integer": lambda r, c, v: sheet.write_number(r, c, v, fmt["integer"]),
            "number": lambda r, c, v: sheet.write_number(r, c, v),
            "boolean": lambda r, c, v: sheet.write_boolean(r, c, v),
            "date": lambda r, c, v: sheet.write_datetime(r, c, v, fmt["date"]),
        }[field.type]
        for i, value in enumerate(values, start=1):
            if value is not None:
                write(i, col, value)
        sheet.set_column(col, col, column_width(field.name, values))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(frame.height, 1), max(len(table.fields) - 1, 0))


def excel_string(value: str, table: str) -> str:
    """``value``, or, past Excel's cell limit, its start and a note that the CSV holds the whole value (the
    workbook is a reader's copy; curated/<table>.csv and .parquet are never cut)."""
    if len(value) <= EXCEL_MAX_STRING:
        return value
    note = f" … [cut at Excel's cell limit: {len(value)} characters in curated/{table}.csv]"
    return value[:EXCEL_MAX_STRING - len(note)] + note


def _string_writer(sheet, table: str, column: str):
    def write(row: int, col: int, value: str) -> None:
        sheet.write_string(row, col, excel_string(value, table))
    return write


def write_workbook(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], path: Path) -> Path:
    """Write the about sheet and one sheet per table (in registry order) to ``path``; return ``path``."""
    for table in tables:
        if len(table.name) > 31 or table.name == ABOUT_SHEET or set(table.name) & set("[]:*?/\\"):
            raise ValueError(f"table name {table.name!r} cannot be an Excel sheet name")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {
        "in_memory": True,
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
    _write_about(about, tables, frames, fmt)
    for table in tables:
        _write_table(sheets[table.name], table, frames[table.name], fmt)
    about.activate()
    book.close()
    return path
