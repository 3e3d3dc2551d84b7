"""Findings about the source: printed numbers of 附件1 that contradict each other beyond rounding.

Three pure checks, each returning rows of the ``findings`` table (``pipeline.schema.tables_findings``):

- ``growth_findings``: value(t) against value(t-1) x (1 + growth(t)/100) for the tables with a growth column
  (``indicators.has_growth``); a printed figure stands for its rounding interval (``20`` for [19.5, 20.5],
  ``183.4`` for [183.35, 183.45], a growth ``11.3`` for [11.25, 11.35]) and a finding is reported only when
  no numbers within the three intervals satisfy the identity. 2016 has no previous year in the source.
- ``province_sum_findings``: the 全省 row (330000) against the sum of the cities, tolerance the sum of the
  half-units of the printed figures.
- ``target_findings``: prose targets (the ``targets`` table: target_id, indicator_id, region_code,
  target_year, value, unit, qualifier, comparator, line) against the table value they restate, after an
  explicit unit conversion (``MAGNITUDE_PREFIXES``), read by the targets' comparator (``COMPARATOR_RELATIONS``).

Arithmetic is exact (``Decimal`` from the printed text); interval boundaries count as consistent, so only
clear contradictions are reported. Every row has |difference| > tolerance on the side the check forbids.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

import polars as pl

from pipeline.derive.derivation import Derivation, Frames
from pipeline.base.errors import BuildError
from pipeline.base.measures import MAGNITUDE_PREFIXES, conversion_factor
from pipeline.schema.tables_attachments import PROVINCE

SHOWN = Decimal("0.000001")

#: Unit prefixes the prose uses in front of a table unit (45.6万人年 = 456000 人年). Nothing else is guessed.

#: targets.comparator (pipeline.schema.tables_targets.COMPARATORS) -> how the table value must relate to the
#: prose value: "eq" the prose states the figure (no bounding word), "about" states it with 左右 (precision of
#: the prose number's last significant digit), "ge" is a floor (达, 以上, 超过: a strict 超过 cannot be told from
#: 以上 once numbers are rounded), "le" a ceiling (以下, 不超过).
COMPARATOR_RELATIONS: dict[str, str] = {"exactly": "eq", "about": "about", "at_least": "ge", "more_than": "ge",
                               "at_most": "le"}
#: Words of targets.qualifier that soften a target to "about" whatever the comparator says.
ABOUT_WORDS = ("左右",)
#: Units of rate targets (高新技术产业投资年均增长15%): compared with no table value.
RATE_UNITS = frozenset({"%", "％", "percent"})


# ---------------------------------------------------------------- printed precision


def half_unit(text: str) -> Decimal:
    """Half a unit of the last printed digit: ``20`` -> 0.5, ``183.4`` -> 0.05, ``15.0`` -> 0.05."""
    exponent = Decimal(text).as_tuple().exponent
    return Decimal("0.5").scaleb(min(int(exponent), 0))


def half_significant_unit(text: str) -> Decimal:
    """Half a unit of the last significant digit (for 左右): ``7200`` -> 50, ``30`` -> 5, ``2.8`` -> 0.05."""
    if "." in text or Decimal(text) == 0:
        return half_unit(text)
    digits = text.lstrip("-")
    return Decimal("0.5").scaleb(len(digits) - len(digits.rstrip("0")))


def number_text(value: float) -> str:
    """The shortest decimal text of a float (45.6 -> '45.6', 7200.0 -> '7200'): the prose number as printed."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def _fmt(number: Decimal) -> str:
    shown = number.quantize(SHOWN).normalize()
    return format(shown, "f") if shown != 0 else "0"


def _out(number: Decimal) -> float:
    return float(number.quantize(SHOWN))


def _finding(finding_id: str, check: str, indicator_id: str, region_code: str, year: int, observed: Decimal,
             expected: Decimal, tolerance: Decimal, message: str, lines: Iterable[int]) -> dict[str, Any]:
    lines = list(lines)
    return {"finding_id": finding_id, "rule": check, "indicator_id": indicator_id, "region_code": region_code,
            "year": year, "observed": _out(observed), "expected": _out(expected),
            "difference": _out(observed - expected), "tolerance": _out(tolerance), "message": message,
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
                   f"(stands for [{_fmt(observed - h)}, {_fmt(observed + h)}]), but {year - 1}'s "
                   f"{previous['value_text']} x (1 + {cell['growth_text']}%) = {_fmt(expected)} and the printed "
                   f"precision of both allows only [{_fmt(low)}, {_fmt(high)}]")
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
                   f"{len(cities)} cities sum to {_fmt(expected)} "
                   f"({' + '.join(c['value_text'] for c in cities)}); difference {_fmt(observed - expected)}, "
                   f"rounding of the {len(cells)} printed figures allows ±{_fmt(tolerance)}")
        rows.append(_finding(f"sum-{indicator_id}-{year}", "province_sum", indicator_id, PROVINCE, year,
                             observed, expected, tolerance, message, (c["line"] for c in cells)))
    return sorted(rows, key=lambda r: r["finding_id"])


# ---------------------------------------------------------------- prose targets vs table


