"""The shipped validation report: curated/validation_report.json (for machines) and .html (for people).

Pure functions from three inputs to text:

- the Great Expectations outcome of every table's suite (``SuiteOutcome`` from ``pipeline.checks.gx_runner``),
  optionally with the raw suites (expectations/<table>.json) to show each expectation's arguments and source;
- the cross-table and package checks (``CheckResult``: name, passed, messages, whether a failure blocks);
- the ``findings`` frame (inconsistencies of the source itself; informative, they do not fail the build).

Both files list at most ``REPORT_MAX_ROWS`` (1,000) rows of the findings and of the review queue, in
published order: the counts and ``total`` are over every row, ``rows_listed`` says how many ``rows`` holds and
``all_rows_in`` names the files with every row (curated/findings.csv and .parquet, curated/review_items.*);
the HTML says it in words when rows are left out (format 2; format 1 listed every row).

Output is byte-reproducible: no timestamps, no absolute paths (``relative_to`` strips a root prefix from
messages), suites and checks sorted by name, expectations in suite order, findings in published order.
The HTML is self-contained: inline CSS, no script, no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import polars as pl

from pipeline.base.paths import REPORT_HTML_NAME, REPORT_JSON_NAME
from pipeline.checks.gx_runner import SuiteOutcome
from pipeline.publish.html_table import html_cell, html_table
from pipeline.schema.tables_findings import CHECKS as FINDING_CHECKS
from pipeline.schema.tables_findings import FINDINGS
from pipeline.schema.tables_review import REVIEW_ITEMS, REVIEW_KINDS

REPORT_FORMAT = 2
#: Rows of the findings and of the review queue listed in the report (the counts cover every row).
REPORT_MAX_ROWS = 1_000
SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True)
class CheckResult:
    """One cross-table or package check: its name, whether it passed and its problem messages."""

    name: str
    passed: bool
    messages: tuple[str, ...] = ()
    description: str = ""
    #: Whether a failure of this check stops publishing (critical) or is reported only (warning).
    blocking: bool = True


def as_check(item: CheckResult | Mapping[str, Any] | Sequence[Any]) -> CheckResult:
    """A CheckResult from a CheckResult, a mapping (name, passed, messages) or a (name, passed, messages) tuple."""
    if isinstance(item, CheckResult):
        return item
    if isinstance(item, Mapping):
        return CheckResult(str(item["name"]), bool(item["passed"]), tuple(item.get("messages", ())),
                           str(item.get("description", "")))
    name, passed, messages = item
    return CheckResult(str(name), bool(passed), tuple(messages))


def _clean(text: str, relative_to: str | None) -> str:
    if not relative_to:
        return text
    prefix = relative_to.rstrip("/") + "/"
    return text.replace(prefix, "").replace(relative_to.rstrip("/"), ".")


def _jsonable(value: Any) -> Any:
    """Suite kwargs as plain JSON values (tuples to lists), keys in a stable order."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def suite_entry(outcome: SuiteOutcome, raw_suite: Mapping[str, Any] | None,
                relative_to: str | None = None) -> dict[str, Any]:
    """One suite: every expectation with its severity, source (registry/manual), arguments, result and detail."""
    raw = list((raw_suite or {}).get("expectations", []))
    expectations = []
    for i, o in enumerate(outcome.outcomes):
        spec = raw[i] if i < len(raw) else {}
        if (spec.get("type"), spec.get("kwargs", {}).get("column")) != (o.type, o.column):
            spec = {}  # not the same expectation: show no arguments rather than wrong ones
        expectations.append({
            "index": i, "type": o.type, "column": o.column, "severity": o.severity,
            "source": spec.get("meta", {}).get("source"), "kwargs": _jsonable(spec.get("kwargs", {})),
            "passed": o.success, "detail": _clean(o.detail, relative_to)})
    return {"table": outcome.suite, "passed": outcome.passed, "expectations": expectations,
            "failures": {s: sum(1 for e in expectations if not e["passed"] and e["severity"] == s)
                         for s in SEVERITIES}}


def _listed(frame: pl.DataFrame, table: str, max_rows: int) -> dict[str, Any]:
    rows = frame.head(max_rows).to_dicts()
    return {"rows_listed": len(rows), "all_rows_in": [f"curated/{table}.csv", f"curated/{table}.parquet"],
            "columns": frame.columns, "rows": rows}


def findings_entry(findings: pl.DataFrame | None, max_rows: int = REPORT_MAX_ROWS) -> dict[str, Any]:
    """Counts per check (every check listed, zeros included) over every finding, and the first ``max_rows``
    finding rows in published order."""
    if findings is None or findings.height == 0:
        findings = pl.DataFrame(schema=FINDINGS.polars_schema())
    findings = findings.select(FINDINGS.column_names).sort(list(FINDINGS.order_columns), maintain_order=True)
    counts = dict(findings.group_by("rule").len().iter_rows())
    return {"counts": {c: int(counts.get(c, 0)) for c in FINDING_CHECKS}, "total": findings.height,
            **_listed(findings, FINDINGS.name, max_rows)}


