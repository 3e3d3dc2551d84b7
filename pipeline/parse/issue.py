"""Parse one raw issue into rows for every table, and prove that no line was dropped.

This is the one place that knows which parser handles which part of an issue. The coverage check at the
end fails, naming the line, if any non-blank line of the raw text is not accounted for by some row.
Reference tables (regions, units, …) do not come from an issue: ``reference_rows`` publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.appointments import build_appointments
from pipeline.parse.articles import build_articles
from pipeline.parse.attachment_tables import parse_attachments
from pipeline.parse.breaks import ambiguous_breaks
from pipeline.parse.documents import build_document_row, unknown_series
from pipeline.parse.layout import segment
from pipeline.parse.masthead import parse_issue_row
from pipeline.parse.review import ReviewNote, review_rows
from pipeline.parse.sections import parse_sections
from pipeline.parse.tab_tables import find_tables, table_cell_rows
from pipeline.parse.targets import Rule, build_targets
from pipeline.parse.tasks import TaskScope, build_tasks
from pipeline.parse.toc import parse_toc
from pipeline.parse.toc_match import toc_mismatches
from pipeline.parse.units import UnitIndex
from pipeline.parse.source import RawIssue
from pipeline.reference.declarations import REGIONS_FILE
from pipeline.schema.common import unnumbered_document_id

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class References:
    """The validated hand-curated reference tables under raw/reference/."""

    regions: Sequence[Mapping[str, str]]
    indicators: Sequence[Mapping[str, str]]
    units: UnitIndex
    target_links: Sequence[Mapping[str, str]]
    task_scopes: Mapping[str, TaskScope]
    number_rules: Sequence[Rule] = ()
    document_titles: Mapping[str, str] = field(default_factory=dict)
    document_series: Mapping[str, str] = field(default_factory=dict)
    #: Chinese title as printed -> reviewed English title (document_titles.csv rows that give the title)
    title_translations: Mapping[str, str] = field(default_factory=dict)


def region_rows(regions: Sequence[Mapping[str, str]]) -> list[dict[str, object]]:
    """Rows of the published ``regions`` table: the reference without its ``source`` note column."""
    return [{column: row[column] for column in REGIONS_FILE.columns if column != "source"} for row in regions]


def reference_rows(refs: References) -> Rows:
    """Rows of the tables that the reference files fill (units: the curated rows; issues add provisional ones)."""
    return {"regions": region_rows(refs.regions), "units": refs.units.published_rows()}


def _documents(raw: RawIssue, layout, toc, refs: References, rows: Rows, notes: list[ReviewNote]) -> None:
    """The documents and sections rows of every document span, in printed order."""
    for position, span in enumerate(layout.documents, start=1):
        sections = parse_sections(raw.lines, span, raw.source_path, refs.document_series,
                                  unnumbered_document_id(raw.issue_id, position))
        rows["documents"].append(build_document_row(sections, raw.issue_id, toc, raw.source_path,
                                                    refs.document_titles, notes, refs.title_translations))
        rows["sections"].extend(sections)


def parse_issue(raw: RawIssue, refs: References) -> Rows:
    layout = segment(raw.lines, raw.source_path)
    toc = parse_toc(raw.lines, layout.toc, raw.issue_id, raw.source_path)
    rows: Rows = {"issues": [parse_issue_row(raw, layout)], "toc_entries": toc, "documents": [], "sections": []}
    document_notes: list[ReviewNote] = []
    _documents(raw, layout, toc, refs, rows, document_notes)
    rows["articles"] = build_articles(rows["sections"])
    forms = {d["document_id"]: d["form"] for d in rows["documents"]}
    appointments = build_appointments(rows["sections"], forms, raw.lines)
    rows["appointments"] = appointments.appointments
    tables = find_tables(rows["sections"], raw.lines, raw.source_path)
    rows["table_cells"] = table_cell_rows(tables)
    tasks = build_tasks(rows["sections"], raw.lines, refs.units, raw.source_path, refs.task_scopes, tables, forms)
    rows["tasks"], rows["task_units"], rows["units"] = tasks.tasks, tasks.task_units, tasks.units
    for document in rows["documents"]:
        document["task_scope"] = tasks.scope_sources[document["document_id"]]
    attachments = parse_attachments(tables, raw.source_path, refs.regions, refs.indicators)
    rows.update(attachments.rows)
    prose = build_targets(rows["sections"], rows["tasks"], raw.lines, refs.target_links, raw.source_path,
                          refs.number_rules, rows)
    rows["targets"], rows["number_mentions"] = prose.targets, prose.number_mentions
    breaks = ambiguous_breaks(rows["sections"], raw.lines)
    document_notes += unknown_series(rows["sections"], refs.document_series)
    document_notes += toc_mismatches(toc, rows["documents"])
    rows["review_items"] = review_rows(raw.issue_id, [*document_notes, *breaks, *tasks.notes, *attachments.notes,
                                                      *appointments.notes, *prose.notes])
    _check_coverage(raw, layout, rows)
    _stamp_issue(rows, raw.issue_id)
    return rows


def _stamp_issue(rows: Rows, issue_id: str) -> None:
    """Give every parsed row of a table with an ``issue_id`` column the issue's id, in registry column order
    (the parsers leave it out: one issue at a time, the id is the caller's)."""
    from pipeline.schema.registry import BY_NAME

    for name, table_rows in rows.items():
        columns = BY_NAME[name].column_names
        if "issue_id" not in columns:
            continue
        for i, row in enumerate(table_rows):
            if "issue_id" not in row:
                table_rows[i] = {c: issue_id if c == "issue_id" else row[c] for c in columns if c in row or c == "issue_id"}


def _check_coverage(raw: RawIssue, layout, rows: Rows) -> None:
    covered = {n for span in (layout.opening_masthead, layout.toc, layout.closing_masthead)
               for n in range(raw.lines[span.start].number, raw.lines[span.stop - 1].number + 1)}
    covered |= {n for s in rows["sections"] for n in range(s["line_start"], s["line_end"] + 1)}
    for line in raw.lines:
        if not line.blank and line.number not in covered:
            raise SourceError(raw.source_path, line.number, "a line that belongs to a masthead, the table of "
                                                            "contents or a document", line.raw)
