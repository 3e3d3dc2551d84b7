"""The ``issues`` row: numbering and publication facts from the mastheads, checked against the sidecar.

Opening masthead: gazette title, English title (one or more upper-case lines), year, ``第N期(总第N期)``.
Closing masthead: title, ``YYYY年第N期(总第N期)``, ``M月D日出版``, then ``key:value`` lines (主管主办单位,
地址, 联系电话, 国内统一刊号, 网址, 印刷单位). A printed fact that disagrees with the sidecar is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.base.errors import SourceError
from pipeline.parse.layout import ISSUE_LINE, Layout
from pipeline.parse.source import RawIssue
from pipeline.text.lines import Line

PUBLISHED = re.compile(r"^(\d{1,2})月(\d{1,2})日出版$")
FIELD_LINE = re.compile(r"^([^::]+)[::](.+)$")
OPENING_ISSUE = re.compile(r"^第(\d+)期\(总第(\d+)期\)$")
REQUIRED_KEYS = ("主管主办单位", "国内统一刊号", "网址")


def _nonblank(lines: Sequence[Line], start: int, stop: int) -> list[Line]:
    return [ln for ln in lines[start:stop] if not ln.blank]


@dataclass(frozen=True)
class _Opening:
    """The lines of the opening masthead and the numbering it prints (year, issue_number, cumulative_number)."""

    title: Line
    english: list[Line]
    year: Line
    number: Line
    printed: dict[str, int]


def read_masthead(lines: Sequence[Line], layout: Layout, path: str) -> dict[str, Any]:
    """The facts both mastheads print (title, English title, numbering, publication date, publisher …), each
    with the line it is printed on (``<field>_line``); the two mastheads must agree with each other."""
    opening = _read_opening(_nonblank(lines, layout.opening_masthead.start, layout.opening_masthead.stop), path)
    closing = _nonblank(lines, layout.closing_masthead.start, layout.closing_masthead.stop)
    if len(closing) < 3:
        raise SourceError(path, closing[0].number if closing else lines[-1].number,
                          "a closing masthead: title, issue line, publication date")
    c_title, c_issue, c_date, *c_fields = closing
    year = _check_closing_issue(c_issue, opening, path)
    if c_title.clean != opening.title.clean:
        raise SourceError(path, c_title.number, f"the title {opening.title.clean} as in the opening masthead",
                          c_title.raw)
    published = _published_date(c_date, year, path)
    fields = _masthead_fields(c_fields, closing[-1], path)
    return {
        "title_zh": opening.title.clean, "title_zh_line": opening.title.number,
        "title_en": " ".join(ln.clean for ln in opening.english), "title_en_line": opening.english[0].number,
        **opening.printed, "year_line": opening.year.number, "issue_number_line": opening.number.number,
        "cumulative_number_line": opening.number.number,
        "published_date": published.isoformat(), "published_date_line": c_date.number,
        "publisher": fields["主管主办单位"], "publisher_line": c_fields[0].number,
        "serial_number": fields["国内统一刊号"], "website": fields["网址"].strip("<>"),
        "closing_start": closing[0].number, "closing_end": closing[-1].number,
    }


def _read_opening(opening: Sequence[Line], path: str) -> _Opening:
    """Title, English title (upper-case lines), year and 第N期(总第N期) of the opening masthead's lines."""
    if len(opening) < 4:
        raise SourceError(path, opening[0].number if opening else 1,
                          "an opening masthead: title, English title, year, 第N期(总第N期)")
    title_line, *english, year_line, number_line = opening
    if not english or not all(re.fullmatch(r"[A-Z' ]+", ln.clean) for ln in english):
        raise SourceError(path, title_line.number + 1, "the English title in capitals")
    m = OPENING_ISSUE.match(number_line.clean)
    if not year_line.clean.isdigit() or not m:
        raise SourceError(path, number_line.number, "the year and a line 第N期(总第N期)", number_line.raw)
    printed = {"year": int(year_line.clean), "issue_number": int(m.group(1)), "cumulative_number": int(m.group(2))}
    return _Opening(title_line, english, year_line, number_line, printed)


def _check_closing_issue(line: Line, opening: _Opening, path: str) -> int:
    """Check the closing masthead's YYYY年第N期(总第N期) against the opening's numbering; its year as printed."""
    ci = ISSUE_LINE.match(line.clean)
    if not ci:
        raise SourceError(path, line.number, "a line YYYY年第N期(总第N期)", line.raw)
    for field, group in (("year", 1), ("issue_number", 2), ("cumulative_number", 3)):
        if int(ci.group(group)) != opening.printed[field]:
            raise SourceError(path, line.number, f"{field} {opening.printed[field]} as in the opening masthead "
                              f"(line {opening.number.number})", line.raw)
    return int(ci.group(1))


def _published_date(line: Line, year: int, path: str) -> dt.date:
    """The publication date of the line M月D日出版 in ``year``."""
    pd = PUBLISHED.match(line.clean)
    if not pd:
        raise SourceError(path, line.number, "a publication date line M月D日出版", line.raw)
    try:
        return dt.date(year, int(pd.group(1)), int(pd.group(2)))
    except ValueError:
        raise SourceError(path, line.number, "a valid calendar date", line.raw) from None


def _masthead_fields(lines: Sequence[Line], last: Line, path: str) -> dict[str, str]:
    """The key:value lines of the closing masthead (each required key present; ``last`` is the masthead's
    last line, named when one is missing)."""
    fields: dict[str, str] = {}
    for ln in lines:
        fm = FIELD_LINE.match(ln.clean)
        if not fm:
            raise SourceError(path, ln.number, "a masthead line key:value", ln.raw)
        fields[fm.group(1)] = fm.group(2)
    for key in REQUIRED_KEYS:
        if key not in fields:
            raise SourceError(path, last.number, f"a masthead line {key}:…")
    return fields


#: Masthead facts that the sidecar records too (and must agree with).
SIDECAR_FACTS = ("title_zh", "title_en", "year", "issue_number", "cumulative_number", "published_date", "publisher")


def parse_issue_row(raw: RawIssue, layout: Layout) -> dict[str, Any]:
    """The ``issues`` row; every printed fact the sidecar records must agree with it."""
    facts = read_masthead(raw.lines, layout, raw.source_path)
    _check_sidecar(facts, raw)
    return {
        "issue_id": raw.issue_id,
        "title_zh": facts["title_zh"],
        "title_en": facts["title_en"],
        "year": facts["year"],
        "issue_number": facts["issue_number"],
        "cumulative_number": facts["cumulative_number"],
        "published_date": dt.date.fromisoformat(facts["published_date"]),
        "publisher": facts["publisher"],
        "serial_number": facts["serial_number"],
        "website": facts["website"],
        "source_path": raw.source_path,
        "source_sha256": raw.sha256,
        "line_start": facts["closing_start"],
        "line_end": facts["closing_end"],
    }


def _check_sidecar(facts: Mapping[str, Any], raw: RawIssue) -> None:
    """Each of ``SIDECAR_FACTS`` as printed equals the sidecar's (text compared without case)."""
    for field in SIDECAR_FACTS:
        expected, printed = raw.meta[field], facts[field]
        same = printed.casefold() == expected.casefold() if isinstance(printed, str) else printed == expected
        if not same:
            raise SourceError(raw.source_path, facts[f"{field}_line"],
                              f"{field} {expected!r} as recorded in the sidecar metadata", str(printed))
