"""The text of chart labels: compact Chinese and English unit names, and region names. Pure string work, no
drawing and no frames beyond the regions table.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

import polars as pl


def short_en(name_en: str | None) -> str:
    """A compact English unit name for chart labels (common words abbreviated, never cut; the full one is in
    units.name_en)."""
    if not name_en:
        return ""
    s = name_en
    for phrase in (" of the People's Government of Zhejiang Province", " of Zhejiang Province",
                   " of the CPC Zhejiang Provincial Committee"):
        s = s.replace(phrase, "")
    s = re.sub(r"^(The )?Zhejiang (Provincial )?", "", s)
    for long, short in (("Department", "Dept."), ("Commission", "Comm."), ("Administration", "Admin."),
                        ("People's Government", "Gov."), ("Corporation", "Corp."), ("Association", "Assoc."),
                        ("Entry-Exit Inspection and Quarantine", "Inspection & Quarantine"), (" and ", " & ")):
        s = s.replace(long, short)
    return s


def text_width(text: str) -> int:
    """Width in Latin-character units: a CJK character (or full-width sign) counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` units (``text_width``): broken at spaces, and between any two
    characters of a word wider than a line (CJK text has no spaces). Nothing is left out."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and text_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line else lines


def unit_label_lines(unit: Mapping[str, object], width: int) -> list[str]:
    """The unit's label in lines of at most ``width`` units: '省科技厅 Dept. of Science & Technology' on one
    line where it fits, else the Chinese name, then the compact English name, each wrapped; never cut."""
    zh, en = str(unit["name_zh"]), short_en(unit.get("name_en"))  # type: ignore[arg-type]
    one = f"{zh} {en}" if en else zh
    if text_width(one) <= width:
        return [one]
    return wrap(zh, width) + (wrap(en, width) if en else [])


def region_labels(regions: pl.DataFrame) -> dict[str, str]:
    """region_code -> '杭州 Hangzhou' (short Chinese name as the tables print it, and the English name)."""
    return {r["region_code"]: f"{r['short_name_zh']} {r['name_en']}" for r in regions.iter_rows(named=True)}