def review_entry(review: pl.DataFrame | None, max_rows: int = REPORT_MAX_ROWS) -> dict[str, Any]:
    """The review queue (``review_items``) as counts by kind over every item, and its first ``max_rows`` rows in
    published order."""
    if review is None or review.height == 0:
        review = pl.DataFrame(schema=REVIEW_ITEMS.polars_schema())
    review = review.select(REVIEW_ITEMS.column_names).sort(list(REVIEW_ITEMS.order_columns), maintain_order=True)
    counts = dict(review.group_by("kind").len().iter_rows())
    return {"counts": {k: int(counts[k]) for k in REVIEW_KINDS if k in counts}, "total": review.height,
            **_listed(review, REVIEW_ITEMS.name, max_rows)}


def _cut_note(entry: Mapping[str, Any], what: str) -> str:
    """What the HTML says when the report lists only the first rows (empty when it lists them all)."""
    if entry["rows_listed"] >= entry["total"]:
        return ""
    files = " and ".join(f"<code>{escape(f)}</code>" for f in entry["all_rows_in"])
    return (f'<p class="warn">Only the first {entry["rows_listed"]:,} of {entry["total"]:,} {what} are listed '
            f"here (the report lists at most {REPORT_MAX_ROWS:,}); every row is in {files}.</p>\n")


def report_data(suites: Iterable[SuiteOutcome], checks: Iterable[CheckResult | Mapping[str, Any] | Sequence[Any]],
                findings: pl.DataFrame | None, raw_suites: Mapping[str, Mapping[str, Any]] | None = None,
                relative_to: str | None = None, review: pl.DataFrame | None = None) -> dict[str, Any]:
    """The whole report as one JSON-ready dict (the content of validation_report.json)."""
    suite_entries = [suite_entry(o, (raw_suites or {}).get(o.suite), relative_to)
                     for o in sorted(suites, key=lambda o: o.suite)]
    check_entries = [{"name": c.name, "description": c.description, "passed": c.passed,
                      "severity": "critical" if c.blocking else "warning",
                      "messages": [_clean(m, relative_to) for m in c.messages]}
                     for c in sorted((as_check(c) for c in checks), key=lambda c: c.name)]
    found = findings_entry(findings)
    queue = review_entry(review)
    expectations = [e for s in suite_entries for e in s["expectations"]]
    summary = {
        "passed": all(s["passed"] for s in suite_entries)
        and all(c["passed"] or c["severity"] != "critical" for c in check_entries),
        "suites": len(suite_entries),
        "suites_passed": sum(1 for s in suite_entries if s["passed"]),
        "expectations": len(expectations),
        "expectations_passed": sum(1 for e in expectations if e["passed"]),
        "expectation_failures": {s: sum(1 for e in expectations if not e["passed"] and e["severity"] == s)
                                 for s in SEVERITIES},
        "checks": len(check_entries),
        "checks_passed": sum(1 for c in check_entries if c["passed"]),
        "findings": found["total"],
        "findings_by_check": found["counts"],
        "review_items": queue["total"],
    }
    return {"report": "validation_report", "format": REPORT_FORMAT, "summary": summary, "suites": suite_entries,
            "checks": check_entries, "findings": found, "review_queue": queue}