def unit_factor(from_unit: str, to_unit: str) -> Decimal:
    """Multiplier taking a number in ``from_unit`` to ``to_unit`` (万人年 -> 人年: 10^4; 亿元 -> 亿元: 1).

    Only the prefixes of ``MAGNITUDE_PREFIXES`` are understood; units with different bases raise BuildError.
    """
    factor = conversion_factor(from_unit, to_unit)
    if factor is None:
        raise BuildError(f"cannot convert {from_unit!r} to {to_unit!r}: their base units differ "
                         f"(known prefixes: {', '.join(MAGNITUDE_PREFIXES)})")
    return factor


def comparator_kind(comparator: str | None, qualifier: str | None = None) -> str:
    """eq, about, ge or le for a targets row (comparator as in the targets table; 左右 in qualifier -> about)."""
    if qualifier and any(word in qualifier for word in ABOUT_WORDS):
        return "about"
    kind = COMPARATOR_RELATIONS.get((comparator or "").strip())
    if kind is None:
        raise BuildError(f"targets.comparator {comparator!r} is not understood (known: {', '.join(COMPARATOR_RELATIONS)})")
    return kind


def target_findings(targets: pl.DataFrame | None, indicators: pl.DataFrame,
                    values: pl.DataFrame) -> list[dict[str, Any]]:
    """Prose targets linked to a table cell (indicator_id, region_code, target_year) against that cell.

    ``targets`` may be None or empty (the table is not built yet). Targets without an indicator or region link,
    whose year is not in the table, or with a rate unit (``RATE_UNITS``) restate no cell and are skipped. The
    prose number's precision comes from ``value_text`` if the frame has it, otherwise from the shortest text of
    ``value`` (45.6 -> 0.05 万人年 = 500 人年). Observed is the prose number in the table's unit, expected the
    table value; exactly and about must agree within the tolerance, at_least / more_than (达, 以上, 超过) must
    not exceed the table value, at_most (以下) must not fall below it (``COMPARATOR_RELATIONS``).
    """
    if targets is None or targets.height == 0:
        return []
    units = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
    cells = _cells(values)
    rows = []
    for target in targets.sort("target_id").iter_rows(named=True):
        key = (target.get("indicator_id"), target.get("region_code"), target.get("target_year"))
        if None in key or key not in cells:
            continue
        cell, meta = cells[key], units[key[0]]
        if (target.get("unit") or "").strip() in RATE_UNITS:
            continue  # a rate target (年均增长15%) restates no value of the table
        text = target.get("value_text") or number_text(target["value"])
        factor = unit_factor(target["unit"] or meta["unit_zh"], meta["unit_zh"])
        kind = comparator_kind(target.get("comparator"), target.get("qualifier"))
        about = kind == "about"
        h_prose = (half_significant_unit(text) if about else half_unit(text)) * factor
        h_table = half_unit(cell["value_text"])
        observed, expected = Decimal(text) * factor, Decimal(cell["value_text"])
        tolerance, difference = h_prose + h_table, observed - expected
        broken = {"eq": abs(difference) > tolerance, "about": abs(difference) > tolerance,
                  "ge": difference > tolerance, "le": -difference > tolerance}[kind]
        if not broken:
            continue
        relation = {"eq": "restates", "about": "restates (左右)", "ge": "sets a floor for",
                    "le": "sets a ceiling for"}[kind]
        message = (f"{meta['name_zh']} {key[1]} {key[2]}: the prose ({text}{target['unit'] or ''}, "
                   f"{target.get('comparator')}, line {target['line']}) {relation} the table value "
                   f"{cell['value_text']} {meta['unit_zh']} (line {cell['line']}); in {meta['unit_zh']} the prose "
                   f"stands for [{_fmt(observed - h_prose)}, {_fmt(observed + h_prose)}], the table value for "
                   f"[{_fmt(expected - h_table)}, {_fmt(expected + h_table)}]")
        rows.append(_finding(f"target-{target['target_id']}", "target_vs_table", key[0], key[1], key[2],
                             observed, expected, tolerance, message, (target["line"], cell["line"])))
    return rows


# ---------------------------------------------------------------- the derivation


def build(frames: Frames) -> list[dict[str, Any]]:
    """All findings, document by document (a plan's tables and prose are checked against each other only);
    the targets comparison runs when a ``targets`` frame is among the inputs."""
    rows: list[dict[str, Any]] = []
    targets = frames.get("targets")
    by_document = {name: {key[0]: part for key, part in frames[name].partition_by("document_id", as_dict=True).items()}
                   for name in ("indicators", "indicator_values", "targets") if frames.get(name) is not None}
    empty = {name: frames[name].clear() for name in by_document}
    for document_id in frames["indicators"]["document_id"].unique(maintain_order=True).to_list():
        mine = {name: parts.get(document_id, empty[name]) for name, parts in by_document.items()}
        indicators, values = mine["indicators"], mine["indicator_values"]
        found = growth_findings(indicators, values) + province_sum_findings(indicators, values)
        found += target_findings(mine.get("targets") if targets is not None else None, indicators, values)
        issue_id = indicators["issue_id"][0]
        rows += [{"issue_id": issue_id, "document_id": document_id, **row} for row in found]
    return rows


FINDINGS = Derivation("findings", build)
