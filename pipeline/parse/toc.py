"""The table of contents (目录): categories 【…】 and entries (title lines, then ``(number)(page)``).

An entry of any form ends in a line ``toc_entry_end`` reads: ``(浙政发〔2016〕24号)(3)``, another series or
bracket style (``(浙政函[2021]12号)(5)``, normalised to 〔〕), an order's number (``(浙江省人民政府令第381号)(8)``,
published as 浙江省人民政府令第381号), or only the page (``…(12)``: an entry without a number, doc_number null).
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.layout import TOC_HEADING, Span, toc_entry_end
from pipeline.parse.patterns import normalise_doc_number
from pipeline.text.lines import Line

CATEGORY = re.compile(r"^【(.+)】$")


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
        if end := toc_entry_end(ln.clean):
            tail, number, page = end
            if category is None or not (pending or tail):
                raise SourceError(source_path, ln.number, "a category 【…】 and a title before (文号)(page)")
            first = pending[0] if pending else ln
            rows.append({
                "issue_id": issue_id,
                "position": len(rows) + 1,
                "category": category,
                "title": "".join(p.clean for p in pending) + tail,
                "doc_number": normalise_doc_number(number) if number else None,
                "page": page,
                "line_start": first.number,
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
