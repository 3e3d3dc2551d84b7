"""Review notes: what a parser could not resolve, collected while parsing and published as ``review_items``.

Parsers never stop on an unknown (see ``pipeline.schema.tables_review``): they publish what they can and
return a ``ReviewNote`` per occurrence. ``review_rows`` folds the notes of one issue into one row per
(kind, text as written), keeping the first occurrence's line and document and counting the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.schema.tables_review import REVIEW_ITEMS, REVIEW_KINDS


@dataclass(frozen=True)
class ReviewNote:
    kind: str
    text: str
    line: int
    detail: str
    document_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in REVIEW_KINDS:
            raise ValueError(f"unknown review kind {self.kind!r}")


def review_rows(issue_id: str, notes: Iterable[ReviewNote]) -> list[dict[str, Any]]:
    """One ``review_items`` row per distinct (kind, text), first occurrence by line, in line order."""
    first: dict[tuple[str, str], ReviewNote] = {}
    count: dict[tuple[str, str], int] = {}
    for note in sorted(notes, key=lambda n: (n.line, n.kind, n.text)):
        key = (note.kind, note.text)
        first.setdefault(key, note)
        count[key] = count.get(key, 0) + 1
    rows = [{
        "issue_id": issue_id,
        "kind": note.kind,
        "text": note.text,
        "document_id": note.document_id,
        "line": note.line,
        "occurrences": count[key],
        "detail": note.detail,
        "suggested_action": REVIEW_KINDS[note.kind],
    } for key, note in first.items()]
    return [{c: row[c] for c in REVIEW_ITEMS.column_names} for row in rows]
