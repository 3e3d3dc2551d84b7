"""Responsibility printed on the lines after a task item (``牵头单位:…``, ``责任单位:…``, ``配合单位:…``).

The section parser keeps each such line as its own paragraph nested under the item (a responsibility line
is structural, so it never joins the paragraph before it); here the paragraphs of one task that are
responsibility lines (``responsibility_forms.match_line``) are read together: positions run on within each
role across the lines, ``responsibility_text`` is the lines joined as the task text joins its parts (with
nothing between them), ``convention`` is that of the first line's form. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.parse.responsibility_forms import UnitMention, match_line, read_units
from pipeline.text.lines import Line
from pipeline.text.offsets import char_lines


def responsibility_parts(parts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The paragraphs among a task's nested ``parts`` (item excluded) that are responsibility lines."""
    return [p for p in parts if p["kind"] == "paragraph" and match_line(p["text"])]


@dataclass
class LineReading:
    text: str
    convention: str
    mentions: list[tuple[UnitMention, int]] = field(default_factory=list)
    #: (line text, raw line) of each line whose list could not be read
    unread: list[tuple[str, int]] = field(default_factory=list)


def read_lines(parts: Sequence[Mapping[str, Any]], lines_by_number: Mapping[int, Line]) -> LineReading:
    """The units of a task's responsibility-line paragraphs (``responsibility_parts``, at least one)."""
    first = match_line(parts[0]["text"])
    assert first is not None
    reading = LineReading("".join(p["text"] for p in parts), first[0].convention)
    counts: dict[str, int] = {}
    for part in parts:
        form, listed, offset = match_line(part["text"])  # type: ignore[misc]
        joined, where = char_lines(lines_by_number, part["line_start"], part["line_end"])
        found = read_units(listed, form.reading, counts) if joined == part["text"] else None
        if found is None:
            reading.unread.append((part["text"], part["line_start"]))
            continue
        reading.mentions += [(m, where[offset + m.offset]) for m in found]
    return reading
