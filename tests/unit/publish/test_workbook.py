"""curated/gazette.xlsx: read back with an independent reader (openpyxl) and compared with the Parquet tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT
from pipeline.publish.workbook import (ABOUT_SHEET, WORKBOOK_MAX_ROWS, column_widths, display_width,
                                       write_workbook)
from pipeline.schema.registry import TABLES

CURATED = REPO_ROOT / "curated"
#: The checkout's release, which a build passes to the writers (``base.changelog.release_version``).
VERSION = release_version(REPO_ROOT)
PUBLISHED = tuple(t for t in TABLES if (CURATED / f"{t.name}.parquet").exists())


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    """The real issue's rows of the published package (tests/support/package.py)."""
    from tests.support.package import real_issue_frames

    return real_issue_frames()


@pytest.fixture(scope="module")
def workbook_path(frames, tmp_path_factory) -> Path:
    return write_workbook(PUBLISHED, frames, tmp_path_factory.mktemp("xlsx") / "gazette.xlsx", version=VERSION)


@pytest.fixture(scope="module")
def book(workbook_path):
    return openpyxl.load_workbook(workbook_path)


def test_sheets_are_the_about_sheet_then_every_table_in_registry_order(book):
    assert book.sheetnames == [ABOUT_SHEET, *(t.name for t in PUBLISHED)]
    assert {"issues", "indicator_values", "task_units"} <= set(book.sheetnames)


def test_about_sheet_lists_every_table_and_every_column_from_the_registry(book, frames):
    rows = [tuple(c for c in row) for row in book[ABOUT_SHEET].iter_rows(values_only=True)]
    assert rows[0][0].startswith("浙江省人民政府公报 数据包")
    assert any(r[0] == "浙江省人民政府公报 2016年第26期(总第1129期) published 出版 2016-09-21, 浙江省人民政府"
               for r in rows)
    tables = {r[0]: r for r in rows if r[0] in frames and isinstance(r[2], int)}
    for table in PUBLISHED:
        assert tables[table.name][1:5] == (table.title, frames[table.name].height, ", ".join(table.primary_key),
                                           table.description)
    columns = {(r[0], r[1]): r[2:5] for r in rows if r[0] in frames and isinstance(r[3], bool)}
    expected = {(t.name, f.name): (f.type, f.required, f.description) for t in PUBLISHED for f in t.fields}
    assert columns == expected
    assert columns[("indicator_values", "value")][0] == "number"
    assert columns[("documents", "signed_date")][0] == "date"
    assert book[ABOUT_SHEET].freeze_panes == "A2"


@pytest.mark.parametrize("table", PUBLISHED, ids=lambda t: t.name)
def test_every_sheet_equals_its_parquet_table(book, frames, table):
    sheet = book[table.name]
    frame = frames[table.name].select(table.column_names)
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == table.column_names
    assert len(rows) - 1 == frame.height
    for expected, cells in zip(frame.iter_rows(), rows[1:]):
        for field, value, cell in zip(table.fields, expected, cells):
            where = f"{table.name}.{field.name} {cell.coordinate}"
            if value is None:
                assert cell.value is None, where
            elif field.type == "string":
                assert cell.data_type == "s" and cell.value == value, where
            elif field.type == "integer":
                assert cell.data_type == "n" and type(cell.value) is int and cell.value == value, where
            elif field.type == "number":
                assert cell.data_type == "n" and float(cell.value) == value, where
            elif field.type == "boolean":
                assert cell.data_type == "b" and cell.value is value, where
            elif field.type == "date":
                assert cell.is_date and cell.number_format == "yyyy-mm-dd", where
                assert cell.value == dt.datetime(value.year, value.month, value.day), where
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")


def test_real_values_keep_their_types(book):
    issues = book["issues"]
    header = [c.value for c in issues[1]]
    published = issues.cell(2, header.index("published_date") + 1)
    assert published.value == dt.datetime(2016, 9, 21) and published.is_date
    assert issues.cell(2, header.index("website") + 1).hyperlink is None  # text, not a link

    values = book["indicator_values"]
    header = [c.value for c in values[1]]
    key = [header.index(c) for c in ("indicator_id", "region_code", "year")]
    found = {tuple(r[i] for i in key): r for r in values.iter_rows(min_row=2, values_only=True)}
    row = found[("rd_expenditure", "330100", 2020)]  # 杭州 R&D spending 2020: 511 亿元
    assert row[header.index("value")] == 511 and row[header.index("value_text")] == "511"
    assert found[("high_tech_industry_investment", "330000", 2016)][header.index("value")] == 2486.8

    regions = {r[0]: r for r in book["regions"].iter_rows(min_row=2, values_only=True)}
    assert regions["330100"][1:4] == ("杭州市", "杭州", "Hangzhou")  # the code stays text, Chinese intact

    task_units = [r for r in book["task_units"].iter_rows(min_row=2, values_only=True)]
    assert ("zjzfgb-2016-26", "zjzf-2016-24-t02-01", "lead", 1, "zj-dept-science-technology", "省科技厅", False, 60) in task_units


