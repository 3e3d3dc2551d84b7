"""Indicator tables of an attachment (values by region and year) -> ``indicators`` and ``indicator_values``.

Pure functions, no I/O. A block of an attachment (``pipeline.parse.attachment_blocks``) is an indicator
table when its first row reads 年度 followed by years (``2016年 … 2020年``, whatever the years). Its second
row names the measures: ``单位`` then, per year, a measure label and ``增幅(%)`` (the growth of the measure
before it), or, without a unit column, one or more measure labels per year. The printed header rows are not
aligned with the data columns (and not in the same way in every table), so the columns are mapped from the
data rows: ``region, [unit,] (cells per year) x years``, and the header labels are checked against that
mapping (the last label may be cut off at the data width, as printed).

Measures are matched to ``raw/reference/indicators.csv`` by the table title (without its ordinal), the
measure label and, where printed, the unit. An unmatched measure is published with a provisional id and a
``unknown_indicator`` review note; a data row whose label is not a region of ``raw/reference/regions.csv``
is left out of the values and noted as ``unknown_region`` (its raw line in the note). A header or a cell that
cannot be read is a ``SourceError``: the table's shape is then unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.base.errors import SourceError
from pipeline.parse.attachment_blocks import TableBlock
from pipeline.parse.review import ReviewNote
from pipeline.schema.tables_attachments import provisional_indicator_id
from pipeline.text.lines import Line
from pipeline.text.normalise import fold_spaces

YEAR_LABEL = "年度"
UNIT_LABEL = "单位"
GROWTH_LABEL = "增幅(%)"  # printed 增幅 (%); labels are compared with spaces folded
YEAR_CELL = re.compile(r"(\d{4})年")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class IndicatorTables:
    """Rows for the ``indicators`` and ``indicator_values`` tables, in printed order, and review notes."""

    indicators: list[dict[str, object]] = field(default_factory=list)
    indicator_values: list[dict[str, object]] = field(default_factory=list)
    notes: list[ReviewNote] = field(default_factory=list)


def labels(line: Line) -> list[str]:
    """The non-empty cells of a tab-separated line, spaces folded."""
    return [label for label in (fold_spaces(cell).strip() for cell in line.raw.split("\t")) if label]


def is_indicator_table(block: TableBlock) -> bool:
    """A block whose first row reads 年度 and then one or more years."""
    if len(block.rows) < 2:
        return False
    first = labels(block.rows[0])
    return len(first) > 1 and first[0] == YEAR_LABEL and all(YEAR_CELL.fullmatch(c) for c in first[1:])


@dataclass(frozen=True)
class _Column:
    """One column of a year's cells: a measure (``measure`` = its index) or the growth of a measure."""

    measure: int
    growth: bool


@dataclass(frozen=True)
class _Shape:
    """How the data rows lay out their cells: ``lead`` cells (region[, unit]), then ``per_year`` cells for each
    year; ``width`` cells in all."""

    has_unit: bool
    lead: int
    per_year: int
    width: int

    def year_cells(self, cells: Sequence[str], k: int) -> Sequence[str]:
        """The cells of the ``k``-th year (0-based) of a data row."""
        return cells[self.lead + k * self.per_year: self.lead + (k + 1) * self.per_year]


def parse_indicator_table(block: TableBlock, source_path: str, regions: Sequence[Mapping[str, str]],
                          indicators: Sequence[Mapping[str, str]], document_id: str) -> IndicatorTables:
    """Rows of one indicator table (``is_indicator_table(block)`` must hold)."""
    year_row, measure_row, *data = block.rows
    years = _read_years(year_row, source_path)
    if not data:
        raise SourceError(source_path, measure_row.number, "data rows after the two header rows", "end of table")
    shape = _shape(data, len(years), source_path)
    columns, measures = _read_measure_row(measure_row, source_path, shape.has_unit, shape.per_year, len(years))
    out = IndicatorTables()
    region_by_short = {row["short_name_zh"]: row["region_code"] for row in regions}
    rows = _data_rows(data, source_path, region_by_short, shape.has_unit, shape.width, document_id, out.notes)
    unit = rows[0][1] if rows and shape.has_unit else None
    ids = _indicator_ids(block, measures, unit, indicators, document_id, source_path, measure_row, out.notes)
    out.indicators += [_indicator_row(block, document_id, j, measure, ids[j], shape.has_unit, unit, columns)
                       for j, measure in enumerate(measures)]
    out.indicator_values += _value_rows(rows, years, shape, columns, [indicator_id for indicator_id, _ in ids],
                                        document_id)
    return out


