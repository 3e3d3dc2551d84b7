"""Parse one raw issue into rows for every table, and prove that no line was dropped.

This is the one place that knows which parser handles which part of an issue. The coverage check at the
end fails, naming the line, if any non-blank line of the raw text is not accounted for by some row.
Reference tables (regions, units, …) do not come from an issue: ``reference_rows`` publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from pipeline.errors import SourceError
from pipeline.parse.city_table import parse_city_table
from pipeline.parse.documents import build_document_row
from pipeline.parse.indicator_tables import parse_indicator_tables
from pipeline.parse.layout import segment
from pipeline.parse.masthead import parse_issue_row
from pipeline.parse.sections import parse_sections
from pipeline.parse.targets import build_targets
from pipeline.parse.tasks import TaskScope, build_tasks
from pipeline.parse.toc import parse_toc
from pipeline.parse.units import UnitIndex
from pipeline.raw_snapshot import RawIssue

Rows = dict[str, list[dict[str, Any]]]

INDICATOR_TABLES_TITLE = "科技创新主要预期指标分解"
CITY_TABLE_TITLE = "各市科技创新重点和重大创新平台"
ATTACHMENT_TABLES = ("indicators", "indicator_values", "city_priorities", "city_platforms")


@dataclass(frozen=True)
class References:
    """The validated hand-curated reference tables under raw/reference/."""

    regions: Sequence[Mapping[str, str]]
    indicators: Sequence[Mapping[str, str]]
    units: UnitIndex
    target_links: Sequence[Mapping[str, str]]
    task_scopes: Mapping[str, TaskScope]


def reference_rows(refs: References) -> Rows:
    from pipeline.reference import region_rows

    return {"regions": region_rows(refs.regions), "units": [dict(row) for row in refs.units.rows]}


def parse_issue(raw: RawIssue, refs: References) -> Rows:
    layout = segment(raw.lines, raw.source_path)
    toc = parse_toc(raw.lines, layout.toc, raw.issue_id, raw.source_path)
    rows: Rows = {"issues": [parse_issue_row(raw, layout)], "toc_entries": toc, "documents": [], "sections": []}
    for span in layout.documents:
        sections = parse_sections(raw.lines, span, raw.source_path)
        rows["documents"].append(build_document_row(sections, raw.issue_id, toc, raw.source_path))
        rows["sections"].extend(sections)
    rows["tasks"], rows["task_units"] = build_tasks(rows["sections"], raw.lines, refs.units, raw.source_path,
                                                    refs.task_scopes)
    rows.update(_attachment_tables(raw, rows["sections"], refs))
    rows["targets"], rows["number_mentions"] = build_targets(rows["sections"], rows["tasks"], raw.lines,
                                                             refs.target_links, raw.source_path)
    _check_coverage(raw, layout, rows)
    listed = {e["doc_number"] for e in toc}
    printed = {d["doc_number"] for d in rows["documents"]}
    if listed != printed:
        raise SourceError(raw.source_path, raw.lines[layout.toc.start].number,
                          f"the table of contents to list exactly the printed documents {sorted(printed)}",
                          str(sorted(listed)))
    return rows


def _attachment_tables(raw: RawIssue, sections: Sequence[Mapping[str, Any]], refs: References) -> Rows:
    """Rows of the attachment tables, from the attachment blocks whose titles have a parser.

    An attachment with another title stays a ``sections`` row (its lines are covered, nothing is lost).
    """
    out: Rows = {name: [] for name in ATTACHMENT_TABLES}
    for block in (s for s in sections if s["kind"] == "attachment"):
        lines = raw.lines[block["line_start"] - 1:block["line_end"]]
        if block["heading"] == INDICATOR_TABLES_TITLE:
            parsed = parse_indicator_tables(lines, raw.source_path, refs.regions, refs.indicators,
                                            block["document_id"])
            out["indicators"] += parsed.indicators
            out["indicator_values"] += parsed.indicator_values
        elif block["heading"] == CITY_TABLE_TITLE:
            city = parse_city_table(lines, raw.source_path, refs.regions, block["document_id"])
            out["city_priorities"] += city.city_priorities
            out["city_platforms"] += city.city_platforms
    return out


def _check_coverage(raw: RawIssue, layout, rows: Rows) -> None:
    covered = {n for span in (layout.opening_masthead, layout.toc, layout.closing_masthead)
               for n in range(raw.lines[span.start].number, raw.lines[span.stop - 1].number + 1)}
    covered |= {n for s in rows["sections"] for n in range(s["line_start"], s["line_end"] + 1)}
    for line in raw.lines:
        if not line.blank and line.number not in covered:
            raise SourceError(raw.source_path, line.number, "a line that belongs to a masthead, the table of "
                                                            "contents or a document", line.raw)
