"""Findings about the source: printed numbers of 附件1 that contradict each other beyond rounding.

Three pure checks, each returning rows of the ``findings`` table (``pipeline.schema.tables_findings``):

- ``growth_findings``: value(t) against value(t-1) x (1 + growth(t)/100) for the tables with a growth column
  (``indicators.has_growth``); a printed figure stands for its rounding interval (``20`` for [19.5, 20.5],
  ``183.4`` for [183.35, 183.45], a growth ``11.3`` for [11.25, 11.35]) and a finding is reported only when
  no numbers within the three intervals satisfy the identity. 2016 has no previous year in the source.
- ``province_sum_findings``: the 全省 row (330000) against the sum of the cities, tolerance the sum of the
  half-units of the printed figures.
- ``target_findings``: prose targets that contradict the table value they restate: the rows of the derived
  table ``target_comparisons`` whose status is contradicts (read from that table: its derivation,
  ``pipeline.derive.target_comparisons``, is the one place the comparison is made), with the printed figures
  and their intervals in the message.

Arithmetic is exact (``Decimal`` from the printed text); interval boundaries count as consistent, so only
clear contradictions are reported. Every row has |difference| > tolerance on the side the check forbids.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

import polars as pl

from pipeline.derive.derivation import Derivation, Frames
from pipeline.derive.precision import exact, half_unit, number_text, shown_float, shown_text
from pipeline.schema.tables_attachments import PROVINCE



def _finding(finding_id: str, check: str, indicator_id: str, region_code: str, year: int, observed: Decimal,
             expected: Decimal, tolerance: Decimal, message: str, lines: Iterable[int]) -> dict[str, Any]:
    lines = list(lines)
    return {"finding_id": finding_id, "rule": check, "indicator_id": indicator_id, "region_code": region_code,
            "year": year, "observed": shown_float(observed), "expected": shown_float(expected),
            "difference": shown_float(observed - expected), "tolerance": shown_float(tolerance),
            "message": message,
            "line_start": min(lines), "line_end": max(lines)}


def _cells(values: pl.DataFrame) -> dict[tuple[str, str, int], dict[str, Any]]:
    return {(r["indicator_id"], r["region_code"], r["year"]): r for r in values.iter_rows(named=True)}


# ---------------------------------------------------------------- growth identity


def growth_interval(previous_text: str, growth_text: str) -> tuple[Decimal, Decimal]:
    """All values of prev x (1 + g/100) with prev and g anywhere in their rounding intervals."""
    prev, growth = Decimal(previous_text), Decimal(growth_text)
    hp, hg = half_unit(previous_text), half_unit(growth_text)
    corners = [p * (1 + g / 100) for p in (prev - hp, prev + hp) for g in (growth - hg, growth + hg)]
    return min(corners), max(corners)


def growth_findings(indicators: pl.DataFrame, values: pl.DataFrame) -> list[dict[str, Any]]:
    """value(t) vs value(t-1) x (1 + growth(t)/100) for every indicator with a growth column, t = 2017..2020."""
    with_growth = {r["indicator_id"]: r for r in indicators.iter_rows(named=True) if r["has_growth"]}
    cells = _cells(values)
    rows = []
    for (indicator_id, region_code, year), cell in sorted(cells.items()):
        previous = cells.get((indicator_id, region_code, year - 1))
        if indicator_id not in with_growth or previous is None or cell["growth_text"] is None:
            continue
        observed, h = Decimal(cell["value_text"]), half_unit(cell["value_text"])
        expected = Decimal(previous["value_text"]) * (1 + Decimal(cell["growth_text"]) / 100)
        low, high = growth_interval(previous["value_text"], cell["growth_text"])
        if observed + h >= low and observed - h <= high:
            continue
        difference = observed - expected
        tolerance = h + (high - expected if difference > 0 else expected - low)
        unit = with_growth[indicator_id]["unit_zh"]
        message = (f"{with_growth[indicator_id]['name_zh']} {region_code} {year}: printed {cell['value_text']} {unit} "
                   f"(stands for [{shown_text(observed - h)}, {shown_text(observed + h)}]), but {year - 1}'s "
                   f"{previous['value_text']} x (1 + {cell['growth_text']}%) = {shown_text(expected)} and the printed "
                   f"precision of both allows only [{shown_text(low)}, {shown_text(high)}]")
        rows.append(_finding(f"growth-{indicator_id}-{region_code}-{year}", "growth_identity", indicator_id,
                             region_code, year, observed, expected, tolerance, message,
                             (previous["line"], cell["line"])))
    return rows


# ---------------------------------------------------------------- province = sum of cities


def province_sum_findings(indicators: pl.DataFrame, values: pl.DataFrame) -> list[dict[str, Any]]:
    """The 全省 value against the sum of the city values, per indicator and year."""
    names = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
    rows = []
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in values.iter_rows(named=True):  # one pass (a polars group_by per document costs more here)
        groups.setdefault((row["indicator_id"], row["year"]), []).append(row)
    for (indicator_id, year), group in groups.items():
        cells = sorted(group, key=lambda r: r["region_code"])
        province = [c for c in cells if c["region_code"] == PROVINCE]
        cities = [c for c in cells if c["region_code"] != PROVINCE]
        if len(province) != 1 or not cities:
            continue
        observed = Decimal(province[0]["value_text"])
        expected = sum((Decimal(c["value_text"]) for c in cities), Decimal(0))
        tolerance = sum((half_unit(c["value_text"]) for c in cells), Decimal(0))
        if abs(observed - expected) <= tolerance:
            continue
        meta = names.get(indicator_id, {"name_zh": indicator_id, "unit_zh": ""})
        message = (f"{meta['name_zh']} {year}: 全省 printed {province[0]['value_text']} {meta['unit_zh']}, the "
                   f"{len(cities)} cities sum to {shown_text(expected)} "
                   f"({' + '.join(c['value_text'] for c in cities)}); difference {shown_text(observed - expected)}, "
                   f"rounding of the {len(cells)} printed figures allows ±{shown_text(tolerance)}")
        rows.append(_finding(f"sum-{indicator_id}-{year}", "province_sum", indicator_id, PROVINCE, year,
                             observed, expected, tolerance, message, (c["line"] for c in cells)))
    return sorted(rows, key=lambda r: r["finding_id"])


# ---------------------------------------------------------------- prose targets vs table


RELATION_WORDS = {"equal": "restates", "about": "restates (左右)", "floor": "sets a floor for",
                  "ceiling": "sets a ceiling for"}


def target_findings(comparisons: Sequence[Mapping[str, Any]], indicators: pl.DataFrame,
                    values: pl.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``target_comparisons`` of one document (``pipeline.derive.target_comparisons``, the one
    comparison of prose targets with the tables) whose status is contradicts, as findings of that document.
    Observed is the prose number in the table's unit, expected the table value."""
    contradicting = sorted((c for c in comparisons if c["status"] == "contradicts"), key=lambda c: c["target_id"])
    if not contradicting:
        return []
    names = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
    cells = _cells(values)
    rows = []
    for c in contradicting:
        key = (c["indicator_id"], c["region_code"], c["year"])
        cell, meta = cells[key], names[key[0]]
        h_table = half_unit(cell["value_text"])
        observed, expected = exact(c["target_in_table_unit"]), Decimal(cell["value_text"])
        message = (f"{meta['name_zh']} {key[1]} {key[2]}: the prose ({number_text(c['target_value'])}"
                   f"{c['target_unit'] or ''}, {c['comparator']}, line {c['target_line']}) "
                   f"{RELATION_WORDS[c['bound']]} the table value {cell['value_text']} {meta['unit_zh']} (line "
                   f"{cell['line']}); in {meta['unit_zh']} the prose stands for "
                   f"[{shown_text(exact(c['target_low']))}, {shown_text(exact(c['target_high']))}], the table value "
                   f"for [{shown_text(expected - h_table)}, {shown_text(expected + h_table)}]")
        rows.append(_finding(f"target-{c['target_id']}", "target_vs_table", key[0], key[1], key[2], observed,
                             expected, exact(c["tolerance"]), message, (c["target_line"], cell["line"])))
    return rows


