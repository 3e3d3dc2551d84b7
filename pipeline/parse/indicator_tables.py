"""附件1 of 浙政发〔2016〕24号: eight indicator tables by region and year -> ``indicators`` and ``indicator_values``.

Pure functions, no I/O. The printed header rows are not aligned with the data columns (and not in the same
way in every table), so columns are mapped from the structure of the data rows:

* ``region, unit, (value, growth) x years``: one indicator with a growth rate (tables 1-4, 6-8);
* ``region, (measure A, measure B) x years``: two indicators, no unit column, no growth (table 5).

The two header rows are then checked against that mapping by their non-empty labels in order: the year row
must read 年度 and the expected years; the measure row must read 单位 and the measure label alternating with
增幅(%) (the last 增幅(%) may be cut off, as printed in tables 2-4 and 6-8), or the two measure labels
alternating. Measure labels and units must match ``raw/reference/indicators.csv``, which supplies the stable
id and the English; every cell must be a number exactly as printed. Anything else raises ``SourceError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.errors import SourceError
from pipeline.reference import INDICATORS_PATH, REGIONS_PATH
from pipeline.text.lines import Line
from pipeline.text.normalise import fold_spaces

ATTACHMENT_HEADING = "附件1"
YEARS: tuple[int, ...] = (2016, 2017, 2018, 2019, 2020)
YEAR_LABEL = "年度"
UNIT_LABEL = "单位"
GROWTH_LABEL = "增幅(%)"  # printed 增幅 (%); labels are compared with spaces folded

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
TABLE_TITLE = re.compile(r"([一二三四五六七八九十]+)、(\S.*)")
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class IndicatorTables:
    """Rows for the ``indicators`` and ``indicator_values`` tables, in printed order."""

    indicators: list[dict[str, object]]
    indicator_values: list[dict[str, object]]


@dataclass
class _Block:
    number: int
    name_zh: str
    title: Line
    body: list[Line] = field(default_factory=list)


def parse_indicator_tables(
    lines: Sequence[Line],
    source_path: str,
    regions: Sequence[Mapping[str, str]],
    indicators: Sequence[Mapping[str, str]],
    document_id: str,
    years: Sequence[int] = YEARS,
) -> IndicatorTables:
    """Parse the lines of 附件1 (its heading line up to, not including, the 附件2 heading, blanks included).

    ``regions`` and ``indicators`` are the rows of ``raw/reference/regions.csv`` and ``indicators.csv``.
    """
    if not lines:
        raise SourceError(source_path, None, f"the lines of {ATTACHMENT_HEADING}", "no lines")
    region_by_short = {row["short_name_zh"]: row["region_code"] for row in regions}
    blocks = _split_blocks(lines, source_path)
    result = IndicatorTables([], [])
    for block in blocks:
        reference = [row for row in indicators if int(row["table_number"]) == block.number]
        _parse_table(block, source_path, region_by_short, reference, document_id, tuple(years), result)
    seen = {block.number for block in blocks}
    for row in indicators:
        if int(row["table_number"]) not in seen:
            raise SourceError(source_path, lines[-1].number,
                              f"table {row['table_number']} ({row['measure_zh']}) listed in {INDICATORS_PATH} "
                              f"for {row['indicator_id']}", "end of 附件1")
    return result


def chinese_ordinal(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (1 to 99); ``ValueError`` for anything else."""
    try:
        if "十" not in text:
            if len(text) != 1:
                raise KeyError(text)
            return _DIGITS[text]
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            raise KeyError(text)
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    except KeyError:
        raise ValueError(f"not a Chinese ordinal from 1 to 99: {text!r}") from None


