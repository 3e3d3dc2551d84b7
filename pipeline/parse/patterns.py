"""Recognisers shared by the parsers: document numbers, dates, numbering markers, Chinese numerals.

All patterns apply to *cleaned* text (spaces folded, see ``pipeline.text.normalise``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping

from pipeline.parse.numbers import LIST_POINT

#: A document number (文号): a series prefix of Chinese characters (浙政发, 浙政办发, 浙政函 …), the year in 〔〕,
#: the serial number and 号. Groups: prefix, year, serial.
DOC_NUMBER_TEXT = r"[\u4e00-\u9fff]{2,8}〔\d{4}〕\d+号"
DOC_NUMBER_LINE = re.compile(r"^([\u4e00-\u9fff]{2,8})〔(\d{4})〕(\d+)号$")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
ISSUER_LINE = re.compile(r"^浙江省人民政府(办公厅)?$")
EFFECTIVE_CLAUSE = re.compile(r"^本(?:意见|行动方案|方案|办法|通知|规定|决定|计划|细则)自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施)。$")
ATTACHMENT_LIST = re.compile(r"^附件[::]")
ATTACHMENT_HEADING = re.compile(r"^附件(\d+)$")

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

#: marker type -> pattern capturing (marker, numeral, rest)
MARKERS: dict[str, re.Pattern[str]] = {
    "cn": re.compile(rf"^(([{_CN}]+)、)(.*)$"),
    "paren_cn": re.compile(rf"^([((]([{_CN}]+)[))])(.*)$"),
    #: 1. 2. …, also before a year (1.2017—2021年…: see pipeline.parse.numbers.LIST_POINT)
    "arabic": re.compile(rf"^((\d{{1,2}}){LIST_POINT})(.*)$"),
}

#: A paragraph ending in one of these ends at a page break; otherwise the next part continues it.
TERMINAL_PUNCTUATION = tuple("。;;::!!??))”」』")


def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (up to 99)."""
    if not text or any(ch not in _CN for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return CN_DIGITS[text]
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def match_marker(text: str) -> tuple[str, str, int, str] | None:
    """(marker type, marker as printed, ordinal, rest) for a numbered paragraph, else None."""
    for kind, pattern in MARKERS.items():
        m = pattern.match(text)
        if m:
            numeral = m.group(2)
            try:
                ordinal = int(numeral) if kind == "arabic" else chinese_numeral(numeral)
            except ValueError:
                continue
            return kind, m.group(1), ordinal, m.group(3)
    return None


def parse_date(text: str) -> dt.date | None:
    """A YYYY年M月D日 line as a date; None if it is not one, or names no calendar day (2016年13月1日)."""
    m = DATE_LINE.match(text)
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def document_id(doc_number: str, series: Mapping[str, str]) -> tuple[str, bool]:
    """(document_id, whether the series is curated) for a document number.

    ``series`` maps a series prefix to its id prefix (raw/reference/document_series.csv): 浙政发〔2016〕24号 ->
    zjzf-2016-24. A prefix it lacks gets the provisional ``x<6 hex digits of its SHA-256>``.
    """
    m = DOC_NUMBER_LINE.match(doc_number)
    if not m:
        raise ValueError(f"not a document number: {doc_number!r}")
    prefix, year, serial = m.group(1), m.group(2), int(m.group(3))
    known = prefix in series
    id_prefix = series[prefix] if known else "x" + hashlib.sha256(prefix.encode("utf-8")).hexdigest()[:6]
    return f"{id_prefix}-{year}-{serial}", known
