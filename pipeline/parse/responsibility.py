"""Responsibility clauses: the bracket that closes a task item and names its lead and participating units.

Two conventions occur (both on cleaned text, spaces folded):

- ``labelled``: ``(牵头单位:A、B;参与单位:C、D等)``; the participant part is optional.
- ``first_listed_leads``: ``(A、B、C负责)``; the first listed unit leads, the others participate. A document
  announces it in its first clause with the rider ``,列首位者为牵头单位,下同`` (see ``detect_convention``),
  which is not a unit and is stripped.

A clause is the *last* bracketed group at the very end of the item text, matched backwards through nested
brackets, so brackets inside the text (``中国(杭州、宁波)跨境电子商务综合试验区``, ``县(市、区)``) are never
taken; it counts as a responsibility clause only if it starts with ``牵头单位`` or ends in ``负责`` once the
rider is stripped. Half-width ``()`` and full-width ``（）`` are accepted, and ``〔〕`` inside a unit name
(``省科技厅〔省知识产权局〕``) belongs to the name. A trailing ``等`` marks the list as open-ended. Each unit list
is read by the one list reader of ``responsibility_forms`` (``read_units``) with the reading its label has in
the form table (牵头单位: all lead; 参与单位: all participate; ``…负责``: as 责任单位, the first listed leads).

Everything here is pure; errors are ``SourceError`` naming the caller's path and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.base.errors import SourceError
from pipeline.parse.responsibility_forms import FORMS_BY_LABEL, OPEN_ENDED, read_units

LABELLED = "labelled"
FIRST_LISTED_LEADS = "first_listed_leads"
CONVENTIONS = (LABELLED, FIRST_LISTED_LEADS)

LEAD = "lead"
PARTICIPANT = "participant"
ROLES = (LEAD, PARTICIPANT)

OPEN = "(（"
CLOSE = ")）"
_PAIRS = {")": "(", "）": "（", "〕": "〔", "]": "["}
_OPENERS = set(_PAIRS.values())

#: The rider announcing ``first_listed_leads`` (``列首位者为牵头单位,下同``), with either comma width.
RIDER = re.compile(r"[,，]\s*列首位者为牵头单位\s*(?:[,，]\s*下同\s*)?$")
RIDER_MARK = "列首位者为牵头单位"
_LABELS = {"牵头单位": LEAD, "参与单位": PARTICIPANT}
_LABEL_PART = re.compile(r"^(牵头单位|参与单位)[:：](.*)$", re.S)
_RESPONSIBLE = "负责"
_ROLE_SEPARATORS = ";；"
#: ``(A、B、C负责)`` reads its list as a 责任单位 line does: the first listed unit leads, the rest participate.
FIRST_LISTED_LABEL = "责任单位"


@dataclass(frozen=True)
class Clause:
    """A responsibility clause: ``text`` exactly as printed (brackets included) at ``start`` of the item."""

    text: str
    start: int

    @property
    def inner(self) -> str:
        return self.text[1:-1]

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Assignment:
    """One unit named in a clause; ``offset`` is where ``name_as_written`` starts within the clause text."""

    role: str
    position: int
    name_as_written: str
    list_open_ended: bool
    offset: int


def _bracket_group_at_end(text: str) -> tuple[int, int] | None:
    """(start, end) of the bracketed group that closes ``text``, matched backwards; None if none or unbalanced."""
    end = len(text.rstrip())
    if end == 0 or text[end - 1] not in CLOSE:
        return None
    stack: list[str] = []
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _OPENERS:
            if not stack or (stack[-1] != ch and not (ch in OPEN and stack[-1] in OPEN)):
                return None
            stack.pop()
            if not stack:
                return i, end
    return None


def _strip_rider(inner: str) -> str:
    return RIDER.sub("", inner.rstrip())


def is_responsibility(inner: str) -> bool:
    """Whether a bracket's inner text is a responsibility clause (rather than e.g. a citation)."""
    body = _strip_rider(inner).strip()
    return body.startswith(tuple(_LABELS)) or body.endswith(_RESPONSIBLE)


def find_responsibility_clause(text: str) -> Clause | None:
    """The responsibility clause closing an item's ``text``, or None when the item has none."""
    span = _bracket_group_at_end(text)
    if span is None:
        return None
    start, end = span
    clause = Clause(text=text[start:end], start=start)
    return clause if is_responsibility(clause.inner) else None


def detect_convention(first_clause_text: str, *, path: str = "<text>", line: int | None = None) -> str:
    """The convention of a document, from its first clause: the rider means ``first_listed_leads``."""
    inner = _inner(first_clause_text)
    if RIDER_MARK in inner:
        return FIRST_LISTED_LEADS
    if inner.strip().startswith(tuple(_LABELS)):
        return LABELLED
    raise SourceError(path, line, "a first responsibility clause starting with 牵头单位: or announcing "
                                  "列首位者为牵头单位", first_clause_text)


def _inner(clause_text: str) -> str:
    text = clause_text.strip()
    if text[:1] in OPEN and text[-1:] in CLOSE:
        return text[1:-1]
    return text


def _read(segment: str, base: int, label: str, what: str, fail, counts: dict[str, int]) -> list[Assignment]:
    """The units of one list of a clause, read by ``responsibility_forms.read_units`` with the reading of
    ``label`` (the form table); offsets relative to the clause text (``base``: where the list starts)."""
    body = segment.rstrip()
    if not body.removesuffix(OPEN_ENDED).strip():
        fail(f"at least one unit name in the {what} list")
    found = read_units(segment, FORMS_BY_LABEL[label].reading, counts)
    if found is None:
        fail(f"unit names separated by single 、 in the {what} list (found an empty name)")
    return [Assignment(m.role, m.position, m.name_as_written, m.list_open_ended, base + m.offset)
            for m in found or ()]


def parse_clause(clause_text: str, convention: str, *, path: str = "<text>",
                 line: int | None = None) -> list[Assignment]:
    """Assignments of one clause (brackets optional) under ``convention``, in printed order."""

    def fail(expected: str) -> None:
        raise SourceError(path, line, f"{expected} in a {convention} responsibility clause", clause_text)

    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; expected one of {CONVENTIONS}")
    text = clause_text.strip()
    offset = len(clause_text) - len(clause_text.lstrip()) + (1 if text[:1] in OPEN else 0)
    inner = _inner(clause_text)
    out: list[Assignment] = []
    counts: dict[str, int] = {}
    if convention == LABELLED:
        seen: list[str] = []
        start = 0
        parts: list[tuple[str, int]] = []
        for i, ch in enumerate(inner + ";"):
            if ch in _ROLE_SEPARATORS:
                parts.append((inner[start:i], start))
                start = i + 1
        for part, at in parts:
            m = _LABEL_PART.match(part.strip())
            if not m:
                fail("parts of the form 牵头单位:… or 参与单位:… separated by ;")
            role = _LABELS[m.group(1)]
            if role in seen or (role == PARTICIPANT and LEAD not in seen):
                fail("one 牵头单位 part, then at most one 参与单位 part")
            seen.append(role)
            list_at = offset + at + (len(part) - len(part.lstrip())) + len(m.group(1)) + 1
            out += _read(m.group(2), list_at, m.group(1), m.group(1), fail, counts)
        return out
    body = _strip_rider(inner)
    if not body.endswith(_RESPONSIBLE):
        fail("a unit list ending in 负责")
    return _read(body[: -len(_RESPONSIBLE)], offset, FIRST_LISTED_LABEL, "负责", fail, counts)
