"""Recognisers shared by the parsers: document numbers, dates, numbering markers, Chinese numerals.

All patterns apply to *cleaned* text (spaces folded, see ``pipeline.text.normalise``).
"""

from __future__ import annotations

import datetime as dt
import re

DOC_NUMBER = re.compile(r"浙政(办)?发〔(\d{4})〕(\d+)号")
DOC_NUMBER_LINE = re.compile(r"^浙政(办)?发〔(\d{4})〕(\d+)号$")
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
    "arabic": re.compile(r"^((\d{1,2})[.．](?!\d))(.*)$"),
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


def document_id(doc_number: str) -> str:
    """浙政发〔2016〕24号 -> zjzf-2016-24; 浙政办发〔2016〕89号 -> zjzbf-2016-89."""
    m = DOC_NUMBER_LINE.match(doc_number)
    if not m:
        raise ValueError(f"not a document number: {doc_number!r}")
    return f"zjz{'b' if m.group(1) else ''}f-{m.group(2)}-{int(m.group(3))}"
