"""Recognisers shared by the parsers: document numbers, dates, numbering markers, Chinese numerals.

All patterns apply to *cleaned* text (spaces folded, see ``pipeline.text.normalise``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping

from pipeline.parse.numbers import LIST_POINT
from pipeline.parse.numerals import CHARACTERS as NUMERAL_CHARACTERS
from pipeline.parse.numerals import chinese_numeral

#: A document number (文号): a series prefix of Chinese characters (浙政发, 浙政办发, 浙政函 …), the year in
#: brackets of any printed style (〔〕, [], (), （）, ［］, 【】, normalised to 〔〕 by ``normalise_doc_number``), the
#: serial number and 号. Groups: prefix, year, serial. ``YEAR_OPEN`` / ``YEAR_CLOSE`` are the one list of those
#: brackets (character-class contents), also used for 文号 cited in prose (``pipeline.parse.number_rules``).
YEAR_OPEN, YEAR_CLOSE = r"〔\[(（［【", r"〕\])）］】"
DOC_NUMBER_TEXT = rf"[\u4e00-\u9fff]{{2,8}}[{YEAR_OPEN}]\d{{4}}[{YEAR_CLOSE}]\d+号"
DOC_NUMBER_LINE = re.compile(rf"^([\u4e00-\u9fff]{{2,8}})[{YEAR_OPEN}](\d{{4}})[{YEAR_CLOSE}](\d+)号$")
#: A government order (政府令): the line 浙江省人民政府令, then a line 第N号; its number is published as
#: ``ORDER_SERIES`` + 第N号 (浙江省人民政府令第381号). The table of contents may print 省政府令第N号.
ORDER_SERIES = "浙江省人民政府令"
ORDER_HEAD = re.compile(rf"^{ORDER_SERIES}$")
ORDER_NUMBER_LINE = re.compile(r"^第(\d+)号$")
ORDER_NUMBER_TEXT = r"(?:浙江省人民政府|省政府|省人民政府)令第\d+号"
ORDER_NUMBER = re.compile(r"^(?:浙江省人民政府|省政府|省人民政府)令第(\d+)号$")
#: The signature of an order: the governor's title and name (省长 某某; spaces folded: 省长某某).
SIGNATORY_LINE = re.compile(r"^(?:代理)?省长[\u4e00-\u9fff·]{2,5}$")
#: A publication note under the signing date: (此件公开发布), (此件主动公开) …
PUBLICATION_NOTE = re.compile(r"^[(（]此件[\u4e00-\u9fff]{2,10}[)）]$")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
ISSUER_LINE = re.compile(r"^浙江省人民政府(办公厅)?$")
EFFECTIVE_CLAUSE = re.compile(r"^本(?:意见|行动方案|方案|办法|通知|规定|决定|计划|细则)自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施)。$")
#: An effective date inside a sentence (an order's promulgation: …现予公布,自2024年5月1日起施行。)
EFFECTIVE_IN_TEXT = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施)")
ATTACHMENT_LIST = re.compile(r"^附件[::]")
ATTACHMENT_HEADING = re.compile(r"^附件(\d+)$")

_CN = "一二三四五六七八九十"

#: marker type -> pattern capturing (marker, numeral, rest)
MARKERS: dict[str, re.Pattern[str]] = {
    "cn": re.compile(rf"^(([{_CN}]+)、)(.*)$"),
    "paren_cn": re.compile(rf"^([((]([{_CN}]+)[))])(.*)$"),
    #: 1. 2. …, also before a year (1.2017—2021年…: see pipeline.parse.numbers.LIST_POINT)
    "arabic": re.compile(rf"^((\d{{1,2}}){LIST_POINT})(.*)$"),
    "chapter": re.compile(rf"^(第([{NUMERAL_CHARACTERS}]+)章)\s*(.*)$"),
    "article": re.compile(rf"^(第([{NUMERAL_CHARACTERS}]+)条)\s*(.*)$"),
}

#: A paragraph ending in one of these ends at a page break; otherwise the next part continues it.
TERMINAL_PUNCTUATION = tuple("。;;::!!??))”」』")


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


def normalise_doc_number(printed: str) -> str | None:
    """The published form of a printed document number: 〔〕 around the year (浙政函[2021]12号 -> 浙政函〔2021〕12号),
    an order as 浙江省人民政府令第N号; None if ``printed`` is neither."""
    if m := DOC_NUMBER_LINE.match(printed):
        return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    if m := ORDER_NUMBER.match(printed):
        return f"{ORDER_SERIES}第{m.group(1)}号"
    return None


def document_id(doc_number: str, series: Mapping[str, str]) -> tuple[str, bool]:
    """(document_id, whether the series is curated) for a (normalised or printed) document number.

    ``series`` maps a series prefix to its id prefix (raw/reference/document_series.csv): 浙政发〔2016〕24号 ->
    zjzf-2016-24; an order 浙江省人民政府令第381号 -> <prefix of 浙江省人民政府令>-381 (orders are numbered
    without a year). A prefix it lacks gets the provisional ``x<6 hex digits of its SHA-256>``.
    """
    normal = normalise_doc_number(doc_number)
    if normal is None:
        raise ValueError(f"not a document number: {doc_number!r}")
    if m := ORDER_NUMBER.match(normal):
        prefix, tail = ORDER_SERIES, m.group(1)
    else:
        m = DOC_NUMBER_LINE.match(normal)
        assert m is not None
        prefix, tail = m.group(1), f"{m.group(2)}-{int(m.group(3))}"
    known = prefix in series
    id_prefix = series[prefix] if known else "x" + hashlib.sha256(prefix.encode("utf-8")).hexdigest()[:6]
    return f"{id_prefix}-{tail}", known
