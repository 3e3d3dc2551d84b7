"""The one HTML table renderer of the published pages (the catalog page and the validation report): escaped
cells with a ``c-<column>`` class (numbers also ``num``, so CSS right-aligns them and can size a column), values
optionally shortened, and a table of such cells."""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence


def cell_text(value: Any, limit: int | None = None) -> str:
    """A value as the pages print it: '' for null, true/false, ISO dates, shortened to ``limit`` characters with
    "…" (None: whole)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def html_cell(value: Any, column: str | None = None, limit: int | None = None) -> str:
    """One escaped ``<td>``; ``column`` adds the class ``c-<column>``, a number (not a bool) the class ``num``."""
    classes = [] if column is None else [f"c-{escape(column, quote=True)}"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        classes.insert(0, "num")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attr}>{escape(cell_text(value, limit))}</td>"


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], css_class: str | None = None) -> str:
    """A table of a header row and rows of rendered cells (``html_cell``, or any ``<td>`` the caller builds)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