# ---------------------------------------------------------------- the derivation


def build(frames: Frames) -> list[dict[str, Any]]:
    """All findings, document by document (a plan's tables and prose are checked against each other only); the
    prose targets' findings are the contradicting rows of the ``target_comparisons`` frame, when it is among the
    inputs."""
    rows: list[dict[str, Any]] = []
    by_document = {name: {key[0]: part for key, part in frames[name].partition_by("document_id", as_dict=True).items()}
                   for name in ("indicators", "indicator_values")}
    empty = {name: frames[name].clear() for name in by_document}
    comparisons: dict[str, list[dict[str, Any]]] = {}
    compared = frames.get("target_comparisons")
    for row in (compared.iter_rows(named=True) if compared is not None else []):
        comparisons.setdefault(row["document_id"], []).append(row)
    for document_id in frames["indicators"]["document_id"].unique(maintain_order=True).to_list():
        mine = {name: parts.get(document_id, empty[name]) for name, parts in by_document.items()}
        indicators, values = mine["indicators"], mine["indicator_values"]
        found = growth_findings(indicators, values) + province_sum_findings(indicators, values)
        found += target_findings(comparisons.get(document_id, []), indicators, values)
        issue_id = indicators["issue_id"][0]
        rows += [{"issue_id": issue_id, "document_id": document_id, **row} for row in found]
    return rows


FINDINGS = Derivation("findings", build, per_issue=True)
