"""The line model: every fragment of text keeps the raw line number(s) it came from.

``Line`` is one physical line of a raw file (1-based ``number``) with its untouched ``raw`` text and its
``clean`` text (spaces folded, see ``normalise``). ``Paragraph`` is one or more raw lines rejoined across
page breaks; its ``line_start``/``line_end`` span makes every rejoin decision visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.text.normalise import fold_spaces


@dataclass(frozen=True)
class Line:
    number: int
    raw: str
    clean: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


@dataclass(frozen=True)
class Paragraph:
    """Consecutive raw lines joined into one logical paragraph (``text`` is cleaned)."""

    lines: tuple[Line, ...]
    text: str

    @property
    def line_start(self) -> int:
        return self.lines[0].number

    @property
    def line_end(self) -> int:
        return self.lines[-1].number


def split_lines(text: str) -> list[Line]:
    """Split decoded text into ``Line`` objects; a final newline does not make an extra line."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    return [Line(number=i, raw=raw, clean=fold_spaces(raw).strip()) for i, raw in enumerate(physical, start=1)]
