"""Finding Arabic numbers, with the unit written after them, in cleaned gazette text.

A number is a run of decimal digits with an optional decimal part (``2.8``, ``45.6``); a point not followed
by a digit is not part of it (``1.统筹用好…`` is the number 1 and a list marker's point). Nor is a list marker
ever fused into a number: where a marker stands (at the start of the text, or after a colon or a space) and a
year follows its point (``附件:1.2017—2021年…``, ``1.2020年,…``), the marker and the year are two numbers,
1 and 2017, not 1.2017 (``LIST_POINT``).

The unit is what follows directly: an optional magnitude (``MAGNITUDES``: 万, 亿, 万亿) and a measure word
from ``MEASURE_WORDS``, kept whole (``45.6万人年``, ``7200亿元``, ``5万亩``, ``120万吨标准煤``, ``80亿千瓦时``,
``2.8%``), or the magnitude alone. The measure words are data: a word is added to the tuple, longest-first
order is the module's job. The text must be cleaned (spaces folded, ``pipeline.text.normalise``):
``超过 10 万台`` and ``2016 年`` are then ``超过10万台`` and ``2016年``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Measure words as written after a number (a magnitude before one is part of the unit: 万 + 吨标准煤).
MEASURE_WORDS: tuple[str, ...] = (
    # shares, counts of units and events
    "%", "\uff05", "个百分点", "倍", "家", "家次", "件", "个", "项", "名", "次", "人", "人次", "人年", "户", "所", "座",
    "台", "辆", "套", "艘", "条",
    # money, area, length, mass, energy
    "元", "美元", "平方米", "平方公里", "公顷", "亩", "公里", "千米", "吨", "吨标准煤", "千瓦", "千瓦时",
    # time and numbering
    "年", "月", "日", "号",
)
MAGNITUDES: tuple[str, ...] = ("万亿", "万", "亿")
#: Measure words that place a number in time or in a numbering, not in a quantity.
CALENDAR_WORDS = frozenset({"年", "月", "日", "号"})

_NUMBER = re.compile(r"(?<![\d.．])\d+(?:[.．]\d+)?")


def _longest_first(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT = re.compile(f"(?:{_longest_first(MAGNITUDES)})?(?:{_longest_first(MEASURE_WORDS)})|(?:{_longest_first(MAGNITUDES)})")
#: The point of a list marker: not followed by a digit, or followed by a year (a 4-digit number before 年 or a
#: dash): ``1.``, ``2.2017—2021年``.
LIST_POINT = r"[.．](?:(?!\d)|(?=\d{4}(?:年|[—–-])))"
#: A list marker with a year after its point, where a marker stands: group 1 is the marker's number.
MARKER_BEFORE_YEAR = re.compile(r"(?:(?<=^)|(?<=[:\uff1a\s]))(\d{1,2})[.．](?=\d{4}(?:年|[—–-]))")
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


def _number(text: str, start: int, end: int) -> Number:
    unit = _UNIT.match(text, end)
    return Number(start=start, end=end, text=text[start:end], unit=unit.group(0) if unit else None,
                  unit_end=unit.end() if unit else end)


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, in order, with the unit written right after it (None if none)."""
    found: list[Number] = []
    for m in _NUMBER.finditer(text):
        marker = MARKER_BEFORE_YEAR.match(text, m.start())
        if marker:
            found.append(_number(text, m.start(), marker.end(1)))
            found.append(_number(text, marker.end(), m.end()))
        else:
            found.append(_number(text, m.start(), m.end()))
    return found
