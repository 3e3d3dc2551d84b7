"""Parse one raw issue into rows for every table, and prove that no line was dropped.

This is the one place that knows which parser handles which part of an issue. The coverage check at the
end fails, naming the line, if any non-blank line of the raw text is not accounted for by some row.
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import SourceError
from pipeline.parse.documents import build_document_row
from pipeline.parse.layout import segment
from pipeline.parse.masthead import parse_issue_row
from pipeline.parse.sections import parse_sections
from pipeline.parse.toc import parse_toc
from pipeline.raw_snapshot import RawIssue

Rows = dict[str, list[dict[str, Any]]]


def parse_issue(raw: RawIssue) -> Rows:
    layout = segment(raw.lines, raw.source_path)
    toc = parse_toc(raw.lines, layout.toc, raw.issue_id, raw.source_path)
    rows: Rows = {"issues": [parse_issue_row(raw, layout)], "toc_entries": toc, "documents": [], "sections": []}
    for span in layout.documents:
        sections = parse_sections(raw.lines, span, raw.source_path)
        rows["documents"].append(build_document_row(sections, raw.issue_id, toc, raw.source_path))
        rows["sections"].extend(sections)
    covered = {n for span in (layout.opening_masthead, layout.toc, layout.closing_masthead)
               for n in range(raw.lines[span.start].number, raw.lines[span.stop - 1].number + 1)}
    covered |= {n for s in rows["sections"] for n in range(s["line_start"], s["line_end"] + 1)}
    for line in raw.lines:
        if not line.blank and line.number not in covered:
            raise SourceError(raw.source_path, line.number, "a line that belongs to a masthead, the table of "
                                                            "contents or a document", line.raw)
    listed = {e["doc_number"] for e in toc}
    printed = {d["doc_number"] for d in rows["documents"]}
    if listed != printed:
        raise SourceError(raw.source_path, raw.lines[layout.toc.start].number,
                          f"the table of contents to list exactly the printed documents {sorted(printed)}",
                          str(sorted(listed)))
    return rows
