"""Segmentation of one issue into opening masthead, table of contents, documents and closing masthead.

A document starts, by its structure, at

- its title: the block of non-blank lines immediately before a line that is *only* a document number
  (``浙政发〔2016〕24号``, ``浙政函[2021]12号``: any series, any bracket style). Signatures (``浙江省人民政府``) and
  cited numbers inside sentences (``(浙政发〔2016〕11号)``) therefore never open a document;
- a government order's head: a line ``浙江省人民政府令`` followed by a line ``第N号``;
- a title the table of contents lists without a number, printed alone in the body (a document in a form no
  reader knows; it is published with its sections and queued for review).

The closing masthead starts at the gazette title line that precedes the ``YYYY年第N期(总第N期)`` line after the
last document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.patterns import (
    DOC_NUMBER_LINE,
    DOC_NUMBER_TEXT,
    ORDER_HEAD,
    ORDER_NUMBER_LINE,
    ORDER_NUMBER_TEXT,
    ORDER_SERIES,
    normalise_doc_number,
)
from pipeline.text.lines import Line

TOC_HEADING = "目录"
#: The last line of a TOC entry with a number: (title tail)(文号 or order number)(page); groups: tail, number, page.
TOC_ENTRY_END = re.compile(rf"^(.*?)[(（]({DOC_NUMBER_TEXT}|{ORDER_NUMBER_TEXT})[)）][(（](\d+)[)）]$")
#: The last line of a TOC entry without a number: title (tail), then (page); groups: tail, page.
TOC_BARE_END = re.compile(r"^(|.*[^\d(（)）])[(（](\d{1,3})[)）]$")
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


def toc_entry_end(clean: str) -> tuple[str, str | None, int] | None:
    """(title tail, printed number or None, page) if ``clean`` ends a TOC entry, else None."""
    if m := TOC_ENTRY_END.match(clean):
        return m.group(1), m.group(2), int(m.group(3))
    if m := TOC_BARE_END.match(clean):
        return m.group(1), None, int(m.group(2))
    return None


def is_order_head(lines: Sequence[Line], i: int) -> bool:
    """Line ``i`` is 浙江省人民政府令 and the next non-blank line 第N号."""
    j = _next_nonblank(lines, i + 1) if ORDER_HEAD.match(lines[i].clean) else None
    return j is not None and bool(ORDER_NUMBER_LINE.match(lines[j].clean))


def _numbered_starts(lines: Sequence[Line], toc_at: int, source_path: str) -> list[int]:
    """Title lines of the documents printed with a 文号 line, and the head lines of orders."""
    starts: list[int] = []
    for i, ln in enumerate(lines):
        if i <= toc_at:
            continue
        if is_order_head(lines, i):
            starts.append(i)
        elif DOC_NUMBER_LINE.match(ln.clean):
            title = i - 1
            while title > toc_at and lines[title].blank:
                title -= 1
            while title - 1 > toc_at and not lines[title - 1].blank:
                title -= 1
            if title <= toc_at or lines[title].blank:
                raise SourceError(source_path, ln.number, "a document title above the document number")
            starts.append(title)
    return starts


def segment(lines: Sequence[Line], source_path: str) -> Layout:
    toc_at = next((i for i, ln in enumerate(lines) if ln.clean == TOC_HEADING), None)
    if toc_at is None:
        where = next((ln for ln in lines if ln.clean.startswith("【")), lines[0] if lines else None)
        raise SourceError(source_path, where.number if where else 1,
                          f"a table of contents heading {TOC_HEADING!r} above the first category",
                          where.raw if where else None)
    numbered = _numbered_starts(lines, toc_at, source_path)
    listed = _listed_starts(lines, toc_at, numbered, source_path)
    starts = sorted(set(numbered) | set(listed))
    if not starts:
        raise SourceError(source_path, lines[toc_at].number, "at least one document after the table of contents "
                                                             "(a title followed by a line holding only its document "
                                                             "number, e.g. 浙政发〔2016〕24号; an order 浙江省人民政府令 "
                                                             "/ 第N号; or a title the table of contents lists)")
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


def _toc_entries(lines: Sequence[Line], toc_at: int, stop: int) -> tuple[list[tuple[str, str | None]], int]:
    """The entries (title without spaces, normalised number or None) of the table of contents starting at
    ``toc_at`` and ending before ``stop`` or at the first run of three non-entry lines; the index after them."""
    entries: list[tuple[str, str | None]] = []
    pending: list[str] = []
    body = toc_at + 1
    for i in range(toc_at + 1, stop):
        clean = lines[i].clean
        if lines[i].blank:
            continue
        if end := toc_entry_end(clean):
            tail, number = _squeeze(end[0]), end[1]
            entries.append(("".join(pending) + tail, normalise_doc_number(number) if number else None))
            pending, body = [], i + 1
        elif clean.startswith("【") and clean.endswith("】"):
            pending = []
        elif entries and len(pending) >= 3:
            break  # past the table of contents
        else:
            pending.append(_squeeze(clean))
    return entries, body


def _find_title(lines: Sequence[Line], nonblank: Sequence[int], title: str) -> tuple[int, int] | None:
    """(position in ``nonblank`` of the first line, of the line after) of the first run of lines that, spaces
    squeezed, spell ``title``; None if none does."""
    for k in range(len(nonblank)):
        joined, end = "", k
        while end < len(nonblank) and len(joined) < len(title):
            joined += _squeeze(lines[nonblank[end]].clean)
            end += 1
        if joined == title:
            return k, end
    return None


def _listed_starts(lines: Sequence[Line], toc_at: int, numbered: Sequence[int], source_path: str) -> list[int]:
    """Title lines of documents the TOC lists without a number and the body prints (first match after the TOC).

    A title listed *with* a number and printed without its number line is refused: the number line of a
    notice was lost (without this, the document would merge into the one before and the error would point
    elsewhere)."""
    entries, body = _toc_entries(lines, toc_at, min(numbered, default=len(lines)))
    printed = {normalise_doc_number(ln.clean) for ln in lines[body:] if DOC_NUMBER_LINE.match(ln.clean)}
    printed |= {f"{ORDER_SERIES}{lines[_next_nonblank(lines, i + 1) or i].clean}"
                for i in range(body, len(lines)) if is_order_head(lines, i)}
    nonblank = [i for i in range(body, len(lines)) if not lines[i].blank]
    starts = []
    for title, number in entries:
        if not title or number in printed:
            continue
        found = _find_title(lines, nonblank, title)
        if found is None:
            continue  # not printed: a toc_mismatch review item (pipeline.parse.toc_match)
        k, end = found
        if number is not None:
            after = lines[nonblank[end]] if end < len(nonblank) else None
            raise SourceError(source_path, lines[nonblank[k]].number,
                              f"the title of {number} (listed in the table of contents) followed by a line "
                              f"holding only its document number {number}",
                              after.raw if after is not None else "end of file")
        starts.append(nonblank[k])
    return starts
