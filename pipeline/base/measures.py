"""Measure words (units of measure, not government units) written with Chinese magnitude prefixes (万, 亿): the
package's one conversion rule.

45.6万人年 is 456,000 人年; 7200亿元 and 7215 亿元 share the unit 亿元. Only the prefixes listed here are
understood; two units whose bases differ have no conversion.
"""

from __future__ import annotations

from decimal import Decimal

MAGNITUDE_PREFIXES: dict[str, Decimal] = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}


def split_measure_word(unit: str) -> tuple[Decimal, str]:
    """(multiplier, base measure word) of a measure word written with prefixes of ``MAGNITUDE_PREFIXES``: 万人年 ->
    (10^4, 人年)."""
    factor = Decimal(1)
    while len(unit) > 1 and unit[0] in MAGNITUDE_PREFIXES:
        factor *= MAGNITUDE_PREFIXES[unit[0]]
        unit = unit[1:]
    return factor, unit


def conversion_factor(from_unit: str, to_unit: str) -> Decimal | None:
    """Multiplier taking a number in ``from_unit`` to ``to_unit``; None when their base units differ."""
    (f_factor, f_base), (t_factor, t_base) = split_measure_word(from_unit), split_measure_word(to_unit)
    return f_factor / t_factor if f_base == t_base else None
