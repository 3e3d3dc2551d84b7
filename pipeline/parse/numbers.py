"""Finding Arabic numbers, with the unit written after them, in cleaned gazette text.

A number is a run of decimal digits with an optional decimal part (``2.8``, ``45.6``); a point not followed
by a digit is not part of it (``1.统筹用好…`` is the number 1 and a list marker's point). The unit is what
follows directly: an optional magnitude (万, 亿, 万亿) and a measure word from ``MEASURE_WORDS`` (``45.6万人年``,
``7200亿元``, ``250万平方米``, ``2.8%``), or the magnitude alone. The text must be cleaned (spaces folded,
``pipeline.text.normalise``): ``超过 10 万台`` and ``2016 年`` are then ``超过10万台`` and ``2016年``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Measure words, longest first where one is a prefix of another.
MEASURE_WORDS: tuple[str, ...] = (
    "平方米", "人年", "家次", "%", "\uff05", "家", "件", "个", "项", "名", "次", "台", "元", "人", "年", "月", "日", "号",
)
MAGNITUDES: tuple[str, ...] = ("万亿", "万", "亿")
#: Measure words that place a number in time or in a numbering, not in a quantity.
CALENDAR_WORDS = frozenset({"年", "月", "日", "号"})

_NUMBER = re.compile(r"(?<![\d.．])\d+(?:[.．]\d+)?")
_UNIT = re.compile("(?:" + "|".join(MAGNITUDES) + ")?(?:" + "|".join(re.escape(u) for u in MEASURE_WORDS) + ")"
                   "|(?:" + "|".join(MAGNITUDES) + ")")
#: Two numbers that only a space separates (``1 500``): the cleaned text keeps such spaces, and reading them as
#: one number or two would be a guess.
SPACED_DIGITS = re.compile(r"\d \d")


@dataclass(frozen=True)
class Number:
    """One number in a text: ``text[start:end]`` is the numeral, ``text[end:unit_end]`` its unit (maybe empty)."""

    start: int
    end: int
    text: str
    unit: str | None
    unit_end: int

    @property
    def value(self) -> float:
        return float(self.text.replace("．", "."))

    @property
    def is_quantity(self) -> bool:
        """True if a measure word (not a calendar or numbering word) follows the number."""
        return self.unit is not None and self.unit not in CALENDAR_WORDS


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, in order, with the unit written right after it (None if none)."""
    found: list[Number] = []
    for m in _NUMBER.finditer(text):
        unit = _UNIT.match(text, m.end())
        found.append(Number(start=m.start(), end=m.end(), text=m.group(0), unit=unit.group(0) if unit else None,
                            unit_end=unit.end() if unit else m.end()))
    return found
