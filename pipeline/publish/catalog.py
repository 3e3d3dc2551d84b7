"""The catalog page ``curated/index.html``: what the package holds, seen rather than read.

One static, self-contained HTML file that works offline from the file system: inline CSS, charts as inline
SVG drawn at build time (``pipeline.publish.charts``), no external font, image or stylesheet, and a
Content-Security-Policy that forbids the browser to fetch anything and allows one inline script (by its
sha256): the data browser of ``pipeline.publish.browser`` (every row of every table, search, filters, raw
source lines and linked rows). It lists every table of the registry with its description, row count, columns
(name, type, description) and relative download links (CSV, Parquet), the validation status
(``curated/validation_report.json``) and the source findings (``findings`` table), each degrading to a note
when absent. The findings and review-queue sections list at most ``SECTION_MAX_ROWS`` (1,000) rows, in
published order; past that they say how many rows there are, that only the first 1,000 are listed, and where
every row is (the data browser on the same page and ``curated/<table>.csv`` / ``.parquet``). Every value from
the data is escaped (HTML) or embedded as script-safe JSON and drawn with
``textContent``. ``render_catalog`` is pure; the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import polars as pl

from pipeline.base.paths import CATALOG_NAME, REPORT_JSON_NAME, WORKBOOK_NAME
from pipeline.publish import browser
from pipeline.publish.catalog_sections import (issue_facts, charts_section, findings_section, review_section,
                                              table_section, validation_section)
from pipeline.publish.catalog_style import CSS, csp
from pipeline.publish.datapackage import PACKAGE_NAME, RIGHTS
from pipeline.schema.frames import with_working_types
from pipeline.schema.lazy_frames import height
from pipeline.schema.model import Table

def render_catalog(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                   report: Mapping[str, Any] | None, sources: Mapping[str, str] | None = None,
                   embed_max_rows: int = browser.EMBED_MAX_ROWS, *, version: str) -> str:
    """The whole catalog page of release ``version`` as a string (pure: no file access, no clock).

    ``sources`` maps ``issues.source_path`` to the raw text shown for a row's lines (none: lines not shown);
    tables above ``embed_max_rows`` rows are referenced, not embedded (see ``catalog_files``)."""
    return catalog_files(tables, frames, report, sources, embed_max_rows, version=version)[CATALOG_NAME]


def catalog_files(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                  report: Mapping[str, Any] | None, sources: Mapping[str, str] | None = None,
                  embed_max_rows: int = browser.EMBED_MAX_ROWS, *, version: str) -> dict[str, str]:
    """{relative path: text}: the page, plus browser/<table>.js for each table too big to embed; frames as the
    build holds them or as read from the published Parquet files (exact decimals read as floats)."""
    frames = with_working_types(tables, frames)
    data, external = browser.payload(tables, frames, sources, embed_max_rows)
    return {CATALOG_NAME: page_text(tables, frames, report, data, version), **external}


def page_text(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], report: Mapping[str, Any] | None,
              data: Mapping[str, Any], version: str) -> str:
    """The page, from the browser's data (``browser.page_data``), naming the release ``version``."""
    return "".join(page_parts(tables, frames, report, data, version))


def page_parts(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], report: Mapping[str, Any] | None,
               data: Mapping[str, Any], version: str) -> Iterator[str]:
    """``page_text`` in pieces, the browser's data block piece by piece (``browser.section_parts``): a page of
    many issues is written without ever being one string."""
    yield "\n".join(_page_head(tables, frames, data, version)) + "\n"
    yield from browser.section_parts(data)
    yield "\n".join([
        "",
        validation_section(report),
        charts_section(frames),
        '<section id="tables"><h2>表与字段 <span class="en">Tables and columns</span></h2>',
        "\n".join(table_section(t, frames[t.name]) for t in tables),
        "</section>",
        review_section(frames),
        findings_section(frames, report),
        "</main>",
        f'<footer lang="en"><p>{escape(RIGHTS)}</p><p>Generated from the tables of this folder by the package '
        "build; every number on this page comes from them.</p></footer>",
        "</body>",
        "</html>",
        "",
    ])


