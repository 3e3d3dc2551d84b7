"""Articles (第X条) of a document, from its ``sections`` rows: one row per article with its chapter.

The section parser keeps an article as an item (marker 第X条) and nests under it the paragraphs (款) and
numbered 项 that follow it, and nests articles under their chapter heading (第X章). An article's text is its
own text without the marker and every row nested under it, in printed order, joined with nothing between
them; its lines run from the article's first line to the last line of its last nested row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.parse.patterns import MARKERS, chinese_numeral
from pipeline.parse.sections import descendants

ARTICLE = MARKERS["article"]
CHAPTER = MARKERS["chapter"]


def _chapter(row: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> tuple[int | None, str | None]:
    """(chapter number, chapter title) of the chapter heading above an article, or (None, None)."""
    parent = by_id.get(row["parent_id"])
    while parent is not None:
        if parent["marker"] and (m := CHAPTER.match(parent["marker"])):
            return chinese_numeral(m.group(2)), parent["text"][len(parent["marker"]):] or None
        parent = by_id.get(parent["parent_id"])
    return None, None


def build_articles(sections: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Article rows (without issue_id) for the section rows of an issue."""
    by_id = {row["section_id"]: row for row in sections}
    counts: dict[str, int] = {}
    out = []
    for i, row in enumerate(sections):
        m = ARTICLE.match(row["marker"] or "") if row["kind"] == "item" else None
        if m is None:
            continue
        nested = descendants(sections, i)
        counts[row["document_id"]] = counts.get(row["document_id"], 0) + 1
        chapter_no, chapter_title = _chapter(row, by_id)
        out.append({
            "article_id": f"{row['document_id']}-a{counts[row['document_id']]:03d}",
            "document_id": row["document_id"],
            "section_id": row["section_id"],
            "chapter_no": chapter_no,
            "chapter_title": chapter_title,
            "article_no": chinese_numeral(m.group(2)),
            "text": row["text"][len(row["marker"]):].lstrip() + "".join(r["text"] for r in nested),
            "line_start": row["line_start"],
            "line_end": max(r["line_end"] for r in (row, *nested)),
        })
    return out