def render_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# ---------------------------------------------------------------- HTML

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem;
color:#1b1b1b;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#176b2c;font-weight:600}.fail{color:#b00020;font-weight:600}.warn{color:#8a5a00;font-weight:600}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;white-space:pre-wrap;word-break:break-all}
summary{cursor:pointer;font-weight:600}
.scroll{overflow-x:auto;max-width:100%}
table.findings{width:100%;font-size:.8rem}table.findings td.c-message{min-width:18em}
table.findings td.c-finding_id,table.findings td.c-indicator_id{overflow-wrap:anywhere;min-width:7em}
table.findings td.num{white-space:nowrap}
table.summary th{font-weight:normal;text-align:left}
""".strip()


def _status(passed: bool, severity: str = "critical") -> str:
    if passed:
        return '<span class="pass">pass</span>'
    cls = "fail" if severity == "critical" else "warn"
    return f'<span class="{cls}">{"FAIL" if severity == "critical" else severity}</span>'


def _summary_html(summary: Mapping[str, Any]) -> str:
    """The summary as label/value rows (row headers, no empty column header row)."""
    failures = summary["expectation_failures"]
    rows = [
        ("overall", f"<td>{_status(summary['passed'])}</td>"),
        ("suites passed", f'<td class="num">{summary["suites_passed"]} / {summary["suites"]}</td>'),
        ("expectations passed", f'<td class="num">{summary["expectations_passed"]} / {summary["expectations"]}</td>'),
        ("failed expectations by severity",
         "<td>" + escape(", ".join(f"{k} {v}" for k, v in failures.items())) + "</td>"),
        ("checks passed", f'<td class="num">{summary["checks_passed"]} / {summary["checks"]}</td>'),
        ("findings about the source", f'<td class="num">{summary["findings"]}</td>'),
        ("items in the review queue", f'<td class="num">{summary["review_items"]}</td>'),
    ]
    body = "\n".join(f'<tr><th scope="row">{escape(label)}</th>{value}</tr>' for label, value in rows)
    return f'<table class="summary">\n<tbody>\n{body}\n</tbody>\n</table>'


def _findings_html(found: Mapping[str, Any]) -> str:
    counts = html_table(["rule", "findings"], ([html_cell(k), html_cell(v)] for k, v in found["counts"].items()))
    columns = found["columns"]
    rows = html_table(columns, ([html_cell(r[c], c) for c in columns] for r in found["rows"]), "findings")
    return (f"<p>Inconsistencies of the printed source (not build failures); see the findings table "
            f"(curated/findings.csv) for how each check works.</p>\n{counts}\n{_cut_note(found, 'findings')}"
            f"<div class=\"scroll\">{rows}</div>")


def _review_html(queue: Mapping[str, Any]) -> str:
    if not queue["total"]:
        return ("<p>The review queue is empty: the reference files under raw/reference resolve everything in "
                "raw/gazette.</p>")
    counts = html_table(["kind", "items"], ([html_cell(k), html_cell(v)] for k, v in queue["counts"].items()))
    columns = ["issue_id", "kind", "text", "line", "occurrences", "suggested_action"]
    rows = html_table(columns, ([html_cell(r[c], c) for c in columns] for r in queue["rows"]), "findings")
    return (f"<p>What the build could not resolve with the reference files (curated/review_items.csv; "
            f"<code>gazette review</code>): published as well as it could be, waiting for a curator.</p>\n"
            f"{counts}\n{_cut_note(queue, 'items')}<div class=\"scroll\">{rows}</div>")


def _checks_html(checks: Sequence[Mapping[str, Any]]) -> str:
    rows = ([html_cell(c["name"]), f"<td>{_status(c['passed'], c.get('severity', 'critical'))}</td>", html_cell(c["description"] or None),
             "<td>" + "<br>".join(f"<code>{escape(m)}</code>" for m in c["messages"]) + "</td>"] for c in checks)
    return html_table(["check", "result", "description", "messages"], rows)


def _suite_html(suite: Mapping[str, Any]) -> str:
    failures = suite["failures"]
    label = ", ".join(f"{n} {s}" for s, n in failures.items() if n) or "all passed"
    rows = ([html_cell(e["index"]), html_cell(e["type"]), html_cell(e["column"]), html_cell(e["severity"]), html_cell(e["source"]),
             "<td><code>" + escape(json.dumps(e["kwargs"], ensure_ascii=False, sort_keys=True)) + "</code></td>",
             f"<td>{_status(e['passed'], e['severity'])}</td>",
             f"<td><code>{escape(e['detail'])}</code></td>" if e["detail"] else "<td></td>"]
            for e in suite["expectations"])
    table = html_table(["#", "expectation", "column", "severity", "source", "arguments", "result", "detail"], rows)
    status = _status(suite["passed"])
    return (f'<details id="suite-{escape(suite["table"])}"{" open" if not suite["passed"] else ""}>\n'
            f"<summary>{escape(suite['table'])}: {status} ({len(suite['expectations'])} expectations; "
            f"{escape(label)})</summary>\n{table}\n</details>")


def render_html(data: Mapping[str, Any]) -> str:
    """A self-contained HTML page of the report (inline CSS, no script, no external resource)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Validation report</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<h1>Validation report</h1>",
        "<p>Every Great Expectations suite (expectations/&lt;table&gt;.json) run on its table, every cross-table "
        "and package check, and the findings about the source. Same inputs, same bytes: the report carries no "
        "timestamp.</p>",
        "<h2>Summary</h2>",
        _summary_html(data["summary"]),
        "<h2>Review queue</h2>",
        _review_html(data["review_queue"]),
        "<h2>Findings about the source</h2>",
        _findings_html(data["findings"]),
        "<h2>Cross-table and package checks</h2>",
        _checks_html(data["checks"]),
        "<h2>Expectation suites</h2>",
        *(_suite_html(s) for s in data["suites"]),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def render_report(suites: Iterable[SuiteOutcome], checks: Iterable[CheckResult | Mapping[str, Any] | Sequence[Any]],
                  findings: pl.DataFrame | None, raw_suites: Mapping[str, Mapping[str, Any]] | None = None,
                  relative_to: str | None = None, review: pl.DataFrame | None = None) -> dict[str, str]:
    """File name -> text for both report files."""
    data = report_data(suites, checks, findings, raw_suites, relative_to, review)
    return {REPORT_JSON_NAME: render_json(data), REPORT_HTML_NAME: render_html(data)}


def write_report(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """Write the rendered files (UTF-8, LF) into ``folder`` (the staging curated/ folder); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in sorted(files.items()):
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
