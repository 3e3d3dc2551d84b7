"""The text of chart labels: compact Chinese and English unit names, and region names. Pure string work, no
drawing and no frames beyond the regions table.
"""

from __future__ import annotations

import re
from typing import Mapping

import polars as pl


def short_en(name_en: str | None, limit: int = 40) -> str:
    """A compact English unit name for chart labels (the full one is in units.name_en)."""
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
    return s if len(s) <= limit else s[:limit - 1].rstrip() + "…"


def short_zh(name_zh: str, limit: int = 10) -> str:
    return name_zh if len(name_zh) <= limit else name_zh[:limit - 1] + "…"


def unit_label(unit: Mapping[str, object], sep: str = "  ", limit: int = 40) -> str:
    """'省科技厅  Dept. of Science & Technology': the Chinese short name, then a compact English one."""
    zh = short_zh(str(unit["name_zh"]), 10 if limit >= 40 else 8)
    en = short_en(unit.get("name_en"), limit)  # type: ignore[arg-type]
    return f"{zh}{sep}{en}" if en else zh


def region_labels(regions: pl.DataFrame) -> dict[str, str]:
    """region_code -> '杭州 Hangzhou' (short Chinese name as the tables print it, and the English name)."""
    return {r["region_code"]: f"{r['short_name_zh']} {r['name_en']}" for r in regions.iter_rows(named=True)}
