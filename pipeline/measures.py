"""Units of measure written with Chinese magnitude prefixes (万, 亿): the package's one conversion rule.

45.6万人年 is 456,000 人年; 7200亿元 and 7215 亿元 share the unit 亿元. Only the prefixes listed here are
understood; two units whose bases differ have no conversion.
"""

from __future__ import annotations

from decimal import Decimal

UNIT_PREFIXES: dict[str, Decimal] = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}


def split_unit(unit: str) -> tuple[Decimal, str]:
    """(multiplier, base unit) of a unit written with prefixes of ``UNIT_PREFIXES``: 万人年 -> (10^4, 人年)."""
    factor = Decimal(1)
    while len(unit) > 1 and unit[0] in UNIT_PREFIXES:
        factor *= UNIT_PREFIXES[unit[0]]
        unit = unit[1:]
    return factor, unit


def conversion_factor(from_unit: str, to_unit: str) -> Decimal | None:
    """Multiplier taking a number in ``from_unit`` to ``to_unit``; None when their base units differ."""
    (f_factor, f_base), (t_factor, t_base) = split_unit(from_unit), split_unit(to_unit)
    return f_factor / t_factor if f_base == t_base else None