def _split_blocks(lines: Sequence[Line], path: str) -> list[_Block]:
    """Check the heading and attachment title; group the remaining non-blank lines under table titles."""
    content = [line for line in lines if not line.blank]
    if not content or content[0].clean != ATTACHMENT_HEADING:
        where = content[0] if content else None
        raise SourceError(path, where.number if where else None, f"the heading {ATTACHMENT_HEADING}",
                          where.raw if where else "no text")
    if len(content) < 2 or "\t" in content[1].raw or TABLE_TITLE.fullmatch(content[1].clean):
        where = content[1] if len(content) > 1 else content[0]
        raise SourceError(path, where.number, "the attachment title (one line without tabs) after 附件1",
                          where.raw)
    blocks: list[_Block] = []
    for line in content[2:]:
        match = TABLE_TITLE.fullmatch(line.clean) if "\t" not in line.raw else None
        if match:
            try:
                number = chinese_ordinal(match.group(1))
            except ValueError:
                number = 0
            if number != len(blocks) + 1:
                raise SourceError(path, line.number, f"table title number {len(blocks) + 1}", line.clean)
            blocks.append(_Block(number, match.group(2), line))
        elif not blocks:
            raise SourceError(path, line.number, "a table title (一、…) after the attachment title", line.raw)
        else:
            blocks[-1].body.append(line)
    if not blocks:
        raise SourceError(path, lines[-1].number, "at least one table title (一、…)", "end of 附件1")
    return blocks


def _labels(line: Line) -> list[str]:
    return [label for label in (fold_spaces(cell).strip() for cell in line.raw.split("\t")) if label]


@dataclass(frozen=True)
class _DataRow:
    line: Line
    region_code: str
    unit: str | None
    #: per year: the measure cell(s) as printed
    measures: list[list[str]]
    #: per year: the growth cell as printed (None where the table has no growth columns)
    growth: list[str | None]


def _parse_table(
    block: _Block,
    path: str,
    region_by_short: Mapping[str, str],
    reference: Sequence[Mapping[str, str]],
    document_id: str,
    years: tuple[int, ...],
    result: IndicatorTables,
) -> None:
    if len(block.body) < 3:
        where = block.body[-1] if block.body else block.title
        raise SourceError(path, where.number, f"two header rows and data rows under table {block.number}",
                          "end of table")
    year_row, measure_row, *data = block.body

    # 1. Layout and cells from the data rows; 2. header rows checked against that layout.
    has_unit = _has_unit_column(data)
    rows = _data_rows(data, path, region_by_short, has_unit, years, block)
    expected_years = [YEAR_LABEL, *(f"{year}年" for year in years)]
    if _labels(year_row) != expected_years:
        raise SourceError(path, year_row.number, f"the year header {' | '.join(expected_years)}",
                          " | ".join(_labels(year_row)))
    measures = _check_measure_row(measure_row, path, has_unit, len(years))

    # 3. Reference rows for this table, matched by measure label; units as printed or from the reference.
    by_measure = {row["measure_zh"]: row for row in reference}
    if sorted(by_measure) != sorted(measures):
        raise SourceError(path, measure_row.number, f"measure label(s) {' | '.join(by_measure) or '(none)'} "
                          f"for table {block.number} as in {INDICATORS_PATH}", " | ".join(measures))
    for j, measure in enumerate(measures):
        ref = by_measure[measure]
        if has_unit and ref["unit_zh"] != rows[0].unit:
            raise SourceError(path, rows[0].line.number, f"the unit {ref['unit_zh']} given for "
                              f"{ref['indicator_id']} in {INDICATORS_PATH}", rows[0].unit)
        result.indicators.append({
            "indicator_id": ref["indicator_id"],
            "document_id": document_id,
            "table_number": block.number,
            "name_zh": block.name_zh,
            "name_en": ref["name_en"],
            "unit_zh": rows[0].unit if has_unit else ref["unit_zh"],
            "unit_en": ref["unit_en"],
            "measure_zh": measure,
            "has_growth": has_unit,
            "line": block.title.number,
        })
        for row in rows:
            for k, year in enumerate(years):
                value_text, growth_text = row.measures[k][j], row.growth[k]
                result.indicator_values.append({
                    "indicator_id": ref["indicator_id"],
                    "region_code": row.region_code,
                    "year": year,
                    "value": float(value_text),
                    "value_text": value_text,
                    "growth_pct": float(growth_text) if growth_text is not None else None,
                    "growth_text": growth_text,
                    "line": row.line.number,
                })


