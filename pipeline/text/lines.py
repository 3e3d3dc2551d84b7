"""The line model: every fragment of text keeps the raw line number(s) it came from.

``Line`` is one physical line of a raw file (1-based ``number``) with its untouched ``raw`` text and its
``clean`` text (spaces folded, see ``normalise``). A row rejoined from several lines (across page breaks)
names the span as ``line_start``/``line_end``, so every rejoin decision stays visible.
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


def split_lines(text: str) -> list[Line]:
    """Split decoded text into ``Line`` objects; a final newline does not make an extra line."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    return [Line(number=i, raw=raw, clean=fold_spaces(raw).strip()) for i, raw in enumerate(physical, start=1)]