def test_column_widths_count_cjk_characters_double(book):
    assert display_width("浙江省科学技术厅") == 16 and display_width("Hangzhou") == 8
    assert column_widths(pl.DataFrame({"name_zh": ["杭州市", "浙江省"]})) == [9]  # header 7 wins over 6, + 2
    # (UTF-8 bytes + characters) // 2 per line: exact for ASCII and CJK; the widest line of a value counts
    assert column_widths(pl.DataFrame({"c": ["Hangzhou 杭州市 x" * 2 + "\nshort"]})) == [2 + 2 * 17]
    assert column_widths(pl.DataFrame({"d": [dt.date(2016, 9, 21)], "n": [2486.8], "b": [True],
                                       "i": pl.Series([None], dtype=pl.Int64)})) == [12, 8, 6, 6]
    assert column_widths(pl.DataFrame({"t": ["长" * 40]})) == [60]  # capped
    units = book["units"]
    header = [c.value for c in units[1]]
    letter = openpyxl.utils.get_column_letter(header.index("name_zh") + 1)
    longest = max(len(r[1]) for r in units.iter_rows(min_row=2, values_only=True))
    assert longest == 24  # 省推进杭州城西科创大走廊建设联席会议其他成员单位
    assert int(units.column_dimensions[letter].width) == 50  # xlsxwriter stores 50 + its 0.71 padding
    tasks = book["tasks"]
    text_letter = openpyxl.utils.get_column_letter([c.value for c in tasks[1]].index("text") + 1)
    assert int(tasks.column_dimensions[text_letter].width) == 60  # capped