def _has_unit_column(data: Sequence[Line]) -> bool:
    """True if most data rows have text (a unit) rather than a number in their second cell.

    A majority, so that one damaged row is reported itself instead of setting the layout for the others.
    """
    text = numeric = 0
    for line in data:
        cells = line.raw.split("\t")
        if len(cells) > 1 and cells[1].strip():
            if NUMBER.fullmatch(cells[1]):
                numeric += 1
            else:
                text += 1
    return text > numeric


def _data_rows(
    data: Sequence[Line],
    path: str,
    region_by_short: Mapping[str, str],
    has_unit: bool,
    years: tuple[int, ...],
    block: _Block,
) -> list[_DataRow]:
    lead = 2 if has_unit else 1
    width = lead + 2 * len(years)
    layout = (f"region, unit, then value and growth for each of {len(years)} years" if has_unit
              else f"region, then two measures for each of {len(years)} years")
    rows: list[_DataRow] = []
    seen: dict[str, int] = {}
    for line in data:
        cells = line.raw.split("\t")
        region = fold_spaces(cells[0]).strip()
        if region not in region_by_short:
            raise SourceError(path, line.number, f"a data row starting with a region short name from "
                              f"{REGIONS_PATH} ({', '.join(region_by_short)})", cells[0])
        if region in seen:
            raise SourceError(path, line.number, f"each region once per table ({region} already on line "
                              f"{seen[region]})", region)
        seen[region] = line.number
        if len(cells) != width:
            raise SourceError(path, line.number, f"{width} tab-separated cells ({layout})",
                              f"{len(cells)} cells")
        unit = None
        if has_unit:
            unit = fold_spaces(cells[1]).strip()
            if rows and unit != rows[0].unit:
                raise SourceError(path, line.number, f"the unit {rows[0].unit} as on line "
                                  f"{rows[0].line.number}", cells[1])
            if not unit or NUMBER.fullmatch(unit):
                raise SourceError(path, line.number, "a unit in the second cell", cells[1])
        measures: list[list[str]] = []
        growth: list[str | None] = []
        for k, year in enumerate(years):
            first = lead + 2 * k
            if has_unit:
                measures.append([_number(cells, first, line, path, f"the value of {region} {year}")])
                growth.append(_number(cells, first + 1, line, path, f"the growth (%) of {region} {year}"))
            else:
                measures.append([_number(cells, first + j, line, path, f"measure {j + 1} of {region} {year}")
                                 for j in (0, 1)])
                growth.append(None)
        rows.append(_DataRow(line, region_by_short[region], unit, measures, growth))
    missing = [short for short in region_by_short if short not in seen]
    if missing:
        raise SourceError(path, block.title.number, f"a row for every region of {REGIONS_PATH} in table "
                          f"{block.number}", f"no row for {', '.join(missing)}")
    return rows


def _check_measure_row(line: Line, path: str, has_unit: bool, n_years: int) -> list[str]:
    """Return the measure label(s) of the measure header row after checking its label sequence."""
    labels = _labels(line)
    if has_unit:
        measure = labels[1] if len(labels) > 1 else ""
        full = [UNIT_LABEL, *[label for _ in range(n_years) for label in (measure, GROWTH_LABEL)]]
        # The last 增幅(%) may be cut off at the data width (tables 2-4 and 6-8).
        if labels not in (full, full[:-1]) or measure in ("", GROWTH_LABEL, UNIT_LABEL):
            raise SourceError(path, line.number, f"the measure header {UNIT_LABEL}, then a measure label "
                              f"and {GROWTH_LABEL} for each of {n_years} years", " | ".join(labels))
        return [measure]
    pair = labels[:2]
    if len(pair) != 2 or pair[0] == pair[1] or labels != pair * n_years:
        raise SourceError(path, line.number, f"two distinct measure labels repeated for each of {n_years} "
                          "years (no unit column in the data rows)", " | ".join(labels))
    return pair


def _number(cells: Sequence[str], column: int, line: Line, path: str, what: str) -> str:
    cell = cells[column]
    if not NUMBER.fullmatch(cell):
        raise SourceError(path, line.number, f"a number for {what} (tab-separated cell {column + 1})", cell)
    return cell
