"""The data browser of the catalog page: every row of every table, searchable and filterable, offline.

The tables, their keys and foreign keys (from the schema registry) and the raw text of each issue go into the
page as one JSON block (``<script type="application/json">``), escaped so that no value can end the block
(``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX``). ``browser.js`` (vanilla JavaScript, next to this
module) reads it with ``JSON.parse`` and renders every value with ``textContent``, never as markup, so a raw
line holding ``<script>`` shows as text. The page's Content-Security-Policy allows that one script by its
sha256 and nothing else.

Embedding stops being sensible with size: a table of more than ``EMBED_MAX_ROWS`` rows (about 5 MB of
JSON at the ~250 bytes a row of this package) is written instead to ``browser/<table>.js`` next to the page and
loaded only when it is opened (a plain ``<script src>``, which works from file://, unlike ``fetch``).
Everything here is a pure function of its inputs: the same tables and texts give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import polars as pl

from pipeline.schema.model import Table
from pipeline.schema.lazy_frames import height
from pipeline.text.lines import split_lines

#: Rows of one table above which it is no longer embedded in index.html but loaded from browser/<table>.js.
EMBED_MAX_ROWS = 20_000
EXTERNAL_FOLDER = "browser"
SCRIPT = (Path(__file__).with_name("browser.js")).read_text(encoding="utf-8")
DATA_ELEMENT_ID = "gazette-data"

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value: Any) -> str:
    """JSON that can sit inside any ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029 left raw.

    (One ``str.replace`` per character: on text of many megabytes far quicker than ``str.translate``.)"""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source (``'sha256-…'``) that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


_JSON_NATIVE = (pl.String, pl.Boolean, pl.Float32, pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8,
                pl.UInt16, pl.UInt32, pl.UInt64, pl.Null)


def _json_ready(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    """The table's columns in order, dates and any other non-JSON type turned into text by polars."""
    frame = frame.select(table.column_names)
    other = [c for c, dtype in frame.schema.items() if not isinstance(dtype, _JSON_NATIVE)]
    if other:
        frame = frame.with_columns(pl.col(c).dt.to_string("%Y-%m-%d") if frame.schema[c] == pl.Date
                                   else pl.col(c).cast(pl.String) for c in other)
    return frame


def table_rows(frame: pl.DataFrame, table: Table) -> list[tuple[Any, ...]]:
    """The rows of ``frame`` as tuples in the table's column order, JSON-ready (dates as ISO text; json writes a
    tuple as an array)."""
    return _json_ready(frame, table).rows()


def table_meta(table: Table, height: int) -> dict[str, Any]:
    """Name, title, columns with types, primary and foreign keys of a table, as the script reads them."""
    return {
        "name": table.name, "title": table.title, "rows_total": height,
        "columns": [{"name": f.name, "type": f.type, "description": f.description} for f in table.fields],
        "primary_key": list(table.primary_key),
        "foreign_keys": [{"fields": list(fk.fields), "resource": fk.resource,
                          "reference_fields": list(fk.reference_fields)} for fk in table.foreign_keys],
    }


def source_lines(sources: Mapping[str, str] | None) -> dict[str, list[str]]:
    """Raw text per source path (``issues.source_path``) as its lines (line 1 is element 0), numbered as the
    parsers number them (``pipeline.text.lines``: split on LF only, so a U+2028 inside a line stays in it)."""
    return {path: [line.raw for line in split_lines(text)] for path, text in sorted((sources or {}).items())}


def _rows_json_parts(frame: pl.DataFrame, table: Table, chunk: int = 20_000) -> Iterator[str]:
    """``safe_json(table_rows(frame, table))`` in pieces, built ``chunk`` rows at a time so that only one chunk of
    the rows exists as Python objects at once; the pieces joined are that same text."""
    ready = _json_ready(frame, table)
    yield "["
    for start in range(0, ready.height, chunk):
        yield ("," if start else "") + safe_json(ready.slice(start, chunk).rows())[1:-1]
    yield "]"


def external_tables(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame],
                    embed_max_rows: int = EMBED_MAX_ROWS) -> list[tuple[str, Table]]:
    """(relative path, table) of every table loaded lazily from browser/<table>.js (above ``embed_max_rows``)."""
    return [(f"{EXTERNAL_FOLDER}/{t.name}.js", t) for t in tables if height(frames, t.name) > embed_max_rows]


def external_script_parts(table: Table, frame: pl.DataFrame) -> Iterator[str]:
    """The text of browser/<table>.js in pieces (written one after the other, the rows are never all in memory
    as text)."""
    yield f"window.gazetteTableLoaded({safe_json(table.name)},"
    yield from _rows_json_parts(frame, table)
    yield ");\n"


