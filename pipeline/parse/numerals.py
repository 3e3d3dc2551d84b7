"""Chinese numerals as printed in gazette numbering (第二十三条, (十二), 第一百零五条): text -> int, up to 9999.

No maintained converter is pinned in requirements.lock (cn2an is on PyPI but not installed), so this is a small
pure function. It reads the forms gazettes print: 一 … 九, 十 (十二 = 12), 百, 千 and 零 (一百零五 = 105), also 两
before a unit (两千 = 2000); it refuses anything else rather than guessing.
"""

from __future__ import annotations

DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
#: every character a numeral may hold
CHARACTERS = "".join(DIGITS) + "".join(UNITS)


def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105, 三千二百 -> 3200 (1..9999); ValueError else."""
    if not text or any(ch not in CHARACTERS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit, last_unit, zero_seen = 0, None, 10_000, False
    for ch in text:
        if ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit or (digit is None and (unit != 10 or total)) or digit == 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero_seen = None, unit, False
        elif ch == "零":
            if digit is not None or zero_seen or not total:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            zero_seen = True
        else:
            if digit is not None or (ch == "两" and len(text) == 1):
                raise ValueError(f"not a Chinese numeral: {text!r}")
            digit = DIGITS[ch]
    if digit is not None:
        if last_unit not in (10, 10_000) and not zero_seen:  # 一百五: a shortened 150, not read
            raise ValueError(f"not a Chinese numeral: {text!r}")
        total += digit
    if not 1 <= total <= 9999:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return total