@pytest.mark.integration
def test_workbook_bytes_are_reproducible(frames, workbook_path, tmp_path):
    again = write_workbook(PUBLISHED, frames, tmp_path / "again.xlsx", version=VERSION)
    assert again.read_bytes() == workbook_path.read_bytes()
    # a fresh interpreter with another hash seed writes the same bytes too
    script = ("import sys, polars as pl; from pathlib import Path; from pipeline.schema.registry import TABLES; "
              "from pipeline.publish.workbook import write_workbook; "
              "ts = [t for t in TABLES if (Path(sys.argv[1]) / f'{t.name}.parquet').exists()]; "
              "write_workbook(ts, {t.name: pl.read_parquet(Path(sys.argv[1]) / f'{t.name}.parquet') for t in ts}, "
              "Path(sys.argv[2]), version=sys.argv[3])")
    other = tmp_path / "other.xlsx"
    subprocess.run([sys.executable, "-c", script, str(CURATED), str(other), VERSION], check=True, cwd=REPO_ROOT,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert hashlib.sha256(other.read_bytes()).hexdigest() == hashlib.sha256(workbook_path.read_bytes()).hexdigest()


def test_the_real_package_is_complete_in_the_workbook(book, frames):
    """The one-issue package is far below the row limit: every sheet holds every row and the about sheet says so."""
    assert max(f.height for f in frames.values()) < WORKBOOK_MAX_ROWS == 10_000
    rows = list(book[ABOUT_SHEET].iter_rows(values_only=True))
    assert rows[2][0].startswith("A sheet holds at most 10,000 rows")  # the third line, before the issues
    assert rows[2][0].endswith("Every table is complete in this workbook 本工作簿包含全部行.")
    assert {r[0]: r[5] for r in rows if r[0] in frames and isinstance(r[2], int)} == {t: "all rows" for t in frames}
    assert all(not book[t.name]._comments for t in PUBLISHED)


def test_a_table_above_the_row_limit_shows_its_first_rows_and_says_so(frames, tmp_path):
    """Past ``max_rows`` a sheet holds the table's first rows in published order; the about sheet (a line near
    the top and the table's entry) and a visible note on the sheet's header cell name the table, its row count
    and the files that hold every row."""
    path = write_workbook(PUBLISHED, frames, tmp_path / "cut.xlsx", max_rows=100, version=VERSION)
    book = openpyxl.load_workbook(path)
    values = frames["indicator_values"]
    assert values.height == 540
    sheet = book["indicator_values"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 100
    expected = values.select([f.name for f in PUBLISHED[[t.name for t in PUBLISHED].index("indicator_values")].fields])
    assert rows == [tuple(r) for r in expected.head(100).iter_rows()]
    note = ("first 100 of 540 rows (this workbook's limit is 100 rows a sheet); every row is in "
            "curated/indicator_values.csv and curated/indicator_values.parquet")
    assert sheet["A1"].comment.text == f"indicator_values: {note}."
    about = list(book[ABOUT_SHEET].iter_rows(values_only=True))
    entries = {r[0]: r for r in about if r[0] in frames and isinstance(r[2], int)}
    assert entries["indicator_values"][2] == 540 and entries["indicator_values"][5] == note
    assert entries["regions"][5] == "all rows" and book["regions"]["A1"].comment is None
    cut = sorted(t for t, f in frames.items() if f.height > 100)
    assert "indicator_values" in cut and "regions" not in cut
    line = about[2][0]
    assert line.startswith("A sheet holds at most 100 rows; a larger table shows its first 100 rows")
    assert "Not every row is in this workbook" in line and "indicator_values (first 100 of 540 rows)" in line
    assert all(f"{t} (first 100 of {frames[t].height:,} rows)" in line for t in cut)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J101"


def test_no_build_time_inside_the_file(workbook_path):
    with zipfile.ZipFile(workbook_path) as z:
        # constant_memory mode writes through files, which xlsxwriter dates 1980-01-31 (1980-01-01 in memory)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 31, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2016-09-21T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2016-09-21T00:00:00Z</dcterms:modified>' in core


def test_a_table_name_that_cannot_be_a_sheet_is_refused(frames, tmp_path):
    from dataclasses import replace

    bad = replace(PUBLISHED[0], name="about")
    with pytest.raises(ValueError, match="cannot be an Excel sheet name"):
        write_workbook([bad], {"about": frames[PUBLISHED[0].name]}, tmp_path / "x.xlsx", version=VERSION)


HOSTILE_TEXTS = ['=HYPERLINK("http://example.com","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1+1",
                 "http://example.com", "0123", "1e5"]


def test_text_starting_like_a_formula_stays_a_string_cell(frames, tmp_path):
    """Task text beginning with = + - @ (or looking like a URL or a number) is a string cell, never a formula."""
    tasks = frames["tasks"]
    hostile = tasks.head(len(HOSTILE_TEXTS)).with_columns(pl.Series("text", HOSTILE_TEXTS))
    patched = {**frames, "tasks": pl.concat([hostile, tasks.slice(len(HOSTILE_TEXTS))])}
    path = write_workbook(PUBLISHED, patched, tmp_path / "hostile.xlsx", version=VERSION)
    sheet = openpyxl.load_workbook(path)["tasks"]
    column = [c.value for c in sheet[1]].index("text") + 1
    cells = [sheet.cell(row=i, column=column) for i in range(2, 2 + len(HOSTILE_TEXTS))]
    assert [c.value for c in cells] == HOSTILE_TEXTS
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE_TEXTS)  # "f" would be a formula
    assert all(c.hyperlink is None for c in cells)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in xml for xml in sheets)  # no formula element anywhere in the workbook


def test_the_formula_check_fails_when_strings_become_formulas(tmp_path):
    """The check above is real: with xlsxwriter's strings_to_formulas on and plain write(), = becomes a formula."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "unsafe.xlsx"), {"strings_to_formulas": True})
    book.add_worksheet("t").write(0, 0, HOSTILE_TEXTS[4])
    book.close()
    assert openpyxl.load_workbook(tmp_path / "unsafe.xlsx")["t"]["A1"].data_type == "f"


def test_a_value_past_excels_cell_limit_is_cut_with_a_note():
    from pipeline.publish.workbook import EXCEL_MAX_STRING, excel_string

    assert excel_string("短", "tasks") == "短"
    long = "t" * 40000
    cut = excel_string(long, "unit_collaborations")
    assert len(cut) == EXCEL_MAX_STRING
    assert cut.endswith(" … [cut at Excel's cell limit: 40000 characters in curated/unit_collaborations.csv]")
    assert cut.startswith("t" * 1000)
