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
from typing import Any, Mapping, Sequence

import polars as pl

from pipeline.base.paths import CATALOG_NAME, REPORT_HTML_NAME, REPORT_JSON_NAME, WORKBOOK_NAME
from pipeline.publish import browser, charts
from pipeline.publish.datapackage import PACKAGE_NAME, PACKAGE_VERSION, RIGHTS
from pipeline.schema.model import Table

PREVIEW_CHARS = 80
#: Rows of the findings and review-queue tables listed in their sections (all rows: the browser and the files).
SECTION_MAX_ROWS = 1_000

FONT_STACK = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC", '
              '"Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", sans-serif')


def csp(lazy: bool = False) -> str:
    """The page's Content-Security-Policy: nothing fetched, only the browser script runs (and, when some tables
    are loaded lazily, scripts from this folder)."""
    scripts = browser.script_hash() + (" 'self' file:" if lazy else "")
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --line: #d9dee4; --accent: #1f5fa8; --ok: #2e7d32; --bad: #c23b22; }
* { box-sizing: border-box; }
body { margin: 0; font-family: FONTS; color: var(--ink); background: #fff; line-height: 1.5; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
main > section { min-width: 0; }
header { padding-top: 24px; border-bottom: 3px solid var(--accent); }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h1 .en, h2 .en, h3 .en { display: block; font-size: 0.8em; font-weight: normal; color: var(--muted); }
h2 { margin-top: 40px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 28px 0 6px; }
.facts, .note { color: var(--muted); }
nav ul { columns: 3; padding-left: 18px; }
a { color: var(--accent); }
.downloads a { margin-right: 14px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f9; }
table.report-summary { width: auto; min-width: 40%; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
figure.chart, figure.chart-omitted { margin: 24px 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg text { font-family: FONTS !important; }
figcaption { color: var(--muted); font-size: 0.9rem; }
.status { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: bold; }
.status.ok { background: var(--ok); } .status.bad { background: var(--bad); } .status.unknown { background: var(--muted); }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--accent); }
.scroll { overflow-x: auto; max-width: 100%; }
table.findings { font-size: 0.85rem; }
table.findings td.c-message { min-width: 26em; }
table.findings td.c-finding_id, table.findings td.c-indicator_id { overflow-wrap: anywhere; min-width: 9em; }
table.findings td.num { white-space: nowrap; }
table.columns td:first-child { white-space: nowrap; }
.browser { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fbfcfe; }
.b-controls, .b-pager { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 4px 0 8px; }
.b-count { color: var(--muted); }
.b-scroll { overflow-x: auto; max-width: 100%; max-height: 70vh; overflow-y: auto; background: #fff; }
table.b-grid { width: auto; min-width: 100%; margin: 0; font-size: 0.85rem; }
table.b-grid td { max-width: 22em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.b-grid thead th { position: sticky; top: 0; z-index: 1; white-space: nowrap; }
table.b-grid tr.b-filters th { top: 1.9em; background: #f6f8fb; font-weight: normal; }
table.b-grid tr.b-filters input, table.b-grid tr.b-filters select { width: 100%; min-width: 6em; max-width: 16em; font-size: 0.8rem; }
table.b-grid tr.b-filters th.b-range input { width: 5.5em; min-width: 5.5em; display: block; }
table.b-grid tbody tr { cursor: pointer; }
table.b-grid tbody tr:hover, table.b-grid tbody tr:focus { background: #eef3f9; }
table.b-grid tbody tr.selected { background: #dce8f6; }
td.null { background: #fafafa; }
table.b-kv td.null::after { content: "null"; color: #8a949e; font-style: italic; }
.b-detail { margin-top: 12px; border-top: 2px solid var(--accent); padding-top: 4px; }
.b-detail h3 { margin-top: 8px; overflow-wrap: anywhere; }
table.b-kv th { width: 12em; white-space: nowrap; }
table.b-kv td { white-space: pre-wrap; overflow-wrap: anywhere; }
pre.b-lines { background: #f6f8fa; border: 1px solid var(--line); padding: 6px 8px; white-space: pre-wrap;
  overflow-wrap: anywhere; font-size: 0.85rem; max-height: 24em; overflow-y: auto; }
.b-line { display: block; } .b-ln { display: inline-block; min-width: 3.5em; color: var(--muted); user-select: none; }
.b-linked ul { margin: 2px 0 8px; padding-left: 20px; } .b-linked h5 { margin: 8px 0 2px; font-size: 0.9rem; }
footer { margin-top: 48px; padding-bottom: 32px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
""".replace("FONTS", FONT_STACK)


# ---------------------------------------------------------------------------------------------- pieces

def _cell(value: Any, limit: int | None = PREVIEW_CHARS) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def html_table(frame: pl.DataFrame, css_class: str, limit: int | None = PREVIEW_CHARS) -> str:
    """A frame as an HTML table; numbers right-aligned, values shortened to ``limit`` characters (None: whole).

    Each cell has the class ``c-<column>`` so that CSS can size a column (a message wider than an id)."""
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    names = [escape(c, quote=True) for c in frame.columns]
    body = []
    for row in frame.iter_rows():
        cells = []
        for name, value in zip(names, row):
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            cls = f' class="num c-{name}"' if numeric else f' class="c-{name}"'
            cells.append(f"<td{cls}>{escape(_cell(value, limit))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{css_class}"><thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(body)
            + "\n</tbody></table>")


def listed_rows(frame: pl.DataFrame, table: str, what: str, in_browser: bool = True,
                max_rows: int = SECTION_MAX_ROWS) -> tuple[pl.DataFrame, str]:
    """(the rows a section lists, a note saying what is left out and where it is; '' when nothing is)."""
    if frame.height <= max_rows:
        return frame, ""
    where = ((f'browse every row in the <a href="#browse" data-browse="{table}">data browser</a> (table '
              f"<code>{table}</code>) or download ") if in_browser else "every row is in ")
    note = (f'<p class="note cut">Only the first {max_rows:,} of {frame.height:,} {what} are listed here (this '
            f"page lists at most {max_rows:,}); {where}<a href=\"{table}.csv\">{table}.csv</a> / "
            f'<a href="{table}.parquet">{table}.parquet</a>. 此处仅列出前 {max_rows:,} 项,共 {frame.height:,} 项。</p>')
    return frame.head(max_rows), note


def report_status(report: Mapping[str, Any] | None) -> tuple[str, str]:
    """(css class, label) of the validation status: ok / bad / unknown.

    Reads ``summary.passed`` (the format of pipeline.publish.report) or a top-level passed / valid / success /
    status, so an older or foreign report still shows what it says.
    """
    if report is None:
        return "unknown", "no validation report 无校验报告"
    summary = report.get("summary")
    candidates = [summary] if isinstance(summary, Mapping) else []
    for source in [*candidates, report]:
        for key in ("passed", "valid", "success", "ok"):
            if isinstance(source.get(key), bool):
                return ("ok", "passed 校验通过") if source[key] else ("bad", "failed 校验未通过")
    status = report.get("status")
    if isinstance(status, str):
        good = status.lower() in {"valid", "pass", "passed", "ok", "success"}
        return ("ok" if good else "bad"), status
    return "unknown", "status not stated 未说明"


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _text(value: Any) -> str | None:
    """A report value as table text: scalars as written, a mapping as 'k: v, …', a list as its length."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return str(len(value))
    return str(value)


def _facts_table(facts: Mapping[str, Any], css_class: str) -> str:
    rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(_text(v) or '')}</td></tr>" for k, v in facts.items())
    return f'<table class="{css_class}"><tbody>{rows}</tbody></table>'


def _records_table(records: Sequence[Mapping[str, Any]], columns: Sequence[str], css_class: str) -> str:
    frame = pl.from_dicts([{c: _text(r.get(c)) for c in columns} for r in records],
                          schema={c: pl.String for c in columns})
    return html_table(frame, css_class, limit=None)


def validation_section(report: Mapping[str, Any] | None) -> str:
    """Status badge, summary, checks and suites of ``validation_report.json``; a note when there is none."""
    cls, label = report_status(report)
    parts = ['<section id="validation"><h2>校验状态 <span class="en">Validation status</span></h2>',
             f'<p><span class="status {cls}">{escape(label)}</span></p>']
    if report is None:
        parts.append(f'<p class="note">No <code>{REPORT_JSON_NAME}</code> was found next to the tables; the package '
                     "has not been validated in this folder. 本目录中没有校验报告。</p></section>")
        return "\n".join(parts)
    parts.append(f'<p class="downloads">完整报告 Full report: <a href="{REPORT_JSON_NAME}">{REPORT_JSON_NAME}</a>'
                 f'<a href="{REPORT_HTML_NAME}">{REPORT_HTML_NAME}</a></p>')
    summary = report.get("summary")
    if isinstance(summary, Mapping):
        parts.append(_facts_table(summary, "report-summary"))
    else:
        parts.append(_facts_table({k: v for k, v in report.items() if _scalar(v)}, "report-summary"))
    checks = report.get("checks")
    if isinstance(checks, list) and checks and all(isinstance(c, Mapping) for c in checks):
        parts.append("<h3>跨表检查 <span class=\"en\">Cross-table and package checks</span></h3>")
        parts.append(_records_table(checks, ["name", "passed", "description", "messages"], "report-checks"))
    suites = report.get("suites")
    if isinstance(suites, list) and suites and all(isinstance(x, Mapping) for x in suites):
        passed = sum(1 for x in suites if x.get("passed") is True)
        parts.append(f"<details><summary>各表期望 Expectation suites, one per table: {passed} of {len(suites)} "
                     "passed</summary>")
        parts.append(_records_table(suites, ["table", "passed", "expectations", "failures"], "report-suites"))
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def review_section(frames: Mapping[str, pl.DataFrame]) -> str:
    """The review queue: what the build could not resolve with the reference files, for a curator."""
    head = '<section id="review"><h2>待审核 <span class="en">Review queue</span></h2>'
    queue = frames.get("review_items")
    if queue is None or queue.height == 0:
        return head + ('<p class="note">The review queue is empty: the reference files resolve everything in '
                       "raw/gazette. 待审核队列为空。</p></section>")
    shown, cut = listed_rows(queue.select("issue_id", "kind", "text", "line", "occurrences", "suggested_action"),
                             "review_items", "items")
    intro = (f"<p>{queue.height} item(s) the build could not resolve, published as well as it could be (see "
             '<a href="#table-review_items"><code>review_items</code></a>); a curator resolves each in '
             "raw/reference. 共 {queue.height} 项。</p>").replace("{queue.height}", str(queue.height))
    return (head + intro + cut + '<div class="scroll">' + html_table(shown, "findings", limit=None)
            + "</div></section>")


def findings_section(frames: Mapping[str, pl.DataFrame], report: Mapping[str, Any] | None) -> str:
    """The findings table (or the report's copy of it when the frames lack it); a note when neither has it."""
    head = ('<section id="findings"><h2>来源中的不一致 <span class="en">Findings: inconsistencies in the '
            "source</span></h2>")
    findings = frames.get("findings")
    if findings is None and report is not None and isinstance(report.get("findings"), Mapping):
        found = report["findings"]
        columns = list(found.get("columns") or [])
        rows = list(found.get("rows") or [])
        if columns:
            findings = pl.from_dicts([{c: _text(r.get(c)) for c in columns} for r in rows],
                                     schema={c: pl.String for c in columns})
    if findings is None:
        return head + ('<p class="note">This package has no findings table. '
                       "本数据包没有 findings 表。</p></section>")
    if findings.height == 0:
        return head + '<p class="note">No inconsistencies were found. 未发现不一致。</p></section>'
    table = ('<a href="#table-findings"><code>findings</code></a>' if "findings" in frames
             else f'<a href="{REPORT_JSON_NAME}"><code>{REPORT_JSON_NAME}</code></a>')
    total = findings.height
    if "findings" not in frames and isinstance(report["findings"].get("total"), int):
        total = report["findings"]["total"]  # the report may list only the first of its findings
    shown, cut = listed_rows(findings, "findings", "findings", in_browser="findings" in frames)
    if not cut and total > findings.height:
        cut = (f'<p class="note cut">Only the first {findings.height:,} of {total:,} findings are listed here (as '
               f"in {REPORT_JSON_NAME}); every finding is in <a href=\"findings.csv\">findings.csv</a> / "
               '<a href="findings.parquet">findings.parquet</a>.</p>')
    intro = (f"<p>{total} places where the printed numbers contradict each other beyond rounding "
             f"(from {table}); each is a fact about the source, "
             f"not an error of the package. 共 {total} 处。</p>")
    return head + intro + cut + '<div class="scroll">' + html_table(shown, "findings", limit=None) + "</div></section>"


def chart_figure(svg: str, caption: str, chart_id: str) -> str:
    return f'<figure class="chart" id="{chart_id}">\n{svg}<figcaption>{caption}</figcaption>\n</figure>'


def omitted(chart_id: str, note: str) -> str:
    return f'<figure class="chart-omitted" id="{chart_id}"><p class="note">{escape(note)}</p></figure>'


def charts_section(frames: Mapping[str, pl.DataFrame]) -> str:
    parts = ['<section id="charts"><h2>图表 <span class="en">Charts</span></h2>']
    city_chart = charts.indicators_by_city_chart(frames)
    if city_chart is None:
        parts.append(omitted("fig-city-indicators", "各市指标图未生成。City indicator chart omitted: the package has "
                                                    "fewer than two indicators with city values."))
    else:
        featured = charts.featured_indicators(frames)
        parts.append(chart_figure(
            city_chart,
            "各市预期指标。Planned values for the cities (<code>indicator_values</code>, indicators "
            f"<code>{escape(featured[0])}</code> and <code>{escape(featured[1])}</code>); the province total is in "
            "each panel's title.", "fig-city-indicators"))
    svg, note = charts.targets_chart(frames)
    if svg is None:
        parts.append(omitted("fig-targets", "正文目标与附表对照图未生成。Chart of prose targets against the tables "
                                            f"omitted: {note}"))
    else:
        parts.append(chart_figure(
            svg, "正文中的目标与附件1同一指标、地区、年份的数值之差。Each prose target (<code>targets</code> with "
            "an <code>indicator_id</code>), converted to the table's unit, against the value of the same indicator, "
            "region and year in <code>indicator_values</code>.", "fig-targets"))
    if frames["task_units"].height == 0:
        parts.append(omitted("fig-lead-units", "牵头单位图未生成。Lead units chart omitted: no task names a unit."))
        parts.append("</section>")
        return "\n".join(parts)
    parts.append(chart_figure(
        charts.lead_units_chart(frames),
        "按牵头任务数排序;数字为牵头/参与任务数。Units by the number of tasks they lead "
        "(<code>task_units</code>, role = lead), with the tasks they join as participants; labels show "
        "lead / participant counts.", "fig-lead-units"))
    source = ("<code>unit_collaborations</code>" if "unit_collaborations" in frames
              else "co-assignment in <code>task_units</code>")
    parts.append(chart_figure(
        charts.collaboration_network_chart(frames),
        f"同一任务中共同出现的单位相连。Units joined when named on the same task (from {source}).",
        "fig-collaboration"))
    parts.append("</section>")
    return "\n".join(parts)


def table_section(table: Table, frame: pl.DataFrame) -> str:
    columns = pl.DataFrame({
        "column": [f.name for f in table.fields],
        "type": [f.type for f in table.fields],
        "required": ["yes" if f.required else "" for f in table.fields],
        "description": [f.description for f in table.fields],
    })
    column_rows = "\n".join(
        f"<tr><td><code>{escape(r['column'])}</code></td><td>{escape(r['type'])}</td>"
        f"<td>{r['required']}</td><td>{escape(r['description'])}</td></tr>" for r in columns.iter_rows(named=True))
    return (f'<section class="table-entry" id="table-{escape(table.name)}" data-table="{escape(table.name)}">\n'
            f"<h3>{escape(table.title)} <span class=\"en\"><code>{escape(table.name)}</code></span></h3>\n"
            f"<p>{escape(table.description)}</p>\n"
            f'<p class="facts"><span class="rows" data-rows="{frame.height}">{frame.height:,} rows 行</span> · '
            f"{len(table.fields)} columns 列 · primary key 主键 <code>{escape(', '.join(table.primary_key))}</code></p>\n"
            f'<p class="downloads">下载 Download: <a href="{escape(table.name)}.csv">{escape(table.name)}.csv</a>'
            f'<a href="{escape(table.name)}.parquet">{escape(table.name)}.parquet</a>'
            f'<a href="{WORKBOOK_NAME}">sheet “{escape(table.name)}” in {WORKBOOK_NAME}</a>'
            f'<a href="#browse" data-browse="{escape(table.name)}">browse its rows 浏览</a></p>\n'
            '<div class="scroll"><table class="columns"><thead><tr><th>column 字段</th><th>type 类型</th><th>required 必填</th>'
            f"<th>description 说明</th></tr></thead>\n<tbody>\n{column_rows}\n</tbody></table></div>\n</section>")


def _issue_facts(frames: Mapping[str, pl.DataFrame]) -> str:
    issues = frames.get("issues")
    if issues is None or issues.height == 0:
        return ""
    lines = []
    for r in issues.iter_rows(named=True):
        lines.append(f"{escape(str(r.get('title_zh')))} {r.get('year')}年第{r.get('issue_number')}期"
                     f"(总第{r.get('cumulative_number')}期), {escape(str(r.get('publisher')))}, "
                     f"published 出版 {_cell(r.get('published_date'))} · {escape(str(r.get('title_en')))}")
    return "<br>".join(lines)


# ---------------------------------------------------------------------------------------------- page

def render_catalog(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                   report: Mapping[str, Any] | None, sources: Mapping[str, str] | None = None,
                   embed_max_rows: int = browser.EMBED_MAX_ROWS) -> str:
    """The whole catalog page as a string (pure: no file access, no clock).

    ``sources`` maps ``issues.source_path`` to the raw text shown for a row's lines (none: lines not shown);
    tables above ``embed_max_rows`` rows are referenced, not embedded (see ``catalog_files``)."""
    return catalog_files(tables, frames, report, sources, embed_max_rows)[CATALOG_NAME]


def catalog_files(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                  report: Mapping[str, Any] | None, sources: Mapping[str, str] | None = None,
                  embed_max_rows: int = browser.EMBED_MAX_ROWS) -> dict[str, str]:
    """{relative path: text}: the page, plus browser/<table>.js for each table too big to embed."""
    data, external = browser.payload(tables, frames, sources, embed_max_rows)
    return {CATALOG_NAME: page_text(tables, frames, report, data), **external}


def page_text(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], report: Mapping[str, Any] | None,
              data: Mapping[str, Any]) -> str:
    """The page, from the browser's data (``browser.page_data``)."""
    external = [t["external"] for t in data["tables"] if "external" in t]
    nav = "\n".join(f'<li><a href="#table-{escape(t.name)}">{escape(t.title)}</a> '
                    f"<code>{escape(t.name)}</code> ({frames[t.name].height:,})</li>" for t in tables)
    total_rows = sum(frames[t.name].height for t in tables)
    body = [
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
        f'<p class="facts">{_issue_facts(frames)}</p>',
        f'<p class="facts" lang="en"><code>{PACKAGE_NAME}</code> {PACKAGE_VERSION} · {len(tables)} tables, '
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
        browser.section(data),
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
    ]
    return "\n".join(body)


def read_report(folder: Path) -> dict | None:
    """``validation_report.json`` in ``folder``, or None when there is none."""
    path = Path(folder) / REPORT_JSON_NAME
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_catalog(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], folder: Path,
                  report: Mapping[str, Any] | None = None, source_root: Path | None = None,
                  embed_max_rows: int = browser.EMBED_MAX_ROWS) -> Path:
    """Write ``index.html`` (and any ``browser/<table>.js``) into ``folder`` (the curated folder).

    The report defaults to the one found there; ``source_root`` is the folder ``issues.source_path`` is relative
    to (the repository root): each raw file whose sha256 matches ``issues.source_sha256`` is embedded so a row
    shows its lines. Stale ``browser/*.js`` files of an earlier build are removed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
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
    (folder / CATALOG_NAME).write_bytes(page_text(tables, frames, report, data).encode("utf-8"))
    return folder / CATALOG_NAME