def page_data(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], sources: Mapping[str, str] | None,
              embed_max_rows: int = EMBED_MAX_ROWS) -> dict[str, Any]:
    """The data embedded in the page: every table's meta, with its rows or the path of its lazily loaded file."""
    lazy = {t.name: path for path, t in external_tables(tables, frames, embed_max_rows)}
    embedded = []
    for table in tables:
        meta = table_meta(table, height(frames, table.name))
        if table.name in lazy:
            meta["external"] = lazy[table.name]
        else:
            meta["rows"] = table_rows(frames[table.name], table)
        embedded.append(meta)
    return {"embed_max_rows": embed_max_rows, "tables": embedded, "sources": source_lines(sources)}


def payload(tables: Sequence[Table], frames: Mapping[str, pl.DataFrame], sources: Mapping[str, str] | None,
            embed_max_rows: int = EMBED_MAX_ROWS) -> tuple[dict[str, Any], dict[str, str]]:
    """(data embedded in the page, {relative path: text} of the tables loaded lazily from browser/)."""
    external = {path: "".join(external_script_parts(t, frames[t.name]))
                for path, t in external_tables(tables, frames, embed_max_rows)}
    return page_data(tables, frames, sources, embed_max_rows), external


def data_json_parts(data: Mapping[str, Any]) -> Iterator[str]:
    """``safe_json(data)`` of ``page_data``'s dict in pieces, one per table and per source (joined: the same text),
    so that the JSON of a package of many issues never exists as one string."""
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield ("," if i else "") + safe_json(key) + ":"
        if key == "tables":
            yield "["
            for j, table in enumerate(value):
                yield ("," if j else "") + safe_json(table)
            yield "]"
        elif key == "sources":
            yield "{"
            for j, (path, lines) in enumerate(value.items()):
                yield ("," if j else "") + safe_json(path) + ":" + safe_json(lines)
            yield "}"
        else:
            yield safe_json(value)
    yield "}"


def section(data: Mapping[str, Any]) -> str:
    """The browser's HTML (``section_parts`` joined)."""
    return "".join(section_parts(data))


def section_parts(data: Mapping[str, Any]) -> Iterator[str]:
    """The browser's HTML: controls, grid, pager and detail panel (filled by the script), and the data block,
    in pieces (the data block's JSON piece by piece, ``data_json_parts``)."""
    limit = f"{data['embed_max_rows']:,}"
    lazy = [t["name"] for t in data["tables"] if "external" in t]
    lazy_note = (f" Here {', '.join(lazy)} {'is' if len(lazy) == 1 else 'are'} loaded that way." if lazy
                 else " Every table of this package is embedded.")
    yield "\n".join([
        '<section id="browse"><h2>浏览数据 <span class="en">Browse every row</span></h2>',
        "<p>Every row of every table, offline: pick a table, search all its columns, narrow it with a filter per "
        "column (a value list for columns with few distinct values, a range for numbers and dates, else a text "
        "match), and click a row to see its raw source lines and the rows linked to it through the declared "
        "foreign keys. 选择数据表,全文搜索或按列筛选,点击一行查看原文行及关联行。</p>",
        f'<p class="note">The rows are embedded in this page while a table has at most {limit} rows (about 5 MB '
        f"of JSON); a larger table is written to <code>{EXTERNAL_FOLDER}/&lt;table&gt;.js</code> next to this "
        f"page and loaded when it is opened.{lazy_note}</p>",
        '<noscript><p class="note">The browser needs JavaScript; the tables are also in the CSV, Parquet and '
        "workbook files listed below.</p></noscript>",
        '<div class="browser" id="browser">',
        '<div class="b-controls">',
        '<label>表 Table <select id="b-table"></select></label>',
        '<label>搜索 Search all columns <input type="search" id="b-search" size="28"></label>',
        '<button type="button" id="b-clear">清除筛选 Clear filters</button>',
        '<span id="b-count" class="b-count" aria-live="polite"></span>',
        "</div>",
        '<p id="b-active" class="b-active" aria-live="polite" hidden></p>',
        '<div class="b-scroll"><table id="b-grid" class="b-grid"><thead></thead><tbody></tbody></table></div>',
        '<div class="b-pager"><button type="button" id="b-prev">‹ 上一页 Previous</button> '
        '<span id="b-page"></span> <button type="button" id="b-next">下一页 Next ›</button> '
        '<label>每页 Rows per page <select id="b-size"><option>25</option><option selected>50</option>'
        "<option>100</option><option>500</option></select></label></div>",
        '<div id="b-detail" class="b-detail" hidden></div>',
        "</div>",
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">'])
    yield from data_json_parts(data)
    yield "\n".join(["</script>", f"<script>{SCRIPT}</script>", "</section>"])


def read_sources(issues: pl.DataFrame | None, root: Path) -> dict[str, str]:
    """Raw text of each issue under ``root`` whose bytes match ``issues.source_sha256``; others are left out."""
    out: dict[str, str] = {}
    if issues is None or "source_path" not in issues.columns:
        return out
    for row in issues.iter_rows(named=True):
        path = Path(root) / str(row["source_path"])
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if row.get("source_sha256") and hashlib.sha256(data).hexdigest() != row["source_sha256"]:
            continue
        out[str(row["source_path"])] = data.decode("utf-8", errors="replace")
    return out