def _page_head(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], data: Mapping[str, Any],
               version: str) -> list[str]:
    """The page's lines up to the browser: head, header with the package's facts, the list of tables."""
    external = [t["external"] for t in data["tables"] if "external" in t]
    nav = "\n".join(f'<li><a href="#table-{escape(t.name)}">{escape(t.title)}</a> '
                    f"<code>{escape(t.name)}</code> ({height(frames, t.name):,})</li>" for t in tables)
    total_rows = sum(height(frames, t.name) for t in tables)
    return [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp(bool(external))}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>浙江省人民政府公报 数据包 · Zhejiang Gazette data package</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        '<h1>浙江省人民政府公报 数据包 <span class="en" lang="en">Zhejiang Provincial People\'s Government '
        "Gazette — data package</span></h1>",
        f'<p class="facts">{issue_facts(frames)}</p>',
        f'<p class="facts" lang="en"><code>{PACKAGE_NAME}</code> {escape(version)} · {len(tables)} tables, '
        f"{total_rows:,} rows in all</p>",
        '<p class="downloads">下载 Download: <a href="../datapackage.json">datapackage.json</a>'
        f'<a href="{WORKBOOK_NAME}">{WORKBOOK_NAME} (Excel, all tables)</a>'
        '<a href="gazette_views.sql">gazette_views.sql (DuckDB views)</a></p>',
        "</header>",
        "<main>",
        '<section id="contents"><h2>数据表 <span class="en">Tables</span></h2>',
        f'<nav aria-label="tables"><ul>\n{nav}\n</ul></nav>',
        '<p><a href="#browse">浏览每一行 Browse every row</a> · <a href="#validation">校验 Validation</a> · '
        '<a href="#charts">图表 Charts</a> · <a href="#review">待审核 Review queue</a> · '
        '<a href="#findings">不一致 Findings</a></p></section>',
    ]


def read_report(folder: Path) -> dict | None:
    """``validation_report.json`` in ``folder``, or None when there is none."""
    path = Path(folder) / REPORT_JSON_NAME
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_catalog(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], folder: Path,
                  report: Mapping[str, Any] | None = None, source_root: Path | None = None,
                  embed_max_rows: int = browser.EMBED_MAX_ROWS, *, version: str) -> Path:
    """Write ``index.html`` (and any ``browser/<table>.js``) into ``folder`` (the curated folder).

    The report defaults to the one found there; ``source_root`` is the folder ``issues.source_path`` is relative
    to (the repository root): each raw file whose sha256 matches ``issues.source_sha256`` is embedded so a row
    shows its lines. Stale ``browser/*.js`` files of an earlier build are removed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    frames = with_working_types(tables, frames)
    if report is None:
        report = read_report(folder)
    sources = browser.read_sources(frames.get("issues"), source_root) if source_root is not None else None
    # The files of ``catalog_files``, but each lazily loaded table is written piece by piece, so that no whole
    # browser/<table>.js is ever held in memory.
    lazy = browser.external_tables(tables, frames, embed_max_rows)
    stale_folder = folder / browser.EXTERNAL_FOLDER
    if stale_folder.is_dir():
        for stale in stale_folder.glob("*.js"):
            if f"{browser.EXTERNAL_FOLDER}/{stale.name}" not in {path for path, _ in lazy}:
                stale.unlink()
    for name, table in lazy:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            for part in browser.external_script_parts(table, frames[table.name]):
                handle.write(part.encode("utf-8"))
    data = browser.page_data(tables, frames, sources, embed_max_rows)
    with (folder / CATALOG_NAME).open("wb") as handle:
        for part in page_parts(tables, frames, report, data, version):
            handle.write(part.encode("utf-8"))
    return folder / CATALOG_NAME
