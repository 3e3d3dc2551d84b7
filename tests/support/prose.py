"""Building targets and number mentions from one synthetic paragraph, for the target tests."""

from __future__ import annotations

from typing import Any

from pipeline.parse.targets import build_targets
from pipeline.text.lines import split_lines

PATH = "raw/gazette/zjzfgb-2016-26.txt"


def pick(row: dict[str, Any], *columns: str) -> tuple:
    return tuple(row[c] for c in columns)


def section(text: str, kind: str = "item", marker: str | None = "(一)", document_id: str = "zjzf-2016-24",
            ) -> tuple[list[dict[str, Any]], list]:
    """One sections row over the lines of ``text`` (lines separated by \\n, a blank line = a page break)."""
    lines = split_lines(text + "\n")
    joined = "".join(ln.clean for ln in lines if not ln.blank)
    row = {"section_id": f"{document_id}-p001", "document_id": document_id, "position": 1, "part": "body",
           "kind": kind, "parent_id": None, "level": 1, "marker": marker, "ordinal": 1, "heading": None,
           "text": joined, "line_start": 1, "line_end": len(lines)}
    return [row], lines


def build(text: str, links: list[dict[str, str]] | None = None, **options: Any):
    """(targets, number_mentions) of one synthetic paragraph."""
    out = build_notes(text, links, **options)
    return out.targets, out.number_mentions


def build_notes(text: str, links: list[dict[str, str]] | None = None, **options: Any):
    rows, lines = section(text, **options)
    return build_targets(rows, [], lines, links or [], PATH)
