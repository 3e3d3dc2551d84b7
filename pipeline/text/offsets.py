"""Character offsets of rejoined text mapped back to raw line numbers.

A ``sections`` row's text is its non-blank cleaned lines joined across page breaks (``pipeline.parse.sections``),
so a character offset into that text says nothing about the raw line it was printed on. ``char_lines`` rebuilds
the joined text of a line range with the raw line of every character; ``align_lines`` does the same for a text
that a parser assembled from that range with whitespace separators between some lines (the attachment list
joins its lines with a space), and refuses any other difference.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.base.errors import SourceError
from pipeline.text.lines import Line


def char_lines(lines_by_number: Mapping[int, Line], start: int, end: int) -> tuple[str, list[int]]:
    """The non-blank clean lines start..end joined, and the raw line number of every character."""
    text: list[str] = []
    where: list[int] = []
    for number in range(start, end + 1):
        line = lines_by_number[number]
        if not line.blank:
            text.append(line.clean)
            where += [number] * len(line.clean)
    return "".join(text), where


def align_lines(text: str, lines_by_number: Mapping[int, Line], start: int, end: int, path: str) -> list[int]:
    """The raw line of every character of ``text``, which must be the clean lines start..end in order with
    nothing but whitespace between them (a separator character counts as part of the line before it).

    Raises ``SourceError`` (naming the first line that cannot be found) if ``text`` is anything else.
    """
    where: list[int] = []
    pos = 0
    for number in range(start, end + 1):
        line = lines_by_number[number]
        if line.blank:
            continue
        found = text.find(line.clean, pos)
        if found < 0 or text[pos:found].strip():
            raise SourceError(path, number, f"the text of lines {start}-{end} to contain this line's clean text "
                                            "in order (internal check)", text[pos:pos + 40])
        if where:
            where += [where[-1]] * (found - pos)
        else:
            where += [number] * (found - pos)
        where += [number] * len(line.clean)
        pos = found + len(line.clean)
    if text[pos:].strip():
        raise SourceError(path, end, f"the text of lines {start}-{end} to end with line {end} (internal check)",
                          text[pos:pos + 40])
    where += [where[-1] if where else end] * (len(text) - pos)
    return where
