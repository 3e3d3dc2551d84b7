"""The table of contents (目录): categories 【…】 and entries (title lines, then ``(文号)(page)``)."""

from __future__ import annotations

import re
from typing import Any, Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.layout import TOC_HEADING, Span
from pipeline.parse.patterns import DOC_NUMBER_TEXT
from pipeline.text.lines import Line

CATEGORY = re.compile(r"^【(.+)】$")
ENTRY_END = re.compile(rf"^\(({DOC_NUMBER_TEXT})\)\((\d+)\)$")


def parse_toc(lines: Sequence[Line], span: Span, issue_id: str, source_path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    category: str | None = None
    pending: list[Line] = []
    for ln in lines[span.start:span.stop]:
        if ln.blank or ln.clean == TOC_HEADING:
            continue
        if m := CATEGORY.match(ln.clean):
            if pending:
                raise SourceError(source_path, pending[-1].number, "a TOC entry ending in (文号)(page)", pending[-1].raw)
            category = m.group(1)
            continue
        if m := ENTRY_END.match(ln.clean):
            if category is None or not pending:
                raise SourceError(source_path, ln.number, "a category 【…】 and a title before (文号)(page)")
            rows.append({
                "issue_id": issue_id,
                "position": len(rows) + 1,
                "category": category,
                "title": "".join(p.clean for p in pending),
                "doc_number": m.group(1),
                "page": int(m.group(2)),
                "line_start": pending[0].number,
                "line_end": ln.number,
            })
            pending = []
            continue
        pending.append(ln)
    if pending:
        raise SourceError(source_path, pending[-1].number, "a TOC entry ending in (文号)(page)", pending[-1].raw)
    if not rows:
        raise SourceError(source_path, lines[span.start].number, "at least one table-of-contents entry")
    return rows
