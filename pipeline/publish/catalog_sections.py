"""The sections of the catalog page (``pipeline.publish.catalog``): validation status, review queue, findings,
charts, one section per table and the issue facts, with the small HTML pieces they share. Every value from the
data is escaped; the same inputs give the same bytes.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

import polars as pl

from pipeline.base.paths import REPORT_HTML_NAME, REPORT_JSON_NAME, WORKBOOK_NAME
from pipeline.publish import chart_data, charts
from pipeline.publish.html_table import cell_text, html_cell, html_table
from pipeline.schema.model import Table

PREVIEW_CHARS = 80
#: Rows of the findings and review-queue tables listed in their sections (all rows: the browser and the files).
SECTION_MAX_ROWS = 1_000


def frame_table(frame: pl.DataFrame, css_class: str, limit: int | None = PREVIEW_CHARS) -> str:
    """A frame as an HTML table (``pipeline.publish.html_table``); values shortened to ``limit`` characters
    (None: whole)."""
    rows = ([html_cell(value, name, limit) for name, value in zip(frame.columns, row)] for row in frame.iter_rows())
    return html_table(frame.columns, rows, css_class)


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
    return frame_table(frame, css_class, limit=None)


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
    return (head + intro + cut + '<div class="scroll">' + frame_table(shown, "findings", limit=None)
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
    return head + intro + cut + '<div class="scroll">' + frame_table(shown, "findings", limit=None) + "</div></section>"


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
        featured = chart_data.featured_indicators(frames)
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
            "region and year in <code>indicator_values</code>, as compared in <code>target_comparisons</code>.",
            "fig-targets"))
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


def issue_facts(frames: Mapping[str, pl.DataFrame]) -> str:
    issues = frames.get("issues")
    if issues is None or issues.height == 0:
        return ""
    lines = []
    for r in issues.iter_rows(named=True):
        lines.append(f"{escape(str(r.get('title_zh')))} {r.get('year')}年第{r.get('issue_number')}期"
                     f"(总第{r.get('cumulative_number')}期), {escape(str(r.get('publisher')))}, "
                     f"published 出版 {cell_text(r.get('published_date'))} · {escape(str(r.get('title_en')))}")
    return "<br>".join(lines)
