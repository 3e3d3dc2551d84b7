"""Every tab-separated table of every document, found by structure alone, and its cells (``table_cells``).

A table of an attachment is a block of ``pipeline.parse.attachment_blocks`` (so the typed readers and
``table_cells`` see the same tables). Outside attachments a table is a run of tab-separated lines with
nothing but blank lines between them. Tables are numbered 1, 2, … per document in printed order.

Header rows: the first row, and every row right after it whose first cell is empty (the second header row
of the 附件1 indicator tables); the other rows are data rows, numbered 1, 2, … per table. A data cell's
``header`` is the text of the header cells above it (the same column), joined by a space; null where they
are empty (a merged cell). Empty data cells are not listed. Cells are cleaned (spaces folded, stripped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.parse.attachment_blocks import TableBlock, split_attachment
from pipeline.text.lines import Line
from pipeline.text.normalise import fold_spaces


@dataclass(frozen=True)
class TabTable:
    """One table: its document, number, printed rows (header rows first), and its attachment block if any."""

    document_id: str
    table_no: int
    rows: tuple[Line, ...]
    block: TableBlock | None = None

    @property
    def header_count(self) -> int:
        count = 1
        while count < len(self.rows) and not cells(self.rows[count])[0]:
            count += 1
        return count

    @property
    def header(self) -> list[str]:
        """The header text of each column (header rows' cells joined by a space)."""
        heads = [cells(line) for line in self.rows[: self.header_count]]
        width = max(len(h) for h in heads)
        return [" ".join(h[c] for h in heads if c < len(h) and h[c]) for c in range(width)]

    @property
    def data_rows(self) -> tuple[Line, ...]:
        return self.rows[self.header_count:]


def cells(line: Line) -> list[str]:
    """The cleaned cells of a tab-separated line."""
    return [fold_spaces(cell).strip() for cell in line.raw.split("\t")]


def find_tables(sections: Sequence[Mapping[str, Any]], lines: Sequence[Line], path: str) -> list[TabTable]:
    """The tables of the documents whose ``sections`` rows are given (issue ``lines``), in printed order."""
    out: list[TabTable] = []
    for document_id in dict.fromkeys(s["document_id"] for s in sections):
        rows = [s for s in sections if s["document_id"] == document_id]
        runs: list[tuple[tuple[Line, ...], TableBlock | None]] = []
        for section in rows:
            span = lines[section["line_start"] - 1:section["line_end"]]
            if section["kind"] == "attachment":
                runs += [(tuple(b.rows), b) for b in split_attachment(span, path) if b.rows]
            else:
                runs += [(run, None) for run in _runs(span)]
        out += [TabTable(document_id, k, run, block) for k, (run, block) in enumerate(_merge(runs), start=1)]
    return out


def _runs(span: Sequence[Line]) -> list[tuple[Line, ...]]:
    """Runs of tab-separated lines (blank lines inside a run allowed) of a section outside attachments."""
    runs: list[list[Line]] = []
    open_run = False
    for line in span:
        if line.blank:
            continue
        if "\t" in line.raw:
            if not open_run:
                runs.append([])
            runs[-1].append(line)
            open_run = True
        else:
            open_run = False
    return [tuple(run) for run in runs]


def _merge(runs):
    """Join runs of consecutive body sections that continue one table (a paragraph split inside a table)."""
    merged: list[tuple[tuple[Line, ...], TableBlock | None]] = []
    for run, block in runs:
        if merged and block is None and merged[-1][1] is None and _adjacent(merged[-1][0][-1], run[0]):
            merged[-1] = (merged[-1][0] + run, None)
        else:
            merged.append((run, block))
    return merged


def _adjacent(last: Line, first: Line) -> bool:
    return first.number > last.number and first.number - last.number <= 2


def table_cell_rows(tables: Sequence[TabTable]) -> list[dict[str, Any]]:
    """``table_cells`` rows: one per non-empty data cell of every table."""
    out = []
    for table in tables:
        header = table.header
        for row_no, line in enumerate(table.data_rows, start=1):
            for col_no, text in enumerate(cells(line), start=1):
                if text:
                    out.append({"document_id": table.document_id, "table_no": table.table_no, "row_no": row_no,
                                "col_no": col_no, "header": (header[col_no - 1] or None)
                                if col_no <= len(header) else None, "text": text, "line": line.number})
    return out