def _read_years(year_row: Line, source_path: str) -> list[int]:
    """The years of the year header row (年度 2016年 … 2020年), distinct and ascending."""
    years = [int(YEAR_CELL.fullmatch(c).group(1)) for c in labels(year_row)[1:]]
    if years != sorted(set(years)):
        raise SourceError(source_path, year_row.number, "distinct years in ascending order in the year header",
                          " | ".join(labels(year_row)))
    return years


def _shape(data: Sequence[Line], n_years: int, source_path: str) -> _Shape:
    """The cell layout of the data rows, from the first one: region[, unit], then as many cells per year."""
    has_unit = _has_unit_column(data)
    lead = 2 if has_unit else 1
    width = len(data[0].raw.split("\t"))
    per_year, rest = divmod(width - lead, n_years)
    if per_year < 1 or rest:
        raise SourceError(source_path, data[0].number, f"{'region, unit' if has_unit else 'region'}, then the "
                          f"same number of cells for each of {n_years} years", f"{width} cells")
    return _Shape(has_unit, lead, per_year, width)


def _indicator_row(block: TableBlock, document_id: str, j: int, measure: str,
                   indicator: tuple[str, Mapping[str, str] | None], has_unit: bool, unit: str | None,
                   columns: Sequence[_Column]) -> dict[str, object]:
    """The ``indicators`` row of measure ``j`` (0-based), with its id and reference row (None if unmatched);
    the unit is the printed one when the table has a unit column, else the reference's."""
    indicator_id, ref = indicator
    return {
        "indicator_id": indicator_id,
        "document_id": document_id,
        "attachment_number": block.attachment,
        "table_number": block.number if block.number is not None else 1,
        "name_zh": block.name,
        "name_en": ref["name_en"] if ref else None,
        "unit_zh": unit if has_unit else (ref["unit_zh"] if ref else None),
        "unit_en": ref["unit_en"] if ref else None,
        "measure_zh": measure,
        "measure_position": j + 1,
        "has_growth": any(c.growth and c.measure == j for c in columns),
        "line": block.first_line,
    }


def _value_rows(rows: Sequence[tuple[Line, str | None, str, list[str]]], years: Sequence[int], shape: _Shape,
                columns: Sequence[_Column], indicator_ids: Sequence[str], document_id: str) -> list[dict[str, object]]:
    """The ``indicator_values`` rows: per data row, measure and year, the value and its growth where printed."""
    out: list[dict[str, object]] = []
    for line, _unit, region_code, cells in rows:
        for j, indicator_id in enumerate(indicator_ids):
            for k, year in enumerate(years):
                year_cells = shape.year_cells(cells, k)
                value = next(text for c, text in zip(columns, year_cells) if c.measure == j and not c.growth)
                growth = next((text for c, text in zip(columns, year_cells) if c.measure == j and c.growth), None)
                out.append({
                    "document_id": document_id,
                    "indicator_id": indicator_id,
                    "region_code": region_code,
                    "year": year,
                    "value": float(value),
                    "value_text": value,
                    "growth_pct": float(growth) if growth is not None else None,
                    "growth_text": growth,
                    "line": line.number,
                })
    return out


def _has_unit_column(data: Sequence[Line]) -> bool:
    """True if most data rows have text (a unit) rather than a number in their second cell.

    A majority, so that one damaged row is reported itself instead of setting the layout for the others.
    """
    text = numeric = 0
    for line in data:
        cells = line.raw.split("\t")
        if len(cells) > 1 and cells[1].strip():
            if NUMBER.fullmatch(cells[1].strip()):
                numeric += 1
            else:
                text += 1
    return text > numeric


