"""The text model shared by the structural variants (``variants.py``, ``form_variants.py``): what a variant
returns (``Variant``, its ``Item`` s), where the documents of a derived issue are, and ``locate``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DOC_NUMBER_LINE = re.compile(r"^浙政(办)?发〔(\d{4})〕(\d+)号$")
TOC_PAGE = re.compile(r"^(\(浙政(?:办)?发〔\d{4}〕[ ]*\d+[ ]*号[ ]*\)[ ]*\()(\d+)(\)[ ]*)$")
ATTACHMENT_LIST = re.compile(r"^附件[:：]\s*1[.．]")
ATTACHMENT_HEADING = re.compile(r"^附件[ ]*(\d+)$")
YEAR_HEADER = re.compile(r"^\t?年度\t")
LEAD_CLAUSE = re.compile(r"\(牵头单位[:：][^()]*\)$")
DUTY_CLAUSE = re.compile(r"\([^()]*负责[^()]*\)$")
MEASURE_ITEM = re.compile(r"^(\d+)[.．][ ]*([^。]+)。")


@dataclass
class Item:
    kind: str
    text: str
    line: int = 0
    count: int = 0
    lines: list[int] = field(default_factory=list)
    document_id: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "line": self.line, "count": self.count,
                               "lines": self.lines, "document_id": self.document_id}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Variant:
    kind: str
    text: str
    planted: list[Item] = field(default_factory=list)
    changes: list[Item] = field(default_factory=list)
    #: table -> rows expected, overriding the real issue's count (None: not exact, left out)
    expect: dict[str, Any] = field(default_factory=dict)
    #: table -> rows more (or fewer) than the real issue's
    expect_delta: dict[str, int] = field(default_factory=dict)
    #: False: the corpus gives this issue's documents no task scope (raw/reference/task_scopes.csv)
    task_scopes: bool = True
    #: (normalised) numbers of the documents the variant adds (no real document they derive from)
    added_documents: list[str] = field(default_factory=list)


# --- helpers -----------------------------------------------------------------------------------------------


def _documents(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based line index, document number) of each document's number line in the body, in order."""
    return [(i, ln) for i, ln in enumerate(lines) if DOC_NUMBER_LINE.match(ln)]


def _document_span(lines: list[str], ordinal: int) -> range:
    """Line indices from document ``ordinal``'s number line to the line before the next document's title."""
    docs = _documents(lines)
    start = docs[ordinal][0]
    stop = docs[ordinal + 1][0] - 2 if ordinal + 1 < len(docs) else len(lines)
    return range(start, stop)


def _shift_toc(lines: list[str], after: int, shift: int) -> None:
    """Shift the page numbers of the table-of-contents entries after the ``after``-th (0-based) by ``shift``."""
    entries = [i for i, ln in enumerate(lines[: _documents(lines)[0][0]]) if TOC_PAGE.match(ln)]
    for i in entries[after + 1:]:
        m = TOC_PAGE.match(lines[i])
        assert m
        lines[i] = f"{m.group(1)}{int(m.group(2)) + shift}{m.group(3)}"


def _clause_lines(lines: list[str], span: range) -> list[int]:
    return [i for i in span if LEAD_CLAUSE.search(lines[i]) or DUTY_CLAUSE.search(lines[i])]


def locate(text: str, items: list[Item], document_ids: Callable[[str], str]) -> None:
    """Fill in ``line`` (first raw line holding ``item.text``, 1-based), ``count`` and ``document_id``."""
    lines = text.split("\n")
    docs = _documents(lines)
    for item in items:
        index = next((i for i, ln in enumerate(lines) if item.text in ln), None)
        if index is None:
            raise AssertionError(f"planted text not found: {item.text!r}")
        item.line = index + 1
        item.count = text.count(item.text)
        item.lines = [i + 1 for i, ln in enumerate(lines) if item.text in ln]
        if item.document_id is not None and item.document_id.endswith("号"):
            item.document_id = document_ids(item.document_id)  # given as the document's (normalised) number
        elif item.document_id is None:
            owner = [number for start, number in docs if start <= index]
            item.document_id = document_ids(owner[-1]) if owner else None
