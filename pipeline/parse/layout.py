"""Segmentation of one issue into opening masthead, table of contents, documents and closing masthead.

A document starts at its title: the block of non-blank lines immediately before a line that is *only* a
document number (``浙政发〔2016〕24号``). Signatures (``浙江省人民政府``) and cited numbers inside sentences
(``(浙政发〔2016〕11号)``) therefore never open a document. The closing masthead starts at the gazette title
line that precedes the ``YYYY年第N期(总第N期)`` line after the last document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.patterns import DOC_NUMBER_LINE
from pipeline.text.lines import Line

TOC_HEADING = "目录"
TOC_ENTRY_END = re.compile(r"^\((浙政(?:办)?发〔\d{4}〕\d+号)\)\((\d+)\)$")
ISSUE_LINE = re.compile(r"^(\d{4})年第(\d+)期\(总第(\d+)期\)$")


@dataclass(frozen=True)
class Span:
    """Indices into the issue's line list, ``start`` inclusive, ``stop`` exclusive."""

    start: int
    stop: int


@dataclass(frozen=True)
class Layout:
    opening_masthead: Span
    toc: Span
    documents: tuple[Span, ...]
    closing_masthead: Span


def _next_nonblank(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i, len(lines)):
        if not lines[j].blank:
            return j
    return None


def _trim(lines: Sequence[Line], start: int, stop: int) -> Span:
    while stop > start and lines[stop - 1].blank:
        stop -= 1
    return Span(start, stop)


def segment(lines: Sequence[Line], source_path: str) -> Layout:
    toc_at = next((i for i, ln in enumerate(lines) if ln.clean == TOC_HEADING), None)
    if toc_at is None:
        where = next((ln for ln in lines if ln.clean.startswith("【")), lines[0] if lines else None)
        raise SourceError(source_path, where.number if where else 1,
                          f"a table of contents heading {TOC_HEADING!r} above the first category",
                          where.raw if where else None)
    starts: list[int] = []
    for i, ln in enumerate(lines):
        if i > toc_at and DOC_NUMBER_LINE.match(ln.clean):
            title = i - 1
            while title > toc_at and lines[title].blank:
                title -= 1
            while title - 1 > toc_at and not lines[title - 1].blank:
                title -= 1
            if title <= toc_at or lines[title].blank:
                raise SourceError(source_path, ln.number, "a document title above the document number")
            starts.append(title)
    _check_listed_titles_have_numbers(lines, toc_at, source_path)
    if not starts:
        raise SourceError(source_path, lines[toc_at].number, "at least one document after the table of contents "
                                                             "(a title followed by a line holding only "
                                             "its document number, e.g. 浙政发〔2016〕24号)")
    closing_issue = next((i for i in range(len(lines) - 1, starts[-1], -1) if ISSUE_LINE.match(lines[i].clean)), None)
    if closing_issue is None:
        raise SourceError(source_path, len(lines), "a closing masthead line like 2016年第26期(总第1129期)")
    closing = closing_issue - 1
    while closing > starts[-1] and lines[closing].blank:
        closing -= 1
    opening = _trim(lines, 0, toc_at)
    if opening.start == opening.stop:
        raise SourceError(source_path, 1, "an opening masthead before the table of contents")
    documents = tuple(_trim(lines, s, e) for s, e in zip(starts, [*starts[1:], closing]))
    return Layout(
        opening_masthead=Span(_next_nonblank(lines, 0) or 0, opening.stop),
        toc=_trim(lines, toc_at, starts[0]),
        documents=documents,
        closing_masthead=_trim(lines, closing, len(lines)),
    )


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _check_listed_titles_have_numbers(lines: Sequence[Line], toc_at: int, source_path: str) -> None:
    """A title listed in the table of contents and printed in the body must be followed by its 文号 line.

    Without this, a removed 文号 line merges the document into the table of contents and the error would
    point at the end of the TOC instead of the document whose number is missing.
    """
    entries: list[tuple[str, str]] = []  # (title without spaces, 文号)
    pending: list[str] = []
    body = toc_at + 1
    for i in range(toc_at + 1, len(lines)):
        clean = lines[i].clean
        if lines[i].blank:
            continue
        if m := TOC_ENTRY_END.match(clean):
            entries.append(("".join(pending), m.group(1)))
            pending, body = [], i + 1
        elif clean.startswith("【") and clean.endswith("】"):
            pending = []
        elif entries and len(pending) >= 3:
            break  # past the table of contents
        else:
            pending.append(_squeeze(clean))
    printed = {ln.clean for ln in lines[body:] if DOC_NUMBER_LINE.match(ln.clean)}
    nonblank = [i for i in range(body, len(lines)) if not lines[i].blank]
    for title, number in entries:
        if number in printed or not title:
            continue
        for k, i in enumerate(nonblank):
            joined, end = "", k
            while end < len(nonblank) and len(joined) < len(title):
                joined += _squeeze(lines[nonblank[end]].clean)
                end += 1
            if joined == title:
                after = lines[nonblank[end]] if end < len(nonblank) else None
                raise SourceError(source_path, lines[i].number,
                                  f"the title of {number} (listed in the table of contents) followed by a line "
                                  f"holding only its document number {number}",
                                  after.raw if after is not None else "end of file")