def _read_measure_row(line: Line, path: str, has_unit: bool, per_year: int, n_years: int,
                      ) -> tuple[list[_Column], list[str]]:
    """The columns of one year's cells and the measure labels, from the measure header row."""
    found = labels(line)
    if has_unit:
        if not found or found[0] != UNIT_LABEL:
            raise SourceError(path, line.number, f"the measure header starting with {UNIT_LABEL} (the data rows "
                              "have a unit column)", " | ".join(found))
        found = found[1:]
    chunk = found[:per_year]
    full = chunk * n_years
    if len(chunk) != per_year or found not in (full, full[:-1]) or not chunk or chunk[0] == GROWTH_LABEL:
        raise SourceError(path, line.number, f"{per_year} measure label(s) (a measure, or {GROWTH_LABEL} after "
                          f"its measure) repeated for each of {n_years} years", " | ".join(found))
    columns: list[_Column] = []
    measures: list[str] = []
    for label in chunk:
        if label == GROWTH_LABEL:
            if columns[-1].growth:
                raise SourceError(path, line.number, f"a measure label before each {GROWTH_LABEL}", " | ".join(found))
            columns.append(_Column(len(measures) - 1, True))
        else:
            if label in measures or label == UNIT_LABEL:
                raise SourceError(path, line.number, "distinct measure labels", " | ".join(found))
            columns.append(_Column(len(measures), False))
            measures.append(label)
    return columns, measures


def _data_rows(data: Sequence[Line], path: str, region_by_short: Mapping[str, str], has_unit: bool, width: int,
               document_id: str, notes: list[ReviewNote]) -> list[tuple[Line, str | None, str, list[str]]]:
    """(line, unit, region_code, cells) of every data row with a known region, in printed order."""
    rows: list[tuple[Line, str | None, str, list[str]]] = []
    seen: dict[str, int] = {}
    for line in data:
        cells = [cell.strip() for cell in line.raw.split("\t")]
        if len(cells) != width:
            raise SourceError(path, line.number, f"{width} tab-separated cells, as in the first data row",
                              f"{len(cells)} cells")
        for index in range(2 if has_unit else 1, width):
            if not NUMBER.fullmatch(cells[index]):
                raise SourceError(path, line.number, f"a number in tab-separated cell {index + 1}", cells[index])
        unit = fold_spaces(cells[1]).strip() if has_unit else None
        if has_unit and (not unit or NUMBER.fullmatch(unit) or (rows and unit != rows[0][1])):
            raise SourceError(path, line.number, "the same unit in the second cell of every row"
                              + (f" ({rows[0][1]} as on line {rows[0][0].number})" if rows else ""), cells[1])
        region = fold_spaces(cells[0]).strip()
        if region in seen:
            raise SourceError(path, line.number, f"each region once per table ({region} already on line "
                              f"{seen[region]})", region)
        seen[region] = line.number
        if region not in region_by_short:
            notes.append(ReviewNote("unknown_region", region, line.number,
                                    f"indicator table row left out of indicator_values: {fold_spaces(line.raw)}",
                                    document_id))
            continue
        rows.append((line, unit, region_by_short[region], cells))
    return rows


def block_provisional_id(block: TableBlock, measure_position: int) -> str:
    """The provisional id (``schema.tables_attachments.provisional_indicator_id``) of a measure of ``block``."""
    return provisional_indicator_id(block.attachment, block.number or 1, measure_position)


def _indicator_ids(block: TableBlock, measures: Sequence[str], unit: str | None,
                   indicators: Sequence[Mapping[str, str]], document_id: str, path: str, measure_row: Line,
                   notes: list[ReviewNote]) -> list[tuple[str, Mapping[str, str] | None]]:
    """(indicator_id, reference row or None) per measure; unmatched measures get provisional ids."""
    out: list[tuple[str, Mapping[str, str] | None]] = []
    for j, measure in enumerate(measures):
        ref = next((row for row in indicators if row["name_zh"] == block.name and row["measure_zh"] == measure
                    and (unit is None or row["unit_zh"] == unit)), None)
        if ref is None:
            provisional = block_provisional_id(block, j + 1)
            notes.append(ReviewNote("unknown_indicator", f"{block.name} / {measure}" + (f" ({unit})" if unit else ""),
                                    block.first_line, f"published as indicator {provisional} (measure header on "
                                    f"line {measure_row.number})", document_id))
            out.append((provisional, None))
        else:
            out.append((ref["indicator_id"], ref))
    ids = [i for i, _ in out]
    if len(set(ids)) != len(ids):
        raise SourceError(path, measure_row.number, "measures that map to distinct indicators", " | ".join(measures))
    return out
