"""How the catalog page looks: its stylesheet (inline) and its Content-Security-Policy."""

from __future__ import annotations

from pipeline.publish import browser

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
.b-active { margin: 0.3em 0; font-size: 0.9em; color: #8a4b00; }
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
